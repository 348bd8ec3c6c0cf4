import { RESTRICTED_CASE_KINDS, type Actor } from '@jembatan/contracts';
import { familyDataHandlers, type FamilyDataPlan } from '@jembatan/service-kit';

/** Child protection cases reach the family's assistant, coordinators and admins only. */
const seesRestrictedCases = (actor: Actor) =>
  actor.role === 'admin' || actor.role === 'coordinator' || actor.role === 'assistant';

const RESTRICTED = RESTRICTED_CASE_KINDS.map((kind) => `'${kind}'`).join(', ');

function planFor(actor: Actor): FamilyDataPlan {
  // Cases of the restricted kinds (and their notes) are left out for everyone else.
  const caseFilter = seesRestrictedCases(actor) ? '' : ` AND kind NOT IN (${RESTRICTED})`;
  return {
    owner: true,
    scopeSql: `SELECT assistant_id AS "assistantId", village_code AS "villageCode" FROM kpm WHERE id = $1::uuid`,
    tables: {
      kpm: `SELECT * FROM kpm WHERE id = $1::uuid`,
      kpm_member: `SELECT * FROM kpm_member WHERE kpm_id = $1::uuid ORDER BY relation, name`,
      kpm_assignment: `SELECT * FROM kpm_assignment WHERE kpm_id = $1::uuid ORDER BY from_at`,
      kpm_audit: `SELECT * FROM kpm_audit WHERE kpm_id = $1::uuid ORDER BY at`,
      consent_withdrawal: `SELECT * FROM consent_withdrawal WHERE kpm_id = $1::uuid ORDER BY at`,
      stage_change: `SELECT * FROM stage_change WHERE kpm_id = $1::uuid ORDER BY at`,
      assessment: `SELECT * FROM assessment WHERE kpm_id = $1::uuid ORDER BY assessed_on`,
      follow_up: `SELECT * FROM follow_up WHERE kpm_id = $1::uuid ORDER BY due_on`,
      kpm_signals: `SELECT * FROM kpm_signals WHERE kpm_id = $1::uuid`,
      kpm_case: `SELECT * FROM kpm_case WHERE kpm_id = $1::uuid${caseFilter} ORDER BY opened_at`,
      case_note: `SELECT n.* FROM case_note n JOIN kpm_case c ON c.id = n.case_id
                  WHERE c.kpm_id = $1::uuid${caseFilter.replace('kind', 'c.kind')} ORDER BY n.at`,
      disbursement: `SELECT * FROM disbursement WHERE kpm_id = $1::uuid ORDER BY year, stage`,
      compliance_check: `SELECT * FROM compliance_check WHERE kpm_id = $1::uuid ORDER BY period`,
      ledger_entry: `SELECT * FROM ledger_entry WHERE kpm_id = $1::uuid ORDER BY "on"`,
    },
    identity: { kpm: { nik: 'nik', phone: 'phone' }, kpm_member: { nik: 'nik' } },
    withheldFor: () =>
      seesRestrictedCases(actor)
        ? []
        : [
            {
              table: 'kpm_case (child protection)',
              reason: "child protection cases go to the family's assistant and coordinators only",
            },
          ],
  };
}

/** The family's right of access: everything caseload holds about it. */
export const FamilyDataHandlers = familyDataHandlers('caseload', planFor);
