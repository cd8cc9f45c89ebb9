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

Risk comes in two forms (``RiskModel``).  Dense: ``x' S x`` with the
covariance ``S`` of ``[assets, hedges]`` a constant of the problem, so a new
covariance compiles anew (rare: new data) while every slider stays a
Parameter.  Measured at N=45 with Clarabel, this is ~3x faster per solve than
``||F x||^2`` with a Parameter ``F`` (whose canonical form adds n auxiliary
variables and a dense n x n block of equalities), and it gives the dense
active-set path (``fast.py``) a strictly convex Hessian.  Factor:
``||G x||^2 + ||d * x||^2`` with loadings ``G`` (r x (n+m)) and specific
risk ``d`` as Parameters - the sparse form that keeps N=500 fast.  Max-Sharpe
uses the usual homogenisation: scale ``s >= 0`` multiplies every budget-like
bound and the excess return is fixed to one, which keeps the problem a
convex QP.

From holdings (``trading=True``, DESIGN §12) the problem gains the current
weights, per-asset one-way costs and a turnover cap as Parameters and a trade
variable ``t >= |w - current|``; the cost ``cost't`` enters every objective
in its own units (see ``__init__``) and max Sharpe becomes the Sharpe ratio
net of costs, still homogenised.  ``t`` has no quadratic term, so the
Hessian is singular: ``fast.py``'s Cholesky test sends these problems to
Clarabel (DAQP needs a strictly convex QP), still from the kept canonical
data.  The plain problems are separate (their own compiled copies) and keep
the DAQP path.
"""

from __future__ import annotations

import os
import time
import warnings
from dataclasses import dataclass

import cvxpy as cp
import numpy as np
import scipy.sparse as sp

from allocator.errors import InfeasibleError, InputError, SolverError
from allocator.optimize.fast import CompiledProblem, FastPathUnavailable
from allocator.optimize.settings import Objective, OptimizationSettings
from allocator.universe import Asset
from allocator.text import T

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
    raise SolverError(T("the covariance matrix is not positive definite even after repair"))


@dataclass(frozen=True)
class FactorRisk:
    """Covariance in factor form: ``loadings.T @ loadings + diag(specific**2)``.

    ``loadings`` is (r, n+m) (factor covariance already folded in, e.g.
    ``chol(Sigma_f).T @ B.T``), ``specific`` the (n+m,) idiosyncratic
    volatilities (zero for a hedge instrument that is pure factor risk).
    """

    loadings: np.ndarray
    specific: np.ndarray

    def covariance(self) -> np.ndarray:
        return self.loadings.T @ self.loadings + np.diag(self.specific**2)

    @classmethod
    def from_factor_model(cls, exposures: np.ndarray, factor_cov: np.ndarray, specific_var: np.ndarray) -> "FactorRisk":
        """From ``B`` ((n+m) x k), ``Sigma_f`` (k x k) and specific variances."""
        return cls(risk_factor(factor_cov) @ np.asarray(exposures, dtype=float).T, np.sqrt(np.asarray(specific_var)))


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


def _set(param: cp.Parameter, value) -> None:
    """Set a Parameter unless it already holds ``value`` (cvxpy validates every
    assignment; the frontiers of one slider move re-set the same numbers)."""
    old = param.value
    if old is not None and np.shape(old) == np.shape(value) and np.array_equal(old, value):
        return
    param.value = value


class PortfolioProblem:
    """A compiled cvxpy problem for one structure and objective."""

    def __init__(
        self,
        structure: Structure,
        objective: Objective,
        cov: np.ndarray | None = None,
        factors: int | None = None,
        trading: bool = False,
    ):
        """``cov`` for the dense form (a constant of the problem) or ``factors`` = r for the factor form.

        ``trading=True`` adds the cost of getting there from the current
        weights (DESIGN §12): an L1 term on trades and a turnover cap, both
        Parameters, so a new holding or cost is a re-solve, not a re-build.
        """
        if (cov is None) == (factors is None):
            raise ValueError("give the covariance (dense risk) or the number of factors, not both")
        self.structure = structure
        self.objective = objective
        self.factors = factors
        n, m = structure.n, structure.m
        k, p = len(structure.themes), len(structure.countries)
        # One variable for [w, H]: a quadratic form of a plain variable needs
        # no auxiliary copy in cvxpy's canonical form (of an hstack it does),
        # which halves the QP and keeps its Hessian the (definite) covariance.
        self.x = x = cp.Variable(n + m, name="x")
        self.w = x[:n]
        self.h = x[n:] if m else None

        if factors is None:
            cov = np.asarray(cov, dtype=float)
            self.cov = 0.5 * (cov + cov.T)
            self.G = self.d = None
        else:
            self.cov = None
            self.G = cp.Parameter((factors, n + m), name="G")
            self.d = cp.Parameter(n + m, nonneg=True, name="specific")
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
        self.trading = trading
        if trading:
            # Current weights, one-way cost per unit of weight traded (return
            # units), the same scaled by 2/G for the variance objectives, and
            # the turnover cap.  ``t >= |w - current|`` is the trade.
            self.current = cp.Parameter(n, nonneg=True, name="current")
            self.cost = cp.Parameter(n, nonneg=True, name="cost")
            self.cost_u = cp.Parameter(n, nonneg=True, name="cost_utility")
            self.turnover = cp.Parameter(nonneg=True, name="max_turnover")
            self.t = cp.Variable(n, name="trade")

        sharpe = objective is Objective.MAX_SHARPE
        self.sharpe = sharpe
        # Max-Sharpe is homogenised: y = s*w with the scale s = sum(y) written
        # as an expression, not a variable of its own.  Then the only
        # variables are [y, G], the Hessian is the (positive-definite)
        # covariance, and the problem is a strictly convex QP that the dense
        # active-set path (fast.py) can take; a separate s would make it
        # singular and force the interior-point solver.
        s = cp.sum(self.w) if sharpe else 1.0

        def scaled(param):
            return cp.multiply(param, s) if sharpe else param

        cons = [] if sharpe else [cp.sum(self.w) == 1.0]
        cons += [
            self.w >= 0,
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
        if trading:
            start = scaled(self.current)
            cons += [self.t >= self.w - start, self.t >= start - self.w, cp.sum(self.t) <= scaled(self.turnover)]
            cost = self.cost @ self.t  # one-time cost, as a fraction of the portfolio
            cost_u = self.cost_u @ self.t  # the same in the variance objectives' units (x 2/G)
        else:
            cost = cost_u = 0.0
        ret = self.mu @ self.w + (self.mu_h @ self.h if m else 0.0)
        if factors is None:
            risk = cp.quad_form(x, cp.psd_wrap(self.cov))
            chol = risk_factor(self.cov)
            vol_norm = cp.norm(chol @ x, 2)
        else:
            risk = cp.sum_squares(self.G @ x) + cp.sum_squares(cp.multiply(self.d, x))
            vol_norm = cp.norm(cp.hstack([self.G @ x, cp.multiply(self.d, x)]), 2)
        # Costs enter every objective in its own units (README "Rebalancing"):
        # variance objectives weigh them against risk at the risk aversion G
        # (max G/2-utility: min x'Sx + (2/G) cost), return objectives subtract
        # them from the return, max Sharpe maximises the Sharpe ratio net of
        # them.  At cost zero each is the plain problem again.
        if objective is Objective.MIN_VARIANCE:
            obj = cp.Minimize(risk + cost_u)
        elif objective is Objective.TARGET_RETURN:
            obj = cp.Minimize(risk + cost_u)
            cons.append(ret >= self.target)
        elif objective is Objective.TARGET_VOL:
            obj = cp.Maximize(ret - cost)
            cons.append(vol_norm <= self.target)
        elif objective is Objective.MAX_UTILITY:
            ret_u = self.mu_u @ self.w + (self.mu_hu @ self.h if m else 0.0)
            obj = cp.Minimize(risk - ret_u + cost_u)
        elif objective is Objective.MAX_RETURN:
            obj = cp.Maximize(ret - cost)
        elif objective is Objective.MAX_SHARPE:
            obj = cp.Minimize(risk)
            if trading:
                # Homogenised net Sharpe: with y = s*w the perspective of the
                # concave net excess return, (mu - rf)'y - c'|y - s*current|,
                # must reach one.  ">=" keeps it convex and binds at the
                # optimum (scaling (y, s, t) down lowers the risk), so at cost
                # zero it is the plain "== 1" problem.
                cons.append(ret - self.rf * s - cost >= 1.0)
            else:
                # Excess return of the scaled portfolio fixed to one: (mu - rf)'y + mu_h'G == 1.
                cons.append(ret - self.rf * s == 1.0)
        else:  # pragma: no cover - enum is closed
            raise ValueError(objective)
        self.problem = cp.Problem(obj, cons)
        assert self.problem.is_dpp()
        # Defaults so that a solve with partial values still has numbers.
        self.target.value = 0.0
        self.rf.value = 0.0
        self._compiled: CompiledProblem | None | bool = None
        self._p_scale: float | bool | None = None  # see update_covariance
        self._stale = False  # the cvxpy problem's covariance is older than self.cov

    # ------------------------------------------------------------------
    def set_values(
        self,
        mu: np.ndarray,
        risk: "FactorRisk | None",
        mu_hedge: np.ndarray,
        settings: OptimizationSettings,
        rf: float,
    ) -> None:
        st = self.structure
        c = settings.constraints
        _set(self.mu, np.asarray(mu, dtype=float))
        if self.G is not None:
            _set(self.G, np.asarray(risk.loadings, dtype=float))
            _set(self.d, np.asarray(risk.specific, dtype=float))
        _set(self.cap, float(c.max_weight))
        bands = [c.theme_band(t) for t in st.themes]
        _set(self.theme_lo, np.array([b[0] for b in bands]))
        _set(self.theme_hi, np.array([b[1] for b in bands]))
        cb = [c.country_band(t) for t in st.countries]
        _set(self.country_lo, np.array([b[0] for b in cb]))
        _set(self.country_hi, np.array([b[1] for b in cb]))
        if st.m:
            _set(self.mu_h, np.asarray(mu_hedge, dtype=float))
            _set(self.hedge_lo, np.full(st.m, c.hedge.lo))
            _set(self.hedge_hi, np.full(st.m, c.hedge.hi))
        scale = 2.0 / float(settings.risk_aversion)
        _set(self.mu_u, scale * np.asarray(mu, dtype=float))
        if st.m:
            _set(self.mu_hu, scale * np.asarray(mu_hedge, dtype=float))
        _set(self.rf, float(rf))
        if settings.target is not None:
            _set(self.target, float(settings.target))
        if self.trading:
            self.set_trading(settings.trading, float(settings.risk_aversion))

    def asset_countries(self) -> list[str]:
        st = self.structure
        return [st.countries[int(np.argmax(st.country_matrix[:, i]))] for i in range(st.n)]

    def set_trading(self, trading, risk_aversion: float) -> None:
        """Current weights, costs and turnover cap from a ``Trading`` (None: no costs, start from cash)."""
        n = self.structure.n
        if trading is None:
            current, cost, cap = np.zeros(n), np.zeros(n), 2.0
        else:
            current = np.array([float(trading.current.get(t, 0.0)) for t in self.structure.tickers])
            cost = np.array([trading.costs.rate(c) for c in self.asset_countries()])
            # sum |w - current| <= sum w + sum current <= 2: the cap's "no limit"
            cap = 2.0 if trading.max_turnover is None else float(trading.max_turnover)
        self.current.value = current
        self.cost.value = cost
        self.cost_u.value = (2.0 / risk_aversion) * cost
        self.turnover.value = cap

    def set_target(self, target: float) -> None:
        # A plain scalar Parameter (no sign attribute): cvxpy's validation of the
        # value cost more than the DAQP solve of a frontier point.
        target = float(target)
        if not np.isfinite(target):
            raise InputError(T("the target must be a finite number"))
        self.target.save_value(target)

    def compiled(self) -> CompiledProblem | None:
        """cvxpy's canonical data kept for fast re-solves (None when that is not possible)."""
        if self._compiled is False:
            return None
        if self._compiled is None:
            try:
                self._compiled = CompiledProblem(self.problem)
            except FastPathUnavailable:
                self._compiled = False
                return None
        return self._compiled

    def _raw(self, w, h, solver: str, status: str, seconds: float) -> RawSolution:
        w = np.asarray(w, dtype=float)
        h = np.asarray(h, dtype=float) if h is not None else np.zeros(0)
        if self.sharpe:
            scale = float(w.sum())
            if not scale > 1e-12:
                raise InfeasibleError(T("no portfolio earns more than the risk-free rate under these constraints"))
            w, h = w / scale, h / scale
        return RawSolution(w, h, solver, status, seconds)

    # -- a new covariance without a new compile (the backtest) -----------
    def update_covariance(self, cov: np.ndarray) -> bool:
        """Use ``cov`` from now on, keeping the compiled canonical data; False if this problem cannot.

        In the dense form the covariance is a constant of the cvxpy problem,
        and there it enters the canonical data only as the quadratic term
        ``P = c * cov`` on the columns of ``x`` (checked once on the data
        cvxpy compiled: constant ``c``, nothing outside that block).  So a
        new estimate (each rebalance of a backtest) replaces ``P`` and skips
        cvxpy's recompilation (~10 ms at N=48).  Target-volatility also
        holds the covariance's factor in a cone: it says False (rebuild).
        If the fast path ever fails afterwards, the cvxpy problem is rebuilt
        with the new covariance before the plain solve.
        """
        if self.cov is None or self.objective is Objective.TARGET_VOL:
            return False
        compiled = self.compiled()
        if compiled is None:
            return False
        if self._p_scale is None:
            self._p_scale = self._quadratic_scale(compiled)
        if self._p_scale is False:
            return False
        cov = np.asarray(cov, dtype=float)
        if cov.shape != self.cov.shape or not np.isfinite(cov).all():
            return False
        cov = 0.5 * (cov + cov.T)
        a, b = compiled.cols[self.x.id]
        block = sp.coo_matrix(self._p_scale * cov)
        P = sp.csc_matrix((block.data, (block.row + a, block.col + a)), shape=(compiled.nx, compiled.nx))
        compiled.set_quadratic(P)
        self.cov = cov
        self._stale = True
        return True

    def _quadratic_scale(self, compiled) -> "float | bool":
        P0 = compiled.quadratic()
        if P0 is None:
            return False
        a, b = compiled.cols[self.x.id]
        P0 = P0.toarray()
        block = P0[a:b, a:b]
        outside = P0.copy()
        outside[a:b, a:b] = 0.0
        mask = np.abs(self.cov) > 1e-12 * float(np.abs(self.cov).max())
        if np.abs(outside).max(initial=0.0) > 0 or not mask.any() or np.abs(block[~mask]).max(initial=0.0) > 1e-12:
            return False
        ratios = block[mask] / self.cov[mask]
        c = float(np.median(ratios))
        if not c > 0 or np.abs(ratios - c).max() > 1e-9 * c:
            return False
        return c

    def _rebuild(self) -> None:
        """A fresh cvxpy problem for the current covariance, with every Parameter's value kept."""
        values = {p.name(): p.value for p in self.problem.parameters()}
        self.__init__(self.structure, self.objective, cov=self.cov, trading=self.trading)
        for p in self.problem.parameters():
            if values.get(p.name()) is not None:
                p.value = values[p.name()]

    def solve(self, fast: bool = True) -> RawSolution:
        """Solve with the current parameter values.

        First from the kept canonical data (``fast.py``: DAQP for strictly
        convex QPs, else Clarabel); if that cannot finish, the plain
        ``problem.solve()`` with each of ``SOLVERS`` in turn.
        """
        compiled = self.compiled() if fast else None
        if compiled is not None:
            t0 = time.perf_counter()
            try:
                sol = compiled.solve()
            except (ValueError, ArithmeticError, RuntimeError):
                sol = None
            if sol is not None:
                if sol.status in (cp.INFEASIBLE, cp.INFEASIBLE_INACCURATE):
                    raise InfeasibleError(T("the constraints cannot all hold at once"))
                if sol.status in (cp.UNBOUNDED, cp.UNBOUNDED_INACCURATE):
                    raise InfeasibleError(T("the problem is unbounded"))
                v = sol.values
                n = self.structure.n
                return self._raw(
                    v[self.x.id][:n],
                    v[self.x.id][n:] if self.h is not None else None,
                    compiled.last_method,
                    sol.status,
                    time.perf_counter() - t0,
                )
        if self._stale:
            self._rebuild()  # the cvxpy problem still holds the previous covariance
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
                raise InfeasibleError(T("the constraints cannot all hold at once"))
            if status in (cp.UNBOUNDED, cp.UNBOUNDED_INACCURATE):
                raise InfeasibleError(T("the problem is unbounded"))
            if status in _OK and self.w.value is not None:
                return self._raw(self.w.value, self.h.value if self.h is not None else None, f"{name} (cvxpy)", status, seconds)
            errors.append(f"{name}: status {status}")
        # The solvers' own words ("solve with verbose=True", "Parameter value must be real") are for
        # developers: the user gets what to do; ALLOCATOR_DEBUG=1 shows the details.
        detail = f" [{'; '.join(errors)}]" if os.environ.get("ALLOCATOR_DEBUG") else ""
        raise SolverError(
            T(
                "the optimiser could not solve this problem numerically (tried {solvers}); "
                "try looser constraints, a shrunk covariance (--cov ledoit-wolf) or a longer window{detail}",
                solvers=", ".join(SOLVERS),
                detail=detail,
            )
        )
