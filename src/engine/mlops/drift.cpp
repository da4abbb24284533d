// The reference columns (building, bytes) and the column and dataset drift rules.
#include "engine/mlops/drift.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "engine/ml/byte_io.h"

namespace meridian::mlops {
namespace {

constexpr uint32_t kFormatVersion = 1;
constexpr uint32_t kSetFormatVersion = 1;

Status CheckOptions(const ReferenceOptions& o) {
  if (o.max_sample < 1 || o.max_sample > 10'000'000) {
    return Status(StatusCode::kInvalidArgument, "max_sample must be in 1..10000000");
  }
  if (o.histogram_bins < 1 || o.histogram_bins > 1000) {
    return Status(StatusCode::kInvalidArgument, "histogram_bins must be in 1..1000");
  }
  if (o.max_categories < 1 || o.max_categories > 100'000) {
    return Status(StatusCode::kInvalidArgument, "max_categories must be in 1..100000");
  }
  return Status::Ok();
}

// A uniform integer in [0, bound), by rejection (values below 2^64 mod bound are drawn again),
// so the sample does not depend on the standard library's distributions, which are not
// portable.
uint64_t UniformBelow(std::mt19937_64& rng, uint64_t bound) {
  const uint64_t reject_below = (0 - bound) % bound;
  for (;;) {
    const uint64_t x = rng();
    if (x >= reject_below) return x % bound;
  }
}

// Edges at the quantiles i / bins (linear interpolation, numpy's default; std::lerp cannot
// overflow), duplicates merged.
std::vector<double> QuantileEdges(const std::vector<double>& sorted, size_t bins) {
  std::vector<double> edges;
  const auto last = static_cast<double>(sorted.size() - 1);
  for (size_t i = 0; i <= bins; ++i) {
    const double pos = last * static_cast<double>(i) / static_cast<double>(bins);
    const auto lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    const double edge = std::lerp(sorted[lo], sorted[hi], pos - static_cast<double>(lo));
    if (edges.empty() || edge > edges.back()) edges.push_back(edge);
  }
  if (edges.size() == 1) edges.push_back(edges.front());  // a constant column: one bin
  return edges;
}

bool AddChecked(uint64_t* total, uint64_t v) {
  if (v > std::numeric_limits<uint64_t>::max() - *total) return false;
  *total += v;
  return true;
}

Status Corrupt(std::string_view what) {
  return Status(StatusCode::kDataLoss, "drift reference: " + std::string(what));
}

std::vector<double> Finite(std::span<const double> values, uint64_t* skipped) {
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) {
    if (std::isfinite(v)) {
      out.push_back(v);
    } else {
      ++*skipped;
    }
  }
  return out;
}

// Fills the test part of `d` from aligned category counts.
void TestCategories(const std::vector<double>& r, const std::vector<double>& c, bool large,
                    const DriftOptions& o, ColumnDrift* d) {
  size_t present = 0;
  for (size_t i = 0; i < r.size(); ++i) present += r[i] > 0 || c[i] > 0;
  if (large) {
    d->method = DriftMethod::kJensenShannon;
    d->statistic = d->score = JensenShannonDistance(r, c);
    d->threshold = o.distance_threshold;
    d->drifted = d->score >= o.distance_threshold;
  } else {
    const TestResult t = present > 2 ? ChiSquareTest(r, c) : ZTest(r, c);
    d->method = present > 2 ? DriftMethod::kChiSquare : DriftMethod::kZ;
    d->statistic = t.statistic;
    d->score = t.p_value;
    d->threshold = o.p_value_threshold;
    d->drifted = d->score < o.p_value_threshold;
  }
  d->psi = PsiFromCounts(r, c);
  d->psi_band = PsiBandOf(d->psi);
}

Status NoValues(const std::string& feature, std::string_view side) {
  return Status(StatusCode::kInvalidArgument,
                "drift: column '" + feature + "' has no usable value in the " + std::string(side));
}

}  // namespace

std::string_view ColumnKindName(ColumnKind kind) {
  return kind == ColumnKind::kCategorical ? "categorical" : "numeric";
}

std::string_view DriftMethodName(DriftMethod method) {
  switch (method) {
    case DriftMethod::kKs:
      return "ks";
    case DriftMethod::kZ:
      return "z";
    case DriftMethod::kChiSquare:
      return "chisquare";
    case DriftMethod::kWasserstein:
      return "wasserstein";
    case DriftMethod::kJensenShannon:
      return "jensenshannon";
  }
  return "ks";
}

StatusOr<ReferenceColumn> ReferenceColumn::Numeric(std::string feature,
                                                   std::span<const double> values,
                                                   const ReferenceOptions& options) {
  if (Status s = CheckOptions(options); !s.ok()) return s;
  ReferenceColumn c;
  c.feature_ = std::move(feature);
  c.kind_ = ColumnKind::kNumeric;
  std::vector<double> finite = Finite(values, &c.skipped_);
  c.rows_ = finite.size();
  // Algorithm R: the first k values, then value i replaces a random slot with probability k/i.
  std::mt19937_64 rng(options.seed);
  const size_t k = options.max_sample;
  for (size_t i = 0; i < finite.size(); ++i) {
    if (i < k) {
      c.sample_.push_back(finite[i]);
    } else if (const uint64_t slot = UniformBelow(rng, i + 1); slot < k) {
      c.sample_[slot] = finite[i];
    }
  }
  if (finite.empty()) return c;
  std::sort(finite.begin(), finite.end());
  c.edges_ = QuantileEdges(finite, options.histogram_bins);
  for (size_t i = 0; i + 1 < c.edges_.size(); ++i) {
    const bool last = i + 2 == c.edges_.size();
    const auto lo = std::lower_bound(finite.begin(), finite.end(), c.edges_[i]);
    const auto hi = last ? finite.end() : std::lower_bound(lo, finite.end(), c.edges_[i + 1]);
    c.histogram_.push_back(static_cast<uint64_t>(hi - lo));
  }
  return c;
}

StatusOr<ReferenceColumn> ReferenceColumn::Categorical(std::string feature,
                                                       std::span<const std::string> values,
                                                       const ReferenceOptions& options) {
  if (Status s = CheckOptions(options); !s.ok()) return s;
  ReferenceColumn c;
  c.feature_ = std::move(feature);
  c.kind_ = ColumnKind::kCategorical;
  c.rows_ = values.size();
  std::unordered_map<std::string_view, uint64_t> counts;
  for (const std::string& v : values) ++counts[v];
  std::vector<std::pair<std::string_view, uint64_t>> order(counts.begin(), counts.end());
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  for (size_t i = 0; i < order.size(); ++i) {
    if (i < options.max_categories) {
      c.categories_.emplace_back(order[i].first);
      c.counts_.push_back(order[i].second);
    } else {
      c.other_ += order[i].second;
    }
  }
  return c;
}

std::string ReferenceColumn::Serialize() const {
  ml::ByteWriter w;
  w.Put(kFormatVersion);
  w.PutString(feature_);
  w.Put(static_cast<uint32_t>(kind_));
  w.Put(rows_);
  w.Put(skipped_);
  if (kind_ == ColumnKind::kNumeric) {
    w.PutVector(sample_);
    w.PutVector(edges_);
    w.PutVector(histogram_);
  } else {
    w.PutStrings(categories_);
    w.PutVector(counts_);
    w.Put(other_);
  }
  return w.Take();
}

StatusOr<ReferenceColumn> ReferenceColumn::Deserialize(std::string_view bytes) {
  ml::ByteReader r(bytes);
  if (r.Get<uint32_t>() != kFormatVersion || !r.ok()) return Corrupt("unknown format version");
  ReferenceColumn c;
  c.feature_ = std::string(r.GetString());
  const auto kind = r.Get<uint32_t>();
  c.rows_ = r.Get<uint64_t>();
  c.skipped_ = r.Get<uint64_t>();
  if (!r.ok()) return Corrupt("truncated");
  if (kind == static_cast<uint32_t>(ColumnKind::kNumeric)) {
    c.kind_ = ColumnKind::kNumeric;
    r.GetVector(&c.sample_);
    r.GetVector(&c.edges_);
    r.GetVector(&c.histogram_);
    if (!r.done()) return Corrupt("truncated or trailing bytes");
    if (c.sample_.size() > c.rows_ || (c.rows_ > 0) != !c.sample_.empty()) {
      return Corrupt("sample size does not match the rows");
    }
    for (double v : c.sample_) {
      if (!std::isfinite(v)) return Corrupt("non-finite sample value");
    }
    const bool empty = c.rows_ == 0;
    if (empty ? !c.edges_.empty() || !c.histogram_.empty()
              : c.histogram_.empty() || c.edges_.size() != c.histogram_.size() + 1) {
      return Corrupt("histogram edges and counts disagree");
    }
    for (size_t i = 0; i < c.edges_.size(); ++i) {
      if (!std::isfinite(c.edges_[i]) || (i > 0 && c.edges_[i] < c.edges_[i - 1])) {
        return Corrupt("histogram edges not finite and ascending");
      }
    }
    uint64_t total = 0;
    for (uint64_t n : c.histogram_) {
      if (!AddChecked(&total, n)) return Corrupt("histogram counts overflow");
    }
    if (total != c.rows_) return Corrupt("histogram counts do not add up to the rows");
    return c;
  }
  if (kind != static_cast<uint32_t>(ColumnKind::kCategorical)) return Corrupt("unknown kind");
  c.kind_ = ColumnKind::kCategorical;
  r.GetStrings(&c.categories_);
  r.GetVector(&c.counts_);
  c.other_ = r.Get<uint64_t>();
  if (!r.done()) return Corrupt("truncated or trailing bytes");
  if (c.categories_.size() != c.counts_.size()) return Corrupt("categories and counts disagree");
  std::unordered_set<std::string_view> seen;
  uint64_t total = c.other_;
  for (size_t i = 0; i < c.counts_.size(); ++i) {
    if (c.counts_[i] == 0 || !seen.insert(c.categories_[i]).second) {
      return Corrupt("empty or repeated category");
    }
    if (!AddChecked(&total, c.counts_[i])) return Corrupt("category counts overflow");
  }
  if (total != c.rows_) return Corrupt("category counts do not add up to the rows");
  return c;
}

std::string SerializeReferences(std::span<const ReferenceColumn> columns) {
  ml::ByteWriter w;
  w.Put(kSetFormatVersion);
  w.Put(uint64_t{columns.size()});
  for (const ReferenceColumn& c : columns) w.PutString(c.Serialize());
  return w.Take();
}

StatusOr<std::vector<ReferenceColumn>> DeserializeReferences(std::string_view bytes) {
  ml::ByteReader r(bytes);
  if (r.Get<uint32_t>() != kSetFormatVersion || !r.ok()) return Corrupt("unknown set version");
  const auto n = r.Get<uint64_t>();
  // Each column takes at least its 8-byte length.
  if (!r.ok() || n > bytes.size() / 8) return Corrupt("truncated column count");
  std::vector<ReferenceColumn> columns;
  for (uint64_t i = 0; i < n; ++i) {
    const std::string_view one = r.GetString();
    if (!r.ok()) return Corrupt("truncated column");
    ASSIGN_OR_RETURN(ReferenceColumn c, ReferenceColumn::Deserialize(one));
    columns.push_back(std::move(c));
  }
  if (!r.done()) return Corrupt("trailing bytes");
  return columns;
}

StatusOr<ColumnDrift> CompareColumn(const ReferenceColumn& reference,
                                    std::span<const double> current, const DriftOptions& options) {
  if (reference.kind() != ColumnKind::kNumeric) {
    return Status(StatusCode::kInvalidArgument,
                  "drift: column '" + reference.feature() + "' is categorical");
  }
  ColumnDrift d;
  d.feature = reference.feature();
  d.kind = ColumnKind::kNumeric;
  d.reference_rows = reference.rows();
  std::vector<double> window = Finite(current, &d.current_skipped);
  d.current_rows = window.size();
  if (reference.sample().empty()) return NoValues(d.feature, "reference");
  if (window.empty()) return NoValues(d.feature, "window");
  const bool large = reference.rows() > options.max_rows_for_tests;

  // Few distinct values (sample and window together): the values are categories.
  std::vector<double> ref = reference.sample();
  std::sort(ref.begin(), ref.end());
  std::sort(window.begin(), window.end());
  std::vector<double> values;
  std::merge(ref.begin(), ref.end(), window.begin(), window.end(), std::back_inserter(values));
  values.erase(std::unique(values.begin(), values.end()), values.end());
  if (values.size() <= options.max_values_as_categorical) {
    std::vector<double> r, c;
    for (double v : values) {
      const auto [r_lo, r_hi] = std::equal_range(ref.begin(), ref.end(), v);
      const auto [c_lo, c_hi] = std::equal_range(window.begin(), window.end(), v);
      r.push_back(static_cast<double>(r_hi - r_lo));
      c.push_back(static_cast<double>(c_hi - c_lo));
    }
    TestCategories(r, c, large, options, &d);  // PSI by value, as Evidently's for <= 20 values
    return d;
  }
  if (large) {
    d.method = DriftMethod::kWasserstein;
    d.statistic = d.score = WassersteinNormalized(ref, window);
    d.threshold = options.distance_threshold;
    d.drifted = d.score >= options.distance_threshold;
  } else {
    const KsResult ks = KsTest(ref, window);
    d.method = DriftMethod::kKs;
    d.statistic = ks.statistic;
    d.score = ks.p_value;
    d.threshold = options.p_value_threshold;
    d.drifted = d.score <= options.p_value_threshold;
  }
  d.psi = Psi(ref, window);
  d.psi_band = PsiBandOf(d.psi);
  return d;
}

StatusOr<ColumnDrift> CompareColumn(const ReferenceColumn& reference,
                                    std::span<const std::string> current,
                                    const DriftOptions& options) {
  if (reference.kind() != ColumnKind::kCategorical) {
    return Status(StatusCode::kInvalidArgument,
                  "drift: column '" + reference.feature() + "' is numeric");
  }
  ColumnDrift d;
  d.feature = reference.feature();
  d.kind = ColumnKind::kCategorical;
  d.reference_rows = reference.rows();
  d.current_rows = current.size();
  if (reference.rows() == 0) return NoValues(d.feature, "reference");
  if (current.empty()) return NoValues(d.feature, "window");

  // Aligned counts: the reference's categories, its "(other)" bucket, then new categories.
  const size_t named = reference.categories().size();
  const bool capped = reference.other() > 0;
  std::unordered_map<std::string_view, size_t> index;
  for (size_t i = 0; i < named; ++i) index.emplace(reference.categories()[i], i);
  std::vector<double> r(reference.counts().begin(), reference.counts().end());
  std::vector<double> c(named, 0.0);
  if (capped) {
    r.push_back(static_cast<double>(reference.other()));
    c.push_back(0);
  }
  std::unordered_map<std::string_view, uint64_t> unseen;
  for (const std::string& v : current) {
    if (const auto it = index.find(v); it != index.end()) {
      c[it->second] += 1;
    } else if (capped) {
      c[named] += 1;
    } else {
      ++unseen[v];
    }
  }
  std::vector<std::pair<std::string_view, uint64_t>> fresh(unseen.begin(), unseen.end());
  std::sort(fresh.begin(), fresh.end());  // a fixed order, whatever the hash map's
  for (const auto& [name, n] : fresh) {
    r.push_back(0);
    c.push_back(static_cast<double>(n));
  }
  TestCategories(r, c, reference.rows() > options.max_rows_for_tests, options, &d);
  return d;
}

DatasetDriftResult DatasetDrift(std::span<const ColumnDrift> columns, const DriftOptions& options) {
  DatasetDriftResult result;
  result.columns = columns.size();
  for (const ColumnDrift& c : columns) result.drifted_columns += c.drifted ? 1 : 0;
  if (result.columns == 0) return result;
  result.share = static_cast<double>(result.drifted_columns) / static_cast<double>(result.columns);
  result.drifted = result.share >= options.dataset_drift_share;
  return result;
}

}  // namespace meridian::mlops
