// The model registry's admin API through the real binary (issue 8): /api/v1/models lists the
// demo's models with what this server serves, one model carries its alias history and newest
// drift check, promote goes through the gate (409 with the reason) unless forced, rollback
// puts the previous champion back, and bad input is a clear 4xx.
#include <gtest/gtest.h>

#include "harness.h"

namespace meridian::testing {
namespace {

const std::map<std::string, std::string> kAdmin = {
    {"Authorization", std::string("Bearer ") + kAdminToken}};

class ModelsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::string(TempPath("models_api.db"));
    CommandResult demo = RunMeridian({"demo", "--db", *db_, "--jobs", "300", "--labels", "60",
                                      "--talent", "20", "--articles", "5", "--visitors", "20"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    // scam v2 (another seed: other bytes), then one drift check to show.
    CommandResult second = Meridian({"train", "scam", "--seed", "7", "--no-rescreen"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    ASSERT_NE(second.out.find("scam v2 registered"), std::string::npos) << second.out;
    if (Meridian({"models", "list", "scam"}).out.find("scam 2 champion") != std::string::npos) {
      ASSERT_EQ(Meridian({"models", "rollback", "scam"}).exit_code, 0);
    }
    ASSERT_EQ(Meridian({"models", "drift", "--days", "3650"}).exit_code, 0);
    server_ = new ServerProcess({.db = *db_});
    ASSERT_TRUE(server_->started());
  }
  static void TearDownTestSuite() {
    delete server_;
    RemoveDbAndModels(*db_);
    delete db_;
  }
  static CommandResult Meridian(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", *db_, "--log-level", "warn"});
    return RunMeridian(args);
  }
  static HttpResult Post(const std::string& path, const std::string& body) {
    return server_->Send(
        "POST", path, body,
        {{"Authorization", kAdmin.at("Authorization")}, {"Content-Type", "application/json"}});
  }
  static std::string* db_;
  static ServerProcess* server_;
};
std::string* ModelsApiTest::db_ = nullptr;
ServerProcess* ModelsApiTest::server_ = nullptr;

const Json* Find(const Json& models, const std::string& name) {
  for (const Json& m : models) {
    if (m["name"] == name) return &m;
  }
  return nullptr;
}

TEST_F(ModelsApiTest, ListsEveryModelWithItsServedVersionAndMetrics) {
  HttpResult r = server_->Get("/api/v1/models", kAdmin);
  ASSERT_EQ(r.status, 200) << r.body;
  Json data = r.json()["data"];
  for (const char* name : {"recommenders", "salary", "scam"}) {
    ASSERT_NE(Find(data, name), nullptr) << name << " in " << r.body;
  }
  const Json& scam = *Find(data, "scam");
  EXPECT_EQ(scam["champion"], 1) << scam.dump();
  EXPECT_EQ(scam["challenger"], 2) << scam.dump();
  EXPECT_EQ(scam["served"]["version"], 1) << scam.dump();
  EXPECT_TRUE(scam["served"]["last_error"].is_null());
  ASSERT_EQ(scam["versions"].size(), 2u);
  const Json& v1 = scam["versions"][0];
  EXPECT_EQ(v1["version"], 1);
  EXPECT_EQ(v1["aliases"], Json::array({"champion"}));
  EXPECT_EQ(v1["primary_metric"], "f1");
  EXPECT_TRUE(v1["metrics"]["f1"].is_number());
  EXPECT_TRUE(v1["data_counts"].is_object());
  EXPECT_EQ(v1["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(Find(data, "salary")->at("versions")[0]["primary_metric"], "cv_mae");
  // The summary leaves the history out.
  EXPECT_FALSE(scam.contains("alias_history"));
}

TEST_F(ModelsApiTest, OneModelHasItsAliasHistoryAndNewestDrift) {
  HttpResult r = server_->Get("/api/v1/models/salary", kAdmin);
  ASSERT_EQ(r.status, 200) << r.body;
  Json m = r.json()["data"];
  ASSERT_TRUE(m["alias_history"].is_array());
  ASSERT_FALSE(m["alias_history"].empty());
  EXPECT_EQ(m["alias_history"][0]["alias"], "champion");
  EXPECT_EQ(m["alias_history"][0]["to_version"], 1);
  const Json& drift = m["drift"];
  ASSERT_TRUE(drift.is_object()) << r.body;
  EXPECT_EQ(drift["version"], 1);
  ASSERT_FALSE(drift["columns"].empty());
  bool estimate = false;
  for (const Json& c : drift["columns"]) {
    estimate = estimate || c["feature"] == "estimate_log10_usd";
    EXPECT_TRUE(c["score"].is_number()) << c.dump();
    EXPECT_TRUE(c["threshold"].is_number()) << c.dump();
    EXPECT_TRUE(c["drifted"].is_boolean()) << c.dump();
  }
  EXPECT_TRUE(estimate) << drift.dump();
  EXPECT_EQ(drift["dataset"]["drifted"], false) << drift.dump();

  EXPECT_EQ(server_->Get("/api/v1/models/bogus", kAdmin).status, 404);
  EXPECT_EQ(server_->Get("/api/v1/models/Not%20A%20Slug", kAdmin).status, 404);
  EXPECT_EQ(server_->Get("/api/v1/models?limit=5", kAdmin).status, 400);
}

TEST_F(ModelsApiTest, OnlyAdminsReadOrMoveModels) {
  EXPECT_EQ(server_->Get("/api/v1/models").status, 401);
  EXPECT_EQ(server_->Get("/api/v1/models/scam").status, 401);
  EXPECT_EQ(server_->Send("POST", "/api/v1/models/scam/rollback", "").status, 401);
  HttpResult signup = server_->Send("POST", "/api/v1/auth/signup",
                                    Json{{"email", "member@models.example"},
                                         {"password", "member-password-123"},
                                         {"role", "member"}}
                                        .dump(),
                                    {{"Content-Type", "application/json"}});
  ASSERT_EQ(signup.status, 201) << signup.body;
  std::string cookie = signup.headers["set-cookie"];
  cookie = cookie.substr(0, cookie.find(';'));
  const std::string csrf = signup.json()["data"]["csrf_token"];
  EXPECT_EQ(server_->Get("/api/v1/models", {{"Cookie", cookie}}).status, 403);
  HttpResult refused = server_->Send(
      "POST", "/api/v1/models/scam/promote", R"({"version":2,"force":true})",
      {{"Cookie", cookie}, {"X-CSRF-Token", csrf}, {"Content-Type", "application/json"}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(server_->Get("/api/v1/models/scam", kAdmin).json()["data"]["champion"], 1);
}

TEST_F(ModelsApiTest, PromoteThroughTheGateOrForcedAndRollBack) {
  // Bad input first: nothing moves.
  EXPECT_EQ(Post("/api/v1/models/scam/promote", R"({"version":2,"colour":"red"})").status, 400);
  EXPECT_EQ(Post("/api/v1/models/scam/promote", R"({"force":true})").status, 400);
  EXPECT_EQ(Post("/api/v1/models/scam/promote", R"({"version":"2"})").status, 400);
  EXPECT_EQ(Post("/api/v1/models/scam/promote", R"({"version":0})").status, 400);
  EXPECT_EQ(Post("/api/v1/models/scam/promote", R"([2])").status, 400);
  EXPECT_EQ(Post("/api/v1/models/scam/promote", "").status, 400);
  EXPECT_EQ(Post("/api/v1/models/scam/promote", R"({"version":99,"force":true})").status, 404);
  EXPECT_EQ(Post("/api/v1/models/scam/promote", R"({"version":1})").status, 409);  // champion
  EXPECT_EQ(Post("/api/v1/models/scam/rollback", R"({"to":1})").status, 400);
  EXPECT_EQ(Post("/api/v1/models/bogus/rollback", "").status, 409);

  // v2 lost the gate at training (or was rolled back): without force the gate decides again.
  HttpResult gated = Post("/api/v1/models/scam/promote", R"({"version":2})");
  if (gated.status == 409) {
    EXPECT_NE(gated.body.find("gate"), std::string::npos) << gated.body;
    HttpResult forced = Post("/api/v1/models/scam/promote", R"({"version":2,"force":true})");
    ASSERT_EQ(forced.status, 200) << forced.body;
  } else {
    ASSERT_EQ(gated.status, 200) << gated.body;
  }
  Json scam = server_->Get("/api/v1/models/scam", kAdmin).json()["data"];
  EXPECT_EQ(scam["champion"], 2);
  EXPECT_EQ(scam["alias_history"].back()["actor"], "admin") << scam.dump();

  HttpResult back = Post("/api/v1/models/scam/rollback", "{}");
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json()["data"]["champion"], 1);
  EXPECT_EQ(back.json()["data"]["rolled_back"], 2);
  scam = server_->Get("/api/v1/models/scam", kAdmin).json()["data"];
  EXPECT_EQ(scam["champion"], 1);
  EXPECT_EQ(scam["versions"][1]["status"], "rolled_back");
  // Nothing earlier is left to go back to.
  HttpResult none = Post("/api/v1/models/scam/rollback", "");
  EXPECT_EQ(none.status, 409) << none.body;
}

}  // namespace
}  // namespace meridian::testing
