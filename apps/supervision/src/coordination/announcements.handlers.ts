import { Injectable } from '@nestjs/common';
import {
  isWithinRegion,
  type AnnouncementView,
  type CommandPayload,
  type CommandResponse,
} from '@jembatan/contracts';
import {
  DomainError,
  HandleCommand,
  type CommandContext,
  type SqlClient,
} from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { isSupervisor, scopedRegion } from '../region-scope.js';

type Row = Omit<AnnouncementView, 'postedAt' | 'readAt'> & { postedAt: Date; readAt: Date | null };

const SELECT = `SELECT a.id, a.title, a.body, a.region_code AS "regionCode", a.author_id AS "authorId",
    s.display_name AS "authorName", a.posted_at AS "postedAt", a.recipients,
    (SELECT count(*)::int FROM announcement_receipt r WHERE r.announcement_id = a.id AND r.read_at IS NOT NULL) AS read,
    (SELECT r.read_at FROM announcement_receipt r WHERE r.announcement_id = a.id AND r.assistant_id::text = $1) AS "readAt"
  FROM announcement a LEFT JOIN staff_member s ON s.account_id::text = a.author_id`;

const view = (r: Row): AnnouncementView => ({
  ...r,
  postedAt: r.postedAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

/**
 * Kemensos, the Dinas or a coordinator tells every assistant of a region at once instead of a
 * relay chain of messages; each recipient's read receipt is kept.
 */
@Injectable()
export class AnnouncementsHandlers {
  @HandleCommand('supervision.announcement.post')
  async post(
    input: CommandPayload<'supervision.announcement.post'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.announcement.post'>> {
    if (!isSupervisor(actor))
      throw new DomainError(
        403,
        'forbidden',
        'Announcements come from Kemensos, the Dinas or coordinators',
      );
    const regionCode = scopedRegion(actor, input.regionCode);
    const [row] = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO announcement (title, body, region_code, author_id, recipients)
       VALUES ($1, $2, $3, $4, 0) RETURNING id`,
      input.title,
      input.body,
      regionCode,
      actor.userId,
    );
    // The recipients are the region's active assistants at the moment it is posted.
    const recipients = await tx.$executeRawUnsafe(
      `INSERT INTO announcement_receipt (announcement_id, assistant_id)
       SELECT $1::uuid, account_id FROM staff_member
       WHERE role = 'assistant' AND active
         AND ($2::text IS NULL OR region_code = $2 OR region_code LIKE $2 || '.%')`,
      row!.id,
      regionCode,
    );
    await tx.$executeRawUnsafe(
      `UPDATE announcement SET recipients = $2 WHERE id = $1::uuid`,
      row!.id,
      recipients,
    );
    return this.one(tx, actor.userId, row!.id) as Promise<AnnouncementView>;
  }

  @HandleCommand('supervision.announcement.list')
  async list(
    _input: CommandPayload<'supervision.announcement.list'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.announcement.list'>> {
    if (actor.role === 'partner') throw new DomainError(403, 'forbidden', 'Not for partners');
    const rows =
      actor.role === 'assistant'
        ? await tx.$queryRawUnsafe<Row[]>(
            `${SELECT} WHERE EXISTS (SELECT 1 FROM announcement_receipt r
               WHERE r.announcement_id = a.id AND r.assistant_id::text = $1)
             ORDER BY a.posted_at DESC LIMIT 100`,
            actor.userId,
          )
        : await tx.$queryRawUnsafe<Row[]>(
            `${SELECT} WHERE $2::text IS NULL OR a.region_code IS NULL OR a.region_code = $2
               OR a.region_code LIKE $2 || '.%' OR $2 LIKE a.region_code || '.%'
             ORDER BY a.posted_at DESC LIMIT 100`,
            actor.userId,
            actor.role === 'admin' ? null : actor.regionCode,
          );
    return { items: rows.map(view) };
  }

  @HandleCommand('supervision.announcement.read')
  async read(
    input: CommandPayload<'supervision.announcement.read'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.announcement.read'>> {
    const marked = await tx.$executeRawUnsafe(
      `UPDATE announcement_receipt SET read_at = coalesce(read_at, now())
       WHERE announcement_id = $1::uuid AND assistant_id::text = $2`,
      input.announcementId,
      actor.userId,
    );
    if (marked === 0)
      throw new DomainError(404, 'not-found', `No announcement ${input.announcementId} for you`);
    return (await this.one(tx, actor.userId, input.announcementId)) as AnnouncementView;
  }

  @HandleCommand('supervision.announcement.receipts')
  async receipts(
    input: CommandPayload<'supervision.announcement.receipts'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.announcement.receipts'>> {
    const announcement = await this.one(tx, actor.userId, input.announcementId);
    const sees =
      announcement &&
      isSupervisor(actor) &&
      (actor.role === 'admin' ||
        announcement.authorId === actor.userId ||
        (actor.regionCode !== null &&
          announcement.regionCode !== null &&
          isWithinRegion(announcement.regionCode, actor.regionCode)));
    if (!announcement || !sees)
      throw new DomainError(404, 'not-found', `No announcement ${input.announcementId} of yours`);
    const recipients = await tx.$queryRawUnsafe<
      { assistantId: string; name: string; regionCode: string | null; readAt: Date | null }[]
    >(
      `SELECT r.assistant_id::text AS "assistantId", coalesce(s.display_name, r.assistant_id::text) AS name,
              s.region_code AS "regionCode", r.read_at AS "readAt"
       FROM announcement_receipt r LEFT JOIN staff_member s ON s.account_id = r.assistant_id
       WHERE r.announcement_id = $1::uuid ORDER BY r.read_at IS NOT NULL, s.display_name LIMIT 5000`,
      announcement.id,
    );
    return {
      announcement,
      recipients: recipients.map((r) => ({ ...r, readAt: r.readAt?.toISOString() ?? null })),
    };
  }

  private async one(db: SqlClient, actorId: string, id: string): Promise<AnnouncementView | null> {
    const [row] = await db.$queryRawUnsafe<Row[]>(`${SELECT} WHERE a.id = $2::uuid`, actorId, id);
    return row ? view(row) : null;
  }
}
