"""Re-solve a compiled cvxpy problem without cvxpy's per-solve overhead.

cvxpy canonicalises a DPP problem once into a parametrised cone program: a
sparse tensor that maps the stacked Parameter values to the solver's data
``(P, q, A, b)``.  ``problem.solve()`` then still spends ~4 ms per call on
Python bookkeeping (re-checking the chain, rebuilding matrices, a fresh
Clarabel object, inverting the solution), several times the solve itself
at N=45.  ``CompiledProblem`` keeps that tensor and one Clarabel solver:

* a re-solve is one sparse mat-vec from the parameter vector to the data
  values, written into fixed sparsity patterns;
* when only ``q`` and ``b`` moved (a slider, a frontier target) the live
  Clarabel solver is updated in place; when ``P`` or ``A`` moved (a new
  covariance) it is rebuilt - the sparsity pattern is the tensor's, so it
  never depends on the values;
* the solution is read straight from the columns cvxpy assigned to each
  variable.

The cvxpy problem stays the definition: data, cone layout and the variable
columns all come from cvxpy's own ``get_problem_data``; this module only
skips the repeated work.  Anything unexpected in that data (variable bounds,
a variable cvxpy has substituted) raises ``FastPathUnavailable`` at build
time, and a solve Clarabel cannot finish returns ``None`` - the caller then
falls back to ``problem.solve()``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import clarabel
import cvxpy as cp
import daqp
import numpy as np
import scipy.sparse as sp
from cvxpy.cvxcore.python import canonInterface
from cvxpy.reductions.cvx_attr2constr import CvxAttr2Constr
from cvxpy.reductions.solvers.conic_solvers.clarabel_conif import dims_to_solver_cones


class FastPathUnavailable(Exception):
    """cvxpy's canonical data has a shape this module does not handle."""


#: Clarabel statuses mapped onto cvxpy's, as cvxpy's own interface does.
_STATUS = {
    clarabel.SolverStatus.Solved: cp.OPTIMAL,
    clarabel.SolverStatus.AlmostSolved: cp.OPTIMAL_INACCURATE,
    clarabel.SolverStatus.PrimalInfeasible: cp.INFEASIBLE,
    clarabel.SolverStatus.AlmostPrimalInfeasible: cp.INFEASIBLE_INACCURATE,
    clarabel.SolverStatus.DualInfeasible: cp.UNBOUNDED,
    clarabel.SolverStatus.AlmostDualInfeasible: cp.UNBOUNDED_INACCURATE,
}


@dataclass(frozen=True)
class FastSolution:
    status: str  # a cvxpy status string
    values: dict[int, np.ndarray]  # variable id -> value (empty unless optimal)
    objective: float


class _Stuffed:
    """One of cvxpy's condensed parameter->data maps, with its fixed CSC pattern."""

    def __init__(self, reduced, with_offset: bool):
        reduced.cache(keep_zeros=False)
        self.mat = reduced.reduced_mat.tocsr()
        indices, indptr, shape = reduced.problem_data_index
        self.indices = np.asarray(indices)
        self.indptr = np.asarray(indptr)
        self.shape = tuple(shape)
        ncols = self.shape[1] - 1 if with_offset else self.shape[1]
        self.nnz = int(self.indptr[ncols])
        self.ncols = ncols

    def values(self, param_vec: np.ndarray) -> np.ndarray:
        return self.mat @ param_vec

    def columns(self):
        """The map by parameter column (CSC) and, per column, whether it reaches the matrix part."""
        csc = getattr(self, "_csc", None)
        if csc is None:
            csc = self._csc = self.mat.tocsc()
            hits = np.zeros(csc.shape[1], dtype=bool)
            for k in range(csc.shape[1]):
                rows = csc.indices[csc.indptr[k] : csc.indptr[k + 1]]
                hits[k] = bool(rows.size) and int(rows.min()) < self.nnz
            self._matrix_cols = hits
        return csc, self._matrix_cols

    def matrix(self, vals: np.ndarray, sign: float = 1.0) -> sp.csc_matrix:
        return sp.csc_matrix(
            (sign * vals[: self.nnz], self.indices[: self.nnz], self.indptr[: self.ncols + 1]),
            shape=(self.shape[0], self.ncols),
        )

    def offset(self, vals: np.ndarray) -> np.ndarray:
        out = np.zeros(self.shape[0])
        out[self.indices[self.nnz :]] = vals[self.nnz :]
        return out


def _canonical_ids(problem: cp.Problem, chain, inverse) -> dict[int, int]:
    """Variable id -> id of the same variable in the canonical program.

    ``CvxAttr2Constr`` swaps an attributed variable (``nonneg=True``) for a
    plain copy of the same shape plus a constraint; follow that swap.  Any
    other substitution (symmetric, sparse, diagonal variables) is refused.
    """
    ids = {v.id: v.id for v in problem.variables()}
    for reduction, inv in zip(chain.reductions, inverse):
        if isinstance(reduction, CvxAttr2Constr) and inv:
            id2new = inv[0]
            for var in problem.variables():
                new = id2new.get(ids[var.id])
                if new is None:
                    continue
                if new.shape != var.shape or var._has_dim_reducing_attr:
                    raise FastPathUnavailable(f"variable {var.name()} is reshaped by cvxpy")
                ids[var.id] = new.id
    return ids


class CompiledProblem:
    """A DPP cvxpy problem re-solved by Clarabel from cvxpy's canonical data."""

    def __init__(self, problem: cp.Problem, settings: dict | None = None, use_daqp: bool = True):
        if not problem.is_dpp():
            raise FastPathUnavailable("the problem is not DPP")
        data, chain, inverse = problem.get_problem_data(cp.CLARABEL)
        prog = data[cp.settings.PARAM_PROB]
        if getattr(prog, "lb_tensor", None) is not None or getattr(prog, "ub_tensor", None) is not None:
            raise FastPathUnavailable("variable bounds in the canonical data")
        self.prog = prog
        self.cones = dims_to_solver_cones(data[cp.settings.DIMS])
        self.nx = int(prog.x.size)
        self.cols: dict[int, tuple[int, int]] = {}
        current = _canonical_ids(problem, chain, inverse)
        for var in problem.variables():
            cid = current[var.id]
            if cid not in prog.var_id_to_col:
                raise FastPathUnavailable(f"variable {var.name()} has no column in the canonical data")
            start = int(prog.var_id_to_col[cid])
            self.cols[var.id] = (start, start + int(var.size))
        self._A = _Stuffed(prog.reduced_A, with_offset=True)
        self._P = _Stuffed(prog.reduced_P, with_offset=False) if prog.P is not None else None
        q_tensor = prog.q
        self._q = sp.csr_matrix(q_tensor.reshape((self.nx + 1, -1), order="F") if q_tensor.ndim == 1 else q_tensor)
        self._q_csc = self._q.tocsc()
        self.settings = settings or {}
        self._P_override: sp.csc_matrix | None = None  # set_quadratic
        self._solver: clarabel.DefaultSolver | None = None
        self._key: tuple[bytes, bytes] | None = None
        self._last_vals = None  # (A values, P values, P override) of the last solve
        self._last_mats = None  # (A, P) built from them
        self._base = None  # (param vector, A values, q values, P override) of the last full evaluation
        self._last_key_mats = None  # (A, key bytes)
        self._dense: _DenseQP | None = None
        self.use_daqp = use_daqp
        self.last_seconds = 0.0
        self.last_method = ""
        # Check once that our reading of the data is cvxpy's own.
        P, q, A, b, _d = self._data(self._param_vec())
        if (
            abs(A - data[cp.settings.A]).max() > 1e-12
            or np.abs(b - data[cp.settings.B]).max() > 1e-12
            or np.abs(q - data[cp.settings.C]).max() > 1e-12
            or (P is not None and abs(P - data[cp.settings.P]).max() > 1e-12)
        ):
            raise FastPathUnavailable("canonical data read back differently")

    # ------------------------------------------------------------------
    def _param_vec(self) -> np.ndarray:
        prog = self.prog
        return canonInterface.get_parameter_vector(
            prog.total_param_size,
            prog.param_id_to_col,
            prog.param_id_to_size,
            lambda pid: np.asarray(prog.id_to_param[pid].value),
        )

    def _data(self, pv: np.ndarray):
        a_vals = self._A.values(pv)
        A = self._A.matrix(a_vals, sign=-1.0)  # cvxpy: A x + b in K; Clarabel: b - A x in K
        b = self._A.offset(a_vals)
        qd = np.asarray(self._q @ pv).ravel()
        q, d = qd[:-1], float(qd[-1])
        if self._P_override is not None:
            P = self._P_override
        else:
            P = self._P.matrix(self._P.values(pv)) if self._P is not None else None
        return P, q, A, b, d

    def quadratic(self) -> sp.csc_matrix | None:
        """The quadratic term ``P`` of the canonical program as it stands (None for an LP)."""
        return self._data(self._param_vec())[0]

    def set_quadratic(self, P: sp.csc_matrix) -> None:
        """Use ``P`` as the quadratic term from now on (a constant one replaced: a new covariance)."""
        if P.shape != (self.nx, self.nx):
            raise ValueError(f"P must be {self.nx}x{self.nx}")
        self._P_override = sp.csc_matrix(P)

    def _settings(self) -> clarabel.DefaultSettings:
        s = clarabel.DefaultSettings()
        s.verbose = False
        # Tighter than Clarabel's defaults (1e-8): max-Sharpe divides by the
        # scale s, which turned a 1e-8 gap into 1e-5 weight errors; costs ~1-2
        # iterations.
        s.tol_gap_abs = s.tol_gap_rel = s.tol_feas = 1e-10
        s.tol_ktratio = 1e-8
        for k, v in self.settings.items():
            setattr(s, k, v)
        return s

    #: At most this many parameter entries moved since the last full evaluation: update, don't re-evaluate.
    INCREMENTAL_MAX = 8

    def _incremental(self, pv: np.ndarray):
        """``(A values, q values)`` from the last full evaluation plus the columns that moved, or None.

        The map from parameters to data is linear (cvxpy's DPP tensor), so a
        frontier's next target - one parameter entry - changes the data by one
        column of the map times the step.  Always relative to the last *full*
        evaluation (one update, no drift along a frontier); ``None`` (evaluate
        in full) when more entries moved or any of them reaches ``A`` or ``P``.
        """
        base = self._base
        if base is None or base[3] is not self._P_override or len(base[0]) != len(pv):
            return None
        moved = np.flatnonzero(pv != base[0])
        if len(moved) > self.INCREMENTAL_MAX:
            return None
        a_csc, a_matrix = self._A.columns()
        if a_matrix[moved].any():
            return None
        if self._P is not None and self._P_override is None and self._P.columns()[1][moved].any():
            return None
        step = pv[moved] - base[0][moved]
        a_vals, q_vals = base[1].copy(), base[2].copy()
        q_csc = self._q_csc
        for k, dk in zip(moved.tolist(), step.tolist()):
            lo, hi = a_csc.indptr[k], a_csc.indptr[k + 1]
            a_vals[a_csc.indices[lo:hi]] += a_csc.data[lo:hi] * dk
            lo, hi = q_csc.indptr[k], q_csc.indptr[k + 1]
            q_vals[q_csc.indices[lo:hi]] += q_csc.data[lo:hi] * dk
        return a_vals, q_vals

    def _data_for_solve(self, pv: np.ndarray):
        """``_data`` for a re-solve: ``A`` and ``P`` are rebuilt only when their values moved.

        Along a frontier (and for most slider moves) only ``b`` and ``q``
        change; building the sparse matrices and comparing their bytes cost
        ~1 ms of each ~1.5 ms point.  When only a few parameter entries that
        reach ``b`` and ``q`` moved (the frontier's target), those are updated
        from the last full evaluation (``_incremental``) and the matrices are
        the last ones as they stand.
        """
        inc = self._incremental(pv) if self._last_mats is not None else None
        if inc is not None:
            a_vals, qd = inc
            A, P = self._last_mats
            return P, qd[:-1], A, self._A.offset(a_vals), float(qd[-1])
        a_vals = self._A.values(pv)
        a_now = a_vals[: self._A.nnz]
        p_now = None if (self._P is None or self._P_override is not None) else self._P.values(pv)
        last = self._last_vals
        if (
            last is not None
            and last[2] is self._P_override
            and np.array_equal(last[0], a_now)
            and ((p_now is None and last[1] is None) or (p_now is not None and last[1] is not None and np.array_equal(last[1], p_now)))
        ):
            A, P = self._last_mats
        else:
            A = self._A.matrix(a_vals, sign=-1.0)
            if self._P_override is not None:
                P = self._P_override
            else:
                P = self._P.matrix(p_now) if p_now is not None else None
            self._last_vals = (a_now.copy(), None if p_now is None else p_now.copy(), self._P_override)
            self._last_mats = (A, P)
        b = self._A.offset(a_vals)
        qd = np.asarray(self._q @ pv).ravel()
        self._base = (pv.copy(), a_vals, qd, self._P_override)
        return P, qd[:-1], A, b, float(qd[-1])

    def solve(self) -> FastSolution | None:
        """Solve with the Parameters' current values; None when neither solver can finish."""
        pv = self._param_vec()
        P, q, A, b, d = self._data_for_solve(pv)
        if A is not (self._last_key_mats[0] if self._last_key_mats else None):
            key = (A.data.tobytes(), P.data.tobytes() if P is not None else b"")
            self._last_key_mats = (A, key)
        key = self._last_key_mats[1]
        if key != self._key:
            self._solver = None
            old = self._dense
            self._dense = _DenseQP.of(P, A, self.cones) if self.use_daqp else None
            if old is not None and self._dense is not None and old.lam is not None and len(old.lam) == len(self._dense.sense):
                # A slider moved a coefficient (max-Sharpe's homogenised bands):
                # same rows, so the last active set is still the best first guess.
                self._dense.lam = old.lam
            self._key = key
        if self._dense is not None:
            out = self._dense.solve(q, b)
            if out is not None:
                x, fval, self.last_seconds = out
                self.last_method = "DAQP"
                values = {vid: x[a:b_] for vid, (a, b_) in self.cols.items()}
                return FastSolution(cp.OPTIMAL, values, fval + d)
        self.last_method = "CLARABEL"
        return self._clarabel(P, q, A, b, d, key)

    def _clarabel(self, P, q, A, b, d, key) -> FastSolution | None:
        solver = self._solver
        if solver is not None and solver.is_data_update_allowed():
            solver.update(q=q, b=b)
        else:
            Pu = sp.triu(P).tocsc() if P is not None else sp.csc_matrix((self.nx, self.nx))
            solver = self._solver = clarabel.DefaultSolver(Pu, q, A, b, self.cones, self._settings())
        sol = solver.solve()
        self.last_seconds = float(sol.solve_time)
        status = _STATUS.get(sol.status)
        if status is None:
            self._solver = None  # start afresh next time
            return None
        values = {}
        if status in (cp.OPTIMAL, cp.OPTIMAL_INACCURATE):
            x = np.asarray(sol.x)
            values = {vid: x[a:b_] for vid, (a, b_) in self.cols.items()}
        return FastSolution(status, values, float(sol.obj_val) + d)


class _DenseQP:
    """The same canonical QP handed to DAQP, a dense dual active-set solver.

    Why: at N=45-200 the Hessian is a dense covariance, where an interior
    point method pays a factorisation per iteration (~1 ms a solve at N=45
    with Clarabel) while DAQP pays a few rank-one updates per active-set
    change and can start from the previous point's active set - along a
    frontier (only ``b`` moves) most points need a handful of iterations.
    Measured numbers are in bench/RESULTS.md.  Only for what DAQP handles
    exactly: a strictly convex QP (``P`` positive definite, checked by a
    Cholesky factorisation) with only equality and inequality rows.  Rows of
    ``A`` with one nonzero become DAQP's cheap simple bounds.
    """

    def __init__(self, H, f_rows, A_gen, gen_rows, bound_rows, bound_var, bound_coef, n_eq, nx):
        self.H = H
        self.A = A_gen
        self.gen_rows = gen_rows
        self.bound_rows, self.bound_var, self.bound_coef = bound_rows, bound_var, bound_coef
        self.n_eq = n_eq
        self.nx = nx
        self.sense = np.zeros(nx + len(gen_rows), dtype=np.int32)
        self.gen_eq = gen_rows < n_eq
        self.sense[nx:][self.gen_eq] = 5
        self.lam: np.ndarray | None = None
        self.workspace = None  # a daqp.Model set up for this H and A

    @classmethod
    def of(cls, P, A, cones) -> "_DenseQP | None":
        if P is None or any(not isinstance(c, (clarabel.ZeroConeT, clarabel.NonnegativeConeT)) for c in cones):
            return None
        H = P.toarray()
        H = 0.5 * (H + H.T)
        try:
            np.linalg.cholesky(H)
        except np.linalg.LinAlgError:
            return None  # not strictly convex: leave it to Clarabel
        n_eq = sum(c.dim for c in cones if isinstance(c, clarabel.ZeroConeT)) if cones and isinstance(cones[0], clarabel.ZeroConeT) else 0
        Ad = A.toarray()
        nnz = np.count_nonzero(Ad, axis=1)
        single = nnz == 1
        bound_rows = np.flatnonzero(single & (np.arange(len(Ad)) >= n_eq))
        bound_var = np.argmax(Ad[bound_rows] != 0, axis=1)
        bound_coef = Ad[bound_rows, bound_var]
        gen_rows = np.flatnonzero(~np.isin(np.arange(len(Ad)), bound_rows) & (nnz > 0))
        return cls(H, None, Ad[gen_rows], gen_rows, bound_rows, bound_var, bound_coef, n_eq, P.shape[0])

    def solve(self, q: np.ndarray, b: np.ndarray):
        nx = self.nx
        upper = np.full(nx, np.inf)
        lower = np.full(nx, -np.inf)
        lim = b[self.bound_rows] / self.bound_coef
        pos = self.bound_coef > 0
        np.minimum.at(upper, self.bound_var[pos], lim[pos])
        np.maximum.at(lower, self.bound_var[~pos], lim[~pos])
        gb = b[self.gen_rows]
        glo = np.where(self.gen_eq, gb, -1e30)
        bupper = np.concatenate([np.minimum(upper, 1e30), gb])
        blower = np.concatenate([np.maximum(lower, -1e30), glo])
        if np.any(blower > bupper + 1e-12):
            return None  # crossed bounds: infeasible; let Clarabel say so
        t0 = time.perf_counter()
        if self.workspace is not None:
            # Same H and A: DAQP keeps its factorisation and the previous
            # active set (the warm start along a frontier); only f and b move.
            if self.workspace.update(f=q, bupper=bupper, blower=blower) < 0:
                self.workspace = None
        if self.workspace is None and hasattr(daqp, "Model"):
            ws = daqp.Model()
            kw = {"dual_start": self.lam} if self.lam is not None else {}
            if ws.setup(self.H, q, self.A, bupper, blower, self.sense, **kw)[0] >= 0:
                self.workspace = ws
        if self.workspace is not None:
            x, fval, flag, info = self.workspace.solve()
        else:  # older daqp: one-shot solve, warm-started from the last multipliers
            kw = {"dual_start": self.lam} if self.lam is not None else {}
            x, fval, flag, info = daqp.solve(self.H, q, self.A, bupper, blower, self.sense, **kw)
        seconds = time.perf_counter() - t0
        if flag != 1:
            self.lam = None
            self.workspace = None
            return None
        self.lam = np.asarray(info["lam"]).copy()
        return np.asarray(x).copy(), float(fval), seconds
