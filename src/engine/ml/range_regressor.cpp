// Serialized form (little-endian, as written by the machine):
//   u32 format (1), f64 low_quantile, f64 high_quantile, u32 bins,
//   (bins - 1) x f64 edges, bins x (f64 low offset, f64 high offset),
//   u64 n, n bytes booster (XGBoost UBJSON)
#include "engine/ml/range_regressor.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>

#include "engine/ml/byte_io.h"

namespace meridian {
namespace {

constexpr uint32_t kFormat = 1;
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
  return OkStatus();
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

  // Out-of-fold predictions: fold f holds the shuffled rows i with i % folds == f.
  std::vector<size_t> order = Shuffled(n, options.seed);
  std::vector<double> oof(n);
  for (int f = 0; f < options.folds; ++f) {
    std::vector<size_t> fit, held;
    for (size_t i = 0; i < n; ++i) {
      (i % static_cast<size_t>(options.folds) == static_cast<size_t>(f) ? held : fit)
          .push_back(order[i]);
    }
    xgb::SparseRows fit_x = x.Slice(fit), held_x = x.Slice(held);
    std::vector<float> fit_y;
    fit_y.reserve(fit.size());
    for (size_t r : fit) fit_y.push_back(targets[r]);
    ASSIGN_OR_RETURN(xgb::Booster b, xgb::Booster::Train(fit_x, fit_y, options.trees));
    ASSIGN_OR_RETURN(std::vector<float> p, b.Predict(held_x));
    for (size_t k = 0; k < held.size(); ++k) oof[held[k]] = p[k];
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
  return m;
}

StatusOr<std::vector<RangePrediction>> RangeRegressor::Predict(const xgb::SparseRows& x) const {
  ASSIGN_OR_RETURN(std::vector<float> mid, booster_.Predict(x));
  std::vector<RangePrediction> out;
  out.reserve(mid.size());
  for (float m : mid) {
    size_t b = BinOf(edges_, m);
    out.push_back({.low = m + low_[b], .mid = m, .high = m + high_[b]});
  }
  return out;
}

std::string RangeRegressor::Serialize() const {
  ml::ByteWriter w;
  w.Put(kFormat);
  w.Put(low_quantile_);
  w.Put(high_quantile_);
  w.Put(static_cast<uint32_t>(low_.size()));
  for (double e : edges_) w.Put(e);
  for (size_t b = 0; b < low_.size(); ++b) {
    w.Put(low_[b]);
    w.Put(high_[b]);
  }
  w.PutString(booster_bytes_);
  return w.Take();
}

StatusOr<RangeRegressor> RangeRegressor::Deserialize(std::string_view bytes) {
  auto bad = [](std::string_view why) { return DataLossError("range model: " + std::string(why)); };
  ml::ByteReader r(bytes);
  if (r.Get<uint32_t>() != kFormat) return bad("unknown format");
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
  if (!r.done()) return bad("truncated, or trailing bytes");
  auto finite = [](double v) { return std::isfinite(v); };
  bool consistent = low_q > 0 && low_q < high_q && high_q < 1 &&
                    std::all_of(edges.begin(), edges.end(), finite) &&
                    std::is_sorted(edges.begin(), edges.end()) &&
                    std::adjacent_find(edges.begin(), edges.end()) == edges.end();
  for (uint32_t b = 0; b < bins && consistent; ++b) {
    consistent = finite(low[b]) && finite(high[b]) && low[b] <= 0 && high[b] >= 0;
  }
  if (!consistent) return bad("inconsistent band");
  auto booster = xgb::Booster::Load(model);
  if (!booster.ok()) return bad(booster.status().message());
  RangeRegressor m(std::move(*booster));
  m.booster_bytes_ = std::string(model);
  m.low_quantile_ = low_q;
  m.high_quantile_ = high_q;
  m.edges_ = std::move(edges);
  m.low_ = std::move(low);
  m.high_ = std::move(high);
  return m;
}

}  // namespace meridian
