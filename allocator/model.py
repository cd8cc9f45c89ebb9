"""The market model the optimiser sees: assets and hedge instruments in one vector.

``MarketModel`` holds annual expected returns and the covariance of the
augmented vector ``[R_1..R_n, hedge_1..hedge_m]``: the assets' unhedged returns
in the base currency, then one forward-hedge instrument per foreign currency
(return ``k - f_c``, DESIGN §8).  With ``m = 0`` (everything already in the
base currency) hedging is a no-op.  Two builders:

* ``model_from_returns`` - estimated from price history;
* ``model_from_assumptions`` - the linear annual model of DESIGN §7.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from allocator.currency import Rates, currency_return, foreign_currency, parse_base, translate
from allocator.data.returns import ReturnSeries
from allocator.errors import InputError
from allocator.estimators import (
    CovMethod,
    MeanMethod,
    estimate_covariance,
    expected_returns,
    repair_covariance,
    repair_note,
)
from allocator.text import T
from allocator.universe import Asset


@dataclass(frozen=True)
class MarketModel:
    assets: tuple[Asset, ...]
    base: str
    mu: np.ndarray  # (n,) annual expected unhedged return of each asset in base
    cov: np.ndarray  # (n+m, n+m) annual covariance of [assets, hedge instruments]
    hedge_currencies: tuple[str, ...] = ()
    mu_hedge: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (m,) k_c - E[f_c]
    carry: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (m,) annual k_c
    mu_fx: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (m,) E[f_c] assumed
    mu_local: np.ndarray | None = None  # (n,) expected local-currency return (attribution)
    rf: float = 0.0
    label: str = ""
    start: str | None = None
    end: str | None = None
    periods: int | None = None
    #: What the user should know about the estimate (repairs, too few periods), as T() messages.
    notes: tuple[str, ...] = ()
    #: How the hedge's expected return ``carry - E[f]`` was formed (see ``model_from_returns``).
    hedge_convention: str = ""

    def __post_init__(self) -> None:
        n, m = len(self.assets), len(self.hedge_currencies)
        mu = np.asarray(self.mu, dtype=float)
        cov = np.asarray(self.cov, dtype=float)
        if mu.shape != (n,):
            raise InputError(T("expected returns: {k} values for {n} assets", k=mu.shape[0], n=n))
        if cov.shape != (n + m, n + m):
            raise InputError(T("covariance must be {d}x{d}, got {r}x{c}", d=n + m, r=cov.shape[0], c=cov.shape[1]))
        if not (np.isfinite(mu).all() and np.isfinite(cov).all()):
            raise InputError(T("expected returns and covariance must be finite numbers"))
        object.__setattr__(self, "mu", mu)
        object.__setattr__(self, "cov", cov)

    # -- shape -----------------------------------------------------------
    @property
    def n(self) -> int:
        return len(self.assets)

    @property
    def m(self) -> int:
        return len(self.hedge_currencies)

    @property
    def tickers(self) -> list[str]:
        return [a.ticker for a in self.assets]

    def exposure_matrix(self) -> np.ndarray:
        """``E[c, i] = 1`` when asset i is denominated in hedge currency c."""
        e = np.zeros((self.m, self.n))
        for c, ccy in enumerate(self.hedge_currencies):
            for i, a in enumerate(self.assets):
                e[c, i] = a.currency == ccy
        return e

    @property
    def asset_cov(self) -> np.ndarray:
        return self.cov[: self.n, : self.n]

    @property
    def vols(self) -> np.ndarray:
        return np.sqrt(np.diag(self.asset_cov))

    def mu_full(self) -> np.ndarray:
        return np.concatenate([self.mu, self.mu_hedge])


def _hedge_series(returns: ReturnSeries, base: str, foreign: str, rates: Rates) -> pd.Series:
    f = currency_return(returns.fx_jpy, base)
    k = rates.carry_per_period(returns.local.index, base, foreign, returns.periods_per_year)
    return k - f


def model_from_returns(
    returns: ReturnSeries,
    assets: Sequence[Asset],
    base: str = "USD",
    mean_method: MeanMethod | str = MeanMethod.HISTORICAL,
    cov_method: CovMethod | str = CovMethod.LEDOIT_WOLF,
    rates: Rates | None = None,
    fx_expected: float | None = 0.0,
    halflife: float | None = None,
) -> MarketModel:
    """Estimate the model from historical returns.

    ``fx_expected`` is the annual expected return of the foreign currency in
    the base currency; ``0.0`` (the default) removes the currency's historical
    drift from the assets' expected returns, ``None`` keeps it (historical).
    Estimating it from history is a known trap: the yen lost almost half its
    dollar value in 2013-2024, which tells a dollar investor "always hedge".
    """
    base = parse_base(base)
    rates = rates or Rates()
    assets = tuple(assets)
    tickers = [a.ticker for a in assets]
    local = returns.local[tickers]
    currencies = [a.currency for a in assets]
    ppy = returns.periods_per_year
    R = translate(local, currencies, returns.fx_jpy, base)
    foreign = foreign_currency(base)
    has_foreign = any(c == foreign for c in currencies)
    hedge_ccys: tuple[str, ...] = (foreign,) if has_foreign else ()

    mu_local = expected_returns(local, ppy, mean_method, halflife).to_numpy()
    mu = expected_returns(R, ppy, mean_method, halflife).to_numpy()
    if has_foreign:
        h = _hedge_series(returns, base, foreign, rates)
        joint = pd.concat([R, h.rename(f"hedge:{foreign}")], axis=1)
        f_hist = float(expected_returns(currency_return(returns.fx_jpy, base).to_frame(), ppy, mean_method, halflife).iloc[0])
        mu_f = f_hist if fx_expected is None else float(fx_expected)
        is_foreign = np.array([c == foreign for c in currencies])
        # Replace the currency's historical drift by the assumed one.
        mu = mu + is_foreign * (mu_f - f_hist)
        if fx_expected is None:
            # One era throughout (issue 10, defect 7): the currency's historical
            # drift goes with the carry actually earned over the same periods
            # (the rate history's, else the current rates), never with today's carry.
            k_hist = rates.carry_per_period(returns.local.index, base, foreign, ppy)
            carry = np.array([float(k_hist.mean()) * ppy])
            convention = "historical carry with historical currency drift"
        else:
            carry = np.array([rates.carry(base, foreign)])
            convention = (
                "current carry with zero currency drift" if mu_f == 0.0
                else f"current carry with an assumed currency return of {mu_f:.4%}"
            )
        mu_hedge = carry - mu_f
        mu_fx = np.array([mu_f])
    else:
        joint = R
        carry = mu_hedge = mu_fx = np.zeros(0)
        convention = ""
    # The hedge instrument is the last column: shrinkage acts on the assets only.
    estimate = estimate_covariance(joint, ppy, cov_method, halflife, fixed=len(hedge_ccys))
    cov = estimate.matrix
    return MarketModel(
        assets=assets,
        base=base,
        mu=mu,
        cov=cov,
        hedge_currencies=hedge_ccys,
        mu_hedge=np.asarray(mu_hedge, dtype=float),
        carry=np.asarray(carry, dtype=float),
        mu_fx=np.asarray(mu_fx, dtype=float),
        mu_local=mu_local,
        rf=rates.rate(base),
        label=returns.label,
        start=str(returns.start.date()),
        end=str(returns.end.date()),
        periods=len(returns.local),
        notes=tuple(estimate.notes()),
        hedge_convention=convention,
    )


def model_from_assumptions(
    assets: Sequence[Asset],
    mu_local: np.ndarray,
    cov_local: np.ndarray,
    base: str = "USD",
    fx: dict | None = None,
    rates: dict | None = None,
    label: str = "assumptions",
) -> MarketModel:
    """The linear annual model of DESIGN §7.

    ``fx`` describes f, the annual return of JPY in USD: expected_return m,
    volatility s and per-ticker correlations rho.  Base USD: a JPY asset
    returns ``r + f``; base JPY: a USD asset returns ``r - f``.  The hedge of
    the foreign currency returns ``k - f_c`` with ``f_c = f`` (base USD) or
    ``-f`` (base JPY).  Without ``fx`` every asset is taken as already in the
    base currency and there is no hedge instrument.
    """
    base = parse_base(base)
    assets = tuple(assets)
    n = len(assets)
    mu_local = np.asarray(mu_local, dtype=float)
    cov_local = np.asarray(cov_local, dtype=float)
    rates = rates or {}
    rf = float(rates.get(base, 0.0))
    if fx is None:
        cov, lifted, change = repair_covariance(cov_local, min_eig=1e-12)
        notes = (repair_note(lifted, n, change),) if lifted else ()
        return MarketModel(assets, base, mu_local.copy(), cov, mu_local=mu_local, rf=rf, label=label, notes=notes)
    m_f = float(fx.get("expected_return", 0.0))
    s_f = float(fx["volatility"])
    rho = fx.get("correlations", {}) or {}
    vols = np.sqrt(np.diag(cov_local))
    c_rf = np.array([float(rho.get(a.ticker, 0.0)) * vols[i] * s_f for i, a in enumerate(assets)])
    joint = np.zeros((n + 1, n + 1))
    joint[:n, :n] = cov_local
    joint[:n, n] = joint[n, :n] = c_rf
    joint[n, n] = s_f**2
    foreign = foreign_currency(base)
    sign = 1.0 if base == "USD" else -1.0  # f_c = sign * f
    is_foreign = np.array([a.currency == foreign for a in assets], dtype=float)
    has_foreign = bool(is_foreign.any())
    m = 1 if has_foreign else 0
    # z = M [r; f] + const: R_i = r_i + sign*f for foreign assets; hedge = k - sign*f.
    M = np.zeros((n + m, n + 1))
    M[:n, :n] = np.eye(n)
    M[:n, n] = sign * is_foreign
    k = float(rates.get(base, 0.0)) - float(rates.get(foreign, 0.0))
    mu = mu_local + sign * m_f * is_foreign
    if has_foreign:
        M[n, n] = -sign
    cov = M @ joint @ M.T
    # A file's covariance may be a little off PSD (rounded correlations): it is
    # accepted, lifted to a tiny floor, and the user is told it was repaired.
    cov, lifted, change = repair_covariance(cov, fixed=m, min_eig=1e-12)
    notes = (repair_note(lifted, n + m, change),) if lifted else ()
    return MarketModel(
        assets=assets,
        base=base,
        mu=mu,
        cov=cov,
        hedge_currencies=(foreign,) if has_foreign else (),
        mu_hedge=np.array([k - sign * m_f]) if has_foreign else np.zeros(0),
        carry=np.array([k]) if has_foreign else np.zeros(0),
        mu_fx=np.array([sign * m_f]) if has_foreign else np.zeros(0),
        mu_local=mu_local,
        rf=rf,
        label=label,
        notes=notes,
        hedge_convention=(
            "assumptions file: current carry (rates) with the file's currency return" if has_foreign else ""
        ),
    )
