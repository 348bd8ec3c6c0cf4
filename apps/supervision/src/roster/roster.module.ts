import { Global, Module } from '@nestjs/common';
import { RosterHandlers } from './roster.handlers.js';
import { RosterRepository } from './roster.repository.js';

/** Who works where, from the gateway's account events; shared by attendance and coordination. */
@Global()
@Module({ providers: [RosterRepository, RosterHandlers], exports: [RosterRepository] })
export class RosterModule {}
