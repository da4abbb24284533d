-- The model registry and drift monitoring (issue 8). Every trained model is a version of a
-- name ("scam", "salary", "embeddings", "recommenders"): the data it saw (the change log's
-- seq when training read the store, and row counts), its parameters and offline metrics
-- (JSON objects), the artifact itself with its SHA-256, and the reference distributions of
-- its inputs and outputs for drift checks. Aliases (champion, challenger) point at versions;
-- every move of an alias is logged, which is what `rollback` walks back. Serving processes
-- learn of a move from a row in `changes` (entity 'model', slug = name).
CREATE TABLE models (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  version         INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  data_seq        INTEGER NOT NULL,
  data_counts     TEXT NOT NULL DEFAULT '{}',
  params          TEXT NOT NULL DEFAULT '{}',
  metrics         TEXT NOT NULL DEFAULT '{}',
  primary_metric  TEXT NOT NULL DEFAULT '',
  higher_is_better INTEGER NOT NULL DEFAULT 1,
  artifact        BLOB NOT NULL,
  sha256          TEXT NOT NULL,
  reference       BLOB NOT NULL DEFAULT x'',
  status          TEXT NOT NULL DEFAULT 'ready' CHECK (status IN ('ready', 'rolled_back')),
  note            TEXT NOT NULL DEFAULT '',
  UNIQUE (name, version)
) STRICT;

CREATE TABLE model_aliases (
  name        TEXT NOT NULL,
  alias       TEXT NOT NULL CHECK (alias IN ('champion', 'challenger')),
  version     INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (name, alias),
  FOREIGN KEY (name, version) REFERENCES models(name, version)
) STRICT;

CREATE TABLE model_alias_log (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  alias         TEXT NOT NULL,
  from_version  INTEGER,
  to_version    INTEGER,
  reason        TEXT NOT NULL,
  actor         TEXT NOT NULL,
  at            INTEGER NOT NULL
) STRICT;
CREATE INDEX model_alias_log_by_name ON model_alias_log(name, alias, id);

CREATE TABLE drift (
  id          INTEGER PRIMARY KEY,
  model       TEXT NOT NULL,
  version     INTEGER NOT NULL,
  window_from INTEGER NOT NULL,
  window_to   INTEGER NOT NULL,
  rows        INTEGER NOT NULL,
  feature     TEXT NOT NULL,
  statistic   TEXT NOT NULL,
  value       REAL NOT NULL,
  threshold   REAL NOT NULL,
  drifted     INTEGER NOT NULL,
  psi         REAL,
  at          INTEGER NOT NULL
) STRICT;
CREATE INDEX drift_by_model ON drift(model, at);
