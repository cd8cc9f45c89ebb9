"""Issue 10 defect 5: the frontier's ends and its marked max-Sharpe point are exact.

* Top end: when the maximal return is not unique, the least-variance
  portfolio among those that reach it (a lexicographic second solve), not
  whichever vertex the LP solver returns.
* The marked point is the max-Sharpe portfolio itself, put into the frontier,
  checked against PyPortfolioOpt.
"""

from __future__ import annotations

import numpy as np
import pytest

from allocator.model import model_from_assumptions
from allocator.optimize import Constraints, HedgeSetting, OptimizationSettings, Optimizer
from allocator.universe import Asset


def _assets(n, country="US", currency="USD"):
    return [Asset(ticker=f"A{i}", name=f"A{i}", country=country, currency=currency, theme="defense") for i in range(n)]


def test_top_end_is_the_least_variance_max_return_portfolio():
    # A and B share the highest mean; C is lower.  Every mix of A and B is a
    # max-return portfolio; the efficient one is their minimum-variance mix.
    vols = np.array([0.10, 0.20, 0.15])
    corr = np.array([[1.0, 0.3, 0.2], [0.3, 1.0, 0.1], [0.2, 0.1, 1.0]])
    cov = corr * np.outer(vols, vols)
    model = model_from_assumptions(_assets(3), np.array([0.08, 0.08, 0.05]), cov)
    fr = Optimizer(model).frontier(OptimizationSettings(), 7)
    top = max(fr.points, key=lambda p: p.expected_return)
    # Closed form of the two-asset minimum-variance mix.
    sa, sb, sab = cov[0, 0], cov[1, 1], cov[0, 1]
    wa = (sb - sab) / (sa + sb - 2 * sab)
    var = wa**2 * sa + (1 - wa) ** 2 * sb + 2 * wa * (1 - wa) * sab
    assert top.expected_return == pytest.approx(0.08, abs=1e-6)
    assert top.weights["A0"] == pytest.approx(wa, abs=1e-4)
    assert top.volatility == pytest.approx(np.sqrt(var), rel=1e-5)
    assert top is fr.points[-1]  # still the most volatile point (ordered by volatility)


def test_top_end_hedge_with_zero_carry_is_the_min_variance_hedge():
    """Zero carry and --hedge optimal: any hedge gives the max return; the least-variance one is efficient."""
    assets = _assets(2, "JP", "JPY")
    cov = np.array([[0.04, 0.01], [0.01, 0.09]])
    fx = {"expected_return": 0.0, "volatility": 0.10, "correlations": {"A0": -0.3, "A1": -0.1}}
    model = model_from_assumptions(assets, np.array([0.10, 0.06]), cov, "USD", fx)  # no rates: zero carry
    settings = OptimizationSettings(constraints=Constraints(hedge=HedgeSetting.parse("optimal")))
    fr = Optimizer(model).frontier(settings, 5)
    top = fr.points[-1]
    assert top.weights["A0"] == pytest.approx(1.0, abs=1e-5)
    # Independent: the variance-minimising notional for w = (1, 0) is -cov(R_A0, hedge) / var(hedge), in [0, 1].
    c = model.cov
    h_star = min(1.0, max(0.0, -c[0, 2] / c[2, 2]))
    assert top.hedge_ratios["JPY"] == pytest.approx(h_star, abs=1e-4)


def test_marked_point_is_the_exact_max_sharpe_portfolio():
    from pypfopt import EfficientFrontier

    rng = np.random.default_rng(11)
    n = 8
    b = rng.normal(0, 0.1, (n, 3))
    cov = b @ b.T + np.diag(rng.uniform(0.01, 0.04, n))
    mu = rng.uniform(0.03, 0.15, n)
    model = model_from_assumptions(_assets(n), mu, cov, rates={"USD": 0.02})
    settings = OptimizationSettings(rf=0.02)
    fr = Optimizer(model).frontier(settings, 6)
    assert len(fr.points) == 6
    marked = fr.points[fr.max_sharpe_index]
    exact = Optimizer(model).optimize(settings)
    assert marked.sharpe == pytest.approx(exact.sharpe, abs=1e-9)
    assert all(p.sharpe <= marked.sharpe + 1e-9 for p in fr.points)
    ef = EfficientFrontier(mu, cov)
    ef.max_sharpe(risk_free_rate=0.02)
    ref = ef.clean_weights(cutoff=0, rounding=None)
    for i in range(n):
        assert marked.weights[f"A{i}"] == pytest.approx(ref[i], abs=2e-4)
    vols = [p.volatility for p in fr.points]
    assert vols == sorted(vols)
