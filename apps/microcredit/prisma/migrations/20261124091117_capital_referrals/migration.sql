-- CreateTable
CREATE TABLE "product" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "partner_id" TEXT NOT NULL,
    "partner_name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "amount_min" BIGINT NOT NULL,
    "amount_max" BIGINT NOT NULL,
    "interest_rate_pct" DECIMAL(6,3) NOT NULL,
    "interest_method" TEXT,
    "tenor_months_min" INTEGER,
    "tenor_months_max" INTEGER,
    "repayment_frequency" TEXT,
    "documents" TEXT[],
    "purpose" TEXT,
    "eligibility" JSONB NOT NULL,
    "capacity" INTEGER NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_until" DATE NOT NULL,
    "live" BOOLEAN NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "family" (
    "kpm_id" UUID NOT NULL,
    "head_name" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "business_kind" TEXT,
    "business_started_on" DATE,
    "trainings_completed" INTEGER NOT NULL DEFAULT 0,
    "as_of" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "family_pkey" PRIMARY KEY ("kpm_id")
);

-- CreateTable
CREATE TABLE "completed_training" (
    "enrolment_id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,

    CONSTRAINT "completed_training_pkey" PRIMARY KEY ("enrolment_id")
);

-- CreateTable
CREATE TABLE "capital_referral" (
    "id" UUID NOT NULL,
    "product_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "partner_id" TEXT NOT NULL,
    "kpm_id" UUID NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "tenor_months" INTEGER,
    "purpose" TEXT,
    "business_plan" TEXT,
    "survey_on" DATE,
    "survey_note" TEXT,
    "approved_amount" BIGINT,
    "disbursed_on" DATE,
    "reason" TEXT,
    "due_at" TIMESTAMPTZ(3),
    "source" TEXT NOT NULL,
    "total_due" BIGINT,
    "paid" BIGINT NOT NULL DEFAULT 0,
    "outstanding_principal" BIGINT,
    "days_in_arrears" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "capital_referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent" (
    "referral_id" UUID NOT NULL,
    "given_by" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "given_at" TIMESTAMPTZ(3) NOT NULL,
    "scope" TEXT NOT NULL,
    "partner_id" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "withdrawn_at" TIMESTAMPTZ(3),
    "withdrawn_by" TEXT,
    "withdraw_reason" TEXT,

    CONSTRAINT "consent_pkey" PRIMARY KEY ("referral_id")
);

-- CreateTable
CREATE TABLE "capital_referral_change" (
    "id" BIGSERIAL NOT NULL,
    "referral_id" UUID NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "reason" TEXT,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "capital_referral_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "instalment" (
    "referral_id" UUID NOT NULL,
    "no" INTEGER NOT NULL,
    "due_on" DATE NOT NULL,
    "principal" BIGINT NOT NULL,
    "interest" BIGINT NOT NULL,
    "total" BIGINT NOT NULL,

    CONSTRAINT "instalment_pkey" PRIMARY KEY ("referral_id","no")
);

-- CreateTable
CREATE TABLE "payment" (
    "id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "paid_on" DATE NOT NULL,
    "amount" BIGINT NOT NULL,
    "note" TEXT,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "product_partner_id_idx" ON "product"("partner_id");

-- CreateIndex
CREATE INDEX "family_assistant_id_idx" ON "family"("assistant_id");

-- CreateIndex
CREATE INDEX "capital_referral_partner_id_status_idx" ON "capital_referral"("partner_id", "status");

-- CreateIndex
CREATE INDEX "capital_referral_assistant_id_status_idx" ON "capital_referral"("assistant_id", "status");

-- CreateIndex
CREATE INDEX "capital_referral_kpm_id_idx" ON "capital_referral"("kpm_id");

-- CreateIndex
CREATE INDEX "capital_referral_village_code_idx" ON "capital_referral"("village_code");

-- CreateIndex
CREATE INDEX "capital_referral_status_due_at_idx" ON "capital_referral"("status", "due_at");

-- CreateIndex
CREATE INDEX "capital_referral_change_referral_id_idx" ON "capital_referral_change"("referral_id");

-- CreateIndex
CREATE INDEX "payment_referral_id_idx" ON "payment"("referral_id");

-- AddForeignKey
ALTER TABLE "capital_referral" ADD CONSTRAINT "capital_referral_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent" ADD CONSTRAINT "consent_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "capital_referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "capital_referral_change" ADD CONSTRAINT "capital_referral_change_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "capital_referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "instalment" ADD CONSTRAINT "instalment_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "capital_referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment" ADD CONSTRAINT "payment_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "capital_referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

