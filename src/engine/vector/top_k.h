// The k best hits of a scan (engine/vector internal): a bounded heap with the worst kept
// hit on top, so each offer costs one comparison unless it enters.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "engine/vector/exact_index.h"

namespace meridian {

class TopK {
 public:
  explicit TopK(size_t k) : k_(k) {}
  void Offer(uint32_t id, float score) {
    if (k_ == 0) return;
    if (heap_.size() < k_) {
      heap_.push_back({id, score});
      std::push_heap(heap_.begin(), heap_.end(), Better);
    } else if (Better({id, score}, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), Better);
      heap_.back() = {id, score};
      std::push_heap(heap_.begin(), heap_.end(), Better);
    }
  }
  // The kept hits, best first.
  std::vector<VectorHit> Take() {
    std::sort(heap_.begin(), heap_.end(), Better);
    return std::move(heap_);
  }

  // True when a ranks before b: higher score, then lower id. As the heap order it keeps
  // the worst of the kept hits on top.
  static bool Better(const VectorHit& a, const VectorHit& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  }

 private:
  size_t k_;
  std::vector<VectorHit> heap_;
};

}  // namespace meridian
