import { Injectable } from '@nestjs/common';
import type { DirectedTaskView } from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';

type TaskRow = Omit<DirectedTaskView, 'assignedAt' | 'doneAt' | 'overdue'> & {
  assignedAt: Date;
  doneAt: Date | null;
};

const TASK_SELECT = `SELECT t.id, t.assistant_id::text AS "assistantId", a.display_name AS "assistantName",
    t.assigned_by AS "assignedBy", b.display_name AS "assignedByName", t.title, t.detail,
    to_char(t.due_on, 'YYYY-MM-DD') AS "dueOn", t.assigned_at AS "assignedAt", t.done_at AS "doneAt",
    t.report
  FROM directed_task t
  LEFT JOIN staff_member a ON a.account_id = t.assistant_id
  LEFT JOIN staff_member b ON b.account_id::text = t.assigned_by`;

/** Directed tasks (tugas arahan), read with the names of who does and who assigned them. */
@Injectable()
export class TasksRepository {
  async insert(
    db: SqlClient,
    task: {
      assistantIds: string[];
      assignedBy: string;
      title: string;
      detail: string | null;
      dueOn: string;
    },
  ): Promise<string[]> {
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO directed_task (assistant_id, assigned_by, title, detail, due_on)
       SELECT id, $2, $3, $4, $5::date FROM unnest($1::uuid[]) AS id RETURNING id`,
      task.assistantIds,
      task.assignedBy,
      task.title,
      task.detail,
      task.dueOn,
    );
    return rows.map((r) => r.id);
  }

  async byIds(db: SqlClient, ids: readonly string[], today: string, lock = false) {
    const rows = await db.$queryRawUnsafe<TaskRow[]>(
      `${TASK_SELECT} WHERE t.id = ANY($1::uuid[]) ORDER BY a.display_name${lock ? ' FOR UPDATE OF t' : ''}`,
      ids,
    );
    return rows.map((r) => view(r, today));
  }

  /** Tasks of one assistant, or of every assistant in a region, due in [from, to]. */
  async list(
    db: SqlClient,
    scope: { assistantId: string } | { region: string | null },
    from: string,
    to: string,
    today: string,
  ) {
    const rows =
      'assistantId' in scope
        ? await db.$queryRawUnsafe<TaskRow[]>(
            `${TASK_SELECT} WHERE t.assistant_id = $1::uuid AND t.due_on BETWEEN $2::date AND $3::date
             ORDER BY t.due_on, t.assigned_at`,
            scope.assistantId,
            from,
            to,
          )
        : await db.$queryRawUnsafe<TaskRow[]>(
            `${TASK_SELECT}
             WHERE ($1::text IS NULL OR a.region_code = $1 OR a.region_code LIKE $1 || '.%')
               AND t.due_on BETWEEN $2::date AND $3::date
             ORDER BY t.due_on, a.display_name LIMIT 2000`,
            scope.region,
            from,
            to,
          );
    return rows.map((r) => view(r, today));
  }

  async complete(db: SqlClient, id: string, report: string): Promise<Date> {
    const [row] = await db.$queryRawUnsafe<{ doneAt: Date }[]>(
      `UPDATE directed_task SET done_at = now(), report = $2 WHERE id = $1::uuid RETURNING done_at AS "doneAt"`,
      id,
      report,
    );
    return row!.doneAt;
  }
}

function view(row: TaskRow, today: string): DirectedTaskView {
  return {
    ...row,
    assignedAt: row.assignedAt.toISOString(),
    doneAt: row.doneAt?.toISOString() ?? null,
    overdue: row.doneAt === null && row.dueOn < today,
  };
}
