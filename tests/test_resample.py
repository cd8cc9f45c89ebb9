"""Resampled frontiers (issue 10, "Uncertainty"): bootstrap, re-estimate, band, cancellation."""

from __future__ import annotations

import numpy as np
import pytest

from allocator.pipeline import RunSettings, build_model
from allocator.resample import band_from_frontiers, bootstrap_returns, resample_models, resampled_band


@pytest.fixture(scope="module")
def sample():
    run = RunSettings(data="sample").validate()
    return run, build_model(run)


def test_bootstrap_keeps_each_period_together(sample):
    run, b = sample
    rb = bootstrap_returns(b.returns, np.random.default_rng(3))
    assert rb.local.index.equals(b.returns.local.index)
    # Every bootstrap row is one original period: assets and the yen drawn together.
    orig = np.column_stack([b.returns.local.to_numpy(), b.returns.fx_jpy.to_numpy()])
    draw = np.column_stack([rb.local.to_numpy(), rb.fx_jpy.to_numpy()])
    keys = {tuple(np.round(r, 12)) for r in orig}
    assert all(tuple(np.round(r, 12)) in keys for r in draw)
    assert len({tuple(np.round(r, 12)) for r in draw}) < len(orig)  # with replacement


def test_resampled_models_use_the_same_estimator(sample):
    """The first resample's model is model_from_returns on that bootstrap history (same settings)."""
    from allocator.currency import Rates
    from allocator.model import model_from_returns

    run, b = sample
    m0 = next(resample_models(b, run, 1, seed=5))
    rb = bootstrap_returns(b.returns, np.random.default_rng(5))
    ref = model_from_returns(rb, b.model.assets, "USD", run.estimation.mean, run.estimation.covariance, Rates(dict(run.rates)))
    np.testing.assert_allclose(m0.mu, ref.mu, rtol=1e-12)
    np.testing.assert_allclose(m0.cov, ref.cov, rtol=1e-12)
    assert not np.allclose(m0.mu, b.model.mu)


def test_band_quantiles_match_numpy():
    rng = np.random.default_rng(0)
    fronts = []
    for _ in range(30):
        v = np.linspace(0.1, 0.3, 20) + rng.uniform(-0.01, 0.01)
        fronts.append(np.column_stack([v, 0.05 + 0.6 * (v - 0.1) + rng.normal(0, 0.01)]))
    vols, lo, mid, hi = band_from_frontiers(fronts, grid_points=15)
    j = 7
    ys = [np.interp(vols[j], f[:, 0], f[:, 1]) for f in fronts if f[0, 0] <= vols[j] <= f[-1, 0]]
    assert lo[j] == pytest.approx(np.quantile(ys, 0.1)) and hi[j] == pytest.approx(np.quantile(ys, 0.9))
    assert mid[j] == pytest.approx(np.median(ys))
    ok = np.isfinite(lo)
    assert (lo[ok] <= mid[ok]).all() and (mid[ok] <= hi[ok]).all()


def test_resampled_band_and_its_cancellation(sample):
    run, b = sample
    band = resampled_band(b, run, resamples=4, points=10)
    assert band.resamples == 4 and len(band.frontiers) == 4
    for f in band.frontiers:
        assert f.shape == (10, 2) and (np.diff(f[:, 0]) >= -1e-9).all()
    ok = np.isfinite(band.lo)
    assert ok.sum() > 20 and (band.hi[ok] >= band.lo[ok]).all()
    # Cancelled mid-frontier: it stops within a solve, returns nothing.
    polls = [0]

    def cancelled():
        polls[0] += 1
        return polls[0] > 15

    assert resampled_band(b, run, resamples=50, points=50, cancelled=cancelled) is None
    assert polls[0] == 16
