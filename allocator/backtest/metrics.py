"""Performance figures of a monthly return series (annualised, base currency).

Conventions (README "Backtest"): volatility is the sample standard deviation
of monthly returns times sqrt(12); Sharpe and Sortino use the excess over
the risk-free rate of each month (from the rate history, else the constant
rate); the max drawdown is a negative fraction of the running peak of the
wealth curve, its length the calendar days from that peak to the recovery
(or to the last date when the curve has not recovered).  Standard errors:
Sharpe by Lo (2002) for i.i.d. returns, volatility ``s / sqrt(2(T-1))``,
CAGR ``vol / sqrt(years)`` (the mean log return's).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

PERIODS_PER_YEAR = 12


def drawdown(wealth: pd.Series) -> pd.Series:
    """Fraction below the running peak (0 at a new high, negative below it)."""
    return wealth / wealth.cummax() - 1.0


def max_drawdown(wealth: pd.Series) -> tuple[float, int]:
    """(deepest drawdown, its length in calendar days from peak to recovery or the end)."""
    if len(wealth) < 2:
        return 0.0, 0
    dd = drawdown(wealth)
    trough = dd.idxmin()
    depth = float(dd.loc[trough])
    if depth >= 0:
        return 0.0, 0
    before = wealth.loc[:trough]
    peak_date = before.idxmax()
    peak = float(before.max())
    after = wealth.loc[trough:]
    recovered = after[after >= peak]
    end = recovered.index[0] if len(recovered) else wealth.index[-1]
    return depth, int((end - peak_date).days)


def performance(
    returns: pd.Series,
    rf: pd.Series,
    start: pd.Timestamp,
    turnover_total: float,
    predicted_vols: list[float],
) -> dict[str, float | None]:
    """The DESIGN §11 metrics (and their standard errors) of one strategy.

    ``returns`` are the simple monthly returns after costs, indexed by the
    period end; ``start`` is the first rebalance date (wealth 1 there);
    ``rf`` the monthly risk-free return of each period.
    """
    r = returns.to_numpy(dtype=float)
    t = len(r)
    wealth = pd.concat([pd.Series([1.0], index=[pd.Timestamp(start)]), (1.0 + returns).cumprod()])
    days = (wealth.index[-1] - wealth.index[0]).days
    years = days / 365.25 if days > 0 else t / PERIODS_PER_YEAR
    final = float(wealth.iloc[-1])
    cagr = final ** (1.0 / years) - 1.0 if final > 0 and years > 0 else -1.0
    sd = float(np.std(r, ddof=1)) if t > 1 else 0.0
    vol = sd * math.sqrt(PERIODS_PER_YEAR)
    ex = r - rf.reindex(returns.index).to_numpy(dtype=float)
    ex_mean = float(ex.mean()) if t else 0.0
    ex_sd = float(np.std(ex, ddof=1)) if t > 1 else 0.0
    sr_m = ex_mean / ex_sd if ex_sd > 0 else 0.0
    downside = math.sqrt(float(np.mean(np.minimum(ex, 0.0) ** 2))) if t else 0.0
    sortino = ex_mean / downside * math.sqrt(PERIODS_PER_YEAR) if downside > 0 else None
    mdd, mdd_days = max_drawdown(wealth)
    pv = np.asarray([p for p in predicted_vols if p is not None and math.isfinite(p)], dtype=float)
    predicted = math.sqrt(float(np.mean(pv**2))) if len(pv) else None
    ratio = vol / predicted if predicted else None
    return {
        "cagr": cagr,
        "volatility": vol,
        "sharpe": sr_m * math.sqrt(PERIODS_PER_YEAR),
        "sortino": sortino,
        "max_drawdown": mdd,
        "max_drawdown_days": mdd_days,
        "turnover_per_year": turnover_total / years if years > 0 else 0.0,
        "realised_vs_predicted_vol": ratio,
        # Beyond the contract: what the ratio compares, and standard errors.
        "predicted_volatility": predicted,
        "sharpe_se": math.sqrt((1.0 + 0.5 * sr_m**2) / t) * math.sqrt(PERIODS_PER_YEAR) if t > 1 else None,
        "volatility_se": vol / math.sqrt(2.0 * (t - 1)) if t > 1 else None,
        "cagr_se": vol / math.sqrt(years) if years > 0 else None,
        "realised_vs_predicted_vol_se": ratio / math.sqrt(2.0 * (t - 1)) if ratio is not None and t > 1 else None,
        "final_wealth": final,
        "years": years,
        "periods": t,
    }
