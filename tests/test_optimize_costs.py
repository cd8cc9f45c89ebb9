"""Cost-aware optimisation (DESIGN §12): an L1 cost on trades in every objective.

* identities: very high costs keep the current weights, zero costs give the
  plain optimum (the existing optimiser and an independent cvxpy solve);
* at moderate costs each objective matches an independent, directly written
  cvxpy problem (``cp.abs``, no homogenisation); max Sharpe net of costs is
  checked against a sweep of net-return targets;
* the turnover cap holds; holdings changes re-solve the same compiled problem.
"""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pytest

from allocator.costs import Costs
from allocator.errors import InfeasibleError
from allocator.model import model_from_assumptions
from allocator.optimize import Constraints, HedgeSetting, Objective, OptimizationSettings, Optimizer
from allocator.optimize.settings import Trading

from tests.test_engine_optimize import make_assets, random_problem

FX = {"expected_return": 0.0, "volatility": 0.1, "correlations": {}}
OBJECTIVES = [
    ("max-sharpe", None),
    ("min-variance", None),
    ("target-return", 0.10),
    ("target-vol", 0.16),
    ("max-utility", None),
]


def fx_model(n=10, seed=3, hedge=True):
    mu, cov = random_problem(n, seed)
    assets = make_assets(n, seed)
    fx = dict(FX, correlations={a.ticker: 0.1 for a in assets}) if hedge else None
    return model_from_assumptions(assets, mu, cov, "USD", fx, {"USD": 0.03, "JPY": 0.0}), mu, cov


def current(n, seed=1, total=1.0):
    rng = np.random.default_rng(seed)
    w = rng.dirichlet(np.ones(n)) * total
    return w


def make_settings(objective, target, trading=None, hedge="0.5", max_weight=1.0, risk_aversion=3.0):
    return OptimizationSettings(
        objective=Objective.parse(objective),
        target=target,
        risk_aversion=risk_aversion,
        constraints=Constraints(max_weight=max_weight, hedge=HedgeSetting.parse(hedge)),
        trading=trading,
    )


def trading(model, w0, costs, max_turnover=None):
    return Trading(dict(zip(model.tickers, map(float, w0))), costs, max_turnover)


@pytest.mark.parametrize("objective, target", OBJECTIVES)
@pytest.mark.parametrize("hedge", ["0.5", "optimal"])
def test_very_high_costs_keep_the_current_weights(objective, target, hedge):
    """When the current weights meet the constraints (targets set around them), nothing trades."""
    model, _, _ = fx_model()
    w0 = current(model.n)
    h = 0.5 * (model.exposure_matrix() @ w0)
    x0 = np.concatenate([w0, h])
    if objective == "target-return":
        target = float(model.mu @ w0 + model.mu_hedge @ h) - 0.01
    elif objective == "target-vol":
        target = float(np.sqrt(x0 @ model.cov @ x0)) + 0.01
    s = make_settings(objective, target, trading(model, w0, Costs.flat(10_000)), hedge=hedge)
    a = Optimizer(model).optimize(s)
    got = np.array([a.weights[t] for t in model.tickers])
    np.testing.assert_allclose(got, w0, atol=2e-6)
    assert a.turnover == pytest.approx(0.0, abs=1e-5)


@pytest.mark.parametrize("objective, target", OBJECTIVES)
def test_zero_costs_give_the_plain_optimum(objective, target):
    model, _, _ = fx_model()
    w0 = current(model.n)
    plain = Optimizer(model).optimize(make_settings(objective, target))
    a = Optimizer(model).optimize(make_settings(objective, target, trading(model, w0, Costs())))
    for t in model.tickers:
        assert a.weights[t] == pytest.approx(plain.weights[t], abs=2e-6), t
    assert a.trading_cost == 0.0
    assert a.turnover == pytest.approx(sum(abs(a.weights[t] - w) for t, w in zip(model.tickers, w0)))


def direct(model, objective, target, w0, cost, gamma=3.0, hedge=0.5, turnover=None):
    """The cost-aware problem written directly (cp.abs, max Sharpe excluded)."""
    n, m = model.n, model.m
    x = cp.Variable(n + m)
    w, h = x[:n], x[n:]
    E = model.exposure_matrix() @ w
    trade = cp.abs(w - w0)
    c = cost @ trade
    ret = model.mu @ w + model.mu_hedge @ h
    var = cp.quad_form(x, cp.psd_wrap(model.cov))
    cons = [cp.sum(w) == 1, w >= 0, h == hedge * E]
    if turnover is not None:
        cons.append(cp.sum(trade) <= turnover)
    if objective == "min-variance":
        obj = cp.Minimize(gamma / 2 * var + c)
    elif objective == "target-return":
        obj = cp.Minimize(gamma / 2 * var + c)
        cons.append(ret >= target)
    elif objective == "target-vol":
        obj = cp.Maximize(ret - c)
        cons.append(var <= target**2)
    elif objective == "max-utility":
        obj = cp.Maximize(ret - gamma / 2 * var - c)
    prob = cp.Problem(obj, cons)
    prob.solve(solver=cp.CLARABEL)
    return w.value


@pytest.mark.parametrize("objective, target", [o for o in OBJECTIVES if o[0] != "max-sharpe"])
@pytest.mark.parametrize("bps", [0.0, 30.0, 300.0])
def test_each_objective_matches_an_independent_direct_solve(objective, target, bps):
    model, _, _ = fx_model()
    w0 = current(model.n, seed=5)
    costs = Costs(US=bps, JP=2 * bps)
    a = Optimizer(model).optimize(make_settings(objective, target, trading(model, w0, costs)))
    cost = np.array([costs.rate(x.country) for x in model.assets])
    ref = direct(model, objective, target, w0, cost)
    got = np.array([a.weights[t] for t in model.tickers])
    np.testing.assert_allclose(got, ref, atol=5e-5)
    assert a.trading_cost == pytest.approx(float(cost @ np.abs(got - w0)), abs=1e-12)


def net_sharpe(model, w, w0, cost, hedge=0.5, rf=0.03):
    h = hedge * (model.exposure_matrix() @ w)
    x = np.concatenate([w, h])
    ret = model.mu @ w + model.mu_hedge @ h - cost @ np.abs(w - w0)
    return (ret - rf) / np.sqrt(x @ model.cov @ x)


@pytest.mark.parametrize("bps", [0.0, 50.0, 500.0])
def test_max_sharpe_maximises_the_sharpe_ratio_net_of_costs(bps):
    """Against a sweep: min variance at each net-return level, best (r - rf)/vol of the sweep."""
    model, _, _ = fx_model()
    w0 = current(model.n, seed=7)
    costs = Costs.flat(bps)
    a = Optimizer(model).optimize(make_settings("max-sharpe", None, trading(model, w0, costs)))
    got = np.array([a.weights[t] for t in model.tickers])
    cost = np.full(model.n, costs.rate("US"))
    ours = net_sharpe(model, got, w0, cost)
    n, m = model.n, model.m
    x = cp.Variable(n + m)
    w, h = x[:n], x[n:]
    r = cp.Parameter()
    cons = [cp.sum(w) == 1, w >= 0, h == 0.5 * (model.exposure_matrix() @ w),
            model.mu @ w + model.mu_hedge @ h - cost @ cp.abs(w - w0) >= r]
    prob = cp.Problem(cp.Minimize(cp.quad_form(x, cp.psd_wrap(model.cov))), cons)
    best = -np.inf
    for level in np.linspace(0.04, float(model.mu.max()) - 1e-3, 80):
        r.value = level
        prob.solve(solver=cp.CLARABEL)
        if prob.status == cp.OPTIMAL:
            best = max(best, net_sharpe(model, w.value, w0, cost))
    assert ours >= best - 1e-6
    assert ours <= best + 5e-3  # the sweep is fine enough to come close
    # and it beats staying put and the plain optimum once costs count
    assert ours >= net_sharpe(model, w0, w0, cost) - 1e-9
    plain = Optimizer(model).optimize(make_settings("max-sharpe", None))
    assert ours >= net_sharpe(model, np.array([plain.weights[t] for t in model.tickers]), w0, cost) - 1e-9


def test_turnover_cap_holds_and_binds():
    model, _, _ = fx_model()
    w0 = current(model.n, seed=2)
    free = Optimizer(model).optimize(make_settings("max-utility", None, trading(model, w0, Costs.flat(10))))
    assert free.turnover > 0.3
    a = Optimizer(model).optimize(make_settings("max-utility", None, trading(model, w0, Costs.flat(10), 0.2)))
    assert a.turnover == pytest.approx(0.2, abs=1e-5)
    ref = direct(model, "max-utility", None, w0, np.full(model.n, 0.001), turnover=0.2)
    np.testing.assert_allclose([a.weights[t] for t in model.tickers], ref, atol=5e-5)


def test_cash_is_invested_and_high_costs_only_buy():
    model, _, _ = fx_model()
    w0 = current(model.n, seed=4, total=0.8)  # 20% of the managed value is cash
    a = Optimizer(model).optimize(make_settings("max-utility", None, trading(model, w0, Costs.flat(10_000))))
    got = np.array([a.weights[t] for t in model.tickers])
    assert got.sum() == pytest.approx(1.0)
    assert np.all(got >= w0 - 2e-6)  # nothing sold: every sale would cost and need a buy
    assert a.turnover == pytest.approx(0.2, abs=1e-5)


def test_too_low_turnover_cap_is_named():
    model, _, _ = fx_model(hedge=False)
    w0 = np.zeros(model.n)
    w0[0] = 1.0
    s = OptimizationSettings(
        objective=Objective.MIN_VARIANCE,
        constraints=Constraints(max_weight=0.3),
        trading=trading(model, w0, Costs.flat(5), 0.5),
    )
    with pytest.raises(InfeasibleError, match=r"max turnover 50% is too low.*at least 140%"):
        Optimizer(model).optimize(s)


def test_a_new_holding_is_a_re_solve_of_the_same_problem():
    model, _, _ = fx_model()
    opt = Optimizer(model)
    s1 = make_settings("max-sharpe", None, trading(model, current(model.n, 1), Costs.flat(20)))
    s2 = make_settings("max-sharpe", None, trading(model, current(model.n, 2), Costs(US=5, JP=40)))
    a1 = opt.optimize(s1)
    p = opt.problem(Objective.MAX_SHARPE, True)
    problem, compiled = p.problem, p.compiled()
    a2 = opt.optimize(s2)
    assert opt.problem(Objective.MAX_SHARPE, True).problem is problem and p.compiled() is compiled
    assert a1.weights != a2.weights
    # the plain problem is a separate one and keeps its fast path
    plain = opt.optimize(make_settings("min-variance", None))
    assert plain.solver == "DAQP"


def test_max_sharpe_when_no_portfolio_covers_the_costs_says_so():
    model, _, _ = fx_model()
    w0 = current(model.n, seed=4, total=0.5)  # half in cash: investing it at 100% costs 50%
    s = make_settings("max-sharpe", None, trading(model, w0, Costs.flat(10_000)))
    with pytest.raises(InfeasibleError, match="cost of getting there"):
        Optimizer(model).optimize(s)
