import { familyAnonymiser } from '@jembatan/service-kit';

/** The retention rule (kpm.anonymised): $1 the family, $2 the name that replaces names. */
export const FamilyAnonymiser = familyAnonymiser([
  `UPDATE family SET head_name = $2 WHERE kpm_id = $1::uuid`,
  `UPDATE p2k2_attendance SET head_name = $2, note = NULL WHERE kpm_id = $1::uuid`,
  `UPDATE nomination SET head_name = $2, note = NULL WHERE kpm_id = $1::uuid`,
  `UPDATE mentoring_plan SET head_name = $2 WHERE kpm_id = $1::uuid`,
]);
