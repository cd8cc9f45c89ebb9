"""The hedge identities of DESIGN §8, on series and through the optimiser.

* h = 1 leaves only the ``r f`` cross term of the currency (plus the carry);
* carry adds ``h k E`` to the expected return;
* base JPY mirrors base USD (series and assumptions models);
* one foreign asset, no other constraint: the optimal ratio is the
  minimum-variance ratio ``1 + cov(r, f_c) / var(f_c)`` clipped to [0, 1];
* hedged / unhedged / optimal frontiers for the same settings.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from allocator.cli import main
from allocator.currency import Rates, currency_return, hedge_frontiers, hedged_returns, translate
from allocator.data.returns import Frequency, ReturnSeries
from allocator.model import model_from_assumptions, model_from_returns
from allocator.optimize import Constraints, HedgeSetting, Objective, OptimizationSettings, Optimizer
from allocator.universe import Asset

US = Asset(ticker="US1", name="US one", country="US", currency="USD", theme="alpha")
US2 = Asset(ticker="US2", name="US two", country="US", currency="USD", theme="beta")
JP = Asset(ticker="JP1.T", name="JP one", country="JP", currency="JPY", theme="beta")
JP2 = Asset(ticker="JP2.T", name="JP two", country="JP", currency="JPY", theme="alpha")


def synthetic(n=520, rho=-0.4, seed=1, ppy=52):
    """Weekly local returns of a US and a JP asset, and the yen's dollar return."""
    rng = np.random.default_rng(seed)
    idx = pd.date_range("2015-01-09", periods=n, freq="W-FRI")
    f = rng.normal(0.0, 0.10 / np.sqrt(ppy), n)
    e = rng.normal(0.0, 1.0, (n, 2))
    r_jp = 0.001 + 0.25 / np.sqrt(ppy) * (rho * f / f.std() + np.sqrt(1 - rho**2) * e[:, 0])
    r_us = 0.0015 + 0.20 / np.sqrt(ppy) * e[:, 1]
    local = pd.DataFrame({"US1": r_us, "JP1.T": r_jp}, index=idx)
    return ReturnSeries(local, pd.Series(f, index=idx), Frequency.WEEKLY, (), "synthetic")


def settings(objective="min-variance", hedge="0", **cons):
    return OptimizationSettings(
        objective=Objective.parse(objective), constraints=Constraints(hedge=HedgeSetting.parse(hedge), **cons)
    )


# -- h = 1 -----------------------------------------------------------------
def test_full_hedge_leaves_only_the_cross_term_series():
    rs = synthetic()
    rates = Rates({"USD": 0.04, "JPY": 0.005})
    r, f = rs.local["JP1.T"], rs.fx_jpy
    k = (1 + 0.04 / 52) / (1 + 0.005 / 52) - 1
    hedged = hedged_returns(rs.local, ["USD", "JPY"], rs.fx_jpy, "USD", rates, 1.0, 52)
    # R + (k - f) = r + r f + k, exactly; the home asset is untouched.
    np.testing.assert_allclose(hedged["JP1.T"] - r - k, r * f, atol=1e-15)
    np.testing.assert_allclose(hedged["US1"], rs.local["US1"], atol=0)
    unhedged = translate(rs.local, ["USD", "JPY"], rs.fx_jpy, "USD")
    var_local, var_h, var_u = r.var(), hedged["JP1.T"].var(), unhedged["JP1.T"].var()
    # The currency's variance is gone but for the small cross term...
    assert var_h - var_local == pytest.approx((r * f).var() + 2 * np.cov(r, r * f)[0, 1], rel=1e-9)
    assert abs(var_h / var_local - 1) < 0.02
    # ...while unhedged it is a large share.
    assert abs(var_u / var_local - 1) > 0.05


def test_full_hedge_in_the_model_is_the_hedged_series_variance():
    rs = synthetic()
    rates = Rates({"USD": 0.04, "JPY": 0.005})
    model = model_from_returns(rs, [US, JP], "USD", cov_method="sample", rates=rates)
    hedged = hedged_returns(rs.local, ["USD", "JPY"], rs.fx_jpy, "USD", rates, 1.0, 52)
    w = np.array([0.4, 0.6])
    x = np.array([0.4, 0.6, 0.6])  # H = E: fully hedged
    p = hedged.to_numpy() @ w
    assert x @ model.cov @ x == pytest.approx(p.var(ddof=1) * 52, rel=1e-10)


# -- carry -------------------------------------------------------------------
@pytest.mark.parametrize("m_f", [0.0, -0.03])
def test_carry_adds_h_k_exposure(m_f):
    rates = {"USD": 0.045, "JPY": 0.002}
    k = 0.043
    cov = np.array([[0.04, 0.01], [0.01, 0.06]])
    fx = {"expected_return": m_f, "volatility": 0.1, "correlations": {"JP1.T": -0.3}}
    model = model_from_assumptions([US, JP], np.array([0.07, 0.08]), cov, "USD", fx, rates)
    opt = Optimizer(model)
    # Theme targets pin the weights: JP1.T (beta) 0.35, US1 (alpha) 0.65.
    pin = dict(theme_targets={"alpha": 0.65, "beta": 0.35})
    base = opt.optimize(settings("min-variance", "0", **pin))
    for h in (0.25, 0.5, 1.0):
        a = opt.optimize(settings("min-variance", str(h), **pin))
        assert a.weights["JP1.T"] == pytest.approx(0.35, abs=1e-7)
        assert a.hedge_notionals["JPY"] == pytest.approx(h * 0.35, abs=1e-7)
        assert a.expected_return - base.expected_return == pytest.approx(h * (k - m_f) * 0.35, abs=1e-9)
        assert a.attribution["total"]["return_carry"] == pytest.approx(h * k * 0.35, abs=1e-9)
        assert a.attribution["total"]["return_currency"] == pytest.approx((1 - h) * m_f * 0.35, abs=1e-9)


def test_historical_model_expects_current_carry_and_zero_fx_by_default():
    """Zero FX drift with today's carry; historical FX drift with the history's carry."""
    rs = synthetic()
    hist = pd.DataFrame({"USD": [0.01] * 200, "JPY": [0.0] * 200}, index=pd.date_range("2014-01-01", periods=200, freq="MS"))
    rates = Rates({"USD": 0.05, "JPY": 0.01}, hist)
    m0 = model_from_returns(rs, [US, JP], "USD", rates=rates)
    assert m0.carry[0] == pytest.approx(0.04)  # forward-looking: today's rates
    assert m0.mu_hedge[0] == pytest.approx(0.04)  # k - E[f] with E[f] = 0
    mh = model_from_returns(rs, [US, JP], "USD", rates=rates, fx_expected=None)
    f_hist = rs.fx_jpy.mean() * 52
    # Historical drift goes with the historical carry (issue 10, defect 7), not today's 4%.
    k_hist = rates.carry_per_period(rs.local.index, "USD", "JPY", 52).mean() * 52
    assert mh.mu_hedge[0] == pytest.approx(k_hist - f_hist)
    assert mh.carry[0] == pytest.approx(k_hist) and abs(k_hist - 0.04) > 0.01
    # The JP asset's expected return differs by exactly the currency drift.
    assert mh.mu[1] - m0.mu[1] == pytest.approx(f_hist)
    assert mh.mu[0] == pytest.approx(m0.mu[0])


# -- base JPY mirrors base USD ---------------------------------------------------
def test_base_jpy_mirrors_base_usd_series():
    rs = synthetic()
    f = rs.fx_jpy
    g = currency_return(f, "JPY")
    np.testing.assert_allclose((1 + f) * (1 + g), 1.0, atol=1e-14)  # round trip
    cur = ["USD", "JPY"]
    ru = translate(rs.local, cur, f, "USD")
    rj = translate(rs.local, cur, f, "JPY")
    # Any unhedged portfolio: its yen value is its dollar value times S.
    w = np.array([0.3, 0.7])
    np.testing.assert_allclose(1 + rj.to_numpy() @ w, (1 + ru.to_numpy() @ w) * (1 + g), atol=1e-14)
    # Fully hedged USD asset for a yen investor: r + r g + k with k = i_JPY - i_USD (a cost).
    rates = Rates({"USD": 0.05, "JPY": 0.0})
    hj = hedged_returns(rs.local, cur, f, "JPY", rates, 1.0, 52)
    k = 1 / (1 + 0.05 / 52) - 1
    assert k < 0
    r = rs.local["US1"]
    np.testing.assert_allclose(hj["US1"], r + r * g + k, atol=1e-15)


def _mirror(raw: dict) -> dict:
    """The same market seen from the other side: currencies swapped, f -> -f."""
    out = json.loads(json.dumps(raw))
    for a in out["assets"]:
        a["currency"] = "USD" if a["currency"] == "JPY" else "JPY"
    out["fx"]["expected_return"] = -raw["fx"]["expected_return"]
    out["fx"]["correlations"] = {t: -v for t, v in raw["fx"]["correlations"].items()}
    out["rates"] = {"USD": raw["rates"]["JPY"], "JPY": raw["rates"]["USD"]}
    return out


@pytest.mark.parametrize("hedge", ["0", "0.6", "optimal"])
def test_base_jpy_mirrors_base_usd_assumptions(hedge):
    from allocator.assumptions import assumptions_model, parse_assumptions

    import test_hedge_independent as ti

    raw = ti.random_assumptions(3)
    uj, nj = parse_assumptions(raw)
    uu, nu = parse_assumptions(_mirror(raw))
    mj = assumptions_model(uj, nj, "JPY")
    mu_ = assumptions_model(uu, nu, "USD")
    np.testing.assert_allclose(mj.mu, mu_.mu, atol=1e-15)
    np.testing.assert_allclose(mj.cov, mu_.cov, atol=1e-15)
    np.testing.assert_allclose(mj.mu_hedge, mu_.mu_hedge, atol=1e-15)
    assert mj.rf == mu_.rf
    s = settings("max-sharpe", hedge, max_weight=0.5)
    aj, au = Optimizer(mj).optimize(s), Optimizer(mu_).optimize(s)
    assert aj.weights == pytest.approx(au.weights, abs=1e-6)
    assert aj.hedge_ratios["USD"] == pytest.approx(au.hedge_ratios["JPY"], abs=1e-6)
    assert aj.volatility == pytest.approx(au.volatility, rel=1e-8)


# -- optimal ratio = minimum-variance ratio ----------------------------------------
@pytest.mark.parametrize(
    "base,rho,expected",
    [
        ("USD", -0.3, 1 - 0.3 * 0.2 / 0.1),  # 0.4, inside (0, 1)
        ("USD", 0.3, 1.0),  # 1 + 0.6 -> clipped to 1
        ("USD", -0.8, 0.0),  # 1 - 1.6 -> clipped to 0
        ("JPY", 0.3, 1 - 0.3 * 0.2 / 0.1),  # f_c = -f: cov(r, f_c) = -rho s_r s_f
        ("JPY", -0.3, 1.0),
        ("JPY", 0.8, 0.0),
    ],
)
def test_optimal_ratio_is_the_min_variance_ratio(base, rho, expected):
    asset = JP if base == "USD" else US
    fx = {"expected_return": 0.0, "volatility": 0.1, "correlations": {asset.ticker: rho}}
    model = model_from_assumptions([asset], np.array([0.06]), np.array([[0.04]]), base, fx, {"USD": 0.04, "JPY": 0.0})
    a = Optimizer(model).optimize(settings("min-variance", "optimal"))
    ccy = model.hedge_currencies[0]
    assert a.hedge_ratios[ccy] == pytest.approx(min(1.0, max(0.0, expected)), abs=1e-6)
    # Closed form of the variance at that ratio: s_r^2 (1 - rho^2) when inside.
    if 0 < expected < 1:
        assert a.volatility**2 == pytest.approx(0.04 * (1 - rho**2), rel=1e-6)


def test_optimal_ratio_on_historical_series():
    """Historical model: the ratio is cov(R, f)/var(f) of the series (= 1 + cov(r + r f, f)/var(f))."""
    rs = synthetic(rho=-0.4)
    local = rs.local[["JP1.T"]]
    rs1 = ReturnSeries(local, rs.fx_jpy, rs.frequency, (), "synthetic")
    rates = Rates({"USD": 0.03, "JPY": 0.03})  # zero carry: the hedge's mean doesn't pull
    model = model_from_returns(rs1, [JP], "USD", cov_method="sample", rates=rates)
    a = Optimizer(model).optimize(settings("min-variance", "optimal"))
    R = (1 + local["JP1.T"]) * (1 + rs.fx_jpy) - 1
    f = rs.fx_jpy
    expected = np.cov(R, f)[0, 1] / f.var()
    assert 0.05 < expected < 0.95
    assert a.hedge_ratios["JPY"] == pytest.approx(expected, abs=1e-5)


# -- three frontiers -----------------------------------------------------------------
def test_hedge_frontiers_overlay():
    import test_hedge_independent as ti
    from allocator.assumptions import assumptions_model, parse_assumptions

    uni, num = parse_assumptions(ti.random_assumptions(5))
    model = assumptions_model(uni, num, "USD")
    fr = hedge_frontiers(model, settings("max-sharpe", "0", max_weight=0.5), points=12)
    assert set(fr) == {"unhedged", "hedged", "optimal"}
    for key, expect in (("unhedged", 0.0), ("hedged", 1.0)):
        assert all(p.hedge_ratios["JPY"] == pytest.approx(expect, abs=1e-6) for p in fr[key].points)
    assert all(-1e-6 <= p.hedge_ratios["JPY"] <= 1 + 1e-6 for p in fr["optimal"].points)
    # The optimal hedge can only help: lower minimum variance, higher best Sharpe.
    lo = {k: f.points[0].volatility for k, f in fr.items()}
    best = {k: f.points[f.max_sharpe_index].sharpe for k, f in fr.items()}
    assert lo["optimal"] <= min(lo["unhedged"], lo["hedged"]) + 1e-6
    assert best["optimal"] >= max(best["unhedged"], best["hedged"]) - 1e-3


def test_frontier_json_carries_hedge_ratios(tmp_path, capsys):
    import test_hedge_independent as ti

    p = tmp_path / "a.json"
    p.write_text(json.dumps(ti.random_assumptions(9)))
    out = tmp_path / "f.json"
    code = main(["frontier", "--assumptions", str(p), "--base", "JPY", "--hedge", "optimal", "--points", "6",
                 "--json", str(out)])
    assert code == 0, capsys.readouterr().err
    pts = json.loads(out.read_text())["points"]
    assert len(pts) == 6 and all(set(pt["hedge_ratios"]) == {"USD"} for pt in pts)
    assert [pt["volatility"] for pt in pts] == sorted(pt["volatility"] for pt in pts)
