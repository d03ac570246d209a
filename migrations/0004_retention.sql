-- Retention (R13: records kept at least three years). Events leave the log only through an
-- archive that was exported, verified and recorded here, and only when older than three years.
CREATE TABLE archives (
  archive_id    uuid PRIMARY KEY,
  before_year   integer NOT NULL,
  file_name     text NOT NULL,
  file_sha256   text NOT NULL,
  events_count  bigint NOT NULL,
  streams_count integer NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  verified_at   timestamptz,
  purged_at     timestamptz
);

CREATE TABLE archived_streams (
  archive_id   uuid NOT NULL REFERENCES archives (archive_id),
  stream_id    text NOT NULL,
  version      bigint NOT NULL,
  head_hash    text NOT NULL,
  PRIMARY KEY (archive_id, stream_id)
);

-- The immutability triggers now let one path through: a purge of a verified archive, row by row
-- re-checked here, whatever the session claims.
CREATE OR REPLACE FUNCTION events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  purging text := current_setting('cme.purging_archive', true);
BEGIN
  IF TG_OP = 'DELETE' AND purging IS NOT NULL AND purging <> '' THEN
    IF OLD.recorded_at >= now() - interval '3 years' THEN
      RAISE EXCEPTION 'retention: event % was recorded less than three years ago', OLD.event_id
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (
      SELECT 1 FROM archived_streams s JOIN archives a USING (archive_id)
       WHERE a.archive_id = purging::uuid AND a.verified_at IS NOT NULL
         AND s.stream_id = OLD.stream_id AND OLD.stream_version <= s.version
    ) THEN
      RAISE EXCEPTION 'retention: event % is not in a verified archive', OLD.event_id
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'events are immutable: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Correct a record by appending a compensating event.';
END $$;

CREATE OR REPLACE FUNCTION streams_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  purging text := current_setting('cme.purging_archive', true);
BEGIN
  IF TG_OP = 'DELETE' AND purging IS NOT NULL AND purging <> '' THEN
    IF EXISTS (SELECT 1 FROM events WHERE stream_id = OLD.stream_id) THEN
      RAISE EXCEPTION 'retention: stream % still has events', OLD.stream_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (
      SELECT 1 FROM archived_streams s JOIN archives a USING (archive_id)
       WHERE a.archive_id = purging::uuid AND a.verified_at IS NOT NULL
         AND s.stream_id = OLD.stream_id AND s.version = OLD.version
    ) THEN
      RAISE EXCEPTION 'retention: stream % is not in a verified archive', OLD.stream_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF TG_OP <> 'UPDATE' OR NEW.version < OLD.version OR NEW.stream_id <> OLD.stream_id THEN
    RAISE EXCEPTION 'streams only move forward: % on % is not allowed', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
