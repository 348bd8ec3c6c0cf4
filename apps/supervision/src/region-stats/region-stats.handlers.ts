import { Inject, Injectable } from '@nestjs/common';
import {
  type CommandPayload,
  type CommandResponse,
  type EventEnvelope,
  type KpmDirectoryChangedV1,
  type P2k2SessionHeldV1,
} from '@jembatan/contracts';
import type { KpmStageChangedV1 } from '@jembatan/contracts';
import {
  DomainError,
  HandleCommand,
  OnEvent,
  type CommandContext,
  type EventDelivery,
} from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { Tx } from '../database/prisma.service.js';
import { scopedRegion } from '../region-scope.js';
import { RegionStatsQuery } from './region-stats.query.js';
import { RegionStatsRepository } from './region-stats.repository.js';

/**
 * Live ratios and targets per region: families and their stages, assistants and families per
 * assistant, graduations (self-reliant apart from natural) against the year's target, and
 * P2K2 sessions held, all kept current from the other services' events.
 */
@Injectable()
export class RegionStatsHandlers {
  constructor(
    private readonly repository: RegionStatsRepository,
    private readonly query: RegionStatsQuery,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  @OnEvent('kpm.directory-changed', 1)
  async onCards(event: EventEnvelope<KpmDirectoryChangedV1>, tx: Tx, { partition }: EventDelivery) {
    await this.repository.applyCards(tx, event.payload.families, partition);
  }

  @OnEvent('kpm.stage-changed', 1)
  async onStageChanged(
    event: EventEnvelope<KpmStageChangedV1>,
    tx: Tx,
    { partition }: EventDelivery,
  ) {
    const { to, villageCode, changedAt } = event.payload;
    if (to !== 'graduated-self-reliant' && to !== 'graduated-natural') return;
    await this.repository.addGraduation(
      tx,
      villageCode,
      Number(changedAt.slice(0, 4)),
      to,
      partition,
    );
  }

  @OnEvent('p2k2.session-held', 1)
  async onSessionHeld(
    event: EventEnvelope<P2k2SessionHeldV1>,
    tx: Tx,
    { partition }: EventDelivery,
  ) {
    const s = event.payload;
    await this.repository.addP2k2(
      tx,
      {
        villageCode: s.villageCode,
        year: Number(s.startsAt.slice(0, 4)),
        module: s.module,
        invited: s.invited,
        attended: s.attended,
      },
      partition,
    );
  }

  @HandleCommand('supervision.region-stats.get')
  async get(
    input: CommandPayload<'supervision.region-stats.get'>,
    { actor }: CommandContext,
  ): Promise<CommandResponse<'supervision.region-stats.get'>> {
    const code = scopedRegion(actor, input.regionCode);
    const region = code === null ? null : (this.regions.get(code) ?? null);
    if (code !== null && !region)
      throw new DomainError(404, 'not-found', `No region ${code} in idn-area-data`);
    const year = input.year ?? new Date().getUTCFullYear();
    const stats = await this.query.stats(region, this.regions.children(code), year);
    return { year, ...stats };
  }

  @HandleCommand('supervision.graduation-target.set')
  async setTarget(
    input: CommandPayload<'supervision.graduation-target.set'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.graduation-target.set'>> {
    if (actor.role !== 'dinas' && actor.role !== 'admin')
      throw new DomainError(403, 'forbidden', 'Targets are set by the Dinas or an admin');
    scopedRegion(actor, input.regionCode);
    if (!this.regions.has(input.regionCode))
      throw DomainError.invalid([
        { path: 'regionCode', message: 'is not a region in idn-area-data' },
      ]);
    const data = {
      selfReliant: input.selfReliant,
      total: input.total,
      setBy: actor.userId,
      setAt: new Date(),
    };
    await tx.graduationTarget.upsert({
      where: { regionCode_year: { regionCode: input.regionCode, year: input.year } },
      create: { regionCode: input.regionCode, year: input.year, ...data },
      update: data,
    });
    return {
      regionCode: input.regionCode,
      year: input.year,
      selfReliant: input.selfReliant,
      total: input.total,
    };
  }
}
