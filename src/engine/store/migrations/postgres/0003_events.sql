-- PostgreSQL translation of migrations/sqlite/ of the same number.
-- Behavioural events (issue 6): a user may opt out of having their views, saves and
-- clicks recorded (history is read through events_by_user and events_by_session).
ALTER TABLE users ADD COLUMN events_opt_out BIGINT NOT NULL DEFAULT 0;
