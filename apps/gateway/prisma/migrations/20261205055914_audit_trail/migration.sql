-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "actor_region" TEXT,
    "ip" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "record_kind" TEXT,
    "record_id" TEXT,
    "status" INTEGER NOT NULL,
    "correlation_id" TEXT NOT NULL,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_event_record_id_id_idx" ON "audit_event"("record_id", "id");

-- CreateIndex
CREATE INDEX "audit_event_actor_id_id_idx" ON "audit_event"("actor_id", "id");

-- CreateIndex
CREATE INDEX "audit_event_actor_region_id_idx" ON "audit_event"("actor_region", "id");


-- Append-only: the trail can grow, never change. (Retention, if ever, is a partition drop
-- by a DBA, outside the application's reach.)
-- The migration runner splits the file at every semicolon, quoted or not: the body is an
-- E'' string whose one inner semicolon is written \073.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''audit_event is append-only: % refused'', TG_OP\073 END';

CREATE TRIGGER audit_event_no_update_delete
  BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
