"""A new covariance in the dense form is swapped into the compiled problem (no recompile),
and gives the optimum a freshly compiled problem gives (the backtest relies on it)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from frontier import synthetic_market  # noqa: E402

from allocator.optimize import Constraints, HedgeSetting, Objective, OptimizationSettings, Optimizer  # noqa: E402


def _other_cov(model, seed):
    rng = np.random.default_rng(seed)
    n = len(model.cov)
    a = rng.normal(size=(n, n)) * 0.02
    cov = 0.6 * model.cov + a @ a.T / n + np.diag(rng.uniform(0.005, 0.02, n))
    return replace(model, cov=cov, mu=model.mu * rng.uniform(0.5, 1.5, model.n))


@pytest.mark.parametrize(
    "objective, target",
    [(Objective.MAX_SHARPE, None), (Objective.MIN_VARIANCE, None), (Objective.TARGET_RETURN, 0.08),
     (Objective.MAX_UTILITY, None), (Objective.TARGET_VOL, 0.15)],
)
def test_swapped_covariance_matches_a_fresh_compile(objective, target):
    model = synthetic_market(30, seed=5)[0]
    s = OptimizationSettings(
        objective=objective, target=target,
        constraints=Constraints(theme_targets={"defense": 0.2}, theme_tolerance=0.02, max_weight=0.15,
                                hedge=HedgeSetting.optimal()),
    )
    opt = Optimizer(model)
    opt.optimize(s)
    problem = opt.problem(objective)
    for seed in (1, 2, 3):
        new = _other_cov(model, seed)
        opt.set_model(new)
        got = opt.optimize(s)
        want = Optimizer(new).optimize(s)
        kept = opt.problem(objective) is problem
        assert kept == (objective is not Objective.TARGET_VOL)  # target-vol holds the factor in a cone
        w1 = np.array([got.weights[t] for t in new.tickers])
        w2 = np.array([want.weights[t] for t in new.tickers])
        assert np.abs(w1 - w2).max() < 2e-6, (objective, seed)
        assert got.volatility == pytest.approx(want.volatility, rel=1e-6)


def test_fallback_after_a_swap_solves_the_new_problem(monkeypatch):
    model = synthetic_market(20, seed=7)[0]
    s = OptimizationSettings(objective=Objective.MIN_VARIANCE, constraints=Constraints(max_weight=0.2))
    opt = Optimizer(model)
    opt.optimize(s)
    new = _other_cov(model, 9)
    opt.set_model(new)
    p = opt.problem(Objective.MIN_VARIANCE)
    monkeypatch.setattr(p.compiled(), "solve", lambda: None)  # the fast path gives up
    got = opt.optimize(s)
    assert "cvxpy" in got.solver
    want = Optimizer(new).optimize(s)
    assert max(abs(got.weights[t] - want.weights[t]) for t in new.tickers) < 1e-5
