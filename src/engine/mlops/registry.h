// The model registry (issue 8): every trained model is a version of a name, stored with its
// artifact (and SHA-256), the data it saw, its parameters, its offline metrics and the
// reference distributions for drift checks. Aliases say what serves: `champion` is what
// every serving process uses, `challenger` a candidate that lost the gate (or waits for
// one) and may shadow-score live traffic.
//
//   ModelRegistry registry(store, clock);
//   ASSIGN_OR_RETURN(RegisterOutcome out, registry.Register(candidate, {.tolerance = 0.001}));
//   // out.promoted: it beat the champion (or there was none); else it is the challenger
//   ASSIGN_OR_RETURN(ModelVersion champ, registry.LoadChampion("scam"));  // sha256 checked
//   ASSIGN_OR_RETURN(int64_t back_to, registry.Rollback("scam", {.actor = "cli"}));
//
// The registry lives in the store, so every replica on one database sees the same
// champion; a move of an alias appends a change (entity "model") that serving processes
// follow to hot-swap (lifecycle/model_watcher.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"
#include "base/time.h"
#include "engine/store/store.h"

namespace meridian::mlops {

inline constexpr char kChampion[] = "champion";
inline constexpr char kChallenger[] = "challenger";

// What a training run hands to the registry.
struct ModelCandidate {
  std::string name;
  std::string artifact;  // the model's bytes, as its Deserialize reads them
  std::map<std::string, double> metrics;
  std::string primary_metric;  // the gate's metric; must be in metrics
  bool higher_is_better = true;
  std::map<std::string, std::string> params;
  int64_t data_seq = 0;                        // the change log's seq training read at
  std::map<std::string, int64_t> data_counts;  // rows seen, by table
  std::string reference;                       // drift reference bytes ("" = none)
  std::string note;
};

struct GateOptions {
  // The candidate must beat the champion's primary metric by more than this (absolute,
  // in the metric's units): differences below it are noise, and an unchanged retrain
  // (same data, same metric) never replaces the champion.
  double tolerance = 0.001;
  // Skip the comparison: the candidate becomes champion whatever its metric.
  bool force = false;
  std::string actor = "cli";
};

struct GateDecision {
  bool promote = false;
  std::string reason;  // "no champion yet", "f1 0.9829 > 0.9810 + 0.001", ...
};

// The gate alone (pure): `champion` = nullptr when the model has none.
GateDecision DecideGate(const ModelVersion& candidate, const ModelVersion* champion,
                        const GateOptions& options);

struct RegisterOutcome {
  ModelVersion version;  // as stored (without the artifact bytes)
  GateDecision decision;
  // false: the artifact is byte for byte the champion's or the challenger's (an unchanged
  // retrain), so nothing was stored and `version` is that one.
  bool registered = true;
  std::optional<int64_t> previous_champion;
};

struct RollbackOptions {
  std::string actor = "cli";
};

// Differences between two versions of one model (`models diff A B`).
struct ModelDiff {
  struct Metric {
    std::string name;
    std::optional<double> a, b;
  };
  struct Param {
    std::string name, a, b;  // "" = absent
  };
  std::vector<Metric> metrics;  // every metric of either, by name
  std::vector<Param> params;    // only those that differ
  std::vector<Param> data;      // data_seq and row counts that differ
  bool same_artifact = false;   // equal sha256
};

class ModelRegistry {
 public:
  ModelRegistry(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Stores the candidate as the next version and runs the gate against the champion in the
  // same transaction: promoted -> champion (and the challenger alias is cleared if it
  // pointed at an older version), else -> challenger. An artifact identical to the
  // champion's or challenger's is not stored again (registered = false). kInvalidArgument for an
  // empty name or artifact, or a primary metric that is not among the metrics or not finite.
  StatusOr<RegisterOutcome> Register(const ModelCandidate& candidate, const GateOptions& gate);

  // Promotes a stored version to champion through the gate (or with force).
  // kFailedPrecondition when the gate refuses (the message says why).
  StatusOr<GateDecision> Promote(std::string_view name, int64_t version, const GateOptions& gate);
  // The champion goes back to the version that was champion before it (from the alias
  // log, skipping versions rolled back since); the current one is marked rolled_back and
  // becomes challenger. Returns the new champion. kFailedPrecondition when there is none.
  StatusOr<int64_t> Rollback(std::string_view name, const RollbackOptions& options);

  // The version an alias points at; kNotFound when unset.
  StatusOr<int64_t> AliasVersion(std::string_view name, std::string_view alias);
  // A version with its artifact and reference; kDataLoss when the artifact's SHA-256 no
  // longer matches (a corrupted row), kNotFound when absent.
  StatusOr<ModelVersion> Load(std::string_view name, int64_t version);
  StatusOr<ModelVersion> LoadChampion(std::string_view name);

  StatusOr<ModelDiff> Diff(std::string_view name, int64_t a, int64_t b);

 private:
  Store& store_;
  const Clock& clock_;
};

// A metric as the registry's messages and `models` print it ("%.6g").
std::string FormatMetric(double v);

// Lowercase hex SHA-256 of bytes.
std::string Sha256Hex(std::string_view bytes);

// JSON object text of a metrics map and back (numbers only; non-finite values are refused
// when writing).
StatusOr<std::string> MetricsJson(const std::map<std::string, double>& metrics);
std::map<std::string, double> ParseMetrics(std::string_view json);
std::map<std::string, std::string> ParseParams(std::string_view json);

// "name" or "name@version" (`models show scam@3`); version nullopt when absent.
struct ModelRef {
  std::string name;
  std::optional<int64_t> version;
};
StatusOr<ModelRef> ParseModelRef(std::string_view text);

}  // namespace meridian::mlops
