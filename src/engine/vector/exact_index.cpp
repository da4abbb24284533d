#include "engine/vector/exact_index.h"

#include <algorithm>
#include <cmath>
#include <queue>

#include "engine/vector/top_k.h"

namespace meridian {
float Dot(const float* a, const float* b, size_t n) {
  // Four independent sums let the compiler vectorize without reassociating floats.
  float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (; i < n; ++i) s0 += a[i] * b[i];
  return (s0 + s1) + (s2 + s3);
}

void Normalize(std::span<float> v) {
  float norm = std::sqrt(Dot(v.data(), v.data(), v.size()));
  if (norm == 0 || !std::isfinite(norm)) return;
  for (float& x : v) x /= norm;
}

uint32_t ExactIndex::Add(std::span<const float> v) {
  auto id = static_cast<uint32_t>(size());
  data_.resize(data_.size() + dims_);
  Set(id, v);
  return id;
}

void ExactIndex::Set(uint32_t id, std::span<const float> v) {
  float* row = data_.data() + static_cast<size_t>(id) * dims_;
  std::copy_n(v.begin(), std::min(v.size(), dims_), row);
  std::fill(row + std::min(v.size(), dims_), row + dims_, 0.0f);
  Normalize({row, dims_});
}

std::vector<VectorHit> ExactIndex::Search(std::span<const float> query,
                                          const KnnOptions& options) const {
  TopK top(options.k);
  const size_t n = size();
  if (query.size() != dims_) return {};
  for (uint32_t id = 0; id < n; ++id) {
    if (options.filter && !options.filter(id)) continue;
    top.Offer(id, Dot(query.data(), data_.data() + static_cast<size_t>(id) * dims_, dims_));
  }
  return top.Take();
}

std::vector<VectorHit> ExactIndex::SearchAmong(std::span<const float> query,
                                               std::span<const uint32_t> ids, size_t k) const {
  TopK top(k);
  if (query.size() != dims_) return {};
  for (uint32_t id : ids) {
    if (id >= size()) continue;
    top.Offer(id, Dot(query.data(), data_.data() + static_cast<size_t>(id) * dims_, dims_));
  }
  return top.Take();
}

}  // namespace meridian
