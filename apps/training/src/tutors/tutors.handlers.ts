import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  regionsOverlap,
  type Actor,
  type CommandPayload,
  type CommandResponse,
  type FieldError,
  type MentoringPlanView,
  type TutorExpertise,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS, canManage, canRead, listScope, villageWithin } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import { DirectoryRepository, type Db } from '../directory/directory.repository.js';
import type { MentoringLog, MentoringPlan, Tutor } from '../generated/prisma/client.js';
import { dateOf, isoDay, todayIso } from '../common/dates.js';
import { lockRow } from '../common/locks.js';
import { matchTutors } from './matching.js';

type PlanRow = MentoringPlan & { tutor: Tutor; logs: MentoringLog[] };

function toPlanView(plan: PlanRow): MentoringPlanView {
  const logs = [...plan.logs].sort(
    (a, b) => a.on.getTime() - b.on.getTime() || a.at.getTime() - b.at.getTime(),
  );
  return {
    id: plan.id,
    kpmId: plan.kpmId,
    headName: plan.headName,
    villageCode: plan.villageCode,
    tutorId: plan.tutorId,
    tutorName: plan.tutor.name,
    assistantId: plan.assistantId,
    goals: plan.goals,
    status: plan.status as MentoringPlanView['status'],
    outcome: plan.outcome as MentoringPlanView['outcome'],
    startedOn: isoDay(plan.startedOn),
    completedOn: plan.completedOn ? isoDay(plan.completedOn) : null,
    progress: logs.at(-1)?.progress ?? 0,
    logs: logs.map((l) => ({
      id: l.id,
      on: isoDay(l.on),
      by: l.by,
      did: l.did,
      progress: l.progress,
      nextStep: l.nextStep,
    })),
  };
}

const PLAN_VIEW = { tutor: true, logs: true } as const;

/**
 * Business tutors: profiles kept by partner accounts, matching families to tutors by business
 * kind, nearness and free places (with the reasons), and mentoring plans with session logs.
 */
@Injectable()
export class TutorsHandlers {
  constructor(
    private readonly directory: DirectoryRepository,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  private async activeMentees(db: Db, tutorIds: string[]): Promise<Map<string, number>> {
    const rows = await db.mentoringPlan.groupBy({
      by: ['tutorId'],
      where: { tutorId: { in: tutorIds }, status: 'active' },
      _count: true,
    });
    return new Map(rows.map((r) => [r.tutorId, r._count]));
  }

  private async view(db: Db, tutor: Tutor) {
    const active = await this.activeMentees(db, [tutor.id]);
    return { ...tutorView(tutor), activeMentees: active.get(tutor.id) ?? 0 };
  }

  @HandleCommand('training.tutor.save')
  async save(
    input: CommandPayload<'training.tutor.save'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.tutor.save'>> {
    let partnerId: string;
    if (actor.role === 'partner') {
      if (input.partnerId && input.partnerId !== actor.userId)
        throw new DomainError(403, 'forbidden', 'Partners keep their own tutor profile only');
      partnerId = actor.userId;
    } else if (actor.role === 'admin' && input.partnerId) partnerId = input.partnerId;
    else throw new DomainError(403, 'forbidden', 'Tutor profiles belong to partner accounts');
    if (!this.regions.has(input.areaCode))
      throw DomainError.invalid([
        { path: 'areaCode', message: 'is not a region in idn-area-data' },
      ]);
    const data = {
      name: input.name,
      expertise: [...new Set(input.expertise)],
      areaCode: input.areaCode,
      capacity: input.capacity,
      bio: input.bio,
    };
    const tutor = await tx.tutor.upsert({
      where: { partnerId },
      create: { id: randomUUID(), partnerId, ...data },
      update: data,
    });
    return this.view(tx, tutor);
  }

  @HandleCommand('training.tutor.list')
  async list(
    input: CommandPayload<'training.tutor.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.tutor.list'>> {
    const tutors = await tx.tutor.findMany({
      where: actor.role === 'partner' ? { partnerId: actor.userId } : {},
      orderBy: { name: 'asc' },
      take: 5000,
    });
    const visible = tutors.filter(
      (t) =>
        (actor.role === 'admin' ||
          actor.role === 'partner' ||
          (actor.regionCode !== null && regionsOverlap(t.areaCode, actor.regionCode))) &&
        (!input.areaCode || regionsOverlap(t.areaCode, input.areaCode)),
    );
    const active = await this.activeMentees(
      tx,
      visible.map((t) => t.id),
    );
    return {
      items: visible
        .slice(0, 500)
        .map((t) => ({ ...tutorView(t), activeMentees: active.get(t.id) ?? 0 })),
    };
  }

  @HandleCommand('training.tutor.match')
  async match(
    input: CommandPayload<'training.tutor.match'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.tutor.match'>> {
    listScope(actor); // partners do not match families
    const families = await tx.family.findMany({ where: { kpmId: { in: input.kpmIds } } });
    const byId = new Map(families.map((f) => [f.kpmId, f]));
    const problems: FieldError[] = [];
    input.kpmIds.forEach((id, i) => {
      const family = byId.get(id);
      if (!family || !canRead(actor, family))
        problems.push({
          path: `kpmIds.${i}`,
          message: 'is not a family in your caseload or region',
        });
    });
    if (problems.length > 0) throw DomainError.invalid(problems);
    // Tutors can only match families of their own province: load just those provinces.
    const provinces = [...new Set(families.map((f) => f.villageCode.slice(0, 2)))];
    const tutors = await tx.tutor.findMany({
      where: { OR: provinces.map((p) => ({ areaCode: { startsWith: p } })) },
    });
    const active = await this.activeMentees(
      tx,
      tutors.map((t) => t.id),
    );
    const matches = matchTutors(
      families,
      tutors.map((t) => ({ ...t, freePlaces: t.capacity - (active.get(t.id) ?? 0) })),
      input.perFamily,
    );
    return {
      families: input.kpmIds.map((id) => {
        const family = byId.get(id)!;
        return {
          kpmId: id,
          headName: family.headName,
          tutors: matches.get(id) ?? [],
          note:
            family.businessKind === null
              ? { code: 'no-business-recorded' as const, values: [] }
              : null,
        };
      }),
    };
  }

  private async plan(db: Db, planId: string, actor: Actor, lock = false): Promise<PlanRow> {
    if (lock) await lockRow(db as Tx, 'mentoring_plan', planId);
    const plan = await db.mentoringPlan.findUnique({ where: { id: planId }, include: PLAN_VIEW });
    if (!plan || !(isTutorOf(actor, plan.tutor) || canRead(actor, plan)))
      throw new DomainError(404, 'not-found', 'No such mentoring plan');
    return plan;
  }

  /** The tutor writes logs and completes; so may the family's assistant or coordinator. */
  private assertCanWork(actor: Actor, plan: PlanRow) {
    if (!isTutorOf(actor, plan.tutor) && !canManage(actor, plan))
      throw new DomainError(
        403,
        'forbidden',
        "Only the tutor or the family's assistant can do this",
      );
    if (plan.status !== 'active')
      throw new DomainError(409, 'plan-not-active', 'The mentoring plan is completed');
  }

  @HandleCommand('training.mentoring.start')
  async start(
    input: CommandPayload<'training.mentoring.start'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.mentoring.start'>> {
    const { actor, tx } = context;
    const family = await this.directory.manageable(tx, input.kpmId, actor);
    // Locking the tutor serialises the capacity check across concurrent starts.
    await lockRow(tx, 'tutor', input.tutorId);
    const tutor = await tx.tutor.findUnique({ where: { id: input.tutorId } });
    if (!tutor) throw new DomainError(404, 'not-found', 'No such tutor');
    const active = (await this.activeMentees(tx, [tutor.id])).get(tutor.id) ?? 0;
    if (active >= tutor.capacity)
      throw new DomainError(
        409,
        'tutor-full',
        `${tutor.name} already mentors ${active} families, their limit`,
      );
    const ongoing = await tx.mentoringPlan.findFirst({
      where: { kpmId: family.kpmId, tutorId: tutor.id, status: 'active' },
    });
    if (ongoing)
      throw new DomainError(
        409,
        'already-mentored',
        'The family already has an active plan with this tutor',
      );
    const startedOn = todayIso();
    const plan = await tx.mentoringPlan.create({
      data: {
        id: randomUUID(),
        tutorId: tutor.id,
        kpmId: family.kpmId,
        headName: family.headName,
        villageCode: family.villageCode,
        assistantId: family.assistantId,
        goals: input.goals,
        consentAt: new Date(),
        startedOn: dateOf(startedOn),
        createdBy: actor.userId,
      },
      include: PLAN_VIEW,
    });
    await context.emit({
      type: 'mentoring.started',
      version: 1,
      aggregateId: family.kpmId,
      payload: {
        planId: plan.id,
        kpmId: family.kpmId,
        tutorId: tutor.id,
        assistantId: family.assistantId,
        startedOn,
      },
    });
    return toPlanView(plan);
  }

  @HandleCommand('training.mentoring.log')
  async log(
    input: CommandPayload<'training.mentoring.log'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.mentoring.log'>> {
    const plan = await this.plan(tx, input.planId, actor, true);
    this.assertCanWork(actor, plan);
    if (input.on < isoDay(plan.startedOn))
      throw DomainError.invalid([{ path: 'on', message: 'is before the plan started' }]);
    await tx.mentoringLog.create({
      data: {
        id: randomUUID(),
        planId: plan.id,
        on: dateOf(input.on),
        by: actor.userId,
        did: input.did,
        progress: input.progress,
        nextStep: input.nextStep,
      },
    });
    return toPlanView(
      await tx.mentoringPlan.findUniqueOrThrow({ where: { id: plan.id }, include: PLAN_VIEW }),
    );
  }

  @HandleCommand('training.mentoring.complete')
  async complete(
    input: CommandPayload<'training.mentoring.complete'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'training.mentoring.complete'>> {
    const { actor, tx } = context;
    const plan = await this.plan(tx, input.planId, actor, true);
    this.assertCanWork(actor, plan);
    if (plan.logs.length === 0 && input.outcome !== 'stopped')
      throw new DomainError(422, 'no-sessions-logged', 'Log at least one mentoring session first', [
        { path: 'outcome', message: 'only "stopped" is possible before any session is logged' },
      ]);
    const completedOn = todayIso();
    const updated = await tx.mentoringPlan.update({
      where: { id: plan.id },
      data: {
        status: 'completed',
        outcome: input.outcome,
        completedOn: dateOf(completedOn),
      },
      include: PLAN_VIEW,
    });
    await context.emit({
      type: 'mentoring.completed',
      version: 1,
      aggregateId: plan.kpmId,
      payload: {
        planId: plan.id,
        kpmId: plan.kpmId,
        tutorId: plan.tutorId,
        outcome: input.outcome,
        completedOn,
      },
    });
    return toPlanView(updated);
  }

  @HandleCommand('training.mentoring.list')
  async plans(
    input: CommandPayload<'training.mentoring.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'training.mentoring.list'>> {
    const filters = {
      ...(input.kpmId ? { kpmId: input.kpmId } : {}),
      ...(input.status ? { status: input.status } : {}),
    };
    if (actor.role === 'partner') {
      const plans = await tx.mentoringPlan.findMany({
        where: { ...filters, tutor: { partnerId: actor.userId } },
        include: PLAN_VIEW,
        orderBy: { startedOn: 'desc' },
        take: 500,
      });
      return { items: plans.map(toPlanView) };
    }
    const scope = listScope(actor);
    const plans = await tx.mentoringPlan.findMany({
      where: {
        ...filters,
        ...(scope.assistantId ? { assistantId: scope.assistantId } : {}),
        ...(scope.regionPrefix ? villageWithin(scope.regionPrefix) : {}),
      },
      include: PLAN_VIEW,
      orderBy: { startedOn: 'desc' },
      take: 500,
    });
    return { items: plans.map(toPlanView) };
  }
}

const isTutorOf = (actor: Actor, tutor: Tutor) =>
  actor.role === 'partner' && tutor.partnerId === actor.userId;

function tutorView(tutor: Tutor) {
  return {
    id: tutor.id,
    partnerId: tutor.partnerId,
    name: tutor.name,
    expertise: tutor.expertise as TutorExpertise[],
    areaCode: tutor.areaCode,
    capacity: tutor.capacity,
    bio: tutor.bio,
  };
}
