// A regressor with a range: one XGBoost regression for the middle, and a band [low, high]
// around it from calibrated residual quantiles (issue 7's salary estimator; generic).
//
//   ASSIGN_OR_RETURN(RangeRegressor m, RangeRegressor::Train(x, log_targets, {}));
//   ASSIGN_OR_RETURN(std::vector<RangePrediction> p, m.Predict(rows));
//   // p[i].low <= p[i].mid <= p[i].high, in the units of the targets
//
// The band: the training rows are split into `folds` folds; each fold is predicted by a
// booster trained on the others, so every residual (target - prediction) is out-of-fold,
// i.e. as large as on unseen rows. The residuals' `low_quantile` and `high_quantile` are
// added to the final booster's prediction (trained on all rows). Errors usually depend on
// where the prediction lies (rare, high targets are predicted worse), so the residual
// quantiles are taken per bin of predicted value (`bins` equal-count bins of the
// out-of-fold predictions) and shrunk toward the global quantiles with `shrinkage`
// pseudo-rows: q_bin = (n_bin * q_raw + shrinkage * q_global) / (n_bin + shrinkage).
// bins = 1 (the default) gives one global band: on the Djinni salaries, 4 or 8 bins did not
// make coverage more even across low, middle and high predictions (docs/salary.md), so the
// simpler band is kept; the bins stay for data whose errors grow with the prediction.
//
// BandShape::kNormalized instead scales the band per row (locally weighted residuals): a
// second, smaller booster learns the size of a row's error (|out-of-fold residual|) from its
// features, its own out-of-fold predictions s_i (floored at `scale_floor` times the median
// |residual|) normalize the residuals, z_i = r_i / s_i, and the band is
// mid + [q_low(z), q_high(z)] * s(x). Rows the model knows well get narrow bands, unusual
// ones wide bands, with the same overall coverage.
//
// Thread-safety: Predict may be called from several threads (the booster serialises).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"
#include "engine/ml/xgb.h"

namespace meridian {

// How the band's width varies from row to row (see above).
enum class BandShape : uint32_t { kBinned = 1, kNormalized = 2 };

struct RangeRegressorOptions {
  double low_quantile = 0.1;
  double high_quantile = 0.9;
  // Out-of-fold folds for the residuals (2..20).
  int folds = 5;
  // Bins of predicted value with their own residual quantiles (1..32), and the pseudo-rows
  // of the global quantiles mixed into each bin.
  int bins = 1;
  double shrinkage = 50;
  BandShape shape = BandShape::kBinned;
  // kNormalized: the error-size booster, and the floor of its predictions as a fraction of
  // the median |residual| (keeps a confident row's band from collapsing).
  xgb::TrainOptions scale_trees{.objective = "reg:squarederror",
                                .rounds = 150,
                                .max_depth = 3,
                                .eta = 0.05,
                                .subsample = 0.8,
                                .colsample_bytree = 0.8,
                                .min_child_weight = 5,
                                .lambda = 1.0};
  double scale_floor = 0.25;
  xgb::TrainOptions trees{.objective = "reg:squarederror",
                          .rounds = 300,
                          .max_depth = 4,
                          .eta = 0.05,
                          .subsample = 0.8,
                          .colsample_bytree = 0.8,
                          .min_child_weight = 2,
                          .lambda = 1.0};
  // Shuffles the rows into folds (the trees' own seed is trees.seed).
  uint64_t seed = 42;
};

struct RangePrediction {
  double low = 0;
  double mid = 0;
  double high = 0;
};

class RangeRegressor {
 public:
  // `targets` has one finite value per row; at least 2 * folds rows are needed
  // (kInvalidArgument otherwise, or for options out of range; kNormalized needs bins = 1).
  static StatusOr<RangeRegressor> Train(const xgb::SparseRows& x, std::span<const float> targets,
                                        const RangeRegressorOptions& options);
  // Bytes made by Serialize(); kDataLoss for anything else (truncated, inconsistent).
  static StatusOr<RangeRegressor> Deserialize(std::string_view bytes);

  // One prediction per row, low <= mid <= high. Rows may not have more columns than the
  // training rows had (kInvalidArgument).
  StatusOr<std::vector<RangePrediction>> Predict(const xgb::SparseRows& x) const;
  // The booster and the band (little-endian; the caller adds magic and checksum).
  std::string Serialize() const;

  size_t features() const { return booster_.features(); }
  // Upper edges of the bins but the last (ascending), and each bin's residual quantiles.
  const std::vector<double>& bin_edges() const { return edges_; }
  const std::vector<double>& low_offsets() const { return low_; }
  const std::vector<double>& high_offsets() const { return high_; }
  BandShape shape() const { return scale_ ? BandShape::kNormalized : BandShape::kBinned; }
  // After Train: each training row's out-of-fold prediction of the middle (a
  // cross-validated estimate of the error on unseen rows); empty after Deserialize.
  const std::vector<double>& out_of_fold() const { return oof_; }

 private:
  explicit RangeRegressor(xgb::Booster booster) : booster_(std::move(booster)) {}
  static StatusOr<RangeRegressor> TrainNormalized(const xgb::SparseRows& x,
                                                  std::span<const float> targets,
                                                  const std::vector<double>& oof,
                                                  const RangeRegressorOptions& options);

  xgb::Booster booster_;
  std::string booster_bytes_;  // kept so that Serialize() cannot fail
  // kNormalized: the error-size booster, its bytes and floor; low_/high_ then hold one
  // quantile pair of normalized residuals.
  std::optional<xgb::Booster> scale_;
  std::string scale_bytes_;
  double scale_floor_ = 0;
  double low_quantile_ = 0.1, high_quantile_ = 0.9;
  std::vector<double> edges_;
  std::vector<double> low_, high_;
  std::vector<double> oof_;
};

}  // namespace meridian
