// The model registry through the real binary (issue 8): the demo registers its models,
// `train --all` on unchanged data replaces no champion, and a forced promote and a rollback
// switch the version a running server uses while requests keep flowing, with none failing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "harness.h"

namespace meridian::testing {
namespace {

class ModelsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::string(TempPath("models.db"));
    CommandResult demo = RunMeridian({"demo", "--db", *db_, "--jobs", "300", "--labels", "60",
                                      "--talent", "20", "--articles", "5", "--visitors", "20"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
  }
  static void TearDownTestSuite() {
    RemoveDbAndModels(*db_);
    delete db_;
  }
  static CommandResult Meridian(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", *db_, "--log-level", "warn"});
    return RunMeridian(args);
  }
  static std::string* db_;
};
std::string* ModelsTest::db_ = nullptr;

std::string ServedScam(const ServerProcess& server, int* status = nullptr) {
  auto r = server.Get("/api/v1/moderation/status",
                      {{"Authorization", std::string("Bearer ") + kAdminToken}});
  if (status) *status = r.status;
  if (r.status != 200) return "";
  Json doc = r.json();
  const Json& v = doc["data"]["scam_model_version"];
  return v.is_string() ? v.get<std::string>() : "";
}

TEST_F(ModelsTest, DemoRegistersItsModelsAndAnUnchangedRetrainReplacesNone) {
  CommandResult list = Meridian({"models", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("salary 1 champion cv_mae="), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("scam 1 champion f1="), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("recommenders 1 champion ndcg@10="), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("embeddings 1 champion knn_tag_accuracy="), std::string::npos)
      << list.out;

  CommandResult again = Meridian({"train", "--all"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("salary: unchanged"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("scam: unchanged"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("recommenders: unchanged"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("embeddings: unchanged"), std::string::npos) << again.out;
  CommandResult after = Meridian({"models", "list"});
  EXPECT_EQ(after.out, list.out) << "no version added, no alias moved";

  CommandResult show = Meridian({"models", "show", "scam"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("(verified)"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("gate metric: f1"), std::string::npos) << show.out;

  // The demo's jobs against the references saved at training: the same jobs, no drift.
  CommandResult drift = Meridian({"models", "drift", "--days", "3650"});
  ASSERT_EQ(drift.exit_code, 0) << drift.err;
  EXPECT_NE(drift.out.find("scam v1 dataset: 0 of"), std::string::npos) << drift.out;
  EXPECT_NE(drift.out.find("salary v1 dataset: 0 of"), std::string::npos) << drift.out;
  EXPECT_NE(drift.out.find("salary v1 estimate_log10_usd"), std::string::npos) << drift.out;

  // Bad references are errors, not crashes.
  EXPECT_NE(Meridian({"models", "show", "scam@99"}).exit_code, 0);
  EXPECT_NE(Meridian({"models", "show", "no such"}).exit_code, 0);
  EXPECT_NE(Meridian({"models", "promote", "scam"}).exit_code, 0);
  EXPECT_NE(Meridian({"train", "--models", "bogus"}).exit_code, 0);
}

TEST_F(ModelsTest, PromoteAndRollbackSwitchTheServedVersionWithNoFailedRequest) {
  // A second scam version (another seed: other bytes); whether it wins the gate or not,
  // it is forced to champion below.
  CommandResult second = Meridian({"train", "scam", "--seed", "7", "--no-rescreen"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  ASSERT_NE(second.out.find("scam v2 registered"), std::string::npos) << second.out;
  CommandResult back_to_one = Meridian({"models", "list", "scam"});
  const bool v2_won = back_to_one.out.find("scam 2 champion") != std::string::npos;
  if (v2_won) {
    ASSERT_EQ(Meridian({"models", "rollback", "scam"}).exit_code, 0);
  }

  // Drift checks every second here (hourly by default).
  ServerProcess server(
      {.extra_args = {"--log-level", "info"},
       .env = {"MERIDIAN_DRIFT_CHECK_SECONDS=1", "MERIDIAN_DRIFT_WINDOW_DAYS=3650"},
       .db = *db_});
  ASSERT_TRUE(server.started());
  ASSERT_EQ(ServedScam(server), "v1") << server.Log();
  EXPECT_TRUE(WaitForLog(server, "drift: salary v1: 0 of 6 columns drifted")) << server.Log();

  // Two clients keep asking while the champion moves twice.
  std::atomic<bool> stop{false};
  std::atomic<int> requests{0}, failed{0};
  std::vector<std::string> seen;  // versions in the order the status client saw them
  std::thread status_client([&] {
    while (!stop) {
      int code = 0;
      std::string v = ServedScam(server, &code);
      ++requests;
      if (code != 200) ++failed;
      if (!v.empty() && (seen.empty() || seen.back() != v)) seen.push_back(v);
    }
  });
  std::thread list_client([&] {
    while (!stop) {
      auto r = server.Get("/api/v1/jobs?limit=5");
      ++requests;
      if (r.status != 200) ++failed;
    }
  });
  auto wait_for = [&](const std::string& version) {
    auto start = std::chrono::steady_clock::now();
    while (ServedScam(server) != version) {
      if (std::chrono::steady_clock::now() - start > std::chrono::seconds(60)) return -1.0;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
  };
  CommandResult promote = Meridian({"models", "promote", "scam@2", "--force"});
  ASSERT_EQ(promote.exit_code, 0) << promote.err;
  const double promote_ms = wait_for("v2");
  CommandResult rollback = Meridian({"models", "rollback", "scam"});
  ASSERT_EQ(rollback.exit_code, 0) << rollback.err;
  const double rollback_ms = wait_for("v1");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stop = true;
  status_client.join();
  list_client.join();

  EXPECT_GE(promote_ms, 0) << server.Log();
  EXPECT_GE(rollback_ms, 0) << server.Log();
  EXPECT_EQ(failed.load(), 0) << "of " << requests.load();
  EXPECT_GT(requests.load(), 20);
  EXPECT_EQ(seen, (std::vector<std::string>{"v1", "v2", "v1"}));
  std::printf(
      "[models] swap seen %.0f ms after promote, %.0f ms after rollback; %d requests, "
      "%d failed\n",
      promote_ms, rollback_ms, requests.load(), failed.load());
  EXPECT_NE(server.Log().find("models: scam v2 now serving"), std::string::npos);
  const std::string metrics = server.Get("/metrics").body;
  EXPECT_NE(metrics.find("meridian_model_version{model=\"scam\",alias=\"serving\"} 1"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("meridian_drift_detected{model=\"salary\",feature=\"(dataset)\""),
            std::string::npos);
  // The feed and the match service start in the background (their indexes may still load).
  EXPECT_TRUE(WaitForLog(server, "feed: serving recommenders@1")) << server.Log();
  EXPECT_TRUE(WaitForLog(server, "model embeddings@1")) << server.Log();
}

TEST_F(ModelsTest, FeedsCarryTheServedVersionAndItsListsClicksAndAppliesAreCounted) {
  ServerProcess server({.extra_args = {"--log-level", "info"}, .db = *db_});
  ASSERT_TRUE(server.started());
  ASSERT_TRUE(WaitForLog(server, "feed: serving recommenders@1")) << server.Log();
  std::string model;
  Json feed;
  for (int i = 0; i < 3; ++i) {  // three lists of 5
    HttpResult r = server.Get("/api/v1/me/feed?limit=5");
    ASSERT_EQ(r.status, 200) << r.body;
    feed = r.json();
    model = feed["meta"]["model"].get<std::string>();
  }
  ASSERT_EQ(model, "recommenders@1");
  ASSERT_EQ(feed["data"].size(), 5u);
  const std::string slug = feed["data"][0]["slug"].get<std::string>();
  Json click = {{"kind", "click"},
                {"entity", "job"},
                {"slug", slug},
                {"context", {{"list", "feed"}, {"model", model}, {"position", 1}}}};
  HttpResult r =
      server.Send("POST", "/api/v1/events", click.dump(), {{"Content-Type", "application/json"}});
  ASSERT_EQ(r.status, 201) << r.body;
  std::string cookie = r.headers["set-cookie"].substr(0, r.headers["set-cookie"].find(';'));
  // The apply comes later from the job page, without a list: the click attributes it.
  Json apply = {{"kind", "apply"}, {"entity", "job"}, {"slug", slug}};
  ASSERT_EQ(server
                .Send("POST", "/api/v1/events", apply.dump(),
                      {{"Content-Type", "application/json"}, {"Cookie", cookie}})
                .status,
            201);
  EXPECT_EQ(server.Terminate(), 0);  // flushes the counted lists
  CommandResult online = Meridian({"models", "online", "--days", "1"});
  ASSERT_EQ(online.exit_code, 0) << online.err;
  EXPECT_NE(online.out.find("recommenders@1 feed: 3 lists, 15 items shown, 1 clicks (ctr 0.0667), "
                            "0 saves (0.0000), 1 applies (0.0667)"),
            std::string::npos)
      << online.out;
}

}  // namespace
}  // namespace meridian::testing
