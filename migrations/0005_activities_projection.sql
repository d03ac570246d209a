-- activities (projections/activities): activities and their sessions, the spot-check population.
CREATE TABLE proj_activities (
  key          text PRIMARY KEY,
  doc          jsonb NOT NULL,
  jurisdiction text GENERATED ALWAYS AS (doc->>'jurisdiction') STORED
);
CREATE INDEX proj_activities_jurisdiction_idx ON proj_activities (jurisdiction);
