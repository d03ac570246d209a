-- Every event belongs to a stream whose head covers it, checked once per statement.
--
-- The foreign key events.stream_id → streams ran one query per inserted row (a third of a
-- 500-event append's time in the database). This statement-level trigger checks the same thing
-- for the whole statement at once, and more: the stream's recorded head must have reached each
-- new event's version (an event written past its stream's head would fork the chain the verifier
-- compares heads with). append_events moves the head in the same statement's transaction, before
-- it inserts, and holds the head row locked until commit, so no purge can remove it meanwhile.
-- One look-up by primary key per stream of the statement (a join would let the planner, which
-- knows nothing of the transition table's size, scan every stream head per append).
CREATE FUNCTION events_check_stream_heads() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  written record;
BEGIN
  FOR written IN
    SELECT stream_id, max(stream_version) AS version FROM new_events GROUP BY stream_id
  LOOP
    PERFORM 1 FROM streams s WHERE s.stream_id = written.stream_id AND s.version >= written.version;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % of stream % lies beyond the stream''s recorded head', written.version, written.stream_id
        USING ERRCODE = 'foreign_key_violation';
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER events_stream_heads AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION events_check_stream_heads();

ALTER TABLE events DROP CONSTRAINT events_stream_id_fkey;
