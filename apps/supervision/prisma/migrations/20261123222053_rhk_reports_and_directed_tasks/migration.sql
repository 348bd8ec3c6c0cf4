-- CreateTable
CREATE TABLE "directed_task" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assistant_id" UUID NOT NULL,
    "assigned_by" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" TEXT,
    "due_on" DATE NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMPTZ(3),
    "report" TEXT,

    CONSTRAINT "directed_task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rhk_report" (
    "assistant_id" UUID NOT NULL,
    "month" CHAR(7) NOT NULL,
    "region_code" TEXT,
    "status" TEXT NOT NULL,
    "figures" JSONB NOT NULL,
    "evidence" JSONB NOT NULL,
    "notes" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "reviewed_by" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),
    "decision" TEXT,
    "review_note" TEXT,

    CONSTRAINT "rhk_report_pkey" PRIMARY KEY ("assistant_id","month")
);

-- CreateIndex
CREATE INDEX "directed_task_assistant_id_due_on_idx" ON "directed_task"("assistant_id", "due_on");

-- CreateIndex
CREATE INDEX "rhk_report_month_region_code_idx" ON "rhk_report"("month", "region_code" text_pattern_ops);

