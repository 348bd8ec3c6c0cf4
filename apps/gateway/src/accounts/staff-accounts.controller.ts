import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AccountStatusBody,
  ChangePasswordBody,
  CreateStaffAccountBody,
  ResetPasswordBody,
  StaffAccountQuery,
} from '@jembatan/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { StaffAccounts } from './staff-accounts.js';

const AccountId = { schema: z.uuid() };

/** Staff accounts: an admin manages all, the Dinas its region's assistants and coordinators. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('api/accounts')
export class StaffAccountsController {
  constructor(private readonly accounts: StaffAccounts) {}

  @Get()
  @Roles('dinas', 'admin')
  list(
    @Query({ schema: StaffAccountQuery }) query: z.output<typeof StaffAccountQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.accounts.list(query, caller.actor);
  }

  @Post()
  @Roles('dinas', 'admin')
  @BodySchema(CreateStaffAccountBody)
  create(
    @Body({ schema: CreateStaffAccountBody }) body: z.output<typeof CreateStaffAccountBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.accounts.create(body, caller.actor);
  }

  /** Every signed-in person changes their own password (and signs in again). */
  @Post('me/password')
  @HttpCode(200)
  @Roles('assistant', 'coordinator', 'dinas', 'admin', 'partner', 'treasurer')
  @BodySchema(ChangePasswordBody)
  changeOwn(
    @Body({ schema: ChangePasswordBody }) body: z.output<typeof ChangePasswordBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.accounts.changeOwnPassword(body, caller.actor);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('dinas', 'admin')
  @BodySchema(AccountStatusBody)
  setStatus(
    @Param('id', AccountId) accountId: string,
    @Body({ schema: AccountStatusBody }) body: z.output<typeof AccountStatusBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.accounts.setStatus(accountId, body, caller.actor);
  }

  @Post(':id/password')
  @HttpCode(200)
  @Roles('dinas', 'admin')
  @BodySchema(ResetPasswordBody)
  resetPassword(
    @Param('id', AccountId) accountId: string,
    @Body({ schema: ResetPasswordBody }) body: z.output<typeof ResetPasswordBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.accounts.resetPassword(accountId, body, caller.actor);
  }
}
