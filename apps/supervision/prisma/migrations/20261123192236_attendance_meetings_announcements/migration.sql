-- CreateTable
CREATE TABLE "staff_member" (
    "account_id" UUID NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "region_code" TEXT,
    "active" BOOLEAN NOT NULL,
    "active_since" TIMESTAMPTZ(3) NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_member_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "region_assistant_count" (
    "region_code" TEXT NOT NULL,
    "assistants" INTEGER NOT NULL,

    CONSTRAINT "region_assistant_count_pkey" PRIMARY KEY ("region_code")
);

-- CreateTable
CREATE TABLE "work_calendar" (
    "region_code" TEXT NOT NULL,
    "office_start" TEXT NOT NULL,
    "office_end" TEXT NOT NULL,
    "workdays" INTEGER[],
    "grace_minutes" INTEGER NOT NULL,
    "office_lat" DOUBLE PRECISION,
    "office_lng" DOUBLE PRECISION,
    "office_radius_m" INTEGER,
    "set_by" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_calendar_pkey" PRIMARY KEY ("region_code")
);

-- CreateTable
CREATE TABLE "holiday" (
    "region_code" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "name" TEXT NOT NULL,
    "working" BOOLEAN NOT NULL DEFAULT false,
    "set_by" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "holiday_pkey" PRIMARY KEY ("region_code","day")
);

-- CreateTable
CREATE TABLE "attendance_entry" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assistant_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ref_id" TEXT,
    "day" DATE NOT NULL,
    "check_in_at" TIMESTAMPTZ(3) NOT NULL,
    "check_out_at" TIMESTAMPTZ(3),
    "in_lat" DOUBLE PRECISION,
    "in_lng" DOUBLE PRECISION,
    "in_accuracy_m" DOUBLE PRECISION,
    "out_lat" DOUBLE PRECISION,
    "out_lng" DOUBLE PRECISION,
    "local_time" TEXT NOT NULL,
    "flags" TEXT[],
    "minutes_late" INTEGER NOT NULL,
    "distance_m" INTEGER,
    "note" TEXT,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attendance_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assistant_day" (
    "assistant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "region_code" TEXT NOT NULL,
    "first_in_at" TIMESTAMPTZ(3) NOT NULL,
    "late" BOOLEAN NOT NULL,
    "minutes_late" INTEGER NOT NULL,

    CONSTRAINT "assistant_day_pkey" PRIMARY KEY ("assistant_id","day")
);

-- CreateTable
CREATE TABLE "region_day" (
    "region_code" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "present" INTEGER NOT NULL,
    "late" INTEGER NOT NULL,

    CONSTRAINT "region_day_pkey" PRIMARY KEY ("region_code","day")
);

-- CreateTable
CREATE TABLE "attendance_correction" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assistant_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "ref_id" TEXT,
    "check_in_time" TEXT NOT NULL,
    "check_out_time" TEXT,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "entry_id" UUID,

    CONSTRAINT "attendance_correction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance_audit" (
    "id" BIGSERIAL NOT NULL,
    "assistant_id" UUID,
    "day" DATE,
    "action" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "reason" TEXT,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attendance_audit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "place_name" TEXT NOT NULL,
    "place_lat" DOUBLE PRECISION,
    "place_lng" DOUBLE PRECISION,
    "place_radius_m" INTEGER,
    "organizer_id" TEXT NOT NULL,
    "minutes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_invitee" (
    "meeting_id" UUID NOT NULL,
    "assistant_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "checked_in_at" TIMESTAMPTZ(3),

    CONSTRAINT "meeting_invitee_pkey" PRIMARY KEY ("meeting_id","assistant_id")
);

-- CreateTable
CREATE TABLE "announcement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "region_code" TEXT,
    "author_id" TEXT NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recipients" INTEGER NOT NULL,

    CONSTRAINT "announcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "announcement_receipt" (
    "announcement_id" UUID NOT NULL,
    "assistant_id" UUID NOT NULL,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "announcement_receipt_pkey" PRIMARY KEY ("announcement_id","assistant_id")
);

-- CreateIndex
CREATE INDEX "staff_member_role_region_code_idx" ON "staff_member"("role", "region_code");

-- CreateIndex
CREATE INDEX "attendance_entry_assistant_id_day_idx" ON "attendance_entry"("assistant_id", "day");

-- CreateIndex
CREATE INDEX "assistant_day_day_region_code_idx" ON "assistant_day"("day", "region_code");

-- CreateIndex
CREATE INDEX "attendance_correction_region_code_status_idx" ON "attendance_correction"("region_code", "status");

-- CreateIndex
CREATE INDEX "attendance_correction_assistant_id_day_idx" ON "attendance_correction"("assistant_id", "day");

-- CreateIndex
CREATE INDEX "attendance_audit_assistant_id_day_idx" ON "attendance_audit"("assistant_id", "day");

-- CreateIndex
CREATE INDEX "meeting_region_code_starts_at_idx" ON "meeting"("region_code", "starts_at");

-- CreateIndex
CREATE INDEX "meeting_invitee_assistant_id_idx" ON "meeting_invitee"("assistant_id");

-- CreateIndex
CREATE INDEX "announcement_receipt_assistant_id_idx" ON "announcement_receipt"("assistant_id");


-- Region prefixes (region_code LIKE '31.75.%') need text_pattern_ops under the C.UTF-8 collation.
CREATE INDEX "staff_member_region_prefix_idx" ON "staff_member" ("role", "region_code" text_pattern_ops) WHERE "active";
CREATE INDEX "assistant_day_region_prefix_idx" ON "assistant_day" ("day", "region_code" text_pattern_ops);
