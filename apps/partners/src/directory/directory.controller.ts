import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { DomainError } from '@jembatan/messaging';
import { INTERNAL_SECRET, readBodyLimited, serveInternalCall } from '@jembatan/service-kit';
import type { Request, Response } from 'express';
import { DirectoryService } from './directory.service.js';

/** A directory file of a whole province stays well under this. */
export const MAX_DIRECTORY_BYTES = 10 * 1024 * 1024;

/**
 * The HSDS directory file, both ways: a bulk payload, so it streams over HTTP between the
 * gateway (which vouches for the user with a signed header) and this service, not over Kafka.
 */
@Controller('internal/directory/hsds')
export class DirectoryController {
  constructor(
    private readonly directory: DirectoryService,
    @Inject(INTERNAL_SECRET) private readonly secret: string,
  ) {}

  @Get()
  async download(@Req() req: Request, @Res() res: Response): Promise<void> {
    await serveInternalCall(req, res, this.secret, async (call) => {
      const document = await this.directory.exportFor(call.actor);
      const day = document.generated_at!.slice(0, 10);
      res
        .status(200)
        .type('application/json')
        .setHeader('content-disposition', `attachment; filename="direktori-hsds-${day}.json"`)
        .setHeader('cache-control', 'no-store')
        .send(JSON.stringify(document, null, 2));
    });
  }

  @Post()
  async upload(@Req() req: Request, @Res() res: Response): Promise<void> {
    await serveInternalCall(req, res, this.secret, async (call) => {
      const body = await readBodyLimited(req, MAX_DIRECTORY_BYTES, 'A directory file');
      let document: unknown;
      try {
        document = JSON.parse(body.toString('utf8'));
      } catch {
        throw new DomainError(400, 'malformed-json', 'The file is not JSON');
      }
      const report = await this.directory.importFor(
        { actor: call.actor, correlationId: call.correlationId },
        document,
      );
      res.status(200).json(report);
    });
  }
}
