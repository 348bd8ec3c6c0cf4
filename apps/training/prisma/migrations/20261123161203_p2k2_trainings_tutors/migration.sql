-- CreateTable
CREATE TABLE "family" (
    "kpm_id" UUID NOT NULL,
    "head_name" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "group_id" UUID,
    "stage" TEXT NOT NULL,
    "business_kind" TEXT,
    "business_started_on" DATE,
    "as_of" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "family_pkey" PRIMARY KEY ("kpm_id")
);

-- CreateTable
CREATE TABLE "p2k2_group" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "availability" JSONB NOT NULL DEFAULT '[]',
    "as_of" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "p2k2_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_offer" (
    "id" UUID NOT NULL,
    "partner_id" TEXT NOT NULL,
    "partner_name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "meetings" SMALLINT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "prerequisites" JSONB NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "training_offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "nomination" (
    "id" UUID NOT NULL,
    "offer_id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,
    "head_name" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "nominated_by" TEXT NOT NULL,
    "note" TEXT,
    "consent_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "certificate_no" TEXT,
    "completed_on" DATE,
    "completed_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "nomination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_attendance" (
    "nomination_id" UUID NOT NULL,
    "meeting_no" SMALLINT NOT NULL,
    "present" BOOLEAN NOT NULL,
    "recorded_by" TEXT NOT NULL,

    CONSTRAINT "training_attendance_pkey" PRIMARY KEY ("nomination_id","meeting_no")
);

-- CreateTable
CREATE TABLE "p2k2_session" (
    "id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "session_no" SMALLINT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "place" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "notes" TEXT,
    "cancel_reason" TEXT,
    "check_in_at" TIMESTAMPTZ(3),
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "accuracy_meters" DOUBLE PRECISION,
    "check_in_late" BOOLEAN,
    "photo" BYTEA,
    "photo_type" TEXT,
    "invited" SMALLINT NOT NULL DEFAULT 0,
    "attended" SMALLINT NOT NULL DEFAULT 0,
    "planned_by" TEXT NOT NULL,
    "held_by" TEXT,
    "held_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "p2k2_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "p2k2_attendance" (
    "session_id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,
    "head_name" TEXT NOT NULL,
    "present" BOOLEAN NOT NULL,
    "note" TEXT,

    CONSTRAINT "p2k2_attendance_pkey" PRIMARY KEY ("session_id","kpm_id")
);

-- CreateTable
CREATE TABLE "tutor" (
    "id" UUID NOT NULL,
    "partner_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "expertise" TEXT[],
    "area_code" TEXT NOT NULL,
    "capacity" SMALLINT NOT NULL,
    "bio" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tutor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentoring_plan" (
    "id" UUID NOT NULL,
    "tutor_id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,
    "head_name" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "goals" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'active',
    "outcome" TEXT,
    "consent_at" TIMESTAMPTZ(3) NOT NULL,
    "started_on" DATE NOT NULL,
    "completed_on" DATE,
    "created_by" TEXT NOT NULL,

    CONSTRAINT "mentoring_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentoring_log" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "on" DATE NOT NULL,
    "by" TEXT NOT NULL,
    "did" TEXT NOT NULL,
    "progress" SMALLINT NOT NULL,
    "next_step" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mentoring_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "hours" SMALLINT NOT NULL,
    "provider" TEXT NOT NULL,
    "region_code" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course_enrolment" (
    "course_id" UUID NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "enrolled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_on" DATE,
    "confirmed_by" TEXT,

    CONSTRAINT "course_enrolment_pkey" PRIMARY KEY ("course_id","assistant_id")
);

-- CreateIndex
CREATE INDEX "family_group_id_idx" ON "family"("group_id");

-- CreateIndex
CREATE INDEX "family_assistant_id_idx" ON "family"("assistant_id");

-- CreateIndex
CREATE INDEX "p2k2_group_assistant_id_idx" ON "p2k2_group"("assistant_id");

-- CreateIndex
CREATE INDEX "training_offer_partner_id_idx" ON "training_offer"("partner_id");

-- CreateIndex
CREATE INDEX "training_offer_ends_on_idx" ON "training_offer"("ends_on");

-- CreateIndex
CREATE UNIQUE INDEX "nomination_certificate_no_key" ON "nomination"("certificate_no");

-- CreateIndex
CREATE INDEX "nomination_offer_id_status_queued_at_idx" ON "nomination"("offer_id", "status", "queued_at");

-- CreateIndex
CREATE INDEX "nomination_assistant_id_idx" ON "nomination"("assistant_id");

-- CreateIndex
CREATE UNIQUE INDEX "nomination_offer_id_kpm_id_key" ON "nomination"("offer_id", "kpm_id");

-- CreateIndex
CREATE INDEX "p2k2_session_assistant_id_starts_at_idx" ON "p2k2_session"("assistant_id", "starts_at");

-- CreateIndex
CREATE INDEX "p2k2_session_group_id_starts_at_idx" ON "p2k2_session"("group_id", "starts_at");

-- CreateIndex
CREATE INDEX "p2k2_attendance_kpm_id_idx" ON "p2k2_attendance"("kpm_id");

-- CreateIndex
CREATE UNIQUE INDEX "tutor_partner_id_key" ON "tutor"("partner_id");

-- CreateIndex
CREATE INDEX "mentoring_plan_tutor_id_status_idx" ON "mentoring_plan"("tutor_id", "status");

-- CreateIndex
CREATE INDEX "mentoring_plan_kpm_id_idx" ON "mentoring_plan"("kpm_id");

-- CreateIndex
CREATE INDEX "mentoring_plan_assistant_id_idx" ON "mentoring_plan"("assistant_id");

-- CreateIndex
CREATE INDEX "mentoring_log_plan_id_on_idx" ON "mentoring_log"("plan_id", "on");

-- CreateIndex
CREATE INDEX "course_enrolment_assistant_id_idx" ON "course_enrolment"("assistant_id");

-- AddForeignKey
ALTER TABLE "nomination" ADD CONSTRAINT "nomination_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "training_offer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_nomination_id_fkey" FOREIGN KEY ("nomination_id") REFERENCES "nomination"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "p2k2_session" ADD CONSTRAINT "p2k2_session_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "p2k2_group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "p2k2_attendance" ADD CONSTRAINT "p2k2_attendance_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "p2k2_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_plan" ADD CONSTRAINT "mentoring_plan_tutor_id_fkey" FOREIGN KEY ("tutor_id") REFERENCES "tutor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_log" ADD CONSTRAINT "mentoring_log_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "mentoring_plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_enrolment" ADD CONSTRAINT "course_enrolment_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

