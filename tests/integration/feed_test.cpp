// Events and the "for you" feed through the real binary (issue 6): an anonymous visitor
// gets a first-party cookie with their first event, the next feed already reflects it
// (closer to what they saved, without what they saved or hid), history can be read and
// cleared, opting out (or Global Privacy Control) stops recording, accounts keep their own
// history and setting, admins can read anyone's feed, the recommenders retrain from the
// stored events, and bad input is a 4xx naming the field.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "harness.h"

namespace meridian::testing {
namespace {

// "name=value" from a Set-Cookie header ("" when it sets another cookie or none).
std::string CookieFrom(const HttpResult& r, const std::string& name) {
  auto it = r.headers.find("set-cookie");
  if (it == r.headers.end() || it->second.rfind(name + "=", 0) != 0) return "";
  return it->second.substr(0, it->second.find(';'));
}

std::vector<std::string> Slugs(const Json& feed) {
  std::vector<std::string> out;
  for (const Json& item : feed["data"]) out.push_back(item["slug"].get<std::string>());
  return out;
}

class FeedTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::string(TempPath("feed.db"));
    ASSERT_EQ(
        RunMeridian({"demo", "--db", *db_, "--jobs", "300", "--talent", "40", "--articles", "10"})
            .exit_code,
        0);
    server_ = new ServerProcess(
        {.extra_args = {"--log-level", "info"},
         .env = {"MERIDIAN_RECS_RETRAIN_SECONDS=1", "MERIDIAN_RECS_RETRAIN_MIN_EVENTS=1"},
         .db = *db_});
    ASSERT_TRUE(server_->started());
    ASSERT_TRUE(WaitForLog(*server_, "recommendations:")) << server_->Log();
    // The demo registered the recommenders: the server serves that version.
    ASSERT_TRUE(WaitForLog(*server_, "feed: serving recommenders@1")) << server_->Log();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    RemoveDbAndModels(*db_);
    delete db_;
  }
  static HttpResult Post(const std::string& body, const std::string& cookie,
                         std::map<std::string, std::string> headers = {}) {
    headers["Content-Type"] = "application/json";
    if (!cookie.empty()) headers["Cookie"] = cookie;
    return server_->Send("POST", "/api/v1/events", body, headers);
  }
  static Json Feed(const std::string& cookie, int limit = 10) {
    std::map<std::string, std::string> headers;
    if (!cookie.empty()) headers["Cookie"] = cookie;
    HttpResult r = server_->Get("/api/v1/me/feed?limit=" + std::to_string(limit), headers);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  static std::string Event(const std::string& kind, const std::string& slug) {
    return Json{{"kind", kind}, {"entity", "job"}, {"slug", slug}, {"context", {{"list", "feed"}}}}
        .dump();
  }

  static std::string* db_;
  static ServerProcess* server_;
};

std::string* FeedTest::db_ = nullptr;
ServerProcess* FeedTest::server_ = nullptr;

TEST_F(FeedTest, AnonymousVisitorsFeedFollowsTheirSavesAndHides) {
  Json before = Feed("");
  ASSERT_EQ(before["data"].size(), 10u) << before.dump();
  EXPECT_FALSE(before["meta"]["personalized"].get<bool>());
  for (const Json& item : before["data"]) EXPECT_FALSE(item["reason"].get<std::string>().empty());

  // Save a job: the response issues the visitor cookie.
  std::string saved = before["data"][3]["slug"].get<std::string>();
  HttpResult r = Post(Event("save", saved), "");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string cookie = CookieFrom(r, "meridian_visitor");
  ASSERT_FALSE(cookie.empty()) << r.headers["set-cookie"];
  EXPECT_NE(r.headers["set-cookie"].find("HttpOnly"), std::string::npos);

  // The next feed: personalized, without the saved job, and much closer to it.
  Json similar = server_->Get("/api/v1/jobs/" + saved + "/similar?limit=20").json();
  std::set<std::string> near;
  for (const Json& item : similar["data"]) near.insert(item["slug"].get<std::string>());
  auto overlap = [&](const Json& feed) {
    int n = 0;
    for (const std::string& s : Slugs(feed)) n += near.count(s) ? 1 : 0;
    return n;
  };
  Json after = Feed(cookie);
  EXPECT_TRUE(after["meta"]["personalized"].get<bool>());
  EXPECT_EQ(after["meta"]["history"].get<int>(), 1);
  auto slugs = Slugs(after);
  EXPECT_EQ(std::count(slugs.begin(), slugs.end(), saved), 0);
  EXPECT_GT(overlap(after), overlap(before) + 2) << after.dump();
  EXPECT_NE(after["data"][0]["reason"].get<std::string>().find("saved"), std::string::npos)
      << after["data"][0].dump();
  double sum = 0;
  for (const Json& f : after["data"][0]["explanation"]["factors"]) sum += f["part"].get<double>();
  EXPECT_NEAR(sum, after["data"][0]["score"].get<double>(), 1e-9);

  // Hide the top item: it never comes back.
  std::string hidden = slugs[0];
  ASSERT_EQ(Post(Event("hide", hidden), cookie).status, 201);
  auto again = Slugs(Feed(cookie, 50));
  EXPECT_EQ(std::count(again.begin(), again.end(), hidden), 0);

  // The history, then forgetting it.
  std::map<std::string, std::string> jar = {{"Cookie", cookie}};
  Json history = server_->Get("/api/v1/me/events", jar).json();
  ASSERT_EQ(history["data"].size(), 2u) << history.dump();
  EXPECT_EQ(history["data"][0]["slug"], saved);
  EXPECT_EQ(history["data"][1]["kind"], "hide");
  EXPECT_EQ(history["data"][0]["context"]["list"], "feed");
  HttpResult cleared = server_->Send("DELETE", "/api/v1/me/events", "", jar);
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(cleared.json()["data"]["removed"], 2);
  EXPECT_TRUE(server_->Get("/api/v1/me/events", jar).json()["data"].empty());
  EXPECT_FALSE(Feed(cookie)["meta"]["personalized"].get<bool>());
}

TEST_F(FeedTest, OptOutAndPrivacySignalsStopRecording) {
  std::string slug = Feed("")["data"][0]["slug"].get<std::string>();
  HttpResult gpc = Post(Event("view", slug), "", {{"Sec-GPC", "1"}});
  ASSERT_EQ(gpc.status, 200) << gpc.body;
  EXPECT_FALSE(gpc.json()["data"]["recorded"].get<bool>());
  EXPECT_TRUE(CookieFrom(gpc, "meridian_visitor").empty());

  HttpResult off = server_->Send("PUT", "/api/v1/me/tracking", R"({"enabled": false})",
                                 {{"Content-Type", "application/json"}});
  ASSERT_EQ(off.status, 200) << off.body;
  std::string opt_out = CookieFrom(off, "meridian_tracking");
  ASSERT_EQ(opt_out, "meridian_tracking=off");
  HttpResult r = Post(Event("view", slug), opt_out);
  EXPECT_FALSE(r.json()["data"]["recorded"].get<bool>());
  EXPECT_FALSE(server_->Get("/api/v1/me/tracking", {{"Cookie", opt_out}})
                   .json()["data"]["enabled"]
                   .get<bool>());

  // An account's setting is stored with it; its events are its own.
  HttpResult signup = server_->Send(
      "POST", "/api/v1/auth/signup",
      Json{{"email", "feed@test.example"}, {"password", "feed-password-123"}, {"role", "member"}}
          .dump(),
      {{"Content-Type", "application/json"}});
  ASSERT_EQ(signup.status, 201) << signup.body;
  std::string session = CookieFrom(signup, "meridian_session");
  std::string csrf = signup.json()["data"]["csrf_token"].get<std::string>();
  // The account's id, as an operator sees it.
  CommandResult users = RunMeridian({"users", "list", "--db", *db_});
  size_t line = users.out.find("feed@test.example");
  ASSERT_NE(line, std::string::npos) << users.out << users.err;
  int64_t user_id = std::atoll(users.out.c_str() + users.out.rfind('\n', line) + 1);
  std::map<std::string, std::string> me = {{"Cookie", session}, {"X-CSRF-Token", csrf}};
  // Without the CSRF token a cookie-authenticated event is refused.
  EXPECT_EQ(Post(Event("save", slug), session).status, 403);
  me["Content-Type"] = "application/json";
  HttpResult saved = server_->Send("POST", "/api/v1/events", Event("save", slug), me);
  ASSERT_EQ(saved.status, 201) << saved.body;
  EXPECT_TRUE(CookieFrom(saved, "meridian_visitor").empty()) << "accounts need no visitor id";
  Json mine = server_->Get("/api/v1/me/feed", me).json();
  EXPECT_EQ(mine["meta"]["history"], 1);
  // Admins read anyone's feed; others may not.
  std::string path = "/api/v1/users/" + std::to_string(user_id) + "/feed";
  HttpResult admin = server_->Get(path, {{"Authorization", std::string("Bearer ") + kAdminToken}});
  ASSERT_EQ(admin.status, 200) << admin.body;
  EXPECT_EQ(admin.json()["meta"]["history"], 1);
  EXPECT_EQ(server_->Get(path).status, 401);
  EXPECT_EQ(server_->Get(path, me).status, 403);

  ASSERT_EQ(server_->Send("PUT", "/api/v1/me/tracking", R"({"enabled": false})", me).status, 200);
  EXPECT_FALSE(server_->Get("/api/v1/me/tracking", me).json()["data"]["enabled"].get<bool>());
  HttpResult ignored = server_->Send("POST", "/api/v1/events", Event("apply", slug), me);
  EXPECT_FALSE(ignored.json()["data"]["recorded"].get<bool>()) << ignored.body;
  EXPECT_EQ(server_->Get("/api/v1/me/events", me).json()["data"].size(), 1u);
}

// The number of events a model was trained on, from its id "recs-<events>-<time>".
long EventsOf(const Json& feed) {
  std::string id = feed["meta"]["snapshot"].get<std::string>();
  return id.rfind("recs-", 0) == 0 ? std::atol(id.c_str() + 5) : -1;
}

TEST_F(FeedTest, RecommendersRetrainFromStoredEvents) {
  Json first = Feed("");
  long trained = EventsOf(first);
  ASSERT_GE(trained, 0) << first.dump();
  // Several visitors save the same two jobs.
  std::string a = first["data"][0]["slug"].get<std::string>();
  std::string b = first["data"][1]["slug"].get<std::string>();
  for (int v = 0; v < 4; ++v) {
    HttpResult r = Post(Event("save", a), "");
    ASSERT_EQ(r.status, 201) << r.body;
    ASSERT_EQ(Post(Event("save", b), CookieFrom(r, "meridian_visitor")).status, 201);
  }
  HttpResult probe = Post(Event("save", a), "");
  ASSERT_EQ(probe.status, 201);
  // The recommenders retrain from the stored events in the background (waited for, never
  // timed: up to 3 minutes).
  Json later;
  for (int i = 0; i < 1800; ++i) {
    later = Feed("");
    if (EventsOf(later) >= trained + 9) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_GE(EventsOf(later), trained + 9) << later.dump();
  EXPECT_TRUE(WaitForLog(*server_, "feed: retrained"));
  // The probe visitor, who saved `a`, is offered `b` with a collaborative part.
  Json feed = Feed(CookieFrom(probe, "meridian_visitor"), 50);
  EXPECT_EQ(feed["meta"]["history"], 1);
  auto slugs = Slugs(feed);
  auto at = std::find(slugs.begin(), slugs.end(), b);
  ASSERT_NE(at, slugs.end()) << feed.dump();
  double als = 0;
  for (const Json& f : feed["data"][at - slugs.begin()]["explanation"]["factors"]) {
    if (f["factor"] == "als") als = f["part"].get<double>();
  }
  EXPECT_GT(als, 0) << feed["data"][at - slugs.begin()].dump();
}

TEST_F(FeedTest, SigningUpCarriesTheVisitorsHistoryOver) {
  std::string slug = Feed("")["data"][2]["slug"].get<std::string>();
  HttpResult saved = Post(Event("save", slug), "");
  ASSERT_EQ(saved.status, 201);
  std::string visitor = CookieFrom(saved, "meridian_visitor");
  HttpResult signup = server_->Send(
      "POST", "/api/v1/auth/signup",
      Json{{"email", "carry@test.example"}, {"password", "carry-password-123"}, {"role", "member"}}
          .dump(),
      {{"Content-Type", "application/json"}, {"Cookie", visitor}});
  ASSERT_EQ(signup.status, 201) << signup.body;
  std::string session = CookieFrom(signup, "meridian_session");
  // Signed in (both cookies, as a browser sends them): the save is the account's now.
  std::map<std::string, std::string> me = {{"Cookie", session + "; " + visitor}};
  Json history = server_->Get("/api/v1/me/events", me).json();
  ASSERT_EQ(history["data"].size(), 1u) << history.dump();
  EXPECT_EQ(history["data"][0]["slug"], slug);
  Json feed = server_->Get("/api/v1/me/feed", me).json();
  EXPECT_EQ(feed["meta"]["history"], 1);
  // The visitor id itself has nothing left.
  EXPECT_TRUE(server_->Get("/api/v1/me/events", {{"Cookie", visitor}}).json()["data"].empty());
}

TEST_F(FeedTest, EventsAboutOtherEntitiesAreKeptButDoNotFeedJobs) {
  Json articles = server_->Get("/api/v1/articles?limit=1").json();
  ASSERT_FALSE(articles["data"].empty());
  std::string article = articles["data"][0]["slug"].get<std::string>();
  HttpResult r = Post(Json{{"kind", "read"},
                           {"entity", "article"},
                           {"slug", article},
                           {"context", {{"list", "article"}}}}
                          .dump(),
                      "");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string cookie = CookieFrom(r, "meridian_visitor");
  Json history = server_->Get("/api/v1/me/events", {{"Cookie", cookie}}).json();
  ASSERT_EQ(history["data"].size(), 1u);
  EXPECT_EQ(history["data"][0]["entity"], "article");
  EXPECT_EQ(history["data"][0]["slug"], article);
  EXPECT_EQ(Feed(cookie)["meta"]["history"], 0);  // the job feed learns from job events
}

TEST_F(FeedTest, BadInputIsA4xxNamingTheField) {
  std::string slug = Feed("")["data"][0]["slug"].get<std::string>();
  struct Case {
    std::string body;
    int status;
    std::string names;
  };
  std::vector<Case> cases = {
      {"not json", 400, ""},
      {"[]", 400, "object"},
      {R"({"kind":"like","slug":"x"})", 400, "kind"},
      {R"({"kind":"view"})", 400, "slug"},
      {R"({"kind":"view","slug":"no-such-job"})", 404, ""},
      {R"({"kind":"view","slug":")" + slug + R"(","extra":1})", 400, "extra"},
      {R"({"kind":"view","slug":")" + slug + R"(","entity":"planet"})", 400, "entity"},
      {R"({"kind":7,"slug":"x"})", 400, "kind"},
      {R"({"kind":"view","slug":")" + slug + R"(","context":{"position":-1}})", 400, "position"},
      {R"({"kind":"view","slug":")" + slug + R"(","context":{"who":"me"}})", 400, "who"},
      {R"({"kind":"view","slug":")" + slug + R"(","context":[]})", 400, "context"},
  };
  for (const Case& c : cases) {
    HttpResult r = Post(c.body, "");
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
    if (!c.names.empty()) {
      EXPECT_NE(r.body.find(c.names), std::string::npos) << r.body;
    }
  }
  EXPECT_EQ(server_->Get("/api/v1/me/feed?limit=0").status, 400);
  EXPECT_EQ(server_->Get("/api/v1/me/feed?limit=51").status, 400);
  EXPECT_EQ(server_->Get("/api/v1/me/feed?sort=x").status, 400);
  EXPECT_EQ(server_->Get("/api/v1/me/events?limit=abc").status, 400);
  EXPECT_EQ(server_
                ->Send("PUT", "/api/v1/me/tracking", R"({"enabled":"no"})",
                       {{"Content-Type", "application/json"}})
                .status,
            400);
  EXPECT_EQ(
      server_
          ->Get("/api/v1/users/abc/feed", {{"Authorization", std::string("Bearer ") + kAdminToken}})
          .status,
      400);
  // A hostile visitor cookie is ignored, not trusted: a fresh id is issued.
  HttpResult r = Post(Event("view", slug), "meridian_visitor=../../etc;drop");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(CookieFrom(r, "meridian_visitor").empty());
}

}  // namespace
}  // namespace meridian::testing
