#include "engine/ml/top_items.h"

#include <algorithm>

namespace meridian {

std::vector<uint32_t> TopItems(std::span<const float> scores, size_t k) {
  std::vector<uint32_t> order;
  order.reserve(scores.size());
  for (uint32_t i = 0; i < scores.size(); ++i) {
    if (scores[i] != kLeftOut) order.push_back(i);
  }
  size_t take = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(take), order.end(),
                    [&](uint32_t a, uint32_t b) {
                      return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
                    });
  order.resize(take);
  return order;
}

}  // namespace meridian
