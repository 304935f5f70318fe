-- Issue 14, decision 0170: the audit trail as a hash chain, as on the server. Each row holds the
-- hash of the log's previous row, of its assessment's previous row, and its own; audit_head
-- records where the log ends, so rows cut from the end are noticed. Migrations.java chains the
-- rows written before this version, in the same transaction.
ALTER TABLE audit ADD COLUMN IF NOT EXISTS assessment_prev VARCHAR(64);
ALTER TABLE audit ADD COLUMN IF NOT EXISTS log_prev VARCHAR(64);
ALTER TABLE audit ADD COLUMN IF NOT EXISTS row_hash VARCHAR(64);
CREATE TABLE IF NOT EXISTS audit_head (
    id        INT PRIMARY KEY,
    last_seq  BIGINT NOT NULL,
    last_hash VARCHAR(64) NOT NULL,
    row_count BIGINT NOT NULL
);
