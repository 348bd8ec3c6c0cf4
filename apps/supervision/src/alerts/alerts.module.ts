import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module.js';
import { AlertRules } from './alert-rules.js';
import { AlertsHandlers } from './alerts.handlers.js';
import { AlertsSweeper } from './alerts.sweeper.js';

/** Alert rules run every few minutes, their alerts, and coordinators' coaching notes. */
@Module({
  imports: [AttendanceModule],
  providers: [AlertRules, AlertsSweeper, AlertsHandlers],
})
export class AlertsModule {}
