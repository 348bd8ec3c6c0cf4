import { familyAnonymiser } from '@jembatan/service-kit';

/** The retention rule (kpm.anonymised): $1 the family, $2 the name that replaces names. */
export const FamilyAnonymiser = familyAnonymiser([
  `UPDATE family_profile SET head_name = $2 WHERE kpm_id = $1::uuid`,
  `UPDATE referral SET consent_given_by = $2, note = NULL WHERE kpm_id = $1::uuid`,
  // A photo of the family's product can show the family.
  `DELETE FROM product_photo WHERE product_id IN (SELECT id FROM product WHERE kpm_id = $1::uuid)`,
  `UPDATE product SET photo_type = NULL WHERE kpm_id = $1::uuid`,
]);
