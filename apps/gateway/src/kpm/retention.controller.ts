import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.guard.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';

/** The retention rule for families who left PKH; it also runs daily in caseload. */
@ApiTags('kpm')
@ApiBearerAuth()
@Controller('api/retention')
export class RetentionController {
  constructor(private readonly services: Services) {}

  @Post('run')
  @HttpCode(200)
  @Roles('admin')
  run(@Caller() caller: CallerContext) {
    return this.services.call('caseload.retention.apply', {}, caller);
  }
}
