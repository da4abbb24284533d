// The distribution functions behind the drift p-values: the one-sample Kolmogorov
// distribution (SciPy's kstwo) and the regularized incomplete gamma function (chi-squared).
//
// References:
//   Simard R, L'Ecuyer P (2011). Computing the Two-Sided Kolmogorov-Smirnov Distribution.
//     Journal of Statistical Software 39(11). The choice of method by n and n d^2.
//   Marsaglia G, Tsang WW, Wang J (2003). Evaluating Kolmogorov's Distribution. Journal of
//     Statistical Software 8(18). Durbin's matrix.
//   Pelz W, Good IJ (1976). Approximating the Lower Tail-areas of the Kolmogorov-Smirnov
//     One-sample Statistic. JRSS B 38(2). The expansion for large n, small d.
//   Birnbaum ZW, Tingey FH (1951). One-sided confidence contours for probability
//     distribution functions. Annals of Math. Stat. 22(4). The exact one-sided tail.
//   Press WH et al. (2007). Numerical Recipes, 3rd ed., 6.1-6.2. Lanczos log-gamma, the
//     incomplete gamma series and continued fraction.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "engine/mlops/drift.h"

namespace meridian::mlops {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kSqrt2Pi = 2.5066282746310002;  // sqrt(2 pi)

double Clip01(double p) {
  return std::clamp(p, 0.0, 1.0);
}

// ln Gamma(x) for x > 0: Lanczos (g = 7, 9 terms; relative error ~1e-15), reflection below 0.5.
double LogGamma(double x) {
  static constexpr double kCoef[] = {
      0.99999999999980993,  676.5203681218851,     -1259.1392167224028,
      771.32342877765313,   -176.61502916214059,   12.507343278686905,
      -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
  if (x < 0.5) return std::log(kPi / std::abs(std::sin(kPi * x))) - LogGamma(1 - x);
  x -= 1;
  double sum = kCoef[0];
  for (int i = 1; i < 9; ++i) sum += kCoef[i] / (x + i);
  const double t = x + 7.5;
  return 0.5 * std::log(2 * kPi) + (x + 0.5) * std::log(t) - t + std::log(sum);
}

// ln(n! / n^n) by Stirling's series, without the cancellation of ln n! - n ln n; n > 140.
double LogFactorialOverPower(double n) {
  const double r = 1 / n, r2 = r * r;
  return 0.5 * std::log(2 * kPi * n) - n +
         r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 / 1680)));
}

// A square matrix whose entries are kept near 1 by powers of two (exact): value = m * 2^exp.
struct Scaled {
  int size = 0;
  std::vector<double> m;
  int64_t exp = 0;

  double& at(int i, int j) { return m[static_cast<size_t>(i) * size + j]; }
  double at(int i, int j) const { return m[static_cast<size_t>(i) * size + j]; }
  void Normalize() {
    double largest = 0;
    for (double v : m) largest = std::max(largest, std::abs(v));
    if (largest == 0 || !std::isfinite(largest)) return;
    int e = 0;
    std::frexp(largest, &e);
    for (double& v : m) v = std::ldexp(v, -e);
    exp += e;
  }
};

Scaled Multiply(const Scaled& a, const Scaled& b) {
  Scaled c{a.size, std::vector<double>(a.m.size(), 0.0), a.exp + b.exp};
  for (int i = 0; i < a.size; ++i) {
    for (int k = 0; k < a.size; ++k) {
      const double aik = a.at(i, k);
      if (aik == 0) continue;
      for (int j = 0; j < a.size; ++j) c.at(i, j) += aik * b.at(k, j);
    }
  }
  c.Normalize();
  return c;
}

// P(D_n < d) by Durbin's matrix as Marsaglia, Tsang & Wang give it: k = ceil(n d),
// h = k - n d, H is (2k-1) x (2k-1) with H[i][j] = 1/(i-j+1)! for i-j+1 >= 0, the first column
// and the last row corrected by h powers; P = n!/n^n (H^n)[k-1][k-1].
double DurbinCdf(int64_t n, double d) {
  const double nd = static_cast<double>(n) * d;
  const int k = static_cast<int>(std::ceil(nd));
  const double h = k - nd;
  const int m = 2 * k - 1;
  std::vector<double> inv_factorial(m + 2, 1.0);  // 1/j!, underflows harmlessly to 0
  for (int j = 1; j < m + 2; ++j) inv_factorial[j] = inv_factorial[j - 1] / j;
  Scaled hm{m, std::vector<double>(static_cast<size_t>(m) * m, 0.0), 0};
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j <= std::min(i + 1, m - 1); ++j) hm.at(i, j) = inv_factorial[i - j + 1];
  }
  for (int i = 0; i < m; ++i) {
    hm.at(i, 0) -= std::pow(h, i + 1) * inv_factorial[i + 1];
    hm.at(m - 1, i) -= std::pow(h, m - i) * inv_factorial[m - i];
  }
  if (2 * h - 1 > 0) hm.at(m - 1, 0) += std::pow(2 * h - 1, m) * inv_factorial[m];

  Scaled power{m, std::vector<double>(static_cast<size_t>(m) * m, 0.0), 0};
  for (int i = 0; i < m; ++i) power.at(i, i) = 1;
  for (int64_t e = n; e > 0; e >>= 1) {
    if (e & 1) power = Multiply(power, hm);
    if (e > 1) hm = Multiply(hm, hm);
  }
  double p = power.at(k - 1, k - 1);
  int64_t exp = power.exp;
  const double dn = static_cast<double>(n);
  for (int64_t i = 1; i <= n; ++i) {
    p = p * static_cast<double>(i) / dn;
    if (p != 0 && std::abs(p) < 0x1p-500) {
      p = std::ldexp(p, 500);
      exp -= 500;
    }
  }
  return std::ldexp(p, static_cast<int>(std::clamp<int64_t>(exp, -100000, 100000)));
}

// P(D+_n >= x), exact (Birnbaum-Tingey):
//   x sum_{j=0}^{floor(n(1-x))} C(n,j) (x + j/n)^(j-1) (1 - x - j/n)^(n-j),
// each term in logs (ln C(n,j) by the product recurrence), all terms positive.
double SmirnovSf(int64_t n, double x) {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const double dn = static_cast<double>(n);
  const auto last = static_cast<int64_t>(std::floor(dn * (1 - x)));
  double sum = 0, log_binom = 0;
  for (int64_t j = 0; j <= last && j <= n; ++j) {
    const auto dj = static_cast<double>(j);
    if (j > 0) log_binom += std::log((dn - dj + 1) / dj);
    const double at = x + dj / dn;
    const double rest = 1 - at;
    if (rest <= 0 && j < n) continue;  // 0^(n-j) = 0
    double log_term = log_binom + (dj - 1) * std::log(at);
    if (j < n) log_term += (dn - dj) * std::log(rest);
    sum += std::exp(log_term);
  }
  return x * sum;
}

// The Pelz-Good expansion P(D_n <= x) ~ K0(z) + K1(z)/sqrt n + K2(z)/n + K3(z)/n^1.5,
// z = x sqrt n, each K written as theta-function series that converge fast for small z.
double PelzGoodCdf(int64_t n, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double dn = static_cast<double>(n);
  const double z = std::sqrt(dn) * x;
  const double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
  const double qlog = -kPi * kPi / 8 / z2;
  if (qlog < -708) return 0;
  const double q = std::exp(qlog);
  const double pi2 = kPi * kPi, pi4 = pi2 * pi2, pi6 = pi4 * pi2;
  // Coefficients of the odd-m series sum c(m) q^(m^2), m = 2k - 1.
  const double k1a = -z2, k1b = pi2 / 4;
  const double k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * pi2 / 4,
               k2c = pi4 * (1 - 2 * z2) / 16;
  const double k3a = -30 * z6 - 90 * z4 * z4, k3b = pi2 * (135 * z4 - 96 * z6) / 4,
               k3c = pi4 * (212 * z4 - 60 * z2) / 16, k3d = pi6 * (5 - 30 * z2) / 64;
  const int maxk = static_cast<int>(std::ceil(16 * z / kPi));
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (int k = maxk; k >= 1; --k) {  // Horner in q^(m^2): q^((2k+1)^2 - (2k-1)^2) = q^(8k)
    const double m = 2.0 * k - 1, m2 = m * m, m4 = m2 * m2;
    const double step = std::pow(q, 8.0 * k);
    s0 = s0 * step + 1;
    s1 = s1 * step + (k1a + k1b * m2);
    s2 = s2 * step + (k2a + k2b * m2 + k2c * m4);
    s3 = s3 * step + (k3a + k3b * m2 + k3c * m4 + k3d * m4 * m2);
  }
  const double common = q * kSqrt2Pi;
  double k0 = s0 * common / z, k1 = s1 * common / (6 * z4), k2 = s2 * common / (72 * z6 * z),
         k3 = s3 * common / (6480 * z6 * z4);
  // The even terms of K2 and K3: sums over all k >= 1 of k^2 r^(k^2), r = exp(-pi^2 / 2z^2).
  const double r = std::exp(-pi2 / 2 / z2);
  double e2 = 0, e3 = 0;
  for (int k = maxk; k >= 1; --k) {
    const double k2sq = static_cast<double>(k) * k;
    const double w = k2sq * std::pow(r, k2sq);
    e2 += w;
    e3 += (3 * z2 - pi2 * k2sq) * w;
  }
  k2 += e2 * pi2 * kSqrt2Pi / (-36 * z3);
  k3 += e3 * pi2 * kSqrt2Pi / (216 * z6);
  const double root = std::sqrt(dn);
  return k0 + k1 / root + k2 / dn + k3 / (dn * root);
}

}  // namespace

double KolmogorovSf(int64_t n, double d) {
  if (n <= 0 || std::isnan(d)) return kNaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const double dn = static_cast<double>(n);
  const double t = dn * d;
  if (t <= 1) {  // Ruben-Gambino: P(D_n <= d) = n!/n^n (2t - 1)^n for 1/2n <= d <= 1/n
    if (t <= 0.5) return 1;
    double cdf = 1;
    if (n <= 140) {
      for (int64_t i = 1; i <= n; ++i) cdf *= static_cast<double>(i) * (1.0 / dn) * (2 * t - 1);
    } else {
      cdf = std::exp(LogFactorialOverPower(dn) + dn * std::log(2 * t - 1));
    }
    return Clip01(1 - cdf);
  }
  if (t >= dn - 1) return Clip01(2 * std::pow(1 - d, dn));  // Ruben-Gambino, upper end
  if (d >= 0.5) return Clip01(2 * SmirnovSf(n, d));         // the two tails cannot overlap
  const double nd2 = t * d;
  if (n <= 140) {
    if (nd2 <= 4) return Clip01(1 - DurbinCdf(n, d));
    return Clip01(2 * SmirnovSf(n, d));  // Miller: twice the one-sided tail
  }
  if (nd2 >= 370) return 0;
  if (nd2 >= 2.2) return Clip01(2 * SmirnovSf(n, d));
  const bool durbin = n <= 100000 && dn * std::pow(d, 1.5) <= 1.4;
  return Clip01(1 - (durbin ? DurbinCdf(n, d) : PelzGoodCdf(n, d)));
}

double RegularizedGammaQ(double a, double x) {
  if (!(a > 0) || !(x >= 0) || std::isinf(a)) return kNaN;
  if (x == 0) return 1;
  if (std::isinf(x)) return 0;
  constexpr double kEps = 1e-16;
  constexpr int kMaxIterations = 100000;
  const double log_prefix = -x + a * std::log(x) - LogGamma(a);
  if (x < a + 1) {
    // P(a, x) = e^-x x^a / Gamma(a + 1) * sum_k x^k / ((a + 1) ... (a + k))
    double term = 1 / a, sum = term, ap = a;
    for (int i = 0; i < kMaxIterations; ++i) {
      ap += 1;
      term *= x / ap;
      sum += term;
      if (std::abs(term) < std::abs(sum) * kEps) break;
    }
    return Clip01(1 - sum * std::exp(log_prefix));
  }
  // Q(a, x) = e^-x x^a / Gamma(a) * 1/(x + 1 - a - 1(1 - a)/(x + 3 - a - 2(2 - a)/(x + 5 - a ...
  constexpr double kTiny = 1e-300;
  double b = x + 1 - a, c = 1 / kTiny, d = 1 / b, f = d;
  for (int i = 1; i < kMaxIterations; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::abs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::abs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    f *= delta;
    if (std::abs(delta - 1) < kEps) break;
  }
  return Clip01(std::exp(log_prefix) * f);
}

double ChiSquareSf(double x, double dof) {
  if (!(dof > 0) || std::isnan(x)) return kNaN;
  if (x <= 0) return 1;
  return RegularizedGammaQ(dof / 2, x / 2);
}

}  // namespace meridian::mlops
