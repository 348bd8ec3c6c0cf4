import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  SavingsEntryInput,
  SavingsLedgerListQuery,
  SavingsLedgerQuery,
  SavingsReversalInput,
  TreasurerInput,
} from '@jembatan/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { TreasurerAccounts } from './treasurer-accounts.js';
import { PersonalData } from '../audit/personal-data.js';

const Id = { schema: z.uuid() };
const READERS = ['treasurer', 'assistant', 'coordinator', 'dinas', 'admin'] as const;

/**
 * Groups' savings ledgers (tabungan kelompok, microcredit service). The treasurer writes;
 * the assistant registers the treasurer the group chose and reads, as do coordinators and
 * the Dinas. Records only: no money moves through Jembatan.
 */
@ApiTags('savings')
@ApiBearerAuth()
@Controller('api/savings')
export class SavingsController {
  constructor(
    private readonly services: Services,
    private readonly treasurers: TreasurerAccounts,
  ) {}

  @Get('groups')
  @Roles(...READERS)
  list(
    @Query({ schema: SavingsLedgerListQuery }) query: z.input<typeof SavingsLedgerListQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.savings.list', query, caller);
  }

  /** The treasurer's own group's ledger. */
  @Get('mine')
  @PersonalData('savings-ledger')
  @Roles('treasurer')
  mine(
    @Query({ schema: SavingsLedgerQuery }) query: z.input<typeof SavingsLedgerQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.savings.ledger', query, caller);
  }

  @Get('groups/:groupId')
  @PersonalData('savings-ledger')
  @Roles(...READERS)
  ledger(
    @Param('groupId', Id) groupId: string,
    @Query({ schema: SavingsLedgerQuery }) query: z.input<typeof SavingsLedgerQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.savings.ledger', { ...query, groupId }, caller);
  }

  /** Registers the member the group chose as treasurer, with the login they will use. */
  @Post('groups/:groupId/treasurer')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(TreasurerInput)
  appoint(
    @Param('groupId', Id) groupId: string,
    @Body({ schema: TreasurerInput }) body: z.output<typeof TreasurerInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.treasurers.appoint(groupId, body, caller);
  }

  @Post('entries')
  @Roles('treasurer')
  @BodySchema(SavingsEntryInput)
  record(
    @Body({ schema: SavingsEntryInput }) body: z.input<typeof SavingsEntryInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.savings.record', body, caller);
  }

  @Post('entries/:entryId/reversal')
  @Roles('treasurer')
  @BodySchema(SavingsReversalInput)
  reverse(
    @Param('entryId', Id) entryId: string,
    @Body({ schema: SavingsReversalInput }) body: z.input<typeof SavingsReversalInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('microcredit.savings.reverse', { ...body, entryId }, caller);
  }
}
