-- Issue 17: the cases retention may purge, so that finding what is due reads those and not every
-- signed-off or referred case the laptop holds. A case goes in when a receipt for it is stored
-- (OutboxStore.recordReceipts) and out when its content is purged (RetentionSweep); the sweep
-- checks each against the case and its outbox rows as before, so a case here is a candidate only.
CREATE TABLE IF NOT EXISTS retention_due (assessment_id UUID PRIMARY KEY);
-- Stores written before this table: every case with a receipt and its content still here.
MERGE INTO retention_due KEY (assessment_id)
    SELECT DISTINCT o.assessment_id FROM outbox o JOIN assessment a ON a.id = o.assessment_id
    WHERE o.state = 'synced' AND a.purged_at IS NULL;
