-- Operational, not ledger state: which request each Idempotency-Key was first used for, per actor,
-- across every route. The events of a command carry its key too, but only in their own stream; a
-- key reused for a command on another stream (another person, another path) is found here.
CREATE TABLE idempotency_keys (
  actor_id     text NOT NULL,
  key          text NOT NULL,
  fingerprint  text NOT NULL,
  first_used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, key)
);
