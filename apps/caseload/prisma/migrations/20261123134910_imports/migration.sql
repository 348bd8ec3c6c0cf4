-- CreateTable
CREATE TABLE "import_job" (
    "id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "rows_received" INTEGER NOT NULL DEFAULT 0,
    "rows_inserted" INTEGER NOT NULL DEFAULT 0,
    "rows_already_registered" INTEGER NOT NULL DEFAULT 0,
    "rows_invalid" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "failure" TEXT,
    "timings" JSONB NOT NULL DEFAULT '{}',
    "started_by" TEXT NOT NULL,
    "started_by_role" TEXT NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_error" (
    "id" BIGSERIAL NOT NULL,
    "import_id" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "import_error_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "region_ref" (
    "code" TEXT NOT NULL,
    "level" TEXT NOT NULL,

    CONSTRAINT "region_ref_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE INDEX "import_job_started_by_started_at_idx" ON "import_job"("started_by", "started_at");

-- CreateIndex
CREATE INDEX "import_error_import_id_line_idx" ON "import_error"("import_id", "line");

