#!/usr/bin/env python3
"""Cross-check fixtures for @mos/stats, computed by GrowthBook's gbstats 0.8.0.

Writes stats/test/fixtures/gbstats.json: seeded, generated arms (proportion, mean, ratio metrics, as sufficient
statistics in @mos/stats' MetricData shape) and what gbstats computes for them: the statistics' mean and variance,
TwoSidedTTest (fixed), SequentialTwoSidedTTest (confidence sequence) at several alphas and tuning parameters,
EffectBayesianABTest with a flat and a proper prior on the relative lift (normal and inverse metrics), and check_srm.
stats/test/gbstats.test.ts compares @mos/stats with these numbers to 1e-6.

Run (from the repository root):
    python3 -m venv /tmp/gbstats-venv
    /tmp/gbstats-venv/bin/pip install gbstats==0.8.0
    /tmp/gbstats-venv/bin/python stats/scripts/gbstats-fixtures.py
    pnpm exec biome format --write stats/test/fixtures/gbstats.json   # the committed file is Biome-formatted
The output is deterministic (seeded): rerun + format reproduces the committed file byte for byte.
"""

import importlib.metadata
import json
import math
import os
import random

from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig, GaussianPrior
from gbstats.frequentist.tests import (
    FrequentistConfig,
    SequentialConfig,
    SequentialTwoSidedTTest,
    TwoSidedTTest,
)
from gbstats.models.statistics import ProportionStatistic, RatioStatistic, SampleMeanStatistic
from gbstats.utils import check_srm

VERSION = importlib.metadata.version("gbstats")
assert VERSION == "0.8.0", f"gbstats 0.8.0 expected, found {VERSION}"

rng = random.Random(20261206)
OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "gbstats.json")


def proportion(n, p):
    s = sum(1 for _ in range(n) if rng.random() < p) if n <= 20000 else round(n * p + rng.gauss(0, math.sqrt(n * p * (1 - p))))
    return {"kind": "proportion", "n": n, "sum": s}


def mean_metric(n, rate, mu):
    """Revenue per visitor: most visitors 0, buyers a lognormal amount (cents, so sums are exact in JSON)."""
    xs = [round(rng.lognormvariate(math.log(mu), 0.6), 2) if rng.random() < rate else 0.0 for _ in range(n)]
    return {"kind": "mean", "n": n, "sum": sum(xs), "sumSquares": sum(x * x for x in xs)}


def ratio_metric(n, cpa):
    """Rows are one day of one ad: numerator spend, denominator conversions (CPA = spend / conversions)."""
    rows = []
    for _ in range(n):
        d = max(0, round(rng.gauss(12, 4)))
        m = round(max(0.0, d * cpa * rng.lognormvariate(0, 0.25) + rng.gauss(0, 5)), 2)
        rows.append((m, d))
    return {
        "kind": "ratio",
        "n": n,
        "numSum": sum(m for m, _ in rows),
        "numSumSquares": sum(m * m for m, _ in rows),
        "denSum": sum(d for _, d in rows),
        "denSumSquares": sum(d * d for _, d in rows),
        "crossSum": sum(m * d for m, d in rows),
    }


def to_stat(d):
    if d["kind"] == "proportion":
        return ProportionStatistic(n=d["n"], sum=d["sum"])
    if d["kind"] == "mean":
        return SampleMeanStatistic(n=d["n"], sum=d["sum"], sum_squares=d["sumSquares"])
    return RatioStatistic(
        n=d["n"],
        m_statistic=SampleMeanStatistic(n=d["n"], sum=d["numSum"], sum_squares=d["numSumSquares"]),
        d_statistic=SampleMeanStatistic(n=d["n"], sum=d["denSum"], sum_squares=d["denSumSquares"]),
        m_d_sum_of_products=d["crossSum"],
    )


def freq(r):
    if r.error_message:
        return {"error": r.error_message}
    return {"lift": r.expected, "ci": list(r.ci), "pValue": r.p_value, "se": r.uplift.stddev}


def bayes(r):
    if r.error_message:
        return {"error": r.error_message}
    return {"lift": r.expected, "ci": list(r.ci), "chanceToWin": r.chance_to_win, "risk": list(r.risk), "sd": r.uplift.stddev}


def case(name, control, treatment):
    a, b = to_stat(control), to_stat(treatment)
    out = {
        "name": name,
        "control": control,
        "treatment": treatment,
        "summaries": [
            {"mean": s.mean, "unitVariance": s.variance} for s in (a, b)
        ],
        "fixed": [],
        "sequential": [],
        "bayesian": [],
    }
    for alpha in (0.05, 0.01):
        out["fixed"].append({"alpha": alpha, "result": freq(TwoSidedTTest(a, b, FrequentistConfig(alpha=alpha)).compute_result())})
    for alpha, tuning in ((0.05, 5000), (0.05, 2 * control["n"]), (0.01, 100000), (0.05 / 3, 2 * control["n"])):
        cfg = SequentialConfig(alpha=alpha, sequential_tuning_parameter=tuning)
        out["sequential"].append(
            {"alpha": alpha, "tuning": tuning, "result": freq(SequentialTwoSidedTTest(a, b, cfg).compute_result())}
        )
    for prior, inverse, alpha in (
        (None, False, 0.05),
        (None, True, 0.05),
        ({"mean": 0.02, "variance": 0.01}, False, 0.05),
        ({"mean": -0.05, "variance": 0.3**2}, True, 0.1),
    ):
        gp = GaussianPrior(mean=prior["mean"], variance=prior["variance"], proper=True) if prior else GaussianPrior()
        cfg = EffectBayesianConfig(inverse=inverse, alpha=alpha, prior_effect=gp, prior_type="relative")
        out["bayesian"].append(
            {
                "prior": prior,
                "direction": "lower" if inverse else "higher",
                "alpha": alpha,
                "result": bayes(EffectBayesianABTest(a, b, cfg).compute_result()),
            }
        )
    return out


cases = []
for i in range(14):
    n = rng.choice([150, 800, 3000, 12000, 60000])
    p = rng.uniform(0.01, 0.3)
    lift = rng.uniform(-0.3, 0.3)
    nb = round(n * rng.uniform(0.9, 1.1))
    cases.append(case(f"proportion-{i}", proportion(n, p), proportion(nb, min(0.99, p * (1 + lift)))))
for i in range(8):
    n = rng.choice([200, 1000, 4000])
    rate = rng.uniform(0.02, 0.2)
    mu = rng.uniform(20, 120)
    cases.append(case(f"mean-{i}", mean_metric(n, rate, mu), mean_metric(n, rate * rng.uniform(0.8, 1.3), mu)))
for i in range(8):
    n = rng.choice([20, 60, 200, 700])
    cpa = rng.uniform(10, 60)
    cases.append(case(f"ratio-{i}", ratio_metric(n, cpa), ratio_metric(round(n * rng.uniform(0.8, 1.2)), cpa * rng.uniform(0.8, 1.25))))
# Not computable: gbstats returns its uninformative default with an error message, @mos/stats returns null.
cases.append(case("control-zero", {"kind": "proportion", "n": 500, "sum": 0}, {"kind": "proportion", "n": 500, "sum": 7}))
cases.append(case("treatment-zero-variance", {"kind": "proportion", "n": 500, "sum": 9}, {"kind": "proportion", "n": 500, "sum": 0}))
cases.append(case("single-unit-mean", {"kind": "mean", "n": 1, "sum": 30, "sumSquares": 900}, {"kind": "mean", "n": 40, "sum": 300, "sumSquares": 9000}))

srm = []
for observed, weights in (
    ([5000, 5200], [0.5, 0.5]),
    ([5000, 5400], [0.5, 0.5]),
    ([1000, 2050, 990], [0.25, 0.5, 0.25]),
    ([120, 130, 118, 140, 99], [1, 1, 1, 1, 1]),
    ([10000, 10100, 10250, 9700], [0.25, 0.25, 0.25, 0.25]),
    ([3000, 3000, 0], [0.5, 0.5, 0]),
    ([0, 0], [0.5, 0.5]),
):
    srm.append({"observed": observed, "weights": weights, "pValue": float(check_srm(observed, weights))})

with open(OUT, "w") as f:
    json.dump({"gbstats": VERSION, "seed": 20261206, "cases": cases, "srm": srm}, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases and {len(srm)} SRM checks to {os.path.normpath(OUT)}")
