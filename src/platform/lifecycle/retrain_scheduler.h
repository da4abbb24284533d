// Retraining inside `meridian serve` (issue 8): now and then each model is trained again
// (trainers.h) when enough new data has arrived since its newest version was trained, or
// when that version has grown too old; the result goes through the gate like any other
// training run, and the serving processes swap in a new champion by themselves
// (model_watcher.h).
//
//   RetrainScheduler retrain({.store = store, .trust = &trust}, clock,
//                            {.check_every = std::chrono::hours(6), .min_new_rows = 200});
//   retrain.Start();  // the first check comes one interval after start
//
// "New data" is counted in the store's tables each model learns from (RetrainTables), as
// rows now minus the rows its newest version (or the last attempt) saw. One process on a
// database should retrain: several would train the same thing (issue 9 adds a lock).
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/time.h"
#include "platform/lifecycle/trainers.h"

namespace meridian {

struct RetrainOptions {
  std::chrono::seconds check_every{0};  // 0 = the scheduler never runs
  // Retrain once this many rows were added to the model's tables since it last trained.
  int64_t min_new_rows = 200;
  // Retrain a model whose newest version is older than this whatever the data (0 = never).
  std::chrono::seconds max_age{0};
  std::vector<std::string> models = TrainableModels();
  uint64_t seed = 42;
  mlops::GateOptions gate{.actor = "scheduler"};
};

// The tables `name` learns from ("scam": moderation_labels, "salary": jobs,
// "embeddings": jobs, talent, articles, companies, "recommenders": events).
const std::vector<std::string>& RetrainTables(std::string_view name);

struct RetrainDecision {
  bool due = false;
  std::string reason;  // "no version yet", "312 new rows (≥ 200)", "41 new rows", ...
};

// Whether to retrain: `seen` = the rows per table the newest version (or the last attempt)
// saw (empty = never trained), `now_rows` = the rows now, `age` = seconds since it trained.
RetrainDecision DecideRetrain(std::string_view name, const std::map<std::string, int64_t>& seen,
                              const std::map<std::string, int64_t>& now_rows, int64_t age,
                              const RetrainOptions& options);

// One pass over options.models: decides and trains those due. `attempts` remembers the
// rows each model last trained on (an unchanged retrain registers nothing, so the newest
// version alone would make it due again). Returns the outcomes of the runs made.
StatusOr<std::vector<TrainOutcome>> RunRetrainCheck(
    const TrainTarget& target, const Clock& clock, const RetrainOptions& options,
    std::map<std::string, std::map<std::string, int64_t>>* attempts);

class RetrainScheduler {
 public:
  RetrainScheduler(TrainTarget target, const Clock& clock, RetrainOptions options);
  ~RetrainScheduler();
  RetrainScheduler(const RetrainScheduler&) = delete;
  RetrainScheduler& operator=(const RetrainScheduler&) = delete;
  void Start();
  void Stop();

 private:
  TrainTarget target_;
  const Clock& clock_;
  RetrainOptions options_;
  std::map<std::string, std::map<std::string, int64_t>> attempts_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace meridian
