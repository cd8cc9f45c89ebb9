"""Issue 10 defect 8: James-Stein's intensity accounts for the assets' correlation.

Bock's positive-part estimator (see ``allocator.estimators.james_stein_intensity``):
``shrink = (tr D - 2 lambda_max(D)) / ||d||^2`` with ``D`` the covariance of
the means' deviations from their average.  The old per-asset formula shrank
about twice too much when assets are correlated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from allocator.estimators import expected_returns, james_stein, james_stein_intensity


def _factor_returns(rng, t=60, n=20, beta_sd=0.3):
    """One strong common factor (correlation ~0.5) plus idiosyncratic noise."""
    theta = rng.normal(0.006, 0.004, n)
    beta = 1 + rng.normal(0, beta_sd, n)
    f = rng.normal(0, 0.04, t)
    return theta, theta + np.outer(f, beta) + rng.normal(0, 0.04, (t, n))


def test_intensity_against_an_independent_computation():
    rng = np.random.default_rng(5)
    _, x = _factor_returns(rng)
    t, n = x.shape
    # Independent route: the cross-sectionally demeaned returns y_t = x_t - mean(x_t)
    # have covariance P S P, so D's trace and top eigenvalue come from y's singular values.
    y = x - x.mean(axis=1, keepdims=True)
    yc = y - y.mean(axis=0)
    sv = np.linalg.svd(yc, compute_uv=False) ** 2 / (t - 1) / t
    d = y.mean(axis=0)
    expected = (sv.sum() - 2 * sv.max()) / (d @ d)
    assert james_stein_intensity(x) == pytest.approx(min(1.0, max(0.0, expected)), rel=1e-10)
    m = x.mean(axis=0)
    np.testing.assert_allclose(james_stein(x), m.mean() + (1 - james_stein_intensity(x)) * (m - m.mean()), rtol=1e-12)


def test_isotropic_case_is_the_classical_formula():
    """Uncorrelated assets with the same noise: (n - 3) s^2 / T / ||d||^2 (up to sampling error of S)."""
    rng = np.random.default_rng(8)
    t, n = 2000, 12
    x = rng.normal(0, 0.05, (t, n)) + rng.normal(0, 0.002, n)
    m = x.mean(axis=0)
    d = m - m.mean()
    classical = (n - 3) * (0.05**2 / t) / (d @ d)
    assert james_stein_intensity(x) == pytest.approx(min(1.0, classical), rel=0.25)


def test_correlated_assets_are_shrunk_less_than_the_per_asset_formula():
    rng = np.random.default_rng(1)
    _, x = _factor_returns(rng)
    t, n = x.shape
    m = x.mean(axis=0)
    d = m - m.mean()
    per_asset = min(1.0, (n - 3) * (x.var(axis=0, ddof=1) / t).mean() / (d @ d))  # the formula used before
    assert james_stein_intensity(x) < 0.7 * per_asset


def test_shrinkage_lowers_the_error_of_the_means_on_correlated_data():
    """Monte Carlo (fixed seed): squared error of the shrunk means vs the sample means."""
    rng = np.random.default_rng(42)
    err_js = err_mean = 0.0
    for _ in range(200):
        theta, x = _factor_returns(rng)
        err_js += ((james_stein(x) - theta) ** 2).sum()
        err_mean += ((x.mean(axis=0) - theta) ** 2).sum()
    assert err_js < 0.9 * err_mean


def test_expected_returns_shrunk_uses_it():
    rng = np.random.default_rng(3)
    _, x = _factor_returns(rng)
    df = pd.DataFrame(x, columns=[f"A{i}" for i in range(x.shape[1])])
    np.testing.assert_allclose(expected_returns(df, 12, "shrunk").to_numpy(), james_stein(x) * 12, rtol=1e-12)


def test_real_data_intensity(shared_data):
    """44 default assets with the full history, monthly 2015-2024, in dollars: 0.31 (was 0.80)."""
    from allocator.currency import translate
    from allocator.data.prices import PriceHistory
    from allocator.data.returns import to_returns
    from allocator.universe import default_universe

    uni = default_universe()
    px = pd.read_csv(shared_data / "prices_daily.csv", index_col=0, parse_dates=True)
    full = [t for t in uni.tickers if t in px.columns and px.loc["2014-12", t].notna().any()]
    r = to_returns(PriceHistory.from_frame(px[full + ["JPY=X"]], "csv", "s").window("2014-12-01", "2024-12-31"), "monthly")
    assets = [a for a in uni.assets if a.ticker in full]
    x = translate(r.local[full], [a.currency for a in assets], r.fx_jpy, "USD").to_numpy()
    t, n = x.shape
    m = x.mean(axis=0)
    d = m - m.mean()
    per_asset = (n - 3) * (x.var(axis=0, ddof=1) / t).mean() / (d @ d)
    assert per_asset == pytest.approx(0.795, abs=0.005)
    assert james_stein_intensity(x) == pytest.approx(0.314, abs=0.005)
