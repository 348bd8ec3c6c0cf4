import { Module } from '@nestjs/common';
import { regionsProvider } from '@jembatan/service-kit';
import { KpmHandlers } from './kpm.handlers.js';
import { KpmRepository } from './kpm.repository.js';

@Module({
  providers: [KpmRepository, KpmHandlers, regionsProvider],
})
export class KpmModule {}
