// The training runs of every registered model (issue 8): each reads the store, evaluates on
// its model's fixed protocol, and registers the result as the next version through the
// gate (mlops/registry.h). `meridian train …`, the demo and the retraining scheduler inside
// `serve` (retrain_scheduler.h) all call these, so a model is trained the same way
// wherever it is trained.
//
//   TrainRun run{.gate = {.tolerance = 0.001}, .log = [](std::string_view l) { puts(l); }};
//   ASSIGN_OR_RETURN(TrainOutcome out, TrainModel("scam", {.store = store, .trust = &trust}, run));
//
// A model without enough data to learn from returns kFailedPrecondition (the message says
// what is missing); callers that train several treat that as "skipped".
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"
#include "engine/mlops/registry.h"
#include "engine/store/store.h"
#include "engine/vector/embedding_model.h"
#include "platform/trust/trust_service.h"

namespace meridian {

inline constexpr char kEmbeddingsModelName[] = "embeddings";
inline constexpr char kRecommendersModelName[] = "recommenders";

// The fewest employer-given salaries the salary model is trained on (fewer make a model
// whose range means little).
inline constexpr size_t kMinSalaryExamples = 50;

// Every registered model in the order `train --all` trains them: the salary model first
// (the scam signals compare a post's pay with the estimate), then the scam model, the
// embeddings and the recommenders.
const std::vector<std::string>& TrainableModels();

// One line of a training run's report (the CLI prints it, serve logs it).
using TrainLog = std::function<void(std::string_view line)>;

struct TrainRun {
  uint64_t seed = 42;
  mlops::GateOptions gate;
  // The registration line ("scam v3 registered …: champion (…)") and what was done after.
  TrainLog log;
  // The evaluation's figures, line by line (empty = not wanted).
  TrainLog detail;
  // After a new scam champion: re-screen the posts nobody reviewed; after a new salary
  // champion: re-estimate every job.
  bool apply_to_store = true;
  size_t embedding_dims = 0;  // the embeddings' text dimensions (0 = EmbeddingOptions' default)
};

// What a run trains from and installs into.
struct TrainTarget {
  Store& store;
  // The trust models' service: the scam features need its screener (and the salary
  // estimate); a new champion is installed into it. Needed by "scam" and "salary".
  TrustService* trust = nullptr;
};

struct TrainOutcome {
  mlops::RegisterOutcome registered;
  std::string name;
};

// The Store::TryLock name that one training run holds.
inline constexpr char kTrainerLock[] = "trainer";

// kInvalidArgument naming the known models when `name` is not one of them.
Status CheckTrainableModel(std::string_view name);

// Trains `name` (one of TrainableModels()) holding the trainer lock. kInvalidArgument for an
// unknown name, kFailedPrecondition when the store has too little to learn from or another
// process is training.
StatusOr<TrainOutcome> TrainModel(std::string_view name, const TrainTarget& target,
                                  const TrainRun& run);

// The individual runs (TrainModel dispatches to them; call TrainModel, which holds the lock).
StatusOr<TrainOutcome> TrainScamModelRun(const TrainTarget& target, const TrainRun& run);
StatusOr<TrainOutcome> TrainSalaryModelRun(const TrainTarget& target, const TrainRun& run);
StatusOr<TrainOutcome> TrainRecommendersRun(const TrainTarget& target, const TrainRun& run);
StatusOr<TrainOutcome> TrainEmbeddingsRun(const TrainTarget& target, const TrainRun& run);

// Registers a candidate and logs one line: "scam v3 registered (…): champion (f1 …)", or
// the reason nothing was stored.
StatusOr<mlops::RegisterOutcome> RegisterCandidate(Store& store, const mlops::ModelCandidate& c,
                                                   const mlops::GateOptions& gate,
                                                   const TrainLog& log);

// The embeddings' gate metric (issue 8): for a seeded sample of up to `sample` jobs with
// tags, the job's title and description alone (tags removed) are embedded and its first
// tag predicted by the majority of the first tags of its `k` nearest tagged jobs (exact
// cosine, itself excluded). Returns the share predicted right; nullopt with fewer than
// 2 * k tagged jobs.
struct TagAccuracyOptions {
  size_t k = 10;
  size_t sample = 2000;
  size_t max_jobs = 50'000;  // neighbours are searched among the first this many
  uint64_t seed = 42;
};
StatusOr<std::optional<double>> KnnTagAccuracy(StoreReader& store, const EmbeddingModel& model,
                                               const TagAccuracyOptions& options);

}  // namespace meridian
