// The behavioural part of the "for you" feed (issue 6): recommenders trained on the
// store's job events. One immutable snapshot holds
//   - implicit ALS (engine/ml/als.h) over owner x job confidences (sum of event weights,
//     capped), with fold-in so an owner's vector is re-solved from their live history;
//   - item-KNN (cosine of owner sets) neighbours, for "because you saved ...";
//   - popularity with time decay (half-life) and a trending count of distinct owners.
// Owners are users and anonymous sessions alike (records.h EventOwnerKey). A job no one has
// touched is unknown here: the feed's content part serves it.
//
//   auto model = RecModel::Train(events, {.now = clock.Now()});
//   std::vector<float> user = model->FoldIn(history);
//   std::vector<float> scores = model->ScoreAll(user);
//
// A snapshot serializes to bytes (the model registry's artifact, issue 8) and back:
//   std::string bytes = model->Serialize();
//   ASSIGN_OR_RETURN(std::shared_ptr<const RecModel> served, RecModel::Deserialize(bytes));
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/statusor.h"
#include "base/time.h"
#include "engine/ml/als.h"
#include "engine/ml/item_knn.h"

namespace meridian {

// One job event as the recommenders learn from it.
struct FeedEvent {
  std::string owner;  // EventOwnerKey()
  std::string item;   // job slug
  std::string kind;   // events.h
  UnixSeconds at = 0;
};

struct RecModelOptions {
  // Factors are capped at half the smaller of owners and jobs (at least 2).
  AlsOptions als{.factors = 32,
                 .regularization = 10.0,
                 .alpha = 2.0,
                 .iterations = 15,
                 .threads = 2,
                 .binary = false};
  // BM25 weighting: better than plain cosine on MovieLens (docs/recsys.md).
  ItemKnnOptions knn{.neighbours = 50, .weighting = KnnWeighting::kBm25};
  float max_weight = 10;  // per owner and job, the sum of event weights is capped here
  double popularity_half_life_days = 7;
  double trending_days = 7;
  UnixSeconds now = 0;  // 0 = the newest event's time
};

// An owner's history as fold-in takes it: (item, weight) with items from ItemIndex.
using ItemWeights = std::vector<std::pair<uint32_t, float>>;
// Jobs' tags by slug, for the owners' communities (optional).
using ItemTags = std::unordered_map<std::string, std::vector<std::string>>;

// The tag that weighs most in a list of (slug, weight): the sum of the weights of the
// jobs carrying it (ties: the smaller tag); "" when none has tags.
std::string DominantTag(const std::vector<std::pair<std::string, float>>& weights,
                        const ItemTags& tags);

class RecModel {
 public:
  // With `tags`, each owner belongs to the community of their dominant tag, and trending
  // is counted per community too ("popular with rust people").
  static std::shared_ptr<const RecModel> Train(const std::vector<FeedEvent>& events,
                                               const RecModelOptions& options,
                                               const ItemTags& tags = {});

  // Everything the public methods answer from, as bytes: magic "MRDNREC\0", u32 format
  // version, u64 payload size, the payload, u64 Checksum64 of everything before it
  // (docs/formats.md has the payload). ALS keeps its item factors only: FoldIn re-solves
  // users, so the trained user factors are not needed to serve.
  std::string Serialize() const;
  // The snapshot Serialize wrote: every public method answers as the serialized model's
  // did (on the same build), and Serialize gives the same bytes back. kDataLoss, naming
  // what is wrong, for foreign, truncated, corrupt (checksum) or other-version bytes and
  // for contents no trained model has (sizes that disagree, indexes out of range,
  // non-finite numbers). Hostile bytes never read out of bounds and allocate a small
  // multiple of their size at most (plus ALS's f x f Gram matrix, f at most
  // ImplicitAls::kMaxFactors).
  static StatusOr<std::shared_ptr<const RecModel>> Deserialize(std::string_view bytes);

  // "recs-<events>-<newest event time>": what the feed's responses and events' context
  // name.
  const std::string& id() const { return id_; }
  size_t events() const { return events_; }
  size_t owners() const { return data_.users; }
  size_t items() const { return data_.items; }
  double train_seconds() const { return train_seconds_; }  // 0 after Deserialize

  std::optional<uint32_t> ItemIndex(const std::string& slug) const;
  const std::string& ItemSlug(uint32_t item) const { return item_slugs_[item]; }
  // The owner's trained history (empty for an owner unknown at training).
  ItemWeights TrainedHistory(const std::string& owner) const;

  // ALS: a user vector solved from a history; every item's predicted preference for it.
  // Empty when nothing was trained (no events).
  std::vector<float> FoldIn(const ItemWeights& history) const;
  std::vector<float> ScoreAll(const std::vector<float>& user) const;
  // Item-KNN: the item's most similar items (cosine), most similar first.
  const std::vector<std::pair<uint32_t, float>>& Neighbours(uint32_t item) const;
  // Time-decayed popularity divided by the most popular item's (0..1).
  double Popularity(uint32_t item) const { return popularity_[item]; }
  // Distinct owners who used the item in the last `trending_days`.
  int Trending(uint32_t item) const { return trending_[item]; }
  // Of those, the owners whose dominant tag is `tag` (0 without tags at training).
  int TrendingWith(uint32_t item, const std::string& tag) const;
  // Items by decayed popularity, most popular first.
  const std::vector<uint32_t>& ByPopularity() const { return by_popularity_; }

  // The owners x items data the models were trained on (evaluation).
  const TrainTest& data() const { return data_; }

 private:
  RecModel() = default;

  // Deserialize's payload, filling this (fresh) model; kDataLoss naming what is wrong.
  Status Parse(std::string_view payload);

  std::string id_;
  size_t events_ = 0;
  double train_seconds_ = 0;
  std::vector<std::string> item_slugs_;
  std::unordered_map<std::string, uint32_t> item_index_, owner_index_;
  TrainTest data_;  // before the models, which keep a reference to it
  std::unique_ptr<ImplicitAls> als_;
  std::unique_ptr<ItemKnn> knn_;
  std::vector<double> popularity_;
  std::vector<int> trending_;
  std::vector<std::vector<std::pair<std::string, int>>> community_trending_;  // per item
  std::vector<uint32_t> by_popularity_;
};

// `als` with its factors capped at half the smaller of `data`'s owners and jobs (at least
// 2): more only memorizes each owner's items, and a fresh install has few.
AlsOptions CappedAls(AlsOptions als, const TrainTest& data);

// Per-owner (item, weight) from events in time order: weights summed and capped, a hide
// drops the item (and later events on it count again). Items are slugs.
std::vector<std::pair<std::string, float>> OwnerWeights(const std::vector<FeedEvent>& events,
                                                        float max_weight);

}  // namespace meridian
