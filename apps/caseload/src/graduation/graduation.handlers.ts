import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  FOLLOW_UP_MONTHS,
  STAGE_TRANSITIONS,
  STAGES,
  isClosedStage,
  isWithinRegion,
  type CommandPayload,
  type CommandResponse,
  type Stage,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import { listScope, villageWithin } from '../families/family.access.js';
import { FamiliesHandlers } from '../families/families.handlers.js';
import { FamiliesRepository } from '../families/families.repository.js';
import { FamilyCards } from '../families/family-cards.js';
import { toAssessmentView } from '../families/family.views.js';
import { CriteriaRepository } from './criteria.repository.js';
import { ReadinessService } from './readiness.service.js';

function addMonths(date: Date, months: number): Date {
  const due = new Date(date);
  due.setUTCMonth(due.getUTCMonth() + months);
  return due;
}

/** Assessments, the graduation pipeline and its criteria. */
@Injectable()
export class GraduationHandlers {
  constructor(
    private readonly families: FamiliesRepository,
    private readonly profiles: FamiliesHandlers,
    private readonly criteria: CriteriaRepository,
    private readonly readiness: ReadinessService,
    private readonly cards: FamilyCards,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  @HandleCommand('caseload.assessment.record')
  async assess(
    input: CommandPayload<'caseload.assessment.record'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.assessment.record'>> {
    const { actor, tx } = context;
    const family = await this.families.lockForChange(tx, input.kpmId, actor);
    const { instrument, version, answers, assessedOn, verified, notes } = input.assessment;
    const assessment = await tx.assessment.create({
      data: {
        id: randomUUID(),
        kpmId: family.id,
        instrument,
        instrumentVersion: version,
        assessedOn: new Date(`${assessedOn}T00:00:00Z`),
        verified,
        notes: notes ?? null,
        answers,
        recordedBy: actor.userId,
      },
    });
    const readiness = await this.readiness.refresh(tx, family.id);
    await context.emit({
      type: 'kpm.assessed',
      version: 1,
      aggregateId: family.id,
      payload: {
        kpmId: family.id,
        assessmentId: assessment.id,
        instrument,
        instrumentVersion: version,
        assessedOn,
        verified,
        readinessScore: readiness.score,
        ready: readiness.ready,
      },
    });
    // Trainings, tutors and partners' offers match on the business and the needs.
    if (instrument === 'business' || instrument === 'needs')
      await this.cards.publish(context, family.id);
    return { assessment: toAssessmentView(assessment), readiness };
  }

  @HandleCommand('caseload.stage.move')
  async move(
    input: CommandPayload<'caseload.stage.move'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.stage.move'>> {
    const { actor, tx } = context;
    const family = await this.families.lockForChange(tx, input.kpmId, actor);
    const from = family.stage as Stage;
    if (!STAGE_TRANSITIONS[from].includes(input.to)) {
      throw new DomainError(
        409,
        'stage-transition-not-allowed',
        `A family cannot move from ${from} to ${input.to}`,
        [
          {
            path: 'to',
            message: `allowed from ${from}: ${STAGE_TRANSITIONS[from].join(', ') || 'none'}`,
          },
        ],
      );
    }
    const readiness = await this.readiness.refresh(tx, family.id);
    // Self-reliant graduation is the claim the programme is judged by: it needs every essential criterion.
    if (input.to === 'graduated-self-reliant' && !readiness.essentialsMet) {
      const unmet = readiness.factors.filter((f) => f.kind === 'essential' && !f.met);
      throw new DomainError(
        422,
        'essentials-not-met',
        'A self-reliant graduation needs every essential criterion met',
        unmet.map((f) => ({ path: `criteria.${f.key}`, message: f.observed })),
      );
    }
    const now = new Date();
    await tx.stageChange.create({
      data: {
        kpmId: family.id,
        fromStage: from,
        toStage: input.to,
        reason: input.reason,
        score: readiness.score,
        explanation: readiness,
        actorId: actor.userId,
        actorRole: actor.role,
        at: now,
      },
    });
    await this.families.update(
      tx,
      family.id,
      { stage: input.to, stageChangedAt: now },
      {
        action: `stage:${from}->${input.to}`,
        reason: input.reason,
        actor,
        correlationId: context.correlationId,
      },
    );
    if (input.to === 'graduated-self-reliant' || input.to === 'graduated-natural') {
      await tx.followUp.createMany({
        data: FOLLOW_UP_MONTHS.map((months) => ({
          id: randomUUID(),
          kpmId: family.id,
          monthsAfter: months,
          dueOn: addMonths(now, months),
        })),
      });
    }
    await context.emit({
      type: 'kpm.stage-changed',
      version: 1,
      aggregateId: family.id,
      payload: {
        kpmId: family.id,
        assistantId: family.assistantId,
        villageCode: family.villageCode,
        from,
        to: input.to,
        readinessScore: readiness.score,
        changedAt: now.toISOString(),
      },
    });
    await this.cards.publish(context, family.id);
    return this.profiles.profileFor(tx, family.id, actor, readiness);
  }

  @HandleCommand('caseload.follow-up.record')
  async recordFollowUp(
    input: CommandPayload<'caseload.follow-up.record'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.follow-up.record'>> {
    const { actor, tx } = context;
    const family = await this.families.lockForChange(tx, input.kpmId, actor);
    const followUp = await tx.followUp.findFirst({
      where: { id: input.followUpId, kpmId: family.id },
    });
    if (!followUp) throw new DomainError(404, 'not-found', 'No such follow-up for this family');
    if (followUp.recordedAt)
      throw new DomainError(409, 'already-recorded', 'This follow-up was already recorded');
    const saved = await tx.followUp.update({
      where: { id: followUp.id },
      data: {
        outcome: input.outcome,
        notes: input.notes,
        recordedBy: actor.userId,
        recordedAt: new Date(),
      },
    });
    await this.families.audit(tx, family.id, {
      action: `follow-up:${saved.monthsAfter}m`,
      reason: `${input.outcome}: ${input.notes}`,
      actor,
      correlationId: context.correlationId,
    });
    return {
      id: saved.id,
      monthsAfter: saved.monthsAfter,
      dueOn: saved.dueOn.toISOString().slice(0, 10),
      outcome: input.outcome,
      notes: saved.notes,
      recordedAt: saved.recordedAt?.toISOString() ?? null,
    };
  }

  @HandleCommand('caseload.criteria.get')
  async getCriteria(
    input: CommandPayload<'caseload.criteria.get'>,
    { tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'caseload.criteria.get'>> {
    if (!this.regions.get(input.regionCode))
      throw new DomainError(404, 'not-found', `No region ${input.regionCode}`);
    const effective = await this.criteria.effectiveFor(tx, input.regionCode);
    return {
      ...effective.set,
      regionCode: effective.regionCode,
      updatedBy: effective.updatedBy,
      updatedAt: effective.updatedAt?.toISOString() ?? null,
    };
  }

  @HandleCommand('caseload.criteria.set')
  async setCriteria(
    input: CommandPayload<'caseload.criteria.set'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.criteria.set'>> {
    const allowed =
      actor.role === 'admin' ||
      ((actor.role === 'coordinator' || actor.role === 'dinas') &&
        actor.regionCode !== null &&
        isWithinRegion(input.regionCode, actor.regionCode));
    if (!allowed)
      throw new DomainError(
        403,
        'forbidden',
        "Only the region's coordinators, its Dinas and admins set its criteria",
      );
    if (!this.regions.get(input.regionCode))
      throw new DomainError(404, 'not-found', `No region ${input.regionCode}`);
    const { regionCode, ...set } = input;
    await this.criteria.save(tx, regionCode, set, actor);
    // Stored scores of the region's open families follow the new criteria at once.
    const open = await tx.kpm.findMany({
      where: {
        ...villageWithin(regionCode),
        stage: { in: ['active', 'potential', 'candidate'] },
      },
      select: { id: true },
    });
    for (const { id } of open) await this.readiness.refresh(tx, id);
    return { ...set, regionCode, updatedBy: actor.userId, updatedAt: new Date().toISOString() };
  }

  @HandleCommand('caseload.graduation.board')
  async board(
    input: CommandPayload<'caseload.graduation.board'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'caseload.graduation.board'>> {
    const scope = listScope(actor);
    const region = input.regionCode ?? scope.regionPrefix;
    if (region && scope.regionPrefix && !isWithinRegion(region, scope.regionPrefix))
      throw new DomainError(403, 'forbidden', 'That region is outside your scope');
    const where = {
      ...(scope.assistantId
        ? { assistantId: scope.assistantId }
        : input.assistantId
          ? { assistantId: input.assistantId }
          : {}),
      ...(region ? villageWithin(region) : {}),
    };
    const openStages = STAGES.filter((stage) => !isClosedStage(stage));
    const columns = await Promise.all(
      openStages.map(async (stage) => {
        const [total, families] = await Promise.all([
          tx.kpm.count({ where: { ...where, stage } }),
          tx.kpm.findMany({
            where: { ...where, stage },
            orderBy: [{ readinessScore: { sort: 'desc', nulls: 'last' } }, { headName: 'asc' }],
            take: input.perStage,
            include: { members: true, assessments: true, signals: true },
          }),
        ]);
        const readiness = await this.readiness.evaluateAll(tx, families);
        const cards = families.map((family, index) => ({
          id: family.id,
          headName: family.headName,
          villageCode: family.villageCode,
          assistantId: family.assistantId,
          readiness: readiness[index]!,
        }));
        return { stage, total, cards };
      }),
    );
    return { columns };
  }
}
