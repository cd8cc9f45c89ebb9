"""Capital-market assumptions given directly (DESIGN §7), validated at the boundary."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from allocator.errors import AllocatorError, DocumentError
from allocator.text import T
from allocator.schema import AssumptionsFile, SchemaError, check
from allocator.estimators import correlation_from
from allocator.model import MarketModel, model_from_assumptions
from allocator.universe import Asset, Theme, Universe, parse_universe

MAX_BYTES = 20 * 1024 * 1024


def _num(x: Any, path: str, file: str, lo: float = -math.inf, hi: float = math.inf) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise DocumentError(T("must be a number, got {kind}", kind=type(x).__name__), path, file)
    v = float(x)
    if not math.isfinite(v) or not lo <= v <= hi:
        raise DocumentError(T("{value} is out of range [{lo}, {hi}]", value=v, lo=f"{lo:g}", hi=f"{hi:g}"), path, file)
    return v


def _matrix(raw: Any, n: int, path: str, file: str) -> np.ndarray:
    """An n x n symmetric positive semi-definite matrix (numbers already checked by the schema)."""
    if len(raw) != n:
        raise DocumentError(T("must be a list of {n} rows (one per asset, in assets order), got {got}", n=n, got=len(raw)), path, file)
    for i, row in enumerate(raw):
        if len(row) != n:
            raise DocumentError(T("must hold {n} numbers, got {got}", n=n, got=len(row)), f"{path}[{i}]", file)
    out = np.array(raw, dtype=float).reshape(n, n)
    if not np.allclose(out, out.T, atol=1e-10, rtol=1e-8):
        raise DocumentError(T("must be symmetric"), path, file)
    eig = np.linalg.eigvalsh(0.5 * (out + out.T))
    if eig.min() < -1e-8 * max(1.0, eig.max()):
        raise DocumentError(T("is not positive semi-definite (smallest eigenvalue {eig})", eig=f"{eig.min():.3g}"), path, file)
    return out


def _schema(raw: Any, file: str) -> AssumptionsFile:
    try:
        return check(AssumptionsFile, raw)
    except SchemaError as exc:
        raise DocumentError(exc.message, exc.path or None, file) from None


def parse_assumptions(raw: Any, file: str = "assumptions", need_returns: bool = True) -> tuple[Universe, dict[str, Any]]:
    """Validate the file (typed schema ``allocator.schema.AssumptionsFile``, then the cross-field rules).

    ``expected_returns`` may be left out when the returns come from the
    equilibrium prior (``need_returns=False``); ``reference_weights``,
    ``risk_aversion`` and ``views`` feed that prior (DESIGN §10).  Refused,
    each with the field named: unknown fields, tickers missing from or unknown
    to ``expected_returns`` / ``volatilities`` / ``fx.correlations``, a
    covariance given together with volatilities and correlations, a matrix
    that is not a symmetric positive semi-definite one, an all-zero
    covariance (every portfolio riskless: the Sharpe ratio is meaningless).
    """
    if not isinstance(raw, dict):
        raise DocumentError(T("must be a JSON object"), None, file)
    f = _schema(raw, file)
    assets_raw = f.assets
    themes = []
    for i, a in enumerate(assets_raw):
        t = a.get("theme")
        if isinstance(t, str) and t not in themes:
            themes.append(t)
    try:
        uni = parse_universe(
            {"themes": {t: {"name": t} for t in themes}, "assets": list(assets_raw)}, f"{file}: assets"
        )
    except Exception as exc:  # UniverseError carries the entry
        raise DocumentError(exc.message if isinstance(exc, AllocatorError) else str(exc), None, None) from None
    tickers = uni.tickers
    n = len(tickers)
    er = f.expected_returns
    if er is None:
        if need_returns:
            raise DocumentError(
                T("is missing (give {form}, or use --mean equilibrium / black-litterman)", form="{ticker: annual return}"),
                "expected_returns", file,
            )
        er = {t: 0.0 for t in tickers}
    _same_tickers(er, tickers, "expected_returns", file)
    mu = np.array([er[t] for t in tickers])
    has_vols = f.volatilities is not None or f.correlations is not None
    if f.covariance is not None and has_vols:
        raise DocumentError(
            T("give either covariance, or volatilities and correlations - not both (which one should win?)"),
            "covariance", file,
        )
    if f.covariance is not None:
        cov = _matrix(f.covariance, n, "covariance", file)
    elif f.volatilities is not None and f.correlations is not None:
        _same_tickers(f.volatilities, tickers, "volatilities", file)
        vols = np.array([f.volatilities[t] for t in tickers])
        corr = _matrix(f.correlations, n, "correlations", file)
        if not np.allclose(np.diag(corr), 1.0, atol=1e-8):
            raise DocumentError(T("diagonal must be 1"), "correlations", file)
        cov = correlation_from(vols, corr)
    elif has_vols:
        missing = "correlations" if f.correlations is None else "volatilities"
        raise DocumentError(T("is missing (volatilities need correlations, and correlations volatilities)"), missing, file)
    else:
        raise DocumentError(T("give either covariance, or volatilities and correlations"), None, file)
    if not np.any(np.diag(cov) > 0):
        raise DocumentError(
            T("every variance is zero, so every portfolio would be riskless and the Sharpe ratio unbounded; "
              "give annual variances (e.g. 0.04 for a 20% volatility)"),
            "covariance" if f.covariance is not None else "volatilities", file,
        )
    fx = None
    if f.fx is not None:
        corr = dict(f.fx.correlations or {})
        for t in corr:
            if t not in tickers:
                raise DocumentError(T("unknown ticker {ticker} (not in assets)", ticker=repr(t)), f"fx.correlations.{t}", file)
        fx = {"expected_return": f.fx.expected_return, "volatility": f.fx.volatility, "correlations": corr}
        # The asset correlations and the fx correlations must fit together.
        vols = np.sqrt(np.diag(cov))
        s_f = fx["volatility"]
        joint = np.zeros((n + 1, n + 1))
        joint[:n, :n] = cov
        c_rf = np.array([fx["correlations"].get(t, 0.0) * vols[i] * s_f for i, t in enumerate(tickers)])
        joint[:n, n] = joint[n, :n] = c_rf
        joint[n, n] = s_f**2
        eig = np.linalg.eigvalsh(joint)
        if eig.min() < -1e-8 * max(1.0, eig.max()):
            raise DocumentError(
                T("do not fit the asset correlations: the joint covariance of the returns and f is not "
                  "positive semi-definite (smallest eigenvalue {eig}); lower the largest |rho|", eig=f"{eig.min():.3g}"),
                "fx.correlations",
                file,
            )
    rates = dict(f.rates) if f.rates is not None else None
    prior = _prior_fields(raw, uni, file)
    return uni, {"mu": mu, "cov": cov, "fx": fx, "rates": rates, **prior}


def _same_tickers(values: dict, tickers: tuple[str, ...] | list[str], what: str, file: str) -> None:
    """``values`` has exactly the tickers of ``assets`` (first missing or unknown one named)."""
    known = set(tickers)
    for t in values:
        if t not in known:
            raise DocumentError(T("unknown ticker {ticker} (not in assets)", ticker=repr(t)), f"{what}.{t}", file)
    missing = [t for t in tickers if t not in values]
    if missing:
        raise DocumentError(T("missing {tickers}", tickers=", ".join(missing)), what, file)


def _prior_fields(raw: dict, uni: Universe, file: str) -> dict[str, Any]:
    """``reference_weights``, ``risk_aversion`` and ``views`` (all optional)."""
    from allocator.errors import InputError
    from allocator.views import View

    out: dict[str, Any] = {"reference_weights": None, "risk_aversion": None, "views": None}
    tickers = uni.tickers
    if raw.get("reference_weights") is not None:
        rw = raw["reference_weights"]
        if not isinstance(rw, dict):
            raise DocumentError(T("must be an object {form}", form="{ticker: weight}"), "reference_weights", file)
        extra = [t for t in rw if t not in tickers]
        if extra:
            raise DocumentError(T("unknown ticker(s) {tickers}", tickers=", ".join(map(str, extra))), "reference_weights", file)
        w = {t: _num(v, f"reference_weights.{t}", file, 0, 1e15) for t, v in rw.items()}
        if sum(w.values()) <= 0:
            raise DocumentError(T("must give a positive weight to at least one asset"), "reference_weights", file)
        out["reference_weights"] = w
    if raw.get("risk_aversion") is not None:
        out["risk_aversion"] = _num(raw["risk_aversion"], "risk_aversion", file, 1e-6, 100)
    if raw.get("views") is not None:
        vs = raw["views"]
        if not isinstance(vs, list):
            raise DocumentError(T("must be a list of views"), "views", file)
        views = []
        for i, v in enumerate(vs):
            try:
                views.append(View.from_dict(v, f"views[{i}]"))
            except InputError as exc:
                raise DocumentError(exc.message, None, file) from None
        out["views"] = views
    return out


def load_assumptions(path: str | Path, need_returns: bool = True) -> tuple[Universe, dict[str, Any]]:
    """Read (bounded), parse (strict JSON: a BOM is fine; NaN, huge numbers, duplicate keys,
    lone surrogates and deep nesting are refused with field and line) and validate a file."""
    from allocator.jsonfile import JsonProblem, loads_strict
    from allocator.userfile import read_user_file

    path = Path(path)
    file = str(path)
    blob = read_user_file(path, what=T("assumptions file"), max_bytes=MAX_BYTES)
    try:
        raw = loads_strict(blob)
    except JsonProblem as exc:
        msg = T("{why} (line {line})", why=exc.message, line=exc.line) if exc.line else exc.message
        raise DocumentError(msg, exc.path, file) from None
    return parse_assumptions(raw, file, need_returns)


def assumptions_model(universe: Universe, numbers: dict[str, Any], base: str = "USD") -> MarketModel:
    return model_from_assumptions(
        universe.assets, numbers["mu"], numbers["cov"], base, numbers["fx"], numbers["rates"], "assumptions"
    )


__all__ = ["Asset", "Theme", "assumptions_model", "load_assumptions", "parse_assumptions"]
