-- Issue 12, decision 0192: the forename's initial and the surname's sound, matched with an exact
-- date of birth ("Jon" for "Jonathan", "Michel" for "Michael"); V13 (Java) fills it.
ALTER TABLE srv_person ADD COLUMN initial_key VARCHAR(40);
CREATE INDEX srv_person_initial_dob ON srv_person(initial_key, date_of_birth);
