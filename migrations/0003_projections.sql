-- The read side: one checkpoint per projection, written in the same transaction as its documents.
CREATE TABLE projection_checkpoints (
  name             text PRIMARY KEY,
  version          integer NOT NULL,
  commit_position  xid8 NOT NULL DEFAULT '0',
  prepare_position bigint NOT NULL DEFAULT 0,
  events_processed bigint NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- person-years (projections/person-years): each person's credits and yearly assessments.
CREATE TABLE proj_person_years (
  key          text PRIMARY KEY,
  doc          jsonb NOT NULL,
  jurisdiction text GENERATED ALWAYS AS (doc->>'jurisdiction') STORED
);
CREATE INDEX proj_person_years_jurisdiction_idx ON proj_person_years (jurisdiction);
