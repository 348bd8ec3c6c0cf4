import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UploadBody } from '../common/openapi.js';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BulkHttp } from '../common/bulk-http.js';
import { Caller, type CallerContext } from '../common/request-context.js';

const Id = { schema: z.uuid() };

/** The optional check-in photo of a P2K2 session, streamed to and from the training service. */
@ApiTags('p2k2')
@ApiBearerAuth()
@Controller('api/p2k2/sessions')
export class P2k2PhotosController {
  constructor(private readonly bulk: BulkHttp) {}

  @Post(':id/photo')
  @Roles('assistant')
  @UploadBody('image/jpeg', 'image/png', 'image/webp')
  async upload(
    @Param('id', Id) sessionId: string,
    @Caller() caller: CallerContext,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const upstream = await this.bulk.call(
      'training',
      `/internal/p2k2/sessions/${sessionId}/photo`,
      caller,
      {
        method: 'POST',
        body: req,
        contentType: req.header('content-type') ?? 'application/octet-stream',
      },
    );
    await this.bulk.relay(upstream, res);
  }

  @Get(':id/photo')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  async download(
    @Param('id', Id) sessionId: string,
    @Caller() caller: CallerContext,
    @Res() res: Response,
  ): Promise<void> {
    const upstream = await this.bulk.call(
      'training',
      `/internal/p2k2/sessions/${sessionId}/photo`,
      caller,
    );
    await this.bulk.relay(upstream, res);
  }
}
