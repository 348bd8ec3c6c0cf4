import { Module } from '@nestjs/common';
import { regionsProvider } from '@jembatan/service-kit';
import { RegionStatsHandlers } from './region-stats.handlers.js';
import { RegionStatsQuery } from './region-stats.query.js';
import { RegionStatsRepository } from './region-stats.repository.js';

@Module({
  providers: [regionsProvider, RegionStatsRepository, RegionStatsQuery, RegionStatsHandlers],
})
export class RegionStatsModule {}
