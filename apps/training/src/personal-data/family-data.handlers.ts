import { familyDataHandlers, type FamilyDataPlan } from '@jembatan/service-kit';

const PLAN: FamilyDataPlan = {
  scopeSql: `SELECT assistant_id AS "assistantId", village_code AS "villageCode" FROM family WHERE kpm_id = $1::uuid`,
  tables: {
    family: `SELECT * FROM family WHERE kpm_id = $1::uuid`,
    p2k2_attendance: `SELECT a.*, s.module, s.session_no, s.starts_at, s.place
                      FROM p2k2_attendance a JOIN p2k2_session s ON s.id = a.session_id
                      WHERE a.kpm_id = $1::uuid ORDER BY s.starts_at`,
    nomination: `SELECT * FROM nomination WHERE kpm_id = $1::uuid ORDER BY created_at`,
    training_attendance: `SELECT t.* FROM training_attendance t JOIN nomination n ON n.id = t.nomination_id
                          WHERE n.kpm_id = $1::uuid ORDER BY t.meeting_no`,
    mentoring_plan: `SELECT * FROM mentoring_plan WHERE kpm_id = $1::uuid ORDER BY started_on`,
    mentoring_log: `SELECT l.* FROM mentoring_log l JOIN mentoring_plan p ON p.id = l.plan_id
                    WHERE p.kpm_id = $1::uuid ORDER BY l.at`,
  },
};

/** The family's right of access: P2K2 attendance, nominations and mentoring. */
export const FamilyDataHandlers = familyDataHandlers('training', PLAN);
