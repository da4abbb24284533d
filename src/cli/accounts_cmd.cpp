// `meridian users ...` and `meridian keys ...`: accounts and API keys from the shell.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "base/strings.h"
#include "cli/common.h"
#include "platform/accounts/accounts.h"

namespace meridian::cli {
namespace {

// Reads a password: prompted twice without echo on a terminal, else the first line of stdin.
StatusOr<std::string> ReadPassword() {
  auto line = [](bool echo_off) -> std::string {
    termios old{};
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty && echo_off) {
      termios quiet = old;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string s;
    std::getline(std::cin, s);
    if (tty && echo_off) {
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
      std::fprintf(stderr, "\n");
    }
    if (!s.empty() && s.back() == '\r') s.pop_back();
    return s;
  };
  if (!isatty(STDIN_FILENO)) {
    std::string pw = line(false);
    if (pw.empty()) return InvalidArgumentError("password: stdin gave no password line");
    return pw;
  }
  std::fprintf(stderr, "Password: ");
  std::string first = line(true);
  std::fprintf(stderr, "Repeat password: ");
  std::string second = line(true);
  if (first != second) return InvalidArgumentError("password: the two entries differ");
  return first;
}

StatusOr<Role> RoleArg(const std::string& name) {
  std::optional<Role> role = ParseRole(name);
  if (!role) return InvalidArgumentError("--role: expected admin|employer|talent|member");
  return *role;
}

std::string Time(std::optional<UnixSeconds> t) {
  return t ? FormatRfc3339(*t) : "-";
}

}  // namespace

AccountCommands::AccountCommands(CLI::App& app) {
  users_ = app.add_subcommand("users", "Create, list and delete accounts");
  users_->require_subcommand(1);
  users_create_ = users_->add_subcommand(
      "create", "Create an account; the password is read from the terminal or stdin");
  users_create_->add_option("--email", email_, "email address")->required();
  users_create_->add_option("--role", role_, "admin|employer|talent|member")->required();
  users_list_ = users_->add_subcommand("list", "List accounts");
  users_delete_ = users_->add_subcommand("delete", "Delete an account and everything it owns");
  users_delete_->add_option("--email", email_, "email address")->required();

  keys_ = app.add_subcommand("keys", "Create, list and revoke API keys");
  keys_->require_subcommand(1);
  keys_create_ = keys_->add_subcommand("create", "Create an API key; it is printed once");
  keys_create_->add_option("--role", role_, "admin|employer|talent")->required();
  keys_create_->add_option("--user", email_,
                           "the account the key acts for (required for employer and talent)");
  keys_create_->add_option("--label", label_, "what the key is for");
  keys_create_->add_option("--expires-days", expires_days_, "days until the key stops working")
      ->check(CLI::Range(1, 3650));
  keys_list_ = keys_->add_subcommand("list", "List API keys (never the secrets)");
  keys_list_->add_option("--user", email_, "only this account's keys");
  keys_revoke_ = keys_->add_subcommand("revoke", "Revoke an API key by id");
  keys_revoke_->add_option("id", key_id_, "key id from `keys list`")->required();
  // --db, --config... sit on each leaf, so that they may follow the leaf's own options.
  for (CLI::App* leaf :
       {users_create_, users_list_, users_delete_, keys_create_, keys_list_, keys_revoke_}) {
    AddCommonFlags(leaf, &flags_);
  }
}

std::optional<int> AccountCommands::RunIfChosen() {
  if (!*users_ && !*keys_) return std::nullopt;
  auto settings = LoadAndSetup(flags_);
  if (!settings.ok()) return Fail(settings.status());
  if (Status s = InitCrypto(); !s.ok()) return Fail(s);
  auto store = OpenStore(*settings);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  Accounts accounts(**store, clock);

  if (*users_create_) {
    auto role = RoleArg(role_);
    if (!role.ok()) return Fail(role.status());
    auto pw = ReadPassword();
    if (!pw.ok()) return Fail(pw.status());
    auto user = accounts.CreateUser(email_, *pw, *role);
    if (!user.ok()) return Fail(user.status());
    std::printf("created %s account %s (id %lld)\n", user->role.c_str(), user->email.c_str(),
                static_cast<long long>(user->id));
    return 0;
  }
  if (*users_list_) {
    auto users = accounts.ListUsers();
    if (!users.ok()) return Fail(users.status());
    std::printf("%-6s %-9s %-40s %-24s %s\n", "id", "role", "email", "owns", "created");
    for (const User& u : *users) {
      std::string owns = !u.company_slug.empty()  ? "company " + u.company_slug
                         : !u.talent_slug.empty() ? "profile " + u.talent_slug
                                                  : "-";
      std::printf("%-6lld %-9s %-40s %-24s %s\n", static_cast<long long>(u.id), u.role.c_str(),
                  u.email.c_str(), owns.c_str(), FormatRfc3339(u.created_at).c_str());
    }
    return 0;
  }
  if (*users_delete_) {
    Status s = accounts.DeleteUser(email_);
    if (!s.ok()) return Fail(s);
    std::printf("deleted account %s and its data\n", AsciiLower(Trim(email_)).c_str());
    return 0;
  }
  if (*keys_create_) {
    auto role = RoleArg(role_);
    if (!role.ok()) return Fail(role.status());
    KeyRequest req{.role = *role, .user_email = email_, .label = label_, .expires_at = {}};
    if (expires_days_ > 0) req.expires_at = clock.Now() + int64_t{expires_days_} * 86400;
    auto key = accounts.CreateKey(req);
    if (!key.ok()) return Fail(key.status());
    std::fprintf(stderr, "created %s key %lld%s; it is shown once, store it now:\n",
                 key->key.role.c_str(), static_cast<long long>(key->key.id),
                 key->key.user_email.empty() ? "" : (" for " + key->key.user_email).c_str());
    std::printf("%s\n", key->secret.c_str());
    return 0;
  }
  if (*keys_list_) {
    int64_t user_id = 0;
    if (!email_.empty()) {
      auto user = accounts.FindUser(email_);
      if (!user.ok()) return Fail(user.status());
      user_id = user->id;
    }
    auto keys = accounts.ListKeys(user_id);
    if (!keys.ok()) return Fail(keys.status());
    std::printf("%-6s %-16s %-9s %-32s %-20s %-20s %-20s %s\n", "id", "prefix", "role", "user",
                "created", "expires", "revoked", "label");
    for (const ApiKey& k : *keys) {
      std::printf("%-6lld mk_%-13s %-9s %-32s %-20s %-20s %-20s %s\n", static_cast<long long>(k.id),
                  k.prefix.c_str(), k.role.c_str(),
                  k.user_email.empty() ? "-" : k.user_email.c_str(),
                  FormatRfc3339(k.created_at).c_str(), Time(k.expires_at).c_str(),
                  Time(k.revoked_at).c_str(), k.label.c_str());
    }
    return 0;
  }
  if (*keys_revoke_) {
    Status s = accounts.RevokeKey(key_id_);
    if (!s.ok()) return Fail(s);
    std::printf("revoked key %lld\n", static_cast<long long>(key_id_));
    return 0;
  }
  return 2;
}

}  // namespace meridian::cli
