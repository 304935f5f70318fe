-- Issue 12, decision 0192: the person index. One row per person in each assessment's head
-- revision (the victim, each abuser, each child), with the keys a match is made on; never an
-- answer. Built in the same transaction as the head; V10 (Java) builds it for what is held.
CREATE TABLE srv_person (
  assessment_id UUID NOT NULL,
  role VARCHAR(8) NOT NULL,
  person_no INT NOT NULL,
  name_key VARCHAR(200),
  phonetic_key VARCHAR(64),
  date_of_birth DATE,
  birth_year INT,
  postcode_key VARCHAR(10),
  force_id VARCHAR(40),
  assessed_at TIMESTAMP WITH TIME ZONE,
  CONSTRAINT srv_person_once PRIMARY KEY (assessment_id, role, person_no));

CREATE INDEX srv_person_force_id ON srv_person(force_id);
CREATE INDEX srv_person_name_dob ON srv_person(name_key, date_of_birth);
CREATE INDEX srv_person_phonetic_year ON srv_person(phonetic_key, birth_year);
CREATE INDEX srv_person_phonetic_postcode ON srv_person(phonetic_key, postcode_key);
