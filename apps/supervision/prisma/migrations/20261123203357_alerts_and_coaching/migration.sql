-- CreateTable
CREATE TABLE "alert" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "rule" TEXT NOT NULL,
    "assistant_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_by" TEXT,
    "acknowledged_at" TIMESTAMPTZ(3),
    "note" TEXT,

    CONSTRAINT "alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coaching_note" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "assistant_id" UUID NOT NULL,
    "author_id" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "follow_up_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMPTZ(3),

    CONSTRAINT "coaching_note_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_region_code_idx" ON "alert"("region_code");

-- CreateIndex
CREATE UNIQUE INDEX "alert_rule_assistant_id_period_key" ON "alert"("rule", "assistant_id", "period");

-- CreateIndex
CREATE INDEX "coaching_note_assistant_id_idx" ON "coaching_note"("assistant_id");


-- Open alerts of a region (region_code LIKE '31.75.%') under the C.UTF-8 collation.
CREATE INDEX "alert_open_region_prefix_idx" ON "alert" ("region_code" text_pattern_ops) WHERE "acknowledged_at" IS NULL;
