// The "for you" recommenders (issue 6): event weights, the trained snapshot (popularity
// with time decay, trending, fold-in), and the feed over a real store: it learns from an
// event at once, never shows what was hidden, applied to or is not live, serves new owners
// and new jobs from content, keeps companies apart and gives a reason for every item. A
// second feed over the same store (a replica) sees events recorded through the first once
// its cached copy is history_refresh old, and forgets cleared, moved and deleted histories
// as soon as the change log says so.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "engine/store/change_feed.h"
#include "engine/store/sqlite/sqlite_store.h"
#include "platform/matching/match_service.h"
#include "platform/recs/events.h"
#include "platform/recs/feed_service.h"
#include "platform/recs/rec_model.h"

namespace meridian {
namespace {

constexpr UnixSeconds kNow = 1768478400;  // 2026-01-15
constexpr UnixSeconds kDay = 86400;

TEST(RecEventsTest, WeightsCapsAndHides) {
  EXPECT_TRUE(IsEventKind("save"));
  EXPECT_FALSE(IsEventKind("like"));
  EXPECT_GT(EventWeight("apply"), EventWeight("save"));
  EXPECT_GT(EventWeight("save"), EventWeight("view"));
  EXPECT_TRUE(EndsRecommendation("hide"));
  EXPECT_FALSE(EndsRecommendation("view"));
  EXPECT_EQ(EventOwnerKey({.user_id = 7}), "u:7");
  EXPECT_EQ(EventOwnerKey({.session_id = "abc"}), "s:abc");
  EXPECT_TRUE(IsVisitorId("HYk6XtmadoLMGYIv9Ucn8A"));
  EXPECT_FALSE(IsVisitorId("HYk6XtmadoLMGYIv9Ucn8"));
  EXPECT_FALSE(IsVisitorId("HYk6XtmadoLMGYIv9Ucn8;"));
  std::vector<FeedEvent> ev = {
      {"u:1", "a", "view", 1},  {"u:1", "a", "save", 2},  {"u:1", "b", "apply", 3},
      {"u:1", "b", "apply", 4}, {"u:1", "b", "apply", 5}, {"u:1", "c", "view", 6},
      {"u:1", "c", "hide", 7},  {"u:1", "d", "hide", 8},  {"u:1", "d", "view", 9}};
  auto w = OwnerWeights(ev, 10);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0], (std::pair<std::string, float>{"a", 4}));   // view 1 + save 3
  EXPECT_EQ(w[1], (std::pair<std::string, float>{"b", 10}));  // 15, capped
  EXPECT_EQ(w[2], (std::pair<std::string, float>{"d", 1}));   // hidden, then viewed again
}

TEST(RecModelTest, PopularityDecaysAndTrendingCountsOwners) {
  // a: one save today (3) and one view a week ago (1 x 1/2); b: three views 14 days ago
  // (3 x 1/4) by one owner.
  std::vector<FeedEvent> ev = {{"u:1", "a", "save", kNow},
                               {"u:2", "a", "view", kNow - 7 * kDay},
                               {"u:3", "b", "view", kNow - 14 * kDay},
                               {"u:3", "b", "view", kNow - 14 * kDay},
                               {"u:3", "b", "view", kNow - 14 * kDay}};
  auto m = RecModel::Train(ev, {.now = kNow});
  ASSERT_EQ(m->items(), 2u);
  uint32_t a = *m->ItemIndex("a"), b = *m->ItemIndex("b");
  EXPECT_DOUBLE_EQ(m->Popularity(a), 1.0);
  EXPECT_NEAR(m->Popularity(b), 0.75 / 3.5, 1e-9);
  EXPECT_EQ(m->Trending(a), 2);  // both within 7 days
  EXPECT_EQ(m->Trending(b), 0);
  EXPECT_EQ(m->ByPopularity().front(), a);
  EXPECT_EQ(m->owners(), 3u);
  EXPECT_FALSE(m->ItemIndex("zzz").has_value());
  EXPECT_EQ(m->id(), "recs-5-" + std::to_string(kNow));
}

// Two communities of owners: 30 use jobs r0-r5, 30 use d0-d5, each owner a random 3 of
// their community's 6 (seeded), the first one saved.
std::vector<FeedEvent> Communities(UnixSeconds at) {
  std::vector<FeedEvent> ev;
  std::mt19937 rng(7);
  for (int o = 0; o < 60; ++o) {
    const char* prefix = o < 30 ? "r" : "d";
    std::vector<int> items = {0, 1, 2, 3, 4, 5};
    std::shuffle(items.begin(), items.end(), rng);
    for (int k = 0; k < 3; ++k) {
      ev.push_back({"s:o" + std::to_string(o), prefix + std::to_string(items[k]),
                    k == 0 ? "save" : "view", at - o});
    }
  }
  return ev;
}

TEST(RecModelTest, FoldInFollowsTheHistory) {
  auto m = RecModel::Train(Communities(kNow), {.now = kNow});
  ASSERT_EQ(m->items(), 12u);
  ItemWeights r_history = {{*m->ItemIndex("r0"), 3}};
  std::vector<float> scores = m->ScoreAll(m->FoldIn(r_history));
  for (int i = 1; i < 6; ++i) {
    for (int j = 0; j < 6; ++j) {
      EXPECT_GT(scores[*m->ItemIndex("r" + std::to_string(i))],
                scores[*m->ItemIndex("d" + std::to_string(j))]);
    }
  }
  // Item-KNN neighbours stay in the community.
  for (const auto& [n, sim] : m->Neighbours(*m->ItemIndex("d2"))) {
    EXPECT_EQ(m->ItemSlug(n)[0], 'd');
    EXPECT_GT(sim, 0);
  }
  EXPECT_FALSE(m->TrainedHistory("s:o3").empty());
  EXPECT_TRUE(m->TrainedHistory("s:nobody").empty());
}

TEST(RecModelTest, CommunitiesFollowEachOwnersDominantTag) {
  ItemTags tags;
  for (int i = 0; i < 6; ++i) {
    tags["r" + std::to_string(i)] = {"rust", "backend"};
    tags["d" + std::to_string(i)] = {"design"};
  }
  EXPECT_EQ(DominantTag({{"r0", 1}, {"d1", 3}}, tags), "design");
  EXPECT_EQ(DominantTag({{"r0", 1}, {"r1", 1}, {"d1", 1}}, tags), "backend");  // tie: smaller
  EXPECT_EQ(DominantTag({{"unknown", 5}}, tags), "");
  auto m = RecModel::Train(Communities(kNow), {.now = kNow}, tags);
  for (int i = 0; i < 6; ++i) {
    uint32_t r = *m->ItemIndex("r" + std::to_string(i));
    uint32_t d = *m->ItemIndex("d" + std::to_string(i));
    EXPECT_EQ(m->TrendingWith(r, "backend"), m->Trending(r));  // "backend" < "rust"
    EXPECT_EQ(m->TrendingWith(r, "design"), 0);
    EXPECT_EQ(m->TrendingWith(d, "design"), m->Trending(d));
  }
  auto untagged = RecModel::Train(Communities(kNow), {.now = kNow});
  EXPECT_EQ(untagged->TrendingWith(0, "design"), 0);
}

TEST(RecModelTest, NoEventsTrainsAnEmptyModel) {
  auto m = RecModel::Train({}, {});
  EXPECT_EQ(m->items(), 0u);
  EXPECT_TRUE(m->FoldIn({}).empty());
  EXPECT_TRUE(m->ByPopularity().empty());
}

class FeedServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("meridian_feed_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = std::move(*OpenSqliteStore({.path = (dir_ / "f.db").string()}));
    for (const char* c : {"acme", "bolt", "core", "dune"}) {
      Company co{.slug = c, .name = c, .description = "A remote company."};
      ASSERT_TRUE(
          store_
              ->Write([&](StoreWriter& w) { return w.PutCompany(&co, PutMode::kCreate).status(); })
              .ok());
    }
    const char* companies[] = {"acme", "bolt", "core", "dune"};
    for (int i = 0; i < 6; ++i) {
      AddJob("r" + std::to_string(i), "Rust Backend Engineer", "rust", companies[i % 2]);
      AddJob("d" + std::to_string(i), "Product Designer", "design", companies[2 + i % 2]);
    }
    AddJob("expired", "Rust Backend Engineer", "rust", "acme", "live", kNow - kDay);
    AddJob("draft", "Rust Backend Engineer", "rust", "bolt", "draft");
    Talent t{.slug = "ana", .name = "Ana", .headline = "Product designer"};
    t.summary = "Product designer working on design systems.";
    t.skills = {{"design", 4}};
    t.visibility = "public";
    ASSERT_TRUE(
        store_->Write([&](StoreWriter& w) { return w.PutTalent(&t, PutMode::kCreate).status(); })
            .ok());
    // The communities' history, stored as the API stores it.
    std::unordered_map<std::string, int64_t> ids;
    ASSERT_TRUE(store_
                    ->ScanJobs([&](const Job& j) {
                      ids[j.slug] = j.id;
                      return OkStatus();
                    })
                    .ok());
    ASSERT_TRUE(store_
                    ->Write([&](StoreWriter& w) -> Status {
                      for (const FeedEvent& e : Communities(kNow)) {
                        Event ev{.session_id = e.owner.substr(2),
                                 .entity_id = ids[e.item],
                                 .kind = e.kind,
                                 .at = e.at};
                        RETURN_IF_ERROR(w.AddEvent(ev).status());
                      }
                      return OkStatus();
                    })
                    .ok());
    match_ = std::make_unique<MatchService>(*store_, MatchServiceOptions{.min_training_docs = 1});
    ASSERT_TRUE(match_->Start().ok());
    feed_ = std::make_unique<FeedService>(
        *store_, *match_,
        FeedServiceOptions{.model = {.now = kNow}, .retrain_interval = std::chrono::hours(1)});
    ASSERT_TRUE(feed_->Start().ok());
  }
  void TearDown() override {
    feed_.reset();
    match_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void AddJob(const std::string& slug, const std::string& title, const std::string& tag,
              const std::string& company, const std::string& status = "live",
              std::optional<UnixSeconds> valid_through = std::nullopt) {
    Job j;
    j.slug = slug;
    j.company_slug = company;
    j.title = title;
    j.description = title + " working on " + tag + " for a remote team.";
    j.tags = {tag};
    j.eligible_areas = {"WW"};
    j.status = status;
    j.posted_at = 1000;
    j.valid_through = valid_through;
    ASSERT_TRUE(
        store_->Write([&](StoreWriter& w) { return w.PutJob(&j, PutMode::kUpsert).status(); })
            .ok());
  }
  // Records an event as the API does: the store, then the feed.
  void Record(const EventOwner& owner, const std::string& slug, const std::string& kind) {
    auto job = store_->GetJob(slug);
    ASSERT_TRUE(job.ok());
    Event e{.session_id = owner.session_id, .entity_id = job->id, .kind = kind, .at = kNow};
    if (owner.user_id) e.user_id = owner.user_id;
    ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.AddEvent(e).status(); }).ok());
    feed_->OnEvent(owner, job->id, kind, kNow);
  }
  Feed ForYou(const FeedQuery& q) {
    auto f = feed_->ForYou(q);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? *f : Feed{};
  }
  static std::vector<std::string> Slugs(const Feed& f) {
    std::vector<std::string> out;
    for (const FeedItem& i : f.items) out.push_back(i.slug);
    return out;
  }
  static int RankOf(const Feed& f, char prefix) {  // position of the first job of a kind
    for (size_t i = 0; i < f.items.size(); ++i) {
      if (f.items[i].slug[0] == prefix) return static_cast<int>(i);
    }
    return 1000;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<MatchService> match_;
  std::unique_ptr<FeedService> feed_;
};

TEST_F(FeedServiceTest, AnEventChangesTheNextFeedAtOnce) {
  EventOwner me{.session_id = "visitor-1"};
  Feed before = ForYou({.owner = me, .limit = 6, .at = kNow});
  EXPECT_FALSE(before.personalized);
  EXPECT_EQ(before.model_id, feed_->model()->id());
  Record(me, "d1", "save");
  Feed after = ForYou({.owner = me, .limit = 6, .at = kNow});
  EXPECT_TRUE(after.personalized);
  EXPECT_EQ(after.history, 1u);
  // Design jobs now lead, and the saved one is gone.
  ASSERT_FALSE(after.items.empty());
  EXPECT_EQ(after.items[0].slug[0], 'd') << after.items[0].slug;
  EXPECT_LT(RankOf(after, 'd'), RankOf(after, 'r'));
  auto slugs = Slugs(after);
  EXPECT_EQ(std::count(slugs.begin(), slugs.end(), "d1"), 0);
  EXPECT_EQ(after.items[0].reason_kind, "history");
  EXPECT_NE(after.items[0].reason.find("saved"), std::string::npos) << after.items[0].reason;
  // More rust events move the feed towards rust.
  for (const char* r : {"r0", "r2", "r3"}) Record(me, r, "apply");
  Feed turned = ForYou({.owner = me, .limit = 6, .at = kNow});
  EXPECT_LT(RankOf(turned, 'r'), RankOf(turned, 'd'));
  // The parts explain the score.
  for (const FeedItem& item : turned.items) {
    double sum = 0;
    for (const FeedPart& p : item.parts) sum += p.part;
    EXPECT_NEAR(sum, item.score, 1e-9);
    EXPECT_FALSE(item.reason.empty());
  }
}

// The cache of histories is bounded by events as well as owners, and reports what it holds.
TEST_F(FeedServiceTest, TheHistoryCacheCountsItsEventsAndStartsOverAtItsBound) {
  FeedService bounded(*store_, *match_,
                      FeedServiceOptions{.model = {.now = kNow},
                                         .history_limit = 3,
                                         .max_cached_events = 5,
                                         .retrain_interval = std::chrono::hours(1)});
  ASSERT_TRUE(bounded.Start().ok());
  auto record = [&](const EventOwner& owner, const std::string& slug) {
    Record(owner, slug, "view");
    bounded.OnEvent(owner, store_->GetJob(slug)->id, "view", kNow);
  };
  auto serve = [&](const EventOwner& owner) {
    ASSERT_TRUE(bounded.ForYou({.owner = owner, .limit = 3, .at = kNow}).ok());
  };
  EventOwner a{.session_id = "visitor-a"}, b{.session_id = "visitor-b"},
      c{.session_id = "visitor-c"};
  EXPECT_EQ(bounded.cache_stats().owners, 0u);
  record(a, "r0");
  record(a, "r1");
  EXPECT_EQ(bounded.cache_stats().events, 0u) << "not cached before it is served";
  serve(a);
  EXPECT_EQ(bounded.cache_stats().owners, 1u);
  EXPECT_EQ(bounded.cache_stats().events, 2u);
  record(a, "r2");
  record(a, "r3");  // past history_limit: the oldest goes
  EXPECT_EQ(bounded.cache_stats().events, 3u);
  record(b, "d0");
  record(b, "d1");
  serve(b);
  EXPECT_EQ(bounded.cache_stats().owners, 2u);
  EXPECT_EQ(bounded.cache_stats().events, 5u);
  EXPECT_EQ(bounded.cache_stats().restarts, 0u);
  // A new owner while the cache holds max_cached_events: it starts over.
  serve(c);
  FeedCacheStats after = bounded.cache_stats();
  EXPECT_EQ(after.owners, 1u);
  EXPECT_EQ(after.events, 0u);
  EXPECT_EQ(after.restarts, 1u);
  // A dropped history is read again from the store, newest history_limit.
  serve(a);
  EXPECT_EQ(bounded.cache_stats().events, 3u);
  bounded.Forget(a);
  EXPECT_EQ(bounded.cache_stats().owners, 1u);
  EXPECT_EQ(bounded.cache_stats().events, 0u);
}

TEST_F(FeedServiceTest, NeverShowsHiddenAppliedOrDeadJobs) {
  EventOwner me{.user_id = 42};
  Record(me, "r0", "view");
  Record(me, "r1", "hide");
  Record(me, "r2", "apply");
  Feed f = ForYou({.owner = me, .limit = 20, .at = kNow});
  auto slugs = Slugs(f);
  for (const char* banned : {"r1", "r2", "expired", "draft"}) {
    EXPECT_EQ(std::count(slugs.begin(), slugs.end(), banned), 0) << banned;
  }
  EXPECT_EQ(std::count(slugs.begin(), slugs.end(), "r0"), 1) << "viewed stays eligible";
  // After forgetting, the history is read again from the store (now empty there too is
  // the API's job; here the store still has it).
  feed_->Forget(me);
  auto again = Slugs(ForYou({.owner = me, .limit = 20, .at = kNow}));
  EXPECT_EQ(std::count(again.begin(), again.end(), "r1"), 0);
}

TEST_F(FeedServiceTest, ColdStartFromProfileAndForNewJobs) {
  // No events, a design profile: design jobs first, from the profile.
  EventOwner seven{.user_id = 7};
  Feed f = ForYou({.owner = seven, .talent_slug = "ana", .limit = 4, .at = kNow});
  ASSERT_FALSE(f.items.empty());
  EXPECT_TRUE(f.personalized);
  EXPECT_EQ(f.items[0].slug[0], 'd');
  EXPECT_EQ(f.items[0].reason_kind, "profile");
  // A job no one has touched reaches a visitor whose history is like it, by its text (it
  // is indexed through the change log, as in a server).
  ChangeFeed changes(*store_, {.poll_interval = std::chrono::milliseconds(5)});
  changes.Subscribe([&](const std::vector<Change>& batch) {
    match_->Apply(batch);
    feed_->Apply(batch);
  });
  ASSERT_TRUE(changes.Start().ok());
  uint64_t generation = match_->generation();
  AddJob("d-new", "Senior Product Designer", "design", "core");
  for (int i = 0; i < 500 && match_->generation() == generation; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  changes.Stop();
  EventOwner me{.session_id = "visitor-2"};
  Record(me, "d0", "save");
  auto slugs = Slugs(ForYou({.owner = me, .limit = 12, .at = kNow}));
  EXPECT_EQ(std::count(slugs.begin(), slugs.end(), "d-new"), 1);
  EXPECT_FALSE(feed_->model()->ItemIndex("d-new").has_value());
}

TEST_F(FeedServiceTest, AtMostTwoPerCompanyWhileOthersRemain) {
  EventOwner visitor{.session_id = "visitor-3"};
  Feed f = ForYou({.owner = visitor, .limit = 8, .at = kNow});
  ASSERT_EQ(f.items.size(), 8u);
  std::map<std::string, int> per;
  for (const FeedItem& i : f.items) ++per[i.company_slug];
  for (const auto& [c, n] : per) EXPECT_LE(n, 2) << c;
  // Without history: popularity, with its reason.
  EXPECT_EQ(f.items[0].reason_kind, "popular");
  EXPECT_NE(f.items[0].reason.find("this week"), std::string::npos) << f.items[0].reason;
}

TEST_F(FeedServiceTest, PopularityReasonsNameTheViewersCommunity) {
  // Popularity alone, so that its reason shows: a visitor into design is told which jobs
  // are popular with design people.
  FeedService popular(*store_, *match_,
                      {.model = {.now = kNow},
                       .weights = {.als = 0, .item_knn = 0, .content = 0, .popularity = 1},
                       .retrain_interval = std::chrono::hours(1)});
  ASSERT_TRUE(popular.Start().ok());
  EventOwner me{.session_id = "visitor-5"};
  Record(me, "d0", "view");
  popular.OnEvent(me, store_->GetJob("d0")->id, "view", kNow);
  auto f = popular.ForYou({.owner = me, .limit = 12, .at = kNow});
  ASSERT_TRUE(f.ok());
  int design = 0;
  for (const FeedItem& item : f->items) {
    if (item.slug[0] == 'd') {
      EXPECT_EQ(item.reason.rfind("Popular with design people this week: ", 0), 0u) << item.reason;
      ++design;
    } else {
      EXPECT_EQ(item.reason.find("design"), std::string::npos) << item.reason;
    }
  }
  EXPECT_GT(design, 0);
}

TEST_F(FeedServiceTest, RetrainingLearnsTheStoredEvents) {
  size_t before = feed_->model()->events();
  EventOwner visitor{.session_id = "visitor-4"};
  Record(visitor, "r5", "save");
  auto m = feed_->Retrain();
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)->events(), before + 1);
  EXPECT_FALSE((*m)->TrainedHistory("s:visitor-4").empty());
}

TEST_F(FeedServiceTest, AnInstalledVersionServesUnderItsLabelAndIsCountedAsServed) {
  std::vector<std::string> served;
  FeedServiceOptions options;
  options.model.now = kNow;
  options.served = [&](const Feed& f) { served.push_back(f.model_id); };
  FeedService feed(*store_, *match_, options);
  // The registry's bytes of the trained snapshot, installed before Start: no training.
  auto bytes = feed_->model()->Serialize();
  auto model = RecModel::Deserialize(bytes);
  ASSERT_TRUE(model.ok()) << model.status();
  feed.InstallModel(*model, "recommenders@7");
  ASSERT_TRUE(feed.Start().ok());
  EXPECT_EQ(feed.model(), *model);
  auto f = feed.ForYou({.owner = {.session_id = "visitor-1"}, .limit = 5, .at = kNow});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->model_id, "recommenders@7");
  EXPECT_EQ(f->snapshot_id, (*model)->id());
  EXPECT_EQ(served, std::vector<std::string>{"recommenders@7"});
  // A refresh from new events keeps the version's label; the snapshot changes.
  Record({.session_id = "visitor-9"}, "r5", "save");
  auto refreshed = feed.Retrain();
  ASSERT_TRUE(refreshed.ok());
  f = feed.ForYou({.owner = {.session_id = "visitor-1"}, .limit = 5, .at = kNow});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->model_id, "recommenders@7");
  EXPECT_EQ(f->snapshot_id, (*refreshed)->id());
  EXPECT_EQ(feed.model_label(), "recommenders@7");
}

// A second process serving the same store ("replica"): it caches what it served and
// hears of other processes' writes only through the store.
std::unique_ptr<FeedService> StartReplica(Store& store, const MatchService& match,
                                          std::chrono::seconds history_refresh) {
  auto replica =
      std::make_unique<FeedService>(store, match,
                                    FeedServiceOptions{.model = {.now = kNow},
                                                       .history_refresh = history_refresh,
                                                       .retrain_interval = std::chrono::hours(1)});
  EXPECT_TRUE(replica->Start().ok());
  return replica;
}

// Hands the changes appended since `after` to each feed, as the change feed does.
void ApplyChangesSince(Store& store, int64_t after, std::initializer_list<FeedService*> feeds) {
  auto changes = store.ChangesSince(after, 1000);
  ASSERT_TRUE(changes.ok()) << changes.status();
  for (FeedService* f : feeds) f->Apply(*changes);
}

TEST_F(FeedServiceTest, AReplicaSeesEventsRecordedThroughAnotherOnceItsCopyIsOld) {
  // history_refresh 0: every cached history is old at once (in a server, 30 s).
  auto replica = StartReplica(*store_, *match_, std::chrono::seconds(0));
  EventOwner me{.session_id = "visitor-5"};
  auto before = replica->ForYou({.owner = me, .limit = 6, .at = kNow});
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->history, 0u);  // cached now, empty
  EXPECT_FALSE(before->personalized);
  // Recorded through the first process: the store, then its own feed.
  Record(me, "d1", "save");
  Record(me, "d2", "view");
  auto after = replica->ForYou({.owner = me, .limit = 6, .at = kNow});
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->history, 2u);
  EXPECT_TRUE(after->personalized);
  ASSERT_FALSE(after->items.empty());
  EXPECT_EQ(after->items[0].slug[0], 'd') << after->items[0].slug;
  auto slugs = Slugs(*after);
  EXPECT_EQ(std::count(slugs.begin(), slugs.end(), "d1"), 0) << "saved: never shown again";
  // The first process counted them at once, without reading the store.
  EXPECT_EQ(ForYou({.owner = me, .limit = 6, .at = kNow}).history, 2u);
}

TEST_F(FeedServiceTest, AHistoryClearedThroughOneProcessIsForgottenByEveryOneAtOnce) {
  // A refresh far away: only the change log can make the replica forget.
  auto replica = StartReplica(*store_, *match_, std::chrono::hours(1));
  EventOwner me{.user_id = 77};
  Record(me, "r0", "save");
  Record(me, "r1", "apply");
  auto cached = replica->ForYou({.owner = me, .limit = 6, .at = kNow});
  ASSERT_TRUE(cached.ok()) << cached.status();
  EXPECT_EQ(cached->history, 2u);
  EXPECT_TRUE(cached->personalized);
  // DELETE /me/events through the first process.
  auto seq = store_->LastChangeSeq();
  ASSERT_TRUE(seq.ok());
  ASSERT_TRUE(
      store_->Write([&](StoreWriter& w) -> Status { return w.DeleteEventsOf(me).status(); }).ok());
  EXPECT_EQ(replica->ForYou({.owner = me, .limit = 6, .at = kNow})->history, 2u)
      << "cached until the change arrives";
  ApplyChangesSince(*store_, *seq, {feed_.get(), replica.get()});
  for (FeedService* f : {feed_.get(), replica.get()}) {
    auto forgotten = f->ForYou({.owner = me, .limit = 6, .at = kNow});
    ASSERT_TRUE(forgotten.ok()) << forgotten.status();
    EXPECT_EQ(forgotten->history, 0u);
    EXPECT_FALSE(forgotten->personalized);
  }
}

TEST_F(FeedServiceTest, MovedAndDeletedAccountHistoriesReachEveryProcess) {
  auto replica = StartReplica(*store_, *match_, std::chrono::hours(1));
  User u{.email = "ana@example.com", .password_hash = "x", .role = "member"};
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.PutUser(&u, PutMode::kCreate); }).ok());
  const std::string cookie = "HYk6XtmadoLMGYIv9Ucn8A";
  EventOwner visitor{.session_id = cookie}, account{.user_id = u.id};
  Record(visitor, "d0", "save");
  EXPECT_EQ(replica->ForYou({.owner = visitor, .limit = 6, .at = kNow})->history, 1u);
  EXPECT_EQ(replica->ForYou({.owner = account, .limit = 6, .at = kNow})->history, 0u);
  // Signing in through the first process moves the visitor's events to the account.
  auto seq = store_->LastChangeSeq();
  ASSERT_TRUE(seq.ok());
  auto moved = AdoptVisitorHistory(*store_, cookie, u.id, feed_.get());
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(*moved, 1);
  ApplyChangesSince(*store_, *seq, {replica.get()});
  EXPECT_EQ(replica->ForYou({.owner = visitor, .limit = 6, .at = kNow})->history, 0u);
  EXPECT_EQ(replica->ForYou({.owner = account, .limit = 6, .at = kNow})->history, 1u);
  // Deleting the account deletes its events: no process recommends from them any more.
  seq = store_->LastChangeSeq();
  ASSERT_TRUE(seq.ok());
  ASSERT_TRUE(store_->Write([&](StoreWriter& w) { return w.DeleteUser(u.id); }).ok());
  ApplyChangesSince(*store_, *seq, {feed_.get(), replica.get()});
  for (FeedService* f : {feed_.get(), replica.get()}) {
    auto gone = f->ForYou({.owner = account, .limit = 6, .at = kNow});
    ASSERT_TRUE(gone.ok()) << gone.status();
    EXPECT_EQ(gone->history, 0u);
    EXPECT_FALSE(gone->personalized);
  }
}

}  // namespace
}  // namespace meridian
