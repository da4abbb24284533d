#include "platform/accounts/accounts.h"

#include <algorithm>

#include "base/strings.h"
#include "base/utf8.h"
#include "platform/codec.h"
#include "platform/import/foreign.h"

namespace meridian {

namespace {

constexpr std::string_view kKeyPrefix = "mk_";
constexpr size_t kKeyIdLength = 12;  // hex characters of the public key id

Status WrongCredentials() {
  return UnauthenticatedError("the email or password is wrong");
}

Status Locked(UnixSeconds until, UnixSeconds now) {
  int wait = static_cast<int>(std::max<UnixSeconds>(1, until - now));
  return ResourceExhaustedError("too many failed sign-ins for this account; try again in " +
                                std::to_string(wait) + " seconds")
      .WithRetryAfter(wait);
}

// Seconds an account stays locked after `failures` consecutive failures (0 = not locked).
int64_t LockoutFor(const AccountsOptions& o, int failures) {
  if (failures < o.max_failed_signins) return 0;
  int doublings = std::min(failures - o.max_failed_signins, 20);
  return std::min(o.lockout_seconds << doublings, o.max_lockout_seconds);
}

std::string HexId() {
  std::string raw = RandomToken(16);
  std::string digest = TokenDigest(raw);
  return digest.substr(0, kKeyIdLength);
}

Principal FromUser(const User& u, Via via) {
  Principal p;
  p.role = ParseRole(u.role).value_or(Role::kMember);
  p.via = via;
  p.user_id = u.id;
  p.email = u.email;
  p.company_slug = u.company_slug;
  p.talent_slug = u.talent_slug;
  return p;
}

Json Timestamp(std::optional<UnixSeconds> t) {
  return t ? Json(FormatRfc3339(*t)) : Json(nullptr);
}

}  // namespace

Accounts::Accounts(Store& store, const Clock& clock, AccountsOptions options)
    : store_(store), clock_(clock), options_(std::move(options)) {
  // A real hash with the configured cost: verifying against it costs what a real check does.
  auto h = HashPassword(RandomToken(16), options_.hash_cost);
  if (h.ok()) dummy_hash_ = *h;
}

Accounts::~Accounts() = default;

StatusOr<User> Accounts::CreateUser(std::string_view email, std::string_view password, Role role) {
  ASSIGN_OR_RETURN(std::string normalized, NormalizeEmail(email));
  RETURN_IF_ERROR(ValidatePassword(password, normalized));
  if (role == Role::kAnonymous) return InvalidArgumentError("role: is required", "role");
  User user;
  user.email = normalized;
  user.role = std::string(RoleName(role));
  ASSIGN_OR_RETURN(user.password_hash, HashPassword(password, options_.hash_cost));
  RETURN_IF_ERROR(store_.Write([&](StoreWriter& w) { return w.PutUser(&user, PutMode::kCreate); }));
  return user;
}

StatusOr<SignedIn> Accounts::SignUp(const SignupForm& form, std::string_view previous_session) {
  std::optional<Role> role = ParseRole(form.role.empty() ? "member" : form.role);
  if (!role || *role == Role::kAdmin) {
    return InvalidArgumentError("role: choose employer, talent or member", "role");
  }
  ASSIGN_OR_RETURN(User user, CreateUser(form.email, form.password, *role));
  return StartSession(user, previous_session);
}

StatusOr<SignedIn> Accounts::SignIn(std::string_view email, std::string_view password,
                                    std::string_view previous_session) {
  auto normalized = NormalizeEmail(email);
  if (!normalized.ok()) return WrongCredentials();
  if (password.size() > 1024) return WrongCredentials();
  UnixSeconds now = clock_.Now();
  // Failures are counted per email digest, whether or not the email has an account, so the
  // answers (and the store work behind them) do not tell which emails exist. The attempt is
  // charged before the password is checked: concurrent guesses each count, and once the
  // limit is reached the rest are refused without a check.
  std::string key = TokenDigest("signin:" + *normalized);
  Status charged = store_.Write([&](StoreWriter& w) -> Status {
    auto prev = store_.GetSigninAttempts(key);
    if (!prev.ok() && prev.status().code() != StatusCode::kNotFound) return prev.status();
    SigninAttempts a = prev.ok() ? *prev : SigninAttempts{.email_hash = key};
    if (a.locked_until > now) return Locked(a.locked_until, now);
    a.failures++;
    if (int64_t secs = LockoutFor(options_, a.failures); secs > 0) a.locked_until = now + secs;
    a.updated_at = now;
    return w.PutSigninAttempts(a);
  });
  RETURN_IF_ERROR(charged);
  auto found = store_.GetUserByEmail(*normalized);
  if (!found.ok() && found.status().code() != StatusCode::kNotFound) return found.status();
  if (!found.ok()) {
    // The same argon2id work as a real check.
    if (dummy_hash_.empty()) {
      HashPassword(password, options_.hash_cost).status().IgnoreError();
    } else {
      VerifyPassword(dummy_hash_, password);
    }
    return WrongCredentials();
  }
  User user = *found;
  if (!VerifyPassword(user.password_hash, password)) return WrongCredentials();
  std::string rehashed;
  if (NeedsRehash(user.password_hash, options_.hash_cost)) {
    ASSIGN_OR_RETURN(rehashed, HashPassword(password, options_.hash_cost));
  }
  Status reset = store_.Write([&](StoreWriter& w) -> Status {
    RETURN_IF_ERROR(w.DeleteSigninAttempts(key));
    if (rehashed.empty()) return OkStatus();
    ASSIGN_OR_RETURN(User fresh, store_.GetUser(user.id));
    fresh.password_hash = rehashed;
    user = fresh;
    return w.PutUser(&fresh, PutMode::kUpdate);
  });
  RETURN_IF_ERROR(reset);
  return StartSession(user, previous_session);
}

StatusOr<SignedIn> Accounts::StartSession(const User& user, std::string_view previous_session) {
  SignedIn out;
  out.user = user;
  out.session_id = RandomToken(32);
  out.csrf_token = RandomToken(32);
  UnixSeconds now = clock_.Now();
  out.expires_at = now + options_.session_ttl_seconds;
  Session s{.id_hash = TokenDigest(out.session_id),
            .user_id = user.id,
            .csrf_token = out.csrf_token,
            .created_at = now,
            .expires_at = out.expires_at};
  Status written = store_.Write([&](StoreWriter& w) -> Status {
    if (!previous_session.empty()) RETURN_IF_ERROR(w.DeleteSession(TokenDigest(previous_session)));
    RETURN_IF_ERROR(w.DeleteExpiredSessions(now).status());
    RETURN_IF_ERROR(w.DeleteStaleSigninAttempts(now - 86400));
    return w.PutSession(s);
  });
  RETURN_IF_ERROR(written);
  return out;
}

Status Accounts::SignOut(std::string_view session_id) {
  if (session_id.empty()) return OkStatus();
  return store_.Write([&](StoreWriter& w) { return w.DeleteSession(TokenDigest(session_id)); });
}

StatusOr<Principal> Accounts::Authenticate(const Credentials& c) {
  UnixSeconds now = clock_.Now();
  if (!c.bearer.empty()) {
    if (!options_.admin_token.empty() && ConstantTimeEquals(c.bearer, options_.admin_token)) {
      Principal p;
      p.role = Role::kAdmin;
      p.via = Via::kAdminToken;
      return p;
    }
    std::string_view b = c.bearer;
    if (!StartsWith(b, kKeyPrefix) || b.size() < kKeyPrefix.size() + kKeyIdLength + 2 ||
        b[kKeyPrefix.size() + kKeyIdLength] != '_' || b.size() > 200) {
      return UnauthenticatedError("the bearer token is not a valid API key");
    }
    std::string_view id = b.substr(kKeyPrefix.size(), kKeyIdLength);
    auto key = store_.GetApiKey(id);
    if (!key.ok()) {
      if (key.status().code() == StatusCode::kNotFound)
        return UnauthenticatedError("the bearer token is not a valid API key");
      return key.status();
    }
    if (!ConstantTimeEquals(TokenDigest(b), key->key_hash)) {
      return UnauthenticatedError("the bearer token is not a valid API key");
    }
    if (key->revoked_at) return UnauthenticatedError("this API key has been revoked");
    if (key->expires_at && *key->expires_at <= now) {
      return UnauthenticatedError("this API key expired at " + FormatRfc3339(*key->expires_at));
    }
    Principal p;
    if (key->user_id != 0) {
      auto user = store_.GetUser(key->user_id);
      if (!user.ok()) return UnauthenticatedError("the account of this API key no longer exists");
      p = FromUser(*user, Via::kApiKey);
    }
    p.role = ParseRole(key->role).value_or(Role::kMember);
    p.via = Via::kApiKey;
    p.key_id = key->id;
    return p;
  }
  Principal anonymous;
  if (c.session_id.empty()) return anonymous;
  anonymous.stale_session = true;
  if (c.session_id.size() > 100) return anonymous;
  std::string digest = TokenDigest(c.session_id);
  auto session = store_.GetSession(digest);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kNotFound) return anonymous;
    return session.status();
  }
  if (session->expires_at <= now) return anonymous;
  auto user = store_.GetUser(session->user_id);
  if (!user.ok()) {
    if (user.status().code() == StatusCode::kNotFound) return anonymous;
    return user.status();
  }
  Principal p = FromUser(*user, Via::kSession);
  p.session_hash = digest;
  p.csrf_token = session->csrf_token;
  return p;
}

StatusOr<CreatedKey> Accounts::CreateKey(const KeyRequest& req) {
  if (req.role != Role::kAdmin && req.role != Role::kEmployer && req.role != Role::kTalent) {
    return InvalidArgumentError("role: API keys are for admin, employer or talent", "role");
  }
  if (!IsValidUtf8(req.label) || HasControlChars(req.label, false) || Utf8Length(req.label) > 100) {
    return InvalidArgumentError("label: at most 100 characters of text", "label");
  }
  UnixSeconds now = clock_.Now();
  if (req.expires_at && *req.expires_at <= now) {
    return InvalidArgumentError("expires: must be in the future", "expires");
  }
  CreatedKey out;
  out.key.role = std::string(RoleName(req.role));
  out.key.label = req.label;
  out.key.expires_at = req.expires_at;
  if (!req.user_email.empty()) {
    ASSIGN_OR_RETURN(User user, FindUser(req.user_email));
    if (user.role != out.key.role) {
      return InvalidArgumentError(
          "user: " + user.email + " is a " + user.role + " account; its keys must have that role",
          "user");
    }
    out.key.user_id = user.id;
    out.key.user_email = user.email;
  } else if (req.role != Role::kAdmin) {
    return InvalidArgumentError(
        "user: " + std::string(RoleName(req.role)) + " keys act for an account; name its email",
        "user");
  }
  for (int attempt = 0;; ++attempt) {
    out.key.prefix = HexId();
    out.secret = std::string(kKeyPrefix) + out.key.prefix + "_" + RandomToken(32);
    out.key.key_hash = TokenDigest(out.secret);
    Status s = store_.Write([&](StoreWriter& w) { return w.PutApiKey(&out.key); });
    if (s.code() == StatusCode::kAlreadyExists && attempt < 3) continue;
    RETURN_IF_ERROR(s);
    return out;
  }
}

StatusOr<std::vector<ApiKey>> Accounts::ListKeys(int64_t user_id) {
  return store_.ListApiKeys(user_id);
}

Status Accounts::RevokeKey(int64_t id) {
  UnixSeconds now = clock_.Now();
  return store_.Write([&](StoreWriter& w) { return w.RevokeApiKey(id, now); });
}

StatusOr<User> Accounts::FindUser(std::string_view email) {
  ASSIGN_OR_RETURN(std::string normalized, NormalizeEmail(email));
  auto user = store_.GetUserByEmail(normalized);
  if (!user.ok() && user.status().code() == StatusCode::kNotFound) {
    return NotFoundError("no account with email '" + normalized + "'");
  }
  return user;
}

StatusOr<std::vector<User>> Accounts::ListUsers() {
  std::vector<User> out;
  int64_t after = 0;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<User> page, store_.ListUsers(after, 500));
    if (page.empty()) break;
    after = page.back().id;
    for (User& u : page) out.push_back(std::move(u));
  }
  return out;
}

Status Accounts::DeleteUser(std::string_view email) {
  ASSIGN_OR_RETURN(User user, FindUser(email));
  return DeleteAccount(FromUser(user, Via::kNone));
}

namespace {

// Every job of a company, in any status.
StatusOr<std::vector<Job>> CompanyJobs(StoreReader& store, const std::string& company) {
  std::vector<Job> out;
  JobFilter f;
  f.company_slug = company;
  PageRequest p{.limit = kMaxPageSize, .cursor = ""};
  while (true) {
    ASSIGN_OR_RETURN(Page<Job> page, store.ListJobs(f, p));
    for (Job& j : page.items) out.push_back(std::move(j));
    if (page.next_cursor.empty()) break;
    p.cursor = page.next_cursor;
  }
  return out;
}

}  // namespace

StatusOr<Json> Accounts::ExportAccount(const Principal& who) {
  if (who.user_id == 0) {
    return FailedPreconditionError("this credential has no account to export");
  }
  ASSIGN_OR_RETURN(User user, store_.GetUser(who.user_id));
  Json out = {{"format", "meridian-account-export"},
              {"version", 1},
              {"exported_at", FormatRfc3339(clock_.Now())}};
  out["account"] = {
      {"email", user.email},
      {"role", user.role},
      {"company", user.company_slug.empty() ? Json(nullptr) : Json(user.company_slug)},
      {"talent", user.talent_slug.empty() ? Json(nullptr) : Json(user.talent_slug)},
      {"created_at", FormatRfc3339(user.created_at)},
      {"updated_at", FormatRfc3339(user.updated_at)}};
  Json sessions = Json::array();
  ASSIGN_OR_RETURN(std::vector<Session> list, store_.ListSessions(user.id));
  for (const Session& s : list) {
    sessions.push_back({{"created_at", FormatRfc3339(s.created_at)},
                        {"expires_at", FormatRfc3339(s.expires_at)},
                        {"current", s.id_hash == who.session_hash}});
  }
  out["sessions"] = sessions;
  Json keys = Json::array();
  ASSIGN_OR_RETURN(std::vector<ApiKey> key_list, store_.ListApiKeys(user.id));
  for (const ApiKey& k : key_list) {
    keys.push_back({{"id", k.id},
                    {"prefix", std::string(kKeyPrefix) + k.prefix},
                    {"role", k.role},
                    {"label", k.label},
                    {"created_at", FormatRfc3339(k.created_at)},
                    {"expires_at", Timestamp(k.expires_at)},
                    {"revoked_at", Timestamp(k.revoked_at)}});
  }
  out["api_keys"] = keys;
  out["company"] = nullptr;
  out["jobs"] = Json::array();
  if (!user.company_slug.empty()) {
    ASSIGN_OR_RETURN(Company c, store_.GetCompany(user.company_slug));
    out["company"] = CompanyToJson(c, View::kPrivate);
    ASSIGN_OR_RETURN(std::vector<Job> jobs, CompanyJobs(store_, user.company_slug));
    for (const Job& j : jobs) out["jobs"].push_back(JobToJson(j, View::kPrivate));
  }
  out["talent"] = nullptr;
  out["json_resume"] = nullptr;
  if (!user.talent_slug.empty()) {
    ASSIGN_OR_RETURN(Talent t, store_.GetTalent(user.talent_slug));
    out["talent"] = TalentToJson(t, View::kPrivate);
    out["json_resume"] = TalentToJsonResume(t);
  }
  Json events = Json::array();
  ASSIGN_OR_RETURN(std::vector<Event> event_list,
                   store_.ListEventsOf({.user_id = user.id}, 100000));
  for (const Event& e : event_list) {
    Json ctx = Json::parse(e.context, nullptr, false);
    events.push_back({{"entity", EntityName(e.entity)},
                      {"entity_id", e.entity_id},
                      {"kind", e.kind},
                      {"at", FormatRfc3339(e.at)},
                      {"context", ctx.is_discarded() ? Json::object() : ctx}});
  }
  out["events"] = events;
  return out;
}

Status Accounts::DeleteAccount(const Principal& who) {
  if (who.user_id == 0) {
    return FailedPreconditionError("this credential has no account to delete");
  }
  // Everything is read under the write lock, so that a job created meanwhile (say with the
  // account's own API key) is deleted too instead of failing the company's deletion.
  return store_.Write([&](StoreWriter& w) -> Status {
    ASSIGN_OR_RETURN(User user, store_.GetUser(who.user_id));
    if (!user.talent_slug.empty()) RETURN_IF_ERROR(w.Delete(Entity::kTalent, user.talent_slug));
    if (!user.company_slug.empty()) {
      ASSIGN_OR_RETURN(int64_t owners, store_.CountCompanyUsers(user.company_slug));
      if (owners <= 1) {
        ASSIGN_OR_RETURN(std::vector<Job> jobs, CompanyJobs(store_, user.company_slug));
        for (const Job& j : jobs) RETURN_IF_ERROR(w.Delete(Entity::kJob, j.slug));
        RETURN_IF_ERROR(w.Delete(Entity::kCompany, user.company_slug));
      }
    }
    return w.DeleteUser(user.id);
  });
}

}  // namespace meridian
