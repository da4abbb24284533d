// Accounts against a real SQLite store: passwords, sessions, throttling, API keys, the
// policy matrix, ownership through AuthorizedCatalog, export and deletion.
#include "platform/accounts/accounts.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "engine/store/sqlite/sqlite_store.h"
#include "platform/accounts/authorized_catalog.h"

namespace meridian {
namespace {

Json J(const char* text) {
  return *ParseJson(text);
}

constexpr const char* kPw = "a-long-password-1";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto().ok());
    path_ = ::testing::TempDir() + "meridian_accounts_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    Remove();
    store_ = std::move(*OpenSqliteStore({.path = path_, .clock = &clock_}));
    catalog_ = std::make_unique<Catalog>(*store_, clock_);
    accounts_ =
        std::make_unique<Accounts>(*store_, clock_,
                                   AccountsOptions{.max_failed_signins = 3,
                                                   .lockout_seconds = 60,
                                                   .hash_cost = HashCost::kMinimum,
                                                   .admin_token = "interim-token-0123456789"});
    writes_ = std::make_unique<AuthorizedCatalog>(*store_, *catalog_);
  }
  void TearDown() override {
    writes_.reset();
    accounts_.reset();
    catalog_.reset();
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* s : {"", "-wal", "-shm"}) std::remove((path_ + s).c_str());
  }
  Principal SignUp(const std::string& email, const std::string& role) {
    auto s = accounts_->SignUp({.email = email, .password = kPw, .role = role});
    EXPECT_TRUE(s.ok()) << s.status();
    auto p = accounts_->Authenticate({.bearer = "", .session_id = s->session_id});
    EXPECT_TRUE(p.ok()) << p.status();
    return *p;
  }
  Principal Refresh(const Principal& p) {
    auto user = store_->GetUser(p.user_id);
    EXPECT_TRUE(user.ok());
    Principal out = p;
    out.company_slug = user->company_slug;
    out.talent_slug = user->talent_slug;
    return out;
  }

  FakeClock clock_{1795737600};
  std::string path_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<AuthorizedCatalog> writes_;
};

TEST(PasswordTest, HashesVerifyAndRejectWrongPasswords) {
  ASSERT_TRUE(InitCrypto().ok());
  auto h = HashPassword("correct horse battery", HashCost::kMinimum);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword(*h, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*h, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("not a hash", "x"));
  EXPECT_TRUE(NeedsRehash(*h, HashCost::kInteractive));
  // Two hashes of one password differ (random salt).
  EXPECT_NE(*h, *HashPassword("correct horse battery", HashCost::kMinimum));
}

TEST(PasswordTest, RulesForPasswordsAndEmails) {
  EXPECT_EQ(ValidatePassword("short", "").field(), "password");
  EXPECT_FALSE(ValidatePassword(std::string(257, 'x'), "").ok());
  EXPECT_FALSE(ValidatePassword("me@example.com", "me@example.com").ok());
  EXPECT_FALSE(ValidatePassword("ten chars\x01!", "").ok());
  EXPECT_TRUE(ValidatePassword("pässwörd-ünïcode", "").ok());
  EXPECT_EQ(*NormalizeEmail("  Ada@Example.COM "), "ada@example.com");
  for (const char* bad : {"", "ada", "@example.com", "ada@", "ada@example", "a@b@c.com", "ada@.com",
                          "ada@example..com", "a da@example.com", "<a>@x.com"}) {
    auto e = NormalizeEmail(bad);
    EXPECT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.status().field(), "email") << bad;
  }
}

TEST(PasswordTest, TokensAreRandomAndDigestsStable) {
  std::string a = RandomToken(32), b = RandomToken(32);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);  // 256 bits in base64url without padding
  EXPECT_EQ(TokenDigest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(AccountsTest, SignUpSignInSignOut) {
  auto s = accounts_->SignUp({.email = "Ada@Example.com", .password = kPw, .role = "talent"});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->user.email, "ada@example.com");
  EXPECT_EQ(s->user.role, "talent");
  EXPECT_EQ(s->expires_at, clock_.Now() + 14 * 86400);
  // Only the digest of the session id is stored.
  EXPECT_FALSE(store_->GetSession(s->session_id).ok());
  EXPECT_TRUE(store_->GetSession(TokenDigest(s->session_id)).ok());
  auto who = accounts_->Authenticate({.bearer = "", .session_id = s->session_id});
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->role, Role::kTalent);
  EXPECT_EQ(who->via, Via::kSession);
  EXPECT_EQ(who->csrf_token, s->csrf_token);

  EXPECT_EQ(accounts_->SignUp({.email = "ada@example.com", .password = kPw, .role = "member"})
                .status()
                .code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(accounts_->SignUp({.email = "x@example.com", .password = kPw, .role = "admin"})
                .status()
                .field(),
            "role");

  auto in = accounts_->SignIn("ADA@example.com", kPw, s->session_id);
  ASSERT_TRUE(in.ok()) << in.status();
  EXPECT_NE(in->session_id, s->session_id);
  // The previous session was rotated out.
  auto old = accounts_->Authenticate({.bearer = "", .session_id = s->session_id});
  ASSERT_TRUE(old.ok());
  EXPECT_TRUE(old->anonymous());
  EXPECT_TRUE(old->stale_session);

  ASSERT_TRUE(accounts_->SignOut(in->session_id).ok());
  EXPECT_TRUE(accounts_->Authenticate({.bearer = "", .session_id = in->session_id})->anonymous());
}

TEST_F(AccountsTest, SignUpEndsTheSessionTheBrowserHad) {
  auto first = accounts_->SignUp({.email = "a@example.com", .password = kPw, .role = "member"});
  ASSERT_TRUE(first.ok());
  auto second = accounts_->SignUp({.email = "b@example.com", .password = kPw, .role = "member"},
                                  first->session_id);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(
      accounts_->Authenticate({.bearer = "", .session_id = first->session_id})->anonymous());
  EXPECT_FALSE(
      accounts_->Authenticate({.bearer = "", .session_id = second->session_id})->anonymous());
}

TEST_F(AccountsTest, ConcurrentGuessesStillStopAtTheLimit) {
  ASSERT_TRUE(accounts_->CreateUser("a@example.com", kPw, Role::kMember).ok());
  std::vector<std::thread> threads;
  std::atomic<int> unauthenticated{0}, locked{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto s = accounts_->SignIn("a@example.com", "wrong-password");
      if (s.status().code() == StatusCode::kUnauthenticated) ++unauthenticated;
      if (s.status().code() == StatusCode::kResourceExhausted) ++locked;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(unauthenticated.load(), 3);  // max_failed_signins: no more passwords were checked
  EXPECT_EQ(locked.load(), 5);
}

TEST_F(AccountsTest, SessionsExpire) {
  auto s = accounts_->SignUp({.email = "a@example.com", .password = kPw, .role = "member"});
  ASSERT_TRUE(s.ok());
  clock_.Advance(14 * 86400 - 1);
  EXPECT_FALSE(accounts_->Authenticate({.bearer = "", .session_id = s->session_id})->anonymous());
  clock_.Advance(1);
  EXPECT_TRUE(accounts_->Authenticate({.bearer = "", .session_id = s->session_id})->anonymous());
}

TEST_F(AccountsTest, FailedSignInsLockTheAccountWithGrowingDelays) {
  ASSERT_TRUE(accounts_->CreateUser("a@example.com", kPw, Role::kMember).ok());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(accounts_->SignIn("a@example.com", "wrong-password").status().code(),
              StatusCode::kUnauthenticated);
  }
  auto locked = accounts_->SignIn("a@example.com", kPw);
  EXPECT_EQ(locked.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(locked.status().retry_after(), 60);
  clock_.Advance(60);
  // One more failure after the lock doubles it.
  EXPECT_EQ(accounts_->SignIn("a@example.com", "wrong-password").status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(accounts_->SignIn("a@example.com", kPw).status().retry_after(), 120);
  clock_.Advance(120);
  ASSERT_TRUE(accounts_->SignIn("a@example.com", kPw).ok());
  // Success resets the count.
  EXPECT_EQ(store_->GetSigninAttempts(TokenDigest("signin:a@example.com")).status().code(),
            StatusCode::kNotFound);
  // Unknown emails get the same answers.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(accounts_->SignIn("ghost@example.com", "wrong-password").status().code(),
              StatusCode::kUnauthenticated);
  }
  EXPECT_EQ(accounts_->SignIn("ghost@example.com", "wrong-password").status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_EQ(accounts_->SignIn("not an email", kPw).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, ApiKeysAreShownOnceAndCanExpireOrBeRevoked) {
  ASSERT_TRUE(accounts_->CreateUser("boss@example.com", kPw, Role::kEmployer).ok());
  auto k = accounts_->CreateKey({.role = Role::kEmployer,
                                 .user_email = "boss@example.com",
                                 .label = "ci",
                                 .expires_at = clock_.Now() + 100});
  ASSERT_TRUE(k.ok()) << k.status();
  EXPECT_EQ(k->secret.rfind("mk_" + k->key.prefix + "_", 0), 0u);
  auto stored = store_->GetApiKey(k->key.prefix);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->key_hash, TokenDigest(k->secret));
  EXPECT_EQ(stored->key_hash.find(k->secret), std::string::npos);
  auto who = accounts_->Authenticate({.bearer = k->secret, .session_id = ""});
  ASSERT_TRUE(who.ok()) << who.status();
  EXPECT_EQ(who->role, Role::kEmployer);
  EXPECT_EQ(who->email, "boss@example.com");
  // A key with one character changed, an unknown prefix, garbage: all unauthenticated.
  std::string tampered = k->secret;
  tampered.back() = tampered.back() == 'a' ? 'b' : 'a';
  for (const std::string& bad : {tampered, std::string("mk_000000000000_x"), std::string("x")}) {
    EXPECT_EQ(accounts_->Authenticate({.bearer = bad, .session_id = ""}).status().code(),
              StatusCode::kUnauthenticated)
        << bad;
  }
  clock_.Advance(100);
  EXPECT_NE(accounts_->Authenticate({.bearer = k->secret, .session_id = ""})
                .status()
                .message()
                .find("expired"),
            std::string::npos);
  auto admin =
      accounts_->CreateKey({.role = Role::kAdmin, .user_email = "", .label = "", .expires_at = {}});
  ASSERT_TRUE(admin.ok());
  ASSERT_TRUE(accounts_->RevokeKey(admin->key.id).ok());
  EXPECT_NE(accounts_->Authenticate({.bearer = admin->secret, .session_id = ""})
                .status()
                .message()
                .find("revoked"),
            std::string::npos);
  EXPECT_EQ(accounts_->RevokeKey(9999).code(), StatusCode::kNotFound);
  // Employer keys need an employer account; the interim token is an admin.
  EXPECT_EQ(
      accounts_
          ->CreateKey({.role = Role::kEmployer, .user_email = "", .label = "", .expires_at = {}})
          .status()
          .field(),
      "user");
  EXPECT_EQ(accounts_
                ->CreateKey({.role = Role::kTalent,
                             .user_email = "boss@example.com",
                             .label = "",
                             .expires_at = {}})
                .status()
                .field(),
            "user");
  EXPECT_TRUE(
      accounts_->Authenticate({.bearer = "interim-token-0123456789", .session_id = ""})->admin());
  EXPECT_EQ(accounts_->ListKeys().value().size(), 2u);
}

TEST_F(AccountsTest, EmployersOwnTheirCompanyAndItsJobsOnly) {
  Principal a = SignUp("a@example.com", "employer");
  Principal b = SignUp("b@example.com", "employer");
  EXPECT_EQ(writes_->Create<Job>(a, J(R"({"title":"Early","company":"x"})")).status().code(),
            StatusCode::kFailedPrecondition);
  ASSERT_TRUE(writes_->Create<Company>(a, J(R"({"name":"Alpha"})")).ok());
  ASSERT_TRUE(writes_->Create<Company>(b, J(R"({"name":"Beta"})")).ok());
  a = Refresh(a);
  b = Refresh(b);
  EXPECT_EQ(a.company_slug, "alpha");
  EXPECT_EQ(writes_->Create<Company>(a, J(R"({"name":"Second"})")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      writes_->Create<Company>(a, J(R"({"name":"Verified","verified":true})")).status().code(),
      StatusCode::kFailedPrecondition);
  auto job = writes_->Create<Job>(a, J(R"({"title":"Dev","company":"alpha","status":"live"})"));
  ASSERT_TRUE(job.ok()) << job.status();
  EXPECT_EQ(job->status, "pending");  // unverified company
  EXPECT_EQ(writes_->Create<Job>(a, J(R"({"title":"Dev","company":"beta"})")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(writes_->Patch<Job>(b, job->slug, J(R"({"title":"Mine now"})")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(writes_->Patch<Job>(a, job->slug, J(R"({"company":"beta"})")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(writes_->Delete(b, Entity::kJob, job->slug).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(writes_->Patch<Company>(a, "alpha", J(R"({"verified":true})")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(writes_->Patch<Company>(a, "beta", J(R"({"name":"Taken"})")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(writes_->Patch<Job>(a, job->slug, J(R"({"title":"Senior dev"})")).ok());
  EXPECT_EQ(GetRecord<Job>(*store_, job->slug)->title, "Senior dev");
  EXPECT_TRUE(writes_->Delete(a, Entity::kJob, job->slug).ok());
}

TEST_F(AccountsTest, TalentOwnOneProfile) {
  Principal t = SignUp("t@example.com", "talent");
  Principal u = SignUp("u@example.com", "talent");
  ASSERT_TRUE(writes_->Create<Talent>(t, J(R"({"name":"Tess","visibility":"hidden"})")).ok());
  t = Refresh(t);
  EXPECT_EQ(t.talent_slug, "tess");
  EXPECT_EQ(writes_->Create<Talent>(t, J(R"({"name":"Tess Again"})")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(writes_->Patch<Talent>(u, "tess", J(R"({"headline":"x"})")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(writes_->Patch<Talent>(t, "tess", J(R"({"headline":"Rust"})")).ok());
  Talent tess = *GetRecord<Talent>(*store_, "tess");
  EXPECT_TRUE(CanReadTalent(t, tess));
  EXPECT_FALSE(CanReadTalent(u, tess));
  EXPECT_EQ(TalentView(t, tess), View::kPrivate);
  EXPECT_EQ(TalentView(u, tess), View::kPublic);
  // Deleting the profile frees the account to create another.
  ASSERT_TRUE(writes_->Delete(t, Entity::kTalent, "tess").ok());
  EXPECT_EQ(Refresh(t).talent_slug, "");
}

TEST_F(AccountsTest, ExportHoldsEverythingAndDeleteRemovesIt) {
  Principal a = SignUp("a@example.com", "employer");
  ASSERT_TRUE(writes_->Create<Company>(a, J(R"({"name":"Alpha"})")).ok());
  a = Refresh(a);
  ASSERT_TRUE(writes_->Create<Job>(a, J(R"({"title":"Dev","company":"alpha"})")).ok());
  ASSERT_TRUE(accounts_
                  ->CreateKey({.role = Role::kEmployer,
                               .user_email = "a@example.com",
                               .label = "ci",
                               .expires_at = {}})
                  .ok());
  ASSERT_TRUE(store_
                  ->Write([&](StoreWriter& w) {
                    Event e;
                    e.user_id = a.user_id;
                    e.entity = Entity::kJob;
                    e.entity_id = 1;
                    e.kind = "save";
                    return w.AddEvent(e).status();
                  })
                  .ok());
  auto doc = accounts_->ExportAccount(a);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ((*doc)["account"]["email"], "a@example.com");
  EXPECT_EQ((*doc)["company"]["slug"], "alpha");
  EXPECT_EQ((*doc)["jobs"].size(), 1u);
  EXPECT_EQ((*doc)["api_keys"].size(), 1u);
  EXPECT_EQ((*doc)["events"].size(), 1u);
  EXPECT_EQ((*doc)["sessions"].size(), 1u);
  std::string text = doc->dump();
  EXPECT_EQ(text.find("argon2"), std::string::npos);
  EXPECT_EQ(text.find("key_hash"), std::string::npos);

  ASSERT_TRUE(accounts_->DeleteAccount(a).ok());
  EXPECT_EQ(store_->GetUser(a.user_id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetCompany("alpha").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->ListJobs({}, {.limit = 10, .cursor = ""})->items.empty());
  EXPECT_TRUE(store_->ListApiKeys(0)->empty());
  EXPECT_TRUE(store_->ListEventsOf({.user_id = a.user_id}, 10)->empty());
  // Ids are never reused: rate-limit buckets, logs and events cannot mix two accounts.
  Principal again = SignUp("a@example.com", "employer");
  EXPECT_GT(again.user_id, a.user_id);
}

// The role-level decisions, as a table: role x entity x action -> outcome for a record
// the caller owns ("own") and one they do not ("other").
TEST(PolicyTest, RoleEntityActionMatrix) {
  Principal anon;
  Principal member{.role = Role::kMember, .via = Via::kSession, .user_id = 1};
  Principal talent{.role = Role::kTalent, .via = Via::kSession, .user_id = 2, .talent_slug = "me"};
  Principal employer{
      .role = Role::kEmployer, .via = Via::kApiKey, .user_id = 3, .company_slug = "co"};
  Principal admin{.role = Role::kAdmin, .via = Via::kAdminToken};
  Target own_co{.company_slug = "co", .talent_slug = ""};
  Target other_co{.company_slug = "other", .talent_slug = ""};
  Target own_t{.company_slug = "", .talent_slug = "me"};
  Target other_t{.company_slug = "", .talent_slug = "you"};
  using C = StatusCode;
  struct Case {
    const Principal* who;
    Entity entity;
    Action action;
    Target target;
    C want;
  };
  std::vector<Case> cases;
  for (Entity e :
       {Entity::kCompany, Entity::kJob, Entity::kTalent, Entity::kCity, Entity::kArticle}) {
    for (Action a : {Action::kCreate, Action::kUpdate, Action::kDelete}) {
      cases.push_back({&anon, e, a, own_co, C::kUnauthenticated});
      cases.push_back({&member, e, a, own_co, C::kPermissionDenied});
      cases.push_back({&admin, e, a, other_co, C::kOk});
      if (e == Entity::kCity || e == Entity::kArticle) {
        cases.push_back({&talent, e, a, own_t, C::kPermissionDenied});
        cases.push_back({&employer, e, a, own_co, C::kPermissionDenied});
      }
    }
  }
  cases.push_back({&employer, Entity::kJob, Action::kCreate, own_co, C::kOk});
  cases.push_back({&employer, Entity::kJob, Action::kUpdate, own_co, C::kOk});
  cases.push_back({&employer, Entity::kJob, Action::kDelete, own_co, C::kOk});
  cases.push_back({&employer, Entity::kJob, Action::kCreate, other_co, C::kPermissionDenied});
  cases.push_back({&employer, Entity::kJob, Action::kUpdate, other_co, C::kPermissionDenied});
  cases.push_back({&employer, Entity::kCompany, Action::kUpdate, own_co, C::kOk});
  cases.push_back({&employer, Entity::kCompany, Action::kUpdate, other_co, C::kPermissionDenied});
  cases.push_back({&employer, Entity::kCompany, Action::kCreate, other_co, C::kFailedPrecondition});
  cases.push_back({&employer, Entity::kCompany, Action::kDelete, own_co, C::kPermissionDenied});
  cases.push_back({&employer, Entity::kTalent, Action::kUpdate, own_t, C::kPermissionDenied});
  cases.push_back({&talent, Entity::kTalent, Action::kUpdate, own_t, C::kOk});
  cases.push_back({&talent, Entity::kTalent, Action::kDelete, own_t, C::kOk});
  cases.push_back({&talent, Entity::kTalent, Action::kUpdate, other_t, C::kPermissionDenied});
  cases.push_back({&talent, Entity::kTalent, Action::kCreate, own_t, C::kFailedPrecondition});
  cases.push_back({&talent, Entity::kJob, Action::kCreate, own_co, C::kPermissionDenied});
  cases.push_back({&talent, Entity::kCompany, Action::kUpdate, own_co, C::kPermissionDenied});
  for (const Case& c : cases) {
    EXPECT_EQ(Authorize(*c.who, c.entity, c.action, c.target).code(), c.want)
        << RoleName(c.who->role) << " " << EntityName(c.entity) << " action "
        << static_cast<int>(c.action) << " on " << c.target.company_slug << c.target.talent_slug;
  }
}

TEST(PolicyTest, JobStatusRulesForEmployers) {
  Principal employer{
      .role = Role::kEmployer, .via = Via::kSession, .user_id = 1, .company_slug = "co"};
  Job job;
  job.status = "live";
  ASSERT_TRUE(ApplyJobStatusRules(employer, false, nullptr, &job).ok());
  EXPECT_EQ(job.status, "pending");
  job.status = "live";
  ASSERT_TRUE(ApplyJobStatusRules(employer, true, nullptr, &job).ok());
  EXPECT_EQ(job.status, "live");
  job.status = "flagged";
  EXPECT_EQ(ApplyJobStatusRules(employer, true, nullptr, &job).field(), "status");
  Job flagged;
  flagged.status = "flagged";
  job.status = "live";
  EXPECT_EQ(ApplyJobStatusRules(employer, true, &flagged, &job).code(),
            StatusCode::kPermissionDenied);
  Job live;
  live.status = "live";
  job.status = "live";
  ASSERT_TRUE(ApplyJobStatusRules(employer, false, &live, &job).ok());
  EXPECT_EQ(job.status, "pending");  // edits at an unverified company go back to moderation
  job.status = "live";
  ASSERT_TRUE(ApplyJobStatusRules(employer, true, &live, &job).ok());
  EXPECT_EQ(job.status, "live");
  // Closing needs a published job: "expired" is no way around moderation.
  job.status = "expired";
  EXPECT_EQ(ApplyJobStatusRules(employer, false, nullptr, &job).field(), "status");
  Job pending;
  pending.status = "pending";
  job.status = "filled";
  EXPECT_EQ(ApplyJobStatusRules(employer, false, &pending, &job).field(), "status");
  job.status = "filled";
  EXPECT_TRUE(ApplyJobStatusRules(employer, false, &live, &job).ok());
  Principal admin{.role = Role::kAdmin};
  job.status = "flagged";
  EXPECT_TRUE(ApplyJobStatusRules(admin, false, nullptr, &job).ok());
}

}  // namespace
}  // namespace meridian
