import { familyDataHandlers, type FamilyDataPlan } from '@jembatan/service-kit';

const PLAN: FamilyDataPlan = {
  scopeSql: `SELECT assistant_id AS "assistantId", village_code AS "villageCode" FROM family_profile WHERE kpm_id = $1::uuid`,
  tables: {
    family_profile: `SELECT * FROM family_profile WHERE kpm_id = $1::uuid`,
    completed_training: `SELECT * FROM completed_training WHERE kpm_id = $1::uuid ORDER BY completed_on`,
    referral: `SELECT * FROM referral WHERE kpm_id = $1::uuid ORDER BY created_at`,
    referral_change: `SELECT c.* FROM referral_change c JOIN referral r ON r.id = c.referral_id
                      WHERE r.kpm_id = $1::uuid ORDER BY c.changed_at`,
    referral_sale: `SELECT s.* FROM referral_sale s JOIN referral r ON r.id = s.referral_id
                    WHERE r.kpm_id = $1::uuid ORDER BY s.sold_on`,
    product: `SELECT * FROM product WHERE kpm_id = $1::uuid ORDER BY created_at`,
    // The photos themselves are served with the product; the export says they exist.
    product_photo: `SELECT ph.product_id, ph.uploaded_by, ph.uploaded_at, length(ph.bytes) AS bytes
                    FROM product_photo ph JOIN product p ON p.id = ph.product_id WHERE p.kpm_id = $1::uuid`,
  },
};

/** The family's right of access: the referrals, sales and products partners hold for it. */
export const FamilyDataHandlers = familyDataHandlers('partners', PLAN);
