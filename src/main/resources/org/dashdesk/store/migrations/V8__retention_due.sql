-- Issue 17: the cases retention may purge, so that finding what is due reads those and not every
-- signed-off or referred case the laptop holds: finished (signed off or referred), every revision
-- held centrally, content still here. Kept by OutboxStore.recordReceipts and the repository's
-- moves (RetentionSweep.MARK_IF_DUE) and by the purge; the sweep still checks each case as before,
-- so a row here is a candidate only.
CREATE TABLE IF NOT EXISTS retention_due (assessment_id UUID PRIMARY KEY);
-- Stores written before this table.
MERGE INTO retention_due KEY (assessment_id)
    SELECT a.id FROM assessment a JOIN outbox o ON o.revision_id = a.head_revision_id
    WHERE a.state IN ('SIGNED_OFF', 'REFERRED') AND o.state = 'synced' AND a.purged_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM outbox u WHERE u.assessment_id = a.id AND u.state <> 'synced');
