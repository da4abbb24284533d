// Online metrics of served models (issue 8): how the recommendation lists of each model
// version did with real visitors, and how each scam challenger scored in the shadow.
//
// Lists served are counted in memory per model, list and day (OnlineRecorder::CountList)
// and added to `model_impressions` every few seconds; the events the lists lead to carry
// the list and its model in their context (POST /api/v1/events), so
//   click-through rate = clicks from the model's lists / items shown,
//   apply rate         = applies attributed to it / items shown,
// where an apply is attributed to a model when its own context names it, or when the same
// visitor clicked that job in one of the model's lists in the attribution window before.
//
//   OnlineRecorder recorder(store, clock, {.flush_every = std::chrono::seconds(10)});
//   recorder.Start();
//   recorder.CountList("recommenders@3", "feed", 10);
//   ASSIGN_OR_RETURN(auto rows, ComputeOnlineMetrics(store, {.since = now - 30 * 86400}));
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "base/statusor.h"
#include "base/time.h"
#include "engine/store/store.h"
#include "platform/trust/trust_service.h"

namespace meridian {

struct OnlineRecorderOptions {
  std::chrono::milliseconds flush_every{std::chrono::seconds(10)};
  // Cumulative shadow counts of the challengers scoring now (one per model at most); the
  // recorder stores what grew since it last looked. Empty = no shadow persisted.
  std::function<std::vector<ShadowCount>()> shadow_totals;
};

class OnlineRecorder {
 public:
  OnlineRecorder(Store& store, const Clock& clock, OnlineRecorderOptions options);
  ~OnlineRecorder();
  OnlineRecorder(const OnlineRecorder&) = delete;
  OnlineRecorder& operator=(const OnlineRecorder&) = delete;

  // One list of `items` items served by `model` ("" is not counted). Thread-safe, cheap.
  void CountList(const std::string& model, const std::string& list, size_t items);
  // Adds what was counted since the last flush to the store (and the shadow's growth).
  Status Flush();
  void Start();
  void Stop();  // flushes once more

 private:
  Store& store_;
  const Clock& clock_;
  OnlineRecorderOptions options_;
  std::mutex mu_;  // guards pending_ and the thread state
  std::map<std::tuple<std::string, std::string, int64_t>, ImpressionCount> pending_;
  std::map<std::tuple<std::string, int64_t, int64_t>, ShadowCount> shadow_seen_;
  std::mutex flush_mu_;  // one flush at a time
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

// A shadow's cumulative counts as a ShadowCount: `champion_label` and stats.version are
// VersionLabel()s ("v3"); a label that is not one gives version 0.
ShadowCount ShadowTotals(std::string_view model, std::string_view champion_label,
                         const ShadowStats& stats);

struct OnlineMetricsOptions {
  UnixSeconds since = 0;  // lists and events from then on
  int64_t attribution_seconds = 7 * 86400;
};

struct ModelOnlineMetrics {
  std::string model;  // "recommenders@3"
  std::string list;
  int64_t lists = 0, items = 0;
  int64_t clicks = 0, saves = 0, applies = 0, hides = 0;
  double ctr = 0, save_rate = 0, apply_rate = 0;  // per item shown (0 without items)
};

// Every model and list with lists served or events since options.since, by model.
StatusOr<std::vector<ModelOnlineMetrics>> ComputeOnlineMetrics(StoreReader& store,
                                                               const OnlineMetricsOptions& options);

}  // namespace meridian
