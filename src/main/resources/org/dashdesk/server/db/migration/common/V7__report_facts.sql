-- Issue 13, decision 0191: what the reports count, kept beside each assessment when its head
-- revision is stored, so that a report over a million assessments is a GROUP BY on indexed
-- columns and never parses revision JSON. V8 (Java) fills them for assessments already held.
-- Portable SQL: the same text for H2 and PostgreSQL.

-- When the assessment was taken (revision 1's time on the officer's device) and its month in the
-- force's time zone, so a month is the same on every node and in every report.
ALTER TABLE srv_assessment ADD COLUMN assessed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE srv_assessment ADD COLUMN assessed_month CHAR(7);
-- When the server first held it: the sign-off clock starts here.
ALTER TABLE srv_assessment ADD COLUMN first_received_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE srv_assessment ADD COLUMN channel VARCHAR(16);
ALTER TABLE srv_assessment ADD COLUMN policy_version VARCHAR(100);
-- The level the answers gave before any professional judgement.
ALTER TABLE srv_assessment ADD COLUMN computed_level VARCHAR(16);
ALTER TABLE srv_assessment ADD COLUMN signed_off_at TIMESTAMP WITH TIME ZONE;
-- Minutes from first_received_at to the sign-off, kept as a number so the median is portable SQL.
ALTER TABLE srv_assessment ADD COLUMN signoff_minutes BIGINT;

CREATE INDEX srv_assessment_assessed ON srv_assessment(assessed_at);

-- Facts an assessment has several of: referrals prompted and made, reasons questions were not asked.
CREATE TABLE srv_assessment_fact (
  assessment_id UUID NOT NULL,
  kind VARCHAR(20) NOT NULL,
  item VARCHAR(64) NOT NULL,
  CONSTRAINT srv_assessment_fact_once PRIMARY KEY (assessment_id, kind, item));

CREATE INDEX srv_assessment_fact_kind ON srv_assessment_fact(kind, item);
