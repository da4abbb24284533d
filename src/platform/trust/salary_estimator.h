// Salary estimator (issue 7): an annual USD estimate with a P10-P90 range for a job, from
// its title words, tags, seniority, regions, employment type and (when known) experience.
//
//   ASSIGN_OR_RETURN(std::vector<SalaryExample> examples, SalaryExamplesFromStore(store));
//   ASSIGN_OR_RETURN(SalaryEstimator est, SalaryEstimator::Train(examples, {}));
//   RETURN_IF_ERROR(est.Save(path));
//   ...
//   ASSIGN_OR_RETURN(SalaryEstimator est, SalaryEstimator::Load(path));
//   ASSIGN_OR_RETURN(SalaryEstimate e, est.Estimate(SalaryInputOf(job)));
//   // e.low <= e.median <= e.high, annual USD
//
// The model is a RangeRegressor (engine/ml/range_regressor.h) on log annual USD over hashed
// sparse features; docs/salary.md describes the features, the range and the file format.
//
// Thread-safety: a const SalaryEstimator may be shared by threads.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"
#include "engine/ml/range_regressor.h"
#include "engine/store/records.h"
#include "engine/store/store.h"

namespace meridian {

struct SalaryInput {
  std::string title;
  std::vector<std::string> tags;
  std::string seniority;             // intern|junior|mid|senior|lead|principal or ""
  std::vector<std::string> regions;  // "WW", ISO alpha-2 or UN M49 codes
  std::string employment_type;       // FULL_TIME, PART_TIME, CONTRACTOR, ...
  std::optional<int> experience_months;
};

// The estimator's view of a job: regions from eligible_areas; seniority from the job, or
// inferred from the title's words (SeniorityFromTitle) when the job has none.
SalaryInput SalaryInputOf(const Job& job);
// "intern", "junior", "mid", "senior", "lead" or "principal" from words such as "Jr.",
// "Middle", "Sr", "Team Lead", "Head of", "Staff"; "" when the title says nothing.
std::string SeniorityFromTitle(std::string_view title);

struct SalaryExample {
  SalaryInput input;
  double annual_usd = 0;
};

// Estimates: annual USD at P10, P50 and P90.
struct SalaryEstimate {
  double low = 0;
  double median = 0;
  double high = 0;
};

// The salary band scales with each job's expected error (docs/salary.md compares it with
// one global band). One thread per booster: the rows are few and the hashed columns many,
// so XGBoost's per-feature parallel regions are tiny; on 2 cores two threads saved a third
// on an idle machine and cost 25x when another process was busy (OpenMP threads spin at
// every barrier waiting for a descheduled peer).
inline RangeRegressorOptions SalaryBandOptions() {
  RangeRegressorOptions o;
  o.shape = BandShape::kNormalized;
  o.trees.threads = 1;
  o.scale_trees.threads = 1;
  return o;
}

struct SalaryEstimatorOptions {
  RangeRegressorOptions model = SalaryBandOptions();
  // Examples outside [min_annual_usd, max_annual_usd] are refused by Train.
  double min_annual_usd = 1'000;
  double max_annual_usd = 5'000'000;
};

// Cross-validated figures of a training run: the out-of-fold middle estimates (5 folds,
// seeded) against the examples, in annual USD. The registry's gate compares these.
struct SalaryTrainReport {
  double cv_mae = 0;
  double cv_mdape = 0;  // median absolute percentage error, %
};

class SalaryEstimator {
 public:
  // kInvalidArgument for fewer than 20 examples, or salaries outside the options' bounds.
  // `report` (optional) receives the cross-validated figures.
  static StatusOr<SalaryEstimator> Train(std::span<const SalaryExample> examples,
                                         const SalaryEstimatorOptions& options,
                                         SalaryTrainReport* report = nullptr);
  // Never fails on odd input (empty or huge titles, any bytes): those simply carry fewer
  // features. The title is read up to its first 512 bytes and 64 words.
  StatusOr<SalaryEstimate> Estimate(const SalaryInput& input) const;
  // Many inputs at once (one XGBoost call): evaluation and batch jobs.
  StatusOr<std::vector<SalaryEstimate>> EstimateAll(std::span<const SalaryInput> inputs) const;

  // The artifact: magic "MRDNSAL\0", u32 version, u64 payload size, payload, u64 checksum
  // of everything before it. Deserialize refuses (kDataLoss) truncated, corrupt, foreign or
  // other-version bytes with a message that says which.
  std::string Serialize() const;
  static StatusOr<SalaryEstimator> Deserialize(std::string_view bytes);
  // Serialize() written atomically to `path` / read back from it (kNotFound when absent).
  Status Save(const std::string& path) const;
  static StatusOr<SalaryEstimator> Load(const std::string& path);

  const RangeRegressor& model() const { return model_; }

 private:
  explicit SalaryEstimator(RangeRegressor model) : model_(std::move(model)) {}

  RangeRegressor model_;
};

// Jobs whose salary the employer gave (source "employer", with an annual USD figure), as
// examples at the midpoint of their annual USD range (the one bound when only one is
// given). Jobs below 1,000 or above 2,000,000 USD a year, drafts and flagged jobs are left
// out.
StatusOr<std::vector<SalaryExample>> SalaryExamplesFromStore(Store& store);

}  // namespace meridian
