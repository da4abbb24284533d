#include "platform/recs/rec_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "platform/recs/events.h"

namespace meridian {

std::vector<std::pair<std::string, float>> OwnerWeights(const std::vector<FeedEvent>& events,
                                                        float max_weight) {
  std::vector<std::pair<std::string, float>> out;
  std::unordered_map<std::string, size_t> at;
  for (const FeedEvent& e : events) {
    auto it = at.find(e.item);
    if (e.kind == "hide") {
      if (it != at.end()) out[it->second].second = 0;
      continue;
    }
    float w = EventWeight(e.kind);
    if (w <= 0) continue;
    if (it == at.end()) {
      at.emplace(e.item, out.size());
      out.emplace_back(e.item, std::min(w, max_weight));
    } else {
      out[it->second].second = std::min(out[it->second].second + w, max_weight);
    }
  }
  std::erase_if(out, [](const auto& p) { return p.second <= 0; });
  return out;
}

AlsOptions CappedAls(AlsOptions als, const TrainTest& data) {
  als.factors = std::min(als.factors, std::max<size_t>(2, std::min(data.users, data.items) / 2));
  return als;
}

std::string DominantTag(const std::vector<std::pair<std::string, float>>& weights,
                        const ItemTags& tags) {
  std::map<std::string, float> sum;
  for (const auto& [slug, w] : weights) {
    auto it = tags.find(slug);
    if (it == tags.end()) continue;
    for (const std::string& t : it->second) sum[t] += w;
  }
  std::string best;
  float top = 0;
  for (const auto& [t, w] : sum) {
    if (w > top) {
      top = w;
      best = t;
    }
  }
  return best;
}

std::shared_ptr<const RecModel> RecModel::Train(const std::vector<FeedEvent>& events,
                                                const RecModelOptions& options,
                                                const ItemTags& tags) {
  auto start = std::chrono::steady_clock::now();
  std::shared_ptr<RecModel> m(new RecModel());
  m->events_ = events.size();
  UnixSeconds newest = 0;
  for (const FeedEvent& e : events) newest = std::max(newest, e.at);
  UnixSeconds now = options.now ? options.now : newest;
  m->id_ = "recs-" + std::to_string(events.size()) + "-" + std::to_string(newest);

  // Events per owner, in time order (stable: the log's order breaks ties).
  std::map<std::string, std::vector<FeedEvent>> by_owner;
  for (const FeedEvent& e : events) by_owner[e.owner].push_back(e);
  for (auto& [owner, list] : by_owner) {
    std::stable_sort(list.begin(), list.end(),
                     [](const FeedEvent& a, const FeedEvent& b) { return a.at < b.at; });
  }
  auto item_id = [&](const std::string& slug) {
    auto [it, fresh] =
        m->item_index_.try_emplace(slug, static_cast<uint32_t>(m->item_slugs_.size()));
    if (fresh) m->item_slugs_.push_back(slug);
    return it->second;
  };
  TrainTest& d = m->data_;
  std::unordered_map<std::string, std::string> community;  // owner -> dominant tag
  for (const auto& [owner, list] : by_owner) {
    auto weights = OwnerWeights(list, options.max_weight);
    if (weights.empty()) continue;
    if (!tags.empty()) community.emplace(owner, DominantTag(weights, tags));
    m->owner_index_.emplace(owner, static_cast<uint32_t>(d.train.size()));
    std::vector<std::pair<uint32_t, float>> row;
    for (const auto& [slug, w] : weights) row.emplace_back(item_id(slug), w);
    std::sort(row.begin(), row.end());
    d.train.emplace_back();
    d.train_weights.emplace_back();
    for (const auto& [i, w] : row) {
      d.train.back().push_back(i);
      d.train_weights.back().push_back(w);
    }
  }
  d.users = d.train.size();
  d.items = m->item_slugs_.size();
  d.test.resize(d.users);

  // Popularity: every positive event counts, decayed by its age; trending counts owners.
  m->popularity_.assign(d.items, 0);
  m->trending_.assign(d.items, 0);
  const double half_life = options.popularity_half_life_days * 86400;
  const UnixSeconds window = static_cast<UnixSeconds>(options.trending_days * 86400);
  std::set<std::pair<uint32_t, std::string>> recent;
  for (const FeedEvent& e : events) {
    auto it = m->item_index_.find(e.item);
    if (it == m->item_index_.end() || EventWeight(e.kind) <= 0) continue;
    double age = static_cast<double>(std::max<UnixSeconds>(0, now - e.at));
    m->popularity_[it->second] +=
        EventWeight(e.kind) * (half_life > 0 ? std::exp2(-age / half_life) : 1.0);
    if (now - e.at <= window) recent.emplace(it->second, e.owner);
  }
  m->community_trending_.resize(d.items);
  for (const auto& [item, owner] : recent) {
    ++m->trending_[item];
    auto c = community.find(owner);
    if (c == community.end() || c->second.empty()) continue;
    auto& counts = m->community_trending_[item];
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const auto& p) { return p.first == c->second; });
    if (it == counts.end()) {
      counts.emplace_back(c->second, 1);
    } else {
      ++it->second;
    }
  }
  double top = 0;
  for (double p : m->popularity_) top = std::max(top, p);
  if (top > 0) {
    for (double& p : m->popularity_) p /= top;
  }
  m->by_popularity_.resize(d.items);
  for (uint32_t i = 0; i < d.items; ++i) m->by_popularity_[i] = i;
  std::stable_sort(m->by_popularity_.begin(), m->by_popularity_.end(),
                   [&](uint32_t a, uint32_t b) { return m->popularity_[a] > m->popularity_[b]; });

  if (d.items > 0) {
    m->als_ = std::make_unique<ImplicitAls>(m->data_, CappedAls(options.als, m->data_));
    m->knn_ = std::make_unique<ItemKnn>(m->data_, options.knn);
  }
  m->train_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return m;
}

int RecModel::TrendingWith(uint32_t item, const std::string& tag) const {
  for (const auto& [t, n] : community_trending_[item]) {
    if (t == tag) return n;
  }
  return 0;
}

std::optional<uint32_t> RecModel::ItemIndex(const std::string& slug) const {
  auto it = item_index_.find(slug);
  if (it == item_index_.end()) return std::nullopt;
  return it->second;
}

ItemWeights RecModel::TrainedHistory(const std::string& owner) const {
  ItemWeights out;
  auto it = owner_index_.find(owner);
  if (it == owner_index_.end()) return out;
  for (size_t j = 0; j < data_.train[it->second].size(); ++j) {
    out.emplace_back(data_.train[it->second][j], data_.train_weights[it->second][j]);
  }
  return out;
}

std::vector<float> RecModel::FoldIn(const ItemWeights& history) const {
  if (!als_) return {};
  std::vector<uint32_t> items;
  std::vector<float> weights;
  for (const auto& [i, w] : history) {
    items.push_back(i);
    weights.push_back(w);
  }
  return als_->FoldIn(items, weights);
}

std::vector<float> RecModel::ScoreAll(const std::vector<float>& user) const {
  if (!als_ || user.empty()) return {};
  return als_->ScoreAll(user);
}

const std::vector<std::pair<uint32_t, float>>& RecModel::Neighbours(uint32_t item) const {
  static const std::vector<std::pair<uint32_t, float>> kNone;
  return knn_ ? knn_->Neighbours(item) : kNone;
}

}  // namespace meridian
