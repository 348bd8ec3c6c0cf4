import { Injectable } from '@nestjs/common';
import type { CommandPayload, CommandResponse } from '@jembatan/contracts';
import { HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { PrismaService } from '../database/prisma.service.js';
import { listScope, villageWithin } from '../families/family.access.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The follow-up visits an assistant owes graduated families (3, 6 and 12 months after): what
 * is late or due soon across the caseload, so the visits are planned rather than found on
 * each family's page. Coordinators and the Dinas see their region's.
 */
@Injectable()
export class DueFollowUpsHandlers {
  @HandleCommand('caseload.follow-up.due')
  async due(
    input: CommandPayload<'caseload.follow-up.due'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'caseload.follow-up.due'>> {
    const scope = listScope(actor);
    const today = dayOf(new Date());
    const until = new Date(Date.parse(`${today}T00:00:00Z`) + input.withinDays * DAY_MS);
    const where = {
      recordedAt: null,
      dueOn: { lte: until },
      kpm: {
        anonymisedAt: null, // an anonymised family is nobody to visit
        ...(scope.assistantId ? { assistantId: scope.assistantId } : {}),
        ...(scope.regionPrefix ? villageWithin(scope.regionPrefix) : {}),
      },
    };
    const [total, rows] = await Promise.all([
      tx.followUp.count({ where }),
      tx.followUp.findMany({
        where,
        include: { kpm: { select: { headName: true, villageCode: true, assistantId: true } } },
        orderBy: [{ dueOn: 'asc' }, { kpm: { headName: 'asc' } }],
        take: input.limit,
      }),
    ]);
    return {
      total,
      items: rows.map((row) => ({
        followUpId: row.id,
        kpmId: row.kpmId,
        headName: row.kpm.headName,
        villageCode: row.kpm.villageCode,
        assistantId: row.kpm.assistantId,
        monthsAfter: row.monthsAfter,
        dueOn: dayOf(row.dueOn),
        overdue: dayOf(row.dueOn) < today,
      })),
    };
  }
}
