// Accounts: sign-up, sign-in with per-account throttling, server-side sessions, API keys,
// and the caller of each request (Principal, policy.h). Also the account's own data:
// export as JSON and deletion with everything that belongs to it.
//
//   Accounts accounts(store, clock, {.admin_token = settings.admin_token});
//   ASSIGN_OR_RETURN(SignedIn s, accounts.SignIn(email, password, old_cookie));
//   // Set-Cookie: meridian_session=<s.session_id>; HttpOnly; SameSite=Lax; Path=/
//   ASSIGN_OR_RETURN(Principal who, accounts.Authenticate({.session_id = cookie}));
//
// Thread-safe: every method may run concurrently (all state lives in the store).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/statusor.h"
#include "base/time.h"
#include "engine/store/store.h"
#include "platform/accounts/password.h"
#include "platform/accounts/policy.h"

namespace meridian {

inline constexpr std::string_view kSessionCookie = "meridian_session";

struct AccountsOptions {
  int64_t session_ttl_seconds = 14 * 86400;
  // After this many consecutive failed sign-ins an account is locked for lockout_seconds,
  // doubling with every further failure up to max_lockout_seconds.
  int max_failed_signins = 5;
  int64_t lockout_seconds = 60;
  int64_t max_lockout_seconds = 3600;
  HashCost hash_cost = HashCost::kInteractive;
  std::string admin_token;  // the interim admin bearer token; "" = not accepted
};

struct SignupForm {
  std::string email;
  std::string password;
  std::string role = "member";  // employer|talent|member (admins come from the CLI)
};

// The result of a sign-up or sign-in: a fresh session.
struct SignedIn {
  User user;
  std::string session_id;  // the cookie value; only its digest is stored
  std::string csrf_token;
  UnixSeconds expires_at = 0;
};

struct Credentials {
  std::string bearer;      // the token of "Authorization: Bearer <token>" ("" = none)
  std::string session_id;  // the session cookie ("" = none)
};

struct KeyRequest {
  Role role = Role::kAdmin;  // admin|employer|talent
  std::string user_email;    // "" = unbound (admin keys only)
  std::string label;         // free text, at most 100 characters
  std::optional<UnixSeconds> expires_at;
};

struct CreatedKey {
  ApiKey key;
  std::string secret;  // "mk_<prefix>_<secret>": shown once, never stored
};

class Accounts {
 public:
  Accounts(Store& store, const Clock& clock, AccountsOptions options = {});
  ~Accounts();
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  const AccountsOptions& options() const { return options_; }

  // Creates an account with any role (the CLI's `users create`). kAlreadyExists on field
  // "email" when the address is taken; kInvalidArgument naming the field for a bad email,
  // password or role.
  StatusOr<User> CreateUser(std::string_view email, std::string_view password, Role role);
  // Self-service sign-up (employer, talent or member), signed in at once; the session the
  // browser had before (`previous_session`) ends.
  StatusOr<SignedIn> SignUp(const SignupForm& form, std::string_view previous_session = "");
  // Checks the password and starts a fresh session; `previous_session` (the cookie the
  // browser sent, if any) is deleted, so a planted session id never becomes signed in.
  // kUnauthenticated for a wrong email or password (the same message for both);
  // kResourceExhausted with retry_after() while the email is locked after too many failures
  // (counted per email in the store, for existing and unknown emails alike).
  StatusOr<SignedIn> SignIn(std::string_view email, std::string_view password,
                            std::string_view previous_session = "");
  // Ends a session (unknown ids are fine).
  Status SignOut(std::string_view session_id);

  // The caller: anonymous without credentials, or with a session cookie that is unknown or
  // expired (Principal::stale_session tells the caller to clear it). A bearer token must be
  // a valid, unexpired, unrevoked API key or the configured admin token: else
  // kUnauthenticated.
  StatusOr<Principal> Authenticate(const Credentials& credentials);

  // API keys. Employer and talent keys act for a user of that role (user_email required);
  // admin keys may be unbound.
  StatusOr<CreatedKey> CreateKey(const KeyRequest& request);
  // Every key (user_id 0) or one user's keys.
  StatusOr<std::vector<ApiKey>> ListKeys(int64_t user_id = 0);
  // kNotFound when absent.
  Status RevokeKey(int64_t id);

  StatusOr<User> FindUser(std::string_view email);
  StatusOr<std::vector<User>> ListUsers();
  // Deletes an account with its data (see DeleteAccount), by email (the CLI).
  Status DeleteUser(std::string_view email);

  // Everything stored about the caller's account as one JSON document: the account
  // (without secrets), sessions and keys (metadata only), the company and its jobs
  // (employers), the profile as Meridian JSON and JSON Resume (talent), and events.
  StatusOr<Json> ExportAccount(const Principal& who);
  // Deletes the account, its sessions, keys and events, the talent profile it owns, and
  // the company it owns with that company's jobs when no other employer shares it.
  Status DeleteAccount(const Principal& who);

 private:
  StatusOr<SignedIn> StartSession(const User& user, std::string_view previous_session);

  Store& store_;
  const Clock& clock_;
  AccountsOptions options_;
  std::string dummy_hash_;  // verified against for unknown emails, so timing does not tell
};

}  // namespace meridian
