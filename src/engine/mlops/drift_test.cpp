#include "engine/mlops/drift.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace meridian::mlops {
namespace {

// The expected figures come from scripts/eval/drift_reference.py (SciPy 1.10.1, NumPy 1.24),
// run as /usr/bin/python3 scripts/eval/drift_reference.py; its inputs are made by this LCG.
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  double Uniform() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state_ >> 11) * 0x1p-53;
  }
  // Sum of 4 uniforms - 2, drawn in order (C++ leaves the order of operands unspecified).
  double Normalish() {
    const double a = Uniform(), b = Uniform(), c = Uniform(), d = Uniform();
    return a + b + c + d - 2.0;
  }

 private:
  uint64_t state_;
};

std::vector<double> Sample(int n, uint64_t seed, double shift = 0) {
  Lcg g(seed);
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(g.Normalish() + shift);
  return v;
}

std::vector<double> Integers(int n, uint64_t seed, int k) {
  Lcg g(seed);
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(std::floor(g.Uniform() * k));
  return v;
}

// |actual - expected| <= rel * |expected| (and exact zeros exact).
void ExpectRel(double actual, double expected, double rel, const std::string& what) {
  EXPECT_LE(std::abs(actual - expected), rel * std::abs(expected))
      << what << ": " << actual << " vs " << expected;
}

TEST(DriftKsTest, MatchesScipyKs2samp) {
  struct Case {
    const char* name;
    std::vector<double> ref, cur;
    double d, p;
    KsMethod method;
  };
  const std::vector<Case> cases = {
      {"ks_hand", {1, 2, 3, 4, 5}, {3, 4, 5, 6, 7, 8}, 0.5, 0.35714285714285715, KsMethod::kExact},
      {"ks_40_60_shift05", Sample(40, 1), Sample(60, 2, 0.5), 0.525, 1.61139858940481e-06,
       KsMethod::kExact},
      {"ks_50_50_shift03", Sample(50, 3), Sample(50, 4, 0.3), 0.3, 0.02170784069014051,
       KsMethod::kExact},
      {"ks_200_300_same", Sample(200, 5), Sample(300, 6), 0.056666666666666664, 0.821203623563264,
       KsMethod::kExact},
      {"ks_1000_800_shift01", Sample(1000, 7), Sample(800, 8, 0.1), 0.07325, 0.016151432357882013,
       KsMethod::kExact},
      {"ks_ties_90_70", Integers(90, 9, 6), Integers(70, 10, 5), 0.14444444444444443,
       0.34671214391310706, KsMethod::kExact},
      {"ks_asymp_300_12000", Sample(300, 11), Sample(12000, 12, 0.05), 0.061916666666666675,
       0.20271972344355083, KsMethod::kAsymptotic},
      {"ks_asymp_100_20000", Sample(100, 13), Sample(20000, 14, 0.2), 0.16864999999999997,
       0.005902415888806436, KsMethod::kAsymptotic},
  };
  for (const Case& c : cases) {
    const KsResult r = KsTest(c.ref, c.cur);
    ExpectRel(r.statistic, c.d, 1e-12, c.name);
    ExpectRel(r.p_value, c.p, 1e-9, c.name);
    EXPECT_EQ(r.method, c.method) << c.name;
  }
}

TEST(DriftKsTest, HandComputedCases) {
  const std::vector<double> a = {3, 1, 2, 2, 5};
  KsResult same = KsTest(a, a);
  EXPECT_EQ(same.statistic, 0);
  EXPECT_EQ(same.p_value, 1);
  // Disjoint samples of 5: D = 1, and only 2 of the C(10, 5) orders reach it.
  KsResult apart = KsTest(std::vector<double>{1, 2, 3, 4, 5}, std::vector<double>{6, 7, 8, 9, 10});
  EXPECT_EQ(apart.statistic, 1);
  EXPECT_NEAR(apart.p_value, 2.0 / 252, 1e-15);
  // Disjoint, unequal sizes 3 and 4: 2 of C(7, 3) = 35 orders.
  apart = KsTest(std::vector<double>{1, 2, 3}, std::vector<double>{4, 5, 6, 7});
  EXPECT_EQ(apart.statistic, 1);
  EXPECT_NEAR(apart.p_value, 2.0 / 35, 1e-15);
}

TEST(DriftKsTest, KolmogorovSfMatchesScipyKstwo) {
  struct Case {
    int64_t n;
    double x, sf;
  };
  // Every branch: Ruben-Gambino ends, Durbin's matrix, Pelz-Good, twice Smirnov's tail.
  const Case cases[] = {
      {1, 0.7, 0.6000000000000001},
      {5, 0.15, 0.9988},
      {5, 0.3, 0.664},
      {5, 0.95, 6.250000000000028e-07},
      {10, 0.6, 0.0005681672000000003},
      {20, 0.1, 0.976255094592155},
      {20, 0.2, 0.352720173623415},
      {20, 0.35, 0.01075496344438931},
      {100, 0.05, 0.9532159710635725},
      {100, 0.12, 0.1033037490181987},
      {100, 0.25, 5.408871776434847e-06},
      {140, 0.15, 0.0032495604415101703},
      {141, 0.1, 0.11128445516467944},
      {500, 0.03, 0.7473166700457021},
      {500, 0.06, 0.05243463489026223},
      {500, 0.08, 0.0031305058199356268},
      {1000, 0.02, 0.8108971656895577},
      {1000, 0.043, 0.04811098765192656},
      {1000, 0.1, 3.703687096817711e-09},
      {5000, 0.01, 0.6954557253913853},
      {5000, 0.03, 0.00024159234422666817},
  };
  for (const Case& c : cases) {
    ExpectRel(KolmogorovSf(c.n, c.x), c.sf, 1e-9,
              "kstwo n=" + std::to_string(c.n) + " x=" + std::to_string(c.x));
  }
  EXPECT_EQ(KolmogorovSf(10, 0), 1);
  EXPECT_EQ(KolmogorovSf(10, 1), 0);
  EXPECT_TRUE(std::isnan(KolmogorovSf(0, 0.5)));
}

TEST(DriftChiSquareTest, SfMatchesScipyChi2) {
  struct Case {
    double x, dof, sf;
  };
  const Case cases[] = {
      {3.841458820694124, 1, 0.04999999999999989},
      {0.5, 3, 0.9188914116546758},
      {100, 50, 3.454931382984871e-05},
      {0.001, 10, 1.0},
      {500, 200, 1.1737017704487241e-27},
      {40, 2, 2.0611536224385566e-09},
      {2.5, 0.5, 0.04724670114390913},
      {250, 1, 2.5968070393401957e-56},
      {1e-06, 1, 0.9992021155721779},
      {60, 60, 0.4757169861063199},
  };
  for (const Case& c : cases) {
    ExpectRel(ChiSquareSf(c.x, c.dof), c.sf, 1e-10,
              "chi2.sf x=" + std::to_string(c.x) + " dof=" + std::to_string(c.dof));
  }
  EXPECT_NEAR(ChiSquareSf(7, 2), std::exp(-3.5), 1e-15);  // 2 dof: sf = e^(-x/2)
  EXPECT_EQ(ChiSquareSf(0, 3), 1);
  EXPECT_EQ(ChiSquareSf(HUGE_VAL, 3), 0);
  EXPECT_TRUE(std::isnan(ChiSquareSf(1, 0)));
  EXPECT_TRUE(std::isnan(RegularizedGammaQ(-1, 1)));
}

TEST(DriftChiSquareTest, MatchesEvidentlyChisquare) {
  TestResult t = ChiSquareTest(std::vector<double>{30, 50, 20}, std::vector<double>{25, 40, 35});
  ExpectRel(t.statistic, 14.083333333333334, 1e-12, "chisq_3 statistic");
  ExpectRel(t.p_value, 0.0008746675674878502, 1e-10, "chisq_3 p");
  EXPECT_EQ(t.dof, 2);
  t = ChiSquareTest(std::vector<double>{120, 300, 80, 500}, std::vector<double>{10, 35, 9, 46});
  ExpectRel(t.statistic, 1.6116666666666668, 1e-12, "chisq_4 statistic");
  ExpectRel(t.p_value, 0.6567473840490425, 1e-10, "chisq_4 p");
  // By hand: expected 10 each, X^2 = (100 + 25 + 25) / 10 = 15, 2 dof: p = e^-7.5.
  t = ChiSquareTest(std::vector<double>{10, 10, 10}, std::vector<double>{20, 5, 5});
  EXPECT_DOUBLE_EQ(t.statistic, 15);
  EXPECT_NEAR(t.p_value, std::exp(-7.5), 1e-15);
  // A category the reference never saw: infinite statistic, p = 0.
  t = ChiSquareTest(std::vector<double>{10, 0}, std::vector<double>{5, 3});
  EXPECT_TRUE(std::isinf(t.statistic));
  EXPECT_EQ(t.p_value, 0);
  // One category on both sides: no evidence of drift.
  t = ChiSquareTest(std::vector<double>{7, 0}, std::vector<double>{3, 0});
  EXPECT_EQ(t.statistic, 0);
  EXPECT_EQ(t.p_value, 1);
}

TEST(DriftZTest, MatchesEvidentlyZTest) {
  TestResult t = ZTest(std::vector<double>{40, 60}, std::vector<double>{45, 45});
  ExpectRel(t.statistic, 1.384184375924906, 1e-12, "z_60_100_45_90");
  ExpectRel(t.p_value, 0.16630200617782664, 1e-10, "z_60_100_45_90 p");
  t = ZTest(std::vector<double>{700, 300}, std::vector<double>{620, 380});
  ExpectRel(t.statistic, -3.7762745602468057, 1e-12, "z_300_1000_380_1000");
  ExpectRel(t.p_value, 0.00015919150964993634, 1e-9, "z_300_1000_380_1000 p");
  t = ZTest(std::vector<double>{5, 0}, std::vector<double>{9, 0});
  EXPECT_EQ(t.p_value, 1);
  EXPECT_TRUE(
      std::isnan(ZTest(std::vector<double>{1, 2, 3}, std::vector<double>{1, 2, 3}).p_value));
}

TEST(DriftDistanceTest, WassersteinMatchesScipy) {
  std::vector<double> ref = Sample(40, 1), cur = Sample(60, 2, 0.5);
  ExpectRel(WassersteinDistance(ref, cur), 0.5801546840187438, 1e-12, "w_40_60");
  ExpectRel(WassersteinNormalized(ref, cur), 1.0609084622618732, 1e-12, "w_40_60 norm");
  ref = Sample(1500, 15);
  cur = Sample(900, 16, 0.1);
  ExpectRel(WassersteinDistance(ref, cur), 0.1296425233923726, 1e-12, "w_1500_900");
  ExpectRel(WassersteinNormalized(ref, cur), 0.2180825264443208, 1e-12, "w_1500_900 norm");
  // By hand: a shift by 1 moves every unit of mass by 1; std of {0, 1} is 0.5.
  EXPECT_DOUBLE_EQ(WassersteinDistance(std::vector<double>{0, 1}, std::vector<double>{1, 2}), 1);
  EXPECT_DOUBLE_EQ(WassersteinNormalized(std::vector<double>{0, 1}, std::vector<double>{1, 2}), 2);
  // A constant reference: the std floor of 0.001.
  EXPECT_NEAR(WassersteinNormalized(std::vector<double>{3, 3}, std::vector<double>{3, 3.002}), 1,
              1e-9);
}

TEST(DriftDistanceTest, JensenShannonMatchesScipy) {
  ExpectRel(JensenShannonDistance(std::vector<double>{30, 50, 20}, std::vector<double>{25, 40, 35}),
            0.1194966220743736, 1e-12, "js_3");
  ExpectRel(JensenShannonDistance(std::vector<double>{10, 20, 0}, std::vector<double>{10, 10, 5}),
            0.2961025713626615, 1e-12, "js_new_category");
  EXPECT_EQ(JensenShannonDistance(std::vector<double>{1, 2}, std::vector<double>{10, 20}), 0);
  EXPECT_NEAR(JensenShannonDistance(std::vector<double>{1, 0}, std::vector<double>{0, 1}),
              std::sqrt(std::log(2.0)), 1e-15);
}

TEST(DriftPsiTest, MatchesEvidentlyPsi) {
  ExpectRel(Psi(Sample(1500, 15), Sample(900, 16, 0.1)), 0.05401596717467589, 1e-10,
            "psi_numeric");  // Sturges bins over both samples
  ExpectRel(Psi(Integers(400, 17, 4), Integers(300, 18, 5)), 1.3862035557090453, 1e-10,
            "psi_discrete");  // 5 values: bins by value, one empty in the reference
  ExpectRel(PsiFromCounts(std::vector<double>{30, 50, 20, 0}, std::vector<double>{25, 40, 30, 5}),
            0.3820858878932024, 1e-10, "psi_counts");
  EXPECT_EQ(Psi(std::vector<double>{1, 2, 3}, std::vector<double>{1, 2, 3}), 0);
  EXPECT_EQ(PsiBandOf(0.09), PsiBand::kNone);
  EXPECT_EQ(PsiBandOf(0.1), PsiBand::kModerate);
  EXPECT_EQ(PsiBandOf(0.2), PsiBand::kSignificant);
  EXPECT_EQ(PsiBandName(PsiBand::kModerate), "moderate");
}

TEST(DriftBadInputTest, NeverCrashes) {
  const std::vector<double> none, nans = {NAN, NAN, HUGE_VAL}, some = {1, 2, 3};
  EXPECT_TRUE(std::isnan(KsTest(none, some).p_value));
  EXPECT_TRUE(std::isnan(KsTest(nans, some).statistic));
  EXPECT_TRUE(std::isnan(WassersteinDistance(some, none)));
  EXPECT_TRUE(std::isnan(WassersteinNormalized(nans, some)));
  EXPECT_TRUE(std::isnan(Psi(none, none)));
  EXPECT_TRUE(std::isnan(ChiSquareTest(none, none).p_value));
  EXPECT_TRUE(std::isnan(ChiSquareTest(some, std::vector<double>{1, 2}).p_value));
  EXPECT_TRUE(std::isnan(ChiSquareTest(some, std::vector<double>{1, -2, 3}).p_value));
  EXPECT_TRUE(std::isnan(JensenShannonDistance(some, std::vector<double>{0, 0, NAN})));
  EXPECT_TRUE(std::isnan(PsiFromCounts(none, none)));
  // NaN and infinities are skipped: the same figures as without them.
  const std::vector<double> with_nans = {1, NAN, 2, -HUGE_VAL, 3};
  EXPECT_EQ(KsTest(with_nans, some).p_value, 1);
  EXPECT_EQ(WassersteinDistance(with_nans, some), 0);

  auto ref = ReferenceColumn::Numeric("x", std::vector<double>{1, NAN, 2, 3, HUGE_VAL}, {});
  ASSERT_TRUE(ref.ok()) << ref.status();
  EXPECT_EQ(ref->rows(), 3u);
  EXPECT_EQ(ref->skipped(), 2u);
  auto d = CompareColumn(*ref, std::vector<double>{1, 2, NAN, 2.5, 3, 4, 5}, {});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->current_rows, 6u);
  EXPECT_EQ(d->current_skipped, 1u);
  EXPECT_EQ(CompareColumn(*ref, nans, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CompareColumn(*ref, none, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CompareColumn(*ref, std::vector<std::string>{"a"}, {}).status().code(),
            StatusCode::kInvalidArgument);
  auto empty = ReferenceColumn::Numeric("x", nans, {});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(CompareColumn(*empty, some, {}).status().code(), StatusCode::kInvalidArgument);
  auto cat = ReferenceColumn::Categorical("c", std::vector<std::string>{}, {});
  ASSERT_TRUE(cat.ok());
  EXPECT_EQ(CompareColumn(*cat, std::vector<std::string>{"a"}, {}).status().code(),
            StatusCode::kInvalidArgument);
  // Values at the ends of the double range: no overflow into a refused reference or UB.
  const std::vector<double> huge = {-1.7e308, 1.7e308, 0, 1, 2, 3};
  auto wide = ReferenceColumn::Numeric("x", huge, {});
  ASSERT_TRUE(wide.ok());
  EXPECT_TRUE(ReferenceColumn::Deserialize(wide->Serialize()).ok());
  EXPECT_TRUE(std::isnan(Psi(huge, some)));
  EXPECT_TRUE(CompareColumn(*wide, huge, {}).ok());
  EXPECT_EQ(ReferenceColumn::Numeric("x", some, {.max_sample = 0}).status().code(),
            StatusCode::kInvalidArgument);
}

// A column of `n` rows, three categories with the given shares (deterministic order).
std::vector<std::string> Categories(int n, double share_a, double share_b, uint64_t seed) {
  Lcg g(seed);
  std::vector<std::string> v;
  for (int i = 0; i < n; ++i) {
    const double u = g.Uniform();
    v.push_back(u < share_a ? "a" : u < share_a + share_b ? "b" : "c");
  }
  return v;
}

TEST(DriftColumnTest, ShiftedWindowIsFlaggedAndSameDistributionIsNot) {
  for (int rows : {800, 4000}) {  // KS on the small reference, Wasserstein on the large one
    auto ref = ReferenceColumn::Numeric("salary", Sample(rows, 21), {});
    ASSERT_TRUE(ref.ok());
    auto shifted = CompareColumn(*ref, Sample(500, 22, 0.3), {});
    auto same = CompareColumn(*ref, Sample(500, 23), {});
    ASSERT_TRUE(shifted.ok() && same.ok());
    EXPECT_TRUE(shifted->drifted) << rows << " " << shifted->score;
    EXPECT_FALSE(same->drifted) << rows << " " << same->score;
    EXPECT_EQ(shifted->method, rows <= 1000 ? DriftMethod::kKs : DriftMethod::kWasserstein);
    EXPECT_GT(shifted->psi, same->psi);
  }
  for (int rows : {600, 3000}) {  // chi-squared, Jensen-Shannon
    auto ref = ReferenceColumn::Categorical("country", Categories(rows, 0.5, 0.3, 24), {});
    ASSERT_TRUE(ref.ok());
    auto shifted = CompareColumn(*ref, Categories(400, 0.2, 0.3, 25), {});
    auto same = CompareColumn(*ref, Categories(400, 0.5, 0.3, 26), {});
    ASSERT_TRUE(shifted.ok() && same.ok());
    EXPECT_TRUE(shifted->drifted) << rows << " " << shifted->score;
    EXPECT_FALSE(same->drifted) << rows << " " << same->score;
    EXPECT_EQ(shifted->method,
              rows <= 1000 ? DriftMethod::kChiSquare : DriftMethod::kJensenShannon);
    EXPECT_EQ(shifted->psi_band, PsiBand::kSignificant);
  }
}

TEST(DriftColumnTest, RuleChoiceFollowsEvidently) {
  const auto method = [](const ReferenceColumn& ref, const auto& window) {
    auto d = CompareColumn(ref, window, {});
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? DriftMethodName(d->method) : "";
  };
  const std::vector<double> window = Sample(300, 31);
  auto at_limit = ReferenceColumn::Numeric("x", Sample(1000, 32), {});
  auto above = ReferenceColumn::Numeric("x", Sample(1001, 32), {});
  EXPECT_EQ(method(*at_limit, window), "ks");
  EXPECT_EQ(method(*above, window), "wasserstein");
  // Numeric with <= 5 distinct values: categorical tests on the values.
  auto four = ReferenceColumn::Numeric("x", Integers(1000, 33, 4), {});
  auto four_large = ReferenceColumn::Numeric("x", Integers(1001, 33, 4), {});
  auto two = ReferenceColumn::Numeric("x", Integers(500, 34, 2), {});
  EXPECT_EQ(method(*four, Integers(200, 35, 4)), "chisquare");
  EXPECT_EQ(method(*four, Integers(200, 35, 6)), "ks");  // 6 values with the window's
  EXPECT_EQ(method(*four_large, Integers(200, 35, 4)), "jensenshannon");
  EXPECT_EQ(method(*two, Integers(200, 36, 2)), "z");
  auto cat = ReferenceColumn::Categorical("c", Categories(1000, 0.4, 0.4, 37), {});
  auto cat_large = ReferenceColumn::Categorical("c", Categories(1001, 0.4, 0.4, 37), {});
  auto binary = ReferenceColumn::Categorical("c", Categories(100, 0.5, 0.5, 38), {});
  EXPECT_EQ(method(*cat, Categories(100, 0.4, 0.4, 39)), "chisquare");
  EXPECT_EQ(method(*cat_large, Categories(100, 0.4, 0.4, 39)), "jensenshannon");
  EXPECT_EQ(method(*binary, Categories(100, 0.5, 0.5, 40)), "z");
  EXPECT_EQ(method(*binary, std::vector<std::string>{"a", "b", "zz"}), "chisquare");
}

TEST(DriftColumnTest, CappedReferencePutsUnseenValuesInOther) {
  std::vector<std::string> values;
  for (int i = 0; i < 50; ++i) values.push_back("k" + std::to_string(i % 5) + (i < 45 ? "" : "x"));
  auto ref = ReferenceColumn::Categorical("c", values, {.max_categories = 3});
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(ref->categories().size(), 3u);
  EXPECT_EQ(ref->other(), 23u);  // k3 and k4 (9 each) and the five "k.x" values
  // A value the reference never saw joins "(other)", which the reference has: no infinite X^2.
  auto d = CompareColumn(*ref, std::vector<std::string>{"k0", "k1", "k2", "new", "k4"}, {});
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(std::isfinite(d->statistic));
  // Uncapped: a new category is one the reference gave probability 0.
  auto full = ReferenceColumn::Categorical("c", values, {});
  d = CompareColumn(*full, std::vector<std::string>{"k0", "new"}, {});
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(std::isinf(d->statistic));
  EXPECT_TRUE(d->drifted);
}

TEST(DriftDatasetTest, DriftsAtExactlyHalfTheColumns) {
  std::vector<ColumnDrift> columns(4);
  columns[0].drifted = columns[1].drifted = true;
  DatasetDriftResult r = DatasetDrift(columns, {});
  EXPECT_EQ(r.columns, 4u);
  EXPECT_EQ(r.drifted_columns, 2u);
  EXPECT_EQ(r.share, 0.5);
  EXPECT_TRUE(r.drifted);
  columns.emplace_back();  // 2 of 5
  r = DatasetDrift(columns, {});
  EXPECT_FALSE(r.drifted);
  EXPECT_FALSE(DatasetDrift({}, {}).drifted);
}

TEST(DriftReferenceTest, SampleIsSeededAndCapped) {
  const std::vector<double> values = Sample(20000, 41);
  auto a = ReferenceColumn::Numeric("x", values, {});
  auto b = ReferenceColumn::Numeric("x", values, {});
  auto c = ReferenceColumn::Numeric("x", values, {.seed = 7});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->sample().size(), 5000u);
  EXPECT_EQ(a->sample(), b->sample());
  EXPECT_NE(a->sample(), c->sample());
  EXPECT_EQ(a->histogram_counts().size(), 20u);
  EXPECT_EQ(a->histogram_edges().size(), 21u);
  uint64_t total = 0;
  for (uint64_t n : a->histogram_counts()) {
    total += n;
    EXPECT_NEAR(static_cast<double>(n), 1000, 2);  // quantile edges: equal counts
  }
  EXPECT_EQ(total, 20000u);
  // The sample is uniform: its mean is close to the values' mean (0, sd 0.577).
  double mean = 0;
  for (double v : a->sample()) mean += v / 5000;
  EXPECT_NEAR(mean, 0, 0.03);
}

TEST(DriftReferenceTest, RoundTripsAndRefusesDamagedBytes) {
  auto num = ReferenceColumn::Numeric("salary", Sample(300, 51), {});
  auto cat =
      ReferenceColumn::Categorical("country", Categories(300, 0.5, 0.2, 52), {.max_categories = 2});
  ASSERT_TRUE(num.ok() && cat.ok());
  for (const ReferenceColumn* col : {&*num, &*cat}) {
    const std::string bytes = col->Serialize();
    auto back = ReferenceColumn::Deserialize(bytes);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->Serialize(), bytes);
    EXPECT_EQ(back->feature(), col->feature());
    EXPECT_EQ(back->kind(), col->kind());
    for (size_t n = 0; n < bytes.size(); ++n) {
      EXPECT_EQ(ReferenceColumn::Deserialize(bytes.substr(0, n)).status().code(),
                StatusCode::kDataLoss)
          << n;
    }
    EXPECT_FALSE(ReferenceColumn::Deserialize(bytes + "x").ok());
  }
  // Any one damaged byte is refused, or gives a reference that still compares.
  for (const ReferenceColumn* col : {&*num, &*cat}) {
    const std::string bytes = col->Serialize();
    for (size_t i = 0; i < bytes.size(); ++i) {
      std::string damaged = bytes;
      damaged[i] ^= 0x5a;
      auto back = ReferenceColumn::Deserialize(damaged);
      if (!back.ok()) continue;
      auto d = back->kind() == ColumnKind::kNumeric
                   ? CompareColumn(*back, Sample(50, 54), {})
                   : CompareColumn(*back, std::vector<std::string>{"a", "b", "q"}, {});
      EXPECT_TRUE(d.ok()) << i << " " << d.status();
    }
  }
  // Counts that no longer add up to the rows.
  std::string bytes = num->Serialize();
  bytes[4 + 8 + 6 + 4] ^= 1;  // version, name length, "salary", kind, then rows
  EXPECT_EQ(ReferenceColumn::Deserialize(bytes).status().code(), StatusCode::kDataLoss);

  const std::vector<ReferenceColumn> both = {*num, *cat};
  const std::string set = SerializeReferences(both);
  auto back = DeserializeReferences(set);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[1].categories(), cat->categories());
  EXPECT_FALSE(DeserializeReferences(set.substr(0, set.size() - 1)).ok());
  // A deserialized reference compares as the original.
  auto d1 = CompareColumn(*num, Sample(200, 53, 0.2), {});
  auto d2 = CompareColumn((*back)[0], Sample(200, 53, 0.2), {});
  ASSERT_TRUE(d1.ok() && d2.ok());
  EXPECT_EQ(d1->score, d2->score);
}

}  // namespace
}  // namespace meridian::mlops
