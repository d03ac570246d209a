-- Every event belongs to a stream whose head covers it, checked once per statement.
--
-- The foreign key events.stream_id → streams ran one query per inserted row (a third of a
-- 500-event append's time in the database). This statement-level trigger checks the same thing
-- for the whole statement at once, and more: the stream's recorded head must have reached each
-- new event's version (an event written past its stream's head would fork the chain the verifier
-- compares heads with). append_events moves the head in the same statement's transaction, before
-- it inserts, and holds the head row locked until commit, so no purge can remove it meanwhile.
CREATE FUNCTION events_check_stream_heads() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orphan record;
BEGIN
  SELECT n.stream_id, n.version INTO orphan
    FROM (SELECT stream_id, max(stream_version) AS version FROM new_events GROUP BY stream_id) AS n
    LEFT JOIN streams s ON s.stream_id = n.stream_id
   WHERE s.stream_id IS NULL OR s.version < n.version
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'event % of stream % lies beyond the stream''s recorded head', orphan.version, orphan.stream_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER events_stream_heads AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION events_check_stream_heads();

ALTER TABLE events DROP CONSTRAINT events_stream_id_fkey;
