-- Issue 12: history searches are counted per user in the database, so every node sees the same
-- count (as sign-ins are, V2).
CREATE TABLE srv_search_limit (
  actor VARCHAR(64) PRIMARY KEY,
  window_start TIMESTAMP WITH TIME ZONE NOT NULL,
  searches INT NOT NULL);
