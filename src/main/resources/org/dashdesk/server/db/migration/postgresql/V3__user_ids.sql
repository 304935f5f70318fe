-- Existing accounts get their immutable id (decision 0122); only the random-UUID function differs
-- between H2 and PostgreSQL, so this one script has a copy per vendor.
UPDATE srv_user SET user_id = gen_random_uuid() WHERE user_id IS NULL;

ALTER TABLE srv_user ALTER COLUMN user_id SET NOT NULL;

ALTER TABLE srv_user ADD CONSTRAINT srv_user_id_unique UNIQUE (user_id);
