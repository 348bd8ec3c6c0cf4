import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { DomainError, type InternalCall } from '@jembatan/messaging';
import { INTERNAL_SECRET, internalCallOf, replyInternalError } from '@jembatan/service-kit';
import type { Request, Response } from 'express';
import { canSeeImport } from './imports.handlers.js';
import { ImportRunner } from './import.runner.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Bulk HTTP: the CSV upload streams from the gateway straight into PostgreSQL, and the error
 * report streams back. Only the gateway calls these, vouching for the user with a signed header.
 */
@Controller('internal/imports')
export class ImportsHttpController {
  constructor(
    private readonly runner: ImportRunner,
    @Inject(INTERNAL_SECRET) private readonly secret: string,
  ) {}

  private caller(req: Request): InternalCall {
    return internalCallOf(req, this.secret);
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
      replyInternalError(res, error, correlationId);
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
      replyInternalError(res, error);
    }
  }
}
