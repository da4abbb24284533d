-- Trust and estimation (issue 7): when an employer last confirmed a job open, the salary
-- estimate shown next to (never mixed with) the employer's figures, and the moderators'
-- decisions that train the next scam model. A label keeps a copy of the post as it was
-- judged, so deleting or editing the job later does not change what was learned from.
ALTER TABLE jobs ADD COLUMN confirmed_at INTEGER;
ALTER TABLE jobs ADD COLUMN salary_est_low REAL;
ALTER TABLE jobs ADD COLUMN salary_est_median REAL;
ALTER TABLE jobs ADD COLUMN salary_est_high REAL;
CREATE INDEX jobs_by_valid_through ON jobs(status, valid_through);

CREATE TABLE moderation_labels (
  id            INTEGER PRIMARY KEY,
  job_id        INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
  job_slug      TEXT NOT NULL,
  company_slug  TEXT NOT NULL,
  title         TEXT NOT NULL,
  description   TEXT NOT NULL,
  apply_url     TEXT NOT NULL DEFAULT '',
  label         TEXT NOT NULL CHECK (label IN ('scam', 'legit')),
  source        TEXT NOT NULL CHECK (source IN ('moderator', 'generated')),
  moderator_id  INTEGER,
  score         REAL,
  at            INTEGER NOT NULL
);
CREATE INDEX moderation_labels_by_job ON moderation_labels(job_id);
