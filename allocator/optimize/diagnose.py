"""Feasibility checks before the solver runs, with conflicts named in plain words.

The weight constraints are linear (budget, long-only, cap, theme and country
bands), so each check is either arithmetic or a small LP (scipy's HiGHS).
The hedge band never makes a problem infeasible: any ``H`` between
``lo * E`` and ``hi * E`` will do.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import linprog

from allocator.errors import InfeasibleError, InputError
from allocator.optimize.problem import Structure
from allocator.optimize.settings import Constraints
from allocator.text import T

EPS = 1e-9


def pct(x: float, decimals: int = 2) -> str:
    s = f"{100 * x:.{decimals}f}".rstrip("0").rstrip(".")
    return s + "%"


def pcts(*values: float) -> list[str]:
    """``pct`` of each value with the fewest decimals (2 to 10) at which unequal values read unequal.

    A conflict message compares numbers ("a 33.33% cap across 3 assets can invest at
    most 99.99%", not "... at most 100%"): rounding must never hide the gap.
    """
    for d in range(2, 11):
        out = [pct(v, d) for v in values]
        if all(out[i] != out[j] or abs(values[i] - values[j]) < 1e-13
               for i in range(len(values)) for j in range(i + 1, len(values))):
            return out
    return out


def _bounds_rows(structure: Structure, c: Constraints, use_themes=True, use_countries=True):
    """A_ub x <= b_ub rows for theme and country bands."""
    rows, rhs = [], []
    if use_themes:
        for i, key in enumerate(structure.themes):
            lo, hi = c.theme_band(key)
            rows += [-structure.theme_matrix[i], structure.theme_matrix[i]]
            rhs += [-lo, hi]
    if use_countries:
        for i, key in enumerate(structure.countries):
            lo, hi = c.country_band(key)
            rows += [-structure.country_matrix[i], structure.country_matrix[i]]
            rhs += [-lo, hi]
    n = structure.n
    return (np.array(rows).reshape(-1, n), np.array(rhs)) if rows else (None, None)


def _lp(structure: Structure, c: Constraints, objective: np.ndarray, use_themes=True, use_countries=True):
    """Minimise ``objective @ w`` over the feasible weights; None when infeasible."""
    n = structure.n
    a_ub, b_ub = _bounds_rows(structure, c, use_themes, use_countries)
    res = linprog(
        objective,
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=np.ones((1, n)),
        b_eq=[1.0],
        bounds=[(0.0, c.max_weight)] * n,
        method="highs",
    )
    return res if res.status == 0 else None


def check_names(structure: Structure, c: Constraints) -> None:
    """Unknown theme or country keys are bad input (exit 2), not a conflict."""
    known = set(structure.themes)
    for key in c.theme_targets:
        if key not in known:
            raise InputError(
                T("unknown theme {theme}; themes in this universe: {themes}", theme=repr(key), themes=", ".join(structure.themes))
            )
    for key in c.country_bounds:
        if key not in ("US", "JP"):
            raise InputError(T("unknown country {country}; use US or JP", country=repr(key)))


def check_honoured(structure: Structure, c: Constraints) -> None:
    """Before the solve: every constraint the user set is either in the problem or rejected by name.

    Names first (``check_names``, exit 2).  A country bound is a row of the
    problem only for a country that has assets; on one without (``--country
    US=0.2:1`` on Japanese-only data) its lower bound cannot hold, and the
    solve would have silently ignored it: that is a named conflict (exit 3)
    now.  An upper bound alone there holds trivially (weight 0).
    """
    check_names(structure, c)
    conflicts = [
        T("country {country} >= {lo} but the universe has no {country} assets", country=key, lo=pct(c.country_band(key)[0]))
        for key in c.country_bounds
        if key not in structure.countries and c.country_band(key)[0] > EPS
    ]
    if conflicts:
        raise InfeasibleError("; ".join(conflicts), conflicts)


def check_feasible(structure: Structure, c: Constraints) -> None:
    """Raise InfeasibleError naming every conflict found among the constraints."""
    conflicts: list[str] = []
    check_names(structure, c)
    n = structure.n
    cap = c.max_weight
    if cap * n < 1 - EPS:
        cap_s, most_s, _ = pcts(cap, cap * n, 1.0)
        conflicts.append(T("a {cap} cap across {n} assets can invest at most {most}", cap=cap_s, n=n, most=most_s))

    lows = {k: c.theme_band(k)[0] for k in c.theme_targets}
    total_lo = sum(lows.values())
    if total_lo > 1 + EPS:
        parts = " + ".join(f"{k}={pct(v)}" for k, v in c.theme_targets.items())
        if c.theme_tolerance == 0:
            conflicts.append(T("theme targets sum to {total} ({parts}), more than 100%", total=pct(total_lo), parts=parts))
        else:
            conflicts.append(
                T("theme targets less their tolerance sum to {total} ({parts}), more than 100%", total=pct(total_lo), parts=parts)
            )
    free = [k for k in structure.themes if k not in c.theme_targets]
    if not free and c.theme_targets:
        total_hi = sum(c.theme_band(k)[1] for k in structure.themes)
        if total_hi < 1 - EPS:
            conflicts.append(
                T(
                    "theme targets sum to {total} and every theme is named, "
                    "so nothing can hold the other {rest}; leave a theme free or raise the targets",
                    total=pct(total_hi),
                    rest=pct(1 - total_hi),
                )
            )
    for i, key in enumerate(structure.themes):
        lo, _ = c.theme_band(key)
        count = int(structure.theme_matrix[i].sum())
        if lo > cap * count + EPS:
            need = math.ceil(lo / cap - EPS)
            conflicts.append(
                T("{theme}={target} needs {need} assets at a {cap} cap, only {count} exist", theme=key, target=pct(lo), need=need, cap=pct(cap), count=count)
            )
    cl = {k: c.country_band(k) for k in structure.countries}
    if sum(lo for lo, _ in cl.values()) > 1 + EPS:
        conflicts.append(T("country lower bounds sum to {total}, more than 100%", total=pct(sum(lo for lo, _ in cl.values()))))
    if c.country_bounds and all(k in c.country_bounds for k in structure.countries):
        hi_sum = sum(hi for _, hi in cl.values())
        if hi_sum < 1 - EPS:
            conflicts.append(T("country upper bounds sum to {total}, less than 100%", total=pct(hi_sum)))
    for i, key in enumerate(structure.countries):
        lo, _ = cl[key]
        count = int(structure.country_matrix[i].sum())
        if lo > cap * count + EPS:
            conflicts.append(
                T("country {country} >= {lo} needs more than its {count} assets at a {cap} cap", country=key, lo=pct(lo), count=count, cap=pct(cap))
            )
    for key in c.country_bounds:
        if key not in structure.countries and c.country_bounds[key][0] > EPS:
            conflicts.append(
                T("country {country} >= {lo} but the universe has no {country} assets", country=key, lo=pct(c.country_bounds[key][0]))
            )
    if conflicts:
        raise InfeasibleError("; ".join(conflicts), conflicts)

    # Country bounds against the themes (and the cap): what can each country hold?
    if c.country_bounds:
        for i, key in enumerate(structure.countries):
            if key not in c.country_bounds:
                continue
            lo, hi = cl[key]
            row = structure.country_matrix[i]
            low = _lp(structure, c, row, use_countries=False)
            high = _lp(structure, c, -row, use_countries=False)
            if low is None or high is None:
                break  # the themes alone conflict; reported below
            min_w, max_w = low.fun, -high.fun
            forcing = _forcing_themes(structure, c, key)
            if hi < min_w - 1e-7:
                if forcing:
                    conflicts.append(
                        T(
                            "country {country} <= {hi} contradicts the theme targets, which put at least {least} in {country} ({forcing})",
                            country=key, hi=pct(hi), least=pct(min_w), forcing=forcing,
                        )
                    )
                else:
                    conflicts.append(
                        T(
                            "country {country} <= {hi} contradicts the theme targets, which put at least {least} in {country}",
                            country=key, hi=pct(hi), least=pct(min_w),
                        )
                    )
            if lo > max_w + 1e-7:
                conflicts.append(
                    T(
                        "country {country} >= {lo} contradicts the theme targets and cap, which allow at most {most} in {country}",
                        country=key, lo=pct(lo), most=pct(max_w),
                    )
                )
    if conflicts:
        raise InfeasibleError("; ".join(conflicts), conflicts)
    if _lp(structure, c, np.zeros(n)) is None:
        msg = T("the theme targets, country bounds and per-asset cap cannot all hold together")
        if _lp(structure, c, np.zeros(n), use_countries=False) is None:
            msg = T("the theme targets cannot all hold under the per-asset cap")
        raise InfeasibleError(msg, [msg])


def _forcing_themes(structure: Structure, c: Constraints, country: str) -> str:
    """Named themes whose assets are all in ``country`` (they force weight into it)."""
    ci = structure.countries.index(country)
    out = []
    for i, key in enumerate(structure.themes):
        members = structure.theme_matrix[i] > 0
        lo, _ = c.theme_band(key)
        if lo > 0 and members.any() and np.all(structure.country_matrix[ci][members] > 0):
            out.append(f"{key}={pct(lo)}")
    return ", ".join(out)


def max_return(structure: Structure, c: Constraints, mu: np.ndarray, mu_hedge: np.ndarray) -> float:
    """Highest expected return reachable under the constraints (hedge at its best end)."""
    eff = np.asarray(mu, dtype=float).copy()
    for ci in range(structure.m):
        best = max(c.hedge.lo * mu_hedge[ci], c.hedge.hi * mu_hedge[ci])
        eff += best * structure.exposure_matrix[ci]
    res = _lp(structure, c, -eff)
    if res is None:
        raise InfeasibleError(T("the constraints cannot all hold together"))
    return float(-res.fun)
