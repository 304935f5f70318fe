-- Decision 0127: a supervisor's pull of the change feed reads an index range, not every assessment.
-- Each change row carries the team its assessment belonged to when the change was written, so
-- "my team's changes after N" is a range of (team, seq). Old rows take their assessment's team now.

ALTER TABLE srv_change ADD COLUMN team VARCHAR(100);

UPDATE srv_change SET team = (SELECT a.team FROM srv_assessment a WHERE a.assessment_id = srv_change.assessment_id);

CREATE INDEX srv_change_team ON srv_change(team, seq);
