#include "engine/ml/item_knn.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace meridian {

namespace {

// The order of a neighbour list: most similar first, ties by lower id.
bool MoreSimilar(const std::pair<uint32_t, float>& a, const std::pair<uint32_t, float>& b) {
  return a.second != b.second ? a.second > b.second : a.first < b.first;
}

// Per user: the value every one of their interactions takes in the matrix (see the header;
// interactions are binary, so it depends on the user only).
std::vector<double> UserValues(const TrainTest& split, const ItemKnnOptions& options) {
  std::vector<double> value(split.users, 1.0);
  if (options.weighting != KnnWeighting::kBm25 || split.users == 0) return value;
  double total = 0;
  for (const auto& items : split.train) total += static_cast<double>(items.size());
  const double mean = total / static_cast<double>(split.users);
  const double k1 = options.bm25_k1, b = options.bm25_b;
  for (size_t u = 0; u < split.users; ++u) {
    double length = static_cast<double>(split.train[u].size());
    double norm = mean > 0 ? (1 - b) + b * length / mean : 1;
    value[u] = (k1 + 1) / (k1 * norm + 1);
  }
  return value;
}

}  // namespace

ItemKnn::ItemKnn(const TrainTest& split, const ItemKnnOptions& options)
    : split_(split), neighbours_(split.items) {
  const std::vector<double> value = UserValues(split, options);
  std::vector<std::vector<uint32_t>> users_of(split.items);
  std::vector<double> squared(split.items, 0);  // each item column's squared norm
  for (uint32_t u = 0; u < split.users; ++u) {
    for (uint32_t i : split.train[u]) {
      users_of[i].push_back(u);
      squared[i] += value[u] * value[u];
    }
  }
  // One row of weighted co-occurrences at a time: memory stays O(items x neighbours).
  std::vector<double> row(split.items, 0);
  std::vector<uint32_t> touched;
  for (uint32_t i = 0; i < split.items; ++i) {
    touched.clear();
    for (uint32_t u : users_of[i]) {
      for (uint32_t j : split.train[u]) {
        if (j == i) continue;
        if (row[j] == 0) touched.push_back(j);
        row[j] += value[u] * value[u];
      }
    }
    auto& out = neighbours_[i];
    for (uint32_t j : touched) {
      out.emplace_back(j, static_cast<float>(row[j] / std::sqrt(squared[i] * squared[j])));
      row[j] = 0;
    }
    size_t keep = std::min(options.neighbours, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<long>(keep), out.end(), MoreSimilar);
    out.resize(keep);
  }
}

StatusOr<ItemKnn> ItemKnn::FromNeighbours(const TrainTest& split, NeighbourLists neighbours) {
  if (neighbours.size() != split.items) {
    return InvalidArgumentError("item-knn: " + std::to_string(neighbours.size()) +
                                " neighbour lists for " + std::to_string(split.items) + " items");
  }
  std::vector<uint32_t> ids;
  for (uint32_t i = 0; i < neighbours.size(); ++i) {
    const auto& list = neighbours[i];
    auto bad = [&](const std::string& why) {
      return InvalidArgumentError("item-knn: item " + std::to_string(i) + "'s neighbours " + why);
    };
    ids.clear();
    for (size_t k = 0; k < list.size(); ++k) {
      const auto& [j, sim] = list[k];
      if (j >= split.items || j == i) return bad("name an item out of range or itself");
      if (!std::isfinite(sim)) return bad("have a similarity that is not finite");
      if (k > 0 && !MoreSimilar(list[k - 1], list[k])) return bad("are out of order");
      ids.push_back(j);
    }
    std::sort(ids.begin(), ids.end());
    if (std::adjacent_find(ids.begin(), ids.end()) != ids.end()) return bad("repeat an item");
  }
  ItemKnn knn(split);
  knn.neighbours_ = std::move(neighbours);
  return knn;
}

std::vector<float> ItemKnn::ScoreAll(uint32_t user) const {
  std::vector<float> scores(split_.items, 0);
  for (uint32_t i : split_.train[user]) {
    for (const auto& [j, sim] : neighbours_[i]) scores[j] += sim;
  }
  return scores;
}

std::vector<uint32_t> ItemKnn::Recommend(uint32_t user, size_t k) const {
  const auto& seen = split_.train[user];
  std::vector<float> scores(split_.items, 0);
  std::vector<uint32_t> candidates;
  for (uint32_t i : seen) {
    for (const auto& [j, sim] : neighbours_[i]) {
      if (scores[j] == 0) candidates.push_back(j);
      scores[j] += sim;
    }
  }
  std::erase_if(candidates,
                [&](uint32_t j) { return std::binary_search(seen.begin(), seen.end(), j); });
  size_t take = std::min(k, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<long>(take),
                    candidates.end(), [&](uint32_t a, uint32_t b) {
                      return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
                    });
  candidates.resize(take);
  return candidates;
}

}  // namespace meridian
