-- AlterTable
ALTER TABLE "family" ADD COLUMN     "group_id" UUID;

-- CreateTable
CREATE TABLE "savings_group" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "balance" BIGINT NOT NULL DEFAULT 0,
    "entries" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "savings_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "savings_treasurer" (
    "account_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,
    "head_name" TEXT NOT NULL,
    "appointed_by" TEXT NOT NULL,
    "appointed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "savings_treasurer_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "savings_entry" (
    "id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "member_kpm_id" UUID,
    "member_name" TEXT,
    "occurred_on" DATE NOT NULL,
    "note" TEXT,
    "recorded_by" UUID NOT NULL,
    "recorded_by_kpm_id" UUID NOT NULL,
    "recorded_by_name" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "balance_after" BIGINT NOT NULL,
    "reverses" UUID,

    CONSTRAINT "savings_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "savings_group_assistant_id_idx" ON "savings_group"("assistant_id");

-- CreateIndex
CREATE INDEX "savings_group_village_code_idx" ON "savings_group"("village_code");

-- CreateIndex
CREATE INDEX "savings_treasurer_group_id_ended_at_idx" ON "savings_treasurer"("group_id", "ended_at");

-- CreateIndex
CREATE UNIQUE INDEX "savings_entry_reverses_key" ON "savings_entry"("reverses");

-- CreateIndex
CREATE INDEX "savings_entry_group_id_member_kpm_id_idx" ON "savings_entry"("group_id", "member_kpm_id");

-- CreateIndex
CREATE UNIQUE INDEX "savings_entry_group_id_seq_key" ON "savings_entry"("group_id", "seq");

-- CreateIndex
CREATE INDEX "family_group_id_idx" ON "family"("group_id");

-- AddForeignKey
ALTER TABLE "savings_treasurer" ADD CONSTRAINT "savings_treasurer_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "savings_group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "savings_entry" ADD CONSTRAINT "savings_entry_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "savings_group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

