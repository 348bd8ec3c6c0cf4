import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CommandPayload, CommandResponse } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { Tx } from '../database/prisma.service.js';
import { assigneeFor, canRead, toView } from './kpm.access.js';
import { KpmRepository } from './kpm.repository.js';

/** The caseload's commands and queries about families (KPM), served over Kafka. */
@Injectable()
export class KpmHandlers {
  constructor(
    private readonly repository: KpmRepository,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  @HandleCommand('caseload.kpm.register')
  async register(
    input: CommandPayload<'caseload.kpm.register'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.kpm.register'>> {
    const { actor, tx } = context;
    const fields = [];
    if (!this.regions.has(input.villageCode, 'village')) {
      fields.push({ path: 'villageCode', message: 'is not a village in idn-area-data' });
    }
    const nikDistrict = `${input.nik.slice(0, 2)}.${input.nik.slice(2, 4)}.${input.nik.slice(4, 6)}`;
    if (!this.regions.has(nikDistrict, 'district')) {
      fields.push({
        path: 'nik',
        message: `digits 1-6 (${nikDistrict}) are not a district in idn-area-data`,
      });
    }
    if (fields.length > 0) throw DomainError.invalid(fields);
    const assistantId = assigneeFor(actor, input.assistantId, input.villageCode);
    if (await this.repository.findByNik(tx, input.nik)) {
      throw new DomainError(409, 'duplicate-nik', 'A family with this NIK is already registered', [
        { path: 'nik', message: 'is already registered' },
      ]);
    }
    const kpm = await this.repository.create(
      tx,
      {
        id: randomUUID(),
        headName: input.headName,
        nik: input.nik,
        phone: input.phone ?? null,
        villageCode: input.villageCode,
        address: input.address,
        pkhEntryYear: input.pkhEntryYear,
        assistantId,
      },
      {
        action: 'registered',
        reason: 'entered the caseload',
        actorId: actor.userId,
        actorRole: actor.role,
        correlationId: context.correlationId,
      },
    );
    await context.emit({
      type: 'kpm.registered',
      version: 1,
      aggregateId: kpm.id,
      payload: {
        kpmId: kpm.id,
        assistantId,
        villageCode: kpm.villageCode,
        pkhEntryYear: kpm.pkhEntryYear,
        registeredAt: kpm.registeredAt.toISOString(),
      },
    });
    return toView(kpm, actor);
  }

  @HandleCommand('caseload.kpm.get')
  async get(
    input: CommandPayload<'caseload.kpm.get'>,
    { actor }: CommandContext,
  ): Promise<CommandResponse<'caseload.kpm.get'>> {
    const kpm = await this.repository.findById(input.kpmId);
    if (!kpm) throw new DomainError(404, 'not-found', 'No such family');
    if (!canRead(actor, kpm))
      throw new DomainError(403, 'forbidden', 'This family is not in your caseload or region');
    return toView(kpm, actor);
  }

  @HandleCommand('caseload.kpm.list')
  async list(
    input: CommandPayload<'caseload.kpm.list'>,
    { actor }: CommandContext,
  ): Promise<CommandResponse<'caseload.kpm.list'>> {
    if (actor.role === 'partner')
      throw new DomainError(403, 'forbidden', 'Partners see families only through referrals');
    const { page, pageSize } = input;
    const { items, total } = await this.repository.list({
      ...(actor.role === 'assistant' ? { assistantId: actor.userId } : {}),
      ...((actor.role === 'coordinator' || actor.role === 'dinas') && actor.regionCode
        ? { regionPrefix: actor.regionCode }
        : {}),
      ...(input.q ? { q: input.q } : {}),
      page,
      pageSize,
    });
    return { items: items.map((kpm) => toView(kpm, actor)), total, page, pageSize };
  }
}
