import { familyDataHandlers, type FamilyDataPlan } from '@jembatan/service-kit';

const PLAN: FamilyDataPlan = {
  scopeSql: `SELECT assistant_id AS "assistantId", village_code AS "villageCode" FROM family WHERE kpm_id = $1::uuid`,
  tables: {
    family: `SELECT * FROM family WHERE kpm_id = $1::uuid`,
    completed_training: `SELECT * FROM completed_training WHERE kpm_id = $1::uuid`,
    capital_referral: `SELECT * FROM capital_referral WHERE kpm_id = $1::uuid ORDER BY created_at`,
    capital_referral_change: `SELECT c.* FROM capital_referral_change c
                              JOIN capital_referral r ON r.id = c.referral_id
                              WHERE r.kpm_id = $1::uuid ORDER BY c.at`,
    consent: `SELECT c.* FROM consent c JOIN capital_referral r ON r.id = c.referral_id
              WHERE r.kpm_id = $1::uuid ORDER BY c.given_at`,
    instalment: `SELECT i.* FROM instalment i JOIN capital_referral r ON r.id = i.referral_id
                 WHERE r.kpm_id = $1::uuid ORDER BY i.referral_id, i.no`,
    payment: `SELECT p.* FROM payment p JOIN capital_referral r ON r.id = p.referral_id
              WHERE r.kpm_id = $1::uuid ORDER BY p.paid_on`,
    // The family's own lines in its group's savings ledger, and any it kept as treasurer.
    savings_entry: `SELECT * FROM savings_entry
                    WHERE member_kpm_id = $1::uuid OR recorded_by_kpm_id = $1::uuid ORDER BY recorded_at`,
    savings_treasurer: `SELECT * FROM savings_treasurer WHERE kpm_id = $1::uuid ORDER BY appointed_at`,
  },
};

/** The family's right of access: capital referrals, loans, consents and savings lines. */
export const FamilyDataHandlers = familyDataHandlers('microcredit', PLAN);
