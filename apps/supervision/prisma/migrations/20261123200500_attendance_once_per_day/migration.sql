-- One office check-in per assistant and day, one check-in per meeting: the index decides, so two
-- taps at the same moment cannot both count (the check-in answers 409 for the second).
CREATE UNIQUE INDEX "attendance_entry_once_idx" ON "attendance_entry" ("assistant_id", "day", "kind", (coalesce("ref_id", ''))) WHERE "kind" IN ('office', 'meeting');
