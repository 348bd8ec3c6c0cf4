-- CreateTable
CREATE TABLE "activity_item" (
    "id" BIGSERIAL NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "ref_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "detail" JSONB NOT NULL,
    "event_id" TEXT NOT NULL,

    CONSTRAINT "activity_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "daily_report" (
    "assistant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "region_code" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "late" BOOLEAN NOT NULL,

    CONSTRAINT "daily_report_pkey" PRIMARY KEY ("assistant_id","day")
);

-- CreateIndex
CREATE UNIQUE INDEX "activity_item_event_id_key" ON "activity_item"("event_id");

-- CreateIndex
CREATE INDEX "activity_item_assistant_id_day_idx" ON "activity_item"("assistant_id", "day");

