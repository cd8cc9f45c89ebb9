"""Walk-forward backtest speed (issue 12): the engine against two references in the same run.

Run: .venv/bin/python bench/backtest.py [--sizes 48 200] [--repeat 3]

Data: 13 years of simulated daily prices (2012-01..2024-12, business days,
one-factor returns, a JPY/USD series), so 10 years of monthly rebalances
(120) follow a 36-month lookback.  N=48 is the default universe; N=200 adds
synthetic US and Tokyo assets spread over the themes.  Strategy: Ledoit-Wolf,
max-Sharpe, long-only, unhedged, no benchmarks (the compute the target is
about), and once more with all benchmarks for the figure a user waits for.

References, on the same monthly returns (USD), same lookback and dates:
* ``cvxpy loop``: per rebalance, sklearn's LedoitWolf and the sample mean of
  the trailing 36 months, a fresh cvxpy max-Sharpe problem (min y'Sy, mu'y=1,
  y>=0; w = y / sum y) solved with Clarabel - what a user writes by hand;
* ``skfolio``: ``WalkForward(test_size=1, train_size=36)`` + ``MeanRisk``
  (max ratio, ``EmpiricalPrior(covariance_estimator=LedoitWolf())``) through
  ``cross_val_predict`` (when skfolio is installed: ``pip install skfolio``).

Times are medians of ``--repeat`` runs of the whole walk-forward, single BLAS
thread for everyone (threadpoolctl), so the ratio measures the software.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
import warnings
from dataclasses import replace

import numpy as np
import pandas as pd

from allocator.backtest import BacktestSettings, run_backtest
from allocator.data.prices import PriceHistory
from allocator.pipeline import RunSettings
from allocator.universe import Asset, default_universe

START, END = "2012-01-02", "2024-12-31"
LOOKBACK = 36


def synthetic(n: int, seed: int = 11):
    """A universe of ``n`` assets and a PriceHistory of simulated daily closes."""
    universe = default_universe()
    themes = universe.theme_keys
    k = 0
    while len(universe.tickers) < n:
        tokyo = k % 2 == 1
        ticker = f"{9000 + k}.T" if tokyo else f"SYN{k:03d}"
        if ticker in universe:  # a real Tokyo code of the default universe
            k += 1
            continue
        universe = universe.with_asset(
            Asset(ticker, f"Synthetic {k}", "JP" if tokyo else "US", "JPY" if tokyo else "USD", themes[k % len(themes)])
        )
        k += 1
    universe = universe.subset(universe.tickers[:n])
    days = pd.bdate_range(START, END)
    rng = np.random.default_rng(seed)
    t = len(days)
    market = rng.normal(0.0003, 0.010, t)
    beta = rng.uniform(0.5, 1.5, n)
    idio = rng.normal(0.0002, 1.0, (t, n)) * rng.uniform(0.008, 0.02, n)
    rets = market[:, None] * beta + idio
    prices = pd.DataFrame(100 * np.exp(np.cumsum(rets, axis=0)), index=days, columns=universe.tickers)
    fx = pd.Series(110 * np.exp(np.cumsum(rng.normal(0, 0.006, t))), index=days, name="JPY=X")
    frame = prices.assign(**{"JPY=X": fx})
    return universe, PriceHistory.from_frame(frame, "csv", f"synthetic N={n}", simulated=True)


def usd_monthly_returns(history: PriceHistory) -> pd.DataFrame:
    """Month-end closes in USD (Tokyo prices / JPY per USD), simple returns."""
    p = history.prices.copy()
    jp = [c for c in p.columns if c.endswith(".T")]
    fx = history.fx.reindex(p.index).ffill()
    p[jp] = p[jp].div(fx, axis=0)
    return p.resample("ME").last().pct_change().dropna(how="all")


def allocator_run(universe, history, benchmarks):
    run = RunSettings(universe=universe, data="sample").validate()
    s = BacktestSettings(lookback_months=LOOKBACK, benchmarks=benchmarks, start="2015-01-01")
    t0 = time.perf_counter()
    res = run_backtest(run, history, s)
    return time.perf_counter() - t0, res


def cvxpy_loop(monthly: pd.DataFrame, dates):
    import cvxpy as cp
    from sklearn.covariance import LedoitWolf

    t0 = time.perf_counter()
    weights = {}
    for d in dates:
        window = monthly.loc[:d].tail(LOOKBACK)
        x = window.to_numpy()
        mu = x.mean(axis=0) * 12
        sigma = LedoitWolf().fit(x).covariance_ * 12
        y = cp.Variable(x.shape[1], nonneg=True)
        prob = cp.Problem(cp.Minimize(cp.quad_form(y, cp.psd_wrap(sigma))), [mu @ y == 1])
        prob.solve(solver=cp.CLARABEL)
        weights[d] = y.value / y.value.sum()
    return time.perf_counter() - t0, weights


def skfolio_run(monthly: pd.DataFrame, dates):
    try:
        from skfolio import RiskMeasure
        from skfolio.model_selection import WalkForward, cross_val_predict
        from skfolio.moments import LedoitWolf
        from skfolio.optimization import MeanRisk, ObjectiveFunction
        from skfolio.prior import EmpiricalPrior
    except ImportError:
        return None
    x = monthly.loc[: dates[-1]].tail(LOOKBACK + len(dates))
    model = MeanRisk(
        objective_function=ObjectiveFunction.MAXIMIZE_RATIO,
        risk_measure=RiskMeasure.VARIANCE,
        prior_estimator=EmpiricalPrior(covariance_estimator=LedoitWolf()),
    )
    t0 = time.perf_counter()
    cross_val_predict(model, x, cv=WalkForward(test_size=1, train_size=LOOKBACK))
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[48, 200])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from threadpoolctl import threadpool_limits

    warnings.filterwarnings("ignore")
    print(f"machine: {platform.machine()} {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; python {platform.python_version()}")
    with threadpool_limits(limits=1, user_api="blas"):
        for n in args.sizes:
            universe, history = synthetic(n)
            monthly = usd_monthly_returns(history)
            allocator_run(universe, history, ())  # warm-up: imports, first compile
            ours, res = [], None
            for _ in range(args.repeat):
                sec, res = allocator_run(universe, history, ())
                ours.append(res.seconds)
            dates = [r.date for r in res.strategies["optimised"].rebalances]
            dates = [monthly.index[monthly.index.to_period("M") == d.to_period("M")][0] for d in dates]
            full = statistics.median(allocator_run(universe, history, "all")[1].seconds for _ in range(args.repeat))
            loop = statistics.median(cvxpy_loop(monthly, dates)[0] for _ in range(args.repeat))
            sk = [skfolio_run(monthly, dates) for _ in range(args.repeat)]
            sk = statistics.median(sk) if sk[0] is not None else None
            line = (
                f"N={n}, {len(dates)} monthly rebalances: allocator {statistics.median(ours):.2f} s "
                f"(all benchmarks {full:.2f} s); cvxpy loop {loop:.2f} s (x{loop / statistics.median(ours):.1f})"
            )
            if sk is not None:
                line += f"; skfolio WalkForward+MeanRisk {sk:.2f} s (x{sk / statistics.median(ours):.1f})"
            print(line, flush=True)


if __name__ == "__main__":
    main()
