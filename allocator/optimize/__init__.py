"""Mean-variance optimisation with theme, country and hedge constraints (cvxpy)."""

from allocator.optimize._cvxpy import import_cvxpy

import_cvxpy()  # before any module of this package imports cvxpy: without eager scipy.stats

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
