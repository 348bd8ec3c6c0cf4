import { Module } from '@nestjs/common';
import { internalSecretProvider, regionsProvider } from '@jembatan/service-kit';
import { BenefitsHandlers } from './benefits/benefits.handlers.js';
import { CasesHandlers } from './cases/cases.handlers.js';
import { CriteriaRepository } from './graduation/criteria.repository.js';
import { DueFollowUpsHandlers } from './graduation/due-follow-ups.handlers.js';
import { GraduationHandlers } from './graduation/graduation.handlers.js';
import { ReadinessService } from './graduation/readiness.service.js';
import { SignalsHandlers } from './graduation/signals.handlers.js';
import { ImportRunner } from './imports/import.runner.js';
import { ImportsHttpController } from './imports/imports.controller.js';
import { ImportsHandlers } from './imports/imports.handlers.js';
import { GroupsHandlers } from './groups/groups.handlers.js';
import { FamiliesHandlers } from './families/families.handlers.js';
import { FamiliesRepository } from './families/families.repository.js';
import { FamilyCards } from './families/family-cards.js';
import { FamilyListQuery } from './families/family-list.query.js';
import { ConsentHandlers } from './personal-data/consent.handlers.js';
import { FamilyDataHandlers } from './personal-data/family-data.handlers.js';
import { RetentionHandlers } from './personal-data/retention.js';

/** Families, their groups, assessments and the graduation pipeline: one module, shared repositories. */
@Module({
  controllers: [ImportsHttpController],
  providers: [
    FamilyDataHandlers,
    ConsentHandlers,
    RetentionHandlers,
    regionsProvider,
    FamiliesRepository,
    FamilyCards,
    FamilyListQuery,
    FamiliesHandlers,
    GroupsHandlers,
    CriteriaRepository,
    ReadinessService,
    GraduationHandlers,
    DueFollowUpsHandlers,
    SignalsHandlers,
    CasesHandlers,
    BenefitsHandlers,
    ImportRunner,
    ImportsHandlers,
    internalSecretProvider,
  ],
})
export class CaseloadModule {}
