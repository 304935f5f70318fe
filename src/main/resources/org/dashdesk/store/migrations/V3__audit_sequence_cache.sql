-- Decision 0162: H2 persists an identity sequence's position every CACHE values, and each time it
-- does it commits the whole store (every page the open transaction has changed). With the default
-- of 32 that was one full store write every ~10 imported assessments. A larger cache only means a
-- gap in audit numbers after a crash; numbers still only ever go up.
ALTER TABLE audit ALTER COLUMN seq SET CACHE 10000;
