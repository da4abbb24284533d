// Approximate k-nearest-neighbour search over L2-normalized vectors (issue 5): an HNSW
// graph (hnswlib 0.6) keyed by caller-chosen 32-bit labels, with filtered search as a
// first-class operation.
//
// A filter is evaluated inside the graph search: the walk goes through every node, but
// only nodes the filter accepts become results, so the k results are the best passing
// ones the walk reaches (hnswlib 0.7's approach). When the filter is selective (an
// estimate from a sample says few labels pass), the graph walk would have to cross most
// of the graph to find k of them, so the search scans the passing labels exactly
// instead. Small indexes are always scanned exactly.
//
//   VectorIndex index(128, {});
//   RETURN_IF_ERROR(index.Upsert(7, vector));
//   std::vector<VectorHit> top = index.Search(query, {.k = 10, .filter = open_in_pt});
//
// Thread safety: searches may run concurrently with each other; Upsert/Remove need
// exclusive access (the serving layer holds a reader/writer lock).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/statusor.h"
#include "engine/vector/exact_index.h"

namespace meridian {

struct VectorIndexOptions {
  // Chosen with bench/knn on 200,000 demo jobs and the 224-dimensional embeddings
  // (docs/knn.md): M 24 with ef_construction 200 reaches recall@10 0.93 at ef 100, 0.95 at
  // 128 and 0.96 at 160 (M 16 / 100 was 0.04-0.05 lower at each ef).
  size_t m = 24;                 // graph degree (level 0 has 2m)
  size_t ef_construction = 200;  // candidate list while inserting
  size_t ef_search = 160;        // candidate list while searching (at least k)
  uint64_t seed = 100;
  // Scan exactly when the index holds fewer vectors than this, or when a filter is
  // estimated to pass fewer than `exact_fraction` of them or fewer than `exact_max_scan`
  // vectors (scanning those costs less than a filtered walk; bench/knn measures both).
  size_t exact_below = 1000;
  double exact_fraction = 0.01;
  size_t exact_max_scan = 30'000;
  // Check every approximate answer against exact search and keep recall figures
  // (verify_stats()); a debug mode for tests, several times slower.
  bool verify = false;
};

// Recall of approximate answers against exact search, counted in verify mode: a hit is
// right when it is at least as similar as the k-th exact neighbour (ties count).
struct VerifyStats {
  uint64_t queries = 0;
  double mean_recall = 1;
  double min_recall = 1;
};

// How the last Search answered (for tests and the benchmark).
enum class SearchPath { kGraph, kFilteredGraph, kExact };

class VectorIndex {
 public:
  static constexpr uint32_t kFormatVersion = 1;

  VectorIndex(size_t dims, VectorIndexOptions options);
  ~VectorIndex();
  VectorIndex(VectorIndex&&) noexcept;
  VectorIndex& operator=(VectorIndex&&) noexcept;

  size_t dims() const { return dims_; }
  // Live vectors (removed ones excluded).
  size_t size() const;
  const VectorIndexOptions& options() const { return options_; }

  // Adds or replaces the vector of `label` (normalized on the way in). kInvalidArgument
  // for a wrong length or a non-finite value; kResourceExhausted when memory runs out.
  Status Upsert(uint32_t label, std::span<const float> vector);
  // Inserts many at once on `threads` threads (a first build).
  Status UpsertMany(std::span<const uint32_t> labels, std::span<const float> vectors,
                    size_t threads);
  // Removes a label (no-op when absent). Its graph node stays as a bridge for the walk.
  void Remove(uint32_t label);
  bool Contains(uint32_t label) const;
  // The stored (normalized) vector; empty when absent.
  std::vector<float> Get(uint32_t label) const;

  // The k most similar labels the filter accepts, best first. Results never break the
  // filter; how many of the true top k they hold is the recall (bench/knn).
  std::vector<VectorHit> Search(std::span<const float> query, const KnnOptions& options,
                                SearchPath* path = nullptr) const;
  // The exact answer: a scan of every live vector the filter accepts.
  std::vector<VectorHit> SearchExact(std::span<const float> query, const KnnOptions& options) const;
  // hnswlib's own unfiltered search with no Meridian logic around it (the benchmark's
  // peer; labels as hnswlib returns them, best first).
  std::vector<VectorHit> SearchRawHnsw(std::span<const float> query, size_t k) const;

  VerifyStats verify_stats() const;

  // Two files: `path` (magic, version, dims, options, the caller's `meta`, the graph
  // file's size and checksum, then a checksum of all that) and `path`.hnsw (hnswlib's
  // own format). Both are written to temporaries and renamed, the graph first.
  Status Save(const std::string& path, std::string_view meta) const;
  // kNotFound when missing; kDataLoss when truncated, corrupt, of another version or of
  // other dimensions, or when the graph does not match its checksum. `meta` receives the
  // saved caller data.
  static StatusOr<VectorIndex> Load(const std::string& path, size_t dims,
                                    VectorIndexOptions options, std::string* meta);

 private:
  struct Graph;
  // Verify mode: recall of `hits` against exact search, counted and logged when low.
  void Verify(std::span<const float> query, const KnnOptions& options,
              const std::vector<VectorHit>& hits) const;

  size_t dims_;
  VectorIndexOptions options_;
  std::unique_ptr<Graph> graph_;
  mutable std::atomic<uint64_t> verify_queries_{0};
  mutable std::atomic<uint64_t> verify_recall_micros_{0};  // sum of recall x 1e6
  mutable std::atomic<uint64_t> verify_min_recall_micros_{1'000'000};
};

}  // namespace meridian
