// `meridian train embeddings`: trains the embedding model from the store and saves it
// beside the database, where the next `meridian serve` loads it; the vector indexes made
// by an older model are rebuilt then (a running server keeps its model until restarted).
#include <chrono>
#include <cstdio>

#include "cli/common.h"
#include "platform/matching/knn_sources.h"

namespace meridian::cli {

namespace {

bool FilesOff(const Settings& settings) {
  return !settings.search_index_files || settings.db.empty() || settings.db == ":memory:";
}

}  // namespace

std::string EmbeddingModelPath(const Settings& settings) {
  return FilesOff(settings) ? "" : settings.db + ".embeddings";
}

TrustOptions TrustOptionsFor(const Settings& settings) {
  return {.screen = {.threshold = settings.scam_threshold},
          .poll = std::chrono::seconds(settings.trust_poll_seconds)};
}

std::string VectorIndexPrefix(const Settings& settings) {
  return FilesOff(settings) ? "" : settings.db;
}

int RunTrainEmbeddings(const Settings& settings, const TrainOptions& options) {
  auto store = OpenStore(settings);
  if (!store.ok()) return Fail(store.status());
  std::string path = EmbeddingModelPath(settings);
  if (path.empty()) {
    return Fail(FailedPreconditionError(
        "search.index_files is off: the model would have no file to live in"));
  }
  auto start = std::chrono::steady_clock::now();
  auto model = TrainEmbeddings(**store, {.dims = options.dims, .seed = options.seed});
  if (!model.ok()) return Fail(model.status());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (Status s = model->Save(path); !s.ok()) return Fail(s);
  std::printf(
      "embeddings: model %s, %zu dimensions, %zu text features, %zu skill items, "
      "trained in %.2f s; %s\n",
      model->id().c_str(), model->dims(), model->features(), model->items(), seconds, path.c_str());
  std::printf("restart `meridian serve` to use it: its vector indexes are rebuilt then\n");
  return 0;
}

}  // namespace meridian::cli
