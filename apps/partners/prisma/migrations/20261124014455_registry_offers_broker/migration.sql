-- DropIndex
DROP INDEX "offer_kind_region_code_idx";

-- AlterTable: offers of every kind. Training offers posted before keep their place: the
-- rules come from their prerequisites, validity runs from posting to the training's start.
ALTER TABLE "offer"
ADD COLUMN     "business_kinds" TEXT[] NOT NULL DEFAULT '{}',
ADD COLUMN     "capacity" INTEGER,
ADD COLUMN     "closed_reason" TEXT,
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "min_business_months" INTEGER,
ADD COLUMN     "place_village_code" TEXT,
ADD COLUMN     "prior_training" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "regions" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "seats_taken" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "stages" TEXT[] NOT NULL DEFAULT '{}',
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'open',
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "valid_from" DATE,
ADD COLUMN     "valid_until" DATE;

UPDATE "offer" SET
  "capacity" = COALESCE(("details"->>'capacity')::int, 1),
  "description" = COALESCE("details"->>'description', ''),
  "regions" = ARRAY["region_code"],
  "business_kinds" = COALESCE(ARRAY(SELECT jsonb_array_elements_text("details" #> '{prerequisites,businessKinds}')), '{}'),
  "min_business_months" = ("details" #>> '{prerequisites,minBusinessMonths}')::int,
  "valid_from" = "posted_at"::date,
  "valid_until" = GREATEST(COALESCE(("details"->>'startsOn')::date, "posted_at"::date), "posted_at"::date);

ALTER TABLE "offer" ALTER COLUMN "capacity" SET NOT NULL,
ALTER COLUMN "valid_from" SET NOT NULL,
ALTER COLUMN "valid_until" SET NOT NULL,
DROP COLUMN "region_code";

-- CreateTable
CREATE TABLE "family_profile" (
    "kpm_id" UUID NOT NULL,
    "head_name" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "business_kind" TEXT,
    "business_started_on" DATE,
    "need_capital" BOOLEAN NOT NULL DEFAULT false,
    "capital_amount" BIGINT,
    "need_training" BOOLEAN NOT NULL DEFAULT false,
    "need_market" BOOLEAN NOT NULL DEFAULT false,
    "need_tutor" BOOLEAN NOT NULL DEFAULT false,
    "trainings_completed" INTEGER NOT NULL DEFAULT 0,
    "as_of" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "family_profile_pkey" PRIMARY KEY ("kpm_id")
);

-- CreateTable
CREATE TABLE "completed_training" (
    "enrolment_id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "completed_on" DATE NOT NULL,

    CONSTRAINT "completed_training_pkey" PRIMARY KEY ("enrolment_id")
);

-- CreateTable
CREATE TABLE "referral" (
    "id" UUID NOT NULL,
    "offer_id" UUID NOT NULL,
    "partner_id" TEXT NOT NULL,
    "kpm_id" UUID NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "delivered_by" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "consent_given_by" TEXT NOT NULL,
    "consent_given_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT,
    "delivery_ref" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral_change" (
    "id" BIGSERIAL NOT NULL,
    "referral_id" UUID NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "reason" TEXT,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subtype" TEXT,
    "individual" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "website" TEXT,
    "contacts" JSONB NOT NULL,
    "service_area" TEXT[] NOT NULL DEFAULT '{}',
    "address" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "status" TEXT NOT NULL,
    "status_reason" TEXT,
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "referrals" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "declined" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "repaid" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_decision" (
    "id" BIGSERIAL NOT NULL,
    "partner_id" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "reason" TEXT,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "family_profile_assistant_id_idx" ON "family_profile"("assistant_id");

-- CreateIndex
CREATE INDEX "completed_training_kpm_id_idx" ON "completed_training"("kpm_id");

-- CreateIndex
CREATE INDEX "referral_partner_id_status_idx" ON "referral"("partner_id", "status");

-- CreateIndex
CREATE INDEX "referral_assistant_id_idx" ON "referral"("assistant_id");

-- CreateIndex
CREATE INDEX "referral_kpm_id_idx" ON "referral"("kpm_id");

-- CreateIndex
CREATE INDEX "referral_offer_id_idx" ON "referral"("offer_id");

-- CreateIndex
CREATE INDEX "referral_delivery_ref_idx" ON "referral"("delivery_ref");

-- CreateIndex
CREATE INDEX "referral_change_referral_id_idx" ON "referral_change"("referral_id");

-- CreateIndex
CREATE INDEX "partner_status_idx" ON "partner"("status");

-- CreateIndex
CREATE INDEX "partner_decision_partner_id_idx" ON "partner_decision"("partner_id");

-- CreateIndex
CREATE INDEX "offer_status_valid_until_idx" ON "offer"("status", "valid_until");


-- Matching: offers reaching a village (any of its ancestors in the offer's regions), families
-- within a region by prefix, one open referral per family and offer.
CREATE INDEX "offer_regions_gin" ON "offer" USING GIN ("regions");
CREATE INDEX "family_profile_village_prefix" ON "family_profile" ("village_code" text_pattern_ops);
CREATE UNIQUE INDEX "referral_open_once" ON "referral" ("offer_id", "kpm_id")
  WHERE "status" IN ('referred', 'accepted', 'completed');
CREATE INDEX "partner_service_area_gin" ON "partner" USING GIN ("service_area");
