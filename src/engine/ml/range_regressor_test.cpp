#include "engine/ml/range_regressor.h"

#include <gtest/gtest.h>

#include <random>
#include <tuple>
#include <utility>
#include <vector>

namespace meridian {
namespace {

TEST(RangeRegressorTest, RefusesBadOptionsAndBytes) {
  xgb::SparseRows x;
  std::vector<float> y;
  for (int i = 0; i < 30; ++i) {
    const std::pair<uint32_t, float> cell{0, static_cast<float>(i)};
    x.Add(std::span(&cell, 1));
    y.push_back(static_cast<float>(i));
  }
  RangeRegressorOptions bad;
  bad.low_quantile = 0.9;
  bad.high_quantile = 0.1;
  EXPECT_FALSE(RangeRegressor::Train(x, y, bad).ok());
  bad = {};
  bad.folds = 1;
  EXPECT_FALSE(RangeRegressor::Train(x, y, bad).ok());
  EXPECT_EQ(RangeRegressor::Deserialize("garbage").status().code(), StatusCode::kDataLoss);
  RangeRegressorOptions ok;
  ok.trees.rounds = 10;
  ok.folds = 3;
  auto m = RangeRegressor::Train(x, y, ok);
  ASSERT_TRUE(m.ok()) << m.status();
  std::string bytes = m->Serialize();
  EXPECT_FALSE(RangeRegressor::Deserialize(bytes.substr(0, bytes.size() - 3)).ok());
  auto back = RangeRegressor::Deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->Serialize(), bytes);
}

// Noise grows with x: one global band is too wide for small x and too narrow for large x;
// bins of predicted value even the coverage out.
TEST(RangeRegressorTest, BinsFollowErrorsThatGrowWithThePrediction) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(0, 1);
  std::normal_distribution<float> noise(0, 1);
  auto make = [&](size_t n, xgb::SparseRows* x, std::vector<float>* y) {
    for (size_t i = 0; i < n; ++i) {
      const float v = u(rng);
      const std::pair<uint32_t, float> cell{0, v};
      x->Add(std::span(&cell, 1));
      y->push_back(10 * v + (0.1f + 2 * v) * noise(rng));
    }
  };
  xgb::SparseRows train, test;
  std::vector<float> train_y, test_y;
  make(800, &train, &train_y);
  make(600, &test, &test_y);
  // Coverage (%) of the test rows with x below 0.3 and above 0.7.
  auto coverage = [&](int bins) {
    RangeRegressorOptions o;
    o.trees.rounds = 30;
    o.trees.max_depth = 3;
    o.trees.eta = 0.3;
    o.folds = 3;
    o.bins = bins;
    o.shrinkage = 0;
    auto m = RangeRegressor::Train(train, train_y, o);
    EXPECT_TRUE(m.ok()) << m.status();
    auto p = m->Predict(test);
    EXPECT_TRUE(p.ok()) << p.status();
    double in[2] = {0, 0}, n[2] = {0, 0};
    for (size_t i = 0; i < test_y.size(); ++i) {
      const float v = test.values[i];
      if (v > 0.3f && v < 0.7f) continue;
      const int side = v >= 0.7f;
      n[side] += 1;
      in[side] += test_y[i] >= (*p)[i].low && test_y[i] <= (*p)[i].high;
      EXPECT_LE((*p)[i].low, (*p)[i].mid);
      EXPECT_LE((*p)[i].mid, (*p)[i].high);
    }
    return std::pair(100 * in[0] / n[0], 100 * in[1] / n[1]);
  };
  auto [global_small, global_large] = coverage(1);
  auto [binned_small, binned_large] = coverage(5);
  EXPECT_GT(global_small, 90);  // far too wide where the noise is small
  EXPECT_LT(global_large, 75);  // too narrow where it is large
  EXPECT_NEAR(binned_small, 80, 10);
  EXPECT_NEAR(binned_large, 80, 10);
}

// Noise depends on a second feature w that does not move the prediction: bins of predicted
// value cannot see it, a normalized band (a model of each row's error size) can.
TEST(RangeRegressorTest, NormalizedBandFollowsErrorsThePredictionDoesNotShow) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> u(0, 1);
  std::normal_distribution<float> noise(0, 1);
  auto make = [&](size_t n, xgb::SparseRows* x, std::vector<float>* y, std::vector<float>* w) {
    for (size_t i = 0; i < n; ++i) {
      const float v = u(rng), quiet = u(rng);
      const std::pair<uint32_t, float> cells[2] = {{0, v}, {1, quiet}};
      x->Add(std::span(cells, 2));
      y->push_back(10 * v + (0.1f + 2 * quiet) * noise(rng));
      w->push_back(quiet);
    }
  };
  xgb::SparseRows train, test;
  std::vector<float> train_y, test_y, train_w, test_w;
  make(1000, &train, &train_y, &train_w);
  make(800, &test, &test_y, &test_w);
  RangeRegressorOptions o;
  o.trees.rounds = 40;
  o.trees.max_depth = 3;
  o.trees.eta = 0.3;
  o.scale_trees.rounds = 40;
  o.scale_trees.eta = 0.2;
  o.folds = 4;
  // Coverage (%) of the test rows with w below 0.3 and above 0.7, and overall.
  auto coverage = [&](const RangeRegressor& m) {
    auto p = m.Predict(test);
    EXPECT_TRUE(p.ok()) << p.status();
    double in[2] = {0, 0}, n[2] = {0, 0}, all = 0;
    for (size_t i = 0; i < test_y.size(); ++i) {
      EXPECT_LE((*p)[i].low, (*p)[i].mid);
      EXPECT_LE((*p)[i].mid, (*p)[i].high);
      const bool hit = test_y[i] >= (*p)[i].low && test_y[i] <= (*p)[i].high;
      all += hit;
      if (test_w[i] > 0.3f && test_w[i] < 0.7f) continue;
      const int side = test_w[i] >= 0.7f;
      n[side] += 1;
      in[side] += hit;
    }
    return std::tuple(100 * in[0] / n[0], 100 * in[1] / n[1], 100 * all / test_y.size());
  };
  o.bins = 5;
  auto binned = RangeRegressor::Train(train, train_y, o);
  ASSERT_TRUE(binned.ok()) << binned.status();
  EXPECT_EQ(binned->shape(), BandShape::kBinned);
  auto [binned_quiet, binned_loud, binned_all] = coverage(*binned);
  EXPECT_GT(binned_quiet, 90);
  EXPECT_LT(binned_loud, 72);

  o.shape = BandShape::kNormalized;
  EXPECT_EQ(RangeRegressor::Train(train, train_y, o).status().code(),
            StatusCode::kInvalidArgument);  // normalized takes one band
  o.bins = 1;
  auto normalized = RangeRegressor::Train(train, train_y, o);
  ASSERT_TRUE(normalized.ok()) << normalized.status();
  EXPECT_EQ(normalized->shape(), BandShape::kNormalized);
  auto [quiet, loud, all] = coverage(*normalized);
  EXPECT_NEAR(quiet, 80, 10);
  EXPECT_NEAR(loud, 80, 10);
  EXPECT_NEAR(all, 80, 6);

  // Its bytes round-trip and predict the same; damaged bytes are refused.
  std::string bytes = normalized->Serialize();
  auto back = RangeRegressor::Deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->shape(), BandShape::kNormalized);
  EXPECT_EQ(back->Serialize(), bytes);
  auto [quiet2, loud2, all2] = coverage(*back);
  EXPECT_EQ(all2, all);
  EXPECT_EQ(RangeRegressor::Deserialize(bytes.substr(0, bytes.size() - 1)).status().code(),
            StatusCode::kDataLoss);
  std::string no_scale = bytes;
  no_scale[0] = 1;  // claims a binned band: the error-size booster becomes trailing bytes
  EXPECT_EQ(RangeRegressor::Deserialize(no_scale).status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace meridian
