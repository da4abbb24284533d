// A cache of public single-record API responses (GET /api/v1/{resource}/{slug}), the hottest
// read. Entries are evicted by the change log: directly after a write through this server,
// and by the ChangeFeed for writes from other processes (bounded by its poll interval).
//
// Correctness under races: a reader notes the generation before it reads the store and Put
// is ignored if any eviction happened since, so a response computed from data older than an
// eviction is never cached.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/store/records.h"

namespace meridian::api {

class ResponseCache {
 public:
  // At most `max_entries` responses are kept (a full shard is emptied, not ordered).
  explicit ResponseCache(size_t max_entries = 65536);

  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  std::shared_ptr<const std::string> Get(Entity entity, std::string_view slug) const;
  // Stores `body` unless an eviction happened after `generation` was read.
  void Put(Entity entity, std::string_view slug, std::shared_ptr<const std::string> body,
           uint64_t generation);
  // Evicts what a change makes stale: the record itself; every job when a company changes
  // (jobs embed the company name); every talent profile when a city changes.
  void Apply(const std::vector<Change>& changes);
  void Evict(Entity entity, std::string_view slug);
  size_t size() const;

 private:
  static constexpr size_t kShards = 16;
  // Transparent hashing: lookups take a string_view key without building a std::string.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view k) const { return std::hash<std::string_view>{}(k); }
  };
  using Map =
      std::unordered_map<std::string, std::shared_ptr<const std::string>, KeyHash, std::equal_to<>>;
  struct Shard {
    mutable std::mutex mu;
    Map entries;
  };
  static std::string Key(Entity entity, std::string_view slug);
  Shard& ShardFor(std::string_view key) const;
  void EvictEntity(Entity entity);

  size_t max_per_shard_;
  std::atomic<uint64_t> generation_{1};
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace meridian::api
