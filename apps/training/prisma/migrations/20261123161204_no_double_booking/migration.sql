-- An assistant cannot be in two P2K2 sessions at once, nor can a group. Enforced by the
-- database so two concurrent plans cannot both pass a check-then-insert (cancelled sessions
-- free their slot). btree_gist lets the equality on text/uuid share a GiST index with the
-- range overlap.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE "p2k2_session" ADD CONSTRAINT "p2k2_session_assistant_no_overlap"
  EXCLUDE USING gist ("assistant_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&)
  WHERE ("status" <> 'cancelled');

ALTER TABLE "p2k2_session" ADD CONSTRAINT "p2k2_session_group_no_overlap"
  EXCLUDE USING gist ("group_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&)
  WHERE ("status" <> 'cancelled');
