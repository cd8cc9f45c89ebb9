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
    tickers = model.tickers
    exposure = model.exposure_matrix() @ w if model.m else np.zeros(0)
    hedge_ratios = {}
    hedge_notionals = {}
    for c, ccy in enumerate(model.hedge_currencies):
        hedge_notionals[ccy] = float(h[c])
        ratio = float(h[c] / exposure[c]) if exposure[c] > 1e-9 else 0.0
        # Snap to the band's ends within solver tolerance (0.9999999 -> 1).
        hedge_ratios[ccy] = min(1.0, max(0.0, ratio)) if -1e-6 < ratio < 1 + 1e-6 else ratio
    themes: dict[str, float] = {}
    countries: dict[str, float] = {}
    currencies: dict[str, float] = {}
    for a, wi in zip(model.assets, w):
        themes[a.theme] = themes.get(a.theme, 0.0) + float(wi)
        countries[a.country] = countries.get(a.country, 0.0) + float(wi)
        currencies[a.currency] = currencies.get(a.currency, 0.0) + float(wi)
    rcs = {t: float(v) for t, v in zip(tickers, rc[: model.n])}
    for c, ccy in enumerate(model.hedge_currencies):
        rcs[f"hedge:{ccy}"] = float(rc[model.n + c])
    return Allocation(
        weights={t: float(v) for t, v in zip(tickers, w)},
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
        asset_returns={t: float(v) for t, v in zip(tickers, model.mu)},
        asset_vols={t: float(v) for t, v in zip(tickers, model.vols)},
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
                }
                for p in self.points
            ],
            "max_sharpe_index": self.max_sharpe_index,
        }
