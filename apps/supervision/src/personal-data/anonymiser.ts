import { familyAnonymiser } from '@jembatan/service-kit';

/** The retention rule (kpm.anonymised): $1 the family, $2 the name that replaces names. */
export const FamilyAnonymiser = familyAnonymiser([
  // Where the family lives: home-visit coordinates and notes go; the visit itself stays counted.
  `UPDATE attendance_entry SET in_lat = NULL, in_lng = NULL, out_lat = NULL, out_lng = NULL,
   note = NULL WHERE ref_id = $1 AND kind = 'home-visit'`,
  `UPDATE activity_item SET detail = detail - 'note' WHERE ref_id = $1`,
]);
