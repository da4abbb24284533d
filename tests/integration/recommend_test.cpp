// Related items and matches through the real binary (issue 5): every route answers with
// explained items whose parts sum to their score, follows writes, honours visibility,
// restarts from its files, `meridian train embeddings` works, and bad input of every kind
// is a 4xx naming the parameter.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "harness.h"

namespace meridian::testing {
namespace {

class RecommendTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::string(TempPath("recommend.db"));
    ASSERT_EQ(
        RunMeridian({"demo", "--db", *db_, "--jobs", "300", "--talent", "60", "--articles", "20"})
            .exit_code,
        0);
    server_ = new ServerProcess({.extra_args = {"--log-level", "info"}, .db = *db_});
    ASSERT_TRUE(server_->started());
    // The server answers at once and builds its model and indexes in the background.
    ASSERT_TRUE(WaitForLog(*server_, "recommendations:")) << server_->Log();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    RemoveDbAndModels(*db_);
    delete db_;
  }
  static std::string First(const std::string& list) {
    Json doc = server_->Get("/api/v1/" + list + "?limit=1").json();
    return doc["data"][0]["slug"].get<std::string>();
  }
  // The first slug of `list` whose `suffix` route answers at least one item.
  static std::string FirstWith(const std::string& list, const std::string& suffix) {
    Json doc = server_->Get("/api/v1/" + list + "?limit=60").json();
    for (const Json& item : doc["data"]) {
      std::string slug = item["slug"].get<std::string>();
      auto r = server_->Get("/api/v1/" + list + "/" + slug + "/" + suffix + "?limit=3");
      if (r.status == 200 && !r.json()["data"].empty()) return slug;
    }
    return "";
  }
  static void ExpectExplained(const std::string& target) {
    auto r = server_->Get(target);
    ASSERT_EQ(r.status, 200) << target << ": " << r.body;
    Json doc = r.json();
    ASSERT_FALSE(doc["data"].empty()) << target;
    double previous = 2;
    for (const Json& item : doc["data"]) {
      double sum = 0;
      for (const Json& f : item["explanation"]["factors"]) {
        EXPECT_FALSE(f["reason"].get<std::string>().empty()) << target;
        sum += f["part"].get<double>();
      }
      EXPECT_NEAR(sum, item["score"].get<double>(), 1e-9) << target;
      EXPECT_LE(item["score"].get<double>(), previous + 1e-12) << target << ": not best first";
      previous = item["score"].get<double>();
      EXPECT_FALSE(item["url"].get<std::string>().empty());
    }
  }
  static std::string* db_;
  static ServerProcess* server_;
};
std::string* RecommendTest::db_ = nullptr;
ServerProcess* RecommendTest::server_ = nullptr;

TEST_F(RecommendTest, EveryRouteAnswersWithExplainedItems) {
  std::string job = FirstWith("jobs", "talent"), talent = FirstWith("talent", "jobs");
  ASSERT_FALSE(job.empty());
  ASSERT_FALSE(talent.empty());
  ExpectExplained("/api/v1/jobs/" + job + "/similar?limit=5");
  ExpectExplained("/api/v1/jobs/" + job + "/talent?limit=5");
  ExpectExplained("/api/v1/jobs/" + job + "/articles?limit=3");
  ExpectExplained("/api/v1/talent/" + talent + "/jobs?limit=5");
  ExpectExplained("/api/v1/articles/" + First("articles") + "/related?limit=3");
  ExpectExplained("/api/v1/companies/" + First("companies") + "/similar?limit=3");
  ExpectExplained("/api/v1/cities/" + First("cities") + "/similar?limit=3");
  // A city with a guide article finds it; the rest may have nothing alike enough.
  std::string guided = FirstWith("cities", "articles");
  ASSERT_FALSE(guided.empty());
  ExpectExplained("/api/v1/cities/" + guided + "/articles?limit=3");

  // Matches for a profile are live jobs it can apply to: every eligibility reason says so.
  Json matches = server_->Get("/api/v1/talent/" + talent + "/jobs?limit=20").json();
  for (const Json& item : matches["data"]) {
    Json job_doc = server_->Get("/api/v1" + item["url"].get<std::string>()).json();
    EXPECT_EQ(job_doc["data"]["status"], "live");
    bool eligibility = false;
    for (const Json& f : item["explanation"]["factors"]) {
      if (f["factor"] == "eligibility") eligibility = true;
    }
    EXPECT_TRUE(eligibility);
  }
  Json weights = server_->Get("/api/v1/matching/weights").json();
  double total = 0;
  for (const auto& [name, w] : weights["data"]["match"].items()) total += w.get<double>();
  EXPECT_NEAR(total, 1.0, 1e-9);
}

TEST_F(RecommendTest, FollowsWritesAndVisibility) {
  // A new job just like an existing one shows up among its similar jobs.
  std::string job = First("jobs");
  Json original = server_->Get("/api/v1/jobs/" + job).json()["data"];
  Json copy = {{"slug", "copy-of-first"},    {"company", original["company"]["slug"]},
               {"title", original["title"]}, {"description", original["description"]},
               {"tags", original["tags"]},   {"status", "live"}};
  ASSERT_EQ(server_->Write("POST", "/api/v1/jobs", copy.dump()).status, 201);
  bool seen = false;
  for (int i = 0; i < 300 && !seen; ++i) {
    Json doc = server_->Get("/api/v1/jobs/" + job + "/similar?limit=3").json();
    for (const Json& item : doc["data"]) seen = seen || item["slug"] == "copy-of-first";
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(seen) << "a new job is recommended within 6 s";

  // A profile made hidden is no longer recommended, nor matched.
  std::string job_with_talent = FirstWith("jobs", "talent");
  ASSERT_FALSE(job_with_talent.empty());
  std::string target = "/api/v1/jobs/" + job_with_talent + "/talent?limit=50";
  std::string person = server_->Get(target).json()["data"][0]["slug"].get<std::string>();
  ASSERT_EQ(
      server_->Write("PATCH", "/api/v1/talent/" + person, R"({"visibility":"hidden"})").status,
      200);
  bool gone = false;
  for (int i = 0; i < 300 && !gone; ++i) {
    gone = true;
    Json doc = server_->Get(target).json();
    for (const Json& item : doc["data"]) gone = gone && item["slug"] != person;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(gone);
  EXPECT_EQ(server_->Get("/api/v1/talent/" + person + "/jobs").status, 404);
}

TEST_F(RecommendTest, BadInputIsA4xxNamingTheParameter) {
  std::string job = First("jobs");
  std::string base = "/api/v1/jobs/" + job + "/similar";
  struct Case {
    std::string query;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{{"limit=0", "limit"},
                                         {"limit=51", "limit"},
                                         {"limit=abc", "limit"},
                                         {"limit=%FF%FE", "limit"},
                                         {"bogus=1", "bogus"},
                                         {"skill=rust", "skill"},  // not a filter of this route
                                         {"eligible_from=Atlantis", "eligible_from"},
                                         {"eligible_from=%00", "eligible_from"},
                                         {"salary_min=-5", "salary_min"},
                                         {"salary_min=1e309", "salary_min"},
                                         {"seniority=wizard", "seniority"},
                                         {"tag=" + std::string(300, 'x'), "tag"}}) {
    auto r = server_->Get(base + "?" + c.query);
    EXPECT_EQ(r.status, 400) << c.query << ": " << r.body;
    if (r.status == 400) {
      EXPECT_EQ(r.json()["error"]["field"], c.field) << c.query;
    }
  }
  for (const char* path : {"/api/v1/jobs/no-such-job/similar", "/api/v1/jobs/UPPER/similar",
                           "/api/v1/jobs/%2e%2e/similar", "/api/v1/talent/no-one/jobs",
                           "/api/v1/articles/nothing/related", "/api/v1/cities/atlantis/similar",
                           "/api/v1/companies/none/similar", "/api/v1/jobs/none/talent"}) {
    EXPECT_EQ(server_->Get(path).status, 404) << path;
  }
  EXPECT_EQ(server_->Send("POST", base, "{}").status, 405);
}

TEST(RecommendFilesTest, TrainCommandAndRestartFromFiles) {
  std::string db = TempPath("recommend-files.db");
  ASSERT_EQ(RunMeridian({"demo", "--db", db, "--jobs", "80", "--talent", "10", "--articles", "8"})
                .exit_code,
            0);
  {
    ServerProcess first({.extra_args = {"--log-level", "info"}, .db = db});
    ASSERT_TRUE(first.started());
    ASSERT_TRUE(WaitForLog(first, "recommendations:"));
    EXPECT_NE(first.Log().find("jobs from build"), std::string::npos) << first.Log();
    EXPECT_EQ(first.Terminate(), 0);
  }
  {
    // The first server saved its model and indexes; the next one loads them.
    ServerProcess again({.extra_args = {"--log-level", "info"}, .db = db});
    ASSERT_TRUE(again.started());
    ASSERT_TRUE(WaitForLog(again, "recommendations:"));
    EXPECT_NE(again.Log().find("jobs from file"), std::string::npos) << again.Log();
    EXPECT_EQ(again.Terminate(), 0);
  }
  // Another version (the demo registered the first), made champion whatever its metric.
  CommandResult r = RunMeridian({"train", "embeddings", "--db", db, "--dims", "32", "--force"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("embeddings: model emb-"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("embeddings knn_tag_accuracy: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("embeddings v2 registered"), std::string::npos) << r.out;
  {
    // A new model: the indexes it did not make are rebuilt.
    ServerProcess retrained({.extra_args = {"--log-level", "info"}, .db = db});
    ASSERT_TRUE(retrained.started());
    ASSERT_TRUE(WaitForLog(retrained, "recommendations:"));
    EXPECT_NE(retrained.Log().find("jobs from build"), std::string::npos) << retrained.Log();
    Json doc = retrained.Get("/api/v1/jobs?limit=1").json();
    std::string slug = doc["data"][0]["slug"].get<std::string>();
    auto similar = retrained.Get("/api/v1/jobs/" + slug + "/similar");
    EXPECT_EQ(similar.status, 200) << similar.body;
    EXPECT_EQ(retrained.Terminate(), 0);
  }
  EXPECT_EQ(RunMeridian({"train", "embeddings", "--db", db, "--dims", "3"}).exit_code, 2);
  RemoveDbAndModels(db);
}

}  // namespace
}  // namespace meridian::testing
