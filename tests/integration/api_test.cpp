// Every route of `meridian serve`, exercised over real HTTP against a temporary database.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

#include "harness.h"

namespace meridian::testing {
namespace {

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    ASSERT_TRUE(server_->started()) << "meridian serve did not start";
    ASSERT_EQ(server_
                  ->Write("POST", "/api/v1/companies", R"({"name":"Acme Remote","slug":"acme",
        "website":"https://acme.example","regions":["Europe"],"technologies":["rust","go"]})")
                  .status,
              201);
    ASSERT_EQ(
        server_
            ->Write("POST", "/api/v1/cities", R"({"name":"Lisbon","slug":"lisbon","country":"PT",
        "lat":38.72,"lng":-9.14,"population":506654,"timezone":"Europe/Lisbon"})")
            .status,
        201);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static ServerProcess* server_;
};
ServerProcess* ApiTest::server_ = nullptr;

TEST_F(ApiTest, OperationalEndpoints) {
  auto health = server_->Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "ok");
  EXPECT_EQ(server_->Get("/readyz").status, 200);
  auto index = server_->Get("/api/v1");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.json()["data"]["resources"].size(), 5u);
  server_->Get("/api/v1/jobs?limit=1");
  auto metrics = server_->Get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.headers["content-type"].find("text/plain"), std::string::npos);
  EXPECT_NE(
      metrics.body.find("meridian_http_requests_total{route=\"GET /api/v1/jobs\",status=\"200\"}"),
      std::string::npos);
  EXPECT_NE(
      metrics.body.find(
          "meridian_http_request_duration_seconds_bucket{route=\"GET /api/v1/jobs\",le=\"+Inf\"}"),
      std::string::npos);
  EXPECT_NE(metrics.body.find("meridian_store_rows{table=\"companies\"}"), std::string::npos);
  // Memory: resident and heap figures, the scheduled releases, the feed's history cache.
  for (const char* name :
       {"process_resident_memory_bytes ", "meridian_heap_in_use_bytes ",
        "meridian_heap_free_held_bytes ", "meridian_database_memory_bytes ",
        "meridian_memory_releases_total ", "meridian_memory_release_seconds_total ",
        "meridian_memory_released_bytes_total ", "meridian_feed_cached_owners ",
        "meridian_feed_cached_events ", "meridian_feed_cache_restarts_total "}) {
    EXPECT_NE(metrics.body.find(std::string("\n") + name), std::string::npos) << name;
  }
  const size_t rss = metrics.body.find("\nprocess_resident_memory_bytes ");
  ASSERT_NE(rss, std::string::npos);
  EXPECT_GT(std::stod(metrics.body.substr(rss + 31)), 1e6) << "over 1 MB resident";
}

TEST_F(ApiTest, JobLifecycleCreateGetListPatchDelete) {
  auto created =
      server_->Write("POST", "/api/v1/jobs", R"({"company":"acme","title":"Senior Rust Engineer",
      "description":"Build **fast** things.","tags":["rust","tokio"],"seniority":"senior",
      "eligibility":{"areas":["Europe"]},"timezone":{"zone":"Europe/Berlin","start":"09:00","end":"17:00"},
      "salary":{"min":90000,"max":120000,"currency":"EUR","period":"YEAR"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  Json job = created.json()["data"];
  std::string slug = job["slug"];
  EXPECT_EQ(slug, "senior-rust-engineer-acme");
  EXPECT_EQ(created.headers["location"], "/api/v1/jobs/" + slug);
  EXPECT_EQ(job["company"]["name"], "Acme Remote");
  EXPECT_GT(job["salary"]["annual_usd_min"].get<double>(), 90000);
  EXPECT_EQ(job["salary"]["source"], "employer");

  auto got = server_->Get("/api/v1/jobs/" + slug);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json()["data"]["title"], "Senior Rust Engineer");
  EXPECT_EQ(got.json()["data"]["eligibility"]["area_names"][0], "Europe");
  EXPECT_FALSE(got.json()["data"].contains("scam"));  // private field
  EXPECT_TRUE(got.json().contains("meta"));

  auto patched =
      server_->Write("PATCH", "/api/v1/jobs/" + slug, R"({"title":"Staff Rust Engineer"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["data"]["title"], "Staff Rust Engineer");
  EXPECT_EQ(patched.json()["data"]["slug"], slug);

  auto list = server_->Get("/api/v1/jobs?tag=tokio&seniority=senior&company=acme");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["data"].size(), 1u);
  EXPECT_EQ(list.json()["data"][0]["slug"], slug);

  EXPECT_EQ(server_->Write("DELETE", "/api/v1/jobs/" + slug, "").status, 204);
  EXPECT_EQ(server_->Get("/api/v1/jobs/" + slug).status, 404);
  EXPECT_EQ(server_->Write("DELETE", "/api/v1/jobs/" + slug, "").status, 404);
}

// Polls a search until it reports `total` matches (the index follows the change log).
bool WaitForSearch(const ServerProcess& server, const std::string& target, size_t total) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < deadline) {
    auto r = server.Get(target);
    if (r.status == 200 && r.json()["meta"]["total"] == total) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST_F(ApiTest, CursorPaginationWalksEveryJobOnce) {
  for (int i = 0; i < 12; ++i) {
    auto r =
        server_->Write("POST", "/api/v1/jobs",
                       R"({"company":"acme","title":"Paged role )" + std::to_string(i) +
                           R"(","posted_at":"2026-10-)" + std::to_string(10 + i % 3) + R"("})");
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // q searches the full-text index, which follows writes within a second.
  ASSERT_TRUE(WaitForSearch(*server_, "/api/v1/jobs?q=Paged&limit=1", 12));
  std::set<std::string> seen;
  std::string target = "/api/v1/jobs?limit=5&q=Paged";
  int pages = 0;
  while (true) {
    auto r = server_->Get(target);
    ASSERT_EQ(r.status, 200) << r.body;
    Json doc = r.json();
    EXPECT_LE(doc["data"].size(), 5u);
    EXPECT_EQ(doc["meta"]["limit"], 5);
    for (const Json& j : doc["data"]) EXPECT_TRUE(seen.insert(j["slug"].get<std::string>()).second);
    ++pages;
    if (doc["meta"]["next_cursor"].is_null()) break;
    target = "/api/v1/jobs?limit=5&q=Paged&cursor=" + doc["meta"]["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(seen.size(), 12u);
  EXPECT_EQ(pages, 3);
}

TEST_F(ApiTest, EveryEntityHasCrud) {
  struct Case {
    std::string plural, body, patch;
  } cases[] = {
      {"companies", R"({"name":"Globex","remote_policy":"remote-first"})", R"({"size":"large"})"},
      {"talent",
       R"({"name":"Ana Silva","headline":"Rust engineer","skills":[{"name":"rust","level":5}],
          "city":"lisbon","country":"PT","timezone":"Europe/Lisbon","email":"ana@example.com"})",
       R"({"availability":"now"})"},
      {"cities",
       R"({"name":"Porto","country":"PT","lat":41.15,"lng":-8.61,"timezone":"Europe/Lisbon"})",
       R"({"internet_mbps":120})"},
      {"articles",
       R"({"title":"Working across time zones","body":"# Hello\n\nText.","tags":["remote-work"]})",
       R"({"summary":"How to overlap."})"},
  };
  for (const Case& c : cases) {
    auto created = server_->Write("POST", "/api/v1/" + c.plural, c.body);
    ASSERT_EQ(created.status, 201) << c.plural << ": " << created.body;
    std::string slug = created.json()["data"]["slug"];
    EXPECT_EQ(server_->Get("/api/v1/" + c.plural + "/" + slug).status, 200) << c.plural;
    auto list = server_->Get("/api/v1/" + c.plural + "?limit=2");
    EXPECT_EQ(list.status, 200) << c.plural;
    EXPECT_GE(list.json()["data"].size(), 1u);
    auto patched = server_->Write("PATCH", "/api/v1/" + c.plural + "/" + slug, c.patch);
    EXPECT_EQ(patched.status, 200) << c.plural << ": " << patched.body;
    EXPECT_EQ(server_->Write("DELETE", "/api/v1/" + c.plural + "/" + slug, "").status, 204)
        << c.plural;
    EXPECT_EQ(server_->Get("/api/v1/" + c.plural + "/" + slug).status, 404) << c.plural;
  }
}

TEST_F(ApiTest, PrivateTalentFieldsAndHiddenProfiles) {
  ASSERT_EQ(
      server_
          ->Write("POST", "/api/v1/talent",
                  R"({"slug":"bo","name":"Bo","email":"bo@example.com","visibility":"hidden"})")
          .status,
      201);
  ASSERT_EQ(
      server_
          ->Write("POST", "/api/v1/talent", R"({"slug":"cy","name":"Cy","email":"cy@example.com"})")
          .status,
      201);
  EXPECT_EQ(server_->Get("/api/v1/talent/bo").status, 404);
  auto cy = server_->Get("/api/v1/talent/cy");
  ASSERT_EQ(cy.status, 200);
  EXPECT_EQ(cy.body.find("cy@example.com"), std::string::npos);
  auto admin =
      server_->Get("/api/v1/talent/bo", {{"Authorization", std::string("Bearer ") + kAdminToken}});
  EXPECT_EQ(admin.status, 200);
  EXPECT_EQ(admin.json()["data"]["email"], "bo@example.com");
  auto list = server_->Get("/api/v1/talent?limit=100");
  EXPECT_EQ(list.body.find("\"bo\""), std::string::npos);
  EXPECT_EQ(server_->Get("/api/v1/talent?include_hidden=true").status, 403);
}

TEST_F(ApiTest, WritesNeedTheAdminToken) {
  auto none = server_->Send("POST", "/api/v1/companies", R"({"name":"Nope"})");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.json()["error"]["code"], "unauthenticated");
  EXPECT_NE(none.headers["www-authenticate"].find("Bearer"), std::string::npos);
  auto wrong = server_->Send("POST", "/api/v1/companies", R"({"name":"Nope"})",
                             {{"Authorization", "Bearer wrong"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(server_->Send("DELETE", "/api/v1/companies/acme", "").status, 401);
  EXPECT_EQ(server_->Get("/api/v1/jobs?status=any").status, 403);
}

TEST_F(ApiTest, RoutingHeadAndMethods) {
  auto missing = server_->Get("/api/v1/nothing-here");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.json()["error"]["code"], "not_found");
  auto page404 = server_->Get("/no/such/page");
  EXPECT_EQ(page404.status, 404);
  EXPECT_NE(page404.headers["content-type"].find("text/html"), std::string::npos);
  auto put = server_->Send("PUT", "/api/v1/jobs", "{}");
  EXPECT_EQ(put.status, 405);
  EXPECT_NE(put.headers["allow"].find("GET"), std::string::npos);
  auto head = server_->Send("HEAD", "/api/v1/companies/acme", "");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_NE(std::atoi(head.headers["content-length"].c_str()), 0);
  auto id = server_->Get("/healthz", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(id.headers["x-request-id"], "abc-123");
  EXPECT_EQ(id.headers["x-content-type-options"], "nosniff");
}

TEST_F(ApiTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  std::string two =
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/companies/acme HTTP/1.1\r\nHost: "
      "x\r\n\r\n";
  std::string out = server_->Raw(two, 1500);
  size_t first = out.find("HTTP/1.1 200");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(out.find("HTTP/1.1 200", first + 1), std::string::npos) << out;
  EXPECT_NE(out.find("Acme Remote"), std::string::npos);
}

TEST(ServerLifecycleTest, GracefulShutdownFinishesInFlightRequests) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  // Start a request whose body has not fully arrived, then ask the server to stop.
  std::string body = R"({"name":"Late Arrival Inc"})";
  std::string head =
      "POST /api/v1/companies HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Authorization: Bearer " +
      std::string(kAdminToken) + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  int port = server.port();
  std::string slow_response;
  std::thread slow([&] {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    std::string first = head + body.substr(0, 5);
    ::send(fd, first.data(), first.size(), MSG_NOSIGNAL);
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // SIGTERM arrives meanwhile
    std::string rest = body.substr(5);
    ::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL);
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0)
      slow_response.append(buf, static_cast<size_t>(n));
    ::close(fd);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int code = server.Terminate();
  slow.join();
  EXPECT_EQ(code, 0);
  EXPECT_NE(slow_response.find("HTTP/1.1 201"), std::string::npos) << slow_response;
  EXPECT_NE(slow_response.find("Connection: close"), std::string::npos);
  // The write survived the shutdown.
  ServerProcess again({.db = server.db()});
  ASSERT_TRUE(again.started());
  EXPECT_EQ(again.Get("/api/v1/companies/late-arrival-inc").status, 200);
  RemoveDb(server.db());
}

TEST(ServerLifecycleTest, TheInterimAdminTokenWorksOnlyWhenConfigured) {
  ServerProcess server({.extra_args = {"--admin-token", ""}});
  ASSERT_TRUE(server.started());
  // The token the other tests use is just an unknown bearer token here.
  auto r = server.Write("POST", "/api/v1/companies", R"({"name":"X"})");
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(r.headers["www-authenticate"], "Bearer realm=\"meridian\"");
  auto anonymous = server.Send("POST", "/api/v1/companies", R"({"name":"X"})",
                               {{"Content-Type", "application/json"}});
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
  EXPECT_EQ(server.Get("/api/v1/companies/x").status, 404);
}

TEST(ServerLifecycleTest, SlowClientsTimeOut) {
  ServerProcess server({.env = {"MERIDIAN_READ_TIMEOUT=1"}});
  ASSERT_TRUE(server.started());
  auto start = std::chrono::steady_clock::now();
  std::string out =
      server.Raw("GET /healthz HTTP/1.1\r\nHost: x\r\n", 4000);  // never finishes the header
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(waited, 3.5);  // the server hung up well before our own 4 s limit
  EXPECT_TRUE(out.empty() || out.find("408") != std::string::npos) << out;
}

}  // namespace
}  // namespace meridian::testing

namespace meridian::testing {
namespace {

TEST(ResponseCacheIntegrationTest, WritesAreVisibleThroughTheCache) {
  ServerProcess server;
  ASSERT_TRUE(server.started());
  ASSERT_EQ(
      server.Write("POST", "/api/v1/companies", R"({"name":"Cachet","slug":"cachet"})").status,
      201);
  ASSERT_EQ(server
                .Write("POST", "/api/v1/jobs",
                       R"({"company":"cachet","title":"First title","slug":"cj"})")
                .status,
            201);
  EXPECT_EQ(server.Get("/api/v1/jobs/cj").json()["data"]["title"], "First title");  // now cached
  EXPECT_EQ(server.Get("/api/v1/jobs/cj").json()["data"]["title"], "First title");
  // A write through the server is visible at once.
  ASSERT_EQ(server.Write("PATCH", "/api/v1/jobs/cj", R"({"title":"Second title"})").status, 200);
  EXPECT_EQ(server.Get("/api/v1/jobs/cj").json()["data"]["title"], "Second title");
  // Renaming the company changes the name embedded in its jobs.
  ASSERT_EQ(server.Write("PATCH", "/api/v1/companies/cachet", R"({"name":"Cachet Labs"})").status,
            200);
  EXPECT_EQ(server.Get("/api/v1/jobs/cj").json()["data"]["company"]["name"], "Cachet Labs");
  // A write by another process (a CLI import into the same database) shows up after the change
  // feed polls (every 200 ms).
  std::string file = TempPath("patch.ndjson");
  WriteFile(file, R"({"slug":"cj","company":"cachet","title":"Imported title"})"
                  "\n");
  ASSERT_EQ(RunMeridian({"import", "jobs", file, "--db", server.db()}).exit_code, 0);
  std::string title;
  for (int i = 0; i < 50 && title != "Imported title"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    title = server.Get("/api/v1/jobs/cj").json()["data"]["title"];
  }
  EXPECT_EQ(title, "Imported title");
  // Deleted records are not served from the cache.
  ASSERT_EQ(server.Write("DELETE", "/api/v1/jobs/cj", "").status, 204);
  EXPECT_EQ(server.Get("/api/v1/jobs/cj").status, 404);
  std::remove(file.c_str());
}

}  // namespace
}  // namespace meridian::testing
