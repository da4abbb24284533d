// What the admin dashboard (/admin/models) and /api/v1/models show of the ML lifecycle
// (issue 8): per model its versions, aliases and their history, the versions this process
// serves, and its recent drift checks. The same facts as `meridian models list|show|drift`,
// read in one place so that the page and the API cannot disagree.
//
//   ASSIGN_OR_RETURN(std::vector<ModelOverview> all,
//                    ListModelOverviews(store, &watcher, {.now = clock.Now()}));
//   for (const ModelOverview& m : all) ... m.champion, m.served->version, GroupDriftChecks(m.drift)
//
// Reads only (no artifacts or drift references are loaded); promote and rollback go through
// mlops::ModelRegistry, whose gate decides. Thread-safe as the store and the watcher are.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"
#include "base/time.h"
#include "engine/store/store.h"
#include "platform/lifecycle/model_watcher.h"

namespace meridian {

struct ModelOverview {
  std::string name;
  std::optional<int64_t> champion, challenger;
  std::vector<ModelVersion> versions;  // oldest first, without artifact or reference bytes
  std::vector<ModelAliasMove> moves;   // the alias history, oldest first
  std::vector<DriftRecord> drift;      // checks within the drift window, oldest first
  std::optional<ServedModel> served;   // this process's slot; nullopt = not served here
};

// How much history an overview carries.
enum class OverviewDetail {
  kSummary,  // versions, aliases and what is served
  kFull,     // also the alias history and the drift checks of the window
};

struct OverviewOptions {
  OverviewDetail detail = OverviewDetail::kFull;
  UnixSeconds now = 0;  // the drift window ends here
  int drift_days = 14;  // and starts this many days before
  // Rows per model at most: the oldest of the window are kept when there are more (hourly
  // checks of a dozen columns fill two weeks with ~4,000).
  int drift_limit = 20'000;
};

// Every model that has a registered version or a serving slot in `watcher` (may be nullptr),
// by name.
StatusOr<std::vector<ModelOverview>> ListModelOverviews(Store& store, const ModelWatcher* watcher,
                                                        const OverviewOptions& options);
// One model; kNotFound when it has neither a version nor a slot.
StatusOr<ModelOverview> GetModelOverview(Store& store, const ModelWatcher* watcher,
                                         std::string_view name, const OverviewOptions& options);

// One recorded drift check of a model: its column rows and its dataset row.
struct StoredDriftCheck {
  UnixSeconds at = 0;  // when it was recorded
  int64_t version = 0;
  std::vector<DriftRecord> columns;
  std::optional<DriftRecord> dataset;
};
// The checks in `drift` (rows oldest first, as ListDrift returns them), oldest first. A check's
// rows are written in one transaction, its "(dataset)" row last, so each dataset row closes
// one; rows after the last dataset row (a window cut by drift_limit) form a check too.
std::vector<StoredDriftCheck> GroupDriftChecks(const std::vector<DriftRecord>& drift);

// The aliases pointing at `version` ("champion", "challenger"), champion first.
std::vector<std::string> AliasesOf(const ModelOverview& model, int64_t version);

// The feature name of a check's dataset row (its value: the share of drifted columns).
inline constexpr char kDatasetDriftFeature[] = "(dataset)";

}  // namespace meridian
