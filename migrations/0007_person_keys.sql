-- Per-person data keys (crypto-shredding). Each person's ID number and name are sealed in their
-- events with a key of their own; the key is kept here wrapped by the master key (PII_KEY), never
-- in the log. Erasing a person beyond the retention period clears wrapped_key: their events still
-- replay (totals, verdicts, chains) but the personal data in them can no longer be opened.
-- Unlike the event log this table is mutable on purpose — destroying a key is the point.
CREATE TABLE person_keys (
  person_id   text PRIMARY KEY,
  wrapped_key text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  erased_at   timestamptz,
  CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);
