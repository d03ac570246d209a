-- credit-provenance (projections/credit-provenance): where each credit's provenance lies in the log
-- (global positions), so GET /credits/{id}/trace reads those events by the primary key instead of
-- three whole streams. Documents: person:<id>, activity:<id>, session:<uuid>.
CREATE TABLE proj_credit_provenance (
  key text PRIMARY KEY,
  doc jsonb NOT NULL
);
