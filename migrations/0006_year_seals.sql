-- The verdicts a sealed year audit (学分审验) recorded, per person: derived from the person-years
-- projection at the seal's log position, in the same snapshot; the YearSealed event carries their
-- digest, so the table can always be checked against (and rebuilt from) the log.
CREATE TABLE sealed_verdicts (
  jurisdiction text NOT NULL,
  year         integer NOT NULL,
  person_id    text NOT NULL,
  verdict      text NOT NULL,
  counted      text NOT NULL,
  PRIMARY KEY (jurisdiction, year, person_id)
);
