import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  CASE_TRANSITIONS,
  type CaseStatus,
  type CommandPayload,
  type CommandResponse,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import { assertCanManage, listScope, villageWithin } from '../families/family.access.js';
import { FamiliesRepository } from '../families/families.repository.js';
import { canSeeCase } from './case.access.js';
import { toCaseView } from './case.views.js';

const CLOSING: readonly CaseStatus[] = ['resolved', 'closed'];
const WITH_NOTES = { notes: { orderBy: { at: 'asc' } } } as const;

/** Cases the assistant mediates, with a status workflow and a log of notes. */
@Injectable()
export class CasesHandlers {
  constructor(private readonly families: FamiliesRepository) {}

  @HandleCommand('caseload.case.open')
  async open(
    input: CommandPayload<'caseload.case.open'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.case.open'>> {
    const { actor, tx } = context;
    const family = await this.families.lockForChange(tx, input.kpmId, actor);
    const id = randomUUID();
    const created = await tx.kpmCase.create({
      data: {
        id,
        kpmId: family.id,
        kind: input.kind,
        summary: input.summary,
        openedBy: actor.userId,
      },
      include: WITH_NOTES,
    });
    await context.emit({
      type: 'case.opened',
      version: 1,
      aggregateId: family.id,
      payload: {
        caseId: id,
        kpmId: family.id,
        kind: input.kind,
        assistantId: family.assistantId,
        villageCode: family.villageCode,
        openedAt: created.openedAt.toISOString(),
      },
    });
    return toCaseView(created);
  }

  @HandleCommand('caseload.case.update')
  async update(
    input: CommandPayload<'caseload.case.update'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.case.update'>> {
    const { actor, tx } = context;
    const [locked] = await tx.$queryRaw<{ kpm_id: string }[]>`
      SELECT kpm_id FROM kpm_case WHERE id = ${input.caseId}::uuid FOR UPDATE`;
    const kpmCase = locked && (await tx.kpmCase.findUnique({ where: { id: input.caseId } }));
    const family = kpmCase && (await this.families.scope(tx, kpmCase.kpmId));
    if (!kpmCase || !family || !canSeeCase(actor, family, kpmCase.kind))
      throw new DomainError(404, 'not-found', 'No such case');
    assertCanManage(actor, family);
    const to = input.status;
    if (to && !CASE_TRANSITIONS[kpmCase.status as CaseStatus].includes(to)) {
      throw new DomainError(
        409,
        'case-transition-not-allowed',
        `A ${kpmCase.status} case cannot become ${to}`,
        [
          {
            path: 'status',
            message: `allowed: ${CASE_TRANSITIONS[kpmCase.status as CaseStatus].join(', ') || 'none'}`,
          },
        ],
      );
    }
    const closedAt = to && CLOSING.includes(to) ? new Date() : null;
    await tx.caseNote.create({
      data: { caseId: kpmCase.id, by: actor.userId, text: input.note, status: to ?? null },
    });
    const updated = await tx.kpmCase.update({
      where: { id: kpmCase.id },
      data: { ...(to ? { status: to } : {}), ...(closedAt ? { closedAt } : {}) },
      include: WITH_NOTES,
    });
    if (closedAt && to) {
      await context.emit({
        type: 'case.resolved',
        version: 1,
        aggregateId: family.id,
        payload: {
          caseId: kpmCase.id,
          kpmId: family.id,
          kind: kpmCase.kind as CommandResponse<'caseload.case.update'>['kind'],
          assistantId: family.assistantId,
          villageCode: family.villageCode,
          openedAt: kpmCase.openedAt.toISOString(),
          status: to as 'resolved' | 'closed',
          resolvedAt: closedAt.toISOString(),
        },
      });
    }
    return toCaseView(updated);
  }

  @HandleCommand('caseload.case.list')
  async list(
    input: CommandPayload<'caseload.case.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'caseload.case.list'>> {
    const scope = listScope(actor);
    const cases = await tx.kpmCase.findMany({
      where: {
        ...(input.kpmId ? { kpmId: input.kpmId } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(input.kind ? { kind: input.kind } : {}),
        kpm: {
          ...(scope.assistantId ? { assistantId: scope.assistantId } : {}),
          ...(scope.regionPrefix ? villageWithin(scope.regionPrefix) : {}),
        },
      },
      orderBy: { openedAt: 'desc' },
      take: 200,
      include: { ...WITH_NOTES, kpm: { select: { assistantId: true, villageCode: true } } },
    });
    return {
      items: cases.filter((c) => canSeeCase(actor, c.kpm, c.kind)).map(toCaseView),
    };
  }
}
