import { Module } from '@nestjs/common';
import { internalSecretProvider, regionsProvider } from '@jembatan/service-kit';
import { BrokerHandlers } from './broker/broker.handlers.js';
import { FamilyProfilesHandlers } from './broker/family-profiles.handlers.js';
import { DirectoryController } from './directory/directory.controller.js';
import { DirectoryService } from './directory/directory.service.js';
import { ImpactHandlers } from './impact/impact.handlers.js';
import { ProductPhotoController } from './market/product-photo.controller.js';
import { ProductsHandlers } from './market/products.handlers.js';
import { OfferPublisher } from './offers/offer-publisher.js';
import { OffersHandlers } from './offers/offers.handlers.js';
import { TrainingOffersHandlers } from './offers/training-offers.handlers.js';
import { ReferralsHandlers } from './referrals/referrals.handlers.js';
import { PartnerNotesHandlers } from './registry/partner-notes.handlers.js';
import { RegistryHandlers } from './registry/registry.handlers.js';
import { ResourceMapHandlers } from './resource-map/resource-map.handlers.js';
import { FamilyAnonymiser } from './personal-data/anonymiser.js';
import { FamilyDataHandlers } from './personal-data/family-data.handlers.js';

/**
 * Partners and what they offer: the registry the Dinas verifies, offers with their
 * eligibility, the broker's matching on a projection of caseload's families, and referrals.
 */
@Module({
  controllers: [DirectoryController, ProductPhotoController],
  providers: [
    FamilyDataHandlers,
    FamilyAnonymiser,
    regionsProvider,
    internalSecretProvider,
    DirectoryService,
    OfferPublisher,
    RegistryHandlers,
    OffersHandlers,
    TrainingOffersHandlers,
    FamilyProfilesHandlers,
    BrokerHandlers,
    ReferralsHandlers,
    ResourceMapHandlers,
    PartnerNotesHandlers,
    ImpactHandlers,
    ProductsHandlers,
  ],
})
export class PartnersModule {}
