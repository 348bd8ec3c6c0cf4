import { familyAnonymiser } from '@jembatan/service-kit';

/** The retention rule (kpm.anonymised): $1 the family, $2 the name that replaces names. */
export const FamilyAnonymiser = familyAnonymiser([
  `UPDATE family SET head_name = $2 WHERE kpm_id = $1::uuid`,
  `UPDATE consent SET given_by = $2
   WHERE referral_id IN (SELECT id FROM capital_referral WHERE kpm_id = $1::uuid)`,
  // The lender's survey and the business plan describe the household in its own words.
  `UPDATE capital_referral SET survey_note = NULL, business_plan = NULL WHERE kpm_id = $1::uuid`,
  `UPDATE savings_entry SET member_name = $2 WHERE member_kpm_id = $1::uuid`,
  `UPDATE savings_entry SET recorded_by_name = $2 WHERE recorded_by_kpm_id = $1::uuid`,
  `UPDATE savings_treasurer SET head_name = $2 WHERE kpm_id = $1::uuid`,
]);
