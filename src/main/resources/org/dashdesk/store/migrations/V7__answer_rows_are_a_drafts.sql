-- Decision 0163: answer rows belong to drafts (autosave, one row per question). A submitted
-- assessment's answers are its head revision's, frozen and hashed, so its rows were a second copy.
-- A reopened case gets its rows back from the head revision when it becomes a draft again.
DELETE FROM answer WHERE assessment_id IN (SELECT id FROM assessment WHERE state <> 'DRAFT');
