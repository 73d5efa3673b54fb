-- The fast lane's commit (apps/server/src/repo/commands.repo.ts, commitGuarded): one call that
-- appends a planned batch to a testimony only if its chain still ends where the batch was
-- planned. As a function its statements' plans are cached for the session, where the same
-- statement sent from the client was planned again on every edit (≈ 0.2 ms of Postgres CPU).
-- Returns false, having written nothing, when the guard does not hold.
CREATE OR REPLACE FUNCTION desk_commit_guarded(
  p_testimony uuid, p_from_seq int, p_from_hash text, p_to_seq int, p_to_version int, p_to_hash text,
  e_stream text[], e_seq int[], e_testimony uuid[], e_actor uuid[], e_type text[], e_payload jsonb[],
  e_version int[], e_command uuid[], e_created timestamptz[], e_prev text[], e_hash text[],
  r_id uuid[], r_testimony uuid[], r_start int[], r_end int[], r_category redaction_category[], r_subtype text[],
  r_state redaction_state[], r_group uuid[], r_reason text[], r_confidence real[], r_source redaction_source[],
  r_rev int[], r_proposed uuid[], r_decided uuid[], r_decided_at timestamptz[], r_decision_seq int[],
  r_created timestamptz[], r_updated timestamptz[],
  a_id uuid[], a_actor uuid[], a_name text[], a_result jsonb[]
) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  -- Re-checked on the latest row version after any lock wait (READ COMMITTED).
  UPDATE testimonies SET seq = p_to_seq, version = p_to_version, head_hash = p_to_hash, updated_at = now()
    WHERE id = p_testimony AND seq = p_from_seq AND head_hash = p_from_hash;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO audit_events (stream, seq, testimony_id, actor_id, type, payload, version, command_id, created_at, prev_hash, hash)
    SELECT * FROM unnest(e_stream, e_seq, e_testimony, e_actor, e_type, e_payload, e_version, e_command, e_created, e_prev, e_hash);
  INSERT INTO redactions (id, testimony_id, start, "end", category, subtype, state, entity_group_id, reason, confidence, source, rev, proposed_by, decided_by, decided_at, last_decision_seq, created_at, updated_at)
    SELECT * FROM unnest(r_id, r_testimony, r_start, r_end, r_category, r_subtype, r_state, r_group, r_reason, r_confidence, r_source, r_rev, r_proposed, r_decided, r_decided_at, r_decision_seq, r_created, r_updated);
  -- An already acked command id fails here on the primary key, and the whole call with it.
  INSERT INTO processed_commands (id, actor_id, name, result)
    SELECT * FROM unnest(a_id, a_actor, a_name, a_result);
  RETURN true;
END $$;
