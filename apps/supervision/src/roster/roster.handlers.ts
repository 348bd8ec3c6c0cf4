import { Injectable } from '@nestjs/common';
import type { AccountChangedV1, EventEnvelope } from '@jembatan/contracts';
import { OnEvent } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { RosterRepository } from './roster.repository.js';

/** Keeps the roster of staff in step with the gateway's accounts. */
@Injectable()
export class RosterHandlers {
  constructor(private readonly roster: RosterRepository) {}

  @OnEvent('account.changed', 1)
  async onAccountChanged(event: EventEnvelope<AccountChangedV1>, tx: Tx) {
    await this.roster.apply(tx, event.payload);
  }
}
