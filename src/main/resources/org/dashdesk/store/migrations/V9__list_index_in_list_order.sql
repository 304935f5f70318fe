-- Issue 17: each list is newest first with the id breaking ties, ORDER BY updated_at DESC, id DESC.
-- The index of migration 6 holds id ascending, so H2 could not read a page off it in that order:
-- it read every entry of the list and sorted them (0.8 s for 96,000 submitted cases at sign-in).
-- In the lists' own order, the first page is the index's first 100 entries.
CREATE INDEX IF NOT EXISTS assessment_list_order_idx ON assessment(is_draft, updated_at DESC, id DESC);
DROP INDEX IF EXISTS assessment_list_idx;
