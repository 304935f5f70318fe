-- Issue 17: the home lists read a page at a time and are searched and filtered in SQL, so what
-- they show and filter on is held in columns beside the content (inside the encrypted store,
-- like the content). The Java step after this script fills them for rows written before it.
ALTER TABLE assessment ADD COLUMN IF NOT EXISTS incident_ref VARCHAR(200);
ALTER TABLE assessment ADD COLUMN IF NOT EXISTS district VARCHAR(200);
ALTER TABLE assessment ADD COLUMN IF NOT EXISTS channel VARCHAR(16);
-- People.childrenOrDependants: whether the children section counts towards "complete".
ALTER TABLE assessment ADD COLUMN IF NOT EXISTS children_or_dependants BOOLEAN;
-- SearchText: folded words of the incident reference and the victim's and abusers' names.
ALTER TABLE assessment ADD COLUMN IF NOT EXISTS search_words VARCHAR(4000);
ALTER TABLE assessment ADD COLUMN IF NOT EXISTS is_draft BOOLEAN GENERATED ALWAYS AS (state = 'DRAFT');
-- Each list newest first, a page at a time, without sorting the whole table.
CREATE INDEX IF NOT EXISTS assessment_list_idx ON assessment(is_draft, updated_at DESC, id);
CREATE INDEX IF NOT EXISTS outbox_revision_state_idx ON outbox(revision_id, state);
