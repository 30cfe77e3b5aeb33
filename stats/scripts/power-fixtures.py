"""Power fixtures from GrowthBook's gbstats 0.8.0: the relative lift's delta-method variance and z (TwoSidedTTest)
and the confidence sequence's half-width (SequentialTwoSidedTTest) at the expected data of a planned arm pair
(stats/test/power.test.ts compares to 1e-6), and the EXACT power of gbstats' fixed two-sided test on proportions:
every pair of binomial outcomes (±8 sd) weighted by its probability, counted when gbstats' interval excludes 0
upward (its variance, its Welch t quantile). stats/src/power.ts must predict it.

  python3 -m venv /tmp/gbs && /tmp/gbs/bin/pip install gbstats==0.8.0
  /tmp/gbs/bin/python stats/scripts/power-fixtures.py > stats/test/fixtures/power-gbstats.json
"""
import json

import numpy as np
from scipy.stats import binom, t

from gbstats.frequentist.tests import (
    FrequentistConfig,
    frequentist_diff,
    frequentist_variance,
    SequentialConfig,
    SequentialTwoSidedTTest,
    TwoSidedTTest,
)
from gbstats.models.statistics import ProportionStatistic, SampleMeanStatistic


def stat(kind, mean, unit_variance, n):
    if kind == "proportion":
        return ProportionStatistic(n=n, sum=mean * n)
    total = mean * n
    # Sample variance (n - 1 denominator, as gbstats) equal to unit_variance.
    return SampleMeanStatistic(n=n, sum=total, sum_squares=unit_variance * (n - 1) + total * total / n)


CASES = [
    # kind, baseline, relative change (signed), unit variance (means), n per arm, alpha of the comparison
    ("proportion", 0.05, 0.2, None, 1000, 0.05),
    ("proportion", 0.05, 0.2, None, 9796, 0.05),
    ("proportion", 0.05, 0.2, None, 16193, 0.05),
    ("proportion", 0.2, 0.25, None, 1000, 0.05),
    ("proportion", 0.03, 0.1, None, 50000, 0.025),
    ("proportion", 0.12, -0.15, None, 4000, 0.0166666666666667),
    ("mean", 12.5, 0.1, 900.0, 5000, 0.05),
    ("mean", 40.0, -0.2, 250.0, 800, 0.01),
]

out = []
for kind, baseline, change, unit_variance, n, alpha in CASES:
    treated = baseline * (1 + change)
    a = stat(kind, baseline, unit_variance, n)
    b = stat(kind, treated, unit_variance, n)
    fixed = TwoSidedTTest(a, b, FrequentistConfig(alpha=alpha))
    seq = SequentialTwoSidedTTest(a, b, SequentialConfig(alpha=alpha, sequential_tuning_parameter=2 * n))
    ci = seq.compute_result().ci
    out.append(
        {
            "kind": kind,
            "baseline": baseline,
            "change": change,
            "unitVariance": unit_variance,
            "n": n,
            "alpha": alpha,
            "variance": float(fixed.variance),
            "z": float(fixed.critical_value),
            "sequentialTuning": 2 * n,
            "sequentialHalfWidth": float((ci[1] - ci[0]) / 2),
        }
    )


def exact_power(p_c, p_t, n, alpha):
    """P(gbstats' TwoSidedTTest lower bound > 0) for Binomial(n, p_c) vs Binomial(n, p_t) conversions."""

    def support(p):
        sd = np.sqrt(n * p * (1 - p))
        lo = max(0, int(np.floor(n * p - 8 * sd)))
        hi = min(n, int(np.ceil(n * p + 8 * sd)))
        k = np.arange(lo, hi + 1)
        return k, binom.pmf(k, n, p)

    kc, wc = support(p_c)
    kt, wt = support(p_t)
    mc = (kc / n)[:, None]
    mt = (kt / n)[None, :]
    vc = mc * (1 - mc)
    vt = mt * (1 - mt)
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = frequentist_diff(mc, mt, True)
        var = frequentist_variance(vc, mc, n, vt, mt, n, True)
        dof = (vt / n + vc / n) ** 2 / (vt**2 / (n**2 * (n - 1)) + vc**2 / (n**2 * (n - 1)))
        lower = diff - t.ppf(1 - alpha / 2, dof) * np.sqrt(var)
        ship = (mc > 0) & (var > 0) & (lower > 0)
    return float((wc[:, None] * wt[None, :] * ship).sum())


EXACT = [
    # baseline, relative lift, n per arm, alpha of the comparison
    (0.05, 0.2, 8800, 0.05),
    (0.05, 0.2, 9796, 0.05),
    (0.05, 0.2, 4000, 0.05),
    (0.2, 0.25, 1000, 0.05),
    (0.03, 0.1, 60000, 0.025),
    (0.1, 0.3, 2000, 0.01),
]
exact = [
    {"baseline": b, "lift": l, "n": n, "alpha": a, "power": exact_power(b, b * (1 + l), n, a)}
    for b, l, n, a in EXACT
]
print(json.dumps({"gbstats": "0.8.0", "cases": out, "exactPower": exact}, indent=2))
