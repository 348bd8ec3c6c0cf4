import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/auth.guard.js';
import { BulkHttp } from '../common/bulk-http.js';
import { Caller, type CallerContext } from '../common/request-context.js';

/** The one route whose JSON body is not parsed here: directory files stream to partners. */
export const STREAMED_JSON_ROUTES = ['/api/directory/hsds'];

/**
 * The resource directory as an Open Referral HSDS 3.0 file: downloaded by the Dinas and
 * coordinators for other directories, uploaded by the Dinas to bring partners in (they wait
 * for verification like self-registered ones). Files stream to and from the partners service.
 */
@ApiTags('partners')
@ApiBearerAuth()
@Controller('api/directory/hsds')
export class DirectoryController {
  constructor(private readonly bulk: BulkHttp) {}

  @Get()
  @Roles('coordinator', 'dinas', 'admin')
  async download(@Caller() caller: CallerContext, @Res() res: Response): Promise<void> {
    await this.bulk.relay(
      await this.bulk.call('partners', '/internal/directory/hsds', caller),
      res,
    );
  }

  @Post()
  @Roles('dinas', 'admin')
  @ApiConsumes('application/json')
  async upload(
    @Caller() caller: CallerContext,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const upstream = await this.bulk.call('partners', '/internal/directory/hsds', caller, {
      method: 'POST',
      body: req,
      contentType: 'application/json',
    });
    await this.bulk.relay(upstream, res);
  }
}
