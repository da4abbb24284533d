// The best items of a per-item score vector (engine/ml), shared by every recommender's
// Recommend: items scored kLeftOut (the user's own) are never returned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace meridian {

inline constexpr float kLeftOut = -std::numeric_limits<float>::infinity();

// The k best items of `scores` that are not kLeftOut (ties: lower id first).
std::vector<uint32_t> TopItems(std::span<const float> scores, size_t k);

}  // namespace meridian
