#include "platform/recs/rec_model.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "engine/ml/artifact_frame.h"
#include "engine/ml/byte_io.h"
#include "platform/recs/events.h"

namespace meridian {
namespace {

constexpr ml::ArtifactFrame kFrame{.magic = "MRDNREC",  // + the terminating NUL: 8 bytes
                                   .version = 1,
                                   .what = "rec model",
                                   .noun = "a recommender snapshot"};

Status Bad(const std::string& why) {
  return DataLossError("rec model: " + why);
}

template <typename T>
void PutLists(const std::vector<std::vector<T>>& lists, ml::ByteWriter* w) {
  w->Put(uint64_t{lists.size()});
  for (const auto& list : lists) w->PutVector(list);
}

// Every list takes at least its 8-byte count, so a hostile count runs out of bytes (and
// fails) long before it could allocate much: nothing is reserved ahead.
template <typename T>
void GetLists(ml::ByteReader* r, std::vector<std::vector<T>>* lists) {
  auto n = r->Get<uint64_t>();
  lists->clear();
  for (uint64_t i = 0; i < n && r->ok(); ++i) r->GetVector(&lists->emplace_back());
}

// The owners x items data as Train leaves it: users and items given, rows sorted and
// distinct, positive finite weights beside them, test and times (if any) beside them.
Status CheckData(const TrainTest& d) {
  if (d.train.size() != d.users || d.train_weights.size() != d.users || d.test.size() != d.users ||
      (!d.train_times.empty() && d.train_times.size() != d.users)) {
    return Bad("the data's row counts disagree with its " + std::to_string(d.users) + " owners");
  }
  for (size_t u = 0; u < d.users; ++u) {
    const auto& row = d.train[u];
    if (d.train_weights[u].size() != row.size() ||
        (!d.train_times.empty() && d.train_times[u].size() != row.size())) {
      return Bad("owner " + std::to_string(u) + "'s weights or times disagree with their items");
    }
    for (size_t j = 0; j < row.size(); ++j) {
      if (row[j] >= d.items || (j > 0 && row[j] <= row[j - 1])) {
        return Bad("owner " + std::to_string(u) + "'s items are out of range or order");
      }
      float w = d.train_weights[u][j];
      if (!(std::isfinite(w) && w > 0)) {
        return Bad("owner " + std::to_string(u) + " has a weight that is not positive");
      }
    }
    for (uint32_t i : d.test[u]) {
      if (i >= d.items) return Bad("owner " + std::to_string(u) + "'s test items are out of range");
    }
  }
  return OkStatus();
}

}  // namespace

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

std::string RecModel::Serialize() const {
  ml::ByteWriter w;
  w.PutString(id_);
  w.Put(uint64_t{events_});
  w.PutStrings(item_slugs_);
  std::vector<std::string> owners(owner_index_.size());
  for (const auto& [owner, row] : owner_index_) owners[row] = owner;
  w.PutStrings(owners);
  PutLists(data_.train, &w);
  PutLists(data_.train_weights, &w);
  PutLists(data_.test, &w);
  PutLists(data_.train_times, &w);
  w.PutVector(popularity_);
  w.PutVector(std::vector<int32_t>(trending_.begin(), trending_.end()));
  for (const auto& counts : community_trending_) {
    w.Put(uint64_t{counts.size()});
    for (const auto& [tag, n] : counts) {
      w.PutString(tag);
      w.Put(int32_t{n});
    }
  }
  w.PutVector(by_popularity_);
  if (data_.items > 0) {
    w.Put(uint64_t{als_->factors()});
    w.Put(als_->options().regularization);
    w.Put(als_->options().alpha);
    std::span<const float> factors = als_->ItemFactors();
    w.PutVector(std::vector<float>(factors.begin(), factors.end()));
    for (uint32_t i = 0; i < data_.items; ++i) {
      std::vector<uint32_t> ids;
      std::vector<float> sims;
      for (const auto& [j, sim] : knn_->Neighbours(i)) {
        ids.push_back(j);
        sims.push_back(sim);
      }
      w.PutVector(ids);
      w.PutVector(sims);
    }
  }
  return ml::FrameArtifact(kFrame, w.Take());
}

StatusOr<std::shared_ptr<const RecModel>> RecModel::Deserialize(std::string_view bytes) {
  ASSIGN_OR_RETURN(std::string_view payload, ml::UnframeArtifact(kFrame, bytes));
  // Built in place and never moved: the models keep a reference to data_.
  std::shared_ptr<RecModel> m(new RecModel());
  RETURN_IF_ERROR(m->Parse(payload));
  return std::shared_ptr<const RecModel>(std::move(m));
}

Status RecModel::Parse(std::string_view payload) {
  ml::ByteReader r(payload);
  auto truncated = [&](const char* what) {
    return Bad(std::string("the payload ends inside the ") + what);
  };
  id_ = std::string(r.GetString());
  events_ = r.Get<uint64_t>();
  std::vector<std::string> owners;
  r.GetStrings(&item_slugs_);
  r.GetStrings(&owners);
  if (!r.ok()) return truncated("header, slugs or owners");
  for (uint32_t i = 0; i < item_slugs_.size(); ++i) {
    if (!item_index_.emplace(item_slugs_[i], i).second) return Bad("a job slug repeats");
  }
  for (uint32_t u = 0; u < owners.size(); ++u) {
    if (!owner_index_.emplace(owners[u], u).second) return Bad("an owner repeats");
  }

  TrainTest& d = data_;
  d.users = owners.size();
  d.items = item_slugs_.size();
  GetLists(&r, &d.train);
  GetLists(&r, &d.train_weights);
  GetLists(&r, &d.test);
  GetLists(&r, &d.train_times);
  if (!r.ok()) return truncated("owners' data");
  RETURN_IF_ERROR(CheckData(d));

  std::vector<int32_t> trending;
  r.GetVector(&popularity_);
  r.GetVector(&trending);
  if (!r.ok()) return truncated("popularity");
  if (popularity_.size() != d.items || trending.size() != d.items) {
    return Bad("popularity or trending is not one per job");
  }
  trending_.assign(trending.begin(), trending.end());
  community_trending_.resize(d.items);
  for (uint32_t i = 0; i < d.items && r.ok(); ++i) {
    auto n = r.Get<uint64_t>();
    for (uint64_t k = 0; k < n && r.ok(); ++k) {
      std::string tag(r.GetString());
      auto owners_with_tag = r.Get<int32_t>();
      if (r.ok() && (tag.empty() || owners_with_tag < 1 || owners_with_tag > trending_[i])) {
        return Bad("job " + std::to_string(i) + "'s community counts disagree with trending");
      }
      community_trending_[i].emplace_back(std::move(tag), owners_with_tag);
    }
  }
  r.GetVector(&by_popularity_);
  if (!r.ok()) return truncated("trending");
  for (uint32_t i = 0; i < d.items; ++i) {
    if (!(popularity_[i] >= 0 && popularity_[i] <= 1) || trending_[i] < 0) {
      return Bad("job " + std::to_string(i) + "'s popularity or trending is out of range");
    }
  }
  std::vector<bool> ranked(d.items, false);
  if (by_popularity_.size() != d.items) return Bad("the popularity ranking is not one per job");
  for (size_t k = 0; k < by_popularity_.size(); ++k) {
    uint32_t i = by_popularity_[k];
    if (i >= d.items || ranked[i] ||
        (k > 0 && popularity_[by_popularity_[k - 1]] < popularity_[i])) {
      return Bad("the popularity ranking is not the jobs by popularity");
    }
    ranked[i] = true;
  }

  if (d.items > 0) {
    AlsOptions als;
    als.factors = r.Get<uint64_t>();
    als.regularization = r.Get<double>();
    als.alpha = r.Get<double>();
    std::vector<float> factors;
    r.GetVector(&factors);
    if (!r.ok()) return truncated("ALS factors");
    auto rebuilt = ImplicitAls::FromFactors(d, als, factors);
    if (!rebuilt.ok()) return Bad(rebuilt.status().message());
    als_ = std::make_unique<ImplicitAls>(std::move(*rebuilt));

    NeighbourLists lists(d.items);
    std::vector<uint32_t> ids;
    std::vector<float> sims;
    for (auto& list : lists) {
      r.GetVector(&ids);
      r.GetVector(&sims);
      if (!r.ok()) return truncated("item-KNN neighbours");
      if (ids.size() != sims.size()) return Bad("item-KNN neighbours and similarities disagree");
      for (size_t k = 0; k < ids.size(); ++k) list.emplace_back(ids[k], sims[k]);
    }
    auto knn = ItemKnn::FromNeighbours(d, std::move(lists));
    if (!knn.ok()) return Bad(knn.status().message());
    knn_ = std::make_unique<ItemKnn>(std::move(*knn));
  }
  if (!r.done()) return Bad("bytes are left after the item-KNN neighbours");
  return OkStatus();
}

}  // namespace meridian
