-- Accounts (issue 3): users, server-side sessions and API keys. Secrets are stored only as
-- digests (sessions, keys) or argon2id strings (passwords).
CREATE TABLE users (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  email          TEXT NOT NULL UNIQUE,
  password_hash  TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('admin', 'employer', 'talent', 'member')),
  company_id     INTEGER REFERENCES companies(id) ON DELETE SET NULL,
  talent_id      INTEGER UNIQUE REFERENCES talent(id) ON DELETE SET NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX users_by_company ON users(company_id);

CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

CREATE TABLE api_keys (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  prefix     TEXT NOT NULL UNIQUE,
  key_hash   TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('admin', 'employer', 'talent')),
  user_id    INTEGER REFERENCES users(id) ON DELETE CASCADE,
  label      TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER
) STRICT;
CREATE INDEX api_keys_by_user ON api_keys(user_id);

-- Failed sign-ins per email (digest), for accounts and unknown emails alike, so that the
-- answers and their timing do not tell which emails have an account, and so that lockouts
-- hold across restarts and replicas.
CREATE TABLE signin_attempts (
  email_hash   TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  locked_until INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX signin_attempts_by_update ON signin_attempts(updated_at);
CREATE INDEX events_by_user ON events(user_id, at);
