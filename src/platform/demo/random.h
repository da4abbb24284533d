// Deterministic random helpers for the demo generator. Everything draws from an explicitly
// passed std::mt19937_64 and uses only its raw output (never the standard distributions,
// whose results differ between standard libraries), so a seed gives the same data anywhere.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace meridian::demo {

using Rng = std::mt19937_64;

// A seed for an independent stream ("jobs", "talent", ...) derived from the user's seed, so
// that changing the number of talent profiles does not change the jobs.
uint64_t DeriveSeed(uint64_t seed, std::string_view stream);

// Uniform integer in [0, n); 0 when n == 0.
inline uint64_t Below(Rng& rng, uint64_t n) {
  return n == 0 ? 0 : rng() % n;
}
// Uniform double in [0, 1).
inline double Unit(Rng& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}
inline bool Chance(Rng& rng, double p) {
  return Unit(rng) < p;
}
// Uniform integer in [lo, hi].
inline int Between(Rng& rng, int lo, int hi) {
  return lo + static_cast<int>(Below(rng, static_cast<uint64_t>(hi - lo + 1)));
}
inline double BetweenReal(Rng& rng, double lo, double hi) {
  return lo + (hi - lo) * Unit(rng);
}

template <typename T>
const T& Pick(Rng& rng, std::span<const T> items) {
  return items[Below(rng, items.size())];
}
template <typename T>
const T& Pick(Rng& rng, const std::vector<T>& items) {
  return items[Below(rng, items.size())];
}

// Index drawn with probability proportional to weights (cumulative sums, ascending).
class WeightedIndex {
 public:
  WeightedIndex() = default;
  explicit WeightedIndex(std::span<const double> weights);
  size_t Draw(Rng& rng) const;
  bool empty() const { return cumulative_.empty(); }

 private:
  std::vector<double> cumulative_;
};

// `k` distinct indices of [0, n) in random order (all of them when k >= n).
std::vector<size_t> SampleIndices(Rng& rng, size_t n, size_t k);

// Base-36 digits of n ("0".."9a".."zz..."), for short stable slug suffixes.
std::string Base36(uint64_t n);

}  // namespace meridian::demo
