-- Decisions 0122-0124: accounts get an immutable id that tokens are bound to; the change feed's
-- numbers are handed out by one clock row, in commit order; sign-in attempts are counted per
-- username in the database, so every node sees the same count.

ALTER TABLE srv_user ADD COLUMN user_id UUID;

ALTER TABLE srv_token ADD COLUMN user_id UUID;

-- Sessions issued before accounts had ids cannot be bound to one: their holders sign in again.
DELETE FROM srv_token WHERE username IS NOT NULL;

CREATE TABLE srv_change_clock (
  id INT PRIMARY KEY,
  last_seq BIGINT NOT NULL);

INSERT INTO srv_change_clock (id, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM srv_change;

CREATE TABLE srv_signin_limit (
  username VARCHAR(64) PRIMARY KEY,
  window_start TIMESTAMP WITH TIME ZONE NOT NULL,
  attempts INT NOT NULL);

CREATE INDEX srv_signin_limit_window ON srv_signin_limit(window_start);

CREATE INDEX srv_assessment_team ON srv_assessment(team);

CREATE INDEX srv_change_owner ON srv_change(owner_collar, seq);

CREATE INDEX srv_change_assessment ON srv_change(assessment_id, seq);

CREATE INDEX srv_revision_submitter ON srv_revision(assessment_id, submitted_by);
