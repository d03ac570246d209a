-- person-directory (projections/person-directory): each person's latest jurisdiction and employer,
-- the years with an approved self-study plan, the credits awaiting verification, the corrections
-- held for a second admin and the exemptions granted. The console's lists of a jurisdiction's
-- people and of an employer's staff page through it in SQL, in key order; its work queues and
-- its exemptions list find their people by index.
CREATE TABLE proj_person_directory (
  key          text PRIMARY KEY,
  doc          jsonb NOT NULL,
  jurisdiction text GENERATED ALWAYS AS (doc->>'jurisdiction') STORED,
  employer_id  text GENERATED ALWAYS AS (doc->>'employerId') STORED
);
CREATE INDEX proj_person_directory_jurisdiction_idx ON proj_person_directory (jurisdiction, key);
CREATE INDEX proj_person_directory_employer_idx ON proj_person_directory (jurisdiction, employer_id, key);
-- The work queues: people with a remote credit awaiting verification (R5), or a correction held
-- for a second admin — few at any time, found without reading the others.
CREATE INDEX proj_person_directory_pending_idx ON proj_person_directory (jurisdiction, key)
  WHERE doc->'pendingVerification' <> '[]'::jsonb;
CREATE INDEX proj_person_directory_held_idx ON proj_person_directory (jurisdiction, key)
  WHERE doc->'awaitingApproval' <> '[]'::jsonb;
CREATE INDEX proj_person_directory_exempted_idx ON proj_person_directory (jurisdiction, key)
  WHERE doc->'exemptions' <> '[]'::jsonb;
