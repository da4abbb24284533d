// Hot swap of champions in a serving process (issue 8). Each served model has a slot: its
// registry name and a function that installs a version's bytes into the service that uses
// it (TrustService, MatchService, FeedService), which swaps an immutable snapshot behind a
// pointer, so requests in flight finish on the old model and the next ones use the new.
// The watcher installs every champion at start and again whenever the change log says an
// alias of that model moved (entity "model", written by the registry in the same
// transaction as the move), so a promote or rollback by any process on the same database
// is served within the change feed's poll interval.
//
//   ModelWatcher watcher(store, {{.name = "scam", .install = [&](const ModelVersion& v) {
//                                   return trust.InstallScamModel(v.artifact, Label(v)); }}});
//   watcher.Start();                                      // installs the champions now
//   feed.Subscribe([&](const auto& b) { watcher.Apply(b); });
//
// A version whose bytes are refused (corrupt, SHA-256 mismatch, incompatible) is logged and
// remembered in status(); the previous model keeps serving. It is tried again only on the
// model's next change (a registration or an alias move), not on every poll.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "base/statusor.h"
#include "engine/store/store.h"

namespace meridian {

struct ModelSlot {
  std::string name;
  std::function<Status(const ModelVersion&)> install;
  // Optional shadow scoring: called with the challenger to score live traffic beside the
  // champion without serving it, and with nullptr when there is no challenger any more.
  std::function<Status(const ModelVersion*)> shadow;
};

struct ServedModel {
  std::string name;
  int64_t version = 0;         // 0 = none installed
  int64_t champion = 0;        // the registry's champion when last looked at (0 = none)
  int64_t shadowing = 0;       // the challenger scoring in the shadow (0 = none)
  std::string last_error;      // the last refused version's error, "" = none
  UnixSeconds swapped_at = 0;  // when `version` was installed
};

// "v3" (what pages, responses and events name).
std::string VersionLabel(const ModelVersion& v);
// "recommenders@3": a version named with its model (the id a feed carries in events).
std::string ModelRefLabel(const ModelVersion& v);

class ModelWatcher {
 public:
  ModelWatcher(Store& store, const Clock& clock, std::vector<ModelSlot> slots);

  // Installs each model's champion, if it has one; errors are logged and kept, not fatal.
  void Start();
  // Change-feed subscriber: re-reads the champion of every model named by a "model" change.
  void Apply(const std::vector<Change>& batch);
  // Looks at one model's champion (and challenger, for a slot that shadows) now and
  // installs what changed.
  void Refresh(const std::string& name);
  std::vector<ServedModel> status() const;

 private:
  void RefreshChampion(const ModelSlot& slot);
  void RefreshChallenger(const ModelSlot& slot);

  Store& store_;
  const Clock& clock_;
  std::vector<ModelSlot> slots_;
  mutable std::mutex mu_;
  std::map<std::string, ServedModel> served_;
  std::mutex refresh_mu_;  // one install at a time
};

}  // namespace meridian
