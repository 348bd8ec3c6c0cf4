import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  INTERNAL_CALL_HEADER,
  DomainError,
  verifyInternalCall,
  type InternalCall,
} from '@jembatan/messaging';
import type { Request, Response } from 'express';
import { CASELOAD_INTERNAL_SECRET } from './internal-secret.js';
import { canSeeImport } from './imports.handlers.js';
import { ImportRunner } from './import.runner.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function reply(res: Response, error: unknown, correlationId?: string): void {
  const domain =
    error instanceof DomainError
      ? error
      : new DomainError(503, 'temporarily-unavailable', 'Please retry shortly');
  res.status(domain.statusCode).json(domain.toBody(correlationId));
}

/**
 * Bulk HTTP: the CSV upload streams from the gateway straight into PostgreSQL, and the error
 * report streams back. Only the gateway calls these, vouching for the user with a signed header.
 */
@Controller('internal/imports')
export class ImportsHttpController {
  constructor(
    private readonly runner: ImportRunner,
    @Inject(CASELOAD_INTERNAL_SECRET) private readonly secret: string,
  ) {}

  private caller(req: Request): InternalCall {
    const call = verifyInternalCall(req.header(INTERNAL_CALL_HEADER), this.secret);
    if (!call)
      throw new DomainError(401, 'unauthenticated', 'Internal calls need a valid signed header');
    return call;
  }

  @Post()
  async upload(
    @Req() req: Request,
    @Res() res: Response,
    @Query('fileName') fileName?: string,
  ): Promise<void> {
    let correlationId: string | undefined;
    try {
      const call = this.caller(req);
      correlationId = call.correlationId;
      const assistantId = call.params.assistantId;
      if (!assistantId)
        throw DomainError.invalid([{ path: 'assistantId', message: 'is required' }]);
      if (call.actor.role === 'assistant' && assistantId !== call.actor.userId)
        throw new DomainError(403, 'forbidden', 'Assistants import into their own caseload only');
      if (
        call.actor.role !== 'assistant' &&
        call.actor.role !== 'coordinator' &&
        call.actor.role !== 'admin'
      )
        throw new DomainError(
          403,
          'forbidden',
          'Only assistants, coordinators and admins import families',
        );
      const job = await this.runner.start({
        body: req,
        fileName: (fileName ?? 'families.csv').slice(0, 200),
        actor: call.actor,
        assistantId,
        correlationId: call.correlationId,
      });
      res.status(202).json(job);
    } catch (error) {
      req.resume(); // drain what the client still sends, so it reads the answer
      reply(res, error, correlationId);
    }
  }

  @Get(':id/errors.csv')
  async errors(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    try {
      const call = this.caller(req);
      const job = UUID.test(id) ? await this.runner.findJob(id) : null;
      if (!job || !canSeeImport(call.actor, job))
        throw new DomainError(404, 'not-found', 'No such import');
      res
        .status(200)
        .type('text/csv')
        .setHeader('content-disposition', `attachment; filename="import-${id}-errors.csv"`);
      await this.runner.writeErrors(id, res);
    } catch (error) {
      if (res.headersSent) res.destroy(error as Error);
      else reply(res, error);
    }
  }
}
