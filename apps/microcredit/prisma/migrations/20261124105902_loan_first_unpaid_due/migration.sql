-- AlterTable
ALTER TABLE "capital_referral" ADD COLUMN     "first_unpaid_due_on" DATE;

-- Loans already out get it from the arrears sweep, which runs seconds after the service starts.
