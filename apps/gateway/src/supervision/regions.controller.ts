import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  GetRegionCounts,
  GetRegionStats,
  GraduationTargetBody,
  RegionCode,
} from '@jembatan/contracts';
import type { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.guard.js';
import { actorOf, type SessionUser } from '../auth/tokens.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, CorrelationId, type CallerContext } from '../common/request-context.js';

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

  /** Ratios, stages, graduation against target and P2K2 of a region and its child regions. */
  @Get('stats')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  stats(
    @Query({ schema: GetRegionStats.request }) query: z.input<typeof GetRegionStats.request>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.region-stats.get', query, caller);
  }

  @Put(':code/graduation-target')
  @Roles('dinas', 'admin')
  @BodySchema(GraduationTargetBody)
  setTarget(
    @Param('code', { schema: RegionCode }) regionCode: string,
    @Body({ schema: GraduationTargetBody }) body: z.input<typeof GraduationTargetBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('supervision.graduation-target.set', { ...body, regionCode }, caller);
  }
}
