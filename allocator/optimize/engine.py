"""The optimiser facade: a market model in, allocations and frontiers out.

``Optimizer`` keeps one compiled ``PortfolioProblem`` per objective for the
model's structure (assets, themes, countries, hedge currencies).  Changing
numbers - a new covariance, a moved slider - reuses them; only a change of
assets compiles anew.
"""

from __future__ import annotations

import time

import numpy as np

from allocator.errors import InfeasibleError
from allocator.model import MarketModel
from allocator.optimize.diagnose import check_feasible, max_return, pct
from allocator.optimize.problem import PortfolioProblem, Structure, risk_factor
from allocator.optimize.result import Allocation, Frontier, build_allocation
from allocator.optimize.settings import Constraints, HedgeSetting, Objective, OptimizationSettings


class Optimizer:
    def __init__(self, model: MarketModel):
        self._problems: dict[Objective, PortfolioProblem] = {}
        self.structure: Structure | None = None
        self.set_model(model)

    def set_model(self, model: MarketModel) -> None:
        structure = Structure.of(model.assets, model.hedge_currencies)
        if (
            self.structure is None
            or structure.tickers != self.structure.tickers
            or structure.hedge_currencies != self.structure.hedge_currencies
            or structure.themes != self.structure.themes
        ):
            self._problems.clear()
        self.structure = structure
        self.model = model
        self.factor = risk_factor(model.cov)

    def problem(self, objective: Objective) -> PortfolioProblem:
        p = self._problems.get(objective)
        if p is None:
            p = self._problems[objective] = PortfolioProblem(self.structure, objective)
        return p

    # ------------------------------------------------------------------
    def _rf(self, settings: OptimizationSettings) -> float:
        return self.model.rf if settings.rf is None else float(settings.rf)

    def _run(self, objective: Objective, settings: OptimizationSettings, target: float | None = None) -> Allocation:
        p = self.problem(objective)
        rf = self._rf(settings)
        p.set_values(self.model.mu, self.factor, self.model.mu_hedge, settings, rf)
        if target is not None:
            p.set_target(target)
        raw = p.solve()
        return build_allocation(
            self.model, raw.weights, raw.hedges, rf, objective.value, raw.solver, raw.status, raw.seconds
        )

    def optimize(self, settings: OptimizationSettings) -> Allocation:
        """The portfolio for ``settings``, or an OptimizationError naming the problem."""
        settings = settings.validate()
        c = settings.constraints
        check_feasible(self.structure, c)
        obj = settings.objective
        if obj is Objective.TARGET_RETURN:
            top = max_return(self.structure, c, self.model.mu, self.model.mu_hedge)
            if settings.target > top + 1e-9:
                raise InfeasibleError(
                    f"target return {pct(settings.target)} is above the highest reachable {pct(top)} "
                    "under these constraints"
                )
        if obj is Objective.TARGET_VOL:
            low = self._run(Objective.MIN_VARIANCE, settings)
            if settings.target < low.volatility - 1e-9:
                raise InfeasibleError(
                    f"target volatility {pct(settings.target)} is below the lowest reachable "
                    f"{pct(low.volatility)} under these constraints"
                )
        if obj is Objective.MAX_SHARPE:
            top = max_return(self.structure, c, self.model.mu, self.model.mu_hedge)
            rf = self._rf(settings)
            if top <= rf + 1e-9:
                raise InfeasibleError(
                    f"no portfolio earns more than the risk-free rate ({pct(rf)}) under these constraints; "
                    "max Sharpe is undefined - choose min variance or lower --rf"
                )
        return self._run(obj, settings)

    def frontier(self, settings: OptimizationSettings, points: int = 50) -> Frontier:
        """``points`` portfolios from min variance to max return, same constraints."""
        t0 = time.perf_counter()
        settings = settings.validate()
        if points < 2:
            from allocator.errors import InputError

            raise InputError("--points must be at least 2")
        check_feasible(self.structure, settings.constraints)
        low = self._run(Objective.MIN_VARIANCE, settings)
        high = self._run(Objective.MAX_RETURN, settings)
        r_lo, r_hi = low.expected_return, high.expected_return
        allocs = [low]
        if r_hi > r_lo + 1e-9:
            for r in np.linspace(r_lo, r_hi, points)[1:-1]:
                allocs.append(self._run(Objective.TARGET_RETURN, settings, target=float(r)))
            allocs.append(high)
        allocs.sort(key=lambda a: a.volatility)
        sharpe = [a.sharpe for a in allocs]
        return Frontier(
            tuple(allocs),
            int(np.argmax(sharpe)),
            settings.constraints.hedge.to_text(),
            time.perf_counter() - t0,
        )


def optimize(model: MarketModel, settings: OptimizationSettings) -> Allocation:
    return Optimizer(model).optimize(settings)


def frontier(model: MarketModel, settings: OptimizationSettings, points: int = 50) -> Frontier:
    return Optimizer(model).frontier(settings, points)


__all__ = [
    "Allocation",
    "Constraints",
    "Frontier",
    "HedgeSetting",
    "Objective",
    "OptimizationSettings",
    "Optimizer",
    "frontier",
    "optimize",
]
