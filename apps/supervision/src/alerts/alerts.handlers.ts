import { Injectable } from '@nestjs/common';
import {
  isWithinRegion,
  type AlertView,
  type CommandPayload,
  type CommandResponse,
} from '@jembatan/contracts';
import {
  DomainError,
  HandleCommand,
  type CommandContext,
  type SqlClient,
} from '@jembatan/messaging';
import { AuditTrail } from '../attendance/audit.repository.js';
import type { Tx } from '../database/prisma.service.js';
import { isSupervisor, scopedRegion } from '../region-scope.js';
import { RosterRepository } from '../roster/roster.repository.js';
import { AlertsSweeper } from './alerts.sweeper.js';

type AlertRow = Omit<AlertView, 'raisedAt' | 'acknowledgedAt'> & {
  raisedAt: Date;
  acknowledgedAt: Date | null;
};
const ALERT_SELECT = `SELECT a.id, a.rule, a.assistant_id::text AS "assistantId",
    s.display_name AS "assistantName", a.region_code AS "regionCode", a.detail,
    a.raised_at AS "raisedAt", a.acknowledged_by AS "acknowledgedBy",
    a.acknowledged_at AS "acknowledgedAt", a.note
  FROM alert a LEFT JOIN staff_member s ON s.account_id = a.assistant_id`;
const alertView = (r: AlertRow): AlertView => ({
  ...r,
  raisedAt: r.raisedAt.toISOString(),
  acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
});

type NoteRow = {
  id: string;
  assistantId: string;
  authorId: string;
  authorName: string | null;
  note: string;
  followUpOn: string | null;
  createdAt: Date;
  doneAt: Date | null;
};
const NOTE_SELECT = `SELECT n.id, n.assistant_id::text AS "assistantId", n.author_id AS "authorId",
    s.display_name AS "authorName", n.note, to_char(n.follow_up_on, 'YYYY-MM-DD') AS "followUpOn",
    n.created_at AS "createdAt", n.done_at AS "doneAt"
  FROM coaching_note n LEFT JOIN staff_member s ON s.account_id::text = n.author_id`;
const noteView = (r: NoteRow) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  doneAt: r.doneAt?.toISOString() ?? null,
});

/** Alerts the rules raised, acknowledged by coordinators, and their coaching notes. */
@Injectable()
export class AlertsHandlers {
  constructor(
    private readonly sweeper: AlertsSweeper,
    private readonly roster: RosterRepository,
    private readonly audit: AuditTrail,
  ) {}

  @HandleCommand('supervision.alert.list')
  async list(
    input: CommandPayload<'supervision.alert.list'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.alert.list'>> {
    if (!isSupervisor(actor))
      throw new DomainError(403, 'forbidden', 'Alerts are for coordinators and the Dinas');
    const region = scopedRegion(actor, input.regionCode);
    const rows = await tx.$queryRawUnsafe<AlertRow[]>(
      `${ALERT_SELECT}
       WHERE ($1::text IS NULL OR a.region_code = $1 OR a.region_code LIKE $1 || '.%')
         AND ($2::boolean = false OR a.acknowledged_at IS NULL)
       ORDER BY a.raised_at DESC LIMIT 500`,
      region,
      input.open,
    );
    return { items: rows.map(alertView) };
  }

  @HandleCommand('supervision.alert.acknowledge')
  async acknowledge(
    input: CommandPayload<'supervision.alert.acknowledge'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.alert.acknowledge'>> {
    if (!isSupervisor(actor))
      throw new DomainError(403, 'forbidden', 'Alerts are acknowledged by a coordinator');
    const alert = await this.alert(tx, input.alertId, true);
    if (
      !alert ||
      (actor.role !== 'admin' &&
        (actor.regionCode === null || !isWithinRegion(alert.regionCode, actor.regionCode)))
    )
      throw new DomainError(404, 'not-found', `No alert ${input.alertId} in your region`);
    if (alert.acknowledgedAt)
      throw new DomainError(409, 'acknowledged', `Already acknowledged at ${alert.acknowledgedAt}`);
    await tx.$executeRawUnsafe(
      `UPDATE alert SET acknowledged_by = $2, acknowledged_at = now(), note = $3 WHERE id = $1::uuid`,
      alert.id,
      actor.userId,
      input.note,
    );
    await this.audit.record(tx, {
      assistantId: alert.assistantId,
      day: null,
      action: 'alert-acknowledged',
      actor,
      reason: input.note,
      before: { rule: alert.rule, detail: alert.detail },
    });
    return (await this.alert(tx, alert.id)) as AlertView;
  }

  @HandleCommand('supervision.alert.evaluate')
  async evaluate(
    _input: CommandPayload<'supervision.alert.evaluate'>,
    { actor }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.alert.evaluate'>> {
    if (actor.role !== 'admin')
      throw new DomainError(403, 'forbidden', 'Only an admin runs the alert rules by hand');
    const raised = await this.sweeper.sweep();
    if (raised === null)
      throw new DomainError(409, 'sweeping', 'The rules are running already; try again shortly');
    return { raised };
  }

  @HandleCommand('supervision.coaching.add')
  async addNote(
    input: CommandPayload<'supervision.coaching.add'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.coaching.add'>> {
    if (!isSupervisor(actor))
      throw new DomainError(403, 'forbidden', 'Coaching notes are written by coordinators');
    await this.roster.supervisable(tx, actor, input.assistantId);
    const [row] = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO coaching_note (assistant_id, author_id, note, follow_up_on)
       VALUES ($1::uuid, $2, $3, $4::date) RETURNING id`,
      input.assistantId,
      actor.userId,
      input.note,
      input.followUpOn ?? null,
    );
    return (await this.note(tx, row!.id))!;
  }

  @HandleCommand('supervision.coaching.list')
  async listNotes(
    input: CommandPayload<'supervision.coaching.list'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.coaching.list'>> {
    await this.roster.supervisable(tx, actor, input.assistantId);
    const rows = await tx.$queryRawUnsafe<NoteRow[]>(
      `${NOTE_SELECT} WHERE n.assistant_id = $1::uuid
       ORDER BY n.done_at IS NOT NULL, n.follow_up_on NULLS LAST, n.created_at DESC`,
      input.assistantId,
    );
    return { items: rows.map(noteView) };
  }

  @HandleCommand('supervision.coaching.complete')
  async completeNote(
    input: CommandPayload<'supervision.coaching.complete'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.coaching.complete'>> {
    const note = await this.note(tx, input.noteId);
    if (!note) throw new DomainError(404, 'not-found', `No coaching note ${input.noteId}`);
    if (!isSupervisor(actor))
      throw new DomainError(403, 'forbidden', 'Follow-ups are closed by coordinators');
    await this.roster.supervisable(tx, actor, note.assistantId);
    await tx.$executeRawUnsafe(
      `UPDATE coaching_note SET done_at = coalesce(done_at, now()) WHERE id = $1::uuid`,
      note.id,
    );
    return (await this.note(tx, note.id))!;
  }

  private async alert(db: SqlClient, id: string, lock = false): Promise<AlertView | null> {
    const [row] = await db.$queryRawUnsafe<AlertRow[]>(
      `${ALERT_SELECT} WHERE a.id = $1::uuid${lock ? ' FOR UPDATE OF a' : ''}`,
      id,
    );
    return row ? alertView(row) : null;
  }

  private async note(db: SqlClient, id: string) {
    const [row] = await db.$queryRawUnsafe<NoteRow[]>(`${NOTE_SELECT} WHERE n.id = $1::uuid`, id);
    return row ? noteView(row) : null;
  }
}
