"""The optimiser against independent answers.

* the closed-form unconstrained minimum-variance portfolio;
* PyPortfolioOpt (its own cvxpy formulation) for constrained max-Sharpe,
  min-variance, efficient-return and efficient-risk, with sector (theme)
  constraints;
* scipy's SLSQP on random problems for every objective, objective values to
  1e-4 relative;
* theme and country constraints hold to 1e-6.
"""

from __future__ import annotations

import numpy as np
import pytest

from allocator.errors import InfeasibleError, InputError
from allocator.model import model_from_assumptions
from allocator.optimize import Constraints, Objective, OptimizationSettings, Optimizer
from allocator.universe import Asset

THEMES = ["defense", "semis_ai", "energy", "japan_core"]


def make_assets(n: int, seed: int = 0) -> list[Asset]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        jp = bool(rng.random() < 0.4)
        out.append(
            Asset(
                ticker=f"A{i}.T" if jp else f"A{i}",
                name=f"Asset {i}",
                country="JP" if jp else "US",
                currency="JPY" if jp else "USD",
                theme=THEMES[i % len(THEMES)],
            )
        )
    return out


def random_problem(n: int, seed: int):
    rng = np.random.default_rng(seed)
    k = 3
    B = rng.normal(0, 0.15, size=(n, k))
    cov = B @ B.T + np.diag(rng.uniform(0.01, 0.06, n))
    mu = rng.uniform(0.02, 0.18, n)
    return mu, cov


def model(n=12, seed=0, rf=0.02):
    mu, cov = random_problem(n, seed)
    assets = make_assets(n, seed)
    return model_from_assumptions(assets, mu, cov, "USD", None, {"USD": rf}), mu, cov


def settings(objective="max-sharpe", target=None, **cons):
    return OptimizationSettings(objective=Objective.parse(objective), target=target, constraints=Constraints(**cons))


# ---------------------------------------------------------------------------
def test_unconstrained_min_variance_matches_closed_form():
    # A covariance whose global minimum-variance portfolio is long-only, so the
    # long-only constraint is inactive and the closed form applies.
    rng = np.random.default_rng(3)
    n = 10
    vols = rng.uniform(0.18, 0.25, n)
    corr = np.full((n, n), 0.2) + 0.8 * np.eye(n)
    cov = corr * np.outer(vols, vols)
    ones = np.ones(n)
    inv = np.linalg.solve(cov, ones)
    expected = inv / inv.sum()
    assert (expected > 0).all()
    m = model_from_assumptions(make_assets(n), rng.uniform(0.05, 0.1, n), cov)
    a = Optimizer(m).optimize(settings("min-variance"))
    w = np.array(list(a.weights.values()))
    np.testing.assert_allclose(w, expected, atol=1e-6)
    assert a.volatility == pytest.approx(np.sqrt(1 / (ones @ inv)), rel=1e-6)


def _pypfopt(mu, cov, cap, assets, theme_targets):
    from pypfopt import EfficientFrontier

    ef = EfficientFrontier(mu, cov, weight_bounds=(0, cap), solver="CLARABEL")
    mapper = {i: a.theme for i, a in enumerate(assets)}
    if theme_targets:
        lower = {t: theme_targets.get(t, 0.0) for t in THEMES}
        upper = {t: theme_targets.get(t, 1.0) for t in THEMES}
        # pypfopt's sector constraints take tickers; with array inputs they are 0..n-1
        ef.add_sector_constraints(mapper, lower, upper)
    return ef


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("kind", ["max-sharpe", "min-variance", "target-return", "target-vol"])
def test_matches_pyportfolioopt(kind, seed):
    pytest.importorskip("pypfopt")
    rf = 0.02
    m, mu, cov = model(14, seed, rf)
    assets = list(m.assets)
    cap = 0.25
    targets = {"defense": 0.3, "semis_ai": 0.2}
    opt = Optimizer(m)
    ef = _pypfopt(mu, cov, cap, assets, targets)
    if kind == "max-sharpe":
        ef.max_sharpe(risk_free_rate=rf)
        ours = opt.optimize(settings(kind, theme_targets=targets, max_weight=cap, **{}))
    elif kind == "min-variance":
        ef.min_volatility()
        ours = opt.optimize(settings(kind, theme_targets=targets, max_weight=cap))
    elif kind == "target-return":
        lo = opt.optimize(settings("min-variance", theme_targets=targets, max_weight=cap)).expected_return
        target = lo + 0.02
        ef.efficient_return(target)
        ours = opt.optimize(settings(kind, target=target, theme_targets=targets, max_weight=cap))
    else:
        lo = opt.optimize(settings("min-variance", theme_targets=targets, max_weight=cap)).volatility
        target = lo * 1.15
        ef.efficient_risk(target)
        ours = opt.optimize(settings(kind, target=target, theme_targets=targets, max_weight=cap))
    theirs = np.array([ef.weights[i] for i in range(len(mu))])
    ret_t, vol_t, sharpe_t = ef.portfolio_performance(risk_free_rate=rf)
    w = np.array(list(ours.weights.values()))
    # Strictly convex (positive-definite covariance): the optimum is unique.
    np.testing.assert_allclose(w, theirs, atol=2e-4)
    assert ours.expected_return == pytest.approx(ret_t, rel=1e-4, abs=1e-6)
    assert ours.volatility == pytest.approx(vol_t, rel=1e-4)
    assert ours.sharpe == pytest.approx(sharpe_t, rel=1e-4)


# -- independent solver on random problems ------------------------------------
def _slsqp(objective, mu, cov, cap, A_theme, lo_t, hi_t, A_c, lo_c, hi_c, rf=0.0, target=None, gamma=3.0):
    from scipy.optimize import minimize

    n = len(mu)
    cons = [{"type": "eq", "fun": lambda w: w.sum() - 1}]
    for A, lo, hi in ((A_theme, lo_t, hi_t), (A_c, lo_c, hi_c)):
        cons.append({"type": "ineq", "fun": lambda w, A=A, lo=lo: A @ w - lo})
        cons.append({"type": "ineq", "fun": lambda w, A=A, hi=hi: hi - A @ w})
    var = lambda w: w @ cov @ w  # noqa: E731
    if objective == "min-variance":
        f = var
    elif objective == "max-utility":
        f = lambda w: -(mu @ w - gamma / 2 * var(w))  # noqa: E731
    elif objective == "target-return":
        f = var
        cons.append({"type": "ineq", "fun": lambda w: mu @ w - target})
    elif objective == "target-vol":
        f = lambda w: -(mu @ w)  # noqa: E731
        cons.append({"type": "ineq", "fun": lambda w: target**2 - var(w)})
    elif objective == "max-sharpe":
        f = lambda w: -(mu @ w - rf) / np.sqrt(var(w))  # noqa: E731
    best = None
    rng = np.random.default_rng(0)
    for attempt in range(6):  # a few starts: SLSQP is local for the Sharpe ratio
        x0 = np.full(n, 1 / n) if attempt == 0 else rng.dirichlet(np.ones(n))
        res = minimize(f, x0, method="SLSQP", bounds=[(0, cap)] * n, constraints=cons,
                       options={"ftol": 1e-14, "maxiter": 2000})
        if res.success and (best is None or res.fun < best.fun):
            best = res
    assert best is not None
    return best.x, best.fun


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("objective", ["min-variance", "max-utility", "target-return", "target-vol", "max-sharpe"])
def test_random_problems_match_independent_solver(objective, seed):
    rf = 0.02
    n = 10
    m, mu, cov = model(n, seed + 10, rf)
    rng = np.random.default_rng(seed)
    cap = 0.3
    targets = {"defense": 0.25} if seed % 2 == 0 else {"semis_ai": 0.2, "energy": 0.2}
    tol = 0.02 if seed % 3 == 0 else 0.0
    country = {"JP": (0.1, 0.6)} if seed % 2 == 1 else {}
    c = Constraints(theme_targets=targets, theme_tolerance=tol, max_weight=cap, country_bounds=country)
    opt = Optimizer(m)
    target = None
    if objective == "target-return":
        lo = opt.optimize(OptimizationSettings(Objective.MIN_VARIANCE, constraints=c)).expected_return
        target = lo + rng.uniform(0.005, 0.02)
    if objective == "target-vol":
        lo = opt.optimize(OptimizationSettings(Objective.MIN_VARIANCE, constraints=c)).volatility
        target = lo * rng.uniform(1.05, 1.3)
    s = OptimizationSettings(Objective.parse(objective), target=target, risk_aversion=3.0, constraints=c, rf=rf)
    ours = opt.optimize(s)
    st = opt.structure
    lo_t = np.array([c.theme_band(t)[0] for t in st.themes])
    hi_t = np.array([c.theme_band(t)[1] for t in st.themes])
    lo_c = np.array([c.country_band(k)[0] for k in st.countries])
    hi_c = np.array([c.country_band(k)[1] for k in st.countries])
    w_ref, f_ref = _slsqp(objective, mu, cov, cap, st.theme_matrix, lo_t, hi_t, st.country_matrix, lo_c, hi_c,
                          rf=rf, target=target)
    w = np.array(list(ours.weights.values()))
    value = {
        "min-variance": w @ cov @ w,
        "max-utility": -(mu @ w - 1.5 * w @ cov @ w),
        "target-return": w @ cov @ w,
        "target-vol": -(mu @ w),
        "max-sharpe": -(mu @ w - rf) / np.sqrt(w @ cov @ w),
    }[objective]
    # Ours is at least as good as the independent optimum, and equal to 1e-4 relative.
    assert value <= f_ref + 1e-4 * abs(f_ref) + 1e-10
    assert value == pytest.approx(f_ref, rel=1e-4, abs=1e-9)
    # Every constraint holds to 1e-6.
    assert w.sum() == pytest.approx(1.0, abs=1e-9)
    assert (w >= -1e-9).all() and (w <= cap + 1e-6).all()
    assert (st.theme_matrix @ w >= lo_t - 1e-6).all() and (st.theme_matrix @ w <= hi_t + 1e-6).all()
    assert (st.country_matrix @ w >= lo_c - 1e-6).all() and (st.country_matrix @ w <= hi_c + 1e-6).all()
    if target is not None and objective == "target-return":
        assert mu @ w >= target - 1e-6
    if target is not None and objective == "target-vol":
        assert np.sqrt(w @ cov @ w) <= target + 1e-6


def test_theme_and_country_constraints_hold_exactly():
    m, mu, cov = model(20, 4)
    c = Constraints(theme_targets={"defense": 0.3, "energy": 0.15}, max_weight=0.2, country_bounds={"JP": (0.35, 0.5)})
    a = Optimizer(m).optimize(OptimizationSettings(Objective.MAX_SHARPE, constraints=c))
    assert a.theme_weights["defense"] == pytest.approx(0.3, abs=1e-6)
    assert a.theme_weights["energy"] == pytest.approx(0.15, abs=1e-6)
    assert 0.35 - 1e-6 <= a.country_weights.get("JP", 0) <= 0.5 + 1e-6
    assert max(a.weights.values()) <= 0.2 + 1e-6
    assert sum(a.weights.values()) == pytest.approx(1.0, abs=1e-12)
    assert sum(a.risk_contributions.values()) == pytest.approx(1.0, abs=1e-9)


def test_frontier_runs_from_min_variance_to_max_return():
    m, mu, cov = model(12, 5)
    c = Constraints(theme_targets={"defense": 0.25}, max_weight=0.3)
    opt = Optimizer(m)
    fr = opt.frontier(OptimizationSettings(constraints=c), points=20)
    assert len(fr.points) == 20
    vols = fr.vols
    rets = fr.returns
    assert np.all(np.diff(vols) >= -1e-9)
    assert np.all(np.diff(rets) >= -1e-7)  # efficient: return rises with risk
    mv = opt.optimize(OptimizationSettings(Objective.MIN_VARIANCE, constraints=c))
    assert vols[0] == pytest.approx(mv.volatility, rel=1e-5)
    ms = opt.optimize(OptimizationSettings(Objective.MAX_SHARPE, constraints=c))
    best = fr.points[fr.max_sharpe_index]
    assert best.sharpe <= ms.sharpe + 1e-6  # no frontier point beats the true max Sharpe
    assert best.sharpe == pytest.approx(ms.sharpe, rel=0.02)  # and the grid gets close


# -- feasibility messages ------------------------------------------------------
@pytest.mark.parametrize(
    "cons, words",
    [
        (dict(theme_targets={"defense": 0.7, "semis_ai": 0.45}), "sum to 115%"),
        (dict(theme_targets={"japan_core": 0.9}, max_weight=0.25), "needs 4 assets at a 25% cap"),
        (dict(max_weight=0.05), "can invest at most 60%"),
        (dict(theme_targets={"defense": 0.2, "semis_ai": 0.2, "energy": 0.2, "japan_core": 0.2}), "nothing can hold"),
        (dict(country_bounds={"US": (0.7, 1), "JP": (0.5, 1)}), "lower bounds sum to 120%"),
    ],
)
def test_infeasible_settings_name_the_conflict(cons, words):
    m, _, _ = model(12, 0)
    with pytest.raises(InfeasibleError) as err:
        Optimizer(m).optimize(OptimizationSettings(constraints=Constraints(**cons)))
    assert words in str(err.value)


def test_country_bounds_against_single_country_theme():
    assets = [
        Asset("X1.T", "x1", "JP", "JPY", "exporters"),
        Asset("X2.T", "x2", "JP", "JPY", "exporters"),
        Asset("U1", "u1", "US", "USD", "defense"),
        Asset("U2", "u2", "US", "USD", "defense"),
    ]
    mu = np.array([0.1, 0.08, 0.07, 0.09])
    cov = np.diag([0.04, 0.05, 0.03, 0.06])
    m = model_from_assumptions(assets, mu, cov)
    c = Constraints(theme_targets={"exporters": 0.3}, country_bounds={"JP": (0.0, 0.2)})
    with pytest.raises(InfeasibleError) as err:
        Optimizer(m).optimize(OptimizationSettings(constraints=c))
    assert "JP <= 20%" in str(err.value) and "exporters=30%" in str(err.value)


def test_target_return_above_reach_and_vol_below_reach():
    m, mu, cov = model(10, 1)
    opt = Optimizer(m)
    with pytest.raises(InfeasibleError, match="above the highest reachable"):
        opt.optimize(settings("target-return", target=float(mu.max()) + 0.05))
    with pytest.raises(InfeasibleError, match="below the lowest reachable"):
        opt.optimize(settings("target-vol", target=0.001))


def test_max_sharpe_without_positive_excess_return_is_explained():
    m, mu, cov = model(8, 2, rf=0.5)
    with pytest.raises(InfeasibleError, match="risk-free rate"):
        Optimizer(m).optimize(settings("max-sharpe"))


@pytest.mark.parametrize(
    "bad",
    [
        dict(objective="target-return"),
        dict(objective="nonsense"),
        dict(max_weight=1.5),
        dict(theme_targets={"defense": -0.1}),
        dict(country_bounds={"JP": (0.6, 0.2)}),
        dict(theme_targets={"not_a_theme": 0.2}),
    ],
)
def test_bad_settings_are_input_errors(bad):
    m, _, _ = model(8, 0)
    objective = bad.pop("objective", "max-sharpe")
    with pytest.raises(InputError):
        s = OptimizationSettings(objective=objective, constraints=Constraints(**bad))
        Optimizer(m).optimize(s)


def test_resolve_reuses_the_compiled_problem():
    m, mu, cov = model(10, 0)
    opt = Optimizer(m)
    s = settings("max-sharpe", theme_targets={"defense": 0.2})
    opt.optimize(s)
    problem = opt.problem(Objective.MAX_SHARPE)
    a2 = opt.optimize(settings("max-sharpe", theme_targets={"defense": 0.3}))
    assert opt.problem(Objective.MAX_SHARPE) is problem
    assert a2.theme_weights["defense"] == pytest.approx(0.3, abs=1e-6)
