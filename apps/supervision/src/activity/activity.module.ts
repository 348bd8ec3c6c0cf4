import { Module } from '@nestjs/common';
import { ActivityHandlers } from './activity.handlers.js';
import { ActivityRepository } from './activity.repository.js';

/** The assistants' work log, from the other services' events and their own check-ins. */
@Module({ providers: [ActivityRepository, ActivityHandlers], exports: [ActivityRepository] })
export class ActivityModule {}
