#include "engine/ml/range_regressor.h"

#include <gtest/gtest.h>

#include <random>
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

}  // namespace
}  // namespace meridian
