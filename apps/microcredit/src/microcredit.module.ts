import { Module } from '@nestjs/common';
import { regionsProvider } from '@jembatan/service-kit';
import { FamiliesProjection } from './families/families.projection.js';
import { LoanBook } from './loans/loan-book.js';
import { LoanSettlement } from './loans/loan-settlement.js';
import { LoansHandlers } from './loans/loans.handlers.js';
import { ParHandlers } from './loans/par.handlers.js';
import { ProductsHandlers } from './products/products.handlers.js';
import { ProductsProjection } from './products/products.projection.js';
import { ActionsHandlers } from './referrals/actions.handlers.js';
import { BrokerIntakeHandlers } from './referrals/broker-intake.handlers.js';
import { CapitalLifecycle } from './referrals/lifecycle.js';
import { ReferralRepository } from './referrals/referral.repository.js';
import { ReferralsHandlers } from './referrals/referrals.handlers.js';
import { LedgerHandlers } from './savings/ledger.handlers.js';
import { TreasurersHandlers } from './savings/treasurers.handlers.js';
import { FamilyAnonymiser } from './personal-data/anonymiser.js';
import { FamilyDataHandlers } from './personal-data/family-data.handlers.js';

/** Capital referrals to loans and grants, followed from draft to repayment; groups' savings ledgers. */
@Module({
  providers: [
    FamilyDataHandlers,
    FamilyAnonymiser,
    regionsProvider,
    ProductsProjection,
    FamiliesProjection,
    ProductsHandlers,
    ReferralRepository,
    CapitalLifecycle,
    LoanBook,
    LoanSettlement,
    ReferralsHandlers,
    ActionsHandlers,
    BrokerIntakeHandlers,
    LoansHandlers,
    ParHandlers,
    TreasurersHandlers,
    LedgerHandlers,
  ],
})
export class MicrocreditModule {}
