import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ListKpmRequest, RegisterKpmRequest } from '@jembatan/contracts';
import { z } from 'zod';
import { CurrentUser, Roles } from '../auth/auth.guard.js';
import { actorOf, type SessionUser } from '../auth/tokens.js';
import { Services } from '../common/rpc.provider.js';
import { CorrelationId, IdempotencyKey } from '../common/request-context.js';

/** Families (KPM): served by the caseload service over Kafka. */
@ApiTags('kpm')
@ApiBearerAuth()
@Controller('api/kpm')
export class KpmController {
  constructor(private readonly services: Services) {}

  @Post()
  @Roles('assistant', 'coordinator', 'admin')
  @ApiBody({ schema: z.toJSONSchema(RegisterKpmRequest, { io: 'input' }) as object })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retrying with the same key registers once',
  })
  register(
    @Body({ schema: RegisterKpmRequest }) body: z.input<typeof RegisterKpmRequest>,
    @CurrentUser() user: SessionUser,
    @CorrelationId() correlationId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ) {
    return this.services.call('caseload.kpm.register', body, {
      actor: actorOf(user),
      correlationId,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  }

  @Get()
  list(
    @Query({ schema: ListKpmRequest }) query: z.input<typeof ListKpmRequest>,
    @CurrentUser() user: SessionUser,
    @CorrelationId() correlationId: string,
  ) {
    return this.services.call('caseload.kpm.list', query, { actor: actorOf(user), correlationId });
  }

  @Get(':id')
  get(
    @Param('id', { schema: z.uuid() }) kpmId: string,
    @CurrentUser() user: SessionUser,
    @CorrelationId() correlationId: string,
  ) {
    return this.services.call(
      'caseload.kpm.get',
      { kpmId },
      { actor: actorOf(user), correlationId },
    );
  }
}
