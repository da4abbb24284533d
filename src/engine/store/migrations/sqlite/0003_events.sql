-- Behavioural events (issue 6): a user may opt out of having their views, saves and
-- clicks recorded (history is read through events_by_user and events_by_session).
ALTER TABLE users ADD COLUMN events_opt_out INTEGER NOT NULL DEFAULT 0;
