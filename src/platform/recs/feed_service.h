// The "for you" feed (issue 6): live jobs ranked for one visitor from what they did (ALS
// with fold-in, item-KNN), what they are (their profile's embedding) and what everyone
// does (time-decayed popularity), diversified by company, each with its reason.
//
// Real time: the API records an event in the store, then calls OnEvent; the owner's live
// history changes at once and the next ForYou re-solves their ALS vector in closed form
// (fold-in), so the response already reflects the event. The models themselves are
// retrained from the store's events on a background thread (at start, then whenever
// enough new events arrived and the interval passed).
//
// Replicas (several processes on one database): each caches the histories it served. An
// event recorded through another replica reaches this one's cache when the cached history
// is read again from the store (history_refresh); a history cleared, deleted with its
// account or moved to an account anywhere is dropped at once by every replica, from the
// store's change log (Apply).
//
// Cold start: an owner without events is served from their profile's embedding (talent
// users) and popularity; a job without events from its text (the content part finds it
// near the owner's history); with nothing at all, the newest live jobs.
//
//   FeedService feed(store, match, {});
//   feed.StartInBackground();
//   changes.Subscribe([&](const auto& batch) { feed.Apply(batch); });
//   feed.OnEvent({.user_id = 7}, "rust-engineer-acme", "save", now);
//   ASSIGN_OR_RETURN(Feed f, feed.ForYou({.owner = {.user_id = 7}, .limit = 10}));
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/statusor.h"
#include "engine/store/store.h"
#include "platform/matching/match_service.h"
#include "platform/recs/rec_model.h"

namespace meridian {

// How the parts of a feed item's score are weighed; each part's value is normalized to
// 0..1 over the candidates of one request (divided by the best candidate's).
struct FeedWeights {
  double als = 1.0;          // collaborative: owners who did what you did also did this
  double item_knn = 0.5;     // close to items in your history by who used both
  double content = 0.6;      // close to your history's and profile's text (embeddings)
  double popularity = 0.15;  // time-decayed popularity
};

struct Feed;

// What the feed's cache of owners' histories holds now (/metrics).
struct FeedCacheStats {
  size_t owners = 0;
  size_t events = 0;
  uint64_t restarts = 0;  // times the cache started over at its bounds
};

struct FeedServiceOptions {
  RecModelOptions model;
  FeedWeights weights;
  size_t max_per_company = 2;  // in one response, unless nothing else is left
  size_t history_limit = 200;  // newest events kept per owner
  size_t candidates = 200;     // per source, before blending
  // The cache of owners' histories starts over when it holds this many owners or events
  // (an event takes 32 bytes: a million are about 32 MB).
  size_t max_owners = 100'000;
  size_t max_cached_events = 1'000'000;
  // A cached history is read again from the store when it was read longer ago than this,
  // so that events recorded through other replicas (which announce no change per event)
  // count within this time. This process's own events count at once (OnEvent). 0 = read
  // on every request.
  std::chrono::seconds history_refresh{30};
  // Retraining: at least this many new events and this much time since the last.
  size_t retrain_min_events = 20;
  std::chrono::milliseconds retrain_interval{std::chrono::minutes(5)};
  // Told of every feed served (the online metrics count lists per model); may be empty.
  std::function<void(const Feed&)> served;
};

class FeedService;

// Every job event in the store as the recommenders learn from it (events of deleted jobs
// are left out), and, when given, every job's tags and every job's slug by id.
StatusOr<std::vector<FeedEvent>> ReadFeedEvents(
    StoreReader& store, ItemTags* tags = nullptr,
    std::unordered_map<int64_t, std::string>* ids = nullptr);

// After a sign-up or sign-in in a browser that browsed anonymously (`visitor_id`, the
// cookie; anything else is ignored): the visitor's events become the account's, unless the
// account opted out of recording, and `feed` (may be null) forgets both owners' cached
// histories. Returns how many events moved.
StatusOr<int64_t> AdoptVisitorHistory(Store& store, std::string_view visitor_id, int64_t user_id,
                                      FeedService* feed);

struct FeedQuery {
  EventOwner owner;
  std::string talent_slug;  // the owner's profile, for content and reasons ("" = none)
  size_t limit = 10;
  UnixSeconds at = 0;  // "now"
};

struct FeedPart {
  const char* name;  // als|item_knn|content|popularity
  double weight = 0, value = 0, part = 0;
};

struct FeedItem {
  std::string slug, title, company_name, company_slug;
  double score = 0;  // sum of the parts
  std::vector<FeedPart> parts;
  std::string reason_kind;  // history|profile|popular|new
  std::string reason;       // "Because you saved “Rust Engineer”", "Popular with rust people"
  std::string because;      // history: the job slug the reason names
};

struct Feed {
  std::vector<FeedItem> items;
  std::string model_id;       // the version's label ("recommenders@3"), else the snapshot's id
  std::string snapshot_id;    // the trained snapshot serving ("recs-..."; refreshes change it)
  size_t history = 0;         // the owner's positive events taken into account
  bool personalized = false;  // from the owner's history or profile
};

class FeedService {
 public:
  FeedService(StoreReader& store, const MatchService& match, FeedServiceOptions options);
  ~FeedService();
  FeedService(const FeedService&) = delete;
  FeedService& operator=(const FeedService&) = delete;

  // Learns job ids and slugs, trains the first model, then retrains in the background.
  Status Start();
  void StartInBackground();
  void Stop();
  // Keeps the job id -> slug map current (events are stored with ids), and drops the cached
  // history of every owner whose events were removed or moved (kEventsChangeEntity, by any
  // process): their next feed reads the store.
  void Apply(const std::vector<Change>& changes);

  // An event the store has just recorded about job `job_id` (an unknown kind is ignored).
  void OnEvent(const EventOwner& owner, int64_t job_id, std::string_view kind, UnixSeconds at);
  // The owner's history was cleared or moved: drops its cached copy now, before the change
  // log says so (Apply).
  void Forget(const EventOwner& owner);

  StatusOr<Feed> ForYou(const FeedQuery& q) const;

  // Retrains from the store's events now; returns the new model.
  StatusOr<std::shared_ptr<const RecModel>> Retrain();
  // Serves `model` (the registry's champion, issue 8) from now on; feeds name it by
  // `label` ("recommenders@3") in their model id, which events' context carries back for
  // the online metrics. A Start after this learns the jobs without training. Between
  // versions the service still refreshes the served model's factors from new events
  // (retrain_min_events, retrain_interval: the same training on newer data) under the
  // version's label; a new version installed replaces it.
  void InstallModel(std::shared_ptr<const RecModel> model, std::string label);
  std::shared_ptr<const RecModel> model() const;
  // The id feeds carry: the installed model's label, else the trained model's id.
  std::string model_label() const;
  const FeedWeights& weights() const { return options_.weights; }
  FeedCacheStats cache_stats() const;

 private:
  // One event of a cached history, compact (32 bytes): the job by id (its slug comes from
  // job_slugs_ when served, so a deleted job drops out), the kind from StaticEventKind.
  struct CachedEvent {
    int64_t job_id = 0;
    UnixSeconds at = 0;
    std::string_view kind;
  };
  struct OwnerState {
    std::vector<CachedEvent> events;  // newest history_limit, oldest first
    std::string vector_model;         // the model `vector` was solved with
    std::vector<float> vector;
    // When `events` was read from the store ({} = never: a load is under way).
    std::chrono::steady_clock::time_point loaded_at{};
    // A new value (from stamps_) whenever `events` changes: a load that raced with an
    // OnEvent, or with the state being dropped, is not cached, nor a vector solved from
    // events no longer cached.
    uint64_t stamp = 0;
  };
  void RetrainLoop();
  // Drops one owner's cached history (mu_ held); the no-op for owners_.end().
  void DropOwner(std::unordered_map<std::string, OwnerState>::iterator it) const;
  // Owner `key`'s cached events as FeedEvents, the jobs no longer known left out (mu_ held).
  std::vector<FeedEvent> HistoryOf(const std::string& key,
                                   const std::vector<CachedEvent>& events) const;

  StoreReader& store_;
  const MatchService& match_;
  FeedServiceOptions options_;

  mutable std::mutex mu_;  // guards everything below
  std::shared_ptr<const RecModel> model_;
  std::string label_;       // model_'s registry label ("" = trained here)
  bool installed_ = false;  // serving the registry's models: no training at Start
  std::unordered_map<int64_t, std::string> job_slugs_;          // job id -> slug
  mutable std::unordered_map<std::string, OwnerState> owners_;  // by EventOwnerKey
  mutable uint64_t stamps_ = 0;
  mutable size_t cached_events_ = 0;  // over all of owners_
  mutable uint64_t cache_restarts_ = 0;
  size_t events_since_train_ = 0;
  std::chrono::steady_clock::time_point last_train_{};
  bool stopping_ = false;
  std::condition_variable cv_;
  std::thread thread_;
};

}  // namespace meridian
