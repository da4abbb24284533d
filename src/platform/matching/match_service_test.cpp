// MatchService over a real store: matches never break a dealbreaker, come in the order of
// their explained scores, follow the change log, survive a restart through their files,
// and are rebuilt when the model changes. Verify mode checks every approximate answer.
#include "platform/matching/match_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "engine/store/change_feed.h"
#include "engine/store/sqlite/sqlite_store.h"
#include "platform/matching/knn_sources.h"

namespace meridian {
namespace {

constexpr UnixSeconds kJan15 = 1768478400;

class MatchServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("meridian_match_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "m.db").string();
    store_ = std::move(*OpenSqliteStore({.path = db_}));
    Company c{.slug = "acme", .name = "Acme", .description = "We build developer tools."};
    ASSERT_TRUE(Write([&](StoreWriter& w) { return w.PutCompany(&c, PutMode::kCreate).status(); }));
    // Rust backend jobs in different places and hours, plus unrelated jobs to learn from.
    AddJob("rust-europe", "Senior Rust Backend Engineer", {"rust", "postgres", "docker"}, {"150"},
           "Europe/Berlin", 120'000);
    AddJob("rust-ww-nohours", "Rust Backend Engineer", {"rust", "postgres"}, {"WW"}, "", 0);
    AddJob("rust-us-only", "Senior Rust Backend Engineer", {"rust", "postgres", "docker"}, {"US"},
           "America/New_York", 150'000);
    AddJob("rust-la-hours", "Senior Rust Backend Engineer", {"rust", "postgres"}, {"WW"},
           "America/Los_Angeles", 150'000);
    AddJob("rust-cheap", "Rust Backend Engineer", {"rust", "postgres"}, {"WW"}, "", 60'000);
    AddJob("rust-draft", "Rust Backend Engineer", {"rust", "postgres"}, {"WW"}, "", 0, "draft");
    const char* other[][2] = {
        {"Marketing Manager", "marketing"},   {"Sales Lead", "sales"},
        {"Product Designer", "design"},       {"UX Researcher", "design"},
        {"Content Writer", "writing"},        {"Account Executive", "sales"},
        {"Growth Marketer", "marketing"},     {"Brand Designer", "design"},
        {"Customer Success Lead", "support"}, {"Support Engineer", "support"}};
    for (int i = 0; i < 10; ++i) {
      AddJob("other-" + std::to_string(i), other[i][0], {other[i][1]}, {"WW"}, "", 0);
    }
    AddTalent("ana", "Rust backend engineer", {{"rust", 5}, {"postgres", 4}, {"docker", 3}}, "PT",
              "Europe/Lisbon", 100'000, "public");
    AddTalent("hidden", "Rust backend engineer", {{"rust", 5}}, "PT", "Europe/Lisbon", 0, "hidden");
    AddTalent("bo", "Product designer", {{"design", 4}}, "SE", "Europe/Stockholm", 0, "public");
    AddTalent("cy", "Rust and Postgres developer", {{"rust", 3}, {"postgres", 3}}, "US",
              "America/Chicago", 0, "public");
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  bool Write(const std::function<Status(StoreWriter&)>& fn) { return store_->Write(fn).ok(); }
  void AddJob(const std::string& slug, const std::string& title, std::vector<std::string> tags,
              std::vector<std::string> areas, const std::string& zone, double top_salary,
              const std::string& status = "live") {
    Job j;
    j.slug = slug;
    j.company_slug = "acme";
    j.title = title;
    j.description = title + " working on " + tags[0] + " systems for remote teams.";
    j.tags = std::move(tags);
    j.eligible_areas = std::move(areas);
    if (!zone.empty())
      j.timezone = TimezoneWindow{.zone = zone, .start_minute = 540, .end_minute = 1020};
    if (top_salary > 0) {
      j.salary = {.min = top_salary * 0.8,
                  .max = top_salary,
                  .currency = "USD",
                  .period = "YEAR",
                  .annual_usd_min = top_salary * 0.8,
                  .annual_usd_max = top_salary};
    }
    j.seniority = "senior";
    j.status = status;
    j.posted_at = 1000;
    ASSERT_TRUE(Write([&](StoreWriter& w) { return w.PutJob(&j, PutMode::kUpsert).status(); }));
  }
  void AddTalent(const std::string& slug, const std::string& headline,
                 std::vector<TalentSkill> skills, const std::string& country,
                 const std::string& zone, double floor, const std::string& visibility) {
    Talent t;
    t.slug = slug;
    t.name = slug;
    t.headline = headline;
    t.summary = headline + ", remote.";
    t.skills = std::move(skills);
    t.seniority = "senior";
    t.country = country;
    t.timezone = zone;
    t.visibility = visibility;
    if (floor > 0) {
      t.desired_salary = {
          .min = floor, .currency = "USD", .period = "YEAR", .annual_usd_min = floor};
    }
    ASSERT_TRUE(Write([&](StoreWriter& w) { return w.PutTalent(&t, PutMode::kUpsert).status(); }));
  }
  static std::vector<std::string> Slugs(const std::vector<MatchItem>& items) {
    std::vector<std::string> out;
    for (const MatchItem& i : items) out.push_back(i.slug);
    return out;
  }
  std::filesystem::path dir_;
  std::string db_;
  std::unique_ptr<Store> store_;
};

TEST_F(MatchServiceTest, JobsForTalentNeverBreakADealbreakerAndRankByScore) {
  MatchService match(*store_, {.index = {.verify = true}, .min_training_docs = 1});
  ASSERT_TRUE(match.Start().ok());
  auto items = match.JobsForTalent("ana", {.limit = 10, .at = kJan15});
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  // Not rust-us-only (not open to Portugal), rust-la-hours (no overlap with Lisbon),
  // rust-cheap (below the floor) or rust-draft (not live).
  std::vector<std::string> slugs = Slugs(*items);
  for (const char* banned : {"rust-us-only", "rust-la-hours", "rust-cheap", "rust-draft"}) {
    EXPECT_EQ(std::count(slugs.begin(), slugs.end(), banned), 0) << banned;
  }
  ASSERT_GE(slugs.size(), 2u);
  EXPECT_EQ(slugs[0], "rust-europe");  // every skill, 7 h overlap, salary within range
  EXPECT_EQ(slugs[1], "rust-ww-nohours");
  for (size_t i = 1; i < items->size(); ++i) {
    EXPECT_GE((*items)[i - 1].explanation.score, (*items)[i].explanation.score);
  }
  const MatchItem& best = (*items)[0];
  EXPECT_EQ(best.title, "Senior Rust Backend Engineer");
  EXPECT_EQ(best.subtitle, "Acme");
  double sum = 0;
  for (const MatchFactor& f : best.explanation.factors) sum += f.part;
  EXPECT_DOUBLE_EQ(sum, best.explanation.score);
  EXPECT_EQ(best.explanation.factors[1].reason,
            "3 of 3 required skills: rust (expert), postgres (strong), docker (good)");

  // The same dealbreakers from the employer's side.
  auto talent = match.TalentForJob("rust-us-only", {.limit = 10, .at = kJan15});
  ASSERT_TRUE(talent.ok());
  EXPECT_EQ(Slugs(*talent), std::vector<std::string>{"cy"});  // the only one in the US
  auto europe = match.TalentForJob("rust-europe", {.limit = 10, .at = kJan15});
  ASSERT_TRUE(europe.ok());
  ASSERT_FALSE(europe->empty());
  EXPECT_EQ(europe->front().slug, "ana");
  std::vector<std::string> e = Slugs(*europe);
  EXPECT_EQ(std::count(e.begin(), e.end(), "hidden"), 0);  // hidden profiles are never shown
  EXPECT_EQ(std::count(e.begin(), e.end(), "cy"), 0);      // not in Europe

  // Filters narrow inside the search; unknown slugs and hidden profiles are not found.
  auto filtered =
      match.JobsForTalent("ana", {.limit = 10, .at = kJan15, .salary_min_usd = 110'000});
  ASSERT_TRUE(filtered.ok());
  EXPECT_EQ(Slugs(*filtered), std::vector<std::string>{"rust-europe"});
  EXPECT_EQ(match.JobsForTalent("hidden", {}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(match.SimilarJobs("nope", {}).status().code(), StatusCode::kNotFound);

  auto similar = match.SimilarJobs("rust-europe", {.limit = 3, .at = kJan15});
  ASSERT_TRUE(similar.ok());
  ASSERT_EQ(similar->size(), 3u);
  for (const MatchItem& i : *similar) {
    EXPECT_NE(i.slug, "rust-europe");
    EXPECT_NE(i.slug, "rust-draft");
    EXPECT_EQ(i.slug.rfind("rust-", 0), 0u) << i.slug;  // the Rust jobs are the nearest
  }
}

TEST_F(MatchServiceTest, ArticlesForACityAreThoseAboutIt) {
  City lisbon{.slug = "lisbon",
              .name = "Lisbon",
              .country = "PT",
              .lat = 38.7,
              .timezone = "Europe/Lisbon"};
  ASSERT_TRUE(Write([&](StoreWriter& w) { return w.PutCity(&lisbon, PutMode::kCreate).status(); }));
  const char* articles[][3] = {
      {"lisbon-guide", "Working remotely from Lisbon", "Lisbon in Portugal: cafes, internet."},
      {"lisbon-costs", "What a month in Lisbon costs", "Rent in Lisbon, Portugal, and food."},
      {"k8s-tips", "Kubernetes tips for backend engineers", "Pods, services and rust."},
      {"design-tips", "Design reviews for remote teams", "Figma, design and research."}};
  for (const auto& a : articles) {
    Article r{.slug = a[0], .title = a[1], .summary = a[2], .body = a[2]};
    ASSERT_TRUE(Write([&](StoreWriter& w) { return w.PutArticle(&r, PutMode::kCreate).status(); }));
  }
  MatchService match(*store_, {.min_training_docs = 1});
  ASSERT_TRUE(match.Start().ok());
  auto items = match.ArticlesForCity("lisbon", {.limit = 5, .at = kJan15});
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(Slugs(*items).size(), 2u) << "only the articles about Lisbon are alike enough";
  for (const MatchItem& i : *items) {
    EXPECT_EQ(i.slug.rfind("lisbon-", 0), 0u) << i.slug;
    EXPECT_NE(i.explanation.factors[0].reason.find("similar to \u201cLisbon, Portugal\u201d"),
              std::string::npos);
  }
  EXPECT_EQ(match.ArticlesForCity("atlantis", {}).status().code(), StatusCode::kNotFound);
}

TEST_F(MatchServiceTest, AnInstalledModelIsSwappedInWithItsIndexesWhileTheOldOneAnswers) {
  auto trained = [&](uint64_t seed) {
    auto m = TrainEmbeddings(*store_, {.dims = 16, .sketch_dims = 8, .seed = seed});
    EXPECT_TRUE(m.ok()) << m.status();
    return std::make_shared<const EmbeddingModel>(std::move(*m));
  };
  auto first = trained(1), second = trained(2);
  ASSERT_NE(first->id(), second->id());
  MatchService match(*store_, {.index_prefix = db_, .min_training_docs = 1});
  // Installed before Start: Start takes it instead of training one.
  match.InstallModel(first, "embeddings@1");
  ASSERT_TRUE(match.Start().ok());
  EXPECT_EQ(match.model_id(), first->id());
  EXPECT_NE(match.start_report().find("embeddings@1"), std::string::npos) << match.start_report();
  // Installed while serving: built in the background, then swapped; lists answer throughout.
  ChangeFeed feed(*store_, {.poll_interval = std::chrono::milliseconds(5)});
  feed.Subscribe([&](const std::vector<Change>& batch) { match.Apply(batch); });
  ASSERT_TRUE(feed.Start().ok());
  match.InstallModel(second, "embeddings@2");
  AddJob("rust-during", "Senior Rust Backend Engineer", {"rust", "postgres", "docker"}, {"WW"},
         "Europe/Madrid", 130'000);
  bool swapped = false, seen = false;
  for (int i = 0; i < 1000 && !(swapped && seen); ++i) {
    auto items = match.JobsForTalent("ana", {.limit = 10, .at = kJan15});
    ASSERT_TRUE(items.ok()) << items.status();
    swapped = match.model_id() == second->id();
    seen = swapped && std::count_if(items->begin(), items->end(),
                                    [](const MatchItem& m) { return m.slug == "rust-during"; });
    if (!(swapped && seen)) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(swapped);
  EXPECT_TRUE(seen);  // a job written during the swap is in the new indexes
  EXPECT_EQ(match.model_label(), "embeddings@2");
  feed.Stop();
  match.Stop();
  // The index files are the new model's: a restart with it loads them.
  MatchService again(*store_, {.index_prefix = db_, .min_training_docs = 1});
  again.InstallModel(second, "embeddings@2");
  ASSERT_TRUE(again.Start().ok());
  EXPECT_NE(again.start_report().find("jobs from file"), std::string::npos) << again.start_report();
}

TEST_F(MatchServiceTest, FollowsTheChangeLogAndRestartsFromItsFiles) {
  MatchServiceOptions options{
      .model_path = db_ + ".embeddings", .index_prefix = db_, .min_training_docs = 1};
  {
    MatchService match(*store_, options);
    ChangeFeed feed(*store_, {.poll_interval = std::chrono::milliseconds(5)});
    feed.Subscribe([&](const std::vector<Change>& batch) { match.Apply(batch); });
    ASSERT_TRUE(feed.Start().ok());
    ASSERT_TRUE(match.Start().ok());
    EXPECT_NE(match.start_report().find("jobs from build"), std::string::npos);
    // A new job appears, a deleted one disappears.
    uint64_t before = match.generation();
    AddJob("rust-new", "Senior Rust Backend Engineer", {"rust", "postgres", "docker"}, {"WW"},
           "Europe/Madrid", 130'000);
    ASSERT_TRUE(
        store_->Write([](StoreWriter& w) { return w.Delete(Entity::kJob, "rust-ww-nohours"); })
            .ok());
    bool seen = false;
    for (int i = 0; i < 1000 && !seen; ++i) {
      auto items = match.JobsForTalent("ana", {.limit = 10, .at = kJan15});
      std::vector<std::string> s = items.ok() ? Slugs(*items) : std::vector<std::string>{};
      seen = match.generation() > before && std::count(s.begin(), s.end(), "rust-new") == 1 &&
             std::count(s.begin(), s.end(), "rust-ww-nohours") == 0;
      if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_TRUE(seen);
    feed.Stop();
    match.Stop();
  }
  // A job added while no server runs is caught up from the change log.
  AddJob("rust-offline", "Rust Backend Engineer", {"rust", "postgres"}, {"WW"}, "", 0);
  {
    MatchService match(*store_, options);
    ASSERT_TRUE(match.Start().ok());
    EXPECT_NE(match.start_report().find("jobs from file"), std::string::npos)
        << match.start_report();
    auto items = match.JobsForTalent("ana", {.limit = 10, .at = kJan15});
    ASSERT_TRUE(items.ok());
    std::vector<std::string> s = Slugs(*items);
    EXPECT_EQ(std::count(s.begin(), s.end(), "rust-new"), 1);
    EXPECT_EQ(std::count(s.begin(), s.end(), "rust-offline"), 1);
    EXPECT_EQ(std::count(s.begin(), s.end(), "rust-ww-nohours"), 0);
  }
  // Another model: the indexes it did not make are rebuilt (another model id, and on this
  // small corpus other dimensions too).
  {
    auto other = EmbeddingModel::Load(db_ + ".embeddings");
    ASSERT_TRUE(other.ok());
    MatchServiceOptions retrained = options;
    retrained.training.seed = 7;
    std::filesystem::remove(db_ + ".embeddings");
    MatchService match(*store_, retrained);
    ASSERT_TRUE(match.Start().ok());
    EXPECT_NE(match.model_id(), other->id());
    EXPECT_NE(match.start_report().find("jobs from build ("), std::string::npos)
        << match.start_report();
  }
  // A damaged index file is rebuilt, not trusted.
  {
    std::FILE* f = std::fopen((db_ + ".vec.jobs.hnsw").c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    std::fseek(f, 200, SEEK_SET);
    std::fputc(0x5a, f);
    std::fclose(f);
    MatchService match(*store_, options);
    ASSERT_TRUE(match.Start().ok());
    EXPECT_NE(match.start_report().find("corrupt graph"), std::string::npos)
        << match.start_report();
    EXPECT_TRUE(match.JobsForTalent("ana", {.at = kJan15}).ok());
  }
}

TEST_F(MatchServiceTest, TrainsByItselfOnceEnoughHasBeenWritten) {
  auto empty_path = (dir_ / "empty.db").string();
  auto empty = std::move(*OpenSqliteStore({.path = empty_path}));
  MatchService match(*empty,
                     {.min_training_docs = 30, .retrain_interval = std::chrono::milliseconds(50)});
  ChangeFeed feed(*empty, {.poll_interval = std::chrono::milliseconds(5)});
  feed.Subscribe([&](const std::vector<Change>& batch) { match.Apply(batch); });
  ASSERT_TRUE(feed.Start().ok());
  ASSERT_TRUE(match.Start().ok());
  EXPECT_EQ(match.model_id(), "");
  EXPECT_NE(match.start_report().find("no model"), std::string::npos) << match.start_report();
  EXPECT_EQ(match.SimilarJobs("x", {}).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(match.SimilarCities("x", {}).status().code(), StatusCode::kNotFound);

  Company c{.slug = "acme", .name = "Acme"};
  ASSERT_TRUE(
      empty->Write([&](StoreWriter& w) { return w.PutCompany(&c, PutMode::kCreate).status(); })
          .ok());
  for (int i = 0; i < 40; ++i) {
    Job j{.slug = "job-" + std::to_string(i),
          .company_slug = "acme",
          .title = i % 2 ? "Rust Backend Engineer" : "Product Designer",
          .description = i % 2 ? "Rust services and Postgres." : "Figma, research and design.",
          .tags = {i % 2 ? "rust" : "design"},
          .posted_at = 1000,
          .status = "live"};
    ASSERT_TRUE(
        empty->Write([&](StoreWriter& w) { return w.PutJob(&j, PutMode::kCreate).status(); }).ok());
  }
  // Every job written, including those written while the model trained, is indexed.
  bool ready = false;
  for (int i = 0; i < 1000 && !ready; ++i) {
    auto similar = match.SimilarJobs("job-1", {.limit = 50, .at = kJan15});
    ready = similar.ok() && similar->size() == 39;
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(ready);
  EXPECT_NE(match.model_id(), "");
  auto similar = match.SimilarJobs("job-1", {.limit = 3, .at = kJan15});
  ASSERT_TRUE(similar.ok());
  for (const MatchItem& i : *similar) EXPECT_EQ(i.title, "Rust Backend Engineer");
  feed.Stop();
}

}  // namespace
}  // namespace meridian
