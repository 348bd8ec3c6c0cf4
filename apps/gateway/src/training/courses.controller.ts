import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CourseBody } from '@jembatan/contracts';
import { z } from 'zod';
import { AccountsRepository } from '../auth/accounts.repository.js';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';

const Id = { schema: z.uuid() };

/** Courses that upskill assistants (entrepreneurship, the broker role) and who still needs them. */
@ApiTags('courses')
@ApiBearerAuth()
@Controller('api/courses')
export class CoursesController {
  constructor(
    private readonly services: Services,
    private readonly accounts: AccountsRepository,
  ) {}

  @Post()
  @Roles('coordinator', 'dinas', 'admin')
  @BodySchema(CourseBody)
  create(
    @Body({ schema: CourseBody }) body: z.input<typeof CourseBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.course.create', body, caller);
  }

  @Get()
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  list(@Caller() caller: CallerContext) {
    return this.services.call('training.course.list', {}, caller);
  }

  /** Every assistant of the caller's region with the topics done, in progress and missing. */
  @Get('report')
  @Roles('coordinator', 'dinas', 'admin')
  async report(@Caller() caller: CallerContext) {
    const assistants = await this.accounts.assistantsIn(caller.actor.regionCode);
    const { items } = await this.services.call(
      'training.course.report',
      { assistantIds: assistants.map((a) => a.id), regionCode: caller.actor.regionCode },
      caller,
    );
    const byId = new Map(items.map((item) => [item.assistantId, item]));
    return {
      items: assistants.map((a) => ({
        ...byId.get(a.id)!,
        name: a.displayName,
        regionCode: a.regionCode,
      })),
    };
  }

  @Post(':id/enrol')
  @HttpCode(200)
  @Roles('assistant')
  enrol(@Param('id', Id) courseId: string, @Caller() caller: CallerContext) {
    return this.services.call('training.course.progress', { courseId, action: 'enrol' }, caller);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('assistant')
  complete(@Param('id', Id) courseId: string, @Caller() caller: CallerContext) {
    return this.services.call('training.course.progress', { courseId, action: 'complete' }, caller);
  }
}
