"""What the optimal hedge costs: optimal-hedge frontier vs unhedged frontier.

Both frontiers run on the same model (the first N assets of the default
universe, estimated from the bundled simulated sample) and the same
constraints; only the hedge band differs (``0`` vs ``[0, 1]``).  Reported
per setting: a *cold* frontier (fresh ``Optimizer``: compile + solves) and a
*warm* one (the same ``Optimizer`` again: re-solves only), the median of the
repeats, and the ratio optimal / unhedged (target: <= 1.5x).  Settings are
interleaved so that machine noise hits both alike.

    .venv/bin/python bench/hedge.py [--assets 45] [--points 50] [--repeats 5]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from allocator.optimize import Constraints, HedgeSetting, Objective, OptimizationSettings, Optimizer  # noqa: E402
from allocator.pipeline import RunSettings, build_model  # noqa: E402
from allocator.universe import default_universe  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--assets", type=int, default=45)
    ap.add_argument("--points", type=int, default=50)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--max-weight", type=float, default=0.15)
    args = ap.parse_args()

    uni = default_universe()
    uni = uni.subset(uni.tickers[: args.assets])
    model = build_model(RunSettings(universe=uni, data="sample")).model
    n_jp = sum(a.currency == "JPY" for a in model.assets)
    base = OptimizationSettings(Objective.MAX_SHARPE, constraints=Constraints(max_weight=args.max_weight))
    hedges = {"unhedged": HedgeSetting.fixed(0.0), "optimal": HedgeSetting.optimal()}
    settings = {k: replace(base, constraints=replace(base.constraints, hedge=h)) for k, h in hedges.items()}

    cold: dict[str, list[float]] = {k: [] for k in hedges}
    warm: dict[str, list[float]] = {k: [] for k in hedges}
    last = {}
    for _ in range(args.repeats):
        for key, s in settings.items():
            t0 = time.perf_counter()
            opt = Optimizer(model)
            fr = opt.frontier(s, args.points)
            t1 = time.perf_counter()
            fr = opt.frontier(s, args.points)
            t2 = time.perf_counter()
            cold[key].append(t1 - t0)
            warm[key].append(t2 - t1)
            last[key] = fr

    med = {k: (statistics.median(cold[k]), statistics.median(warm[k])) for k in hedges}
    print(f"python {platform.python_version()} on {platform.machine()}, {args.assets} assets ({n_jp} in JPY), "
          f"{args.points} frontier points, max weight {args.max_weight}, base USD, sample data, "
          f"median of {args.repeats}")
    print(f"{'hedge':<10} {'cold s':>8} {'warm s':>8} {'ms/point warm':>14} {'max Sharpe':>11} {'JPY ratio at max Sharpe':>24}")
    for k in hedges:
        fr = last[k]
        p = fr.points[fr.max_sharpe_index]
        print(f"{k:<10} {med[k][0]:8.3f} {med[k][1]:8.3f} {1000 * med[k][1] / len(fr.points):14.2f} "
              f"{p.sharpe:11.3f} {p.hedge_ratios.get('JPY', 0.0):24.2f}")
    rc = med["optimal"][0] / med["unhedged"][0]
    rw = med["optimal"][1] / med["unhedged"][1]
    print(f"ratio optimal/unhedged: cold {rc:.2f}x, warm {rw:.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
