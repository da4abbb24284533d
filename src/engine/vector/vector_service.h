// Serving KNN for one kind of entity (jobs, talent, articles, companies, cities): a vector
// index derived from the store, kept current from the change log by one indexer thread,
// persisted beside the database and rebuilt when its file is missing, damaged, or made by
// another embedding model.
//
//   VectorService jobs(source, {.index_path = db + ".vec.jobs"});
//   RETURN_IF_ERROR(jobs.Start());
//   feed.Subscribe([&](const auto& batch) { jobs.Apply(batch); });
//   auto hits = jobs.Search(query, {.k = 10, .filter = [](const VectorEntry& e) { ... }});
//
// Each entry carries the caller's facts (`std::shared_ptr<const void>`): what filters and
// explanations need (status, eligibility, hours, salary) without a store read per
// candidate. The source that produced them knows their type.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/statusor.h"
#include "engine/store/key_worker.h"
#include "engine/store/records.h"
#include "engine/vector/vector_index.h"

namespace meridian {

struct VectorItem {
  std::string key;
  std::vector<float> vector;          // empty when scanned without embedding
  std::shared_ptr<const void> facts;  // the source's own type
};

struct VectorScanOptions {
  // False: facts only (loading an index file, whose vectors are already there).
  bool embed = true;
};

struct VectorSource {
  std::string kind;  // "jobs", for logs and files
  size_t dims = 0;
  std::string model_id;  // what made the vectors; an index file of another is rebuilt
  std::function<std::string(const Change&)> key_of;  // "" = not this kind
  std::function<Status(const VectorScanOptions&, const std::function<void(VectorItem)>&)> scan;
  // nullopt when the entity is gone or not to be recommended (a hidden profile).
  std::function<StatusOr<std::optional<VectorItem>>(const std::string& key)> get;
  std::function<StatusOr<int64_t>()> head_seq;
  std::function<StatusOr<std::vector<Change>>(int64_t after_seq, int limit)> changes_since;
};

struct VectorServiceOptions {
  std::chrono::milliseconds debounce{20};
  std::string index_path;  // "" = memory only
  VectorIndexOptions index;
  size_t build_threads = 2;
  // Removed entries stay in the graph as bridges; past this fraction of it, rebuild.
  double max_removed_fraction = 0.25;
};

// One entity as the index holds it.
struct VectorEntry {
  const std::string& key;
  const void* facts;
};

struct VectorMatch {
  std::string key;
  float score = 0;  // cosine similarity
  std::shared_ptr<const void> facts;
};

struct VectorQuery {
  size_t k = 10;
  std::function<bool(const VectorEntry&)> filter;  // empty = every entry
};

class VectorService {
 public:
  VectorService(VectorSource source, VectorServiceOptions options);
  ~VectorService();
  VectorService(const VectorService&) = delete;
  VectorService& operator=(const VectorService&) = delete;

  // Loads the index file (catching up from the change log) or builds from the store,
  // then starts the indexer thread.
  Status Start();
  // Stops the thread and saves the index when it changed since the last save.
  void Stop();
  // Stops the thread without saving: a service of a newer model owns the index file now.
  // Searches still answer from what is indexed (requests in flight finish on it).
  void Retire();
  void Apply(const std::vector<Change>& changes);
  Status Rebuild();

  const std::string& kind() const { return source_.kind; }
  size_t size() const;
  // The stored vector and facts of `key`; nullopt when absent.
  std::optional<VectorMatch> Lookup(const std::string& key, std::vector<float>* vector) const;
  std::vector<VectorMatch> Search(std::span<const float> query, const VectorQuery& q) const;
  VerifyStats verify_stats() const;
  uint64_t generation() const { return generation_.load(); }
  std::string start_report() const;

 private:
  struct State;
  Status IndexChanges(const std::set<std::string>& keys);
  Status LoadFile();
  Status SaveLocked(int64_t seq) const;
  // kInternal when the source embedded `item` with other dimensions than it declares.
  Status CheckDims(const VectorItem& item) const;  // needs mu_ shared

  VectorSource source_;
  VectorServiceOptions options_;

  mutable std::shared_mutex mu_;  // guards state_: searches share, updates own it
  std::unique_ptr<State> state_;
  std::atomic<uint64_t> generation_{0};
  std::string start_report_;

  KeyWorker worker_{{.debounce = options_.debounce, .name = source_.kind + " vectors"},
                    [this](const std::set<std::string>& keys) { return IndexChanges(keys); }};
  bool stopped_ = false;
};

}  // namespace meridian
