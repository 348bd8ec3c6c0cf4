import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { UploadBody } from '../common/openapi.js';
import { isWithinRegion } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AccountsRepository } from '../auth/accounts.repository.js';
import { Roles } from '../auth/auth.guard.js';
import { BulkHttp } from '../common/bulk-http.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { PersonalData } from '../audit/personal-data.js';

const UploadQuery = z.strictObject({
  fileName: z.string().trim().min(1).max(200).default('families.csv'),
  /** Coordinators and admins import on behalf of an assistant. */
  assistantId: z.string().min(1).max(100).optional(),
});

/**
 * CSV imports of families. The file streams through to the caseload service over HTTP (a bulk
 * payload, the one exception to Kafka); progress and history are Kafka queries as usual.
 */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/imports')
export class ImportsController {
  constructor(
    private readonly services: Services,
    private readonly accounts: AccountsRepository,
    private readonly bulk: BulkHttp,
  ) {}

  /** Whose caseload the families go to: the assistant's own, or the one a coordinator names. */
  private async assignee(caller: CallerContext, requested: string | undefined): Promise<string> {
    if (caller.actor.role === 'assistant') return caller.actor.userId;
    if (!requested)
      throw DomainError.invalid([
        { path: 'assistantId', message: 'is required when importing for an assistant' },
      ]);
    const account = await this.accounts.findAssistant(requested);
    const region = caller.actor.regionCode;
    const inRegion =
      caller.actor.role === 'admin' ||
      (region !== null &&
        account?.regionCode != null &&
        isWithinRegion(account.regionCode, region));
    if (!account || !inRegion)
      throw DomainError.invalid([
        { path: 'assistantId', message: 'is not an active assistant in your region' },
      ]);
    return account.id;
  }

  @Post()
  @Roles('assistant', 'coordinator', 'admin')
  @UploadBody('text/csv')
  @ApiQuery({ name: 'fileName', required: false })
  @ApiQuery({ name: 'assistantId', required: false })
  async upload(
    @Query({ schema: UploadQuery }) query: z.output<typeof UploadQuery>,
    @Caller() caller: CallerContext,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const assistantId = await this.assignee(caller, query.assistantId);
    const upstream = await this.bulk.call(
      'caseload',
      `/internal/imports?${new URLSearchParams({ fileName: query.fileName })}`,
      caller,
      { method: 'POST', params: { assistantId }, body: req, contentType: 'text/csv' },
    );
    await this.bulk.relay(upstream, res);
  }

  @Get()
  list(@Caller() caller: CallerContext) {
    return this.services.call('caseload.import.list', {}, caller);
  }

  @Get(':id')
  get(@Param('id', { schema: z.uuid() }) importId: string, @Caller() caller: CallerContext) {
    return this.services.call('caseload.import.get', { importId }, caller);
  }

  /** The downloadable error report: line, field, reason for every refused row. */
  @Get(':id/errors.csv')
  @PersonalData('import-errors')
  async errors(
    @Param('id', { schema: z.uuid() }) importId: string,
    @Caller() caller: CallerContext,
    @Res() res: Response,
  ): Promise<void> {
    const upstream = await this.bulk.call(
      'caseload',
      `/internal/imports/${importId}/errors.csv`,
      caller,
    );
    await this.bulk.relay(upstream, res);
  }
}
