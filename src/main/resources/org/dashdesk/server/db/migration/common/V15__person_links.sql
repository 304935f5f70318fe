-- Issue 12, decision 0193: CRU's decisions on whether two assessments are about the same victim.
-- One row per pair (the smaller id first); confirmed links are used first by later history
-- searches, rejected ones are not suggested again. Who decided and why; never a name.
CREATE TABLE srv_person_link (
  assessment_a UUID NOT NULL,
  assessment_b UUID NOT NULL,
  state VARCHAR(10) NOT NULL,
  decided_by VARCHAR(64) NOT NULL,
  decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
  note VARCHAR(500) NOT NULL,
  CONSTRAINT srv_person_link_once PRIMARY KEY (assessment_a, assessment_b));

CREATE INDEX srv_person_link_b ON srv_person_link(assessment_b, state);
