import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CompleteMentoringBody,
  ListMentoring,
  ListTutors,
  MatchTutorsBody,
  MentoringLogBody,
  StartMentoringBody,
  TutorProfileBody,
} from '@jembatan/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { PersonalData } from '../audit/personal-data.js';

const Id = { schema: z.uuid() };
const TutorsQuery = ListTutors.request;
const MentoringQuery = ListMentoring.request;

/** Business tutors: profiles, matching families to tutors, mentoring plans and session logs. */
@ApiTags('tutors')
@ApiBearerAuth()
@Controller('api')
export class TutorsController {
  constructor(private readonly services: Services) {}

  /** A partner account's own tutor profile. */
  @Put('tutors/me')
  @Roles('partner')
  @BodySchema(TutorProfileBody)
  saveMine(
    @Body({ schema: TutorProfileBody }) body: z.input<typeof TutorProfileBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.tutor.save', body, caller);
  }

  @Get('tutors')
  list(
    @Query({ schema: TutorsQuery }) query: z.input<typeof TutorsQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.tutor.list', query, caller);
  }

  /** Best tutors for each family, with the reasons (a query with a body: up to 300 ids). */
  @Post('tutors/matches')
  @HttpCode(200)
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(MatchTutorsBody)
  match(
    @Body({ schema: MatchTutorsBody }) body: z.input<typeof MatchTutorsBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.tutor.match', body, caller);
  }

  @Post('mentoring')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(StartMentoringBody)
  start(
    @Body({ schema: StartMentoringBody }) body: z.input<typeof StartMentoringBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.mentoring.start', body, caller);
  }

  @Get('mentoring')
  @PersonalData('mentoring')
  plans(
    @Query({ schema: MentoringQuery }) query: z.input<typeof MentoringQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.mentoring.list', query, caller);
  }

  @Post('mentoring/:id/logs')
  @BodySchema(MentoringLogBody)
  log(
    @Param('id', Id) planId: string,
    @Body({ schema: MentoringLogBody }) body: z.input<typeof MentoringLogBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.mentoring.log', { ...body, planId }, caller);
  }

  @Post('mentoring/:id/completion')
  @HttpCode(200)
  @BodySchema(CompleteMentoringBody)
  complete(
    @Param('id', Id) planId: string,
    @Body({ schema: CompleteMentoringBody }) body: z.input<typeof CompleteMentoringBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('training.mentoring.complete', { ...body, planId }, caller);
  }
}
