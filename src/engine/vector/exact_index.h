// Exact k-nearest-neighbour search over L2-normalized float vectors (issue 5): cosine
// similarity is a dot product, the vectors sit in one contiguous row-major matrix, and a
// search scans it (the inner loop auto-vectorizes). It is the reference approximate search
// is checked against, and the answer for small sets and for selective filters.
//
//   ExactIndex index(128);
//   uint32_t id = index.Add(vector);                       // normalized on the way in
//   std::vector<VectorHit> top = index.Search(query, {.k = 10, .filter = open_to_pt});
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace meridian {

struct VectorHit {
  uint32_t id = 0;
  float score = 0;  // cosine similarity, -1..1
};

struct KnnOptions {
  size_t k = 10;
  // Only ids it accepts are returned; empty = every id.
  std::function<bool(uint32_t id)> filter;
  // Approximate indexes: the candidate list of the graph walk; 0 = the index's own.
  size_t ef = 0;
};

// The dot product of two n-float arrays.
float Dot(const float* a, const float* b, size_t n);
// Scales `v` to unit length; a zero vector stays zero.
void Normalize(std::span<float> v);

class ExactIndex {
 public:
  explicit ExactIndex(size_t dims) : dims_(dims) {}

  size_t dims() const { return dims_; }
  size_t size() const { return dims_ == 0 ? 0 : data_.size() / dims_; }
  // Appends a vector (dims() floats, normalized here) and returns its id.
  uint32_t Add(std::span<const float> v);
  // Replaces vector `id`.
  void Set(uint32_t id, std::span<const float> v);
  std::span<const float> Get(uint32_t id) const {
    return {data_.data() + static_cast<size_t>(id) * dims_, dims_};
  }

  // The k most similar ids the filter accepts, best first (ties by id).
  std::vector<VectorHit> Search(std::span<const float> query, const KnnOptions& options) const;
  // The same over the given ids only (a filter's passing set).
  std::vector<VectorHit> SearchAmong(std::span<const float> query, std::span<const uint32_t> ids,
                                     size_t k) const;

 private:
  size_t dims_;
  std::vector<float> data_;
};

}  // namespace meridian
