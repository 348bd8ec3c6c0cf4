-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "caseload";

-- CreateTable
CREATE TABLE "kpm" (
    "id" UUID NOT NULL,
    "head_name" TEXT NOT NULL,
    "nik" CHAR(16) NOT NULL,
    "phone" TEXT,
    "village_code" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "pkh_entry_year" INTEGER NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kpm_audit" (
    "id" BIGSERIAL NOT NULL,
    "kpm_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kpm_audit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_event" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateTable
CREATE TABLE "command_receipt" (
    "actor_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "reply" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "command_receipt_pkey" PRIMARY KEY ("actor_id","idempotency_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "kpm_nik_key" ON "kpm"("nik");

-- CreateIndex
CREATE INDEX "kpm_assistant_id_head_name_idx" ON "kpm"("assistant_id", "head_name");

-- CreateIndex
CREATE INDEX "kpm_village_code_idx" ON "kpm"("village_code");

-- CreateIndex
CREATE INDEX "kpm_audit_kpm_id_at_idx" ON "kpm_audit"("kpm_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_event_id_key" ON "outbox_event"("event_id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_id_idx" ON "outbox_event"("published_at", "id");

-- AddForeignKey
ALTER TABLE "kpm_audit" ADD CONSTRAINT "kpm_audit_kpm_id_fkey" FOREIGN KEY ("kpm_id") REFERENCES "kpm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

