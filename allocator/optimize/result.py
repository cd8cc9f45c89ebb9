"""Results: an allocation and a frontier, immutable, labelled by ticker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from allocator.attribution import attribute
from allocator.model import MarketModel


@dataclass(frozen=True)
class Allocation:
    weights: dict[str, float]
    hedge_ratios: dict[str, float]  # H_c / E_c per foreign currency (0 when no exposure)
    hedge_notionals: dict[str, float]  # H_c, fraction of the portfolio
    expected_return: float
    volatility: float
    sharpe: float
    rf: float
    base: str
    theme_weights: dict[str, float]
    country_weights: dict[str, float]
    currency_exposure: dict[str, float]  # unhedged weight per currency
    risk_contributions: dict[str, float]  # share of variance, assets and hedges, sums to 1
    asset_returns: dict[str, float]  # annual expected return of each asset, base currency
    asset_vols: dict[str, float]
    objective: str = ""
    solver: str = ""
    status: str = ""
    solve_seconds: float = 0.0
    attribution: dict[str, Any] = field(default_factory=dict)
    # From holdings (DESIGN §12): sum |w - current| and the one-time cost of
    # trading there, a fraction of the portfolio; None when no holdings given.
    turnover: float | None = None
    trading_cost: float | None = None

    @property
    def net_return(self) -> float:
        """Expected return less the one-time cost of getting there (the first year's)."""
        return self.expected_return - (self.trading_cost or 0.0)

    @property
    def metrics(self) -> dict[str, float]:
        return {
            "expected_return": self.expected_return,
            "volatility": self.volatility,
            "sharpe": self.sharpe,
            "rf": self.rf,
        }

    def held(self, tol: float = 1e-9) -> dict[str, float]:
        return {t: w for t, w in self.weights.items() if w > tol}


def clean_weights(w: np.ndarray, tol: float = 1e-7) -> np.ndarray:
    """Zero out solver dust and renormalise so the weights sum to exactly one."""
    w = np.where(w < tol, 0.0, w)
    total = w.sum()
    return w / total if total > 0 else w


_STATIC: dict[int, tuple] = {}  # id(model) -> (model, figures that are the same for every weight vector)


def _static(model: MarketModel) -> tuple:
    """Per-model figures every allocation repeats (a frontier builds ~25 per curve)."""
    hit = _STATIC.get(id(model))
    if hit is not None and hit[0] is model:
        return hit[1]
    tickers = model.tickers
    themes = sorted({a.theme for a in model.assets}, key=[a.theme for a in model.assets].index)
    countries = sorted({a.country for a in model.assets}, key=[a.country for a in model.assets].index)
    currencies = sorted({a.currency for a in model.assets}, key=[a.currency for a in model.assets].index)
    groups = tuple(
        (keys, np.array([keys.index(getattr(a, attr)) for a in model.assets], dtype=np.intp))
        for keys, attr in ((themes, "theme"), (countries, "country"), (currencies, "currency"))
    )
    figures = (
        tickers,
        model.exposure_matrix() if model.m else None,
        groups,
        {t: float(v) for t, v in zip(tickers, model.mu)},
        {t: float(v) for t, v in zip(tickers, model.vols)},
    )
    if len(_STATIC) > 8:
        _STATIC.clear()
    _STATIC[id(model)] = (model, figures)
    return figures


def build_allocation(
    model: MarketModel,
    w: np.ndarray,
    h: np.ndarray,
    rf: float,
    objective: str = "",
    solver: str = "",
    status: str = "",
    seconds: float = 0.0,
    with_attribution: bool = True,
) -> Allocation:
    """Every reported figure computed from the weights with the same model.

    ``with_attribution=False`` skips the local/currency/carry split (frontier
    points: it costs as much as the solve itself and nobody reads it there).
    """
    w = clean_weights(np.asarray(w, dtype=float))
    h = np.asarray(h, dtype=float).copy()
    h[np.abs(h) < 1e-9] = 0.0  # solver dust, not a position
    x = np.concatenate([w, h])
    cov = model.cov
    ret = float(model.mu @ w + (model.mu_hedge @ h if model.m else 0.0))
    var = float(x @ cov @ x)
    vol = float(np.sqrt(max(var, 0.0)))
    sharpe = (ret - rf) / vol if vol > 1e-12 else 0.0
    marginal = cov @ x
    rc = x * marginal / var if var > 1e-18 else np.zeros_like(x)
    tickers, exposure_matrix, groups, asset_returns, asset_vols = _static(model)
    exposure = exposure_matrix @ w if model.m else np.zeros(0)
    hedge_ratios = {}
    hedge_notionals = {}
    for c, ccy in enumerate(model.hedge_currencies):
        hedge_notionals[ccy] = float(h[c])
        ratio = float(h[c] / exposure[c]) if exposure[c] > 1e-9 else 0.0
        # Snap to the band's ends within solver tolerance (0.9999999 -> 1).
        hedge_ratios[ccy] = min(1.0, max(0.0, ratio)) if -1e-6 < ratio < 1 + 1e-6 else ratio
    # Sums per theme, country and currency in the order the assets name them.
    themes, countries, currencies = (
        dict(zip(keys, np.bincount(index, weights=w, minlength=len(keys)).tolist())) for keys, index in groups
    )
    rcs = dict(zip(tickers, rc[: model.n].tolist()))
    for c, ccy in enumerate(model.hedge_currencies):
        rcs[f"hedge:{ccy}"] = float(rc[model.n + c])
    return Allocation(
        weights=dict(zip(tickers, w.tolist())),
        hedge_ratios=hedge_ratios,
        hedge_notionals=hedge_notionals,
        expected_return=ret,
        volatility=vol,
        sharpe=float(sharpe),
        rf=float(rf),
        base=model.base,
        theme_weights=themes,
        country_weights=countries,
        currency_exposure=currencies,
        risk_contributions=rcs,
        asset_returns=dict(asset_returns),
        asset_vols=dict(asset_vols),
        objective=objective,
        solver=solver,
        status=status,
        solve_seconds=seconds,
        attribution=attribute(model, w, h) if with_attribution else {},
    )


@dataclass(frozen=True)
class Frontier:
    points: tuple[Allocation, ...]  # ordered by rising volatility
    max_sharpe_index: int
    hedge: str = ""  # the hedge setting the frontier was drawn under
    seconds: float = 0.0

    @property
    def returns(self) -> np.ndarray:
        return np.array([p.expected_return for p in self.points])

    @property
    def vols(self) -> np.ndarray:
        return np.array([p.volatility for p in self.points])

    def to_json(self) -> dict[str, Any]:
        return {
            "points": [
                {
                    "expected_return": p.expected_return,
                    "volatility": p.volatility,
                    "sharpe": p.sharpe,
                    "weights": p.weights,
                    "hedge_ratios": p.hedge_ratios,
                    # from holdings (DESIGN §12): the one-time cost of getting there
                    **({"turnover": p.turnover, "trading_cost": p.trading_cost, "net_return": p.net_return}
                       if p.trading_cost is not None else {}),
                }
                for p in self.points
            ],
            "max_sharpe_index": self.max_sharpe_index,
        }
