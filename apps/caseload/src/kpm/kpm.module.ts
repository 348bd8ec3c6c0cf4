import { Module } from '@nestjs/common';
import { loadRegionDirectory } from '@jembatan/regions';
import { KpmHandlers, REGIONS } from './kpm.handlers.js';
import { KpmRepository } from './kpm.repository.js';

@Module({
  providers: [KpmRepository, KpmHandlers, { provide: REGIONS, useFactory: loadRegionDirectory }],
})
export class KpmModule {}
