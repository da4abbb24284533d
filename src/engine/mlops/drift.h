// Drift statistics (issue 8). At training time a model keeps a compact reference of each input
// feature and output (ReferenceColumn, serialized with the model version); on a schedule a
// recent window of the same columns is compared with it, column by column, with the default
// rules of Evidently's data drift preset, and the dataset drifts when enough columns do.
//
//   ASSIGN_OR_RETURN(ReferenceColumn ref, ReferenceColumn::Numeric("salary", values, {}));
//   std::string bytes = ref.Serialize();  // ModelCandidate::reference
//   ...
//   ASSIGN_OR_RETURN(ReferenceColumn back, ReferenceColumn::Deserialize(bytes));
//   ASSIGN_OR_RETURN(ColumnDrift d, CompareColumn(back, recent_values, {}));
//   DatasetDriftResult all = DatasetDrift(columns, {});  // all.drifted: >= 50 % drifted
//
// The test per column is Evidently's default (legacy/calculations/stattests/registry.py,
// _get_default_stattest), from the reference's row count and the distinct values of the
// reference and the window together:
//   reference rows <= 1,000: numeric "ks" (drift when p <= 0.05); categorical with 3 or more
//     values "chisquare" (p < 0.05); with 1 or 2 values "z", a two-proportion z-test (p < 0.05)
//   reference rows >  1,000: numeric "wasserstein", normalized (drift when >= 0.1);
//     categorical "jensenshannon" (>= 0.1)
//   A numeric column with 5 or fewer distinct values is tested as categorical, its values
//   being the categories.
// PSI is reported beside each column, not used for the decision, with the usual bands.
//
// Missing values: NaN and +-infinity are skipped and counted (Evidently drops them before
// testing). The pure statistics return NaN figures when a side has no finite value; the column
// comparison refuses it (kInvalidArgument), as Evidently raises for an empty column.
//
// The numeric reference is a seeded uniform sample of at most ReferenceOptions::max_sample
// values: KS, Wasserstein, PSI and the distinct-value count run on that sample, so for
// references larger than the sample the figures are those of the sample, not of every row.
//
// Thread-safety: everything here is a pure function or an immutable value.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"

namespace meridian::mlops {

// ---- Pure statistics ------------------------------------------------------------------------
// Samples are spans of values (non-finite ones skipped); category counts are two spans
// aligned by index (entry i of both is the same category; the caller takes the union of the
// categories, with 0 where one side lacks one). Counts must be finite and >= 0 and the spans
// of equal length, else the figures are NaN; categories with 0 on both sides are left out.
//
// Agreement with SciPy 1.10 (drift_test.cpp, scripts/eval/drift_reference.py, and a one-off
// sweep of 3,000 random arguments each): KS D exactly; KS p-values and KolmogorovSf within
// 1e-11 relative for n <= 10,000 (8e-10 in the far tail, p < 1e-60, at n ~ 100,000);
// ChiSquareSf within 1e-12 for up to 1,000 degrees of freedom; the z-test's p within 1e-13;
// the distances and PSI within 1e-14.

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

enum class KsMethod : uint8_t { kExact, kAsymptotic };

struct KsResult {
  double statistic = kNaN;  // D = max_x |F_ref(x) - F_cur(x)|, in [0, 1]
  double p_value = kNaN;    // two-sided
  KsMethod method = KsMethod::kExact;
};

// Two-sample Kolmogorov-Smirnov test as scipy.stats.ks_2samp(reference, current) computes it
// (SciPy 1.10, method='auto'): D over the empirical CDFs (ties counted as <= x), and
//   max(n, m) <= 10,000: the exact P(D_{n,m} >= D) by counting lattice paths (Hodges 1958):
//     n == m the alternating binomial sum, else the recursion for 1 - P of Viehmann (2021,
//     arXiv:2102.08037); D = 0 gives p = 1;
//   larger: KolmogorovSf(round(n m / (n + m)), D), SciPy's 'asymp'.
// Identical samples give D = 0, p = 1; disjoint ones D = 1.
KsResult KsTest(std::span<const double> reference, std::span<const double> current);

// P(D_n >= d) for the two-sided one-sample Kolmogorov-Smirnov statistic of n draws, as
// scipy.stats.kstwo.sf(d, n), with Simard & L'Ecuyer (2011)'s choice of method: Ruben-Gambino
// closed forms at the ends, twice the exact one-sided Smirnov tail (Birnbaum-Tingey) for large
// n d^2, Durbin's matrix (Marsaglia, Tsang & Wang 2003) and the Pelz-Good (1976) expansion for
// the rest. Where SciPy uses Pomeranz's recursion (n <= 140, 0.75 < n d^2 <= 4) this uses
// Durbin's matrix, also exact. n <= 0 or NaN d: NaN.
double KolmogorovSf(int64_t n, double d);

struct TestResult {
  double statistic = kNaN;
  double p_value = kNaN;
  int64_t dof = 0;  // chi-squared only
};

// Evidently's chisquare stattest: the current counts against the reference proportions,
//   expected_i = reference_i * (sum current / sum reference),
//   X^2 = sum (current_i - expected_i)^2 / expected_i, dof = k - 1, p = ChiSquareSf(X^2, dof),
// i.e. scipy.stats.chisquare(current, expected). A category the reference never saw makes
// X^2 = +inf and p = 0, as in SciPy. One category: X^2 = 0 and p = 1 (SciPy gives NaN for
// dof = 0; Evidently then reports no drift, the same decision).
TestResult ChiSquareTest(std::span<const double> reference_counts,
                         std::span<const double> current_counts);

// Evidently's z stattest for one or two categories: the two-proportion z-test of the share of
// the second category present, pooled, z = (p_ref - p_cur) / sqrt(P (1 - P) (1/n_ref + 1/n_cur)),
// two-sided p = erfc(|z| / sqrt 2). Evidently computes 2 (1 - norm.cdf(|z|)), the same but
// for rounding (1e-13 relative at p ~ 1e-4), and 0 beyond |z| ~ 8.3 where erfc keeps the tail.
// One category on both sides: z = 0, p = 1. More than two categories: NaN.
TestResult ZTest(std::span<const double> reference_counts, std::span<const double> current_counts);

// P(X >= x) for X chi-squared with `dof` degrees of freedom (scipy.stats.chi2.sf):
// RegularizedGammaQ(dof / 2, x / 2). dof <= 0 or x NaN: NaN; x <= 0: 1; x = +inf: 0.
double ChiSquareSf(double x, double dof);

// Q(a, x) = Gamma(a, x) / Gamma(a), a > 0, x >= 0: the series for P = 1 - Q when x < a + 1,
// else the continued fraction for Q (modified Lentz), as Numerical Recipes (3rd ed., 6.2);
// log Gamma by Lanczos' approximation. Outside the domain: NaN.
double RegularizedGammaQ(double a, double x);

// scipy.stats.wasserstein_distance(reference, current): the area between the two empirical
// CDFs, integral |F_ref(x) - F_cur(x)| dx, in the units of the values.
double WassersteinDistance(std::span<const double> reference, std::span<const double> current);

// Evidently's wasserstein_distance_norm: WassersteinDistance / max(std(reference), 0.001),
// std with ddof = 0 (np.std). The floor keeps a constant reference from dividing by 0: any
// move of a constant column then counts as drift in units of 0.001.
double WassersteinNormalized(std::span<const double> reference, std::span<const double> current);

// scipy.spatial.distance.jensenshannon(p, q), natural log, of the two count vectors normalized
// to shares: sqrt((KL(p || m) + KL(q || m)) / 2), m = (p + q) / 2. 0 for equal shares,
// sqrt(ln 2) ~ 0.8326 for disjoint categories. As Evidently, no smoothing of empty categories.
double JensenShannonDistance(std::span<const double> reference_counts,
                             std::span<const double> current_counts);

// Population stability index sum_i (r_i - c_i) ln(r_i / c_i) over bin shares r (reference) and
// c (current), with Evidently's binning (stattests/utils.py, get_binned_data): when the
// reference has more than 20 distinct values, numpy's Sturges bins over both samples together
// (equal width, ceil(range / (range / (log2 N + 1))) bins); otherwise every distinct value is
// a bin. An empty bin's share becomes 0.0001, or the smallest non-zero share / 10^6 when that
// is <= 0.0001 (per side). Evidently's psi also takes n_bins = 30, which its binning ignores.
// Values whose range overflows a double: NaN.
double Psi(std::span<const double> reference, std::span<const double> current);
// The same over category counts (shares = count / total, then the empty-bin rule).
double PsiFromCounts(std::span<const double> reference_counts,
                     std::span<const double> current_counts);

enum class PsiBand : uint8_t { kNone, kModerate, kSignificant };
// < 0.1 none, [0.1, 0.2) moderate, >= 0.2 significant (NaN: none).
PsiBand PsiBandOf(double psi);
std::string_view PsiBandName(PsiBand band);  // "none", "moderate", "significant"

// ---- The reference kept at training time ---------------------------------------------------

enum class ColumnKind : uint32_t { kNumeric = 1, kCategorical = 2 };
std::string_view ColumnKindName(ColumnKind kind);  // "numeric", "categorical"

struct ReferenceOptions {
  // Numeric: values kept for the tests (1..10,000,000), chosen uniformly by a reservoir
  // (Algorithm R) driven by a std::mt19937_64 seeded with `seed`, so the same values and seed
  // always keep the same sample.
  size_t max_sample = 5000;
  uint64_t seed = 42;
  // Numeric: equal-count bins of the chart histogram (1..1,000), edges at the quantiles.
  size_t histogram_bins = 20;
  // Categorical: the most frequent categories kept by name (1..100,000); the rest are one
  // "(other)" bucket.
  size_t max_categories = 200;
};

// What a column looked like at training time. Immutable; copyable.
class ReferenceColumn {
 public:
  // From every training value of the column. Non-finite values are skipped and counted.
  // kInvalidArgument for options out of range.
  static StatusOr<ReferenceColumn> Numeric(std::string feature, std::span<const double> values,
                                           const ReferenceOptions& options);
  // Every value is a category (the empty string too). kInvalidArgument for bad options.
  static StatusOr<ReferenceColumn> Categorical(std::string feature,
                                               std::span<const std::string> values,
                                               const ReferenceOptions& options);
  // Bytes made by Serialize(); kDataLoss for anything else (truncated, trailing bytes, an
  // unknown version or kind, counts that do not add up, non-finite or unsorted edges...).
  static StatusOr<ReferenceColumn> Deserialize(std::string_view bytes);
  // Little-endian, versioned (the caller adds magic and checksum).
  std::string Serialize() const;

  const std::string& feature() const { return feature_; }
  ColumnKind kind() const { return kind_; }
  uint64_t rows() const { return rows_; }        // values used (finite ones for numeric)
  uint64_t skipped() const { return skipped_; }  // non-finite values left out
  // Numeric: the sample (all values when rows <= max_sample), in reservoir order.
  const std::vector<double>& sample() const { return sample_; }
  // Numeric, for charts: ascending edges (bins + 1; fewer when quantiles coincide, two equal
  // edges for a constant column) and the count in each bin, [e_i, e_i+1), the last closed.
  // Empty when rows = 0.
  const std::vector<double>& histogram_edges() const { return edges_; }
  const std::vector<uint64_t>& histogram_counts() const { return histogram_; }
  // Categorical: the kept categories, most frequent first (ties by name), their counts, and
  // the count of every other value (> 0 only when the cap was reached).
  const std::vector<std::string>& categories() const { return categories_; }
  const std::vector<uint64_t>& counts() const { return counts_; }
  uint64_t other() const { return other_; }

 private:
  ReferenceColumn() = default;

  std::string feature_;
  ColumnKind kind_ = ColumnKind::kNumeric;
  uint64_t rows_ = 0, skipped_ = 0;
  std::vector<double> sample_, edges_;
  std::vector<uint64_t> histogram_;
  std::vector<std::string> categories_;
  std::vector<uint64_t> counts_;
  uint64_t other_ = 0;
};

// Several columns in one blob (a model's inputs and outputs); Deserialize as above.
std::string SerializeReferences(std::span<const ReferenceColumn> columns);
StatusOr<std::vector<ReferenceColumn>> DeserializeReferences(std::string_view bytes);

// ---- Column and dataset drift ---------------------------------------------------------------

struct DriftOptions {
  double p_value_threshold = 0.05;  // ks, z, chisquare
  double distance_threshold = 0.1;  // wasserstein (normalized), jensenshannon
  // References with at most this many rows get the statistical tests, larger ones distances
  // (with many rows every tiny shift is "significant").
  uint64_t max_rows_for_tests = 1000;
  // Numeric columns with at most this many distinct values (reference sample and window
  // together) are tested as categorical.
  size_t max_values_as_categorical = 5;
  // The dataset drifts when the share of drifted columns is >= this.
  double dataset_drift_share = 0.5;
};

enum class DriftMethod : uint8_t { kKs, kZ, kChiSquare, kWasserstein, kJensenShannon };
// Evidently's names: "ks", "z", "chisquare", "wasserstein", "jensenshannon".
std::string_view DriftMethodName(DriftMethod method);

struct ColumnDrift {
  std::string feature;
  ColumnKind kind = ColumnKind::kNumeric;
  DriftMethod method = DriftMethod::kKs;
  double statistic = kNaN;  // D, z, X^2, or the distance
  // What is compared with `threshold` (Evidently's drift_score): the p-value (drift when
  // p <= threshold for ks, p < threshold for z and chisquare, as Evidently) or the distance
  // (drift when >= threshold).
  double score = kNaN;
  double threshold = kNaN;
  bool drifted = false;
  double psi = kNaN;
  PsiBand psi_band = PsiBand::kNone;
  uint64_t reference_rows = 0;   // ReferenceColumn::rows()
  uint64_t current_rows = 0;     // finite values of the window
  uint64_t current_skipped = 0;  // non-finite values of the window left out
};

// A window of a numeric column against its reference. kInvalidArgument when the reference is
// categorical or either side has no finite value.
StatusOr<ColumnDrift> CompareColumn(const ReferenceColumn& reference,
                                    std::span<const double> current, const DriftOptions& options);
// A window of a categorical column. Values the reference never saw are new categories, unless
// the reference was capped: then they join its "(other)" bucket (a capped reference cannot
// tell a new category from a rare one). kInvalidArgument when the reference is numeric or
// either side is empty.
StatusOr<ColumnDrift> CompareColumn(const ReferenceColumn& reference,
                                    std::span<const std::string> current,
                                    const DriftOptions& options);

struct DatasetDriftResult {
  size_t columns = 0;
  size_t drifted_columns = 0;
  double share = 0;  // drifted_columns / columns (0 without columns)
  bool drifted = false;
};

// share >= options.dataset_drift_share (Evidently's DatasetDriftMetric); no columns: no drift.
DatasetDriftResult DatasetDrift(std::span<const ColumnDrift> columns, const DriftOptions& options);

}  // namespace meridian::mlops
