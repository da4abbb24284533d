#include "platform/lifecycle/online_metrics.h"

#include <gtest/gtest.h>

#include "engine/store/temp_store_test_util.h"
#include "platform/lifecycle/retrain_scheduler.h"

namespace meridian {
namespace {

class OnlineMetricsTest : public TempStoreTest {
 protected:
  OnlineMetricsTest() : TempStoreTest("online") {}
  void SetUp() override {
    TempStoreTest::SetUp();
    Company c;
    c.slug = "acme";
    c.name = "Acme";
    c.regions = {"WW"};
    ASSERT_TRUE(
        store_->Write([&](StoreWriter& w) { return w.PutCompany(&c, PutMode::kUpsert).status(); })
            .ok());
    for (const char* slug : {"a", "b"}) {
      Job j;
      j.slug = slug;
      j.company_slug = "acme";
      j.title = std::string("Engineer ") + slug;
      j.status = "live";
      j.posted_at = clock_.Now();
      ASSERT_TRUE(
          store_->Write([&](StoreWriter& w) { return w.PutJob(&j, PutMode::kUpsert).status(); })
              .ok());
      job_ids_.push_back(j.id);
    }
  }
  void AddEvent(const std::string& session, int64_t job_id, const std::string& kind,
                const std::string& context, UnixSeconds at) {
    Event e{.session_id = session,
            .entity = Entity::kJob,
            .entity_id = job_id,
            .kind = kind,
            .at = at,
            .context = context};
    ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.AddEvent(e).status(); }).ok());
  }
  const ModelOnlineMetrics* Find(const std::vector<ModelOnlineMetrics>& rows,
                                 const std::string& model) {
    for (const auto& r : rows) {
      if (r.model == model) return &r;
    }
    return nullptr;
  }

  std::vector<int64_t> job_ids_;
};

TEST_F(OnlineMetricsTest, ListsServedAreSummedPerModelAndDayInTheStore) {
  OnlineRecorder recorder(*store_, clock_, {});
  recorder.CountList("recommenders@1", "feed", 10);
  recorder.CountList("recommenders@1", "feed", 8);
  recorder.CountList("recommenders@2", "feed", 10);
  recorder.CountList("", "feed", 10);  // a feed without a model is not counted
  ASSERT_TRUE(recorder.Flush().ok());
  recorder.CountList("recommenders@1", "feed", 2);
  ASSERT_TRUE(recorder.Flush().ok());
  auto rows = store_->ListImpressions(0);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].model, "recommenders@1");
  EXPECT_EQ((*rows)[0].lists, 3);
  EXPECT_EQ((*rows)[0].items, 20);
  EXPECT_EQ((*rows)[0].day, clock_.Now() / 86400);
  EXPECT_EQ((*rows)[1].lists, 1);
  // A later day is a row of its own.
  clock_.Advance(86400);
  recorder.CountList("recommenders@1", "feed", 5);
  ASSERT_TRUE(recorder.Flush().ok());
  EXPECT_EQ(store_->ListImpressions(0)->size(), 3u);
  EXPECT_EQ(store_->ListImpressions(clock_.Now() / 86400)->size(), 1u);
}

TEST_F(OnlineMetricsTest, ClickThroughAndApplyRatesComeFromTheEventsContext) {
  OnlineRecorder recorder(*store_, clock_, {});
  for (int i = 0; i < 5; ++i) recorder.CountList("recommenders@1", "feed", 10);  // 50 shown
  for (int i = 0; i < 2; ++i) recorder.CountList("recommenders@2", "feed", 10);  // 20 shown
  ASSERT_TRUE(recorder.Flush().ok());
  const UnixSeconds t = clock_.Now();
  const std::string v1 = R"({"list":"feed","model":"recommenders@1","position":1})";
  const std::string v2 = R"({"list":"feed","model":"recommenders@2","position":2})";
  AddEvent("s1", job_ids_[0], "click", v1, t);
  AddEvent("s2", job_ids_[1], "click", v1, t);
  AddEvent("s3", job_ids_[0], "click", v2, t);
  AddEvent("s1", job_ids_[0], "save", v1, t + 1);
  // s1 applies later from the job page (no context): the click's model gets it.
  AddEvent("s1", job_ids_[0], "apply", "{}", t + 3600);
  // s2 applies to another job than the one clicked: nobody's.
  AddEvent("s2", job_ids_[0], "apply", "{}", t + 3600);
  // s3 applies after the attribution window: nobody's.
  AddEvent("s3", job_ids_[0], "apply", "{}", t + 8 * 86400);
  AddEvent("s4", job_ids_[1], "hide", v2, t);
  AddEvent("s5", job_ids_[1], "view", "{}", t);  // not from a list
  auto rows = ComputeOnlineMetrics(*store_, {.since = t - 60});
  ASSERT_TRUE(rows.ok()) << rows.status();
  const ModelOnlineMetrics* m1 = Find(*rows, "recommenders@1");
  const ModelOnlineMetrics* m2 = Find(*rows, "recommenders@2");
  ASSERT_NE(m1, nullptr);
  ASSERT_NE(m2, nullptr);
  EXPECT_EQ(m1->lists, 5);
  EXPECT_EQ(m1->items, 50);
  EXPECT_EQ(m1->clicks, 2);
  EXPECT_EQ(m1->saves, 1);
  EXPECT_EQ(m1->applies, 1);
  EXPECT_DOUBLE_EQ(m1->ctr, 2.0 / 50);
  EXPECT_DOUBLE_EQ(m1->apply_rate, 1.0 / 50);
  EXPECT_EQ(m2->clicks, 1);
  EXPECT_EQ(m2->applies, 0);
  EXPECT_EQ(m2->hides, 1);
  EXPECT_DOUBLE_EQ(m2->ctr, 1.0 / 20);
  // Events before `since` are left out.
  auto later = ComputeOnlineMetrics(*store_, {.since = t + 60});
  ASSERT_TRUE(later.ok());
  const ModelOnlineMetrics* none = Find(*later, "recommenders@1");
  ASSERT_NE(none, nullptr);  // the day's lists still count
  EXPECT_EQ(none->clicks, 0);
}

TEST_F(OnlineMetricsTest, ShadowCountsArePersistedAsTheyGrowPerChallengerAndChampion) {
  ShadowStats stats{.version = "v3",
                    .posts = 10,
                    .agreements = 9,
                    .challenger_flags = 2,
                    .champion_flags = 1,
                    .abs_score_diff_sum = 0.5};
  std::string champion = "v2";
  OnlineRecorder recorder(*store_, clock_, {.shadow_totals = [&]() -> std::vector<ShadowCount> {
    return {ShadowTotals("scam", champion, stats)};
  }});
  ASSERT_TRUE(recorder.Flush().ok());
  stats.posts = 15;
  stats.agreements = 13;
  ASSERT_TRUE(recorder.Flush().ok());
  ASSERT_TRUE(recorder.Flush().ok());  // nothing grew: nothing added
  auto rows = store_->ListShadowCounts("scam");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].version, 3);
  EXPECT_EQ((*rows)[0].champion, 2);
  EXPECT_EQ((*rows)[0].posts, 15);
  EXPECT_EQ((*rows)[0].agreements, 13);
  EXPECT_DOUBLE_EQ((*rows)[0].abs_diff_sum, 0.5);
  // A new champion beside the same challenger: its counts started over, in a row of their own.
  champion = "v4";
  stats = {.version = "v3", .posts = 4, .agreements = 4};
  ASSERT_TRUE(recorder.Flush().ok());
  rows = store_->ListShadowCounts("");
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1].champion, 4);
  EXPECT_EQ((*rows)[1].posts, 4);
  // Labels that are not versions are not stored.
  stats.version = "rules";
  EXPECT_EQ(ShadowTotals("scam", "v4", stats).version, 0);
}

TEST_F(OnlineMetricsTest, TheSchedulersCheckTrainsWhatIsDueAndRegistersIt) {
  const UnixSeconds t = clock_.Now();
  for (int owner = 0; owner < 4; ++owner) {
    for (int64_t id : job_ids_) AddEvent("s" + std::to_string(owner), id, "save", "{}", t);
  }
  RetrainOptions o{.min_new_rows = 5, .models = {"recommenders"}};
  std::map<std::string, std::map<std::string, int64_t>> attempts;
  auto runs = RunRetrainCheck({.store = *store_}, clock_, o, &attempts);
  ASSERT_TRUE(runs.ok()) << runs.status();
  ASSERT_EQ(runs->size(), 1u);  // no version yet
  EXPECT_EQ((*runs)[0].registered.version.version, 1);
  EXPECT_EQ(attempts["recommenders"]["events"], 8);
  // Nothing new: nothing trained.
  runs = RunRetrainCheck({.store = *store_}, clock_, o, &attempts);
  ASSERT_TRUE(runs.ok());
  EXPECT_TRUE(runs->empty());
  // Enough new events: trained again, through the gate.
  for (int owner = 4; owner < 7; ++owner) {
    for (int64_t id : job_ids_) AddEvent("s" + std::to_string(owner), id, "view", "{}", t);
  }
  runs = RunRetrainCheck({.store = *store_}, clock_, o, &attempts);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ(attempts["recommenders"]["events"], 14);
  auto versions = store_->ListModelVersions("recommenders", {});
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->size(), (*runs)[0].registered.registered ? 2u : 1u);
}

TEST(RetrainDecisionTest, NewRowsInTheModelsTablesOrAgeMakeARetrainDue) {
  RetrainOptions o{.min_new_rows = 100, .max_age = std::chrono::hours(24)};
  EXPECT_TRUE(DecideRetrain("scam", {}, {}, 0, o).due);
  EXPECT_EQ(DecideRetrain("scam", {}, {}, 0, o).reason, "no version yet");
  std::map<std::string, int64_t> seen = {{"moderation_labels", 500}, {"jobs", 1000}};
  // Jobs are not the scam model's data: 5,000 new ones do not make it due.
  EXPECT_FALSE(
      DecideRetrain("scam", seen, {{"moderation_labels", 599}, {"jobs", 6000}}, 3600, o).due);
  RetrainDecision d = DecideRetrain("scam", seen, {{"moderation_labels", 600}}, 3600, o);
  EXPECT_TRUE(d.due);
  EXPECT_EQ(d.reason, "100 new rows (>= 100)");
  // The embeddings learn from four tables: their growth adds up; deletions do not count.
  std::map<std::string, int64_t> docs = {
      {"jobs", 100}, {"talent", 100}, {"articles", 100}, {"companies", 100}};
  EXPECT_TRUE(DecideRetrain("embeddings", docs,
                            {{"jobs", 150}, {"talent", 150}, {"articles", 100}, {"companies", 100}},
                            0, o)
                  .due);
  EXPECT_FALSE(DecideRetrain("embeddings", docs,
                             {{"jobs", 199}, {"talent", 50}, {"articles", 100}, {"companies", 100}},
                             0, o)
                   .due);
  // Old enough: due whatever the data; max_age 0 never.
  EXPECT_TRUE(DecideRetrain("salary", {{"jobs", 10}}, {{"jobs", 10}}, 24 * 3600, o).due);
  o.max_age = std::chrono::seconds(0);
  EXPECT_FALSE(DecideRetrain("salary", {{"jobs", 10}}, {{"jobs", 10}}, 365 * 86400, o).due);
}

TEST(RetrainDecisionTest, EveryTrainableModelNamesTheTablesItLearnsFrom) {
  for (const std::string& name : TrainableModels()) {
    EXPECT_FALSE(RetrainTables(name).empty()) << name;
  }
  EXPECT_TRUE(RetrainTables("nonsense").empty());
  EXPECT_EQ(CheckTrainableModel("nonsense").code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(CheckTrainableModel("embeddings").ok());
}

}  // namespace
}  // namespace meridian
