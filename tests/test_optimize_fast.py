"""The fast path (kept canonical data, DAQP / Clarabel in place) gives the plain cvxpy optimum."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from frontier import synthetic_market  # noqa: E402

from allocator.errors import InfeasibleError  # noqa: E402
from allocator.model import MarketModel  # noqa: E402
from allocator.optimize import Constraints, HedgeSetting, Objective, OptimizationSettings, Optimizer  # noqa: E402
from allocator.optimize.fast import CompiledProblem  # noqa: E402

OBJECTIVES = [
    (Objective.MAX_SHARPE, None),
    (Objective.MIN_VARIANCE, None),
    (Objective.TARGET_RETURN, 0.07),
    (Objective.TARGET_VOL, 0.14),
    (Objective.MAX_UTILITY, None),
    (Objective.MAX_RETURN, None),
]
CONSTRAINTS = {
    "plain": Constraints(max_weight=0.15),
    "themes": Constraints(theme_targets={"defense": 0.2, "semis_ai": 0.15}, theme_tolerance=0.01, max_weight=0.1),
    "country+hedge": Constraints(
        theme_targets={"energy": 0.1}, max_weight=0.1, country_bounds={"JP": (0.25, 0.5)}, hedge=HedgeSetting.optimal()
    ),
    "hedge-half": Constraints(max_weight=0.12, hedge=HedgeSetting.fixed(0.5)),
}


def _unhedged(model: MarketModel) -> MarketModel:
    """The same assets with no hedge instrument (m = 0)."""
    n = model.n
    return MarketModel(model.assets, model.base, model.mu, model.cov[:n, :n], rf=model.rf)


@pytest.fixture(scope="module")
def market():
    return synthetic_market(45, seed=3)


TIGHT = dict(tol_gap_abs=1e-11, tol_gap_rel=1e-11, tol_feas=1e-11, tol_ktratio=1e-9)


def _both(opt: Optimizer, obj: Objective, settings: OptimizationSettings):
    """The fast answer and the plain cvxpy ``problem.solve()`` one (Clarabel, tight tolerances)."""
    p = opt.problem(obj)
    p.set_values(opt.model.mu, opt.risk, opt.model.mu_hedge, settings, opt._rf(settings))
    fast = p.solve()
    plain = p.solve(fast=False)
    p.problem.solve(solver="CLARABEL", **TIGHT)
    x = np.asarray(p.x.value)
    n = opt.structure.n
    if p.sharpe:  # homogenised: the scale is the sum of the asset part
        x = x / float(x[:n].sum())
    plain = type(plain)(x[:n], x[n:], plain.solver, plain.status, plain.seconds)
    return p, fast, plain


@pytest.mark.parametrize("hedged", [True, False])
@pytest.mark.parametrize("cname", list(CONSTRAINTS))
@pytest.mark.parametrize("obj,target", OBJECTIVES, ids=[o.value for o, _ in OBJECTIVES])
def test_fast_matches_plain_solve(market, hedged, cname, obj, target):
    model, _ = market
    if not hedged:
        model = _unhedged(model)
    opt = Optimizer(model)
    settings = OptimizationSettings(obj, target=target, constraints=CONSTRAINTS[cname]).validate()
    p, fast, plain = _both(opt, obj, settings)
    assert not fast.solver.endswith("(cvxpy)"), "the fast path should have solved this"
    assert plain.solver.endswith("(cvxpy)")
    x_fast = np.r_[fast.weights, fast.hedges]
    x_plain = np.r_[plain.weights, plain.hedges]
    cov, mu = model.cov, model.mu_full()
    if obj in (Objective.MAX_RETURN, Objective.TARGET_VOL):
        # Linear objective: the optimum may not be unique; compare objective values.
        assert mu @ x_fast == pytest.approx(mu @ x_plain, abs=1e-6)
    else:
        assert np.max(np.abs(x_fast - x_plain)) < 1e-6
    # Constraints hold on the fast answer.
    w = fast.weights
    c = settings.constraints
    assert w.sum() == pytest.approx(1.0, abs=1e-7) and w.min() > -1e-7 and w.max() < c.max_weight + 1e-7
    st = opt.structure
    for i, t in enumerate(st.themes):
        lo, hi = c.theme_band(t)
        assert lo - 1e-6 <= st.theme_matrix[i] @ w <= hi + 1e-6
    if obj is Objective.TARGET_VOL:
        assert np.sqrt(x_fast @ cov @ x_fast) <= target + 1e-6


def test_frontier_matches_plain_points(market):
    model, _ = market
    opt = Optimizer(model)
    settings = OptimizationSettings(constraints=CONSTRAINTS["country+hedge"])
    front = opt.frontier(settings, 12)
    assert np.all(np.diff(front.vols) >= -1e-9)
    assert {p.solver for p in front.points} <= {"DAQP", "CLARABEL"}
    p = opt.problem(Objective.TARGET_RETURN)
    for point in front.points[1:-1]:
        p.set_target(point.expected_return)
        p.problem.solve(solver="CLARABEL", **TIGHT)
        w = np.array(list(point.weights.values()))
        assert np.max(np.abs(w - p.w.value)) < 1e-6


def test_factor_form_gives_the_dense_optimum():
    model, risk = synthetic_market(60, seed=5)
    dense, factor = Optimizer(model), Optimizer(model, risk)
    for obj, target in OBJECTIVES[:5]:
        s = OptimizationSettings(obj, target=target, constraints=CONSTRAINTS["themes"])
        a, b = dense.optimize(s), factor.optimize(s)
        wa, wb = np.array(list(a.weights.values())), np.array(list(b.weights.values()))
        assert np.max(np.abs(wa - wb)) < 1e-5, obj
        assert b.solver == "CLARABEL"


def test_slider_move_reuses_the_solver(market):
    model, _ = market
    opt = Optimizer(model)
    for t in (0.20, 0.21, 0.22):
        s = OptimizationSettings(constraints=Constraints(theme_targets={"defense": t}, max_weight=0.1))
        a = opt.optimize(s)
        assert a.theme_weights["defense"] == pytest.approx(t, abs=1e-6)
    compiled = opt.problem(Objective.MAX_SHARPE).compiled()
    assert isinstance(compiled, CompiledProblem)
    # Homogenised max-Sharpe is strictly convex: the dense active-set solver
    # set up for the first move serves the next ones.
    assert compiled._dense is not None and compiled.last_method == "DAQP"


def test_infeasible_still_names_the_conflict(market):
    model, _ = market
    opt = Optimizer(model)
    s = OptimizationSettings(constraints=Constraints(theme_targets={"defense": 0.7, "semis_ai": 0.5}))
    with pytest.raises(InfeasibleError, match="sum to 120%"):
        opt.optimize(s)
    with pytest.raises(InfeasibleError, match="above the highest reachable"):
        opt.optimize(OptimizationSettings(Objective.TARGET_RETURN, target=0.9))
    with pytest.raises(InfeasibleError, match="below the lowest reachable"):
        opt.optimize(OptimizationSettings(Objective.TARGET_VOL, target=0.01))


def test_falls_back_to_plain_solve_when_fast_path_fails(market, monkeypatch):
    model, _ = market
    opt = Optimizer(model)
    s = OptimizationSettings(constraints=CONSTRAINTS["themes"])
    expected = opt.optimize(s)
    monkeypatch.setattr(CompiledProblem, "solve", lambda self: None)
    got = opt.optimize(s)
    assert got.solver == "CLARABEL (cvxpy)"
    assert got.sharpe == pytest.approx(expected.sharpe, abs=1e-6)


def test_a_frontier_step_updates_the_data_from_the_last_full_evaluation(market):
    """Between frontier targets only b moves: the incremental data equal cvxpy's map evaluated in full."""
    model, _ = market
    opt = Optimizer(model)
    settings = OptimizationSettings(constraints=CONSTRAINTS["country+hedge"])
    opt.frontier(settings, 6)
    p = opt.problem(Objective.TARGET_RETURN)
    compiled = p.compiled()
    for target in (0.05, 0.061, 0.0733):
        p.set_target(target)
        pv = compiled._param_vec()
        inc = compiled._incremental(pv)
        assert inc is not None  # one entry moved, and it reaches only b: no full evaluation
        P, q, A, b, d = compiled._data(pv)
        a_vals, qd = inc
        np.testing.assert_allclose(compiled._A.offset(a_vals), b, rtol=0, atol=1e-14)
        np.testing.assert_allclose(qd[:-1], q, rtol=0, atol=1e-14)
        got = compiled._data_for_solve(pv)
        assert abs(got[2] - A).max() == 0 and (got[0] is None) == (P is None)
    # a frontier drawn through the incremental path still has cvxpy's points
    front = opt.frontier(settings, 8)
    pp = opt.problem(Objective.TARGET_RETURN)
    for point in front.points[1:-1]:
        pp.set_target(point.expected_return)
        pp.problem.solve(solver="CLARABEL", **TIGHT)
        assert np.max(np.abs(np.array(list(point.weights.values())) - pp.w.value)) < 1e-6
