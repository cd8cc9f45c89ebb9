"""Resampled frontier band (issue 10): 100 resamples x 50 points at N=48, against independent cvxpy solves.

What the GUI's band worker does (``allocator.resample.resampled_band``): per
resample, re-estimate the model on a bootstrap history, swap it into one
``Optimizer`` and trace a warm 50-point frontier.  The baseline is the naive
loop the band replaces: for every resample and every point, a fresh cvxpy
problem (min variance at a target return, the same constraints: long-only,
fully invested, the hedge notional tied to the yen exposure) built and solved
from scratch.  The baseline is run on the first ``--baseline`` resamples
(all 50 points each) and its per-frontier time scaled to 100; both sides
solve the same resampled models, in the same run, and agree on the
volatility at each target.

Single-threaded BLAS (threadpoolctl), as the GUI's worker shares the machine
with the window.

    python bench/resample.py [--resamples 100] [--points 50] [--baseline 5]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def naive_frontier(model, targets, hedge_ratio: float):
    """One fresh cvxpy problem per point (the baseline): min w'Sw s.t. mu'w >= target."""
    import cvxpy as cp

    n, m = model.n, model.m
    E = model.exposure_matrix()
    L = np.linalg.cholesky(model.cov + 1e-12 * np.eye(n + m))
    mu = model.mu_full()
    vols = []
    for t in targets:
        w = cp.Variable(n, nonneg=True)
        h = cp.Variable(m)
        x = cp.hstack([w, h])
        cons = [cp.sum(w) == 1, mu @ x >= t]
        if m:
            cons.append(h == hedge_ratio * (E @ w))
        prob = cp.Problem(cp.Minimize(cp.sum_squares(L.T @ x)), cons)
        prob.solve(solver=cp.CLARABEL)
        vols.append(float(np.sqrt(max(prob.value, 0.0))) if prob.value is not None else np.nan)
    return np.array(vols)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--resamples", type=int, default=100)
    ap.add_argument("--points", type=int, default=50)
    ap.add_argument("--baseline", type=int, default=5, help="resamples timed with the naive loop (scaled)")
    args = ap.parse_args(argv)
    from threadpoolctl import threadpool_limits

    from allocator.optimize import Optimizer
    from allocator.pipeline import RunSettings, build_model
    from allocator.resample import resample_models, resampled_band

    with threadpool_limits(1):
        run = RunSettings(data="sample").validate()
        build = build_model(run)
        model = build.model
        settings = run.optimization
        opt = Optimizer(model)
        opt.frontier(settings, args.points)  # compile once, as the worker's optimizer already has

        # 1. The band as the worker computes it.
        t0 = time.perf_counter()
        band = resampled_band(build, run, settings, args.resamples, args.points, optimizer=opt)
        band_s = time.perf_counter() - t0

        # 2. The naive loop on the same first resampled models (seed 0, same draws).
        models = []
        for i, mb in enumerate(resample_models(build, run, args.baseline)):
            models.append(mb)
        t1 = time.perf_counter()
        worst = 0.0
        for k, mb in enumerate(models):
            pts = band.frontiers[k]
            targets = pts[:, 1] - 1e-9
            v = naive_frontier(mb, targets, float(settings.constraints.hedge.lo))
            worst = max(worst, float(np.nanmax(np.abs(v - pts[:, 0]))))
        naive_s = (time.perf_counter() - t1) / args.baseline * args.resamples

    n = model.n
    print(f"machine: {platform.node()} {platform.machine()} python {platform.python_version()}")
    print(f"N={n} assets (+{model.m} hedge), {args.resamples} resamples x {args.points} points, 1 BLAS thread")
    print(f"band (worker path):       {band_s:7.2f} s  ({band_s / args.resamples * 1000:6.1f} ms per resampled frontier,"
          f" {band_s / args.resamples / args.points * 1000:5.2f} ms per point)")
    print(f"independent cvxpy solves: {naive_s:7.2f} s  (scaled from {args.baseline} resamples x {args.points} points)")
    print(f"ratio: {naive_s / band_s:5.1f}x faster; max |vol difference| at the same targets {worst:.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
