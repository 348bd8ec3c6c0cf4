import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { GetRegionCounts } from '@jembatan/contracts';
import type { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.guard.js';
import { actorOf, type SessionUser } from '../auth/tokens.js';
import { Services } from '../common/rpc.provider.js';
import { CorrelationId } from '../common/request-context.js';

/** Live figures per region, served by the supervision service's read model. */
@ApiTags('regions')
@ApiBearerAuth()
@Controller('api/regions')
export class RegionsController {
  constructor(private readonly services: Services) {}

  @Get('kpm-counts')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  counts(
    @Query({ schema: GetRegionCounts.request }) query: z.input<typeof GetRegionCounts.request>,
    @CurrentUser() user: SessionUser,
    @CorrelationId() correlationId: string,
  ) {
    return this.services.call('supervision.region-counts.get', query, {
      actor: actorOf(user),
      correlationId,
    });
  }
}
