-- CreateTable
CREATE TABLE "kpm_case" (
    "id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "summary" TEXT NOT NULL,
    "opened_by" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "kpm_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_note" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "text" TEXT NOT NULL,
    "status" TEXT,

    CONSTRAINT "case_note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disbursement" (
    "kpm_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "stage" SMALLINT NOT NULL,
    "amount" INTEGER NOT NULL,
    "disbursed_on" DATE NOT NULL,
    "card_holder" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "disbursement_pkey" PRIMARY KEY ("kpm_id","year","stage")
);

-- CreateTable
CREATE TABLE "compliance_check" (
    "kpm_id" UUID NOT NULL,
    "period" CHAR(7) NOT NULL,
    "conditions" JSONB NOT NULL,
    "compliant" BOOLEAN NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "compliance_check_pkey" PRIMARY KEY ("kpm_id","period")
);

-- CreateIndex
CREATE INDEX "kpm_case_kpm_id_opened_at_idx" ON "kpm_case"("kpm_id", "opened_at");

-- CreateIndex
CREATE INDEX "kpm_case_status_kind_idx" ON "kpm_case"("status", "kind");

-- CreateIndex
CREATE INDEX "case_note_case_id_at_idx" ON "case_note"("case_id", "at");

-- AddForeignKey
ALTER TABLE "kpm_case" ADD CONSTRAINT "kpm_case_kpm_id_fkey" FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_note" ADD CONSTRAINT "case_note_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "kpm_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disbursement" ADD CONSTRAINT "disbursement_kpm_id_fkey" FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compliance_check" ADD CONSTRAINT "compliance_check_kpm_id_fkey" FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

