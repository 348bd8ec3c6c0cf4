import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isWithinRegion } from '@jembatan/contracts';
import { INTERNAL_CALL_HEADER, DomainError, signInternalCall } from '@jembatan/messaging';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AccountsRepository } from '../auth/accounts.repository.js';
import { Roles } from '../auth/auth.guard.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../common/config.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';

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
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private headers(caller: CallerContext, params: Record<string, string> = {}) {
    return {
      [INTERNAL_CALL_HEADER]: signInternalCall(
        { actor: caller.actor, correlationId: caller.correlationId, params },
        this.config.INTERNAL_SECRET,
      ),
    };
  }

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
  @ApiConsumes('text/csv')
  @ApiQuery({ name: 'fileName', required: false })
  @ApiQuery({ name: 'assistantId', required: false })
  async upload(
    @Query({ schema: UploadQuery }) query: z.output<typeof UploadQuery>,
    @Caller() caller: CallerContext,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const assistantId = await this.assignee(caller, query.assistantId);
    const target = new URL('/internal/imports', this.config.caseloadUrl);
    target.searchParams.set('fileName', query.fileName);
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...this.headers(caller, { assistantId }) },
        body: Readable.toWeb(req) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
    } catch {
      throw new DomainError(
        503,
        'temporarily-unavailable',
        'The caseload service is not reachable; please retry',
      );
    }
    res
      .status(upstream.status)
      .type('application/json')
      .send(await upstream.text());
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
  async errors(
    @Param('id', { schema: z.uuid() }) importId: string,
    @Caller() caller: CallerContext,
    @Res() res: Response,
  ): Promise<void> {
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(
        new URL(`/internal/imports/${importId}/errors.csv`, this.config.caseloadUrl),
        {
          headers: this.headers(caller),
        },
      );
    } catch {
      throw new DomainError(
        503,
        'temporarily-unavailable',
        'The caseload service is not reachable; please retry',
      );
    }
    res.status(upstream.status);
    for (const header of ['content-type', 'content-disposition']) {
      const value = upstream.headers.get(header);
      if (value) res.setHeader(header, value);
    }
    if (upstream.body) await pipeline(Readable.fromWeb(upstream.body as never), res);
    else res.end();
  }
}
