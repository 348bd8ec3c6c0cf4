-- AlterTable
ALTER TABLE "family_state" ADD COLUMN     "pkh_entry_year" SMALLINT;

-- CreateTable
CREATE TABLE "assistant_cohort" (
    "assistant_id" TEXT NOT NULL,
    "pkh_entry_year" SMALLINT NOT NULL,
    "families" INTEGER NOT NULL,

    CONSTRAINT "assistant_cohort_pkey" PRIMARY KEY ("assistant_id","pkh_entry_year")
);

