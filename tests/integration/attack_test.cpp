// The attack catalogue (issue 3): forged CSRF, other people's records, expired and revoked
// keys, session fixation, SQL injection in every parameter, XSS payloads in every text
// field, credential stuffing. Every hostile request must get a 4xx (or be stored inert) and
// must not change data it should not.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "base/strings.h"
#include "integration/accounts_fixture.h"

namespace meridian::testing {
namespace {

// The page without its <script type="application/ld+json"> blocks.
std::string WithoutJsonLd(const std::string& html) {
  std::string out;
  size_t pos = 0;
  const std::string open = "<script type=\"application/ld+json\">";
  while (true) {
    size_t at = html.find(open, pos);
    if (at == std::string::npos) break;
    out += html.substr(pos, at - pos);
    size_t end = html.find("</script>", at);
    if (end == std::string::npos) return out;
    pos = end + 9;
  }
  return out + html.substr(pos);
}

// The store's row counts and change sequence, as /metrics reports them.
std::string StoreFingerprint(const AccountsFixture& fx) {
  std::string out;
  for (const std::string& line : Split(fx.server().Get("/metrics").body, '\n')) {
    if (StartsWith(line, "meridian_store_")) out += line + "\n";
  }
  return out;
}

class AttackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fx_ = new AccountsFixture(); }
  static void TearDownTestSuite() {
    delete fx_;
    fx_ = nullptr;
  }
  static AccountsFixture* fx_;
};
AccountsFixture* AttackTest::fx_ = nullptr;

TEST_F(AttackTest, CookieWritesWithoutTheCsrfTokenAreRefused) {
  const AccountsFixture& fx = *fx_;
  int tried = 0;
  int64_t before = fx.LastChangeSeq();
  for (const std::string& token :
       {std::string(), std::string("forged-token"), fx.employer_b.csrf}) {
    Caller c = fx.employer_a;
    c.csrf = token;  // missing, forged, or another session's token
    for (const auto& [method, path, body] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"PATCH", "/api/v1/companies/alpha-co", R"({"description":"csrf"})"},
             {"POST", "/api/v1/jobs", R"({"title":"CSRF job","company":"alpha-co"})"},
             {"DELETE", "/api/v1/jobs/alpha-job", ""},
             {"DELETE", "/api/v1/account", ""},
             {"POST", "/api/v1/auth/keys", "{}"}}) {
      auto r = fx.Request(c, method, path, body);
      ++tried;
      EXPECT_EQ(r.status, 403) << method << " " << path << " token '" << token << "': " << r.body;
    }
  }
  EXPECT_EQ(fx.LastChangeSeq(), before);
  // The account is still there: the session still works with the right token.
  EXPECT_EQ(fx.Request(fx.employer_a, "GET", "/api/v1/auth/me", "").status, 200);
  RecordCatalogue("CSRF", tried + 1);
}

TEST_F(AttackTest, WebFormsWithoutTheirCsrfTokenAreRefused) {
  const AccountsFixture& fx = *fx_;
  const std::string form = "application/x-www-form-urlencoded";
  struct Post {
    const Caller* who;
    std::string path, fields;
  };
  std::vector<Post> posts = {
      {&fx.employer_a, "/account/company", "name=Hijacked&description=csrf"},
      {&fx.employer_a, "/account/jobs/new", "title=CSRF+job"},
      {&fx.employer_a, "/account/jobs/alpha-job/edit", "title=Hijacked"},
      {&fx.employer_a, "/account/delete", "confirm=alpha%40test.example"},
      {&fx.employer_a, "/signout", ""},
      {&fx.talent, "/account/profile", "name=Hijacked"},
      {&fx.talent, "/account/profile/resume", "resume=%7B%22basics%22%3A%7B%7D%7D"},
      {&fx.talent, "/account/delete", "confirm=tess%40test.example"},
      {&fx.anonymous, "/signup", "email=csrf%40test.example&password=long-enough-1&role=member"},
      {&fx.anonymous, "/signin", "email=member%40test.example&password=matrix-password-123"},
  };
  int64_t before = fx.LastChangeSeq();
  int tried = 0;
  for (const Post& p : posts) {
    for (const std::string& token : {std::string(), std::string("forged-token")}) {
      std::string body = p.fields;
      if (!token.empty()) body += (body.empty() ? "" : "&") + std::string("csrf=") + token;
      std::map<std::string, std::string> headers = {{"Content-Type", form}};
      if (!p.who->session.empty()) {
        headers["Cookie"] = "meridian_session=" + p.who->session;
      } else if (!token.empty()) {
        headers["Cookie"] = "meridian_csrf=a-different-cookie-value";  // mismatched double submit
      }
      auto r = fx.server().Send("POST", p.path, body, headers);
      ++tried;
      EXPECT_EQ(r.status, 403) << p.path << " token '" << token << "': " << r.body.substr(0, 200);
      EXPECT_EQ(r.headers.count("set-cookie") &&
                    r.headers["set-cookie"].find("meridian_session=") == 0 &&
                    r.headers["set-cookie"].find("Max-Age=0") == std::string::npos,
                false)
          << p.path << " started a session without a CSRF token";
    }
  }
  EXPECT_EQ(fx.LastChangeSeq(), before);
  // Nobody was signed out or deleted, and no account was created.
  EXPECT_EQ(fx.Request(fx.employer_a, "GET", "/api/v1/auth/me", "").status, 200);
  EXPECT_EQ(fx.Request(fx.talent, "GET", "/api/v1/auth/me", "").status, 200);
  EXPECT_EQ(RunMeridian({"users", "list", "--db", fx.db()}).out.find("csrf@test.example"),
            std::string::npos);
  RecordCatalogue("web form CSRF", tried);
}

TEST_F(AttackTest, ExpiredAndRevokedKeysAreUnauthenticated) {
  const AccountsFixture& fx = *fx_;
  int64_t expired_id = 0, revoked_id = 0;
  std::string expired = fx.CreateKey(
      {"--role", "employer", "--user", "alpha@test.example", "--expires-days", "1"}, &expired_id);
  std::string revoked = fx.CreateKey({"--role", "admin"}, &revoked_id);
  Caller e{.bearer = expired, .session = "", .csrf = ""};
  Caller v{.bearer = revoked, .session = "", .csrf = ""};
  // Both work at first.
  EXPECT_EQ(fx.Request(e, "PATCH", "/api/v1/jobs/alpha-job", R"({"description":"ok"})").status,
            200);
  EXPECT_EQ(fx.Request(v, "GET", "/api/v1/auth/me", "").status, 200);
  // Expire one in the database (time travel), revoke the other with the CLI.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(fx.db().c_str(), &db), SQLITE_OK);
  std::string sql =
      "UPDATE api_keys SET expires_at = 1000 WHERE id = " + std::to_string(expired_id);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  CommandResult rv = RunMeridian({"keys", "revoke", std::to_string(revoked_id), "--db", fx.db()});
  ASSERT_EQ(rv.exit_code, 0) << rv.err;
  int64_t before = fx.LastChangeSeq();
  int tried = 2;
  for (const Caller* c : {&e, &v}) {
    for (const auto& [method, path, body] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"PATCH", "/api/v1/jobs/alpha-job", R"({"description":"stale key"})"},
             {"POST", "/api/v1/cities",
              R"({"name":"Keyless","country":"PT","lat":1,"lng":1,"timezone":"Europe/Lisbon"})"},
             {"GET", "/api/v1/auth/me", ""},
             {"GET", "/api/v1/jobs", ""}}) {
      auto r = fx.Request(*c, method, path, body);
      ++tried;
      EXPECT_EQ(r.status, 401) << method << " " << path << ": " << r.body;
      EXPECT_EQ(r.headers["www-authenticate"], "Bearer realm=\"meridian\"");
    }
  }
  EXPECT_NE(fx.Request(e, "GET", "/api/v1/auth/me", "").body.find("expired"), std::string::npos);
  EXPECT_NE(fx.Request(v, "GET", "/api/v1/auth/me", "").body.find("revoked"), std::string::npos);
  // Made-up, truncated and malformed tokens too.
  for (const std::string& bad :
       {std::string("mk_000000000000_nope"), revoked.substr(0, revoked.size() - 1),
        std::string("' OR 1=1 --"), std::string(300, 'a'), std::string("mk_")}) {
    auto r = fx.Request({.bearer = bad, .session = "", .csrf = ""}, "DELETE",
                        "/api/v1/jobs/alpha-job", "");
    ++tried;
    EXPECT_EQ(r.status, 401) << bad;
  }
  auto basic = fx.server().Send("DELETE", "/api/v1/jobs/alpha-job", "",
                                {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
  ++tried;
  EXPECT_EQ(basic.status, 401);
  EXPECT_EQ(fx.LastChangeSeq(), before);
  RecordCatalogue("stale and forged keys", tried + 2);
}

TEST_F(AttackTest, SignInNeverKeepsAPlantedSessionId) {
  const AccountsFixture& fx = *fx_;
  const std::string creds =
      Json{{"email", "member@test.example"}, {"password", AccountsFixture::kPassword}}.dump();
  // An attacker plants a cookie, the victim signs in: the victim gets a fresh id.
  std::string planted = "attacker-chosen-session-id-0123456789abcdef";
  auto r = fx.server().Send("POST", "/api/v1/auth/signin", creds,
                            {{"Cookie", "meridian_session=" + planted}});
  ASSERT_EQ(r.status, 200) << r.body;
  Caller fresh = SessionFrom(r);
  EXPECT_FALSE(fresh.session.empty());
  EXPECT_NE(fresh.session, planted);
  EXPECT_GE(fresh.session.size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(fx.Request({.bearer = "", .session = planted, .csrf = ""}, "GET", "/api/v1/auth/me", "")
                .status,
            401);
  EXPECT_EQ(fx.Request(fresh, "GET", "/api/v1/auth/me", "").status, 200);
  // Signing in again with a valid session rotates it: the old id stops working.
  auto again = fx.server().Send("POST", "/api/v1/auth/signin", creds,
                                {{"Cookie", "meridian_session=" + fresh.session}});
  ASSERT_EQ(again.status, 200);
  Caller rotated = SessionFrom(again);
  EXPECT_NE(rotated.session, fresh.session);
  EXPECT_NE(rotated.csrf, fresh.csrf);
  EXPECT_EQ(fx.Request(fresh, "GET", "/api/v1/auth/me", "").status, 401);
  EXPECT_EQ(fx.Request(rotated, "GET", "/api/v1/auth/me", "").status, 200);
  // The cookie is HttpOnly and SameSite=Lax; sign-out ends the session.
  EXPECT_NE(again.headers["set-cookie"].find("HttpOnly"), std::string::npos);
  EXPECT_NE(again.headers["set-cookie"].find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(again.headers["set-cookie"].find("Secure"), std::string::npos);  // plain HTTP here
  EXPECT_EQ(fx.Request(rotated, "POST", "/api/v1/auth/signout", "").status, 204);
  EXPECT_EQ(fx.Request(rotated, "GET", "/api/v1/auth/me", "").status, 401);
  RecordCatalogue("session fixation", 10);
}

TEST_F(AttackTest, SqlInjectionInEveryParameterIsRefusedOrInert) {
  const AccountsFixture& fx = *fx_;
  const std::vector<std::string> payloads = {"' OR '1'='1",
                                             "'; DROP TABLE jobs; --",
                                             "1 UNION SELECT password_hash FROM users --",
                                             "\" OR \"\"=\"",
                                             "%' OR 1=1 --",
                                             "alpha-co' --",
                                             "1; UPDATE users SET role='admin'",
                                             "\\'; DELETE FROM sessions; --"};
  const std::vector<std::pair<std::string, std::vector<std::string>>> lists = {
      {"/api/v1/jobs",
       {"limit", "cursor", "company", "tag", "seniority", "employment_type", "status",
        "posted_since", "q"}},
      {"/api/v1/companies", {"limit", "cursor", "region", "remote_policy", "technology", "q"}},
      {"/api/v1/talent", {"limit", "cursor", "skill", "seniority", "country", "include_hidden"}},
      {"/api/v1/cities", {"limit", "cursor", "country", "q"}},
      {"/api/v1/articles", {"limit", "cursor", "tag"}},
      {"/jobs", {"q", "tag", "seniority", "company", "cursor"}},
      {"/companies", {"q", "region", "cursor"}},
      {"/cities", {"q", "country", "cursor"}}};
  std::string before = StoreFingerprint(fx);
  int tried = 0;
  auto check = [&](const HttpResult& r, const std::string& what) {
    ++tried;
    EXPECT_LT(r.status, 500) << what << ": " << r.body;
    EXPECT_NE(r.status, 0) << what;
    EXPECT_EQ(r.body.find("$argon2id"), std::string::npos) << what;
    EXPECT_EQ(r.body.find("SQL"), std::string::npos) << what << ": " << r.body;
  };
  for (const auto& [path, params] : lists) {
    for (const std::string& p : params) {
      for (const std::string& payload : payloads) {
        for (const Caller* who : {&fx.anonymous, &fx.admin_key}) {
          auto r = fx.Request(*who, "GET", path + "?" + p + "=" + PercentEncode(payload), "");
          check(r, path + "?" + p + "=" + payload);
        }
      }
    }
  }
  for (const std::string& payload : payloads) {
    for (std::string collection : {"jobs", "companies", "talent", "cities", "articles"}) {
      check(fx.Request(fx.anonymous, "GET", "/api/v1/" + collection + "/" + PercentEncode(payload),
                       ""),
            "slug " + payload);
      check(fx.Request(fx.admin_key, "PATCH",
                       "/api/v1/" + collection + "/" + PercentEncode(payload), R"({"name":"x"})"),
            "patch slug " + payload);
    }
    check(fx.server().Send("POST", "/api/v1/auth/signin",
                           Json{{"email", payload}, {"password", payload}}.dump()),
          "signin " + payload);
    check(fx.server().Send("POST", "/api/v1/auth/signin",
                           Json{{"email", "admin@test.example' --"}, {"password", payload}}.dump()),
          "signin admin " + payload);
    check(fx.Request({.bearer = payload, .session = "", .csrf = ""}, "GET", "/api/v1/auth/me", ""),
          "bearer " + payload);
    check(fx.Request({.bearer = "", .session = payload, .csrf = ""}, "GET", "/api/v1/auth/me", ""),
          "cookie " + payload);
  }
  EXPECT_EQ(StoreFingerprint(fx), before) << "a read or a refused write changed the store";
  // Stored as data, read back byte for byte: the payloads are inert in every text field.
  for (size_t i = 0; i < payloads.size(); ++i) {
    Json body = {{"name", "Inject " + std::to_string(i)},
                 {"headline", payloads[i]},
                 {"contact", payloads[i]}};
    auto r = fx.Request(fx.talent, "PATCH", "/api/v1/talent/tess-talent", body.dump());
    ++tried;
    ASSERT_EQ(r.status, 200) << r.body;
    auto back = fx.Request(fx.talent, "GET", "/api/v1/talent/tess-talent", "");
    EXPECT_EQ(back.json()["data"]["headline"], payloads[i]);
    EXPECT_EQ(back.json()["data"]["contact"], payloads[i]);
  }
  // Nothing was dropped or escalated.
  auto users = RunMeridian({"users", "list", "--db", fx.db()});
  EXPECT_NE(users.out.find("member@test.example"), std::string::npos);
  EXPECT_EQ(users.out.find("admin     member"), std::string::npos);
  auto me = fx.Request(fx.member, "GET", "/api/v1/auth/me", "");
  EXPECT_EQ(me.json()["data"]["role"], "member");
  EXPECT_EQ(fx.Request(fx.anonymous, "GET", "/api/v1/jobs/beta-live", "").status, 200);
  RecordCatalogue("SQL injection", tried);
}

TEST_F(AttackTest, XssPayloadsInTextFieldsAreRefusedOrRenderedInert) {
  const AccountsFixture& fx = *fx_;
  const std::vector<std::string> payloads = {
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "<svg onload=alert(1)>",
      "javascript:alert(1)",
      "\"><script>alert(1)</script>",
      "' onmouseover='alert(1)",
      "\" autofocus onfocus=\"alert(1)",
      "[click](javascript:alert(1))",
      "<a href=\"javascript:alert(1)\">x</a>",
      "</title><script>alert(1)</script>",
      "{{constructor.constructor('alert(1)')()}}",
      "<iframe src=\"data:text/html,<script>alert(1)</script>\">"};
  struct Field {
    std::string collection, slug, field;
    const Caller* who;
    std::string page;
  };
  std::vector<Field> fields = {
      {"jobs", "beta-live", "title", &fx.employer_b, "/jobs/beta-live"},
      {"jobs", "beta-live", "description", &fx.employer_b, "/jobs/beta-live"},
      {"jobs", "beta-live", "apply_url", &fx.employer_b, "/jobs/beta-live"},
      {"companies", "beta-co", "name", &fx.employer_b, "/companies/beta-co"},
      {"companies", "beta-co", "description", &fx.employer_b, "/companies/beta-co"},
      {"companies", "beta-co", "website", &fx.employer_b, "/companies/beta-co"},
      {"talent", "tess-talent", "name", &fx.talent, "/talent/tess-talent"},
      {"talent", "tess-talent", "headline", &fx.talent, "/talent/tess-talent"},
      {"talent", "tess-talent", "summary", &fx.talent, "/talent/tess-talent"},
      {"talent", "tess-talent", "links", &fx.talent, "/talent/tess-talent"},
  };
  // Edits at an unverified company go back to moderation (and off the public pages): verify
  // Beta Co so that its live job stays public while the payloads are tried.
  ASSERT_EQ(
      fx.Request(fx.admin_key, "PATCH", "/api/v1/companies/beta-co", R"({"verified":true})").status,
      200);
  int tried = 0, stored = 0, refused = 0;
  for (const Field& f : fields) {
    for (const std::string& payload : payloads) {
      Json body = {{f.field, f.field == "links" ? Json::array({payload}) : Json(payload)}};
      auto r = fx.Request(*f.who, "PATCH", "/api/v1/" + f.collection + "/" + f.slug, body.dump());
      ++tried;
      ASSERT_TRUE(r.status == 200 || r.status == 400)
          << f.field << " " << payload << ": " << r.body;
      if (r.status == 400) {
        ++refused;
        continue;
      }
      ++stored;
      for (const std::string& page : {f.page, std::string("/jobs"), std::string("/")}) {
        auto html = fx.server().Get(page);
        ++tried;
        ASSERT_EQ(html.status, 200) << page;
        for (std::string_view active : {"<script>alert", "<img src=x", "<svg onload",
                                        "href=\"javascript:", "<iframe", "</title><script"}) {
          EXPECT_EQ(html.body.find(active), std::string::npos)
              << f.field << "=" << payload << " rendered active content on " << page;
        }
        // Attribute break-outs: the payload's raw quotes never land inside a tag (escaped in
        // attribute values; text nodes may show them; the JSON-LD block is never executed).
        std::string markup = WithoutJsonLd(html.body);
        for (std::string_view breakout : {"' onmouseover='", "\" autofocus onfocus=\""}) {
          for (size_t at = markup.find(breakout); at != std::string::npos;
               at = markup.find(breakout, at + 1)) {
            size_t open = markup.rfind('<', at), close = markup.rfind('>', at);
            bool in_tag = open != std::string::npos && (close == std::string::npos || open > close);
            EXPECT_FALSE(in_tag) << f.field << "=" << payload << " put " << breakout
                                 << " inside a tag on " << page << ": "
                                 << markup.substr(open, at - open + 40);
          }
        }
      }
    }
  }
  std::printf("[xss] %d payloads stored as inert text, %d refused by validation\n", stored,
              refused);
  EXPECT_GT(stored, 0);
  EXPECT_GT(refused, 0);
  RecordCatalogue("XSS", tried);
}

TEST_F(AttackTest, BadSignInAndSignUpBodiesAreClearErrors) {
  const AccountsFixture& fx = *fx_;
  std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/v1/auth/signup", "{"},
      {"/api/v1/auth/signup", "[]"},
      {"/api/v1/auth/signup", R"({"email":"x@y.example","password":"longenough1","role":"admin"})"},
      {"/api/v1/auth/signup", R"({"email":"x@y.example","password":"short","role":"member"})"},
      {"/api/v1/auth/signup", R"({"email":"not-an-email","password":"longenough1"})"},
      {"/api/v1/auth/signup", R"({"email":"x@y.example","password":"longenough1","admin":true})"},
      {"/api/v1/auth/signup", R"({"email":7,"password":"longenough1"})"},
      {"/api/v1/auth/signup",
       R"({"email":"member@test.example","password":"longenough1","role":"member"})"},
      {"/api/v1/auth/signup", "{\"email\":\"a\xff@b.example\",\"password\":\"longenough1\"}"},
      {"/api/v1/auth/signin", R"({"email":"member@test.example"})"},
      {"/api/v1/auth/signin", R"({"email":"member@test.example","password":null})"},
      {"/api/v1/auth/signin",
       R"({"email":"member@test.example","password":")" + std::string(5000, 'p') + "\"}"},
  };
  std::vector<int> want = {400, 400, 400, 400, 400, 400, 400, 409, 400, 400, 400, 400};
  std::string before = StoreFingerprint(fx);
  for (size_t i = 0; i < cases.size(); ++i) {
    auto r = fx.server().Send("POST", cases[i].first, cases[i].second);
    EXPECT_EQ(r.status, want[i]) << cases[i].second.substr(0, 80) << ": " << r.body;
    EXPECT_TRUE(r.json().contains("error")) << r.body;
    EXPECT_EQ(r.headers.count("set-cookie"), 0u);
  }
  EXPECT_EQ(StoreFingerprint(fx), before);
  RecordCatalogue("bad account bodies", static_cast<int>(cases.size()));
}

TEST(LogTest, NoSecretsInTheLogs) {
  AccountsFixture fx({"--access-log", "true", "--log-level", "debug"});
  // Sign-in failures and successes, keys, cookies and CSRF tokens, on the API and the forms.
  fx.server().Send(
      "POST", "/api/v1/auth/signin",
      Json{{"email", "member@test.example"}, {"password", "wrong-password-xyz"}}.dump());
  auto in = fx.server().Send(
      "POST", "/api/v1/auth/signin",
      Json{{"email", "member@test.example"}, {"password", AccountsFixture::kPassword}}.dump());
  Caller member = SessionFrom(in);
  fx.Request(member, "GET", "/account", "");
  fx.Request(member, "POST", "/api/v1/auth/keys", R"({"label":"log test"})");
  fx.server().Send(
      "POST", "/signin", "email=member%40test.example&password=form-secret-password&csrf=abc",
      {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", "meridian_csrf=abc"}});
  fx.Request(fx.admin_key, "GET", "/api/v1/auth/me", "");
  fx.Request({.bearer = "mk_000000000000_not-a-real-secret", .session = "", .csrf = ""}, "GET",
             "/api/v1/auth/me", "");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let the log reach the pipe
  std::string log = fx.server().Log();
  ASSERT_NE(log.find("POST /api/v1/auth/signin"), std::string::npos) << log;  // it is a real log
  for (const std::string& secret :
       {std::string(AccountsFixture::kPassword), std::string("wrong-password-xyz"),
        std::string("form-secret-password"), member.session, member.csrf, fx.admin_key.bearer,
        fx.employer_a_key.bearer, std::string("not-a-real-secret")}) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(log.find(secret), std::string::npos) << "the log contains a secret";
  }
  RecordCatalogue("secrets in logs", 7);
}

TEST(ThrottleTest, RapidFailedSignInsAreThrottled) {
  // The per-address limit is raised so that the per-account lockout is what answers.
  AccountsFixture fx({"--signin-per-minute", "100000"});
  const std::string wrong =
      Json{{"email", "member@test.example"}, {"password", "wrong-password-000"}}.dump();
  int unauthorized = 0, throttled = 0;
  for (int i = 0; i < 100; ++i) {
    auto r = fx.server().Send("POST", "/api/v1/auth/signin", wrong);
    if (r.status == 401) ++unauthorized;
    if (r.status == 429) {
      ++throttled;
      EXPECT_GE(std::atoi(r.headers["retry-after"].c_str()), 1);
    }
  }
  EXPECT_EQ(unauthorized, 5);  // auth.max_failed_signins
  EXPECT_EQ(throttled, 95);
  // While locked, even the right password is refused.
  auto right = fx.server().Send(
      "POST", "/api/v1/auth/signin",
      Json{{"email", "member@test.example"}, {"password", AccountsFixture::kPassword}}.dump());
  EXPECT_EQ(right.status, 429) << right.body;
  // Unknown emails are throttled the same way, so the answers do not reveal which exist.
  int ghost_401 = 0;
  for (int i = 0; i < 20; ++i) {
    auto r = fx.server().Send(
        "POST", "/api/v1/auth/signin",
        Json{{"email", "nobody@test.example"}, {"password", "wrong-password-000"}}.dump());
    ghost_401 += r.status == 401;
  }
  EXPECT_EQ(ghost_401, 5);
  // Other accounts are unaffected.
  auto other = fx.server().Send(
      "POST", "/api/v1/auth/signin",
      Json{{"email", "tess@test.example"}, {"password", AccountsFixture::kPassword}}.dump());
  EXPECT_EQ(other.status, 200) << other.body;
  RecordCatalogue("credential stuffing", 122);
}

TEST(ThrottleTest, PerAddressLimitsAnswer429WithRetryAfter) {
  ServerProcess server({.extra_args = {"--signin-per-minute", "10", "--signup-per-minute", "3",
                                       "--writes-per-minute", "5"}});
  ASSERT_TRUE(server.started());
  int tried = 0;
  auto burst = [&](const std::function<HttpResult(int)>& send, int allowed) {
    for (int i = 0; i < allowed + 3; ++i) {
      auto r = send(i);
      ++tried;
      if (i < allowed) {
        EXPECT_NE(r.status, 429) << i << ": " << r.body;
      } else {
        EXPECT_EQ(r.status, 429) << i << ": " << r.body;
        EXPECT_GE(std::atoi(r.headers["retry-after"].c_str()), 1);
        EXPECT_EQ(r.json()["error"]["code"], "resource_exhausted");
      }
    }
  };
  // Different emails each time: the address limit, not the account lockout, answers.
  burst(
      [&](int i) {
        return server.Send("POST", "/api/v1/auth/signin",
                           Json{{"email", "who" + std::to_string(i) + "@test.example"},
                                {"password", "wrong-password-000"}}
                               .dump());
      },
      10);
  burst(
      [&](int i) {
        return server.Send("POST", "/api/v1/auth/signup",
                           Json{{"email", "new" + std::to_string(i) + "@test.example"},
                                {"password", "long-enough-1"}}
                               .dump());
      },
      3);
  auto count_companies = [&] {
    return server.Get("/api/v1/companies?limit=100").json()["data"].size();
  };
  burst(
      [&](int i) {
        return server.Write("POST", "/api/v1/companies",
                            Json{{"name", "Burst " + std::to_string(i)}}.dump());
      },
      5);
  EXPECT_EQ(count_companies(), 5u);  // the refused writes wrote nothing
  RecordCatalogue("rate limits", tried);
}

}  // namespace
}  // namespace meridian::testing
