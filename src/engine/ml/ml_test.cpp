// Recommender evaluation: metrics against hand-computed values, the reader, the splits and
// the popularity baseline.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>

#include "engine/ml/als.h"
#include "engine/ml/hybrid.h"
#include "engine/ml/interactions.h"
#include "engine/ml/item_knn.h"
#include "engine/ml/metrics.h"
#include "engine/ml/popularity.h"

namespace meridian {
namespace {

TEST(RankingMetricsTest, MatchHandComputedValues) {
  // Relevant {1, 3, 5}; ranked 1, 2, 3, 4 at k = 4: hits at ranks 1 and 3.
  std::vector<uint32_t> relevant = {1, 3, 5}, ranked = {1, 2, 3, 4};
  RankingScores s = ScoreRanking(ranked, relevant, 4);
  EXPECT_DOUBLE_EQ(s.precision, 2.0 / 4);
  EXPECT_DOUBLE_EQ(s.recall, 2.0 / 3);
  double dcg = 1 / std::log2(2.0) + 1 / std::log2(4.0);  // 1 + 0.5
  double idcg = 1 / std::log2(2.0) + 1 / std::log2(3.0) + 1 / std::log2(4.0);
  EXPECT_DOUBLE_EQ(s.ndcg, dcg / idcg);  // 0.7039...
  EXPECT_NEAR(s.ndcg, 0.703918, 1e-6);
  EXPECT_DOUBLE_EQ(s.map, (1.0 / 1 + 2.0 / 3) / 3);  // precision at the hits / min(k, 3)
  // A perfect list scores 1 everywhere but precision, which k bounds.
  RankingScores perfect = ScoreRanking(std::vector<uint32_t>{5, 3, 1}, relevant, 3);
  EXPECT_DOUBLE_EQ(perfect.ndcg, 1);
  EXPECT_DOUBLE_EQ(perfect.map, 1);
  EXPECT_DOUBLE_EQ(perfect.recall, 1);
  EXPECT_DOUBLE_EQ(perfect.precision, 1);
  // Only the first k count; nothing relevant, nothing scored.
  EXPECT_DOUBLE_EQ(ScoreRanking(std::vector<uint32_t>{9, 9, 1}, relevant, 2).recall, 0);
  EXPECT_DOUBLE_EQ(ScoreRanking(ranked, std::vector<uint32_t>{}, 4).ndcg, 0);
}

std::string WriteFile(const std::string& name, const std::string& text) {
  std::string path =
      (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))).string();
  std::ofstream(path) << text;
  return path;
}

TEST(InteractionsTest, ReadsMovieLensAndPlainFilesAndNamesBadLines) {
  std::string path = WriteFile("ml.data",
                               "1\t10\t5\t881250949\n1\t20\t2\t881250950\n\n"
                               "# comment\n2 10\n3,30,4.5\n");
  InteractionSet all;
  ASSERT_TRUE(ReadInteractions(path, {}, &all).ok());
  EXPECT_EQ(all.rows.size(), 4u);
  EXPECT_EQ(all.user_ids.size(), 3u);
  EXPECT_EQ(all.item_ids.size(), 3u);
  EXPECT_EQ(all.rows[0].ts, 881250949);
  EXPECT_FLOAT_EQ(all.rows[2].weight, 1);    // no weight: 1
  EXPECT_FLOAT_EQ(all.rows[3].weight, 4.5);  // commas work too
  InteractionSet liked;
  ASSERT_TRUE(ReadInteractions(path, {.min_weight = 4}, &liked).ok());
  EXPECT_EQ(liked.rows.size(), 2u);  // ratings 5 and 4.5
  std::string bad = WriteFile("bad.data", "1 2 3\n1 2 x\n");
  InteractionSet b;
  Status s = ReadInteractions(bad, {}, &b);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find(":2: weight is not a number"), std::string::npos) << s.message();
  EXPECT_EQ(ReadInteractions(bad + ".none", {}, &b).code(), StatusCode::kNotFound);
  std::remove(path.c_str());
  std::remove(bad.c_str());
}

TEST(InteractionsTest, SplitsPerUserAndByATestFile) {
  InteractionSet all;
  for (int u = 0; u < 10; ++u) {
    for (int i = 0; i < 8; ++i) {
      all.rows.push_back({all.UserId("u" + std::to_string(u)),
                          all.ItemId("i" + std::to_string((u + i) % 12)), 1, 1000 * u + i});
    }
  }
  // Every split keeps each training row's time beside it: user u's item "i<n>" was row
  // i = (n - u) mod 12, at 1000 u + i.
  auto expect_times = [&](const TrainTest& t) {
    ASSERT_EQ(t.train_times.size(), t.users);
    for (size_t u = 0; u < t.users; ++u) {
      ASSERT_EQ(t.train_times[u].size(), t.train[u].size());
      int user = std::stoi(all.user_ids[u].substr(1));
      for (size_t j = 0; j < t.train[u].size(); ++j) {
        int n = std::stoi(all.item_ids[t.train[u][j]].substr(1));
        EXPECT_EQ(t.train_times[u][j], 1000 * user + (n - user + 12) % 12);
      }
    }
  };
  TrainTest split = StratifiedSplit(all, {.train_fraction = 0.75, .seed = 1});
  for (size_t u = 0; u < split.users; ++u) {
    EXPECT_EQ(split.train[u].size(), 6u);
    EXPECT_EQ(split.test[u].size(), 2u);
    std::vector<uint32_t> both;
    std::set_intersection(split.train[u].begin(), split.train[u].end(), split.test[u].begin(),
                          split.test[u].end(), std::back_inserter(both));
    EXPECT_TRUE(both.empty());
  }
  TrainTest again = StratifiedSplit(all, {.train_fraction = 0.75, .seed = 1});
  EXPECT_EQ(again.test, split.test);  // deterministic for a seed
  expect_times(split);
  expect_times(ValidationSplit(split, {.train_fraction = 0.75, .seed = 1}));

  InteractionSet test;
  test.rows.push_back({test.UserId("u0"), test.ItemId("i0"), 1, 0});
  TrainTest by_file = SplitByTest(all, test);
  EXPECT_EQ(by_file.test[all.user_index.at("u0")], std::vector<uint32_t>{all.item_index.at("i0")});
  EXPECT_EQ(by_file.train[all.user_index.at("u0")].size(), 7u);
  expect_times(by_file);
}

TEST(PopularityTest, RanksByCountAndLeavesOutWhatTheUserSaw) {
  TrainTest split;
  split.users = 3;
  split.items = 4;
  split.train = {{0, 1}, {0, 2}, {0}};
  split.test = {{2}, {1}, {1, 3}};
  split.train_weights = {{1, 1}, {1, 1}, {1}};
  Popularity pop(split, {});
  EXPECT_EQ(pop.Recommend(0, 2), (std::vector<uint32_t>{2, 3}));  // 0 and 1 seen
  EXPECT_EQ(pop.Recommend(2, 3), (std::vector<uint32_t>{1, 2, 3}));
  EvaluationReport r =
      EvaluateRanking(split, 1, [&](uint32_t u, size_t k) { return pop.Recommend(u, k); });
  EXPECT_EQ(r.users, 3u);
  // User 0 gets 2 (a hit), user 1 gets 1 (a hit), user 2 gets 1 (a hit).
  EXPECT_DOUBLE_EQ(r.mean.precision, 1);
  EXPECT_DOUBLE_EQ(r.coverage, 2.0 / 4);
}

TEST(PopularityTest, DecaysWithAHalfLife) {
  constexpr int64_t kDay = 86400;
  TrainTest split;
  split.users = 4;
  split.items = 4;
  split.train = {{0, 1}, {0, 2}, {1}, {}};
  split.test = {{3}, {3}, {3}, {0}};
  split.train_weights = {{1, 1}, {1, 1}, {1}, {}};
  split.train_times = {{10 * kDay, 8 * kDay}, {0, 10 * kDay}, {9 * kDay}, {}};
  // Plain counts: 2, 2, 1, 0; items 0 and 1 tie (lower id first).
  Popularity plain(split, {});
  EXPECT_EQ(plain.scores(), (std::vector<double>{2, 2, 1, 0}));
  EXPECT_EQ(plain.Recommend(3, 2), (std::vector<uint32_t>{0, 1}));
  // Half-life 2 days, aged from the latest time (day 10): item 0 = 1 + 2^-5 (ages 0 and
  // 10 days), item 1 = 2^-1 + 2^-0.5 (ages 2 and 1), item 2 = 1 (age 0).
  Popularity decayed(split, {.half_life_days = 2});
  ASSERT_EQ(decayed.scores().size(), 4u);
  EXPECT_NEAR(decayed.scores()[0], 1.03125, 1e-12);
  EXPECT_NEAR(decayed.scores()[1], 0.5 + std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(decayed.scores()[2], 1, 1e-12);
  EXPECT_EQ(decayed.scores()[3], 0);
  EXPECT_EQ(decayed.Recommend(2, 3), (std::vector<uint32_t>{0, 2, 3}));
  EXPECT_EQ(decayed.Recommend(3, 2), (std::vector<uint32_t>{1, 0}));  // recent item 1 leads
  // An explicit `now` two days later halves everything; a row after it counts 1.
  Popularity later(split, {.half_life_days = 2, .now = 12 * kDay});
  EXPECT_NEAR(later.scores()[2], 0.5, 1e-12);
  Popularity earlier(split, {.half_life_days = 2, .now = 9 * kDay});
  EXPECT_NEAR(earlier.scores()[2], 1, 1e-12);
  // Undated rows (a split filled by hand) all read as time 0: plain counts again.
  split.train_times.clear();
  EXPECT_EQ(Popularity(split, {.half_life_days = 2}).scores(), (std::vector<double>{2, 2, 1, 0}));
}

// Two communities: users 0-49 use items 0-9, users 50-99 items 10-19; each user has seen
// a random 6 of their block's 10 items, and the other 4 are held out.
TrainTest TwoCommunities() {
  TrainTest split;
  split.users = 100;
  split.items = 20;
  split.train.resize(100);
  split.test.resize(100);
  split.train_weights.resize(100);
  std::mt19937 rng(3);
  for (uint32_t u = 0; u < 100; ++u) {
    uint32_t base = u < 50 ? 0 : 10;
    std::vector<uint32_t> items(10);
    for (uint32_t j = 0; j < 10; ++j) items[j] = base + j;
    std::shuffle(items.begin(), items.end(), rng);
    split.train[u].assign(items.begin(), items.begin() + 6);
    split.test[u].assign(items.begin() + 6, items.end());
    split.train_weights[u].assign(6, 1.0f);
    std::sort(split.train[u].begin(), split.train[u].end());
    std::sort(split.test[u].begin(), split.test[u].end());
  }
  return split;
}

TEST(ImplicitAlsTest, RecommendsFromTheUsersOwnCommunity) {
  // Two factors are enough to tell the blocks apart: every recommendation must be one of
  // the user's 4 unseen block items.
  TrainTest split = TwoCommunities();
  ImplicitAls als(split, {.factors = 2, .iterations = 10, .threads = 2});
  EvaluationReport r =
      EvaluateRanking(split, 4, [&](uint32_t u, size_t k) { return als.Recommend(u, k); });
  EXPECT_DOUBLE_EQ(r.mean.precision, 1.0);
  EXPECT_DOUBLE_EQ(r.mean.ndcg, 1.0);
  for (uint32_t u : {0u, 77u}) {
    for (uint32_t item : als.Recommend(u, 4)) {
      EXPECT_FALSE(std::binary_search(split.train[u].begin(), split.train[u].end(), item));
    }
  }
  EXPECT_GT(als.Score(0, split.test[0][0]), als.Score(0, 15));  // own block above the other
}

TEST(ImplicitAlsTest, FoldInSolvesANewUserExactly) {
  TrainTest split = TwoCommunities();
  ImplicitAls als(split, {.factors = 4,
                          .regularization = 0.1,
                          .alpha = 2,
                          .iterations = 30,
                          .cg_steps = 8,
                          .threads = 1});
  // A trained user folded in again from their own items lands where training put them
  // (training is the same least squares, converged).
  std::vector<float> ones(split.train[3].size(), 1.0f);
  std::vector<float> again = als.FoldIn(split.train[3], ones);
  std::vector<float> trained = als.UserVector(3);
  ASSERT_EQ(again.size(), trained.size());
  for (size_t d = 0; d < again.size(); ++d) EXPECT_NEAR(again[d], trained[d], 1e-2);
  // A new user who saw two items of the second block prefers that block's other items;
  // a heavier weight on one item raises it.
  std::vector<uint32_t> seen = {11, 12};
  std::vector<float> w = {1, 1};
  std::vector<float> scores = als.ScoreAll(als.FoldIn(seen, w));
  ASSERT_EQ(scores.size(), 20u);
  for (uint32_t i = 0; i < 10; ++i) EXPECT_GT(scores[15], scores[i]) << i;
  std::vector<float> heavier = als.ScoreAll(als.FoldIn(seen, std::vector<float>{5, 1}));
  EXPECT_GT(heavier[11] - heavier[12], scores[11] - scores[12]);
  // No items: a zero vector (nothing to prefer), and unknown items are skipped.
  std::vector<uint32_t> unknown = {99};
  for (float x : als.FoldIn(unknown, w)) EXPECT_EQ(x, 0.0f);
}

TEST(ImplicitAlsTest, FromFactorsFoldsInAsTrained) {
  TrainTest split = TwoCommunities();
  ImplicitAls als(split, {.factors = 4, .regularization = 0.1, .alpha = 3, .threads = 1});
  std::span<const float> y = als.ItemFactors();
  ASSERT_EQ(y.size(), 20u * 4);
  auto rebuilt = ImplicitAls::FromFactors(split, als.options(), y);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
  EXPECT_EQ(rebuilt->users(), 0u);
  EXPECT_EQ(rebuilt->items(), 20u);
  const std::vector<uint32_t> seen = {11, 12, 99};
  const std::vector<float> w = {2, 1, 1};
  std::vector<float> x = als.FoldIn(seen, w);
  EXPECT_EQ(rebuilt->FoldIn(seen, w), x);  // exactly: the same Gram matrix
  EXPECT_EQ(rebuilt->ScoreAll(x), als.ScoreAll(x));
  // Sizes and values no trained model has.
  auto code = [&](const AlsOptions& o, std::span<const float> f) {
    return ImplicitAls::FromFactors(split, o, f).status().code();
  };
  std::vector<float> nan(y.begin(), y.end());
  nan[5] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(code(als.options(), y.first(y.size() - 1)), StatusCode::kInvalidArgument);
  EXPECT_EQ(code(als.options(), nan), StatusCode::kInvalidArgument);
  AlsOptions o = als.options();
  o.factors = ImplicitAls::kMaxFactors + 1;
  EXPECT_EQ(code(o, {}), StatusCode::kInvalidArgument);
  o.factors = 0;
  EXPECT_EQ(code(o, {}), StatusCode::kInvalidArgument);
  o = als.options();
  o.alpha = std::numeric_limits<double>::infinity();
  EXPECT_EQ(code(o, y), StatusCode::kInvalidArgument);
}

TEST(ItemKnnTest, FromNeighboursAnswersAsTrainedAndRefusesBadLists) {
  TrainTest split = TwoCommunities();
  ItemKnn knn(split, {.neighbours = 5});
  NeighbourLists lists;
  for (uint32_t i = 0; i < split.items; ++i) lists.push_back(knn.Neighbours(i));
  ASSERT_GE(lists[0].size(), 3u);
  auto rebuilt = ItemKnn::FromNeighbours(split, lists);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
  for (uint32_t u : {0u, 77u}) {
    EXPECT_EQ(rebuilt->Recommend(u, 4), knn.Recommend(u, 4));
    EXPECT_EQ(rebuilt->ScoreAll(u), knn.ScoreAll(u));
  }
  auto refused = [&](auto edit) {
    NeighbourLists bad = lists;
    edit(bad);
    return ItemKnn::FromNeighbours(split, bad).status().code() == StatusCode::kInvalidArgument;
  };
  EXPECT_TRUE(refused([](NeighbourLists& l) { l.pop_back(); }));
  EXPECT_TRUE(refused([](NeighbourLists& l) { l[0][0].first = 20; }));  // out of range
  EXPECT_TRUE(refused([](NeighbourLists& l) { l[0][0].first = 0; }));   // itself
  EXPECT_TRUE(refused([](NeighbourLists& l) { std::swap(l[0][0], l[0][2]); }));
  EXPECT_TRUE(refused([](NeighbourLists& l) {
    l[0].back() = {l[0][0].first, -1.0f};  // in order, but repeated
  }));
  EXPECT_TRUE(
      refused([](NeighbourLists& l) { l[0][2].second = -std::numeric_limits<float>::infinity(); }));
}

TEST(ItemKnnTest, NeighboursAndRecommendationsStayInTheCommunity) {
  TrainTest split = TwoCommunities();
  ItemKnn knn(split, {.neighbours = 5});
  for (uint32_t item : {0u, 13u}) {
    ASSERT_EQ(knn.Neighbours(item).size(), 5u);
    for (const auto& [j, sim] : knn.Neighbours(item)) {
      EXPECT_EQ(j / 10, item / 10);
      EXPECT_GT(sim, 0);
      EXPECT_LE(sim, 1.0001f);
    }
  }
  // With every co-occurring item kept, the 4 unseen items of the user's block are exactly
  // the recommendations: nothing of the other block ever co-occurs.
  ItemKnn all(split, {});
  EvaluationReport r =
      EvaluateRanking(split, 4, [&](uint32_t u, size_t k) { return all.Recommend(u, k); });
  EXPECT_DOUBLE_EQ(r.mean.precision, 1.0);
  // Cosine by hand: items seen by the same users are 1 apart from themselves only.
  TrainTest tiny;
  tiny.users = 3;
  tiny.items = 3;
  tiny.train = {{0, 1}, {0, 1}, {0, 2}};
  tiny.test = {{2}, {}, {1}};
  tiny.train_weights = {{1, 1}, {1, 1}, {1, 1}};
  ItemKnn small(tiny, {});
  // Items 0 and 1 share 2 users of 3 and 2: 2 / sqrt(3 * 2).
  EXPECT_FLOAT_EQ(small.Neighbours(1)[0].second, static_cast<float>(2 / std::sqrt(6.0)));
  EXPECT_EQ(small.Recommend(0, 5), std::vector<uint32_t>{2});
}

// The similarity of two items in `knn`'s lists (0 when not a neighbour).
float SimilarityOf(const ItemKnn& knn, uint32_t a, uint32_t b) {
  for (const auto& [j, sim] : knn.Neighbours(a)) {
    if (j == b) return sim;
  }
  return 0;
}

TEST(ItemKnnTest, Bm25WeighsHeavyUsersDown) {
  TrainTest split = TwoCommunities();
  ItemKnn bm25(split, {.weighting = KnnWeighting::kBm25});
  EvaluationReport r =
      EvaluateRanking(split, 4, [&](uint32_t u, size_t k) { return bm25.Recommend(u, k); });
  EXPECT_DOUBLE_EQ(r.mean.precision, 1.0);
  for (const auto& [j, sim] : bm25.Neighbours(3)) EXPECT_LT(j, 10u);

  // Users 0-4 saw {0, 1}, {0, 1, 2, 3}, {0, 2}, {2}, {3}: 10 rows, mean length 2, so with
  // K1 = 100, B = 0.8 the length norms are 1, 1.8, 1, 0.6, 0.6 and each row of user u
  // weighs v_u = 101 / (100 L_u + 1): 1, 101/181, 1, 101/61, 101/61.
  TrainTest tiny;
  tiny.users = 5;
  tiny.items = 4;
  tiny.train = {{0, 1}, {0, 1, 2, 3}, {0, 2}, {2}, {3}};
  tiny.test.resize(5);
  tiny.train_weights = {{1, 1}, {1, 1, 1, 1}, {1, 1}, {1}, {1}};
  ItemKnn knn(tiny, {.weighting = KnnWeighting::kBm25});
  double v1 = 101.0 / 181;
  // Items 0 (users 0, 1, 2) and 1 (users 0, 1): (1 + v1^2) / sqrt((2 + v1^2)(1 + v1^2)),
  // 0.7532 where the plain cosine gives 2 / sqrt(6) = 0.8165: user 1, who saw everything,
  // counts for less.
  double expected = std::sqrt((1 + v1 * v1) / (2 + v1 * v1));
  EXPECT_NEAR(SimilarityOf(knn, 0, 1), expected, 1e-6);
  EXPECT_NEAR(expected, 0.7532, 1e-4);
  EXPECT_NEAR(SimilarityOf(ItemKnn(tiny, {}), 0, 1), 2 / std::sqrt(6.0), 1e-6);
  // The same as implicit's bm25_weight with its idf (log 5 - log1p(users of the item))
  // followed by a plain cosine: the idf scales whole columns and divides out.
  double x[5][4] = {};
  for (uint32_t u = 0; u < 5; ++u) {
    double length = static_cast<double>(tiny.train[u].size());
    double norm = 0.2 + 0.8 * length / 2;
    for (uint32_t i : tiny.train[u]) {
      double df = 0;
      for (const auto& items : tiny.train) df += std::count(items.begin(), items.end(), i);
      x[u][i] = 101 / (100 * norm + 1) * (std::log(5.0) - std::log1p(df));
    }
  }
  for (uint32_t a = 0; a < 4; ++a) {
    for (uint32_t b = 0; b < 4; ++b) {
      if (a == b) continue;
      double dot = 0, na = 0, nb = 0;
      for (int u = 0; u < 5; ++u) {
        dot += x[u][a] * x[u][b];
        na += x[u][a] * x[u][a];
        nb += x[u][b] * x[u][b];
      }
      EXPECT_NEAR(SimilarityOf(knn, a, b), dot / std::sqrt(na * nb), 1e-6) << a << " " << b;
    }
  }
}

TEST(HybridTest, AZeroWeightLeavesTheOtherComponent) {
  std::vector<float> a = {3, 1, 2, 0}, b = {0, 5, 1, 2};
  for (ScoreNormalization n : {ScoreNormalization::kMax, ScoreNormalization::kMinMax}) {
    std::vector<ScoreComponent> alone = {{a, 1}}, with_zero = {{a, 1}, {b, 0}};
    std::vector<float> blended = BlendScores(with_zero, {.normalization = n});
    EXPECT_EQ(blended, BlendScores(alone, {.normalization = n}));
    EXPECT_EQ(TopItems(blended, 4), (std::vector<uint32_t>{0, 2, 1, 3}));  // a's order
  }
  // Min-max by hand: a / 3 + (b / 5) / 2.
  std::vector<ScoreComponent> both = {{a, 1}, {b, 0.5}};
  std::vector<float> blended = BlendScores(both, {});
  std::vector<float> expected = {1.0f, 1 / 3.0f + 0.5f, 2 / 3.0f + 0.1f, 0.2f};
  for (size_t i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(blended[i], expected[i]) << i;
  EXPECT_EQ(TopItems(blended, 2), (std::vector<uint32_t>{0, 1}));
}

TEST(HybridTest, NormalizesPerUserOverTheUnseenItems) {
  // One user's scores ten times another's (a more active user, larger sums) blend the
  // same: the scale is the user's own.
  std::vector<float> a = {3, 1, 2, 0}, b = {0, 5, 1, 2}, a10(4);
  for (size_t i = 0; i < 4; ++i) a10[i] = 10 * a[i];
  std::vector<ScoreComponent> small = {{a, 1}, {b, 1}}, large = {{a10, 1}, {b, 1}};
  for (ScoreNormalization n : {ScoreNormalization::kMax, ScoreNormalization::kMinMax}) {
    std::vector<float> x = BlendScores(small, {.normalization = n});
    std::vector<float> y = BlendScores(large, {.normalization = n});
    for (size_t i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(x[i], y[i]) << i;
  }
  // The user's own items are left out of the range and scored -infinity: with item 0
  // seen, a spans 0..2 over the rest.
  std::vector<uint32_t> seen = {0};
  std::vector<ScoreComponent> just_a = {{a, 1}};
  std::vector<float> unseen = BlendScores(just_a, {.exclude = seen});
  EXPECT_EQ(unseen[0], -std::numeric_limits<float>::infinity());
  EXPECT_FLOAT_EQ(unseen[1], 0.5f);
  EXPECT_FLOAT_EQ(unseen[2], 1.0f);
  EXPECT_FLOAT_EQ(unseen[3], 0.0f);
  EXPECT_EQ(TopItems(unseen, 4), (std::vector<uint32_t>{2, 1, 3}));
  // Max: divided by the largest unseen score; a component with nothing positive adds 0.
  std::vector<float> negative = {-1, -2, -3, -4};
  std::vector<ScoreComponent> with_negative = {{a, 1}, {negative, 1}};
  std::vector<float> by_max =
      BlendScores(with_negative, {.normalization = ScoreNormalization::kMax, .exclude = seen});
  EXPECT_FLOAT_EQ(by_max[1], 0.5f);
  EXPECT_FLOAT_EQ(by_max[3], 0.0f);
}

TEST(HybridTest, BlendsTrainedComponentsPerUser) {
  TrainTest split = TwoCommunities();
  ImplicitAls als(split, {.factors = 2, .iterations = 10, .threads = 1});
  ItemKnn knn(split, {});
  Popularity pop(split, {});
  HybridComponents parts = {.als = &als, .knn = &knn, .pop = &pop};
  Hybrid hybrid(split, parts, {});
  EvaluationReport r =
      EvaluateRanking(split, 4, [&](uint32_t u, size_t k) { return hybrid.Recommend(u, k); });
  EXPECT_DOUBLE_EQ(r.mean.precision, 1.0);
  std::vector<float> scores = hybrid.Scores(0);
  for (uint32_t i : split.train[0]) EXPECT_EQ(scores[i], -std::numeric_limits<float>::infinity());
  // Weight 0 for the others: each component's own ranking.
  Hybrid knn_only(split, parts, {.weights = {.als = 0, .knn = 1, .pop = 0}});
  Hybrid als_only(split, parts, {.weights = {.als = 1, .knn = 0, .pop = 0}});
  for (uint32_t u : {0u, 42u, 77u}) {
    EXPECT_EQ(knn_only.Recommend(u, 4), knn.Recommend(u, 4)) << u;
    EXPECT_EQ(als_only.Recommend(u, 4), als.Recommend(u, 4)) << u;
  }
  // The grid: without ALS, only a blend that uses item-KNN tells the blocks apart.
  ChosenBlend chosen =
      ChooseBlend(split, {.knn = &knn, .pop = &pop}, {.knn = {0, 1}, .pop = {0, 0.1}}, 4);
  EXPECT_EQ(chosen.options.weights.knn, 1);
  EXPECT_DOUBLE_EQ(chosen.ndcg, 1.0);
}

}  // namespace
}  // namespace meridian
