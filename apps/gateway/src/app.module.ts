import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DatabaseModule, HealthModule, loggerModule, regionsProvider } from '@jembatan/service-kit';
import { AccountEventsRelay } from './accounts/account-events.js';
import { AccountsRepository } from './auth/accounts.repository.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditTrail } from './audit/audit-trail.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { LoginLimiter } from './auth/login-limiter.js';
import { Sessions } from './auth/sessions.js';
import { TokenService } from './auth/tokens.js';
import { TotpController } from './auth/totp.controller.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './common/config.js';
import { BulkHttp } from './common/bulk-http.js';
import { RateLimits } from './common/rate-limits.js';
import { Services } from './common/rpc.provider.js';
import { PrismaService } from './database/prisma.service.js';
import { GraduationController } from './graduation/graduation.controller.js';
import { CasesController } from './caseload/cases.controller.js';
import { GroupsController } from './caseload/groups.controller.js';
import { ImportsController } from './imports/imports.controller.js';
import { KpmController } from './kpm/kpm.controller.js';
import { RetentionController } from './kpm/retention.controller.js';
import { AlertsController } from './supervision/alerts.controller.js';
import { AttendanceController } from './supervision/attendance.controller.js';
import { CoordinationController } from './supervision/coordination.controller.js';
import { RegionsController } from './supervision/regions.controller.js';
import { ReportsController } from './supervision/reports.controller.js';
import { CoursesController } from './training/courses.controller.js';
import { P2k2Controller } from './training/p2k2.controller.js';
import { P2k2PhotosController } from './training/p2k2-photos.controller.js';
import { TrainingsController } from './training/trainings.controller.js';
import { TutorsController } from './training/tutors.controller.js';
import { DirectoryController } from './partners/directory.controller.js';
import { OffersController } from './partners/offers.controller.js';
import { PartnerRegistration } from './partners/partner-registration.js';
import { PartnersController } from './partners/partners.controller.js';
import { ProductPhotosController } from './partners/product-photos.controller.js';
import { ReferralsController } from './partners/referrals.controller.js';
import { CapitalController } from './microcredit/capital.controller.js';
import { SavingsController } from './microcredit/savings.controller.js';
import { TreasurerAccounts } from './microcredit/treasurer-accounts.js';
import { StaffAccounts } from './accounts/staff-accounts.js';
import { StaffAccountsController } from './accounts/staff-accounts.controller.js';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule('gateway', config.LOG_LEVEL),
        DatabaseModule.forRoot(PrismaService, config.database),
        HealthModule.forService({
          service: 'gateway',
          brokers: config.KAFKA_BROKERS,
          redisUrl: config.REDIS_URL,
        }),
      ],
      controllers: [
        AuthController,
        TotpController,
        AuditController,
        KpmController,
        RetentionController,
        GroupsController,
        CasesController,
        ImportsController,
        GraduationController,
        RegionsController,
        AttendanceController,
        CoordinationController,
        AlertsController,
        ReportsController,
        P2k2Controller,
        P2k2PhotosController,
        TrainingsController,
        TutorsController,
        CoursesController,
        PartnersController,
        OffersController,
        ReferralsController,
        DirectoryController,
        ProductPhotosController,
        CapitalController,
        SavingsController,
        StaffAccountsController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        // Also counts the account's requests (one Redis round trip with the revocation check).
        { provide: APP_GUARD, useClass: AuthGuard },
        RateLimits,
        AuditTrail,
        Sessions,
        TokenService,
        AccountsRepository,
        AccountEventsRelay,
        LoginLimiter,
        Services,
        BulkHttp,
        regionsProvider,
        PartnerRegistration,
        TreasurerAccounts,
        StaffAccounts,
      ],
    };
  }
}
