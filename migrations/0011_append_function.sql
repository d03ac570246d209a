-- One round trip per append: the stream lock, the expected-version check, the transaction-order
-- check, the hash chain, the head update and the event rows, in one function called as a single
-- statement (its own transaction; no BEGIN/COMMIT round trips). Event ids are looked up by the
-- writer only when their unique key refuses a row, never on every append.

-- The text each event's hash covers, built exactly as the writer's eventHash() builds it
-- (src/event-store/event-hash.ts): canonical JSON — keys sorted, no white space — of the event with
-- its stream version and the database's recorded time. `data` and `metadata` arrive as canonical
-- JSON text (the writer serialises once); `occurred` and `recorded` as ISO 8601 UTC text.
CREATE FUNCTION event_hash_content(
  stream_id text, stream_version bigint, event_id uuid, event_type text, schema_version integer,
  data text, metadata text, occurred text, recorded text
) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT '{"data":' || data
      || ',"eventId":"' || event_id::text
      || '","metadata":' || metadata
      || ',"occurredAt":"' || occurred
      || '","recordedAt":"' || recorded
      || '","schemaVersion":' || schema_version::text
      || ',"streamId":' || to_json(stream_id)::text
      || ',"streamVersion":' || stream_version::text
      || ',"type":' || to_json(event_type)::text
      || '}'
$$;

-- sha256 over the previous hash of the stream (empty for the first event), a line feed and the
-- content, as hex: the chain step of eventHash().
-- Both are STABLE, as the functions they call (to_json, convert_to) are: the planner then inlines
-- them into the caller's expression. Declared IMMUTABLE, they would not be inlined, and each call
-- would go through the SQL-function executor (most of a single append's time in the database).
CREATE FUNCTION event_chain_hash(previous_hash text, content text)
  RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(coalesce(previous_hash, '') || E'\n' || content, 'UTF8')), 'hex')
$$;

-- Errors the writer maps: CL409 wrong expected version (DETAIL: the stream's version), CL40R a
-- transaction-order restart (retry with a new transaction id).
CREATE FUNCTION append_events(
  p_stream_id text,
  p_expected text,            -- 'any', 'no-stream', 'exists' or a version number
  p_event_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data text[],              -- canonical JSON text
  p_metadata text[],          -- canonical JSON text
  p_occurred text[]           -- ISO 8601, UTC ('…Z')
) RETURNS TABLE (event_id uuid, stream_version bigint, global_position bigint, hash text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  -- recorded_at is the database's clock: the transaction's start, to the millisecond (a JavaScript
  -- Date carries it unchanged; it is hashed).
  v_recorded  timestamptz := date_trunc('milliseconds', now());
  v_recorded_text text := to_char(v_recorded AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  v_count     integer := cardinality(p_event_ids);
  v_exists    boolean;
  v_version   bigint;
  v_hash      text;
  v_last_xid  xid8;
  v_prev      text[] := '{}';
  v_hashes    text[] := '{}';
BEGIN
  IF v_count IS NULL OR v_count = 0 THEN
    RAISE EXCEPTION 'an append needs at least one event' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- Writers of one stream queue here. The lock is taken before this transaction has an id, so the
  -- id it gets after the previous writer committed is the higher one: (transaction_id,
  -- global_position) order then agrees with stream order without a restart. (Two-key form: its
  -- own lock space, apart from the single-key advisory locks used elsewhere.)
  PERFORM pg_advisory_xact_lock(1128612942, hashtext(p_stream_id));

  SELECT s.version, s.last_hash, s.last_transaction_id INTO v_version, v_hash, v_last_xid
    FROM streams s WHERE s.stream_id = p_stream_id;
  v_exists := FOUND;
  IF NOT v_exists THEN v_version := 0; END IF;

  IF NOT (p_expected = 'any'
          OR (p_expected = 'no-stream' AND NOT v_exists)
          OR (p_expected = 'exists' AND v_exists)
          OR (p_expected ~ '^[0-9]{1,18}$' AND p_expected::bigint = v_version)) THEN
    RAISE EXCEPTION 'wrong expected version: stream % is at %, expected %', p_stream_id, v_version, p_expected
      USING ERRCODE = 'CL409', DETAIL = v_version::text;
  END IF;
  -- Only possible when the caller's transaction had an id before the lock (an explicit transaction
  -- that wrote first): it must retry with a new one.
  IF v_last_xid IS NOT NULL AND v_last_xid > pg_current_xact_id() THEN
    RAISE EXCEPTION 'transaction % is older than the last append to %', pg_current_xact_id(), p_stream_id
      USING ERRCODE = 'CL40R';
  END IF;

  FOR i IN 1 .. v_count LOOP
    v_prev[i] := v_hash;
    v_hash := event_chain_hash(v_hash, event_hash_content(
      p_stream_id, v_version + i, p_event_ids[i], p_types[i], p_schema_versions[i],
      p_data[i], p_metadata[i], p_occurred[i], v_recorded_text));
    v_hashes[i] := v_hash;
  END LOOP;

  IF v_exists THEN
    -- Compare-and-set: the check holds even for a writer that did not take the lock.
    UPDATE streams SET version = v_version + v_count, last_hash = v_hash,
           last_transaction_id = pg_current_xact_id()
     WHERE stream_id = p_stream_id AND version = v_version;
  ELSE
    INSERT INTO streams (stream_id, version, last_hash, last_transaction_id)
    VALUES (p_stream_id, v_count, v_hash, pg_current_xact_id())
    ON CONFLICT (stream_id) DO NOTHING;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'wrong expected version: stream % moved while appending', p_stream_id
      USING ERRCODE = 'CL409', DETAIL = (SELECT s.version::text FROM streams s WHERE s.stream_id = p_stream_id);
  END IF;

  RETURN QUERY
  INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data,
                      metadata, occurred_at, recorded_at, prev_hash, hash)
  SELECT p_stream_id, v_version + t.n, t.id, t.ty, t.sv, t.d::jsonb, t.m::jsonb,
         t.o::timestamptz, v_recorded, t.ph, t.h
    FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_occurred, v_prev,
                v_hashes)
         WITH ORDINALITY AS t(id, ty, sv, d, m, o, ph, h, n)
   ORDER BY t.n
  RETURNING events.event_id, events.stream_version, events.global_position, events.hash;
END $$;
