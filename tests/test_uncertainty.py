"""Standard errors (issue 10, "Uncertainty"): each formula against an independent computation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from allocator.estimators import ewma_weights
from allocator.pipeline import RunSettings, EstimationSettings, build_model
from allocator.uncertainty import (
    allocation_uncertainty,
    asset_return_se,
    newey_west_lag,
    sharpe_se_annual,
    sharpe_se_per_period,
)


def test_sharpe_se_iid_normal_is_lo_closed_form():
    """IID normal returns: Lo's (2002) eq. (9), sqrt((1 + SR^2/2)/T), within sampling noise of the HAC terms."""
    rng = np.random.default_rng(1)
    x = rng.normal(0.01, 0.04, 5000)
    sr = x.mean() / x.std()
    closed = math.sqrt((1 + sr**2 / 2) / len(x))
    assert sharpe_se_per_period(x, lags=0) == pytest.approx(closed, rel=0.05)
    assert sharpe_se_per_period(x) == pytest.approx(closed, rel=0.08)


def test_sharpe_se_matches_monte_carlo_under_serial_correlation():
    """AR(1) returns (phi 0.4): the SE must match the spread of the Sharpe estimate across simulated histories.

    An IID formula is ~35% too small here (sqrt((1+phi)/(1-phi)) ~ 1.53 on the mean term);
    the Newey-West GMM form gets close to the Monte Carlo figure.
    """
    rng = np.random.default_rng(7)
    phi, t, sims = 0.4, 600, 1500
    eps = rng.normal(0, 0.03, (sims, t + 50))
    x = np.zeros_like(eps)
    for i in range(1, t + 50):
        x[:, i] = phi * x[:, i - 1] + eps[:, i]
    x = x[:, 50:] + 0.004
    srs = x.mean(axis=1) / x.std(axis=1)
    mc = srs.std()
    ses = np.array([sharpe_se_per_period(row) for row in x[:200]])
    iid = math.sqrt((1 + srs.mean() ** 2 / 2) / t)
    assert iid < 0.75 * mc  # the adjustment matters in this case
    assert np.median(ses) == pytest.approx(mc, rel=0.15)


def test_sharpe_se_annual_scales_by_root_periods():
    rng = np.random.default_rng(3)
    x = rng.normal(0.002, 0.02, 520)
    sr_a = x.mean() / x.std() * math.sqrt(52)
    assert sharpe_se_annual(x, sr_a, 52) == pytest.approx(math.sqrt(52) * sharpe_se_per_period(x), rel=1e-12)
    assert newey_west_lag(100) == 4 and newey_west_lag(520) == 5


@pytest.fixture(scope="module")
def sample_build():
    run = RunSettings(data="sample", estimation=EstimationSettings(fx_mean="historical")).validate()
    return run, build_model(run)


def test_historical_se_is_scipy_sem(sample_build):
    """Historical means: SE = sem of the base-currency returns times periods per year (scipy, independent)."""
    run, b = sample_build
    se = asset_return_se(b.returns, b.model, "historical", fx_fixed=False)
    from allocator.currency import translate

    R = translate(b.returns.local[b.model.tickers], [a.currency for a in b.model.assets], b.returns.fx_jpy, "USD")
    ppy = b.returns.periods_per_year
    np.testing.assert_allclose(se, stats.sem(R.to_numpy(), axis=0) * ppy, rtol=1e-10)
    # Ten years of weekly data: a few percent a year, as DESIGN §10 says (+-5-7%).
    assert 0.01 < float(np.median(se)) < 0.15


def test_zero_fx_drift_se_excludes_the_currency(sample_build):
    """--fx-mean zero: a yen asset's mean is that of R - f (plus a constant), so its SE is sem(R - f)."""
    run, b = sample_build
    se = asset_return_se(b.returns, b.model, "historical", fx_fixed=True)
    from allocator.currency import translate

    i = next(i for i, a in enumerate(b.model.assets) if a.currency == "JPY")
    t = b.model.tickers[i]
    R = translate(b.returns.local[[t]], ["JPY"], b.returns.fx_jpy, "USD")[t]
    f = b.returns.fx_jpy.reindex(R.index)
    assert se[i] == pytest.approx(stats.sem((R - f).to_numpy()) * b.returns.periods_per_year, rel=1e-10)


def test_ewma_se_uses_effective_sample_size(sample_build):
    run, b = sample_build
    se = asset_return_se(b.returns, b.model, "ewma", halflife=26, fx_fixed=False)
    hist = asset_return_se(b.returns, b.model, "historical", fx_fixed=False)
    t = len(b.returns.local)
    w = ewma_weights(t, 26)
    n_eff = 1.0 / np.sum(w**2)  # Kish's effective sample size
    np.testing.assert_allclose(se, hist * math.sqrt(t / n_eff), rtol=1e-10)
    assert (se > hist).all()


def test_black_litterman_se_is_pypfopt_posterior_cov():
    """BL: SE^2 = diag(bl_cov - Sigma) of PyPortfolioOpt's posterior (independent implementation)."""
    from pypfopt.black_litterman import BlackLittermanModel

    from allocator.model import model_from_assumptions
    from allocator.universe import Asset
    from allocator.views import View, compute_prior, idzorek_omega, pick_matrix, PriorSettings

    rng = np.random.default_rng(5)
    n = 6
    f = rng.normal(size=(n, 2)) * 0.15
    cov = f @ f.T + np.diag(rng.uniform(0.01, 0.05, n))
    themes = ["a", "a", "b", "b", "c", "c"]
    assets = [Asset(f"T{i}", f"T{i}", "US", "USD", themes[i]) for i in range(n)]
    model = model_from_assumptions(assets, np.full(n, 0.08), cov)
    w_ref = np.full(n, 1 / n)
    views = (View(0.12, 0.6, theme="a"), View(0.02, 0.4, long="b", short="c"))
    ps = PriorSettings(views=views, tau=0.05, risk_aversion=2.5)
    prior = compute_prior(cov, w_ref, 0.0, model.tickers, themes, ps, theme_keys=["a", "b", "c"])
    P, Q, conf = pick_matrix(views, model.tickers, themes, w_ref, ["a", "b", "c"])
    omega = idzorek_omega(P, cov, conf, 0.05)
    se = asset_return_se(None, model, "black-litterman", prior=prior, prior_cov_terms=(P, omega))
    bl = BlackLittermanModel(pd.DataFrame(cov), pi=prior.prior, P=P, Q=Q, omega=omega, tau=0.05)
    ref = np.sqrt(np.diag(bl.bl_cov().to_numpy() - cov))
    np.testing.assert_allclose(se, ref, rtol=1e-8)
    se_prior = asset_return_se(None, model, "equilibrium", prior=prior)
    np.testing.assert_allclose(se_prior, np.sqrt(0.05 * np.diag(cov)), rtol=1e-12)
    assert (se < se_prior + 1e-15).all()  # views only ever narrow the posterior


def test_allocation_uncertainty_on_sample(sample_build):
    from allocator.optimize import Optimizer

    run, b = sample_build
    a = Optimizer(b.model).optimize(run.optimization)
    u = allocation_uncertainty(b, a, run)
    assert set(u.asset_return_se) == set(b.model.tickers)
    assert u.sharpe_se is not None and 0.05 < u.sharpe_se < 1.5
    # The Sharpe SE is at least the IID figure's order: sqrt((1 + SR^2/2) / years)
    years = len(b.returns.local) / b.returns.periods_per_year
    iid = math.sqrt((1 + a.sharpe**2 / 2 / b.returns.periods_per_year) / years)
    assert u.sharpe_se == pytest.approx(iid, rel=0.5)


def test_cli_summary_and_file_carry_standard_errors(tmp_path, capsys):
    import json

    from allocator import cli
    from allocator.document import load_document

    out = tmp_path / "a.alloc.json"
    assert cli.main(["optimize", "--data", "sample", "--max-weight", "0.25", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    doc = json.loads(out.read_text())
    m = doc["result"]["metrics"]
    assert doc["version"] == 2
    assert m["sharpe_se"] > 0
    assert f"Sharpe {m['sharpe']:.3f} \u00b1 {m['sharpe_se']:.3f}" in text
    se = doc["result"]["asset_return_se"]
    assert set(se) == set(doc["result"]["weights"]) and all(v > 0 for v in se.values())
    held = max(doc["result"]["weights"], key=doc["result"]["weights"].get)
    assert f"\u00b1 {100 * se[held]:.2f}%" in text
    back = load_document(out)  # the optional fields validate
    assert back.result["metrics"]["sharpe_se"] == m["sharpe_se"]
    bad = json.loads(out.read_text())
    bad["result"]["asset_return_se"][held] = -0.1
    from allocator.document import loads_document
    from allocator.errors import DocumentError

    with pytest.raises(DocumentError, match="asset_return_se"):
        loads_document(json.dumps(bad))
