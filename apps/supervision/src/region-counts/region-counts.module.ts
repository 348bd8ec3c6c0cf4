import { Module } from '@nestjs/common';
import { regionsProvider } from '@jembatan/service-kit';
import { RegionCountsHandlers } from './region-counts.handlers.js';
import { RegionCountsRepository } from './region-counts.repository.js';

@Module({
  providers: [RegionCountsRepository, RegionCountsHandlers, regionsProvider],
})
export class RegionCountsModule {}
