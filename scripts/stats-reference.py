#!/usr/bin/env python3
"""Reference values for the statistics tests, from SciPy (and Newcombe's published table).

Run: python3 scripts/stats-reference.py  (SciPy >= 1.11; written with 1.17). It rewrites
lib/stats/fixtures/reference.json, which the TypeScript tests read; CI does not run Python, so the JSON is
committed. Nothing here comes from Runboard's own code: samples are generated here, and every expected number is
SciPy's answer for them (or a published value, cited).
"""
import json
import math
import pathlib

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(14)
OUT = pathlib.Path(__file__).resolve().parent.parent / "lib" / "stats" / "fixtures" / "reference.json"


def describe(values):
    a = np.asarray(values, dtype=float)
    return {"n": len(a), "mean": float(np.mean(a)), "variance": float(np.var(a, ddof=1)) if len(a) > 1 else 0.0}


def welch(control, treatment):
    """scipy.stats.ttest_ind(treatment, control, equal_var=False): treatment − control, as Runboard reports it."""
    res = stats.ttest_ind(treatment, control, equal_var=False)
    ci = res.confidence_interval(0.95)
    return {
        "control": [float(v) for v in control],
        "treatment": [float(v) for v in treatment],
        "control_stats": describe(control),
        "treatment_stats": describe(treatment),
        "statistic": float(res.statistic),
        "df": float(res.df),
        "p_value": float(res.pvalue),
        "ci": [float(ci.low), float(ci.high)],
    }


welch_cases = {
    # Values near 1e12 (timestamps, big revenue): binary fractions, exactly representable.
    "near_1e12": welch(1e12 + rng.integers(0, 100, 20) / 8, 1e12 + rng.integers(10, 110, 20) / 8),
    # Values 1 ± a few 1e-9: the spread is 1e-9 of the mean.
    "near_one": welch(1 + rng.integers(-3, 4, 20) * 1e-9, 1 + rng.integers(-1, 6, 20) * 1e-9),
    # A negative control mean: relative lift must be (μT − μC)/|μC|.
    "negative_control": welch(-10 + rng.normal(0, 2, 30), -7.5 + rng.normal(0, 2, 30)),
}

# Two constant, non-integer arms: no variance at all. SciPy's sample variances are 0 (or rounding dust) and the
# t-statistic is not a number anyone should read; Runboard must say "no variance", not t = 3e7.
constant = {"control": [9.99] * 6, "treatment": [12.99] * 6}
constant["control_stats"] = describe(constant["control"])
constant["treatment_stats"] = describe(constant["treatment"])

# Continuous metric where only some exposed units sent an event: the others count as 0 (GrowthBook's rule).
den_control = [12.5, 3.0, 7.25, 0, 0, 0, 0, 0, 0, 0, 0, 0]
den_treatment = [20.0, 15.5, 9.0, 11.0, 4.0, 0, 0, 0, 0, 0, 0, 0]
denominators_continuous = welch(den_control, den_treatment)


def negative_control_relative(case):
    """Delta-method relative lift (μT − μC)/|μC| with GrowthBook's variance, t quantile at Welch's df."""
    c, t = case["control_stats"], case["treatment_stats"]
    mc, mt = c["mean"], t["mean"]
    est = (mt - mc) / abs(mc)
    var = t["variance"] / (t["n"] * mc**2) + mt**2 * c["variance"] / (c["n"] * mc**4)
    q = stats.t.ppf(0.975, case["df"])
    se = math.sqrt(var)
    return {"estimate": est, "se": se, "ci": [est - q * se, est + q * se]}


welch_cases["negative_control"]["relative"] = negative_control_relative(welch_cases["negative_control"])


def two_proportion(x_t, n_t, x_c, n_c):
    """Pooled two-proportion z-test = Pearson χ² on the 2×2 table without continuity correction (z² = χ²)."""
    chi2, p, _, _ = stats.chi2_contingency([[x_t, n_t - x_t], [x_c, n_c - x_c]], correction=False)
    diff = x_t / n_t - x_c / n_c
    return {"x_t": x_t, "n_t": n_t, "x_c": x_c, "n_c": n_c, "z": math.copysign(math.sqrt(chi2), diff), "p_value": float(p)}


def wilson(x, n):
    ci = stats.binomtest(x, n).proportion_ci(0.95, method="wilson")
    return float(ci.low), float(ci.high)


def newcombe(x_t, n_t, x_c, n_c):
    """Newcombe (1998) method 10: the difference's interval from the two arms' Wilson score intervals."""
    p1, p2 = x_t / n_t, x_c / n_c
    l1, u1 = wilson(x_t, n_t)
    l2, u2 = wilson(x_c, n_c)
    d = p1 - p2
    return [d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)]


# Newcombe, "Interval estimation for the difference between independent proportions", Stat Med 1998;17:873–890,
# Table II, method 10 (score, no continuity correction): (x_t, n_t, x_c, n_c) → published interval, 4 decimals.
newcombe_published = [
    [56, 70, 48, 80, [0.0524, 0.3339]],
    [9, 10, 3, 10, [0.1705, 0.8090]],
    [6, 7, 2, 7, [0.0582, 0.8062]],
    [5, 56, 0, 29, [-0.0381, 0.1926]],
    [0, 10, 0, 20, [-0.1611, 0.2775]],
    [0, 10, 0, 10, [-0.2775, 0.2775]],
    [10, 10, 0, 20, [0.6791, 1.0000]],
]
newcombe_cases = [
    {"x_t": x_t, "n_t": n_t, "x_c": x_c, "n_c": n_c, "published": pub, "scipy": newcombe(x_t, n_t, x_c, n_c)}
    for x_t, n_t, x_c, n_c, pub in newcombe_published
] + [
    {"x_t": x_t, "n_t": n_t, "x_c": x_c, "n_c": n_c, "scipy": newcombe(x_t, n_t, x_c, n_c)}
    for x_t, n_t, x_c, n_c in [(30, 100, 50, 100), (0, 2, 0, 2), (2, 2, 2, 2), (1, 2, 0, 2), (0, 50, 3, 50), (50, 50, 50, 50)]
]

srm = stats.chisquare([300, 3], [151.5, 151.5])
chi2_tails = [
    {"x": x, "df": df, "sf": float(stats.chi2.sf(x, df))} for x, df in [(3.84, 1), (100, 1), (291.0891, 1), (400, 2), (1000, 5)]
]

# KS: 1000 vs 1001 rows shifted so that SciPy's exact p lands just under 0.05 while the Stephens-corrected
# asymptotic p lands just over it.
ks_x = np.arange(1000) / 1000
ks_y = np.arange(1001) / 1001 + 0.05937
ks_exact = stats.ks_2samp(ks_x, ks_y, method="exact")
en = math.sqrt(1000 * 1001 / 2001)
ks_case = {
    "x": [float(v) for v in ks_x],
    "y": [float(v) for v in ks_y],
    "statistic": float(ks_exact.statistic),
    "exact_p": float(ks_exact.pvalue),
    "stephens_p": float(stats.kstwobign.sf((en + 0.12 + 0.11 / en) * ks_exact.statistic)),
}

fixture = {
    "generated_by": f"scripts/stats-reference.py with SciPy {scipy.__version__}, NumPy {np.__version__}",
    "welch": welch_cases,
    "constant_arms": constant,
    "denominators": {
        "continuous": denominators_continuous,
        # 100 exposed units per arm; only converters send events: 50 in the treatment, 30 in the control.
        "conversion": two_proportion(50, 100, 30, 100),
    },
    "newcombe": newcombe_cases,
    "srm_300_vs_3": {"observed": [300, 3], "chi2": float(srm.statistic), "p_value": float(srm.pvalue)},
    "chi2_sf": chi2_tails,
    "ks_1000_vs_1001": ks_case,
}
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps(fixture, indent=1) + "\n")
print(f"wrote {OUT}")
