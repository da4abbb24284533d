// The account pages against a real SQLite store and real Accounts: sign-up and sessions,
// CSRF refusals that change nothing, field errors beside their inputs, escaping of hostile
// input, rate limits, and the employer and talent flows end to end.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <map>

#include "base/json.h"
#include "base/strings.h"
#include "engine/store/sqlite/sqlite_store.h"
#include "http/rate_limit.h"
#include "platform/accounts/accounts.h"
#include "platform/accounts/authorized_catalog.h"
#include "platform/catalog.h"
#include "web/web.h"

namespace meridian::web {
namespace {

constexpr UnixSeconds kNow = 1782900000;  // 2026-07-01T10:00:00Z
constexpr std::string_view kPassword = "correct horse battery";

std::string Header(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (AsciiLower(k) == AsciiLower(name)) return v;
  }
  return "";
}

std::vector<std::string> Headers(const http::Response& r, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : r.headers) {
    if (AsciiLower(k) == AsciiLower(name)) out.push_back(v);
  }
  return out;
}

std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += PercentEncode(k) + "=" + PercentEncode(v);
  }
  return out;
}

// The value of <input ... name="csrf" value="..."> in a page.
std::string CsrfInput(const std::string& html) {
  const std::string marker = "name=\"csrf\" value=\"";
  size_t pos = html.find(marker);
  if (pos == std::string::npos) return "";
  pos += marker.size();
  return html.substr(pos, html.find('"', pos) - pos);
}

class AccountPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "meridian_accounts_web_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    Remove();
    auto s = OpenSqliteStore({.path = path_, .clock = &clock_});
    ASSERT_TRUE(s.ok()) << s.status();
    store_ = std::move(*s);
    catalog_ = std::make_unique<Catalog>(*store_, clock_);
    writes_ = std::make_unique<AuthorizedCatalog>(*store_, *catalog_);
    accounts_ = std::make_unique<Accounts>(*store_, clock_,
                                           AccountsOptions{.hash_cost = HashCost::kMinimum});
    limiter_ = std::make_unique<http::RateLimiter>([this] { return limiter_now_; });
    WebContext ctx{
        .store = store_.get(),
        .clock = &clock_,
        .accounts = accounts_.get(),
        .writes = writes_.get(),
        .limiter = limiter_.get(),
        .after_write = [this](Entity, const std::string& slug) { written_.push_back(slug); }};
    Status st = RegisterPages(router_, ctx);
    ASSERT_TRUE(st.ok()) << st;
  }
  void TearDown() override {
    accounts_.reset();
    writes_.reset();
    catalog_.reset();
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
  }

  // Sends a request like a browser with a cookie jar: cookies from Set-Cookie are kept and
  // sent back; Max-Age=0 deletes one.
  http::Response Send(http::Method method, const std::string& path, const std::string& body = "",
                      std::vector<std::pair<std::string, std::string>> query = {}) {
    http::Request req;
    req.method = method;
    req.path = path;
    req.target = path;
    req.query = std::move(query);
    req.body = body;
    req.remote = "203.0.113.7";
    req.headers["host"] = "meridian.test";
    if (!body.empty()) req.headers["content-type"] = "application/x-www-form-urlencoded";
    std::string cookie;
    for (const auto& [k, v] : jar_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    if (!cookie.empty()) req.headers["cookie"] = cookie;
    req.request_id = "test";
    http::Router::Match m = router_.Find(method, path);
    if (m.outcome != http::Router::Outcome::kFound) {
      m = router_.Find(http::Method::kGet, "/__not_found__");
    }
    req.params = m.params;
    http::Response r = router_.routes()[static_cast<size_t>(m.route)].handler(req);
    for (const std::string& set : Headers(r, "Set-Cookie")) {
      std::string nv = set.substr(0, set.find(';'));
      std::string name(nv.substr(0, nv.find('=')));
      std::string value(nv.substr(nv.find('=') + 1));
      if (set.find("Max-Age=0") != std::string::npos) {
        jar_.erase(name);
      } else {
        jar_[name] = value;
      }
    }
    return r;
  }
  http::Response Get(const std::string& path,
                     std::vector<std::pair<std::string, std::string>> query = {}) {
    return Send(http::Method::kGet, path, "", std::move(query));
  }
  http::Response Post(const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& fields) {
    return Send(http::Method::kPost, path, FormBody(fields));
  }

  // Signs up through the form and returns the session's CSRF token (from /account).
  std::string SignUp(const std::string& email, const std::string& role) {
    http::Response form = Get("/signup");
    EXPECT_EQ(form.status, 200);
    std::string anon = CsrfInput(form.body);
    EXPECT_FALSE(anon.empty());
    http::Response r = Post(
        "/signup",
        {{"csrf", anon}, {"email", email}, {"password", std::string(kPassword)}, {"role", role}});
    EXPECT_EQ(r.status, 303) << r.body;
    http::Response account = Get("/account");
    EXPECT_EQ(account.status, 200) << account.body;
    return CsrfInput(account.body);
  }

  std::vector<std::pair<std::string, std::string>> JobFields(const std::string& csrf) {
    return {{"csrf", csrf},
            {"title", "Senior Rust Engineer"},
            {"description", "Build **things**."},
            {"apply_url", "https://acme.example/apply"},
            {"tags", "rust, backend"},
            {"seniority", "senior"},
            {"employment_type", "FULL_TIME"},
            {"eligibility", "WW"},
            {"timezone", "Europe/Berlin"},
            {"tz_start", "09:00"},
            {"tz_end", "17:00"},
            {"salary_min", "100000"},
            {"salary_max", "140000"},
            {"salary_currency", "EUR"},
            {"salary_period", "YEAR"},
            {"status", "live"}};
  }

  int64_t Count(Entity e) {
    auto c = store_->Counts();
    EXPECT_TRUE(c.ok());
    std::string table = e == Entity::kCompany ? "companies" : e == Entity::kJob ? "jobs" : "talent";
    return c->rows[table];
  }

  std::string path_;
  FakeClock clock_{kNow};
  double limiter_now_ = 1000;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<AuthorizedCatalog> writes_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<http::RateLimiter> limiter_;
  http::Router router_;
  std::map<std::string, std::string> jar_;
  std::vector<std::string> written_;
};

TEST_F(AccountPagesTest, HeaderLinksForAnonymousVisitors) {
  http::Response r = Get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("href=\"/signin\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/signup\""), std::string::npos);
  EXPECT_EQ(r.body.find("action=\"/signout\""), std::string::npos);
  EXPECT_EQ(Header(r, "Cache-Control"), "");
}

TEST_F(AccountPagesTest, SignupStartsASessionWithAHardenedCookie) {
  http::Response form = Get("/signup");
  ASSERT_EQ(form.status, 200);
  std::string csrf_cookie = Header(form, "Set-Cookie");
  EXPECT_TRUE(StartsWith(csrf_cookie, "meridian_csrf=")) << csrf_cookie;
  EXPECT_NE(csrf_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(csrf_cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(Header(form, "Cache-Control"), "no-store");
  std::string anon = CsrfInput(form.body);
  ASSERT_EQ(anon, jar_["meridian_csrf"]);

  http::Response r = Post("/signup", {{"csrf", anon},
                                      {"email", "Boss@Acme.example"},
                                      {"password", std::string(kPassword)},
                                      {"role", "employer"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(Header(r, "Location"), "/account/company");
  std::string session = Header(r, "Set-Cookie");
  EXPECT_TRUE(StartsWith(session, "meridian_session=")) << session;
  EXPECT_NE(session.find("HttpOnly"), std::string::npos);
  EXPECT_NE(session.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(session.find("Max-Age=1209600"), std::string::npos) << session;
  EXPECT_EQ(session.find("Secure"), std::string::npos);  // plain HTTP in this test

  http::Response account = Get("/account");
  ASSERT_EQ(account.status, 200);
  EXPECT_NE(account.body.find("boss@acme.example"), std::string::npos);
  EXPECT_NE(account.body.find("action=\"/signout\""), std::string::npos);
  EXPECT_NE(Header(account, "Cache-Control").find("no-store"), std::string::npos);
  EXPECT_EQ(account.body.find("style="), std::string::npos);
  EXPECT_EQ(account.body.find("<script"), std::string::npos);

  // Public pages show the signed-in header and are not cached by shared caches.
  http::Response home = Get("/");
  EXPECT_NE(home.body.find("href=\"/account\""), std::string::npos);
  EXPECT_NE(Header(home, "Cache-Control").find("no-store"), std::string::npos);

  // Sign out ends the session and clears the cookie.
  std::string csrf = CsrfInput(account.body);
  http::Response out = Post("/signout", {{"csrf", csrf}});
  ASSERT_EQ(out.status, 303);
  EXPECT_NE(Header(out, "Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(jar_.count("meridian_session"), 0u);
  EXPECT_EQ(Get("/account").status, 303);
}

TEST_F(AccountPagesTest, AnonymousFormsRefuseMissingOrForgedCsrf) {
  Get("/signup");
  http::Response missing =
      Post("/signup",
           {{"email", "a@b.example"}, {"password", std::string(kPassword)}, {"role", "talent"}});
  EXPECT_EQ(missing.status, 403);
  http::Response forged = Post("/signup", {{"csrf", "forged-token-forged-token-forged-token-xx"},
                                           {"email", "a@b.example"},
                                           {"password", std::string(kPassword)},
                                           {"role", "talent"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(accounts_->FindUser("a@b.example").status().code(), StatusCode::kNotFound);
  // Without the cookie, echoing some value is not enough either.
  jar_.clear();
  http::Response nocookie = Post(
      "/signin", {{"csrf", "x"}, {"email", "a@b.example"}, {"password", std::string(kPassword)}});
  EXPECT_EQ(nocookie.status, 403);
  EXPECT_EQ(jar_.count("meridian_session"), 0u);
}

TEST_F(AccountPagesTest, SignedInFormsRefuseMissingOrForgedCsrfAndChangeNothing) {
  std::string csrf = SignUp("boss@acme.example", "employer");
  ASSERT_FALSE(csrf.empty());
  http::Response missing = Post("/account/company", {{"name", "Acme"}});
  EXPECT_EQ(missing.status, 403);
  http::Response forged = Post("/account/company", {{"csrf", csrf + "x"}, {"name", "Acme"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(Count(Entity::kCompany), 0);
  // The anonymous double-submit token is not a session token.
  http::Response anon =
      Post("/account/company", {{"csrf", jar_["meridian_csrf"]}, {"name", "Acme"}});
  EXPECT_EQ(anon.status, 403);
  EXPECT_EQ(Count(Entity::kCompany), 0);

  http::Response del =
      Post("/account/delete", {{"csrf", "nope"}, {"confirm", "boss@acme.example"}});
  EXPECT_EQ(del.status, 403);
  EXPECT_TRUE(accounts_->FindUser("boss@acme.example").ok());
  http::Response out = Post("/signout", {});
  EXPECT_EQ(out.status, 403);
  EXPECT_EQ(Get("/account").status, 200);  // still signed in
  EXPECT_TRUE(written_.empty());

  // Without a session, posts go to the sign-in page.
  jar_.erase("meridian_session");
  http::Response anonymous = Post("/account/company", {{"csrf", csrf}, {"name", "Acme"}});
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_TRUE(StartsWith(Header(anonymous, "Location"), "/signin"));
  EXPECT_EQ(Count(Entity::kCompany), 0);
}

TEST_F(AccountPagesTest, EmployerPostsAJobWithAFieldErrorFirst) {
  std::string csrf = SignUp("boss@acme.example", "employer");
  http::Response company = Post("/account/company", {{"csrf", csrf},
                                                     {"name", "Acme Rockets"},
                                                     {"website", "https://acme.example"},
                                                     {"regions", "WW"},
                                                     {"remote_policy", "fully-remote"}});
  ASSERT_EQ(company.status, 303) << company.body;
  EXPECT_EQ(Header(company, "Location"), "/account/company?saved=1");
  ASSERT_EQ(written_.size(), 1u);
  EXPECT_EQ(written_[0], "acme-rockets");

  auto fields = JobFields(csrf);
  for (auto& [k, v] : fields) {
    if (k == "salary_min") v = "200000";  // above the maximum
  }
  http::Response bad = Post("/account/jobs/new", fields);
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("id=\"err-salary_min\""), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("must not exceed max"), std::string::npos);
  EXPECT_NE(bad.body.find("aria-describedby=\"err-salary_min\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"200000\""), std::string::npos);                // kept
  EXPECT_NE(bad.body.find("value=\"Senior Rust Engineer\""), std::string::npos);  // kept
  EXPECT_EQ(Count(Entity::kJob), 0);

  // A number that does not parse is reported beside its input without a write.
  for (auto& [k, v] : fields) {
    if (k == "salary_min") v = "lots";
  }
  http::Response nan = Post("/account/jobs/new", fields);
  ASSERT_EQ(nan.status, 422);
  EXPECT_NE(nan.body.find("id=\"err-salary_min\""), std::string::npos);

  http::Response ok = Post("/account/jobs/new", JobFields(csrf));
  ASSERT_EQ(ok.status, 303) << ok.body;
  std::string location = Header(ok, "Location");
  EXPECT_TRUE(StartsWith(location, "/account/jobs?saved=")) << location;
  std::string slug = location.substr(std::string("/account/jobs?saved=").size());
  http::Response list = Get("/account/jobs", {{"saved", slug}});
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Senior Rust Engineer"), std::string::npos);
  // The company is unverified: the job waits for review and is not public yet.
  EXPECT_NE(list.body.find("status-pending"), std::string::npos) << list.body;
  EXPECT_EQ(Get("/jobs/" + slug).status, 404);

  // Editing keeps the values and saves a change.
  http::Response edit = Get("/account/jobs/" + slug + "/edit");
  ASSERT_EQ(edit.status, 200);
  EXPECT_NE(edit.body.find("value=\"140000\""), std::string::npos);
  auto changed = JobFields(csrf);
  changed[1].second = "Staff Rust Engineer";
  http::Response saved = Post("/account/jobs/" + slug + "/edit", changed);
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto job = store_->GetJob(slug);
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->title, "Staff Rust Engineer");
  EXPECT_EQ(job->status, "pending");
}

TEST_F(AccountPagesTest, UnknownFieldErrorsGoToTheSummary) {
  std::string csrf = SignUp("boss@acme.example", "employer");
  // Jobs need a company first: a clear page, not a broken form.
  http::Response r = Get("/account/jobs/new");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("href=\"/account/company\""), std::string::npos);
  // A company without a name: the error sits beside the name input.
  http::Response bad = Post("/account/company", {{"csrf", csrf}, {"website", "ftp://x"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("id=\"form-errors\""), std::string::npos);
  EXPECT_TRUE(bad.body.find("id=\"err-name\"") != std::string::npos ||
              bad.body.find("id=\"err-website\"") != std::string::npos)
      << bad.body;
}

TEST_F(AccountPagesTest, HostileInputIsRejectedOrRenderedEscaped) {
  std::string csrf = SignUp("boss@acme.example", "employer");
  // Markup in plain-text fields is rejected; the form echoes it escaped.
  http::Response rejected = Post(
      "/account/company",
      {{"csrf", csrf}, {"name", "<script>alert(1)</script>"}, {"website", "javascript:alert(1)"}});
  ASSERT_EQ(rejected.status, 422);
  EXPECT_EQ(rejected.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(rejected.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(Count(Entity::kCompany), 0);

  // Attribute break-outs without '<' are stored, and escaped wherever they are shown.
  const std::string breakout = "Acme\" autofocus onfocus=\"alert(1)";
  http::Response ok = Post("/account/company", {{"csrf", csrf}, {"name", breakout}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  http::Response form = Get("/account/company");
  EXPECT_EQ(form.body.find("autofocus onfocus=\"alert"), std::string::npos);
  EXPECT_NE(form.body.find("Acme&quot; autofocus onfocus=&quot;alert(1)"), std::string::npos);

  // A job stored without validation (old data, a bug elsewhere) still renders escaped.
  auto who = accounts_->FindUser("boss@acme.example");
  ASSERT_TRUE(who.ok());
  Job j;
  j.slug = "hostile";
  j.company_slug = who->company_slug;
  j.title = "<img src=x onerror=alert(1)><svg onload=alert(2)>";
  j.status = "draft";
  j.employment_type = "FULL_TIME";
  j.eligible_areas = {"WW"};
  j.posted_at = kNow;
  ASSERT_TRUE(
      store_->Write([&](StoreWriter& w) { return w.PutJob(&j, PutMode::kCreate).status(); }).ok());
  http::Response list = Get("/account/jobs");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("<img src=x"), std::string::npos);
  EXPECT_EQ(list.body.find("<svg"), std::string::npos);
  EXPECT_NE(list.body.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  http::Response edit = Get("/account/jobs/hostile/edit");
  ASSERT_EQ(edit.status, 200);
  EXPECT_EQ(edit.body.find("<img src=x"), std::string::npos);
}

TEST_F(AccountPagesTest, TalentProfileImportExportAndDeletion) {
  std::string csrf = SignUp("dev@mail.example", "talent");
  http::Response bad =
      Post("/account/profile",
           {{"csrf", csrf}, {"name", "Ana Dev"}, {"skills", "rust:9"}, {"visibility", "public"}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"err-skills\""), std::string::npos);
  http::Response ok = Post("/account/profile", {{"csrf", csrf},
                                                {"name", "Ana Dev"},
                                                {"headline", "Backend engineer"},
                                                {"skills", "rust:5, go"},
                                                {"timezone", "Europe/Lisbon"},
                                                {"links", "https://github.com/ana\n"},
                                                {"visibility", "hidden"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  auto user = accounts_->FindUser("dev@mail.example");
  ASSERT_TRUE(user.ok());
  ASSERT_FALSE(user->talent_slug.empty());
  auto t = store_->GetTalent(user->talent_slug);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->visibility, "hidden");
  ASSERT_EQ(t->skills.size(), 2u);
  EXPECT_EQ(t->skills[0].level, 5);
  // A hidden profile exists for its owner only.
  http::Response own = Get("/talent/" + t->slug);
  EXPECT_EQ(own.status, 200);
  EXPECT_NE(own.body.find("This profile is hidden"), std::string::npos);
  auto saved_jar = jar_;
  jar_.erase("meridian_session");
  EXPECT_EQ(Get("/talent/" + t->slug).status, 404);
  jar_ = saved_jar;

  http::Response resume = Get("/account/profile/resume.json");
  ASSERT_EQ(resume.status, 200);
  EXPECT_NE(Header(resume, "Content-Disposition").find("attachment"), std::string::npos);
  auto doc = ParseJson(resume.body);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ((*doc)["basics"]["name"], "Ana Dev");

  http::Response broken = Post("/account/profile/resume", {{"csrf", csrf}, {"resume", "{nope"}});
  ASSERT_EQ(broken.status, 422);
  EXPECT_NE(broken.body.find("id=\"err-resume\""), std::string::npos);
  Json imported = {{"basics", {{"name", "Ana Importada"}, {"label", "Rust engineer"}}},
                   {"skills", {{{"name", "Rust"}, {"level", "Expert"}}}}};
  http::Response imp =
      Post("/account/profile/resume", {{"csrf", csrf}, {"resume", imported.dump()}});
  ASSERT_EQ(imp.status, 303) << imp.body;
  t = store_->GetTalent(user->talent_slug);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->name, "Ana Importada");

  http::Response exported = Get("/account/export");
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(Header(exported, "Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_NE(Header(exported, "Cache-Control").find("no-store"), std::string::npos);
  EXPECT_NE(exported.body.find("Ana Importada"), std::string::npos);

  http::Response wrong = Post("/account/delete", {{"csrf", csrf}, {"confirm", "someone@else"}});
  ASSERT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("id=\"err-confirm\""), std::string::npos);
  http::Response del = Post("/account/delete", {{"csrf", csrf}, {"confirm", "DEV@mail.example"}});
  ASSERT_EQ(del.status, 303) << del.body;
  EXPECT_EQ(jar_.count("meridian_session"), 0u);
  EXPECT_EQ(accounts_->FindUser("dev@mail.example").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetTalent(user->talent_slug).status().code(), StatusCode::kNotFound);
}

TEST_F(AccountPagesTest, WrongPasswordsAndRateLimits) {
  SignUp("boss@acme.example", "employer");
  jar_.erase("meridian_session");
  std::string anon = jar_["meridian_csrf"];
  http::Response wrong = Post(
      "/signin", {{"csrf", anon}, {"email", "boss@acme.example"}, {"password", "wrong password!"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("Wrong email or password."), std::string::npos);
  EXPECT_NE(wrong.body.find("value=\"boss@acme.example\""), std::string::npos);
  EXPECT_EQ(wrong.body.find("wrong password!"), std::string::npos);  // never echoed
  // The per-address sign-in limit (10 a minute by default) answers 429 with Retry-After.
  http::Response last;
  for (int i = 0; i < 12; ++i) {
    last = Post("/signin",
                {{"csrf", anon}, {"email", "nobody@x.example"}, {"password", "whatever-123"}});
  }
  EXPECT_EQ(last.status, 429);
  EXPECT_FALSE(Header(last, "Retry-After").empty());
  limiter_now_ += 3600;
  http::Response right =
      Post("/signin",
           {{"csrf", anon}, {"email", "boss@acme.example"}, {"password", std::string(kPassword)}});
  EXPECT_EQ(right.status, 303) << right.body;
  EXPECT_EQ(Header(right, "Location"), "/account");
}

TEST_F(AccountPagesTest, RolesSeeOnlyTheirPages) {
  SignUp("dev@mail.example", "talent");
  EXPECT_EQ(Get("/account/company").status, 403);
  EXPECT_EQ(Get("/account/jobs").status, 403);
  EXPECT_EQ(Get("/account/profile").status, 200);
  jar_.erase("meridian_session");
  http::Response r = Get("/account/profile");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(Header(r, "Location"), "/signin?next=%2Faccount%2Fprofile");
}

}  // namespace
}  // namespace meridian::web
