"""Power fixtures from GrowthBook's gbstats 0.8.0: the relative lift's delta-method variance and z (TwoSidedTTest)
and the confidence sequence's half-width (SequentialTwoSidedTTest) at the expected data of a planned arm pair.
stats/src/power.ts sizes plans from exactly these quantities; stats/test/power.test.ts compares to 1e-6.

  python3 -m venv /tmp/gbs && /tmp/gbs/bin/pip install gbstats==0.8.0
  /tmp/gbs/bin/python stats/scripts/power-fixtures.py > stats/test/fixtures/power-gbstats.json
"""
import json

from gbstats.frequentist.tests import (
    FrequentistConfig,
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
print(json.dumps({"gbstats": "0.8.0", "cases": out}, indent=2))
