-- Trigram index for searching families by part of a name (created in this service's schema).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "kpm_assistant_id_head_name_idx";

-- DropIndex
DROP INDEX "kpm_village_code_idx";

-- AlterTable
ALTER TABLE "kpm" ADD COLUMN     "card_misheld" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "group_id" UUID,
ADD COLUMN     "import_id" UUID,
ADD COLUMN     "missed_stage" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "non_compliant" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "readiness_score" SMALLINT,
ADD COLUMN     "ready" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stage" TEXT NOT NULL DEFAULT 'active',
ADD COLUMN     "stage_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "zero_balance" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "assessment" (
    "id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,
    "instrument" TEXT NOT NULL,
    "instrument_version" INTEGER NOT NULL,
    "assessed_on" DATE NOT NULL,
    "verified" BOOLEAN NOT NULL,
    "notes" TEXT,
    "answers" JSONB NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpm_signals" (
    "kpm_id" UUID NOT NULL,
    "p2k2_held" INTEGER NOT NULL DEFAULT 0,
    "p2k2_attended" INTEGER NOT NULL DEFAULT 0,
    "trainings_completed" INTEGER NOT NULL DEFAULT 0,
    "last_training" TEXT,
    "capital_outcome" TEXT,
    "capital_outcome_at" TIMESTAMPTZ(3),

    CONSTRAINT "kpm_signals_pkey" PRIMARY KEY ("kpm_id")
);

-- CreateTable
CREATE TABLE "stage_change" (
    "id" BIGSERIAL NOT NULL,
    "kpm_id" UUID NOT NULL,
    "from_stage" TEXT,
    "to_stage" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "score" SMALLINT,
    "explanation" JSONB,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stage_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_up" (
    "id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,
    "months_after" INTEGER NOT NULL,
    "due_on" DATE NOT NULL,
    "outcome" TEXT,
    "notes" TEXT,
    "recorded_by" TEXT,
    "recorded_at" TIMESTAMPTZ(3),

    CONSTRAINT "follow_up_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "graduation_criteria" (
    "region_code" TEXT NOT NULL,
    "criteria" JSONB NOT NULL,
    "ready_score" INTEGER NOT NULL,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "graduation_criteria_pkey" PRIMARY KEY ("region_code")
);

-- CreateTable
CREATE TABLE "kpm_member" (
    "id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "nik" CHAR(16),
    "birth_date" DATE NOT NULL,
    "sex" CHAR(1) NOT NULL,
    "relation" TEXT NOT NULL,
    "school_status" TEXT,
    "pregnant" BOOLEAN NOT NULL DEFAULT false,
    "disability" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "kpm_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpm_group" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "leader_kpm_id" UUID,

    CONSTRAINT "kpm_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpm_assignment" (
    "id" BIGSERIAL NOT NULL,
    "kpm_id" UUID NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "from_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "to_at" TIMESTAMPTZ(3),
    "reason" TEXT NOT NULL,
    "assigned_by" TEXT NOT NULL,

    CONSTRAINT "kpm_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "assessment_kpm_id_instrument_assessed_on_idx" ON "assessment"("kpm_id", "instrument", "assessed_on");

-- CreateIndex
CREATE INDEX "stage_change_kpm_id_at_idx" ON "stage_change"("kpm_id", "at");

-- CreateIndex
CREATE INDEX "follow_up_due_on_idx" ON "follow_up"("due_on");

-- CreateIndex
CREATE UNIQUE INDEX "follow_up_kpm_id_months_after_key" ON "follow_up"("kpm_id", "months_after");

-- CreateIndex
CREATE UNIQUE INDEX "kpm_member_nik_key" ON "kpm_member"("nik");

-- CreateIndex
CREATE INDEX "kpm_member_kpm_id_idx" ON "kpm_member"("kpm_id");

-- CreateIndex
CREATE INDEX "kpm_group_assistant_id_idx" ON "kpm_group"("assistant_id");

-- CreateIndex
CREATE UNIQUE INDEX "kpm_group_village_code_name_key" ON "kpm_group"("village_code", "name");

-- CreateIndex
CREATE INDEX "kpm_assignment_kpm_id_from_at_idx" ON "kpm_assignment"("kpm_id", "from_at");

-- CreateIndex
CREATE INDEX "kpm_assistant_id_head_name_id_idx" ON "kpm"("assistant_id", "head_name", "id");

-- CreateIndex
CREATE INDEX "kpm_village_code_head_name_id_idx" ON "kpm"("village_code", "head_name", "id");

-- CreateIndex
CREATE INDEX "kpm_group_id_idx" ON "kpm"("group_id");

-- CreateIndex
CREATE INDEX "kpm_head_name_trgm_idx" ON "kpm" USING GIN ("head_name" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_kpm_id_fkey" FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpm_signals" ADD CONSTRAINT "kpm_signals_kpm_id_fkey" FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_kpm_id_fkey" FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_kpm_id_fkey" FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpm" ADD CONSTRAINT "kpm_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "kpm_group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpm_member" ADD CONSTRAINT "kpm_member_kpm_id_fkey" FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpm_group" ADD CONSTRAINT "kpm_group_leader_kpm_id_fkey" FOREIGN KEY ("leader_kpm_id") REFERENCES "kpm"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kpm_assignment" ADD CONSTRAINT "kpm_assignment_kpm_id_fkey" FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Backfill: families registered before households were recorded get their head as a member
-- (birth date and sex from the NIK) and their first assignment.
INSERT INTO "kpm_member" ("id", "kpm_id", "name", "nik", "birth_date", "sex", "relation")
SELECT gen_random_uuid(), k."id", k."head_name", k."nik",
       make_date(
         CASE WHEN extract(year FROM now())::int - (2000 + substr(k."nik", 11, 2)::int) >= 15
              THEN 2000 + substr(k."nik", 11, 2)::int ELSE 1900 + substr(k."nik", 11, 2)::int END,
         substr(k."nik", 9, 2)::int,
         substr(k."nik", 7, 2)::int % 40),
       CASE WHEN substr(k."nik", 7, 2)::int > 40 THEN 'F' ELSE 'M' END,
       'head'
FROM "kpm" k;

INSERT INTO "kpm_assignment" ("kpm_id", "assistant_id", "from_at", "reason", "assigned_by")
SELECT k."id", k."assistant_id", k."registered_at", 'entered the caseload', 'migration'
FROM "kpm" k;
