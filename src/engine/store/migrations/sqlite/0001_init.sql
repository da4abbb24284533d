-- Meridian schema v1. Times are Unix seconds (UTC). Lists are JSON arrays in TEXT columns
-- for hydration, mirrored into side tables (job_tags, talent_skills) where filters need an
-- index. Every mutation also appends a row to `changes` in the same transaction.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE companies (
  id            INTEGER PRIMARY KEY,
  slug          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  website       TEXT NOT NULL DEFAULT '',
  description   TEXT NOT NULL DEFAULT '',
  regions       TEXT NOT NULL DEFAULT '[]',
  remote_policy TEXT NOT NULL DEFAULT '',
  size          TEXT NOT NULL DEFAULT '',
  technologies  TEXT NOT NULL DEFAULT '[]',
  has_logo      INTEGER NOT NULL DEFAULT 0,
  verified      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX companies_by_name ON companies(name COLLATE NOCASE, id);

CREATE TABLE cities (
  id                 INTEGER PRIMARY KEY,
  slug               TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL,
  country            TEXT NOT NULL,
  province           TEXT NOT NULL DEFAULT '',
  lat                REAL NOT NULL,
  lng                REAL NOT NULL,
  population         INTEGER NOT NULL DEFAULT 0,
  timezone           TEXT NOT NULL,
  cost_of_living_usd REAL,
  internet_mbps      REAL,
  safety_index       REAL,
  nomad_score        REAL,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX cities_by_population ON cities(population DESC, id);
CREATE INDEX cities_by_country ON cities(country, population DESC);

CREATE TABLE jobs (
  id                    INTEGER PRIMARY KEY,
  slug                  TEXT NOT NULL UNIQUE,
  company_id            INTEGER NOT NULL REFERENCES companies(id) ON DELETE RESTRICT,
  title                 TEXT NOT NULL,
  description           TEXT NOT NULL DEFAULT '',
  apply_url             TEXT NOT NULL DEFAULT '',
  tags                  TEXT NOT NULL DEFAULT '[]',
  seniority             TEXT NOT NULL DEFAULT '',
  employment_type       TEXT NOT NULL DEFAULT '',
  eligible_areas        TEXT NOT NULL DEFAULT '[]',
  eligibility_evidence  TEXT NOT NULL DEFAULT '',
  tz_zone               TEXT,
  tz_start_minute       INTEGER,
  tz_end_minute         INTEGER,
  tz_utc_min_minutes    INTEGER,
  tz_utc_max_minutes    INTEGER,
  salary_min            REAL,
  salary_max            REAL,
  salary_currency       TEXT NOT NULL DEFAULT '',
  salary_period         TEXT NOT NULL DEFAULT '',
  salary_usd_min        REAL,
  salary_usd_max        REAL,
  salary_source         TEXT NOT NULL DEFAULT '',
  posted_at             INTEGER NOT NULL,
  valid_through         INTEGER,
  status                TEXT NOT NULL,
  scam_score            REAL,
  scam_reasons          TEXT NOT NULL DEFAULT '[]',
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL
) STRICT;
CREATE INDEX jobs_by_posted ON jobs(status, posted_at DESC, id DESC);
CREATE INDEX jobs_by_company ON jobs(company_id, posted_at DESC, id DESC);

CREATE TABLE job_tags (
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  tag    TEXT NOT NULL,
  PRIMARY KEY (tag, job_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX job_tags_by_job ON job_tags(job_id);

CREATE TABLE talent (
  id                 INTEGER PRIMARY KEY,
  slug               TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL,
  headline           TEXT NOT NULL DEFAULT '',
  summary            TEXT NOT NULL DEFAULT '',
  skills             TEXT NOT NULL DEFAULT '[]',
  seniority          TEXT NOT NULL DEFAULT '',
  city_id            INTEGER REFERENCES cities(id) ON DELETE SET NULL,
  country            TEXT NOT NULL DEFAULT '',
  timezone           TEXT NOT NULL DEFAULT '',
  work_start_minute  INTEGER,
  work_end_minute    INTEGER,
  salary_min         REAL,
  salary_max         REAL,
  salary_currency    TEXT NOT NULL DEFAULT '',
  salary_period      TEXT NOT NULL DEFAULT '',
  salary_usd_min     REAL,
  salary_usd_max     REAL,
  availability       TEXT NOT NULL DEFAULT '',
  visibility         TEXT NOT NULL DEFAULT 'public',
  email              TEXT NOT NULL DEFAULT '',
  contact            TEXT NOT NULL DEFAULT '',
  links              TEXT NOT NULL DEFAULT '[]',
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX talent_by_visibility ON talent(visibility, id DESC);

CREATE TABLE talent_skills (
  talent_id INTEGER NOT NULL REFERENCES talent(id) ON DELETE CASCADE,
  skill     TEXT NOT NULL,
  level     INTEGER NOT NULL,
  PRIMARY KEY (skill, talent_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX talent_skills_by_talent ON talent_skills(talent_id);

CREATE TABLE articles (
  id           INTEGER PRIMARY KEY,
  slug         TEXT NOT NULL UNIQUE,
  title        TEXT NOT NULL,
  summary      TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL DEFAULT '',
  tags         TEXT NOT NULL DEFAULT '[]',
  author       TEXT NOT NULL DEFAULT '',
  published_at INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX articles_by_published ON articles(published_at DESC, id DESC);

CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER,
  session_id TEXT NOT NULL DEFAULT '',
  entity     TEXT NOT NULL,
  entity_id  INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  at         INTEGER NOT NULL,
  context    TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX events_by_entity ON events(entity, entity_id, at);
CREATE INDEX events_by_session ON events(session_id, at);

-- The change log: derived state (search and vector indexes) follows it by `seq`.
CREATE TABLE changes (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  entity    TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  slug      TEXT NOT NULL,
  op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  at        INTEGER NOT NULL
) STRICT;
