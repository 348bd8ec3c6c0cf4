-- AlterTable
ALTER TABLE "kpm" ADD COLUMN     "anonymised_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "consent_withdrawal" (
    "id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,
    "stated_by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_withdrawal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "consent_withdrawal_kpm_id_at_idx" ON "consent_withdrawal"("kpm_id", "at");


-- A withdrawal belongs to a family that exists.
ALTER TABLE "consent_withdrawal" ADD CONSTRAINT "consent_withdrawal_kpm_id_fkey"
  FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The retention sweep looks only at families that left PKH and are not yet anonymised.
CREATE INDEX "kpm_retention_idx" ON "kpm" ("stage_changed_at")
  WHERE "anonymised_at" IS NULL AND "stage" IN ('graduated-self-reliant', 'graduated-natural', 'exited');
