"""The mean-variance problem, compiled once and re-solved with new numbers.

One ``PortfolioProblem`` per (assets, hedge currencies, objective): every
number that a slider can move (expected returns, the risk factor, theme and
country bands, the cap, the hedge band, the target, the risk aversion) is a
``cp.Parameter``, so the problem is DPP: cvxpy canonicalises it once and a
re-solve only pushes new parameter values through.

Decision vector ``x = [w, H]``: asset weights ``w`` (long-only) and one hedge
notional ``H_c`` per foreign currency (DESIGN §8).  With exposure
``E_c = sum of w_i in currency c`` the hedge band is
``lo_c * E_c <= H_c <= hi_c * E_c`` - a fixed ratio is ``lo == hi``, the
optimiser's choice is ``[0, 1]`` - so every hedge setting is the same shape.

Risk is ``||F x||^2`` with ``F`` an upper Cholesky factor of the covariance
of ``[assets, hedges]`` (a sum of squares is cheaper for the solver than a
dense ``quad_form``).  Max-Sharpe uses the usual homogenisation: scale
``s >= 0`` multiplies every budget-like bound and the excess return is fixed
to one, which keeps the problem a convex QP.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import cvxpy as cp
import numpy as np

from allocator.errors import InfeasibleError, SolverError
from allocator.optimize.settings import Objective, OptimizationSettings
from allocator.universe import Asset

#: Solvers tried in order; the first is the default (DESIGN §9).
SOLVERS = ("CLARABEL", "SCS")

_OK = (cp.OPTIMAL, cp.OPTIMAL_INACCURATE)


def risk_factor(cov: np.ndarray) -> np.ndarray:
    """Upper-triangular ``F`` with ``F.T @ F == cov`` (a tiny ridge if needed)."""
    cov = 0.5 * (cov + cov.T)
    jitter = 0.0
    scale = max(float(np.max(np.diag(cov))), 1e-12)
    for _ in range(8):
        try:
            return np.linalg.cholesky(cov + jitter * np.eye(len(cov))).T
        except np.linalg.LinAlgError:
            jitter = scale * 1e-12 if jitter == 0 else jitter * 100
    raise SolverError("the covariance matrix is not positive definite even after repair")


@dataclass(frozen=True)
class Structure:
    """The fixed shape of a problem: which assets, themes, countries and currencies."""

    tickers: tuple[str, ...]
    themes: tuple[str, ...]
    countries: tuple[str, ...]
    hedge_currencies: tuple[str, ...]
    theme_matrix: np.ndarray  # (k, n)
    country_matrix: np.ndarray  # (p, n)
    exposure_matrix: np.ndarray  # (m, n)

    @classmethod
    def of(cls, assets: tuple[Asset, ...], hedge_currencies: tuple[str, ...]) -> "Structure":
        themes = tuple(dict.fromkeys(a.theme for a in assets))
        countries = tuple(dict.fromkeys(a.country for a in assets))
        n = len(assets)
        tm = np.array([[a.theme == t for a in assets] for t in themes], dtype=float).reshape(len(themes), n)
        cm = np.array([[a.country == c for a in assets] for c in countries], dtype=float).reshape(
            len(countries), n
        )
        em = np.array([[a.currency == c for a in assets] for c in hedge_currencies], dtype=float).reshape(
            len(hedge_currencies), n
        )
        return cls(tuple(a.ticker for a in assets), themes, countries, hedge_currencies, tm, cm, em)

    @property
    def n(self) -> int:
        return len(self.tickers)

    @property
    def m(self) -> int:
        return len(self.hedge_currencies)


@dataclass(frozen=True)
class RawSolution:
    weights: np.ndarray
    hedges: np.ndarray
    solver: str
    status: str
    seconds: float


class PortfolioProblem:
    """A compiled cvxpy problem for one structure and objective."""

    def __init__(self, structure: Structure, objective: Objective):
        self.structure = structure
        self.objective = objective
        n, m = structure.n, structure.m
        k, p = len(structure.themes), len(structure.countries)
        self.w = cp.Variable(n, nonneg=True, name="w")
        self.h = cp.Variable(m, name="H") if m else None
        x = cp.hstack([self.w, self.h]) if m else self.w

        self.F = cp.Parameter((n + m, n + m), name="F")
        self.mu = cp.Parameter(n, name="mu")
        self.mu_h = cp.Parameter(m, name="mu_h") if m else None
        self.theme_lo = cp.Parameter(k, nonneg=True, name="theme_lo")
        self.theme_hi = cp.Parameter(k, nonneg=True, name="theme_hi")
        self.country_lo = cp.Parameter(p, nonneg=True, name="country_lo")
        self.country_hi = cp.Parameter(p, nonneg=True, name="country_hi")
        self.cap = cp.Parameter(nonneg=True, name="cap")
        self.hedge_lo = cp.Parameter(m, nonneg=True, name="hedge_lo") if m else None
        self.hedge_hi = cp.Parameter(m, nonneg=True, name="hedge_hi") if m else None
        self.target = cp.Parameter(name="target")
        # max mu'x - g/2 x'Sx  <=>  min x'Sx - (2/g) mu'x: the risk aversion enters
        # as a scaled copy of the returns, which keeps the problem DPP.
        self.mu_u = cp.Parameter(n, name="mu_utility")
        self.mu_hu = cp.Parameter(m, name="mu_h_utility") if m else None
        self.rf = cp.Parameter(name="rf")

        sharpe = objective is Objective.MAX_SHARPE
        self.s = cp.Variable(nonneg=True, name="s") if sharpe else None
        s = self.s if sharpe else 1.0

        def scaled(param):
            return cp.multiply(param, s) if sharpe else param

        cons = [
            cp.sum(self.w) == s,
            self.w <= scaled(self.cap),
            structure.theme_matrix @ self.w >= scaled(self.theme_lo),
            structure.theme_matrix @ self.w <= scaled(self.theme_hi),
            structure.country_matrix @ self.w >= scaled(self.country_lo),
            structure.country_matrix @ self.w <= scaled(self.country_hi),
        ]
        if m:
            exposure = structure.exposure_matrix @ self.w
            cons += [
                self.h >= cp.multiply(self.hedge_lo, exposure),
                self.h <= cp.multiply(self.hedge_hi, exposure),
            ]
        ret = self.mu @ self.w + (self.mu_h @ self.h if m else 0.0)
        risk = cp.sum_squares(self.F @ x)
        if objective is Objective.MIN_VARIANCE:
            obj = cp.Minimize(risk)
        elif objective is Objective.TARGET_RETURN:
            obj = cp.Minimize(risk)
            cons.append(ret >= self.target)
        elif objective is Objective.TARGET_VOL:
            obj = cp.Maximize(ret)
            cons.append(cp.norm(self.F @ x, 2) <= self.target)
        elif objective is Objective.MAX_UTILITY:
            ret_u = self.mu_u @ self.w + (self.mu_hu @ self.h if m else 0.0)
            obj = cp.Minimize(risk - ret_u)
        elif objective is Objective.MAX_RETURN:
            obj = cp.Maximize(ret)
        elif objective is Objective.MAX_SHARPE:
            obj = cp.Minimize(risk)
            # Excess return of the scaled portfolio fixed to one: (mu - rf)'y + mu_h'G == 1.
            cons.append(ret - self.rf * self.s == 1.0)
        else:  # pragma: no cover - enum is closed
            raise ValueError(objective)
        self.problem = cp.Problem(obj, cons)
        assert self.problem.is_dpp()
        # Defaults so that a solve with partial values still has numbers.
        self.target.value = 0.0
        self.rf.value = 0.0

    # ------------------------------------------------------------------
    def set_values(
        self,
        mu: np.ndarray,
        factor: np.ndarray,
        mu_hedge: np.ndarray,
        settings: OptimizationSettings,
        rf: float,
    ) -> None:
        st = self.structure
        c = settings.constraints
        self.mu.value = np.asarray(mu, dtype=float)
        self.F.value = np.asarray(factor, dtype=float)
        self.cap.value = float(c.max_weight)
        bands = [c.theme_band(t) for t in st.themes]
        self.theme_lo.value = np.array([b[0] for b in bands])
        self.theme_hi.value = np.array([b[1] for b in bands])
        cb = [c.country_band(t) for t in st.countries]
        self.country_lo.value = np.array([b[0] for b in cb])
        self.country_hi.value = np.array([b[1] for b in cb])
        if st.m:
            self.mu_h.value = np.asarray(mu_hedge, dtype=float)
            self.hedge_lo.value = np.full(st.m, c.hedge.lo)
            self.hedge_hi.value = np.full(st.m, c.hedge.hi)
        scale = 2.0 / float(settings.risk_aversion)
        self.mu_u.value = scale * self.mu.value
        if st.m:
            self.mu_hu.value = scale * self.mu_h.value
        self.rf.value = float(rf)
        if settings.target is not None:
            self.target.value = float(settings.target)

    def set_target(self, target: float) -> None:
        self.target.value = float(target)

    def solve(self) -> RawSolution:
        """Solve with the current parameter values; fall back to the next solver on failure."""
        errors = []
        for name in SOLVERS:
            t0 = time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    self.problem.solve(solver=name, warm_start=True)
            except (cp.error.SolverError, ValueError, ArithmeticError) as exc:
                errors.append(f"{name}: {exc}")
                continue
            status = self.problem.status
            seconds = time.perf_counter() - t0
            if status in (cp.INFEASIBLE, cp.INFEASIBLE_INACCURATE):
                raise InfeasibleError("the constraints cannot all hold at once")
            if status in (cp.UNBOUNDED, cp.UNBOUNDED_INACCURATE):
                raise InfeasibleError("the problem is unbounded")
            if status in _OK and self.w.value is not None:
                w = np.asarray(self.w.value, dtype=float)
                h = np.asarray(self.h.value, dtype=float) if self.h is not None else np.zeros(0)
                if self.s is not None:
                    scale = float(self.s.value)
                    if not scale > 1e-12:
                        raise InfeasibleError("no portfolio earns more than the risk-free rate under these constraints")
                    w, h = w / scale, h / scale
                return RawSolution(w, h, name, status, seconds)
            errors.append(f"{name}: status {status}")
        raise SolverError("the solver failed (" + "; ".join(errors) + "); try looser constraints")
