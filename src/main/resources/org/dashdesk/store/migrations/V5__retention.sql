-- Issue 14: a case the force holds, and that has left the officer's hands, loses its personal
-- content on this laptop after retention.days. purged_at records when; a purged revision keeps
-- its number and hash (and its receipt in the outbox) but no longer its content.
ALTER TABLE assessment ADD COLUMN IF NOT EXISTS purged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE revision ALTER COLUMN canonical_json SET NULL;
