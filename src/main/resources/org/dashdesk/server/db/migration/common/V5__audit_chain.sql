-- Issue 14, decision 0170: the audit log as a hash chain. Each row holds the hash of the log's
-- previous row, of its assessment's previous row, and its own; the single head row is the lock
-- every append queues on and records where the log ends. V6 (Java) chains the existing rows.
ALTER TABLE srv_audit ADD COLUMN IF NOT EXISTS assessment_prev VARCHAR(64);
ALTER TABLE srv_audit ADD COLUMN IF NOT EXISTS log_prev VARCHAR(64);
ALTER TABLE srv_audit ADD COLUMN IF NOT EXISTS row_hash VARCHAR(64);

CREATE TABLE IF NOT EXISTS srv_audit_head (
  id INT PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  last_hash VARCHAR(64) NOT NULL,
  row_count BIGINT NOT NULL);

-- Signed statements of where the log stood; also written as files outside the database.
CREATE TABLE IF NOT EXISTS srv_audit_checkpoint (
  seq BIGINT PRIMARY KEY,
  head VARCHAR(64) NOT NULL,
  row_count BIGINT NOT NULL,
  at TIMESTAMP WITH TIME ZONE NOT NULL,
  key_id VARCHAR(32) NOT NULL,
  signature VARCHAR(200) NOT NULL);
