// The per-column drift statistics, written to give SciPy's and Evidently's figures (see the
// header); the comments say where an order of operations is kept on purpose.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <numeric>
#include <vector>

#include "engine/mlops/drift.h"

namespace meridian::mlops {
namespace {

std::vector<double> SortedFinite(std::span<const double> values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) {
    if (std::isfinite(v)) out.push_back(v);
  }
  std::sort(out.begin(), out.end());
  return out;
}

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
int64_t CeilDiv(int64_t a, int64_t b) {
  return -FloorDiv(-a, b);
}

// P(D_{n,n} >= h/n): 2 sum_{k>=1} (-1)^(k+1) C(2n, n-kh) / C(2n, n), each ratio of successive
// terms A_k a product of h factors, summed Horner-like from the smallest term (SciPy's
// _compute_prob_outside_square) to avoid the cancellation of the plain alternating sum.
double KsExactEqualSizes(int64_t n, int64_t h) {
  double p = 0;
  for (int64_t k = n / h; k >= 0; --k) {
    double ratio = 1;
    for (int64_t j = 0; j < h; ++j) {
      ratio = static_cast<double>(n - k * h - j) * ratio / static_cast<double>(n + k * h + j + 1);
    }
    p = ratio * (1 - p);
  }
  return 2 * p;
}

// P(D_{m,n} >= h / lcm(m, n)) for m != n. A monotone lattice path from (0, 0) to (m, n) is
// the merged order of the two samples; it leaves the band |(n/g) x - (m/g) y| < h exactly when
// D reaches the observed value. a[y] holds, for the current column x, the probability that a
// uniformly random path to (x, y) has left the band: 1 outside it, and inside
// (x a_prev[y] + y a[y - 1]) / (x + y), as a path arrives from the left with probability
// x / (x + y) (Viehmann's recursion for 1 - P, the same order of operations as SciPy). The
// band only moves up as x grows, so one array serves every column.
double KsExactInside(int64_t m, int64_t n, int64_t g, int64_t h) {
  if (m < n) std::swap(m, n);
  const int64_t mg = m / g, ng = n / g;
  std::vector<double> a(static_cast<size_t>(n) + 1, 1.0);
  const int64_t first_hi = std::min(CeilDiv(h, mg), n + 1);
  std::fill(a.begin(), a.begin() + first_hi, 0.0);
  for (int64_t x = 1; x <= m; ++x) {
    const int64_t lo = std::min(std::max<int64_t>(FloorDiv(ng * x - h, mg) + 1, 0), n);
    const int64_t hi = std::min(CeilDiv(ng * x + h, mg), n + 1);
    if (hi <= lo) return 1;
    const auto dx = static_cast<double>(x);
    double below = 1;  // (x, lo - 1) is outside the band (its weight is 0 when lo = 0)
    for (int64_t y = lo; y < hi; ++y) {
      const auto dy = static_cast<double>(y);
      below = (a[y] * dx + below * dy) / (dx + dy);
      a[y] = below;
    }
  }
  return a[n];
}

bool ValidCounts(std::span<const double> r, std::span<const double> c) {
  if (r.size() != c.size()) return false;
  for (size_t i = 0; i < r.size(); ++i) {
    if (!(r[i] >= 0) || !(c[i] >= 0) || std::isinf(r[i]) || std::isinf(c[i])) return false;
  }
  return true;
}

// The categories present on either side (both-zero entries dropped), as two vectors.
void Present(std::span<const double> r, std::span<const double> c, std::vector<double>* ro,
             std::vector<double>* co) {
  for (size_t i = 0; i < r.size(); ++i) {
    if (r[i] == 0 && c[i] == 0) continue;
    ro->push_back(r[i]);
    co->push_back(c[i]);
  }
}

double Sum(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0);
}

// Evidently's feel_zeroes: empty shares become 0.0001, or (smallest non-zero) / 1e6 when the
// smallest non-zero share is itself <= 0.0001, so that ln(r / c) stays finite.
bool FillZeroes(std::vector<double>* shares) {
  double smallest = kNaN;
  for (double s : *shares) {
    if (s != 0 && !(s >= smallest)) smallest = s;
  }
  if (std::isnan(smallest)) return false;
  const double fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
  for (double& s : *shares) {
    if (s == 0) s = fill;
  }
  return true;
}

double PsiOfShares(std::vector<double> r, std::vector<double> c) {
  if (r.empty() || !FillZeroes(&r) || !FillZeroes(&c)) return kNaN;
  double psi = 0;
  for (size_t i = 0; i < r.size(); ++i) psi += (r[i] - c[i]) * std::log(r[i] / c[i]);
  return psi;
}

// Counts of `sorted` in each of the bins [e_i, e_i+1), the last closed (np.histogram).
std::vector<double> Histogram(const std::vector<double>& sorted, const std::vector<double>& e) {
  std::vector<double> counts(e.size() - 1);
  for (size_t i = 0; i + 1 < e.size(); ++i) {
    const auto lo = std::lower_bound(sorted.begin(), sorted.end(), e[i]);
    const auto hi = i + 2 == e.size() ? std::upper_bound(sorted.begin(), sorted.end(), e[i + 1])
                                      : std::lower_bound(sorted.begin(), sorted.end(), e[i + 1]);
    counts[i] = static_cast<double>(hi - lo);
  }
  return counts;
}

// numpy's histogram_bin_edges(values, bins="sturges") over a and b together (both sorted,
// non-empty): width = range / (log2 N + 1), ceil(range / width) equal bins, edges as
// np.linspace makes them (start + i * step, the last exactly the stop).
std::vector<double> SturgesEdges(const std::vector<double>& a, const std::vector<double>& b) {
  double lo = std::min(a.front(), b.front()), hi = std::max(a.back(), b.back());
  const double range = hi - lo;
  if (lo == hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const auto n = static_cast<double>(a.size() + b.size());
  const double width = range / (std::log2(n) + 1.0);
  const int64_t bins = width > 0 ? static_cast<int64_t>(std::ceil((hi - lo) / width)) : 1;
  std::vector<double> edges(static_cast<size_t>(bins) + 1);
  const double step = (hi - lo) / static_cast<double>(bins);
  for (int64_t i = 0; i <= bins; ++i) edges[i] = static_cast<double>(i) * step + lo;
  edges.back() = hi;
  return edges;
}

size_t Distinct(const std::vector<double>& sorted) {
  size_t distinct = sorted.empty() ? 0 : 1;
  for (size_t i = 1; i < sorted.size(); ++i) distinct += sorted[i] != sorted[i - 1];
  return distinct;
}

// Counts of each distinct value of the union of a and b (both sorted), aligned.
void CountByValue(const std::vector<double>& a, const std::vector<double>& b,
                  std::vector<double>* ca, std::vector<double>* cb) {
  std::vector<double> keys;
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(keys));
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (double k : keys) {
    const auto [a_lo, a_hi] = std::equal_range(a.begin(), a.end(), k);
    const auto [b_lo, b_hi] = std::equal_range(b.begin(), b.end(), k);
    ca->push_back(static_cast<double>(a_hi - a_lo));
    cb->push_back(static_cast<double>(b_hi - b_lo));
  }
}

}  // namespace

KsResult KsTest(std::span<const double> reference, std::span<const double> current) {
  const std::vector<double> a = SortedFinite(reference), b = SortedFinite(current);
  if (a.empty() || b.empty()) return {};
  const auto n1 = static_cast<int64_t>(a.size()), n2 = static_cast<int64_t>(b.size());
  // D in integers: at each distinct value, |c1 n2 - c2 n1| / (n1 n2) with c the counts <= it.
  int64_t best = 0, best_i = 0, best_j = 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const double v = j == b.size() || (i < a.size() && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.size() && a[i] == v) ++i;
    while (j < b.size() && b[j] == v) ++j;
    const int64_t diff = std::llabs(static_cast<int64_t>(i) * n2 - static_cast<int64_t>(j) * n1);
    if (diff > best) {
      best = diff;
      best_i = static_cast<int64_t>(i);
      best_j = static_cast<int64_t>(j);
    }
  }
  const int64_t g = std::gcd(n1, n2);
  const int64_t lcm = n1 / g * n2;
  const int64_t h = best / g;  // c1 n2 - c2 n1 is a multiple of g
  KsResult result;
  if (std::max(n1, n2) <= 10000) {
    result.statistic = static_cast<double>(h) / static_cast<double>(lcm);
    result.p_value = h == 0     ? 1.0
                     : n1 == n2 ? KsExactEqualSizes(n1, h)
                                : KsExactInside(n1, n2, g, h);
    if (result.p_value >= 0 && result.p_value <= 1) return result;
  }
  // SciPy's 'asymp': D as the difference of the two float CDFs, N = round(m n / (m + n)).
  result.method = KsMethod::kAsymptotic;
  result.statistic = std::abs(static_cast<double>(best_i) / static_cast<double>(n1) -
                              static_cast<double>(best_j) / static_cast<double>(n2));
  const double m = static_cast<double>(std::max(n1, n2)), n = static_cast<double>(std::min(n1, n2));
  const double en = m * n / (m + n);
  result.p_value = KolmogorovSf(static_cast<int64_t>(std::nearbyint(en)), result.statistic);
  return result;
}

TestResult ChiSquareTest(std::span<const double> reference_counts,
                         std::span<const double> current_counts) {
  if (!ValidCounts(reference_counts, current_counts)) return {};
  std::vector<double> r, c;
  Present(reference_counts, current_counts, &r, &c);
  const double r_total = Sum(r), c_total = Sum(c);
  if (r_total == 0 || c_total == 0) return {};
  TestResult result;
  result.dof = static_cast<int64_t>(r.size()) - 1;
  const double scale = c_total / r_total;  // Evidently's k_norm
  double statistic = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    const double expected = r[i] * scale;
    const double diff = c[i] - expected;
    statistic += expected > 0 ? diff * diff / expected : HUGE_VAL;
  }
  result.statistic = statistic;
  result.p_value = result.dof == 0 ? 1.0 : ChiSquareSf(statistic, static_cast<double>(result.dof));
  return result;
}

TestResult ZTest(std::span<const double> reference_counts, std::span<const double> current_counts) {
  if (!ValidCounts(reference_counts, current_counts)) return {};
  std::vector<double> r, c;
  Present(reference_counts, current_counts, &r, &c);
  const double n1 = Sum(r), n2 = Sum(c);
  if (r.size() > 2 || n1 == 0 || n2 == 0) return {};
  TestResult result;
  if (r.size() == 1) {
    result.statistic = 0;
    result.p_value = 1;
    return result;
  }
  const double p1 = r[1] / n1, p2 = c[1] / n2;
  const double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  result.statistic = (p1 - p2) / std::sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
  result.p_value = std::erfc(std::abs(result.statistic) / std::sqrt(2.0));
  return result;
}

double WassersteinDistance(std::span<const double> reference, std::span<const double> current) {
  const std::vector<double> a = SortedFinite(reference), b = SortedFinite(current);
  if (a.empty() || b.empty()) return kNaN;
  std::vector<double> all;
  all.reserve(a.size() + b.size());
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(all));
  const auto na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  double area = 0;
  size_t i = 0, j = 0;
  for (size_t k = 0; k + 1 < all.size(); ++k) {
    while (i < a.size() && a[i] <= all[k]) ++i;
    while (j < b.size() && b[j] <= all[k]) ++j;
    area +=
        std::abs(static_cast<double>(i) / na - static_cast<double>(j) / nb) * (all[k + 1] - all[k]);
  }
  return area;
}

double WassersteinNormalized(std::span<const double> reference, std::span<const double> current) {
  const std::vector<double> a = SortedFinite(reference);
  if (a.empty()) return kNaN;
  const double mean = Sum(a) / static_cast<double>(a.size());
  double squares = 0;
  for (double v : a) squares += (v - mean) * (v - mean);
  const double sd = std::sqrt(squares / static_cast<double>(a.size()));
  return WassersteinDistance(a, current) / std::max(sd, 0.001);
}

double JensenShannonDistance(std::span<const double> reference_counts,
                             std::span<const double> current_counts) {
  if (!ValidCounts(reference_counts, current_counts)) return kNaN;
  const double r_total = std::accumulate(reference_counts.begin(), reference_counts.end(), 0.0);
  const double c_total = std::accumulate(current_counts.begin(), current_counts.end(), 0.0);
  if (r_total == 0 || c_total == 0) return kNaN;
  // rel_entr(x, y) = x ln(x / y), 0 for x = 0; SciPy sums each side, then adds the two sums.
  double left = 0, right = 0;
  for (size_t i = 0; i < reference_counts.size(); ++i) {
    const double p = reference_counts[i] / r_total, q = current_counts[i] / c_total;
    const double m = (p + q) / 2;
    if (p > 0) left += p * std::log(p / m);
    if (q > 0) right += q * std::log(q / m);
  }
  return std::sqrt(std::max(left + right, 0.0) / 2);
}

double Psi(std::span<const double> reference, std::span<const double> current) {
  const std::vector<double> a = SortedFinite(reference), b = SortedFinite(current);
  if (a.empty() || b.empty()) return kNaN;
  // Values spanning more than the double range have no finite bin width.
  if (!std::isfinite(std::max(a.back(), b.back()) - std::min(a.front(), b.front()))) return kNaN;
  std::vector<double> ca, cb;
  if (Distinct(a) > 20) {
    const std::vector<double> edges = SturgesEdges(a, b);
    ca = Histogram(a, edges);
    cb = Histogram(b, edges);
  } else {
    CountByValue(a, b, &ca, &cb);
  }
  for (double& v : ca) v /= static_cast<double>(a.size());
  for (double& v : cb) v /= static_cast<double>(b.size());
  return PsiOfShares(std::move(ca), std::move(cb));
}

double PsiFromCounts(std::span<const double> reference_counts,
                     std::span<const double> current_counts) {
  if (!ValidCounts(reference_counts, current_counts)) return kNaN;
  std::vector<double> r, c;
  Present(reference_counts, current_counts, &r, &c);
  const double r_total = Sum(r), c_total = Sum(c);
  if (r_total == 0 || c_total == 0) return kNaN;
  for (double& v : r) v /= r_total;
  for (double& v : c) v /= c_total;
  return PsiOfShares(std::move(r), std::move(c));
}

PsiBand PsiBandOf(double psi) {
  if (psi >= 0.2) return PsiBand::kSignificant;
  if (psi >= 0.1) return PsiBand::kModerate;
  return PsiBand::kNone;
}

std::string_view PsiBandName(PsiBand band) {
  switch (band) {
    case PsiBand::kNone:
      return "none";
    case PsiBand::kModerate:
      return "moderate";
    case PsiBand::kSignificant:
      return "significant";
  }
  return "none";
}

}  // namespace meridian::mlops
