"""Resampled frontiers (Michaud 1998): how wide the efficient frontier really is.

Mean-variance inputs are estimates.  Each resample draws a bootstrap history
(the estimation window's return periods, drawn with replacement, the assets
and the currency of one period kept together so their correlation survives),
re-estimates the market model from it with the *same* estimator settings
(``model_from_returns``: mean and covariance methods, currency convention,
rates), and traces the efficient frontier of that model under the same
constraints.  The spread of these frontiers at each volatility is the band
the GUI draws around the frontier: if two portfolios sit inside the band of
each other they are not distinguishable by the data.

The optimiser's compiled problem is reused across resamples (``set_model``
swaps the new numbers into it), so a resample costs one estimate and one
warm-started frontier, not a fresh cvxpy build per point.

Core only: ``cancelled`` is polled between resamples so a caller (the GUI
worker) can stop a stale band as soon as the user moves a slider again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

#: Defaults (issue 10): 100 resamples of 50 points.
RESAMPLES = 100
POINTS = 50


@dataclass(frozen=True)
class ResampledBand:
    """Quantiles of the resampled frontiers' expected return on a common volatility grid (annual)."""

    vols: np.ndarray  # (g,) grid of volatilities
    lo: np.ndarray  # (g,) lower quantile of expected return (NaN where too few frontiers reach)
    mid: np.ndarray  # (g,) median
    hi: np.ndarray  # (g,) upper quantile
    frontiers: tuple[np.ndarray, ...]  # each (points, 2): volatility, expected return
    resamples: int
    seconds: float = 0.0
    quantiles: tuple[float, float] = (0.1, 0.9)


def bootstrap_returns(returns, rng: np.random.Generator):
    """A ``ReturnSeries`` whose periods are drawn with replacement (dates kept in order for the carry)."""
    t = len(returns.local)
    idx = rng.integers(0, t, t)
    local = returns.local.iloc[idx].set_axis(returns.local.index, axis=0)
    fx = returns.fx_jpy.iloc[idx].set_axis(returns.fx_jpy.index, axis=0) if returns.fx_jpy is not None else None
    return replace(returns, local=local, fx_jpy=fx)


def resample_models(build, run, resamples: int = RESAMPLES, seed: int = 0):
    """Yield ``resamples`` market models re-estimated on bootstrap histories of ``build.returns``."""
    from allocator.currency import Rates
    from allocator.model import model_from_returns

    e = run.estimation
    rates = Rates(dict(run.rates))
    rng = np.random.default_rng(seed)
    model = build.model
    for _ in range(resamples):
        rb = bootstrap_returns(build.returns, rng)
        yield model_from_returns(
            rb,
            model.assets,
            base=model.base,
            mean_method=e.mean if not e.mean.uses_prior else "historical",
            cov_method=e.covariance,
            rates=rates,
            fx_expected=0.0 if e.fx_mean == "zero" else None,
            halflife=e.halflife,
        )


def band_from_frontiers(frontiers: list[np.ndarray], grid_points: int = 60, quantiles=(0.1, 0.9), min_share=0.5) -> tuple:
    """(vols, lo, mid, hi): each frontier's return interpolated on a common volatility grid, then quantiles.

    A grid volatility is kept where at least ``min_share`` of the frontiers reach it.
    """
    if not frontiers:
        empty = np.zeros(0)
        return empty, empty, empty, empty
    vmin = min(float(f[:, 0].min()) for f in frontiers)
    vmax = max(float(f[:, 0].max()) for f in frontiers)
    grid = np.linspace(vmin, vmax, grid_points)
    rows = []
    for f in frontiers:
        v, r = f[:, 0], f[:, 1]
        order = np.argsort(v)
        v, r = v[order], r[order]
        y = np.interp(grid, v, r)
        y[(grid < v[0]) | (grid > v[-1])] = np.nan
        rows.append(y)
    m = np.vstack(rows)
    enough = np.sum(np.isfinite(m), axis=0) >= max(2, int(min_share * len(frontiers)))
    lo = np.full(grid_points, np.nan)
    mid = lo.copy()
    hi = lo.copy()
    if enough.any():
        sub = m[:, enough]
        lo[enough] = np.nanquantile(sub, quantiles[0], axis=0)
        mid[enough] = np.nanquantile(sub, 0.5, axis=0)
        hi[enough] = np.nanquantile(sub, quantiles[1], axis=0)
    return grid, lo, mid, hi


def resampled_band(
    build,
    run,
    settings=None,
    resamples: int = RESAMPLES,
    points: int = POINTS,
    seed: int = 0,
    cancelled: Callable[[], bool] = lambda: False,
    optimizer=None,
    progress: Callable[[int, list], None] | None = None,
) -> ResampledBand | None:
    """The band of ``resamples`` bootstrap frontiers of ``points`` each; None when cancelled.

    ``settings`` (``OptimizationSettings``, default ``run.optimization``) fixes
    the constraints and the hedge.  ``optimizer`` may be an ``Optimizer`` the
    caller owns (its model is swapped per resample, then left on the last one).
    ``progress(done, frontiers)`` is called after each resample with the frontiers so far.
    """
    import time

    from allocator.errors import AllocatorError
    from allocator.optimize import Optimizer

    t0 = time.perf_counter()
    settings = settings or run.optimization
    opt = optimizer
    frontiers: list[np.ndarray] = []
    done = 0
    for model in resample_models(build, run, resamples, seed):
        if cancelled():
            return None
        if opt is None:
            opt = Optimizer(model)
        else:
            opt.set_model(model)
        _poll_between_solves(opt, cancelled)
        try:
            fr = opt.frontier(settings, points)
        except _Cancelled:
            return None
        except AllocatorError:
            continue  # a resample where the settings cannot be met: it adds no frontier
        frontiers.append(np.column_stack([fr.vols, fr.returns]))
        done += 1
        if progress is not None:
            progress(done, frontiers)
    if cancelled():
        return None
    return make_band(frontiers, time.perf_counter() - t0)


class _Cancelled(Exception):
    pass


def _poll_between_solves(opt, cancelled) -> None:
    """Check ``cancelled`` before each of the frontier's solves (this optimiser instance only).

    A cancelled band then stops within one solve (a few ms), not one whole
    50-point frontier: the next slider move's solve never shares the GIL for long.
    """
    if getattr(opt, "_band_polled", None) is cancelled:
        return
    run_one = type(opt)._run

    def checked(*args, **kwargs):
        if cancelled():
            raise _Cancelled()
        return run_one(opt, *args, **kwargs)

    opt._run = checked
    opt._band_polled = cancelled


def make_band(frontiers: list[np.ndarray], seconds: float = 0.0) -> ResampledBand:
    vols, lo, mid, hi = band_from_frontiers(frontiers)
    return ResampledBand(vols, lo, mid, hi, tuple(frontiers), len(frontiers), seconds)
