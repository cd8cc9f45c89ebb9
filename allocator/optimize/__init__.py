"""Mean-variance optimisation with theme, country and hedge constraints (cvxpy)."""

from allocator.optimize.engine import Optimizer, frontier, optimize
from allocator.optimize.result import Allocation, Frontier
from allocator.optimize.settings import Constraints, HedgeSetting, Objective, OptimizationSettings

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
