// "For you" benchmark (issue 6, `make bench-feed`): how long from an event to a feed that
// reflects it, against what a retrain-to-learn recommender (Gorse retrains every 60
// minutes) pays to take the same event in, measured in one run on one corpus.
//
//   build/bench/meridian_feed_bench corpus.db [rounds]
//
// The corpus is a demo catalogue with generated visitor events (bench/feed.sh makes it).
// Each round picks a visitor (a known one, or a new one every fourth round) and a live job,
// then does what POST /api/v1/events and GET /api/v1/me/feed do: stores the event (a durable
// SQLite transaction), hands it to the feed service, and asks for the visitor's feed (fold-in
// of their ALS vector, item-KNN, content KNN over the job embeddings, popularity, diversity,
// reasons). Reported: p50/p95/p99 of the whole, of the feed alone, and one full retrain.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "engine/store/sqlite/sqlite_store.h"
#include "platform/matching/match_service.h"
#include "platform/recs/feed_service.h"

namespace {

using Steady = std::chrono::steady_clock;

double Ms(Steady::time_point since) {
  return std::chrono::duration<double, std::milli>(Steady::now() - since).count();
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

int Fail(const meridian::Status& s) {
  std::fprintf(stderr, "feed_bench: %s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace meridian;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s corpus.db [rounds]\n", argv[0]);
    return 2;
  }
  int rounds = argc > 2 ? std::atoi(argv[2]) : 1000;
  auto store = OpenSqliteStore({.path = argv[1]});
  if (!store.ok()) return Fail(store.status());
  auto start = Steady::now();
  MatchService match(**store, {});
  if (Status s = match.Start(); !s.ok()) return Fail(s);
  std::printf("embeddings and job index: %.1f s\n", Ms(start) / 1000);
  FeedService feed(**store, match, {.retrain_interval = std::chrono::hours(24)});
  if (Status s = feed.Start(); !s.ok()) return Fail(s);
  auto model = feed.model();
  std::printf("events: %zu, owners: %zu, jobs with events: %zu\n", model->events(), model->owners(),
              model->items());

  // One full retrain: what a recommender that learns only by retraining pays per update.
  auto events = ReadFeedEvents(**store);
  if (!events.ok()) return Fail(events.status());
  start = Steady::now();
  auto retrained = RecModel::Train(*events, {});
  double retrain_ms = Ms(start);

  std::vector<std::string> live;
  std::vector<int64_t> ids;
  (void)(*store)->ScanJobs([&](const Job& j) {
    if (j.status == "live") {
      live.push_back(j.slug);
      ids.push_back(j.id);
    }
    return OkStatus();
  });
  std::mt19937_64 rng(42);
  std::vector<double> total, feed_only;
  size_t changed = 0;
  const UnixSeconds now = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  for (int r = 0; r < rounds; ++r) {
    EventOwner owner{.session_id = r % 4 == 3 ? "bench-new-" + std::to_string(r)
                                              : "demo-visitor-" + std::to_string(1 + rng() % 400)};
    // The visitor's feed before (warm: their history is loaded), then the event.
    auto before = feed.ForYou({.owner = owner, .limit = 10, .at = now});
    if (!before.ok()) return Fail(before.status());
    size_t pick = rng() % live.size();
    const char* kind = rng() % 3 == 0 ? "save" : "view";
    auto t0 = Steady::now();
    Status s = (*store)->Write([&](StoreWriter& w) -> Status {
      Event e{.session_id = owner.session_id, .entity_id = ids[pick], .kind = kind, .at = now};
      return w.AddEvent(e).status();
    });
    if (!s.ok()) return Fail(s);
    feed.OnEvent(owner, ids[pick], kind, now);
    auto t1 = Steady::now();
    auto after = feed.ForYou({.owner = owner, .limit = 10, .at = now});
    if (!after.ok()) return Fail(after.status());
    feed_only.push_back(Ms(t1));
    total.push_back(Ms(t0));
    bool same = before->items.size() == after->items.size();
    for (size_t i = 0; same && i < after->items.size(); ++i) {
      same = before->items[i].slug == after->items[i].slug;
    }
    changed += same ? 0 : 1;
  }
  std::printf("rounds: %d (a quarter by new visitors); the feed changed after %zu of them\n",
              rounds, changed);
  std::printf("event_to_feed_p50_ms: %.3f\n", Percentile(total, 0.50));
  std::printf("event_to_feed_p95_ms: %.3f\n", Percentile(total, 0.95));
  std::printf("event_to_feed_p99_ms: %.3f\n", Percentile(total, 0.99));
  std::printf("feed_only_p50_ms: %.3f\n", Percentile(feed_only, 0.50));
  std::printf("feed_only_p99_ms: %.3f\n", Percentile(feed_only, 0.99));
  std::printf("retrain_ms: %.1f (%zu events, %zu owners, %zu jobs)\n", retrain_ms,
              retrained->events(), retrained->owners(), retrained->items());
  std::printf("ratio_retrain_vs_event_to_feed_p50: %.1f\n",
              retrain_ms / std::max(1e-9, Percentile(total, 0.50)));
  return 0;
}
