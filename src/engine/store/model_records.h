// Records of the model registry and drift monitoring (issue 8; migration 0005).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/time.h"

namespace meridian {

// The entity name of registry rows in the change log: a serving process that follows the
// log learns that a model's aliases moved (slug = the model's name, entity_id = version).
inline constexpr char kModelChangeEntity[] = "model";
// The entity name of an owner's behavioural events in the change log: a serving process
// that caches histories learns that one owner's events were removed (op delete: their
// history was cleared or their account deleted) or moved (op update: a visitor's events
// became an account's; one change per owner). slug = EventOwnerKey(), entity_id = 0. Not
// appended per recorded event.
inline constexpr char kEventsChangeEntity[] = "events";

// One registered version of a model.
struct ModelVersion {
  int64_t id = 0;
  std::string name;     // "scam", "salary", "embeddings", "recommenders"
  int64_t version = 0;  // 1, 2, ... per name; assigned by the store
  UnixSeconds created_at = 0;
  int64_t data_seq = 0;          // the change log's seq when training read the store
  std::string data_counts;       // JSON object: table -> rows seen
  std::string params;            // JSON object
  std::string metrics;           // JSON object: metric -> number (offline, fixed protocol)
  std::string primary_metric;    // the metric the gate compares ("" = none)
  bool higher_is_better = true;  // of primary_metric
  std::string artifact;          // the model's bytes (empty when listed without them)
  int64_t artifact_size = 0;
  std::string sha256;     // hex digest of artifact
  std::string reference;  // drift reference of inputs and outputs (mlops/drift.h bytes)
  std::string status;     // ready | rolled_back
  std::string note;
};

// What a listing includes: artifacts and references can be megabytes.
struct ModelReadOptions {
  bool artifact = false;
  bool reference = false;
};

struct ModelAlias {
  std::string name;
  std::string alias;  // champion | challenger
  int64_t version = 0;
  UnixSeconds updated_at = 0;
};

// One move of an alias (promote, rollback, gate); newest last.
struct ModelAliasMove {
  int64_t id = 0;
  std::string name, alias;
  std::optional<int64_t> from_version, to_version;  // nullopt: unset
  std::string reason;  // e.g. "gate: f1 0.981 > 0.975", "promote --force", "rollback"
  std::string actor;   // "cli", "scheduler", "admin:<email>"
  UnixSeconds at = 0;
};

// Recommendation lists one model served on one day (online metrics: clicks and applies
// per item shown come from the events' context).
struct ImpressionCount {
  std::string model;  // the lists' model id: a registry label ("recommenders@3")
  std::string list;   // "feed"
  int64_t day = 0;    // days since 1970-01-01 (UTC)
  int64_t lists = 0;  // lists served
  int64_t items = 0;  // items shown in them
};

// Shadow scoring of one challenger beside one champion, summed over the posts both scored.
struct ShadowCount {
  std::string model;
  int64_t version = 0;   // the challenger
  int64_t champion = 0;  // the champion it ran beside
  int64_t posts = 0, agreements = 0, challenger_flags = 0, champion_flags = 0;
  double abs_diff_sum = 0;  // summed |challenger score - champion score|
  UnixSeconds updated_at = 0;
};

// One drift statistic of one feature of a model version over a window of recent rows.
struct DriftRecord {
  int64_t id = 0;
  std::string model;
  int64_t version = 0;
  UnixSeconds window_from = 0, window_to = 0;
  int64_t rows = 0;
  std::string feature;
  std::string statistic;  // ks | chisquare | wasserstein | jensenshannon | dataset
  double value = 0, threshold = 0;
  bool drifted = false;
  std::optional<double> psi;
  UnixSeconds at = 0;
};

}  // namespace meridian
