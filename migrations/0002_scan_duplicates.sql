-- Operational counter, not ledger state: how often an attendance was scanned again. A repeated
-- scan appends no event (it records no new fact); the organizer still sees how many there were.
CREATE TABLE scan_duplicates (
  session_id      text NOT NULL,
  attendance_id   uuid NOT NULL,
  duplicates      integer NOT NULL CHECK (duplicates >= 1),
  last_scanned_at timestamptz NOT NULL,
  PRIMARY KEY (session_id, attendance_id)
);
