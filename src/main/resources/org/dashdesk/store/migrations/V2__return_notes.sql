-- DASH Desk local store, schema version 2: a supervisor's return comments, pulled from the
-- central server, so the officer sees them offline while amending. Safe to run twice.

CREATE TABLE IF NOT EXISTS return_notes (
    change_seq    BIGINT PRIMARY KEY,           -- the central change that carried them: applied once
    assessment_id UUID NOT NULL,
    revision_id   UUID,
    returned_by   VARCHAR(64) NOT NULL,
    returned_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    comments_json CHARACTER LARGE OBJECT NOT NULL
);

CREATE INDEX IF NOT EXISTS return_notes_assessment_idx ON return_notes(assessment_id, change_seq);
