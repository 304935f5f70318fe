-- Issue 12, decision 0193: what the server's history check found after an assessment taken
-- without it was submitted: a criterion the history meets that the officer did not apply. One row
-- per revision checked; open until CRU or a supervisor acts on it. Codes, counts and levels only.
CREATE TABLE srv_history_flag (
  revision_id UUID PRIMARY KEY,
  assessment_id UUID NOT NULL,
  raised_at TIMESTAMP WITH TIME ZONE NOT NULL,
  criteria VARCHAR(300) NOT NULL,
  level_given VARCHAR(16) NOT NULL,
  level_would_be VARCHAR(16) NOT NULL,
  matched INT NOT NULL,
  message VARCHAR(500) NOT NULL,
  state VARCHAR(16) NOT NULL,
  acted_by VARCHAR(64),
  acted_at TIMESTAMP WITH TIME ZONE,
  note VARCHAR(2000));

CREATE INDEX srv_history_flag_assessment ON srv_history_flag(assessment_id, state);
