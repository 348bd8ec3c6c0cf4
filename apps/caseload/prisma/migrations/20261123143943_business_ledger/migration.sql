-- CreateTable
CREATE TABLE "ledger_entry" (
    "id" BIGSERIAL NOT NULL,
    "kpm_id" UUID NOT NULL,
    "on" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "note" TEXT,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ledger_entry_kpm_id_on_idx" ON "ledger_entry"("kpm_id", "on");

-- AddForeignKey
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_kpm_id_fkey" FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

