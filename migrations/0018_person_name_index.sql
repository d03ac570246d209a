-- Search by name (issue 17) without keeping names in clear: for each person, keyed hashes
-- (HMAC with the PII lookup key) of every two-character piece of their normalized name. A search
-- hashes the pieces of what was typed and finds the people holding all of them; the candidates'
-- sealed names are then opened and compared, so the index itself never decides a match.
-- Written by the reactor `reactor:person-names` from PersonRegistered; its rows for a person are
-- deleted when the person is erased (PersonErased), and a replay from the start indexes nobody
-- whose key is gone.
CREATE TABLE person_name_index (
  token      text NOT NULL,
  person_id  text NOT NULL,
  PRIMARY KEY (token, person_id)
);
CREATE INDEX person_name_index_person_idx ON person_name_index (person_id);
