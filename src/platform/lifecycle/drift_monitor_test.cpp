#include "platform/lifecycle/drift_monitor.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <random>

#include "engine/store/sqlite/sqlite_store.h"
#include "engine/text/analyzer.h"
#include "engine/vector/embedding_model.h"
#include "platform/lifecycle/drift_recs.h"
#include "platform/matching/knn_sources.h"

namespace meridian {
namespace {

// Jobs as the salary model sees them: seniority, type, region, tag, title and the stored
// estimate; `scale` multiplies the estimates and `senior_share` sets the seniority mix.
std::vector<Job> Jobs(size_t n, uint32_t seed, double scale, double senior_share) {
  std::mt19937 rng(seed);
  std::lognormal_distribution<double> pay(std::log(60'000.0), 0.4);
  std::uniform_real_distribution<double> u(0, 1);
  const char* tags[] = {"rust", "go", "python", "react"};
  std::vector<Job> out;
  for (size_t i = 0; i < n; ++i) {
    Job j;
    j.id = static_cast<int64_t>(i + 1);
    j.status = "live";
    j.title = u(rng) < 0.5 ? "Backend Engineer" : "Senior Platform Developer";
    j.seniority = u(rng) < senior_share ? "senior" : "mid";
    j.employment_type = "FULL_TIME";
    j.tags = {tags[rng() % 4]};
    const double median = pay(rng) * scale;
    j.salary_estimate = SalaryRange{median * 0.8, median, median * 1.25};
    out.push_back(std::move(j));
  }
  return out;
}

TEST(DriftMonitorTest, AShiftedWindowDriftsAndAnUnshiftedOneDoesNot) {
  const DriftFeatures f = SalaryDriftFeatures();
  auto reference = BuildDriftReference(Jobs(3000, 1, 1.0, 0.3), f);
  ASSERT_TRUE(reference.ok()) << reference.status();
  ASSERT_FALSE(reference->empty());

  // More than 1,000 reference rows: distances (Wasserstein, Jensen-Shannon), threshold 0.1.
  auto same = CompareDriftWindow(*reference, Jobs(800, 2, 1.0, 0.3), f, {});
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_EQ(same->rows, 800);
  EXPECT_FALSE(same->dataset.drifted);
  for (const mlops::ColumnDrift& c : same->columns) EXPECT_FALSE(c.drifted) << c.feature;

  // Pay tripled and most posts senior: those two columns drift.
  auto shifted = CompareDriftWindow(*reference, Jobs(800, 3, 3.0, 0.9), f, {});
  ASSERT_TRUE(shifted.ok()) << shifted.status();
  std::map<std::string, bool> drifted;
  for (const mlops::ColumnDrift& c : shifted->columns) drifted[c.feature] = c.drifted;
  EXPECT_TRUE(drifted["estimate_log10_usd"]);
  EXPECT_TRUE(drifted["seniority"]);
  EXPECT_FALSE(drifted["tag"]);
  EXPECT_FALSE(drifted["employment_type"]);

  // Two drifted columns of six are a third; a new tag mix too makes half, the share at
  // which the whole dataset drifts.
  std::vector<Job> moved = Jobs(800, 4, 3.0, 0.9);
  for (Job& j : moved) j.tags = {"cobol"};
  auto dataset = CompareDriftWindow(*reference, moved, f, {});
  ASSERT_TRUE(dataset.ok());
  EXPECT_GE(dataset->dataset.share, 0.5);
  EXPECT_TRUE(dataset->dataset.drifted);

  // Recorded: one row per column and one for the dataset.
  std::string path = ::testing::TempDir() + "meridian_drift_" + std::to_string(::getpid()) + ".db";
  for (const char* s : {"", "-wal", "-shm"}) std::remove((path + s).c_str());
  FakeClock clock(1'800'000'000);
  auto store = OpenSqliteStore({.path = path, .clock = &clock});
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(RecordDrift(**store, "salary", 3, {.from = 10, .to = 20}, *dataset).ok());
  auto rows = (*store)->ListDrift("salary", 0, 100);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), dataset->columns.size() + 1);
  EXPECT_EQ(rows->back().feature, "(dataset)");
  EXPECT_TRUE(rows->back().drifted);
  EXPECT_EQ(rows->front().version, 3);
  EXPECT_EQ(rows->front().at, clock.Now());
  store->reset();
  for (const char* s : {"", "-wal", "-shm"}) std::remove((path + s).c_str());

  // No reference, or nothing in the window: a clear precondition error.
  EXPECT_EQ(CompareDriftWindow("", moved, f, {}).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(CompareDriftWindow(*reference, {}, f, {}).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_FALSE(CompareDriftWindow("junk", moved, f, {}).ok());
}

TEST(EmbeddingsDriftTest, ColumnsOfAJobByTheServedModelAndAShiftInTagsIsSeen) {
  // A small model learned from the jobs themselves.
  std::vector<Job> jobs = Jobs(400, 3, 1.0, 0.5);
  Analyzer analyzer;
  std::vector<EmbeddingDoc> docs;
  for (Job& j : jobs) {
    j.description = "We build " + j.tags[0] + " services for remote teams.";
    docs.push_back(JobEmbeddingDoc(analyzer, j));
  }
  auto trained = EmbeddingModel::Train(docs, {.dims = 8, .sketch_dims = 4, .skill_dims = 4});
  ASSERT_TRUE(trained.ok()) << trained.status();
  auto model = std::make_shared<const EmbeddingModel>(std::move(*trained));
  DriftFeatures f = EmbeddingsDriftFeatures([model] { return model; });
  auto row = f(jobs[0]);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->categorical.at("first_tag"), jobs[0].tags[0]);
  EXPECT_EQ(row->numeric.at("tags"), 1);
  EXPECT_GT(row->numeric.at("description_terms"), 2);
  EXPECT_GE(row->numeric.at("text_tags_cosine"), -1.0);
  EXPECT_LE(row->numeric.at("text_tags_cosine"), 1.0 + 1e-6);
  Job draft = jobs[0];
  draft.status = "draft";
  EXPECT_FALSE(f(draft).has_value());
  EXPECT_FALSE(
      EmbeddingsDriftFeatures([] { return std::shared_ptr<const EmbeddingModel>(); })(jobs[0])
          .has_value());
  // The reference from these jobs; a window of jobs all tagged "react" (and described by
  // another text) drifts on the first tag.
  auto ref = BuildDriftReference(jobs, f);
  ASSERT_TRUE(ref.ok()) << ref.status();
  std::vector<Job> shifted = Jobs(200, 4, 1.0, 0.5);
  for (Job& j : shifted) {
    j.tags = {"react"};
    j.description = "Pixel perfect react interfaces and design systems.";
  }
  auto report = CompareDriftWindow(*ref, shifted, f, {});
  ASSERT_TRUE(report.ok()) << report.status();
  bool tag_drift = false;
  for (const auto& c : report->columns) tag_drift |= c.feature == "first_tag" && c.drifted;
  EXPECT_TRUE(tag_drift);
}

TEST(RecommenderDriftTest, EventsAreSeenByKindOwnerHourAndPopularityAndAShiftIsSeen) {
  // 60 visitors viewing and saving 20 jobs, job-0 the most popular.
  std::vector<FeedEvent> events;
  const UnixSeconds day = 1'800'000'000 / 86400 * 86400;
  for (int o = 0; o < 60; ++o) {
    for (int k = 0; k < 4; ++k) {
      const int job = k == 0 ? 0 : (o + k) % 20;
      events.push_back({.owner = "s:visitor-" + std::to_string(o),
                        .item = "job-" + std::to_string(job),
                        .kind = k == 3 ? "save" : "view",
                        .at = day + 9 * 3600 + o * 60});
    }
  }
  std::shared_ptr<const RecModel> model = RecModel::Train(events, {.now = day + 86400});
  ASSERT_GT(model->items(), 1u);
  EventDriftFeatures f = RecommenderDriftFeatures([model] { return model; });
  auto row = f(events[0]);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->categorical.at("kind"), "view");
  EXPECT_EQ(row->categorical.at("owner"), "visitor");
  EXPECT_EQ(row->numeric.at("hour_utc"), 9);
  EXPECT_EQ(row->numeric.at("popularity_rank_share"), 0) << "job-0 is the most popular";
  auto unknown = f({.owner = "u:7", .item = "job-new", .kind = "apply", .at = day});
  ASSERT_TRUE(unknown.has_value());
  EXPECT_EQ(unknown->categorical.at("owner"), "account");
  EXPECT_EQ(unknown->numeric.at("popularity_rank_share"), 1) << "a job the model does not know";
  EXPECT_FALSE(RecommenderDriftFeatures([] { return std::shared_ptr<const RecModel>(); })(events[0])
                   .has_value());
  auto ref = BuildDriftReference(RecommenderDriftRows(events, f));
  ASSERT_TRUE(ref.ok()) << ref.status();
  // The same events compare clean; accounts applying at night to new jobs do not.
  auto same = CompareDriftRows(*ref, RecommenderDriftRows(events, f), {});
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_FALSE(same->dataset.drifted);
  std::vector<FeedEvent> shifted;
  for (int i = 0; i < 100; ++i) {
    shifted.push_back({.owner = "u:" + std::to_string(i),
                       .item = "job-new-" + std::to_string(i),
                       .kind = "apply",
                       .at = day + 2 * 3600});
  }
  auto moved = CompareDriftRows(*ref, RecommenderDriftRows(shifted, f), {});
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_TRUE(moved->dataset.drifted);
  EXPECT_EQ(CompareDriftRows(*ref, {}, {}).status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace meridian
