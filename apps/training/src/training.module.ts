import { Module } from '@nestjs/common';
import { internalSecretProvider, regionsProvider } from '@jembatan/service-kit';
import { CoursesHandlers } from './courses/courses.handlers.js';
import { DirectoryHandlers } from './directory/directory.handlers.js';
import { DirectoryRepository } from './directory/directory.repository.js';
import { OffersHandlers } from './offers/offers.handlers.js';
import { ReferralIntakeHandlers } from './offers/referral-intake.handlers.js';
import { P2k2Handlers } from './p2k2/p2k2.handlers.js';
import { SessionPhotoController } from './p2k2/photo.controller.js';
import { TutorsHandlers } from './tutors/tutors.handlers.js';
import { ConsentHandlers } from './personal-data/consent.handlers.js';
import { FamilyAnonymiser } from './personal-data/anonymiser.js';
import { FamilyDataHandlers } from './personal-data/family-data.handlers.js';

/** P2K2 sessions, partner trainings, business tutors and assistants' courses. */
@Module({
  controllers: [SessionPhotoController],
  providers: [
    FamilyDataHandlers,
    FamilyAnonymiser,
    ConsentHandlers,
    regionsProvider,
    internalSecretProvider,
    DirectoryRepository,
    DirectoryHandlers,
    P2k2Handlers,
    OffersHandlers,
    ReferralIntakeHandlers,
    TutorsHandlers,
    CoursesHandlers,
  ],
})
export class TrainingModule {}
