// Serialized form (little-endian, as written by the machine):
//   u32 format (1: binned, 2: normalized), f64 low_quantile, f64 high_quantile, u32 bins,
//   (bins - 1) x f64 edges, bins x (f64 low offset, f64 high offset),
//   u64 n, n bytes booster (XGBoost UBJSON)
//   format 2 only: f64 scale floor, u64 m, m bytes error-size booster (XGBoost UBJSON)
#include "engine/ml/range_regressor.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>

#include "engine/ml/byte_io.h"

namespace meridian {
namespace {

constexpr uint32_t kBinnedFormat = 1;
constexpr uint32_t kNormalizedFormat = 2;
constexpr uint32_t kMaxBins = 32;

// Type-7 quantile (linear between order statistics) of sorted values; 0 when empty.
double SortedQuantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  double pos = q * static_cast<double>(sorted.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  double frac = pos - static_cast<double>(lo);
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

// A shuffle that is the same on every standard library (std::shuffle is not).
std::vector<size_t> Shuffled(size_t n, uint64_t seed) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::mt19937_64 rng(seed);
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  return order;
}

size_t BinOf(const std::vector<double>& edges, double value) {
  return static_cast<size_t>(std::upper_bound(edges.begin(), edges.end(), value) - edges.begin());
}

Status CheckOptions(const RangeRegressorOptions& o) {
  if (!(o.low_quantile > 0 && o.low_quantile < o.high_quantile && o.high_quantile < 1)) {
    return InvalidArgumentError("range: quantiles must satisfy 0 < low < high < 1");
  }
  if (o.folds < 2 || o.folds > 20) return InvalidArgumentError("range: folds must be 2..20");
  if (o.bins < 1 || o.bins > static_cast<int>(kMaxBins)) {
    return InvalidArgumentError("range: bins must be 1..32");
  }
  if (!(o.shrinkage >= 0)) return InvalidArgumentError("range: shrinkage must be >= 0");
  if (o.shape != BandShape::kBinned && o.shape != BandShape::kNormalized) {
    return InvalidArgumentError("range: unknown band shape");
  }
  if (o.shape == BandShape::kNormalized && o.bins != 1) {
    return InvalidArgumentError("range: a normalized band takes bins = 1");
  }
  if (!(o.scale_floor > 0 && o.scale_floor <= 1)) {
    return InvalidArgumentError("range: scale_floor must be in (0, 1]");
  }
  return OkStatus();
}

// Out-of-fold predictions: fold f holds the shuffled rows i with i % folds == f, and is
// predicted by a booster trained on the other folds.
StatusOr<std::vector<double>> OutOfFold(const xgb::SparseRows& x, std::span<const float> targets,
                                        int folds, uint64_t seed, const xgb::TrainOptions& trees) {
  const size_t n = x.rows();
  std::vector<size_t> order = Shuffled(n, seed);
  std::vector<double> oof(n);
  for (int f = 0; f < folds; ++f) {
    std::vector<size_t> fit, held;
    for (size_t i = 0; i < n; ++i) {
      (i % static_cast<size_t>(folds) == static_cast<size_t>(f) ? held : fit).push_back(order[i]);
    }
    xgb::SparseRows fit_x = x.Slice(fit), held_x = x.Slice(held);
    std::vector<float> fit_y;
    fit_y.reserve(fit.size());
    for (size_t r : fit) fit_y.push_back(targets[r]);
    ASSIGN_OR_RETURN(xgb::Booster b, xgb::Booster::Train(fit_x, fit_y, trees));
    ASSIGN_OR_RETURN(std::vector<float> p, b.Predict(held_x));
    for (size_t k = 0; k < held.size(); ++k) oof[held[k]] = p[k];
  }
  return oof;
}

}  // namespace

StatusOr<RangeRegressor> RangeRegressor::Train(const xgb::SparseRows& x,
                                               std::span<const float> targets,
                                               const RangeRegressorOptions& options) {
  RETURN_IF_ERROR(CheckOptions(options));
  const size_t n = x.rows();
  if (targets.size() != n) return InvalidArgumentError("range: one target per row is needed");
  if (n < 2 * static_cast<size_t>(options.folds)) {
    return InvalidArgumentError("range: too few rows (" + std::to_string(n) + ") for " +
                                std::to_string(options.folds) + " folds");
  }
  if (!std::all_of(targets.begin(), targets.end(), [](float t) { return std::isfinite(t); })) {
    return InvalidArgumentError("range: targets must be finite");
  }

  ASSIGN_OR_RETURN(std::vector<double> oof,
                   OutOfFold(x, targets, options.folds, options.seed, options.trees));
  if (options.shape == BandShape::kNormalized) {
    ASSIGN_OR_RETURN(RangeRegressor m, TrainNormalized(x, targets, oof, options));
    m.oof_ = std::move(oof);
    return m;
  }

  // Equal-count bins of the out-of-fold predictions; the edges are bin upper bounds.
  std::vector<double> sorted_pred = oof;
  std::sort(sorted_pred.begin(), sorted_pred.end());
  std::vector<double> edges;
  for (int b = 1; b < options.bins; ++b) {
    edges.push_back(SortedQuantile(sorted_pred, static_cast<double>(b) / options.bins));
  }
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  const size_t bins = edges.size() + 1;

  std::vector<double> all;
  std::vector<std::vector<double>> per_bin(bins);
  for (size_t i = 0; i < n; ++i) {
    double r = targets[i] - oof[i];
    all.push_back(r);
    per_bin[BinOf(edges, oof[i])].push_back(r);
  }
  std::sort(all.begin(), all.end());
  const double global_low = SortedQuantile(all, options.low_quantile);
  const double global_high = SortedQuantile(all, options.high_quantile);

  ASSIGN_OR_RETURN(xgb::Booster booster, xgb::Booster::Train(x, targets, options.trees));
  ASSIGN_OR_RETURN(std::string bytes, booster.Save());
  RangeRegressor m(std::move(booster));
  m.booster_bytes_ = std::move(bytes);
  m.low_quantile_ = options.low_quantile;
  m.high_quantile_ = options.high_quantile;
  m.edges_ = std::move(edges);
  for (std::vector<double>& r : per_bin) {
    std::sort(r.begin(), r.end());
    const double w = static_cast<double>(r.size());
    const double s = options.shrinkage;
    auto shrunk = [&](double raw, double global) {
      return w + s > 0 ? (w * raw + s * global) / (w + s) : global;
    };
    m.low_.push_back(std::min(0.0, shrunk(SortedQuantile(r, options.low_quantile), global_low)));
    m.high_.push_back(std::max(0.0, shrunk(SortedQuantile(r, options.high_quantile), global_high)));
  }
  m.oof_ = std::move(oof);
  return m;
}

StatusOr<RangeRegressor> RangeRegressor::TrainNormalized(const xgb::SparseRows& x,
                                                         std::span<const float> targets,
                                                         const std::vector<double>& oof,
                                                         const RangeRegressorOptions& options) {
  const size_t n = x.rows();
  std::vector<float> error_size(n);
  for (size_t i = 0; i < n; ++i) error_size[i] = std::fabs(targets[i] - static_cast<float>(oof[i]));
  std::vector<double> sorted_size(error_size.begin(), error_size.end());
  std::sort(sorted_size.begin(), sorted_size.end());
  const double floor = std::max(options.scale_floor * SortedQuantile(sorted_size, 0.5), 1e-9);

  // The error-size booster's own out-of-fold predictions normalize the residuals, so that
  // the normalized residuals are as large as on unseen rows.
  ASSIGN_OR_RETURN(std::vector<double> oof_size,
                   OutOfFold(x, error_size, options.folds, options.seed + 1, options.scale_trees));
  std::vector<double> z(n);
  for (size_t i = 0; i < n; ++i) {
    z[i] = (targets[i] - oof[i]) / std::max(oof_size[i], floor);
  }
  std::sort(z.begin(), z.end());

  ASSIGN_OR_RETURN(xgb::Booster booster, xgb::Booster::Train(x, targets, options.trees));
  ASSIGN_OR_RETURN(std::string bytes, booster.Save());
  ASSIGN_OR_RETURN(xgb::Booster scale, xgb::Booster::Train(x, error_size, options.scale_trees));
  ASSIGN_OR_RETURN(std::string scale_bytes, scale.Save());
  RangeRegressor m(std::move(booster));
  m.booster_bytes_ = std::move(bytes);
  m.scale_ = std::move(scale);
  m.scale_bytes_ = std::move(scale_bytes);
  m.scale_floor_ = floor;
  m.low_quantile_ = options.low_quantile;
  m.high_quantile_ = options.high_quantile;
  m.low_ = {std::min(0.0, SortedQuantile(z, options.low_quantile))};
  m.high_ = {std::max(0.0, SortedQuantile(z, options.high_quantile))};
  return m;
}

StatusOr<std::vector<RangePrediction>> RangeRegressor::Predict(const xgb::SparseRows& x) const {
  ASSIGN_OR_RETURN(std::vector<float> mid, booster_.Predict(x));
  std::vector<RangePrediction> out;
  out.reserve(mid.size());
  if (scale_) {
    ASSIGN_OR_RETURN(std::vector<float> size, scale_->Predict(x));
    for (size_t i = 0; i < mid.size(); ++i) {
      const double s = std::max(static_cast<double>(size[i]), scale_floor_);
      out.push_back({.low = mid[i] + low_[0] * s, .mid = mid[i], .high = mid[i] + high_[0] * s});
    }
    return out;
  }
  for (float m : mid) {
    size_t b = BinOf(edges_, m);
    out.push_back({.low = m + low_[b], .mid = m, .high = m + high_[b]});
  }
  return out;
}

std::string RangeRegressor::Serialize() const {
  ml::ByteWriter w;
  w.Put(scale_ ? kNormalizedFormat : kBinnedFormat);
  w.Put(low_quantile_);
  w.Put(high_quantile_);
  w.Put(static_cast<uint32_t>(low_.size()));
  for (double e : edges_) w.Put(e);
  for (size_t b = 0; b < low_.size(); ++b) {
    w.Put(low_[b]);
    w.Put(high_[b]);
  }
  w.PutString(booster_bytes_);
  if (scale_) {
    w.Put(scale_floor_);
    w.PutString(scale_bytes_);
  }
  return w.Take();
}

StatusOr<RangeRegressor> RangeRegressor::Deserialize(std::string_view bytes) {
  auto bad = [](std::string_view why) { return DataLossError("range model: " + std::string(why)); };
  ml::ByteReader r(bytes);
  const auto format = r.Get<uint32_t>();
  if (format != kBinnedFormat && format != kNormalizedFormat) return bad("unknown format");
  const auto low_q = r.Get<double>(), high_q = r.Get<double>();
  const auto bins = r.Get<uint32_t>();
  if (!r.ok() || bins < 1 || bins > kMaxBins) return bad("truncated, or a bad bin count");
  std::vector<double> edges, low, high;
  for (uint32_t b = 1; b < bins; ++b) edges.push_back(r.Get<double>());
  for (uint32_t b = 0; b < bins; ++b) {
    low.push_back(r.Get<double>());
    high.push_back(r.Get<double>());
  }
  std::string_view model = r.GetString();
  double scale_floor = 0;
  std::string_view scale_model;
  if (format == kNormalizedFormat) {
    scale_floor = r.Get<double>();
    scale_model = r.GetString();
  }
  if (!r.done()) return bad("truncated, or trailing bytes");
  auto finite = [](double v) { return std::isfinite(v); };
  bool consistent = low_q > 0 && low_q < high_q && high_q < 1 &&
                    std::all_of(edges.begin(), edges.end(), finite) &&
                    std::is_sorted(edges.begin(), edges.end()) &&
                    std::adjacent_find(edges.begin(), edges.end()) == edges.end();
  for (uint32_t b = 0; b < bins && consistent; ++b) {
    consistent = finite(low[b]) && finite(high[b]) && low[b] <= 0 && high[b] >= 0;
  }
  if (format == kNormalizedFormat) {
    consistent = consistent && bins == 1 && std::isfinite(scale_floor) && scale_floor > 0;
  }
  if (!consistent) return bad("inconsistent band");
  auto booster = xgb::Booster::Load(model);
  if (!booster.ok()) return bad(booster.status().message());
  RangeRegressor m(std::move(*booster));
  if (format == kNormalizedFormat) {
    auto scale = xgb::Booster::Load(scale_model);
    if (!scale.ok()) return bad("error-size booster: " + std::string(scale.status().message()));
    if (scale->features() != m.booster_.features()) return bad("inconsistent error-size booster");
    m.scale_ = std::move(*scale);
    m.scale_bytes_ = std::string(scale_model);
    m.scale_floor_ = scale_floor;
  }
  m.booster_bytes_ = std::string(model);
  m.low_quantile_ = low_q;
  m.high_quantile_ = high_q;
  m.edges_ = std::move(edges);
  m.low_ = std::move(low);
  m.high_ = std::move(high);
  return m;
}

}  // namespace meridian
