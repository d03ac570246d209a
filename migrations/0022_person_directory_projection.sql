-- person-directory (projections/person-directory): each person's latest jurisdiction and employer
-- and the years with an approved self-study plan. The console's lists of a jurisdiction's people
-- and of an employer's staff page through it in SQL, in key order.
CREATE TABLE proj_person_directory (
  key          text PRIMARY KEY,
  doc          jsonb NOT NULL,
  jurisdiction text GENERATED ALWAYS AS (doc->>'jurisdiction') STORED,
  employer_id  text GENERATED ALWAYS AS (doc->>'employerId') STORED
);
CREATE INDEX proj_person_directory_jurisdiction_idx ON proj_person_directory (jurisdiction, key);
CREATE INDEX proj_person_directory_employer_idx ON proj_person_directory (jurisdiction, employer_id, key);
