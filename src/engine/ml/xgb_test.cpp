#include "engine/ml/xgb.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>

namespace meridian::xgb {
namespace {

// Label = feature 0 present and above 0.5, or feature 3 present; feature 9 is noise.
struct Toy {
  SparseRows x;
  std::vector<float> y;
};

Toy MakeToy(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0, 1);
  Toy t;
  for (size_t i = 0; i < n; ++i) {
    std::vector<std::pair<uint32_t, float>> row;
    const float a = u(rng);
    if (u(rng) < 0.7f) row.emplace_back(0, a);
    const bool has3 = u(rng) < 0.2f;
    if (has3) row.emplace_back(3, 1.0f);
    row.emplace_back(9, u(rng));
    const bool label = (a > 0.5f && row.front().first == 0) || has3;
    t.x.Add(row);
    t.y.push_back(label ? 1.0f : 0.0f);
  }
  return t;
}

TEST(XgbTest, LearnsASparseRuleAndExplainsIt) {
  Toy train = MakeToy(600, 1), test = MakeToy(200, 2);
  StatusOr<Booster> b = Booster::Train(train.x, train.y, {.rounds = 40, .max_depth = 3});
  ASSERT_TRUE(b.ok()) << b.status().message();
  StatusOr<std::vector<float>> p = b->Predict(test.x);
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->size(), test.y.size());
  size_t right = 0;
  for (size_t i = 0; i < p->size(); ++i) right += ((*p)[i] > 0.5f) == (test.y[i] > 0.5f);
  EXPECT_GT(right, 190u);

  // A row with only feature 3: its contribution dominates and the row sums to the margin.
  SparseRows one;
  const std::pair<uint32_t, float> cells[] = {{3, 1.0f}, {9, 0.5f}};
  one.Add(cells);
  StatusOr<std::vector<float>> c = b->Contributions(one);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->size(), b->features() + 1);
  EXPECT_GT((*c)[3], std::abs((*c)[9]));
  const float margin = std::accumulate(c->begin(), c->end(), 0.0f);
  StatusOr<std::vector<float>> q = b->Predict(one);
  ASSERT_TRUE(q.ok());
  EXPECT_NEAR(1.0f / (1.0f + std::exp(-margin)), (*q)[0], 1e-4);
}

TEST(XgbTest, SavesAndLoadsAndRefusesJunk) {
  Toy train = MakeToy(200, 3);
  StatusOr<Booster> b = Booster::Train(train.x, train.y, {.rounds = 10});
  ASSERT_TRUE(b.ok());
  StatusOr<std::string> bytes = b->Save();
  ASSERT_TRUE(bytes.ok());
  StatusOr<Booster> again = Booster::Load(*bytes);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->features(), b->features());
  EXPECT_EQ(*again->Predict(train.x), *b->Predict(train.x));

  EXPECT_FALSE(Booster::Load("").ok());
  EXPECT_FALSE(Booster::Load("not a model at all").ok());
  // Truncated bytes are the artifacts' checksums' job: libxgboost over-reads them.
}

TEST(XgbTest, RefusesBadShapes) {
  SparseRows x;
  const std::pair<uint32_t, float> cells[] = {{0, 1.0f}};
  x.Add(cells);
  const float two[] = {1, 0};
  EXPECT_FALSE(Booster::Train(x, two, {}).ok());
  EXPECT_FALSE(Booster::Train(SparseRows{}, {}, {}).ok());
  const float one[] = {1};
  StatusOr<Booster> b = Booster::Train(x, one, {.rounds = 1});
  ASSERT_TRUE(b.ok());
  SparseRows wide;
  const std::pair<uint32_t, float> far[] = {{50, 1.0f}};
  wide.Add(far);
  EXPECT_FALSE(b->Predict(wide).ok());
}

}  // namespace
}  // namespace meridian::xgb
