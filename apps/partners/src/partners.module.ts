import { Module } from '@nestjs/common';
import { regionsProvider } from '@jembatan/service-kit';
import { TrainingOffersHandlers } from './offers/training-offers.handlers.js';

/** Partners and what they offer. This slice: training offers; the rest arrives with its issue. */
@Module({ providers: [regionsProvider, TrainingOffersHandlers] })
export class PartnersModule {}
