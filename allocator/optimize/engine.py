"""The optimiser facade: a market model in, allocations and frontiers out.

``Optimizer`` keeps one compiled ``PortfolioProblem`` per objective for the
model's structure (assets, themes, countries, hedge currencies).  A moved
slider reuses them; a change of assets compiles anew, and so does a new
covariance in the dense risk form (a constant of the problem, see
problem.py; the factor form keeps it as Parameters).

The solver runs first and the diagnostics (``diagnose.py``: a few LPs, ~2-3
ms) only when it reports the problem infeasible, so a feasible slider move
costs one re-solve; an infeasible one still ends in the same named conflict.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from allocator.costs import MAX_BPS, Costs
from allocator.errors import InfeasibleError, InputError, SolverError
from allocator.model import MarketModel
from allocator.optimize.diagnose import check_feasible, check_honoured, max_return, pct, pcts
from allocator.optimize.problem import FactorRisk, PortfolioProblem, Structure
from allocator.optimize.result import Allocation, Frontier, build_allocation
from allocator.optimize.settings import Objective, OptimizationSettings
from allocator.text import T


class Optimizer:
    def __init__(self, model: MarketModel, risk: FactorRisk | None = None):
        self._problems: dict[Objective, PortfolioProblem] = {}
        self.structure: Structure | None = None
        self.risk: FactorRisk | None = None
        self.model: MarketModel | None = None
        self.set_model(model, risk)

    def set_model(self, model: MarketModel, risk: FactorRisk | None = None) -> None:
        """Use ``model``; ``risk`` gives its covariance in factor form (large universes)."""
        structure = Structure.of(model.assets, model.hedge_currencies)
        if risk is not None:
            cov = risk.covariance()
            if cov.shape != model.cov.shape or not np.allclose(
                cov, model.cov, rtol=0, atol=1e-9 * max(1.0, float(np.abs(model.cov).max()))
            ):
                raise InputError(T("the factor risk model does not reproduce the model's covariance"))
        old = self.structure
        same_shape = old is not None and (
            structure.tickers == old.tickers
            and structure.hedge_currencies == old.hedge_currencies
            and structure.themes == old.themes
            and structure.countries == old.countries
        )
        if risk is None:
            same_risk = self.risk is None and self.model is not None and np.array_equal(model.cov, self.model.cov)
        else:
            same_risk = self.risk is not None and self.risk.loadings.shape == risk.loadings.shape
        if same_shape and not same_risk and risk is None and self.risk is None:
            # A new covariance, same structure (a backtest's next rebalance): keep
            # the compiled problems that can take it in place, rebuild the others.
            self._problems = {k: p for k, p in self._problems.items() if p.update_covariance(model.cov)}
        elif not (same_shape and same_risk):
            self._problems.clear()
        self.structure = structure
        self.model = model
        self.risk = risk

    def problem(self, objective: Objective, trading: bool = False) -> PortfolioProblem:
        """The compiled problem for ``objective``; ``trading``: the cost-aware form (DESIGN §12)."""
        key = (objective, trading)
        p = self._problems.get(key)
        if p is None:
            if self.risk is None:
                p = PortfolioProblem(self.structure, objective, cov=self.model.cov, trading=trading)
            else:
                p = PortfolioProblem(self.structure, objective, factors=self.risk.loadings.shape[0], trading=trading)
            self._problems[key] = p
        return p

    # ------------------------------------------------------------------
    def _rf(self, settings: OptimizationSettings) -> float:
        return self.model.rf if settings.rf is None else float(settings.rf)

    def _run(
        self,
        objective: Objective,
        settings: OptimizationSettings,
        target: float | None = None,
        fresh: bool = True,
        light: bool = False,
    ) -> Allocation:
        """Solve one objective; ``fresh=False`` keeps the values already set (frontier: only the target moves)."""
        trading = settings.trading
        p = self.problem(objective, trading is not None)
        rf = self._rf(settings)
        if fresh:
            p.set_values(self.model.mu, self.risk, self.model.mu_hedge, settings, rf)
        if target is not None:
            p.set_target(target)
        raw = p.solve()
        alloc = build_allocation(
            self.model, raw.weights, raw.hedges, rf, objective.value, raw.solver, raw.status, raw.seconds,
            with_attribution=not light,
        )
        if trading is not None:
            alloc = with_trading(alloc, trading, self.model)
        return alloc

    def optimize(self, settings: OptimizationSettings, light: bool = False) -> Allocation:
        """The portfolio for ``settings``, or an OptimizationError naming the problem.

        ``light``: without the local/currency/carry attribution (a backtest's rebalances
        read only the weights and hedge ratios)."""
        settings = settings.validate()
        c = settings.constraints
        check_honoured(self.structure, c)
        if settings.trading is not None:
            unknown = sorted(set(settings.trading.current) - set(self.structure.tickers))
            if unknown:
                raise InputError(T("current weights name {ticker}, which is not in the model", ticker=unknown[0]))
        try:
            return self._run(settings.objective, settings, light=light)
        except InfeasibleError:
            self._diagnose(settings)
            raise

    def min_turnover(self, settings: OptimizationSettings) -> float:
        """The least turnover that reaches the constraints from the current weights."""
        t = settings.trading
        big = replace(t, costs=Costs.flat(MAX_BPS), max_turnover=None)
        s = replace(settings, objective=Objective.MIN_VARIANCE, trading=big, risk_aversion=1e-3)
        return float(self._run(Objective.MIN_VARIANCE, s, light=True).turnover)

    def _diagnose(self, settings: OptimizationSettings) -> None:
        """After an infeasible solve: raise the named reason, if one is found."""
        c = settings.constraints
        check_feasible(self.structure, c)
        t = settings.trading
        if t is not None and t.max_turnover is not None:
            loose = replace(settings, trading=replace(t, max_turnover=None))
            try:
                self._run(settings.objective, loose, light=True)
            except InfeasibleError:
                pass
            else:
                need = self.min_turnover(settings)
                raise InfeasibleError(
                    T(
                        "max turnover {turnover} is too low: reaching these constraints from the "
                        "current holdings trades at least {need} of the portfolio",
                        turnover=pct(t.max_turnover),
                        need=pct(need),
                    )
                )
        obj = settings.objective
        if obj is Objective.TARGET_RETURN:
            top = max_return(self.structure, c, self.model.mu, self.model.mu_hedge)
            if settings.target > top - 1e-7:
                raise InfeasibleError(
                    T(
                        "target return {target} is above the highest reachable {top} under these constraints",
                        target=pcts(settings.target, top)[0],
                        top=pcts(settings.target, top)[1],
                    )
                )
        if obj is Objective.TARGET_VOL:
            low = self._run(Objective.MIN_VARIANCE, settings)
            if settings.target < low.volatility + 1e-7:
                raise InfeasibleError(
                    T(
                        "target volatility {target} is below the lowest reachable {low} under these constraints",
                        target=pcts(settings.target, low.volatility)[0],
                        low=pcts(settings.target, low.volatility)[1],
                    )
                )
        if obj is Objective.MAX_SHARPE:
            top = max_return(self.structure, c, self.model.mu, self.model.mu_hedge)
            rf = self._rf(settings)
            if t is not None and top > rf + 1e-7:
                net = self._run(Objective.MAX_RETURN, replace(settings, trading=replace(t, max_turnover=None)), light=True)
                if net.net_return <= rf + 1e-7:
                    raise InfeasibleError(
                        T(
                            "no portfolio's expected return covers the risk-free rate ({rf}) and the cost of "
                            "getting there from the current holdings; max Sharpe net of costs is undefined - "
                            "lower --costs or choose max utility",
                            rf=pct(rf),
                        )
                    )
            if top <= rf + 1e-7:
                raise InfeasibleError(
                    T(
                        "no portfolio earns more than the risk-free rate ({rf}) under these constraints; "
                        "max Sharpe is undefined - choose min variance or lower --rf",
                        rf=pct(rf),
                    )
                )

    def frontier(self, settings: OptimizationSettings, points: int = 50) -> Frontier:
        """``points`` portfolios from min variance to max return, same constraints."""
        t0 = time.perf_counter()
        settings = settings.validate()
        if points < 2:
            raise InputError(T("--points must be at least 2"))
        check_honoured(self.structure, settings.constraints)
        try:
            low = self._run(Objective.MIN_VARIANCE, settings, light=True)
        except InfeasibleError:
            check_feasible(self.structure, settings.constraints)
            raise
        high = self._run(Objective.MAX_RETURN, settings, light=True)
        r_lo, r_hi = low.expected_return, high.expected_return
        allocs = [low]
        if r_hi > r_lo + 1e-9:
            # Consecutive targets differ only in b: the fast path reuses the
            # solver and warm-starts from the previous point's active set.
            grid = np.linspace(r_lo, r_hi, points)[1:-1]
            for i, r in enumerate(grid):
                allocs.append(
                    self._run(Objective.TARGET_RETURN, settings, target=float(r), fresh=i == 0, light=True)
                )
            allocs.append(self._top(settings, high, fresh=len(grid) == 0))
        best = self._exact_max_sharpe(settings, allocs)
        allocs.sort(key=lambda a: a.volatility)
        index = next(i for i, a in enumerate(allocs) if a is best) if best is not None else int(np.argmax([a.sharpe for a in allocs]))
        return Frontier(
            tuple(allocs),
            index,
            settings.constraints.hedge.to_text(),
            time.perf_counter() - t0,
        )

    def _top(self, settings: OptimizationSettings, high: Allocation, fresh: bool = True) -> Allocation:
        """The frontier's top end: the least-variance portfolio among those with the maximal return.

        The max-return LP is often not unique (two assets with the same
        mean; the hedge notional with zero carry), and whichever vertex the
        solver returns (``high``) may carry needless risk.  A second,
        lexicographic solve minimises the variance with the return held at
        the maximum (less a tolerance of 1e-7 relative, the solvers' own
        accuracy).  ``fresh=False``: the target-return problem already holds
        these settings (after the grid), only the target moves (~1 ms).
        """
        r_hi = high.expected_return
        for rel in (1e-7, 1e-5):
            target = r_hi - rel * max(1.0, abs(r_hi))
            try:
                top = self._run(Objective.TARGET_RETURN, settings, target=target, fresh=fresh, light=True)
            except (InfeasibleError, SolverError):
                fresh = True
                continue
            if top.volatility <= high.volatility + 1e-12:
                return top
            break
        return high

    def _exact_max_sharpe(self, settings: OptimizationSettings, allocs: list[Allocation]) -> Allocation | None:
        """The max-Sharpe portfolio itself, put in the frontier in place of the nearest grid point.

        The marked point is then the exact optimum, not the best of the grid.
        It replaces the interior point nearest in return (the frontier keeps
        its N points); with only the two ends it is added.  None (best of the
        grid is marked) when max Sharpe is undefined here (no portfolio beats
        rf) or from holdings, where the max-Sharpe objective is net of costs.
        """
        if settings.trading is not None or len(allocs) < 2:
            return None
        try:
            best = self._run(Objective.MAX_SHARPE, settings, light=True)
        except (InfeasibleError, SolverError):
            return None
        if best.sharpe < max(a.sharpe for a in allocs) - 1e-9:
            return None  # a solver hiccup: never mark a worse point than the grid's best
        interior = range(1, len(allocs) - 1)
        if interior:
            i = min(interior, key=lambda j: abs(allocs[j].expected_return - best.expected_return))
            allocs[i] = best
        else:
            allocs.insert(1, best)
        return best


    def frontiers(self, settings: OptimizationSettings, hedges, points: int = 50, cancelled=None):
        """Yield ``(key, hedge, Frontier)`` for each ``(key, HedgeSetting)`` of ``hedges``, in order.

        One pass over the compiled problems: the frontiers share every
        Parameter but the hedge band, and values that did not change are not
        set again.  ``cancelled()`` (optional) is asked between frontiers.
        """
        for key, hedge in hedges:
            if cancelled is not None and cancelled():
                return
            s = replace(settings, constraints=replace(settings.constraints, hedge=hedge))
            yield key, hedge, self.frontier(s, points)


def with_trading(alloc: Allocation, trading, model: MarketModel) -> Allocation:
    """``alloc`` with the turnover and one-time cost of getting there from ``trading.current``."""
    countries = {a.ticker: a.country for a in model.assets}
    turnover = cost = 0.0
    for t, w in alloc.weights.items():
        d = abs(w - float(trading.current.get(t, 0.0)))
        turnover += d
        cost += d * trading.costs.rate(countries[t])
    return replace(alloc, turnover=turnover, trading_cost=cost)


def optimize(model: MarketModel, settings: OptimizationSettings) -> Allocation:
    return Optimizer(model).optimize(settings)


def frontier(model: MarketModel, settings: OptimizationSettings, points: int = 50) -> Frontier:
    return Optimizer(model).frontier(settings, points)

