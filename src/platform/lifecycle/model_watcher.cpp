#include "platform/lifecycle/model_watcher.h"

#include <spdlog/spdlog.h>

#include <set>

#include "engine/mlops/registry.h"

namespace meridian {

std::string VersionLabel(const ModelVersion& v) {
  return "v" + std::to_string(v.version);
}

std::string ModelRefLabel(const ModelVersion& v) {
  return v.name + "@" + std::to_string(v.version);
}

ModelWatcher::ModelWatcher(Store& store, const Clock& clock, std::vector<ModelSlot> slots)
    : store_(store), clock_(clock), slots_(std::move(slots)) {
  for (const ModelSlot& s : slots_) served_[s.name] = ServedModel{.name = s.name};
}

void ModelWatcher::Start() {
  for (const ModelSlot& s : slots_) Refresh(s.name);
}

void ModelWatcher::Apply(const std::vector<Change>& batch) {
  std::set<std::string> names;
  for (const Change& c : batch) {
    if (c.entity == kModelChangeEntity) names.insert(c.slug);
  }
  for (const std::string& name : names) Refresh(name);
}

void ModelWatcher::Refresh(const std::string& name) {
  for (const ModelSlot& s : slots_) {
    if (s.name != name) continue;
    std::lock_guard refresh(refresh_mu_);
    RefreshChampion(s);
    if (s.shadow) RefreshChallenger(s);
  }
}

void ModelWatcher::RefreshChampion(const ModelSlot& slot) {
  const std::string& name = slot.name;
  mlops::ModelRegistry registry(store_, clock_);
  StatusOr<int64_t> champion = registry.AliasVersion(name, mlops::kChampion);
  int64_t served_version = 0;
  {
    std::lock_guard lock(mu_);
    ServedModel& m = served_[name];
    m.champion = champion.ok() ? *champion : 0;
    served_version = m.version;
  }
  if (!champion.ok()) {
    if (champion.status().code() != StatusCode::kNotFound) {
      spdlog::error("models: reading {}'s champion: {}", name, champion.status().message());
    }
    return;  // no champion: whatever is served stays
  }
  if (*champion == served_version) return;
  StatusOr<ModelVersion> v = registry.Load(name, *champion);
  Status s = v.ok() ? slot.install(*v) : v.status();
  std::lock_guard lock(mu_);
  ServedModel& m = served_[name];
  if (!s.ok()) {
    m.last_error = "v" + std::to_string(*champion) + ": " + std::string(s.message());
    spdlog::error("models: {} v{} refused, v{} keeps serving: {}", name, *champion, m.version,
                  s.message());
    return;
  }
  spdlog::info("models: {} v{} now serving (was v{})", name, *champion, m.version);
  m.version = *champion;
  m.last_error.clear();
  m.swapped_at = clock_.Now();
}

void ModelWatcher::RefreshChallenger(const ModelSlot& slot) {
  const std::string& name = slot.name;
  mlops::ModelRegistry registry(store_, clock_);
  StatusOr<int64_t> challenger = registry.AliasVersion(name, mlops::kChallenger);
  const int64_t wanted = challenger.ok() ? *challenger : 0;
  {
    std::lock_guard lock(mu_);
    if (served_[name].shadowing == wanted) return;
  }
  Status s;
  if (wanted == 0) {
    s = slot.shadow(nullptr);
  } else {
    StatusOr<ModelVersion> v = registry.Load(name, wanted);
    s = v.ok() ? slot.shadow(&*v) : v.status();
  }
  std::lock_guard lock(mu_);
  ServedModel& m = served_[name];
  if (!s.ok()) {
    spdlog::error("models: {} challenger v{} not shadowed: {}", name, wanted, s.message());
    m.shadowing = 0;
    return;
  }
  if (wanted) spdlog::info("models: {} v{} scores in the shadow", name, wanted);
  m.shadowing = wanted;
}

std::vector<ServedModel> ModelWatcher::status() const {
  std::lock_guard lock(mu_);
  std::vector<ServedModel> out;
  for (const auto& [name, m] : served_) out.push_back(m);
  return out;
}

}  // namespace meridian
