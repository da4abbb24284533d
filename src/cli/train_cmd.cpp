// `meridian train embeddings` and `meridian train recommenders` (issues 5, 6 and 8): one
// model trained, evaluated on its protocol and registered through the gate
// (platform/lifecycle/trainers.h); a running server swaps in a new champion by itself.
// Also the paths and options every command derives from the settings.
#include <chrono>
#include <cstdio>

#include "cli/common.h"
#include "cli/trust_cmd.h"

namespace meridian::cli {

std::string EmbeddingModelPath(const Settings& settings) {
  std::string prefix = IndexFilePrefix(settings);
  return prefix.empty() ? "" : prefix + ".embeddings";
}

TrustOptions TrustOptionsFor(const Settings& settings) {
  return {.screen = {.threshold = settings.scam_threshold},
          .poll = std::chrono::seconds(settings.trust_poll_seconds)};
}

std::string VectorIndexPrefix(const Settings& settings) {
  return IndexFilePrefix(settings);
}

int RunTrainEmbeddings(const Settings& settings, const TrainOptions& options) {
  auto store = OpenStore(settings);
  if (!store.ok()) return Fail(store.status());
  TrainRun run = CliTrainRun({.seed = options.seed, .gate = options.gate});
  run.embedding_dims = options.dims;
  auto out = TrainModel(kEmbeddingsModelName, {.store = **store}, run);
  return out.ok() ? 0 : Fail(out.status());
}

int RunTrainRecommenders(const Settings& settings, const TrainOptions& options) {
  auto store = OpenStore(settings);
  if (!store.ok()) return Fail(store.status());
  auto out = TrainModel(kRecommendersModelName, {.store = **store},
                        CliTrainRun({.seed = options.seed, .gate = options.gate}));
  return out.ok() ? 0 : Fail(out.status());
}

}  // namespace meridian::cli
