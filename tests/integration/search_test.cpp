// Full-text job search through the API (issue 4, first increment): typos, prefixes,
// exclusions, filters, facets, sorts, offset cursors, visibility of new writes, bad input.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "base/strings.h"
#include "harness.h"

namespace meridian::testing {
namespace {

class SearchApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    ASSERT_TRUE(server_->started());
    ASSERT_EQ(
        server_->Write("POST", "/api/v1/companies", R"({"name":"Acme","slug":"acme"})").status,
        201);
    ASSERT_EQ(
        server_->Write("POST", "/api/v1/companies", R"({"name":"Beta","slug":"beta"})").status,
        201);
    const char* jobs[] = {
        R"({"slug":"py-senior","company":"acme","title":"Senior Python Developer","tags":["python","django"],"seniority":"senior","salary":{"min":100000,"max":130000,"currency":"USD","period":"YEAR"},"posted_at":"2026-11-01"})",
        R"({"slug":"py-data","company":"beta","title":"Data Engineer","tags":["python","spark"],"description":"Pipelines in Python.","seniority":"mid","salary":{"min":70000,"max":90000,"currency":"USD","period":"YEAR"},"posted_at":"2026-11-05"})",
        R"({"slug":"k8s","company":"acme","title":"Kubernetes Platform Engineer","tags":["kubernetes","go"],"seniority":"senior","posted_at":"2026-11-10"})",
        R"({"slug":"java","company":"beta","title":"Java Developer","tags":["java"],"description":"Some Python scripts.","seniority":"junior","posted_at":"2026-11-15"})",
        R"({"slug":"hidden-draft","company":"acme","title":"Python Draft","status":"draft","posted_at":"2026-11-16"})",
    };
    for (const char* j : jobs)
      ASSERT_EQ(server_->Write("POST", "/api/v1/jobs", j).status, 201) << j;
    ASSERT_TRUE(WaitForTotal("/api/v1/jobs?q=python", 3));
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static bool WaitForTotal(const std::string& target, size_t total) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < deadline) {
      auto r = server_->Get(target);
      if (r.status == 200 && r.json()["meta"]["total"] == total) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  static std::vector<std::string> Slugs(const std::string& target) {
    auto r = server_->Get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    std::vector<std::string> out;
    Json doc = r.json();
    if (doc.contains("data")) {
      for (const Json& j : doc["data"]) out.push_back(j["slug"].get<std::string>());
    }
    return out;
  }
  static ServerProcess* server_;
};
ServerProcess* SearchApiTest::server_ = nullptr;

using V = std::vector<std::string>;

TEST_F(SearchApiTest, RanksTypoTolerantAndFiltered) {
  // Title matches rank first; the draft is not public.
  EXPECT_EQ(Slugs("/api/v1/jobs?q=python"), (V{"py-senior", "py-data", "java"}));
  EXPECT_EQ(Slugs("/api/v1/jobs?q=pyhton"), (V{"py-senior", "py-data", "java"}));
  EXPECT_EQ(Slugs("/api/v1/jobs?q=kube"), (V{"k8s"}));
  auto devs = Slugs("/api/v1/jobs?q=developers");  // the shorter title ranks first (BM25)
  EXPECT_EQ(std::set<std::string>(devs.begin(), devs.end()),
            (std::set<std::string>{"py-senior", "java"}));
  EXPECT_EQ(Slugs("/api/v1/jobs?q=python%20-java"), (V{"py-senior", "py-data"}));
  EXPECT_EQ(Slugs("/api/v1/jobs?q=python&seniority=senior"), (V{"py-senior"}));
  EXPECT_EQ(Slugs("/api/v1/jobs?q=python&company=beta"), (V{"py-data", "java"}));
  EXPECT_EQ(Slugs("/api/v1/jobs?q=engineer&tag=go"), (V{"k8s"}));
  EXPECT_EQ(Slugs("/api/v1/jobs?salary_min=95000"), (V{"py-senior"}));
  EXPECT_EQ(Slugs("/api/v1/jobs?sort=newest&limit=2"), (V{"java", "k8s"}));
  EXPECT_EQ(Slugs("/api/v1/jobs?sort=salary&limit=2"), (V{"py-senior", "py-data"}));
  // Admins may search every status.
  auto admin = server_->Send("GET", "/api/v1/jobs?q=python&status=any", "",
                             {{"Authorization", std::string("Bearer ") + kAdminToken}});
  EXPECT_EQ(admin.json()["meta"]["total"], 4);
}

TEST_F(SearchApiTest, FacetsAndCursors) {
  auto r = server_->Get("/api/v1/jobs?q=python&facets=tags,seniority&limit=2");
  ASSERT_EQ(r.status, 200) << r.body;
  Json doc = r.json();
  EXPECT_EQ(doc["meta"]["total"], 3);
  Json tags = doc["meta"]["facets"]["tags"];
  ASSERT_TRUE(tags.is_array());
  EXPECT_EQ(tags[0], (Json{{"value", "python"}, {"count", 2}}));
  std::set<std::string> seen;
  for (const Json& j : doc["data"]) seen.insert(j["slug"].get<std::string>());
  ASSERT_FALSE(doc["meta"]["next_cursor"].is_null());
  auto next = server_->Get("/api/v1/jobs?q=python&limit=2&cursor=" +
                           doc["meta"]["next_cursor"].get<std::string>());
  ASSERT_EQ(next.status, 200);
  Json second = next.json();  // kept alive for the loop
  for (const Json& j : second["data"]) seen.insert(j["slug"].get<std::string>());
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_TRUE(second["meta"]["next_cursor"].is_null());
}

TEST_F(SearchApiTest, NewJobsAreFoundWithinASecond) {
  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(server_
                ->Write("POST", "/api/v1/jobs",
                        R"({"slug":"zig","company":"acme","title":"Zig Compiler Engineer"})")
                .status,
            201);
  ASSERT_TRUE(WaitForTotal("/api/v1/jobs?q=zig", 1));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 1.0);
  ASSERT_EQ(server_->Write("DELETE", "/api/v1/jobs/zig", "").status, 204);
  ASSERT_TRUE(WaitForTotal("/api/v1/jobs?q=zig", 0));
}

TEST_F(SearchApiTest, EligibilityAndTimezoneOverlap) {
  const char* jobs[] = {
      R"({"slug":"z-europe","company":"acme","title":"Zebra keeper","eligibility":{"areas":["150"]},"timezone":"Europe/Berlin"})",
      R"({"slug":"z-us","company":"acme","title":"Zebra keeper","eligibility":{"areas":["US"]},"timezone":"America/Los_Angeles"})",
      R"({"slug":"z-india","company":"acme","title":"Zebra keeper","eligibility":{"areas":["WW"]},"timezone":"Asia/Kolkata"})",
      R"({"slug":"z-utc","company":"acme","title":"Zebra keeper","eligibility":{"areas":["WW"]},"timezone":{"utc_min":-1,"utc_max":2}})",
  };
  for (const char* j : jobs) ASSERT_EQ(server_->Write("POST", "/api/v1/jobs", j).status, 201) << j;
  ASSERT_TRUE(WaitForTotal("/api/v1/jobs?q=zebra", 4));
  auto set = [](const std::vector<std::string>& v) {
    return std::set<std::string>(v.begin(), v.end());
  };
  using Set = std::set<std::string>;
  // Open to Europe (PT is in 150), or worldwide.
  EXPECT_EQ(set(Slugs("/api/v1/jobs?q=zebra&eligible_from=PT")),
            (Set{"z-europe", "z-india", "z-utc"}));
  EXPECT_EQ(set(Slugs("/api/v1/jobs?q=zebra&eligible_from=us")), (Set{"z-us", "z-india", "z-utc"}));
  EXPECT_EQ(set(Slugs("/api/v1/jobs?q=zebra&eligible_from=Japan")), (Set{"z-india", "z-utc"}));
  // 09:00-17:00 UTC against each job's hours (UTC has no DST; Kolkata is UTC+05:30, so its
  // 09:00-17:00 overlaps by exactly 2.5 hours).
  EXPECT_EQ(set(Slugs("/api/v1/jobs?q=zebra&tz=UTC&min_overlap=3")), (Set{"z-europe", "z-utc"}));
  EXPECT_EQ(set(Slugs("/api/v1/jobs?q=zebra&tz=UTC&min_overlap=2")),
            (Set{"z-europe", "z-india", "z-utc"}));
  EXPECT_EQ(set(Slugs("/api/v1/jobs?q=zebra&tz=America/Los_Angeles&min_overlap=6")), (Set{"z-us"}));
  EXPECT_EQ(set(Slugs("/api/v1/jobs?q=zebra&eligible_from=PT&tz=UTC&min_overlap=3")),
            (Set{"z-europe", "z-utc"}));
  for (const auto& [target, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/jobs?q=zebra&eligible_from=Atlantis", "eligible_from"},
           {"/api/v1/jobs?q=zebra&tz=Mars/Olympus", "tz"},
           {"/api/v1/jobs?q=zebra&min_overlap=3", "tz"},
           {"/api/v1/jobs?q=zebra&tz=UTC&min_overlap=0", "min_overlap"},
           {"/api/v1/jobs?q=zebra&tz=UTC&min_overlap=99", "min_overlap"}}) {
    auto r = server_->Get(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.json()["error"]["field"], field) << target;
  }
}

TEST_F(SearchApiTest, HighlightsAndAllTags) {
  auto r = server_->Get("/api/v1/jobs?q=pipeline");
  ASSERT_EQ(r.status, 200) << r.body;
  Json doc = r.json();
  ASSERT_EQ(doc["data"].size(), 1u);
  EXPECT_EQ(doc["data"][0]["highlight"]["snippet"], "<mark>Pipelines</mark> in Python.");
  EXPECT_EQ(doc["data"][0]["highlight"]["title"], "Data Engineer");
  EXPECT_EQ(doc["meta"]["typos"], false);
  doc = server_->Get("/api/v1/jobs?q=pyhton").json();
  EXPECT_EQ(doc["meta"]["typos"], true);
  EXPECT_EQ(doc["data"][0]["highlight"]["title"], "Senior <mark>Python</mark> Developer");
  EXPECT_EQ(Slugs("/api/v1/jobs?q=python&tag_all=python,spark"), (V{"py-data"}));
  EXPECT_EQ(Slugs("/api/v1/jobs?tag_all=python&tag_all=django"), (V{"py-senior"}));
  // A salary range in annual USD: jobs whose range overlaps it (py-data is 70-90k).
  EXPECT_EQ(Slugs("/api/v1/jobs?salary_min=60000&salary_max=95000"), (V{"py-data"}));
}

// One query across jobs, companies, talent, articles and cities, kept current by the
// change log like job search.
TEST_F(SearchApiTest, SiteWideSearch) {
  ASSERT_EQ(
      server_
          ->Write(
              "POST", "/api/v1/articles",
              R"({"slug":"quokka-guide","title":"Working remotely with quokkas","body":"Quokkas like **Python** too."})")
          .status,
      201);
  ASSERT_EQ(
      server_
          ->Write(
              "POST", "/api/v1/companies",
              R"({"slug":"quokka-co","name":"Quokka Co","description":"We build quokka tools."})")
          .status,
      201);
  Json doc;
  for (int i = 0; i < 150; ++i) {  // up to 3 s for the change log to carry them
    doc = server_->Get("/api/v1/search?q=quokka").json();
    if (doc["meta"]["total"]["articles"] == 1 && doc["meta"]["total"]["companies"] == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(doc["meta"]["total"]["articles"], 1) << doc.dump();
  EXPECT_EQ(doc["data"]["articles"][0]["url"], "/articles/quokka-guide");
  EXPECT_EQ(doc["data"]["articles"][0]["highlight"]["title"],
            "Working remotely with <mark>quokkas</mark>");
  EXPECT_EQ(doc["data"]["companies"][0]["slug"], "quokka-co");
  EXPECT_EQ(doc["meta"]["total"]["jobs"], 0);
  // Typos are decided across kinds: "spark" matches a job exactly, so the company "Stark"
  // (one typo away) is not offered; "sparkk" matches nothing exactly and finds both.
  ASSERT_EQ(
      server_->Write("POST", "/api/v1/companies", R"({"slug":"stark","name":"Stark"})").status,
      201);
  for (int i = 0; i < 150; ++i) {
    doc = server_->Get("/api/v1/search?q=stark").json();
    if (doc["meta"]["total"]["companies"] == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  doc = server_->Get("/api/v1/search?q=spark").json();
  EXPECT_EQ(doc["meta"]["total"]["jobs"], 1) << doc.dump();
  EXPECT_EQ(doc["meta"]["total"]["companies"], 0) << doc.dump();
  EXPECT_EQ(doc["meta"]["typos"], false);
  doc = server_->Get("/api/v1/search?q=sparkk").json();
  EXPECT_EQ(doc["meta"]["typos"], true) << doc.dump();
  EXPECT_EQ(doc["meta"]["total"]["jobs"], 1) << doc.dump();
  // Types narrow it; jobs come from the job index (live only).
  doc = server_->Get("/api/v1/search?q=python&type=jobs,articles&limit=2").json();
  EXPECT_EQ(doc["meta"]["total"]["jobs"], 3);
  EXPECT_EQ(doc["data"]["jobs"].size(), 2u);
  EXPECT_FALSE(doc["data"].contains("companies"));
  for (const auto& [target, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/search", "q"},
           {"/api/v1/search?q=%20", "q"},
           {"/api/v1/search?q=x&type=planets", "type"},
           {"/api/v1/search?q=x&limit=0", "limit"},
           {"/api/v1/search?q=x&limit=21", "limit"},
           {"/api/v1/search?q=x&sort=new", "sort"},
           {"/api/v1/search?q=" + std::string(201, 'a'), "q"}}) {
    auto r = server_->Get(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.json()["error"]["field"], field) << target;
  }
}

TEST_F(SearchApiTest, BadParametersAreNamed) {
  struct Case {
    std::string target, field;
  } cases[] = {
      {"/api/v1/jobs?q=x&sort=best", "sort"},
      {"/api/v1/jobs?q=x&facets=salary", "facets"},
      {"/api/v1/jobs?q=x&salary_min=-5", "salary_min"},
      {"/api/v1/jobs?q=x&salary_min=lots", "salary_min"},
      {"/api/v1/jobs?q=x&cursor=garbage", "cursor"},
      {"/api/v1/jobs?q=x&limit=1000", "limit"},
      {"/api/v1/jobs?q=" + std::string(201, 'a'), "q"},
      {"/api/v1/jobs?q=x&nope=1", "nope"},
      {"/api/v1/jobs?q=x&tag_all=" + std::string(50, 'a'), "tag_all"},
      {"/api/v1/jobs?q=x&salary_max=-1", "salary_max"},
      {"/api/v1/jobs?q=x&salary_min=90000&salary_max=50000", "salary_max"},
  };
  for (const Case& c : cases) {
    auto r = server_->Get(c.target);
    EXPECT_EQ(r.status, 400) << c.target << ": " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], c.field) << c.target;
  }
  // Hostile text is just text: an answer, never an error.
  for (const std::string& q :
       {std::string("%22%22%22"), std::string("----"), std::string("%22unbalanced"),
        std::string("%2A%2A%2A%28%29"), std::string("AND%20OR%20NOT"), std::string("%25")}) {
    auto r = server_->Get("/api/v1/jobs?q=" + q);
    EXPECT_EQ(r.status, 200) << q << ": " << r.body;
  }
}

}  // namespace
}  // namespace meridian::testing
