-- Command ids are idempotency keys per caller (issue 14.6): one user's id no longer shadows
-- another's, and a reused id with another payload is refused (payload_hash).
DELETE FROM "processed_commands" WHERE "actor_id" IS NULL;--> statement-breakpoint
ALTER TABLE "processed_commands" DROP CONSTRAINT "processed_commands_pkey";--> statement-breakpoint
ALTER TABLE "processed_commands" ALTER COLUMN "actor_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "processed_commands" ADD CONSTRAINT "processed_commands_actor_id_id_pk" PRIMARY KEY("actor_id","id");--> statement-breakpoint
ALTER TABLE "processed_commands" ADD COLUMN "payload_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- One commit path (issue 15): the guarded fast-lane function is gone.
DROP FUNCTION IF EXISTS desk_commit_guarded;--> statement-breakpoint
-- The chain-head invariant lives here, not in application code: every append to a testimony's
-- stream goes through this trigger, which refuses events that do not continue the chain the
-- testimony row records (next seq, previous hash) and advances seq, version and head_hash to
-- the last appended event. One UPDATE per testimony per INSERT statement (a batch of commands
-- is one statement). The caller still holds the testimony's row lock, so appends are ordered.
CREATE OR REPLACE FUNCTION desk_advance_chain_heads() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  appended int;
  advanced int;
BEGIN
  SELECT count(DISTINCT n.testimony_id) INTO appended FROM new_events n WHERE n.stream = 'testimony:' || n.testimony_id;
  IF appended = 0 THEN
    RETURN NULL;
  END IF;
  WITH runs AS (
    SELECT n.testimony_id, min(n.seq) AS first_seq, max(n.seq) AS last_seq, count(*) AS n
      FROM new_events n WHERE n.stream = 'testimony:' || n.testimony_id GROUP BY n.testimony_id
  )
  UPDATE testimonies t
     SET seq = last.seq, version = last.version, head_hash = last.hash, updated_at = now()
    FROM runs r
    JOIN new_events first ON first.stream = 'testimony:' || r.testimony_id AND first.seq = r.first_seq
    JOIN new_events last ON last.stream = 'testimony:' || r.testimony_id AND last.seq = r.last_seq
   WHERE t.id = r.testimony_id
     AND r.first_seq = t.seq + 1
     AND r.n = r.last_seq - r.first_seq + 1
     AND CASE WHEN t.head_hash IS NOT NULL THEN first.prev_hash = t.head_hash
              WHEN t.seq = 0 THEN first.prev_hash = repeat('0', 64)
              -- Rows from before head_hash existed have none; the audit verifier checks those links.
              ELSE true END;
  GET DIAGNOSTICS advanced = ROW_COUNT;
  IF advanced <> appended THEN
    RAISE EXCEPTION 'audit events do not continue their testimony''s chain' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_events_advance_chain_heads AFTER INSERT ON audit_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION desk_advance_chain_heads();
