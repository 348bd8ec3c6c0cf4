import { Module } from '@nestjs/common';
import { loadRegionDirectory } from '@jembatan/regions';
import { REGIONS, RegionCountsHandlers } from './region-counts.handlers.js';
import { RegionCountsRepository } from './region-counts.repository.js';

@Module({
  providers: [
    RegionCountsRepository,
    RegionCountsHandlers,
    { provide: REGIONS, useFactory: loadRegionDirectory },
  ],
})
export class RegionCountsModule {}
