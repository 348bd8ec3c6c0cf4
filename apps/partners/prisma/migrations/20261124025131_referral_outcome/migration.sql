-- AlterTable
ALTER TABLE "referral" ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "outcome_at" TIMESTAMPTZ(3);

