#include "platform/lifecycle/model_overview.h"

#include <algorithm>
#include <map>

#include "engine/mlops/registry.h"

namespace meridian {
namespace {

Status Fill(Store& store, const OverviewOptions& options, ModelOverview* m) {
  ASSIGN_OR_RETURN(std::vector<ModelAlias> aliases, store.ListModelAliases(m->name));
  for (const ModelAlias& a : aliases) {
    if (a.alias == mlops::kChampion) m->champion = a.version;
    if (a.alias == mlops::kChallenger) m->challenger = a.version;
  }
  if (options.detail == OverviewDetail::kSummary) return OkStatus();
  ASSIGN_OR_RETURN(m->moves, store.ListModelAliasMoves(m->name));
  const UnixSeconds since = options.now - int64_t{options.drift_days} * 86'400;
  ASSIGN_OR_RETURN(m->drift, store.ListDrift(m->name, since, options.drift_limit));
  return OkStatus();
}

}  // namespace

StatusOr<std::vector<ModelOverview>> ListModelOverviews(Store& store, const ModelWatcher* watcher,
                                                        const OverviewOptions& options) {
  // One read of every version; a model's versions stay in their (oldest first) order.
  ASSIGN_OR_RETURN(std::vector<ModelVersion> versions, store.ListModelVersions("", {}));
  std::map<std::string, ModelOverview> by_name;
  for (ModelVersion& v : versions) {
    ModelOverview& m = by_name[v.name];
    m.name = v.name;
    m.versions.push_back(std::move(v));
  }
  if (watcher != nullptr) {
    for (ServedModel& s : watcher->status()) {
      ModelOverview& m = by_name[s.name];
      m.name = s.name;
      m.served = std::move(s);
    }
  }
  std::vector<ModelOverview> out;
  out.reserve(by_name.size());
  for (auto& [name, m] : by_name) {
    std::sort(m.versions.begin(), m.versions.end(),
              [](const ModelVersion& a, const ModelVersion& b) { return a.version < b.version; });
    RETURN_IF_ERROR(Fill(store, options, &m));
    out.push_back(std::move(m));
  }
  return out;
}

StatusOr<ModelOverview> GetModelOverview(Store& store, const ModelWatcher* watcher,
                                         std::string_view name, const OverviewOptions& options) {
  ModelOverview m;
  m.name = std::string(name);
  ASSIGN_OR_RETURN(m.versions, store.ListModelVersions(name, {}));
  if (watcher != nullptr) {
    for (ServedModel& s : watcher->status()) {
      if (s.name == name) m.served = std::move(s);
    }
  }
  if (m.versions.empty() && !m.served) {
    return NotFoundError("no model named " + m.name + " is registered or served");
  }
  RETURN_IF_ERROR(Fill(store, options, &m));
  return m;
}

std::vector<StoredDriftCheck> GroupDriftChecks(const std::vector<DriftRecord>& drift) {
  std::vector<StoredDriftCheck> out;
  bool open = false;  // the last check still takes rows
  for (const DriftRecord& r : drift) {
    if (!open) {
      out.emplace_back();
      out.back().version = r.version;
      open = true;
    }
    StoredDriftCheck& check = out.back();
    check.at = std::max(check.at, r.at);
    if (r.feature == kDatasetDriftFeature) {
      check.dataset = r;
      open = false;
    } else {
      check.columns.push_back(r);
    }
  }
  return out;
}

std::vector<std::string> AliasesOf(const ModelOverview& model, int64_t version) {
  std::vector<std::string> out;
  if (model.champion == version) out.emplace_back(mlops::kChampion);
  if (model.challenger == version) out.emplace_back(mlops::kChallenger);
  return out;
}

}  // namespace meridian
