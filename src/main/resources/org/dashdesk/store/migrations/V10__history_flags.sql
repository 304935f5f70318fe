-- DASH Desk local store, schema version 10: history flags pulled from the central server (issue 12):
-- what its history check found after an assessment taken offline was submitted, shown on the
-- record. Safe to run twice.

CREATE TABLE IF NOT EXISTS history_flags (
    change_seq    BIGINT PRIMARY KEY,           -- the central change that carried it: stored once
    assessment_id UUID NOT NULL,
    revision_id   UUID,
    raised_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    message       VARCHAR(500) NOT NULL
);

CREATE INDEX IF NOT EXISTS history_flags_assessment_idx ON history_flags(assessment_id, change_seq);
