import { Inject, Injectable } from '@nestjs/common';
import {
  type CommandPayload,
  type CommandResponse,
  type EventEnvelope,
  type KpmImportedV1,
  type KpmRegisteredV1,
} from '@jembatan/contracts';
import {
  DomainError,
  HandleCommand,
  type EventDelivery,
  OnEvent,
  type CommandContext,
} from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { Tx } from '../database/prisma.service.js';
import { scopedRegion } from '../region-scope.js';
import { RegionCountsRepository } from './region-counts.repository.js';

/** Live family counts per region for the Dinas and coordinators. */
@Injectable()
export class RegionCountsHandlers {
  constructor(
    private readonly repository: RegionCountsRepository,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  @OnEvent('kpm.registered', 1)
  async onKpmRegistered(
    event: EventEnvelope<KpmRegisteredV1>,
    tx: Tx,
    { partition }: EventDelivery,
  ): Promise<void> {
    await this.repository.add(tx, event.payload.villageCode, 1, partition);
  }

  /** A CSV import's families arrive as one event per batch of villages. */
  @OnEvent('kpm.imported', 1)
  async onKpmImported(
    event: EventEnvelope<KpmImportedV1>,
    tx: Tx,
    { partition }: EventDelivery,
  ): Promise<void> {
    await this.repository.addMany(tx, event.payload.villages, partition);
  }

  @HandleCommand('supervision.region-counts.get')
  async get(
    input: CommandPayload<'supervision.region-counts.get'>,
    { actor }: CommandContext,
  ): Promise<CommandResponse<'supervision.region-counts.get'>> {
    const code = scopedRegion(actor, input.regionCode);
    const region = code === null ? null : this.regions.get(code);
    if (code !== null && !region)
      throw new DomainError(404, 'not-found', `No region ${code} in idn-area-data`);
    const children = this.regions.children(code);
    const counts = await this.repository.countsOf([
      ...(code ? [code] : []),
      ...children.map((child) => child.code),
    ]);
    const childCounts = children.map((child) => ({
      code: child.code,
      name: child.name,
      level: child.level,
      kpmCount: counts.get(child.code) ?? 0,
    }));
    const total = code
      ? (counts.get(code) ?? 0)
      : childCounts.reduce((sum, child) => sum + child.kpmCount, 0);
    return {
      region: region
        ? { code: region.code, name: region.name, level: region.level, kpmCount: total }
        : null,
      total,
      children: childCounts,
    };
  }
}
