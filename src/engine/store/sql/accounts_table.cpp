// Users, sessions and API keys of the store.
#include "engine/store/sql/common.h"
#include "engine/store/sql/tables.h"

namespace meridian::sql {
namespace {

#define MERIDIAN_USER_COLUMNS                                                            \
  "u.id, u.email, u.password_hash, u.role, c.slug, t.slug, u.created_at, u.updated_at, " \
  "u.events_opt_out "                                                                    \
  " FROM users u LEFT JOIN companies c ON c.id = u.company_id "                          \
  "LEFT JOIN talent t ON t.id = u.talent_id "

const Sql kUserById{"user_by_id", "SELECT " MERIDIAN_USER_COLUMNS "WHERE u.id = ?"};
const Sql kUserByEmail{"user_by_email", "SELECT " MERIDIAN_USER_COLUMNS "WHERE u.email = ?"};
const Sql kListUsers{"list_users",
                     "SELECT " MERIDIAN_USER_COLUMNS "WHERE u.id > ? ORDER BY u.id LIMIT ?"};
const Sql kCountCompanyUsers{"count_company_users",
                             "SELECT COUNT(*) FROM users u JOIN companies c ON c.id = u.company_id "
                             "WHERE c.slug = ?"};
const Sql kCompanyId{"user_company_id", "SELECT id FROM companies WHERE slug = ?"};
const Sql kTalentId{"user_talent_id", "SELECT id FROM talent WHERE slug = ?"};
const Sql kInsertUser{"insert_user",
                      "INSERT INTO users(email, password_hash, role, company_id, talent_id, "
                      "created_at, updated_at, events_opt_out) VALUES (?1,?2,?3,?4,?5,?6,?7,?8) "
                      "RETURNING id"};
const Sql kUpdateUser{"update_user",
                      "UPDATE users SET email=?1, password_hash=?2, role=?3, company_id=?4, "
                      "talent_id=?5, updated_at=?6, events_opt_out=?7 "
                      "WHERE id=?8"};
const Sql kDeleteUserEvents{"delete_user_events", "DELETE FROM events WHERE user_id = ?"};
const Sql kDeleteUser{"delete_user", "DELETE FROM users WHERE id = ?"};

const Sql kGetAttempts{"get_signin_attempts",
                       "SELECT email_hash, failures, locked_until, updated_at FROM "
                       "signin_attempts WHERE email_hash = ?"};
const Sql kPutAttempts{"put_signin_attempts",
                       "INSERT INTO signin_attempts(email_hash, failures, locked_until, "
                       "updated_at) VALUES (?1,?2,?3,?4) ON CONFLICT(email_hash) DO UPDATE SET "
                       "failures = ?2, locked_until = ?3, updated_at = ?4"};
const Sql kDeleteAttempts{"delete_signin_attempts",
                          "DELETE FROM signin_attempts WHERE email_hash = ?"};
const Sql kDeleteStaleAttempts{
    "delete_stale_signin_attempts",
    "DELETE FROM signin_attempts WHERE updated_at < ?1 AND locked_until < ?1"};

const Sql kGetSession{
    "get_session",
    "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = ?"};
const Sql kListSessions{"list_sessions",
                        "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM "
                        "sessions WHERE user_id = ? ORDER BY created_at DESC"};
const Sql kInsertSession{"insert_session",
                         "INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, "
                         "expires_at) VALUES (?,?,?,?,?)"};
const Sql kDeleteSession{"delete_session", "DELETE FROM sessions WHERE id_hash = ?"};
const Sql kDeleteSessionsOf{"delete_sessions_of", "DELETE FROM sessions WHERE user_id = ?"};
const Sql kDeleteExpired{"delete_expired_sessions", "DELETE FROM sessions WHERE expires_at < ?"};

#define MERIDIAN_KEY_COLUMNS                                                                \
  "k.id, k.prefix, k.key_hash, k.role, COALESCE(k.user_id, 0), COALESCE(u.email, ''), "     \
  "k.label, k.created_at, k.expires_at, k.revoked_at FROM api_keys k LEFT JOIN users u ON " \
  "u.id = k.user_id "

const Sql kGetKey{"get_api_key", "SELECT " MERIDIAN_KEY_COLUMNS "WHERE k.prefix = ?"};
const Sql kAllKeys{"all_api_keys", "SELECT " MERIDIAN_KEY_COLUMNS "ORDER BY k.id DESC"};
const Sql kUserKeys{"user_api_keys",
                    "SELECT " MERIDIAN_KEY_COLUMNS "WHERE k.user_id = ? ORDER BY k.id DESC"};
const Sql kInsertKey{"insert_api_key",
                     "INSERT INTO api_keys(prefix, key_hash, role, user_id, label, created_at, "
                     "expires_at, revoked_at) VALUES (?,?,?,?,?,?,?,NULL) RETURNING id"};
const Sql kRevokeKey{"revoke_api_key",
                     "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?"};

User ReadUser(const Query& q) {
  User u;
  u.id = q.Int(0);
  u.email = q.Text(1);
  u.password_hash = q.Text(2);
  u.role = q.Text(3);
  u.company_slug = q.Text(4);
  u.talent_slug = q.Text(5);
  u.created_at = q.Int(6);
  u.updated_at = q.Int(7);
  u.events_opt_out = q.Int(8) != 0;
  return u;
}

Session ReadSession(const Query& q) {
  Session s;
  s.id_hash = q.Text(0);
  s.user_id = q.Int(1);
  s.csrf_token = q.Text(2);
  s.created_at = q.Int(3);
  s.expires_at = q.Int(4);
  return s;
}

ApiKey ReadKey(const Query& q) {
  ApiKey k;
  k.id = q.Int(0);
  k.prefix = q.Text(1);
  k.key_hash = q.Text(2);
  k.role = q.Text(3);
  k.user_id = q.Int(4);
  k.user_email = q.Text(5);
  k.label = q.Text(6);
  k.created_at = q.Int(7);
  k.expires_at = q.OptInt(8);
  k.revoked_at = q.OptInt(9);
  return k;
}

// The id of the record `slug` names in a reference field; nullopt for "".
StatusOr<std::optional<int64_t>> RefId(Connection& c, const Sql& sql, std::string_view slug,
                                       std::string_view field) {
  if (slug.empty()) return std::optional<int64_t>();
  ASSIGN_OR_RETURN(Query q, c.Prepare(sql));
  q.Bind(1, slug);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) {
    return InvalidArgumentError(
        std::string(field) + ": no record with slug '" + std::string(slug) + "'",
        std::string(field));
  }
  return std::optional<int64_t>(q.Int(0));
}

template <typename T, typename ReadFn>
StatusOr<std::vector<T>> Collect(Query& q, ReadFn read) {
  std::vector<T> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(read(q));
  }
  return out;
}

}  // namespace

StatusOr<User> GetUser(Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kUserById));
  q.Bind(1, id);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no user with id " + std::to_string(id));
  return ReadUser(q);
}

StatusOr<User> GetUserByEmail(Connection& c, std::string_view email) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kUserByEmail));
  q.Bind(1, email);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no user with that email");
  return ReadUser(q);
}

StatusOr<std::vector<User>> ListUsers(Connection& c, int64_t after_id, int limit) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kListUsers));
  q.Bind(1, after_id).Bind(2, limit);
  return Collect<User>(q, ReadUser);
}

StatusOr<int64_t> CountCompanyUsers(Connection& c, std::string_view company_slug) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kCountCompanyUsers));
  q.Bind(1, company_slug);
  ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

Status PutUser(Connection& c, User* user, PutMode mode, UnixSeconds now) {
  if (mode == PutMode::kUpsert) return InvalidArgumentError("users: upsert is not supported");
  ASSIGN_OR_RETURN(std::optional<int64_t> company,
                   RefId(c, kCompanyId, user->company_slug, "company"));
  ASSIGN_OR_RETURN(std::optional<int64_t> talent, RefId(c, kTalentId, user->talent_slug, "talent"));
  bool create = mode == PutMode::kCreate;
  ASSIGN_OR_RETURN(Query q, c.Prepare(create ? kInsertUser : kUpdateUser));
  if (create) user->created_at = now;
  user->updated_at = now;
  q.Bind(1, user->email).Bind(2, user->password_hash).Bind(3, user->role);
  q.Bind(4, company).Bind(5, talent);
  const int64_t opt_out = user->events_opt_out ? 1 : 0;
  if (create) {
    q.Bind(6, user->created_at).Bind(7, user->updated_at).Bind(8, opt_out);
  } else {
    q.Bind(6, user->updated_at).Bind(7, opt_out).Bind(8, user->id);
  }
  StatusOr<bool> row = q.Step();
  Status s = row.status();
  if (s.code() == StatusCode::kAlreadyExists) {
    if (s.message().find("talent_id") != std::string::npos)
      return AlreadyExistsError("talent: that profile already belongs to an account", "talent");
    return AlreadyExistsError("email: an account with this email already exists", "email");
  }
  RETURN_IF_ERROR(s);
  if (create) {
    if (!*row) return InternalError("insert_user: returned no id");
    user->id = q.Int(0);
  } else if (c.Changes() == 0) {
    return NotFoundError("no user with id " + std::to_string(user->id));
  }
  return OkStatus();
}

Status DeleteUser(Connection& c, int64_t id, UnixSeconds now) {
  ASSIGN_OR_RETURN(Query events, c.Prepare(kDeleteUserEvents));
  events.Bind(1, id);
  RETURN_IF_ERROR(events.Run());
  ASSIGN_OR_RETURN(Query q, c.Prepare(kDeleteUser));
  q.Bind(1, id);
  RETURN_IF_ERROR(q.Run());
  if (c.Changes() == 0) return NotFoundError("no user with id " + std::to_string(id));
  // Replicas that cache the user's history forget it (their events went with them).
  return AppendChange(c, kEventsChangeEntity, 0, EventOwnerKey({.user_id = id}), ChangeOp::kDelete,
                      now);
}

StatusOr<Session> GetSession(Connection& c, std::string_view id_hash) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kGetSession));
  q.Bind(1, id_hash);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no such session");
  return ReadSession(q);
}

StatusOr<std::vector<Session>> ListSessions(Connection& c, int64_t user_id) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kListSessions));
  q.Bind(1, user_id);
  return Collect<Session>(q, ReadSession);
}

Status PutSession(Connection& c, const Session& s) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kInsertSession));
  q.Bind(1, s.id_hash).Bind(2, s.user_id).Bind(3, s.csrf_token).Bind(4, s.created_at);
  q.Bind(5, s.expires_at);
  return q.Run();
}

Status DeleteSession(Connection& c, std::string_view id_hash) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kDeleteSession));
  q.Bind(1, id_hash);
  return q.Run();
}

Status DeleteSessionsOf(Connection& c, int64_t user_id) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kDeleteSessionsOf));
  q.Bind(1, user_id);
  return q.Run();
}

StatusOr<int64_t> DeleteExpiredSessions(Connection& c, UnixSeconds now) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kDeleteExpired));
  q.Bind(1, now);
  RETURN_IF_ERROR(q.Run());
  return static_cast<int64_t>(c.Changes());
}

StatusOr<SigninAttempts> GetSigninAttempts(Connection& c, std::string_view email_hash) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kGetAttempts));
  q.Bind(1, email_hash);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no failed sign-ins recorded");
  return SigninAttempts{.email_hash = q.Text(0),
                        .failures = static_cast<int>(q.Int(1)),
                        .locked_until = q.Int(2),
                        .updated_at = q.Int(3)};
}

Status PutSigninAttempts(Connection& c, const SigninAttempts& a) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kPutAttempts));
  q.Bind(1, a.email_hash).Bind(2, a.failures).Bind(3, a.locked_until).Bind(4, a.updated_at);
  return q.Run();
}

Status DeleteSigninAttempts(Connection& c, std::string_view email_hash) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kDeleteAttempts));
  q.Bind(1, email_hash);
  return q.Run();
}

Status DeleteStaleSigninAttempts(Connection& c, UnixSeconds before) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kDeleteStaleAttempts));
  q.Bind(1, before);
  return q.Run();
}

StatusOr<ApiKey> GetApiKey(Connection& c, std::string_view prefix) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kGetKey));
  q.Bind(1, prefix);
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no such API key");
  return ReadKey(q);
}

StatusOr<std::vector<ApiKey>> ListApiKeys(Connection& c, int64_t user_id) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(user_id == 0 ? kAllKeys : kUserKeys));
  if (user_id != 0) q.Bind(1, user_id);
  return Collect<ApiKey>(q, ReadKey);
}

Status PutApiKey(Connection& c, ApiKey* key, UnixSeconds now) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kInsertKey));
  key->created_at = now;
  q.Bind(1, key->prefix).Bind(2, key->key_hash).Bind(3, key->role);
  if (key->user_id == 0) {
    q.BindNull(4);
  } else {
    q.Bind(4, key->user_id);
  }
  q.Bind(5, key->label).Bind(6, key->created_at).Bind(7, key->expires_at);
  StatusOr<int64_t> id = InsertedId(q);
  if (id.status().code() == StatusCode::kAlreadyExists) {
    return AlreadyExistsError("key prefix is taken");
  }
  RETURN_IF_ERROR(id.status());
  key->id = *id;
  return OkStatus();
}

Status RevokeApiKey(Connection& c, int64_t id, UnixSeconds at) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kRevokeKey));
  q.Bind(1, at).Bind(2, id);
  RETURN_IF_ERROR(q.Run());
  if (c.Changes() == 0) return NotFoundError("no API key with id " + std::to_string(id));
  return OkStatus();
}

}  // namespace meridian::sql
