-- The event store: an append-only log of immutable events, one optimistic-concurrency row per stream.
-- See ENGINEERING.md §1–§7 for why each piece is here.

CREATE TABLE streams (
  stream_id           text PRIMARY KEY CHECK (length(stream_id) BETWEEN 1 AND 200),
  -- Number of events in the stream (1-based version of the last event; 0 is never stored).
  version             bigint NOT NULL CHECK (version >= 0),
  -- Hash of the last event: the next event chains to it.
  last_hash           text,
  -- Transaction that appended the last event. A writer whose own transaction id is lower must
  -- retry, so that (transaction_id, global_position) order never contradicts stream order.
  last_transaction_id xid8,
  created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Readers only see rows whose transaction is below the oldest running one (late-commit safety).
  transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text NOT NULL REFERENCES streams (stream_id),
  stream_version  bigint NOT NULL CHECK (stream_version >= 1),
  event_id        uuid NOT NULL,
  event_type      text NOT NULL CHECK (length(event_type) BETWEEN 1 AND 200),
  schema_version  integer NOT NULL CHECK (schema_version >= 1),
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  occurred_at     timestamptz NOT NULL,
  -- Set by the database (trigger below), whatever the client sends.
  recorded_at     timestamptz NOT NULL,
  prev_hash       text,
  hash            text NOT NULL,
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
);

CREATE INDEX events_log_order_idx ON events (transaction_id, global_position);
CREATE INDEX events_recorded_at_idx ON events (recorded_at);
CREATE INDEX events_event_type_idx ON events (event_type);

-- recorded_at is the database's clock: the transaction's start, truncated to milliseconds so that
-- it survives a round trip through JavaScript Date unchanged (it is part of the hashed content).
CREATE FUNCTION events_set_recorded_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.recorded_at := date_trunc('milliseconds', now());
  RETURN NEW;
END $$;

CREATE TRIGGER events_recorded_at BEFORE INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION events_set_recorded_at();

-- Events are immutable in the database, not only in the code.
CREATE FUNCTION events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are immutable: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Correct a record by appending a compensating event.';
END $$;

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION events_reject_change();
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_reject_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change();

-- A stream's head may move forward; it may never be removed or moved back.
CREATE FUNCTION streams_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW.version < OLD.version OR NEW.stream_id <> OLD.stream_id THEN
    RAISE EXCEPTION 'streams only move forward: % on % is not allowed', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER streams_forward_only BEFORE UPDATE OR DELETE ON streams
  FOR EACH ROW EXECUTE FUNCTION streams_forward_only();
CREATE TRIGGER streams_no_truncate BEFORE TRUNCATE ON streams
  FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change();
