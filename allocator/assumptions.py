"""Capital-market assumptions given directly (DESIGN §7), validated at the boundary."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from allocator.errors import DocumentError
from allocator.estimators import correlation_from
from allocator.model import MarketModel, model_from_assumptions
from allocator.universe import Asset, Theme, Universe, parse_universe

MAX_BYTES = 20 * 1024 * 1024


def _num(x: Any, path: str, file: str, lo: float = -math.inf, hi: float = math.inf) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise DocumentError(f"must be a number, got {type(x).__name__}", path, file)
    v = float(x)
    if not math.isfinite(v) or not lo <= v <= hi:
        raise DocumentError(f"{v} is out of range [{lo:g}, {hi:g}]", path, file)
    return v


def _matrix(raw: Any, n: int, path: str, file: str) -> np.ndarray:
    if not isinstance(raw, list) or len(raw) != n:
        raise DocumentError(f"must be a list of {n} rows", path, file)
    out = np.zeros((n, n))
    for i, row in enumerate(raw):
        if not isinstance(row, list) or len(row) != n:
            raise DocumentError(f"must hold {n} numbers", f"{path}[{i}]", file)
        for j, x in enumerate(row):
            out[i, j] = _num(x, f"{path}[{i}][{j}]", file)
    if not np.allclose(out, out.T, atol=1e-10, rtol=1e-8):
        raise DocumentError("must be symmetric", path, file)
    eig = np.linalg.eigvalsh(0.5 * (out + out.T))
    if eig.min() < -1e-8 * max(1.0, eig.max()):
        raise DocumentError(f"is not positive semi-definite (smallest eigenvalue {eig.min():.3g})", path, file)
    return out


def parse_assumptions(raw: Any, file: str = "assumptions", need_returns: bool = True) -> tuple[Universe, dict[str, Any]]:
    """Validate the JSON structure; return the universe and the numbers.

    ``expected_returns`` may be left out when the returns come from the
    equilibrium prior (``need_returns=False``); ``reference_weights``,
    ``risk_aversion`` and ``views`` feed that prior (DESIGN §10).
    """
    if not isinstance(raw, dict):
        raise DocumentError("must be a JSON object", None, file)
    assets_raw = raw.get("assets")
    if not isinstance(assets_raw, list) or not assets_raw:
        raise DocumentError("must be a non-empty list", "assets", file)
    themes = []
    for i, a in enumerate(assets_raw):
        if not isinstance(a, dict):
            raise DocumentError("must be an object", f"assets[{i}]", file)
        t = a.get("theme")
        if isinstance(t, str) and t not in themes:
            themes.append(t)
    try:
        uni = parse_universe(
            {"themes": {t: {"name": t} for t in themes}, "assets": assets_raw}, f"{file}: assets"
        )
    except Exception as exc:  # UniverseError carries the entry
        raise DocumentError(str(exc), None, None) from None
    tickers = uni.tickers
    n = len(tickers)
    er = raw.get("expected_returns")
    if er is None and not need_returns:
        er = {t: 0.0 for t in tickers}
    if not isinstance(er, dict):
        raise DocumentError("must be an object {ticker: annual return}", "expected_returns", file)
    missing = [t for t in tickers if t not in er]
    if missing:
        raise DocumentError(f"missing {', '.join(missing)}", "expected_returns", file)
    extra = [t for t in er if t not in tickers]
    if extra:
        raise DocumentError(f"unknown ticker(s) {', '.join(map(str, extra))}", "expected_returns", file)
    mu = np.array([_num(er[t], f"expected_returns.{t}", file, -1, 10) for t in tickers])
    if "covariance" in raw:
        cov = _matrix(raw["covariance"], n, "covariance", file)
    elif "volatilities" in raw and "correlations" in raw:
        vr = raw["volatilities"]
        if not isinstance(vr, dict):
            raise DocumentError("must be an object {ticker: annual vol}", "volatilities", file)
        vols = np.array([_num(vr.get(t), f"volatilities.{t}", file, 0, 10) for t in tickers])
        corr = _matrix(raw["correlations"], n, "correlations", file)
        if not np.allclose(np.diag(corr), 1.0, atol=1e-8):
            raise DocumentError("diagonal must be 1", "correlations", file)
        if (np.abs(corr) > 1 + 1e-12).any():
            raise DocumentError("entries must lie in [-1, 1]", "correlations", file)
        cov = correlation_from(vols, corr)
    else:
        raise DocumentError("give either covariance, or volatilities and correlations", None, file)
    fx = None
    if raw.get("fx") is not None:
        f = raw["fx"]
        if not isinstance(f, dict):
            raise DocumentError("must be an object", "fx", file)
        corr = f.get("correlations", {}) or {}
        if not isinstance(corr, dict):
            raise DocumentError("must be an object {ticker: rho}", "fx.correlations", file)
        for t in corr:
            if t not in tickers:
                raise DocumentError(f"unknown ticker {t!r}", "fx.correlations", file)
        fx = {
            "expected_return": _num(f.get("expected_return", 0.0), "fx.expected_return", file, -1, 1),
            "volatility": _num(f.get("volatility"), "fx.volatility", file, 0, 2),
            "correlations": {t: _num(v, f"fx.correlations.{t}", file, -1, 1) for t, v in corr.items()},
        }
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
                "do not fit the asset correlations: the joint covariance of the returns and f is not "
                f"positive semi-definite (smallest eigenvalue {eig.min():.3g}); lower the largest |rho|",
                "fx.correlations",
                file,
            )
    rates = None
    if raw.get("rates") is not None:
        r = raw["rates"]
        if not isinstance(r, dict):
            raise DocumentError("must be an object {USD: rate, JPY: rate}", "rates", file)
        for k in r:
            if k not in ("USD", "JPY"):
                raise DocumentError(f"unknown currency {k!r} (USD or JPY)", "rates", file)
        rates = {k: _num(v, f"rates.{k}", file, -0.1, 1) for k, v in r.items()}
    prior = _prior_fields(raw, uni, file)
    return uni, {"mu": mu, "cov": cov, "fx": fx, "rates": rates, **prior}


def _prior_fields(raw: dict, uni: Universe, file: str) -> dict[str, Any]:
    """``reference_weights``, ``risk_aversion`` and ``views`` (all optional)."""
    from allocator.errors import InputError
    from allocator.views import View

    out: dict[str, Any] = {"reference_weights": None, "risk_aversion": None, "views": None}
    tickers = uni.tickers
    if raw.get("reference_weights") is not None:
        rw = raw["reference_weights"]
        if not isinstance(rw, dict):
            raise DocumentError("must be an object {ticker: weight}", "reference_weights", file)
        extra = [t for t in rw if t not in tickers]
        if extra:
            raise DocumentError(f"unknown ticker(s) {', '.join(map(str, extra))}", "reference_weights", file)
        w = {t: _num(v, f"reference_weights.{t}", file, 0, 1e15) for t, v in rw.items()}
        if sum(w.values()) <= 0:
            raise DocumentError("must give a positive weight to at least one asset", "reference_weights", file)
        out["reference_weights"] = w
    if raw.get("risk_aversion") is not None:
        out["risk_aversion"] = _num(raw["risk_aversion"], "risk_aversion", file, 1e-6, 100)
    if raw.get("views") is not None:
        vs = raw["views"]
        if not isinstance(vs, list):
            raise DocumentError("must be a list of views", "views", file)
        views = []
        for i, v in enumerate(vs):
            try:
                views.append(View.from_dict(v, f"views[{i}]"))
            except InputError as exc:
                raise DocumentError(str(exc), None, file) from None
        out["views"] = views
    return out


def load_assumptions(path: str | Path, need_returns: bool = True) -> tuple[Universe, dict[str, Any]]:
    path = Path(path)
    file = str(path)
    from allocator.userfile import read_user_file

    blob = read_user_file(path, what="assumptions file", max_bytes=MAX_BYTES)
    try:
        raw = json.loads(blob.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError(f"not valid JSON ({exc})", None, file) from None
    return parse_assumptions(raw, file, need_returns)


def assumptions_model(universe: Universe, numbers: dict[str, Any], base: str = "USD") -> MarketModel:
    return model_from_assumptions(
        universe.assets, numbers["mu"], numbers["cov"], base, numbers["fx"], numbers["rates"], "assumptions"
    )


__all__ = ["Asset", "Theme", "assumptions_model", "load_assumptions", "parse_assumptions"]
