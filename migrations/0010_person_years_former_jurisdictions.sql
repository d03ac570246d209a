-- A credit year's population (statistics, seals) includes people who have since moved to another
-- jurisdiction: person-years documents list the jurisdictions a person left in
-- `formerJurisdictions`, and this index answers `doc->'formerJurisdictions' ? 'CN-CQ'`.
CREATE INDEX proj_person_years_former_jurisdictions_idx
  ON proj_person_years USING gin ((doc->'formerJurisdictions'));
