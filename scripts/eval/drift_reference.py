#!/usr/bin/python3
"""Expected values for src/engine/mlops/drift_test.cpp (issue 8's drift statistics).

Run with the system interpreter, which has SciPy 1.10 and NumPy:

    /usr/bin/python3 scripts/eval/drift_reference.py

It prints every figure the C++ tests compare with, computed by SciPy (ks_2samp with its
default method='auto', kstwo.sf, chi2.sf, chisquare, wasserstein_distance,
spatial.distance.jensenshannon, norm.cdf) on the same inputs. The inputs are made by a 64-bit
LCG whose draws are exact doubles, so the C++ test (Lcg there) rebuilds them bit for bit.
Evidently itself is not installed: its PSI binning (get_binned_data: Sturges edges over both
samples when the reference has more than 20 distinct values, else the categories; empty
bins replaced by 0.0001, or by the smallest non-zero share / 1e6 when that is <= 0.0001) and
its two-proportion z-test are written out below from Evidently's source.
"""
import numpy as np
from scipy import stats
from scipy.spatial import distance

MASK = (1 << 64) - 1


class Lcg:
    """Knuth's MMIX LCG; uniform() is (state >> 11) / 2**53, an exact double in [0, 1)."""

    def __init__(self, seed):
        self.state = seed & MASK

    def uniform(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK
        return (self.state >> 11) / 2.0**53

    def normalish(self):
        # Irwin-Hall with 4 draws, centred: mean 0, variance 1/3.
        return self.uniform() + self.uniform() + self.uniform() + self.uniform() - 2.0


def sample(n, seed, shift=0.0):
    g = Lcg(seed)
    return np.array([g.normalish() + shift for _ in range(n)])


def integers(n, seed, k):
    g = Lcg(seed)
    return np.array([float(int(g.uniform() * k)) for _ in range(n)])


def show(name, *values):
    print(name, " ".join(repr(float(v)) for v in values))


def evidently_binned(ref, cur):
    """Evidently's get_binned_data(..., feel_zeroes=True) for a numerical column."""
    if len(np.unique(ref)) > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        r = np.histogram(ref, edges)[0] / len(ref)
        c = np.histogram(cur, edges)[0] / len(cur)
    else:
        keys = np.union1d(ref, cur)
        r = np.array([np.sum(ref == k) for k in keys]) / len(ref)
        c = np.array([np.sum(cur == k) for k in keys]) / len(cur)
    return fill_zeroes(r), fill_zeroes(c)


def fill_zeroes(p):
    p = p.astype(float).copy()
    smallest = p[p != 0].min()
    p[p == 0] = smallest / 1e6 if smallest <= 0.0001 else 0.0001
    return p


def psi_of(r, c):
    return float(np.sum((r - c) * np.log(r / c)))


def main():
    print("# KsTest: ks_2samp(ref, cur) -> statistic pvalue")
    show("ks_hand", *stats.ks_2samp([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8])[:2])
    cases = [
        ("ks_40_60_shift05", sample(40, 1), sample(60, 2, 0.5)),
        ("ks_50_50_shift03", sample(50, 3), sample(50, 4, 0.3)),
        ("ks_200_300_same", sample(200, 5), sample(300, 6)),
        ("ks_1000_800_shift01", sample(1000, 7), sample(800, 8, 0.1)),
        ("ks_ties_90_70", integers(90, 9, 6), integers(70, 10, 5)),
        ("ks_asymp_300_12000", sample(300, 11), sample(12000, 12, 0.05)),
        ("ks_asymp_100_20000", sample(100, 13), sample(20000, 14, 0.2)),
    ]
    for name, ref, cur in cases:
        show(name, *stats.ks_2samp(ref, cur)[:2])

    print("# KolmogorovSf: kstwo.sf(x, n) for (n, x)")
    for n, x in [(1, 0.7), (5, 0.15), (5, 0.3), (5, 0.95), (10, 0.6), (20, 0.1), (20, 0.2),
                 (20, 0.35), (100, 0.05), (100, 0.12), (100, 0.25), (140, 0.15),
                 (141, 0.1), (500, 0.03), (500, 0.06), (500, 0.08), (1000, 0.02),
                 (1000, 0.043), (1000, 0.1), (5000, 0.01), (5000, 0.03)]:
        print("kstwo", n, repr(x), repr(float(stats.kstwo.sf(x, n))))

    print("# ChiSquareSf: chi2.sf(x, df) for (x, df)")
    for x, df in [(3.841458820694124, 1), (0.5, 3), (100, 50), (0.001, 10), (500, 200),
                  (40, 2), (2.5, 0.5), (250, 1), (1e-6, 1), (60, 60)]:
        print("chi2sf", repr(float(x)), repr(float(df)), repr(float(stats.chi2.sf(x, df))))

    print("# ChiSquareTest: chisquare(cur, ref * n_cur / n_ref) -> statistic pvalue")
    ref, cur = np.array([30.0, 50, 20]), np.array([25.0, 40, 35])
    show("chisq_3", *stats.chisquare(cur, ref * cur.sum() / ref.sum()))
    ref, cur = np.array([120.0, 300, 80, 500]), np.array([10.0, 35, 9, 46])
    show("chisq_4", *stats.chisquare(cur, ref * cur.sum() / ref.sum()))

    print("# Wasserstein: wasserstein_distance(ref, cur), and / max(std(ref), 0.001)")
    for name, ref, cur in [("w_40_60", sample(40, 1), sample(60, 2, 0.5)),
                           ("w_1500_900", sample(1500, 15), sample(900, 16, 0.1))]:
        w = stats.wasserstein_distance(ref, cur)
        show(name, w, w / max(np.std(ref), 0.001))

    print("# JensenShannonDistance: jensenshannon(ref_counts, cur_counts) (natural log)")
    show("js_3", distance.jensenshannon([30, 50, 20], [25, 40, 35]))
    show("js_new_category", distance.jensenshannon([10, 20, 0], [10, 10, 5]))

    print("# Psi: Evidently's psi on its own binning")
    ref, cur = sample(1500, 15), sample(900, 16, 0.1)
    show("psi_numeric", psi_of(*evidently_binned(ref, cur)))
    ref, cur = integers(400, 17, 4), integers(300, 18, 5)
    show("psi_discrete", psi_of(*evidently_binned(ref, cur)))
    r = fill_zeroes(np.array([30.0, 50, 20, 0]) / 100)
    c = fill_zeroes(np.array([25.0, 40, 30, 5]) / 100)
    show("psi_counts", psi_of(r, c))

    print("# ZTest: Evidently's two-proportion z-test, p = 2 * (1 - norm.cdf(|z|))")
    for name, (k1, n1), (k2, n2) in [("z_60_100_45_90", (60, 100), (45, 90)),
                                     ("z_300_1000_380_1000", (300, 1000), (380, 1000))]:
        p1, p2 = k1 / n1, k2 / n2
        pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
        show(name, z, 2 * (1 - stats.norm.cdf(abs(z))))


if __name__ == "__main__":
    main()
