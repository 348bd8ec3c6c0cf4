import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  adultBirthDateFromNik,
  isWithinRegion,
  nikBirthParts,
  type Actor,
  type CommandPayload,
  type CommandResponse,
  type FieldError,
  type Readiness,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import { ReadinessService } from '../graduation/readiness.service.js';
import { assertCanRead, assertCanTransfer, assigneeFor, listScope } from './family.access.js';
import { FamilyCards } from './family-cards.js';
import { FamilyListQuery } from './family-list.query.js';
import { longStayBefore, toProfile, toSummary } from './family.views.js';
import { FamiliesRepository, personFrom, type Person } from './families.repository.js';

const notFound = () => new DomainError(404, 'not-found', 'No such family');

/** The caseload's commands and queries about families (KPM), served over Kafka. */
@Injectable()
export class FamiliesHandlers {
  constructor(
    private readonly families: FamiliesRepository,
    private readonly list: FamilyListQuery,
    private readonly readiness: ReadinessService,
    private readonly cards: FamilyCards,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  /** The profile as `actor` may see it, with readiness scored now (unless the caller just did). */
  async profileFor(db: Tx | PrismaService, kpmId: string, actor: Actor, readiness?: Readiness) {
    const family = await this.families.profile(db, kpmId);
    if (!family) throw notFound();
    assertCanRead(actor, family);
    return toProfile(family, readiness ?? (await this.readiness.evaluate(db, family)), actor);
  }

  /** The profile after a change to `kpmId`, whose freshly scored readiness is also stored. */
  private async changedProfile(tx: Tx, kpmId: string, actor: Actor) {
    const profile = await this.profileFor(tx, kpmId, actor);
    await this.readiness.store(tx, kpmId, profile.readiness);
    return profile;
  }

  /** Field errors for region codes and NIKs that idn-area-data or the registry rule out. */
  private async identityProblems(
    tx: Tx,
    villageCode: string | undefined,
    niks: [string, string][],
    kpmId?: string,
  ) {
    const fields: FieldError[] = [];
    if (villageCode && !this.regions.has(villageCode, 'village'))
      fields.push({ path: 'villageCode', message: 'is not a village in idn-area-data' });
    for (const [path, nik] of niks) {
      const district = `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`;
      if (!this.regions.has(district, 'district'))
        fields.push({
          path,
          message: `digits 1-6 (${district}) are not a district in idn-area-data`,
        });
    }
    const seen = new Map<string, string>();
    for (const [path, nik] of niks) {
      if (seen.has(nik)) fields.push({ path, message: `repeats the NIK of ${seen.get(nik)}` });
      seen.set(nik, path);
    }
    if (fields.length > 0) throw DomainError.invalid(fields);
    const taken = await this.families.takenNiks(
      tx,
      niks.map(([, nik]) => nik),
      kpmId,
    );
    const duplicates = niks
      .filter(([, nik]) => taken.has(nik))
      .map(([path]) => ({ path, message: 'is already registered' }));
    if (duplicates.length > 0)
      throw new DomainError(
        409,
        'duplicate-nik',
        'A person with this NIK is already registered',
        duplicates,
      );
  }

  private async assertGroup(tx: Tx, groupId: string | null | undefined, villageCode: string) {
    if (!groupId) return;
    const group = await tx.kpmGroup.findUnique({ where: { id: groupId } });
    if (!group) throw DomainError.invalid([{ path: 'groupId', message: 'is not a group' }]);
    if (group.villageCode.slice(0, 8) !== villageCode.slice(0, 8))
      throw DomainError.invalid([{ path: 'groupId', message: 'meets in another kecamatan' }]);
  }

  @HandleCommand('caseload.kpm.register')
  async register(
    input: CommandPayload<'caseload.kpm.register'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.kpm.register'>> {
    const { actor, tx } = context;
    const memberNiks = input.members.flatMap((m, i): [string, string][] =>
      m.nik ? [[`members.${i}.nik`, m.nik]] : [],
    );
    await this.identityProblems(tx, input.villageCode, [['nik', input.nik], ...memberNiks]);
    const assistantId = assigneeFor(actor, input.assistantId, input.villageCode);
    await this.assertGroup(tx, input.groupId, input.villageCode);
    const id = randomUUID();
    const head: Person = {
      name: input.headName,
      nik: input.nik,
      birthDate: adultBirthDateFromNik(input.nik),
      sex: nikBirthParts(input.nik).sex,
      relation: 'head',
      schoolStatus: null,
      pregnant: false,
      disability: false,
    };
    await this.families.create(
      tx,
      {
        id,
        headName: input.headName,
        nik: input.nik,
        phone: input.phone ?? null,
        villageCode: input.villageCode,
        address: input.address,
        pkhEntryYear: input.pkhEntryYear,
        assistantId,
        groupId: input.groupId ?? null,
      },
      head,
      input.members.map(personFrom),
      {
        action: 'registered',
        reason: 'entered the caseload',
        actor,
        correlationId: context.correlationId,
      },
    );
    const profile = await this.changedProfile(tx, id, actor);
    await context.emit({
      type: 'kpm.registered',
      version: 1,
      aggregateId: id,
      payload: {
        kpmId: id,
        assistantId,
        villageCode: input.villageCode,
        pkhEntryYear: input.pkhEntryYear,
        registeredAt: profile.registeredAt,
      },
    });
    await context.emit({
      type: 'caseload.assignment-changed',
      version: 1,
      aggregateId: id,
      payload: {
        kpmId: id,
        villageCode: input.villageCode,
        fromAssistantId: null,
        toAssistantId: assistantId,
        reason: 'entered the caseload',
      },
    });
    await this.cards.publish(context, id);
    return profile;
  }

  @HandleCommand('caseload.kpm.update')
  async update(
    input: CommandPayload<'caseload.kpm.update'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.kpm.update'>> {
    const { actor, tx } = context;
    const family = await this.families.lockForChange(tx, input.kpmId, actor);
    const memberNiks = (input.members ?? []).flatMap((m, i): [string, string][] =>
      m.nik ? [[`members.${i}.nik`, m.nik]] : [],
    );
    const headNik: [string, string] = ['headNik', family.nik];
    await this.identityProblems(tx, input.villageCode, [headNik, ...memberNiks], family.id);
    const villageCode = input.villageCode ?? family.villageCode;
    if (input.groupId !== undefined || input.villageCode !== undefined)
      await this.assertGroup(
        tx,
        input.groupId === undefined ? family.groupId : input.groupId,
        villageCode,
      );
    const changed = (['phone', 'villageCode', 'address', 'groupId', 'members'] as const).filter(
      (field) => input[field] !== undefined,
    );
    if (changed.length === 0)
      throw DomainError.invalid([{ path: '', message: 'nothing to change' }]);
    await this.families.update(
      tx,
      family.id,
      {
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.villageCode !== undefined ? { villageCode: input.villageCode } : {}),
        ...(input.address !== undefined ? { address: input.address } : {}),
        ...(input.groupId !== undefined ? { groupId: input.groupId } : {}),
      },
      {
        action: 'updated',
        reason: `changed ${changed.join(', ')}`,
        actor,
        correlationId: context.correlationId,
      },
    );
    if (input.members)
      await this.families.replaceMembers(tx, family.id, input.members.map(personFrom));
    await context.emit({
      type: 'kpm.updated',
      version: 1,
      aggregateId: family.id,
      payload: { kpmId: family.id, villageCode, previousVillageCode: family.villageCode, changed },
    });
    if (changed.includes('villageCode') || changed.includes('groupId'))
      await this.cards.publish(context, family.id);
    // Members and village both feed readiness (the village picks the region's criteria).
    return this.changedProfile(tx, family.id, actor);
  }

  @HandleCommand('caseload.kpm.transfer')
  async transfer(
    input: CommandPayload<'caseload.kpm.transfer'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.kpm.transfer'>> {
    const { actor, tx } = context;
    const family = await this.families.lockForChange(tx, input.kpmId, actor, (who, it) =>
      assertCanTransfer(who, it, input.toAssistant),
    );
    await this.families.reassign(tx, family.id, input.toAssistant.userId, {
      action: 'transferred',
      reason: input.reason,
      actor,
      correlationId: context.correlationId,
    });
    await context.emit({
      type: 'caseload.assignment-changed',
      version: 1,
      aggregateId: family.id,
      payload: {
        kpmId: family.id,
        villageCode: family.villageCode,
        fromAssistantId: family.assistantId,
        toAssistantId: input.toAssistant.userId,
        reason: input.reason,
      },
    });
    await this.cards.publish(context, family.id);
    return this.profileFor(tx, family.id, actor);
  }

  @HandleCommand('caseload.kpm.get')
  get(input: CommandPayload<'caseload.kpm.get'>, { actor, tx }: CommandContext<Tx>) {
    return this.profileFor(tx, input.kpmId, actor);
  }

  @HandleCommand('caseload.kpm.list')
  async search(
    input: CommandPayload<'caseload.kpm.list'>,
    { actor }: CommandContext,
  ): Promise<CommandResponse<'caseload.kpm.list'>> {
    const scope = listScope(actor);
    const { rows, total, nextCursor } = await this.list.run({
      ...input,
      ...scope,
      ...(scope.assistantId ? {} : input.assistantId ? { assistantId: input.assistantId } : {}),
    });
    return { items: rows.map((row) => toSummary(row, actor)), total, nextCursor };
  }

  @HandleCommand('caseload.assistant.caseloads')
  async caseloads(
    input: CommandPayload<'caseload.assistant.caseloads'>,
    { actor }: CommandContext,
  ): Promise<CommandResponse<'caseload.assistant.caseloads'>> {
    if (actor.role === 'assistant' || actor.role === 'partner')
      throw new DomainError(
        403,
        'forbidden',
        'Only coordinators, the Dinas and admins compare caseloads',
      );
    const { regionPrefix } = listScope(actor);
    if (input.regionCode && regionPrefix && !isWithinRegion(input.regionCode, regionPrefix))
      throw new DomainError(403, 'forbidden', 'That region is outside your scope');
    const rows = await this.families.caseloads(input.regionCode ?? regionPrefix, longStayBefore());
    return {
      items: rows.map((row) => ({
        assistantId: row.assistant_id,
        families: Number(row.families),
        open: Number(row.open),
        longStay: Number(row.long_stay),
        ready: Number(row.ready),
      })),
    };
  }
}
