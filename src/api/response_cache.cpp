#include "api/response_cache.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace meridian::api {

ResponseCache::ResponseCache(size_t max_entries)
    : max_per_shard_(std::max<size_t>(1, max_entries / kShards)) {}

std::string ResponseCache::Key(Entity entity, std::string_view slug) {
  std::string key(1, static_cast<char>('0' + static_cast<int>(entity)));
  key += slug;
  return key;
}

ResponseCache::Shard& ResponseCache::ShardFor(std::string_view key) const {
  return shards_[std::hash<std::string_view>{}(key) % kShards];
}

namespace {

// A per-thread front for the shared shards: hits take no lock and touch only this thread's
// copy of the body (a hot record read from every I/O thread would otherwise bounce one
// mutex and one reference count between cores). It is dropped whenever the cache's
// generation moves, i.e. after any eviction.
struct FrontHash {
  using is_transparent = void;
  size_t operator()(std::string_view k) const { return std::hash<std::string_view>{}(k); }
};
struct ThreadFront {
  const void* owner = nullptr;
  uint64_t generation = 0;
  std::unordered_map<std::string, std::shared_ptr<const std::string>, FrontHash, std::equal_to<>>
      entries;
};
constexpr size_t kFrontEntries = 4096;
constexpr size_t kMaxKey = 128;

// "<entity digit><slug>" in `buf` (slugs are at most 100 bytes).
std::string_view KeyView(Entity entity, std::string_view slug, char (&buf)[kMaxKey]) {
  size_t n = std::min(slug.size(), kMaxKey - 1);
  buf[0] = static_cast<char>('0' + static_cast<int>(entity));
  std::memcpy(buf + 1, slug.data(), n);
  return std::string_view(buf, n + 1);
}

}  // namespace

std::shared_ptr<const std::string> ResponseCache::Get(Entity entity, std::string_view slug) const {
  thread_local ThreadFront front;
  uint64_t generation = generation_.load(std::memory_order_acquire);
  if (front.owner != this || front.generation != generation) {
    front.entries.clear();
    front.owner = this;
    front.generation = generation;
  }
  if (slug.size() >= kMaxKey - 1) return nullptr;  // longer than any valid slug
  // The key on the stack: a hit allocates nothing.
  char buf[kMaxKey];
  std::string_view key = KeyView(entity, slug, buf);
  if (auto it = front.entries.find(key); it != front.entries.end()) return it->second;
  std::shared_ptr<const std::string> shared;
  {
    Shard& s = ShardFor(key);
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.entries.find(key);
    if (it == s.entries.end()) return nullptr;
    shared = it->second;
  }
  if (front.entries.size() >= kFrontEntries) front.entries.clear();
  auto copy = std::make_shared<const std::string>(*shared);
  front.entries.emplace(std::string(key), copy);
  return copy;
}

void ResponseCache::Put(Entity entity, std::string_view slug,
                        std::shared_ptr<const std::string> body, uint64_t generation) {
  std::string key = Key(entity, slug);
  Shard& s = ShardFor(key);
  std::lock_guard<std::mutex> lock(s.mu);
  // Checked under the shard lock: evictions bump the generation before taking shard locks.
  if (generation != generation_.load(std::memory_order_acquire)) return;
  if (s.entries.size() >= max_per_shard_) s.entries.clear();
  s.entries[key] = std::move(body);
}

void ResponseCache::Evict(Entity entity, std::string_view slug) {
  generation_.fetch_add(1, std::memory_order_acq_rel);
  std::string key = Key(entity, slug);
  Shard& s = ShardFor(key);
  std::lock_guard<std::mutex> lock(s.mu);
  s.entries.erase(key);
}

void ResponseCache::EvictEntity(Entity entity) {
  generation_.fetch_add(1, std::memory_order_acq_rel);
  char prefix = static_cast<char>('0' + static_cast<int>(entity));
  for (Shard& s : shards_) {
    std::lock_guard<std::mutex> lock(s.mu);
    std::erase_if(s.entries, [&](const auto& kv) { return kv.first[0] == prefix; });
  }
}

void ResponseCache::Apply(const std::vector<Change>& changes) {
  for (const Change& c : changes) {
    if (c.entity == "company") {
      Evict(Entity::kCompany, c.slug);
      EvictEntity(Entity::kJob);
    } else if (c.entity == "job") {
      Evict(Entity::kJob, c.slug);
    } else if (c.entity == "talent") {
      Evict(Entity::kTalent, c.slug);
    } else if (c.entity == "city") {
      Evict(Entity::kCity, c.slug);
      EvictEntity(Entity::kTalent);
    } else if (c.entity == "article") {
      Evict(Entity::kArticle, c.slug);
    }
  }
}

size_t ResponseCache::size() const {
  size_t n = 0;
  for (const Shard& s : shards_) {
    std::lock_guard<std::mutex> lock(s.mu);
    n += s.entries.size();
  }
  return n;
}

}  // namespace meridian::api
