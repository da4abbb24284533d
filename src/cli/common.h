// Shared pieces of the CLI subcommands (internal to src/cli).
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "base/config.h"
#include "base/statusor.h"
#include "engine/ml/als.h"
#include "engine/ml/hybrid.h"
#include "engine/ml/item_knn.h"
#include "engine/ml/popularity.h"
#include "engine/mlops/registry.h"
#include "engine/store/store.h"
#include "platform/trust/trust_service.h"

namespace meridian::cli {

// Flags every command accepts; values are applied on top of file and environment.
struct CommonFlags {
  std::optional<std::string> config;
  std::map<std::string, std::string> overrides;  // config key -> value from flags
};

// Adds --config, --db, --log-level, --log-format to a subcommand.
void AddCommonFlags(CLI::App* app, CommonFlags* flags);
// Adds "--flag VALUE" that lands in overrides[key].
void AddSettingFlag(CLI::App* app, CommonFlags* flags, const std::string& flag,
                    const std::string& key, const std::string& help);

// Loads settings (defaults < file < env < flags) and sets up logging.
StatusOr<Settings> LoadAndSetup(const CommonFlags& flags);

// Opens the SQLite store at settings.db, creating its directory when needed.
StatusOr<std::unique_ptr<Store>> OpenStore(const Settings& settings);

// Prints "error: ..." to stderr and returns 1.
int Fail(const Status& status);

int RunServe(const Settings& settings);
// Rebuilds the search indexes from the store and writes their files.
int RunReindex(const Settings& settings);
// The path prefix of this process's derived files (search and vector indexes, embeddings):
// the SQLite file itself, or <index_dir>/<name>; "" when index files are off.
std::string IndexFilePrefix(const Settings& settings);
// The file of search index `name` ("jobs", "site"), or "" when index files are off.
std::string SearchIndexPath(const Settings& settings, const std::string& name);

// The embedding model's file and the vector indexes' path prefix ("" when files are off).
std::string EmbeddingModelPath(const Settings& settings);
std::string VectorIndexPrefix(const Settings& settings);
// The TrustService options that serve, demo and train share (issue 7).
TrustOptions TrustOptionsFor(const Settings& settings);
struct TrainOptions {
  size_t dims = 128;
  uint64_t seed = 42;
  mlops::GateOptions gate;
};
// `meridian train embeddings`.
int RunTrainEmbeddings(const Settings& settings, const TrainOptions& options);
// `meridian train recommenders`: the "for you" models from the store's events, evaluated
// on a per-owner holdout first.
int RunTrainRecommenders(const Settings& settings, const TrainOptions& options);

// `meridian eval recsys` (eval_cmd.cpp).
struct RecsysEvalOptions {
  std::string interactions, format = "movielens", protocol = "stratified-75-25", train, test;
  std::vector<std::string> models = {"pop"};
  size_t k = 10;
  double min_rating = 0;
  uint64_t seed = 42;
  AlsOptions als;
  PopularityOptions popularity;  // pop and the hybrid's popularity component
  // The hybrid's item-KNN component: BM25, the better of the two on its own (in the blend
  // they measure the same).
  ItemKnnOptions hybrid_knn{.weighting = KnnWeighting::kBm25};
  HybridOptions hybrid;  // blend weights when not tuned
  // als and hybrid: choose factors, reg and alpha on a validation split first; hybrid then
  // chooses its blend on the same split.
  bool tune = false;
};
int RunRecsysEval(const RecsysEvalOptions& options);

// The `users` and `keys` subcommands (accounts_cmd.cpp).
class AccountCommands {
 public:
  explicit AccountCommands(CLI::App& app);
  // Runs the chosen subcommand after parsing; nullopt when neither was chosen.
  std::optional<int> RunIfChosen();

 private:
  CommonFlags flags_;
  CLI::App* users_ = nullptr;
  CLI::App* users_create_ = nullptr;
  CLI::App* users_list_ = nullptr;
  CLI::App* users_delete_ = nullptr;
  CLI::App* keys_ = nullptr;
  CLI::App* keys_create_ = nullptr;
  CLI::App* keys_list_ = nullptr;
  CLI::App* keys_revoke_ = nullptr;
  std::string email_, role_, label_;
  int expires_days_ = 0;
  int64_t key_id_ = 0;
};

}  // namespace meridian::cli
