#include "platform/trust/salary_estimator.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "base/checksum.h"

namespace meridian {
namespace {

constexpr const char* kSeniorities[] = {"junior", "mid", "senior", "lead"};
constexpr const char* kRoles[] = {"backend engineer", "data analyst", "designer", "devops"};
constexpr double kRoleBase[] = {11.0, 10.7, 10.5, 11.1};  // log annual USD

// log salary = role base + 0.25 x seniority rank + 0.4 in the US + noise (sd 0.15), so
// a P10-P90 band is about +-0.19 wide in log space.
std::vector<SalaryExample> Synthetic(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0, 0.15);
  std::vector<SalaryExample> out;
  for (size_t i = 0; i < n; ++i) {
    const size_t s = rng() % 4, r = rng() % 4;
    const bool us = rng() % 2 == 0;
    SalaryExample e;
    e.input.title = std::string(kSeniorities[s]) + " " + kRoles[r];
    e.input.tags = {kRoles[r]};
    e.input.regions = {us ? "US" : "UA"};
    e.input.employment_type = "FULL_TIME";
    e.annual_usd = std::exp(kRoleBase[r] + 0.25 * s + (us ? 0.4 : 0.0) + noise(rng));
    out.push_back(std::move(e));
  }
  return out;
}

SalaryEstimatorOptions FastOptions() {
  SalaryEstimatorOptions o;
  o.model.folds = 3;
  o.model.trees.rounds = 60;
  o.model.trees.eta = 0.2;
  o.model.trees.threads = 1;
  return o;
}

class SalaryEstimatorTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto train = Synthetic(500, 1);
    auto est = SalaryEstimator::Train(train, FastOptions());
    ASSERT_TRUE(est.ok()) << est.status();
    estimator_ = new SalaryEstimator(std::move(*est));
  }
  static void TearDownTestSuite() {
    delete estimator_;
    estimator_ = nullptr;
  }
  static SalaryEstimate Estimate(const SalaryInput& in) {
    auto e = estimator_->Estimate(in);
    EXPECT_TRUE(e.ok()) << e.status();
    return e.ok() ? *e : SalaryEstimate{};
  }
  static SalaryEstimator* estimator_;
};

SalaryEstimator* SalaryEstimatorTest::estimator_ = nullptr;

TEST_F(SalaryEstimatorTest, FollowsSeniorityAndRegion) {
  SalaryInput junior{.title = "Junior backend engineer",
                     .tags = {"backend engineer"},
                     .regions = {"UA"},
                     .employment_type = "FULL_TIME"};
  SalaryInput senior = junior;
  senior.title = "Senior backend engineer";
  SalaryInput senior_us = senior;
  senior_us.regions = {"US"};
  const double j = Estimate(junior).median, s = Estimate(senior).median,
               us = Estimate(senior_us).median;
  EXPECT_GT(s, j * 1.4);   // the truth: exp(0.5) = 1.65
  EXPECT_GT(us, s * 1.3);  // the truth: exp(0.4) = 1.49
  EXPECT_NEAR(std::log(s), 11.0 + 0.5, 0.15);
}

TEST_F(SalaryEstimatorTest, BandHoldsAboutEightyPercentOfHeldOutSalaries) {
  auto test = Synthetic(500, 2);
  std::vector<SalaryInput> inputs;
  for (const auto& e : test) inputs.push_back(e.input);
  auto est = estimator_->EstimateAll(inputs);
  ASSERT_TRUE(est.ok()) << est.status();
  size_t in = 0;
  for (size_t i = 0; i < test.size(); ++i) {
    const SalaryEstimate& e = (*est)[i];
    ASSERT_LE(e.low, e.median);
    ASSERT_LE(e.median, e.high);
    in += test[i].annual_usd >= e.low && test[i].annual_usd <= e.high;
  }
  const double coverage = 100.0 * in / test.size();
  EXPECT_GT(coverage, 70);
  EXPECT_LT(coverage, 90);
}

TEST_F(SalaryEstimatorTest, SerializeRoundTripIsIdentical) {
  std::string bytes = estimator_->Serialize();
  auto back = SalaryEstimator::Deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->Serialize(), bytes);
  SalaryInput in{.title = "Senior designer", .regions = {"US"}};
  auto a = estimator_->Estimate(in), b = back->Estimate(in);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->low, b->low);
  EXPECT_EQ(a->median, b->median);
  EXPECT_EQ(a->high, b->high);

  const auto path = std::filesystem::path(testing::TempDir()) / "salary_estimator_test.salary";
  ASSERT_TRUE(estimator_->Save(path.string()).ok());
  auto loaded = SalaryEstimator::Load(path.string());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->Serialize(), bytes);
  std::filesystem::remove(path);
  EXPECT_EQ(SalaryEstimator::Load(path.string()).status().code(), StatusCode::kNotFound);
}

TEST_F(SalaryEstimatorTest, RefusesDamagedArtifacts) {
  const std::string bytes = estimator_->Serialize();
  auto refused = [](std::string_view b, std::string_view why) {
    auto r = SalaryEstimator::Deserialize(b);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return;
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(r.status().message().find(why), std::string::npos) << r.status().message();
  };
  refused("", "magic");
  refused("MRDNEMB\0 something", "magic");
  std::string wrong_magic = bytes;
  wrong_magic[3] = 'X';
  refused(wrong_magic, "magic");
  refused(bytes.substr(0, 10), "truncated");
  refused(bytes.substr(0, bytes.size() / 2), "truncated");
  refused(bytes.substr(0, bytes.size() - 1), "truncated");
  refused(bytes + "x", "trailing");
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x20;
  refused(flipped, "checksum");
  // Another version with a valid checksum: refused for its version, not as corrupt.
  std::string v2 = bytes.substr(0, bytes.size() - 8);
  const uint32_t version = 2;
  std::memcpy(v2.data() + 8, &version, 4);
  const uint64_t sum = Checksum64(0, v2.data(), v2.size());
  v2.append(reinterpret_cast<const char*>(&sum), 8);
  refused(v2, "version 2");
}

TEST_F(SalaryEstimatorTest, OddInputsGetAnEstimateQuickly) {
  std::string huge(10'000, 'a');
  for (size_t i = 0; i < huge.size(); i += 7) huge[i] = ' ';
  const SalaryInput odd[] = {
      {},
      {.title = "🚀🚀 Rockstar ninja 🦄"},
      {.title = huge, .tags = std::vector<std::string>(1000, huge)},
      {.title = std::string("\xff\xfe\0"
                            "bad",
                            6),
       .seniority = "emperor",
       .regions = {"", huge}},
      {.title = "Senior", .employment_type = std::string(500, 'X'), .experience_months = -5},
      {.title = "Lead", .experience_months = 1'000'000},
  };
  for (const SalaryInput& in : odd) {
    SalaryEstimate e = Estimate(in);
    EXPECT_TRUE(std::isfinite(e.low) && std::isfinite(e.high));
    EXPECT_GT(e.low, 0);
    EXPECT_LE(e.low, e.median);
    EXPECT_LE(e.median, e.high);
  }
  SalaryInput typical{
      .title = "Senior backend engineer", .tags = {"backend engineer"}, .regions = {"US"}};
  const int kCalls = 200;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kCalls; ++i) ASSERT_TRUE(estimator_->Estimate(typical).ok());
  const double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
      kCalls;
  EXPECT_LT(us, 1000) << "one estimate took " << us << " us";
}

TEST(SalaryEstimatorTrainTest, RefusesTooFewOrAbsurdExamples) {
  auto few = Synthetic(10, 3);
  EXPECT_EQ(SalaryEstimator::Train(few, FastOptions()).status().code(),
            StatusCode::kInvalidArgument);
  auto absurd = Synthetic(40, 3);
  absurd[5].annual_usd = 1e9;
  EXPECT_EQ(SalaryEstimator::Train(absurd, FastOptions()).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(SalaryInputTest, SeniorityComesFromTheJobOrItsTitle) {
  EXPECT_EQ(SeniorityFromTitle("Jr. QA Engineer"), "junior");
  EXPECT_EQ(SeniorityFromTitle("Middle/Senior Python developer"), "senior");
  EXPECT_EQ(SeniorityFromTitle("Team Lead, Sr Java"), "lead");
  EXPECT_EQ(SeniorityFromTitle("Head of Operations"), "principal");
  EXPECT_EQ(SeniorityFromTitle("Python developer"), "");
  EXPECT_EQ(SeniorityFromTitle("Seniority-free internationalist"), "");

  Job job;
  job.title = "Senior Rust Engineer";
  job.tags = {"rust"};
  job.eligible_areas = {"DE", "150"};
  job.employment_type = "CONTRACTOR";
  SalaryInput in = SalaryInputOf(job);
  EXPECT_EQ(in.seniority, "senior");
  EXPECT_EQ(in.regions, job.eligible_areas);
  EXPECT_EQ(in.tags, job.tags);
  EXPECT_EQ(in.employment_type, "CONTRACTOR");
  job.seniority = "lead";
  EXPECT_EQ(SalaryInputOf(job).seniority, "lead");
}

}  // namespace
}  // namespace meridian
