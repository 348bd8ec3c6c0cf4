import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UploadBody } from '../common/openapi.js';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BulkHttp } from '../common/bulk-http.js';
import { Caller, type CallerContext } from '../common/request-context.js';

const Id = { schema: z.uuid() };

/** A product's photo, streamed to and from the partners service. */
@ApiTags('offers')
@ApiBearerAuth()
@Controller('api/products')
export class ProductPhotosController {
  constructor(private readonly bulk: BulkHttp) {}

  private path = (productId: string) => `/internal/products/${productId}/photo`;

  @Post(':id/photo')
  @Roles('assistant', 'coordinator', 'admin')
  @UploadBody('image/jpeg', 'image/png', 'image/webp')
  async upload(
    @Param('id', Id) productId: string,
    @Caller() caller: CallerContext,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const upstream = await this.bulk.call('partners', this.path(productId), caller, {
      method: 'POST',
      body: req,
      contentType: req.header('content-type') ?? 'application/octet-stream',
    });
    await this.bulk.relay(upstream, res);
  }

  @Get(':id/photo')
  @Roles('assistant', 'coordinator', 'dinas', 'admin', 'partner')
  async download(
    @Param('id', Id) productId: string,
    @Caller() caller: CallerContext,
    @Res() res: Response,
  ): Promise<void> {
    await this.bulk.relay(await this.bulk.call('partners', this.path(productId), caller), res);
  }
}
