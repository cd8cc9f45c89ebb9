"""Frontier and re-solve timings: Allocator's optimiser against PyPortfolioOpt.

Synthetic but realistic inputs, seeded: an exact factor model (market, style
and sector factors plus the yen) for N assets, a third of them Japanese, in
USD with one yen-hedge instrument.  Both optimisers get the same expected
returns, covariance, long-only and per-asset cap; the hedge is fixed at 0 so
PyPortfolioOpt (which has no hedge instrument) solves the same problem.
Each of our 50-point frontiers is checked against PyPortfolioOpt's at the
same target returns (volatilities agree to 1e-5) so the ratio is honest.

    python bench/frontier.py [--sizes 45 200 500] [--repeat 5]

N=500 uses the factor form of the covariance (``FactorRisk``); smaller N the
dense form.  Medians over ``--repeat`` runs (PyPortfolioOpt: one run at
N=500, it takes tens of seconds).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from allocator.model import MarketModel  # noqa: E402
from allocator.optimize import Constraints, HedgeSetting, Objective, OptimizationSettings, Optimizer  # noqa: E402
from allocator.optimize.problem import FactorRisk  # noqa: E402
from allocator.universe import Asset  # noqa: E402

THEMES = ("semis_ai", "defense", "robotics", "energy", "finance", "health", "consumer", "infra", "materials")
POINTS = 50
FACTOR_FROM = 300  # N at and above which our side uses the factor risk model


def synthetic_market(n: int, seed: int = 7) -> tuple[MarketModel, FactorRisk]:
    """An exact factor model of [assets, yen hedge]: returns the model and its factor form."""
    rng = np.random.default_rng(seed)
    sectors = len(THEMES)
    assets = tuple(
        Asset(f"A{i:03d}", f"Asset {i}", "JP" if i % 3 == 0 else "US", "JPY" if i % 3 == 0 else "USD", THEMES[i % sectors])
        for i in range(n)
    )
    k = 3 + sectors + 1  # market, size, value, sectors, yen
    B = np.zeros((n + 1, k))
    B[:n, 0] = rng.uniform(0.7, 1.4, n)  # market beta
    B[:n, 1:3] = rng.normal(0, 0.5, (n, 2))
    for i in range(n):
        B[i, 3 + i % sectors] = rng.uniform(0.5, 1.2)
    jpy = np.array([a.currency == "JPY" for a in assets], dtype=float)
    B[:n, -1] = jpy  # R = r + f for a yen asset in USD
    B[n, -1] = -1.0  # hedge instrument: k - f
    fvol = np.r_[0.16, 0.05, 0.05, np.full(sectors, 0.08), 0.10]
    corr = np.eye(k)
    corr[0, -1] = corr[-1, 0] = -0.2  # the yen rallies when markets fall
    factor_cov = np.outer(fvol, fvol) * corr
    specific = np.r_[rng.uniform(0.12, 0.30, n) ** 2, 0.0]
    premia = np.r_[0.05, 0.01, 0.015, rng.normal(0.0, 0.02, sectors), 0.0]
    mu_all = 0.02 + B @ premia + np.r_[rng.normal(0, 0.02, n), 0.0]
    carry = 0.04
    risk = FactorRisk.from_factor_model(B, factor_cov, specific)
    model = MarketModel(
        assets=assets,
        base="USD",
        mu=mu_all[:n],
        cov=risk.covariance(),
        hedge_currencies=("JPY",),
        mu_hedge=np.array([carry]),
        carry=np.array([carry]),
        mu_fx=np.array([0.0]),
        rf=0.045,
        label=f"synthetic N={n}",
    )
    return model, risk


def cap_for(n: int) -> float:
    return max(0.05, round(3.0 / n, 3))


def ours_frontier(model, risk, cap, repeat):
    settings = OptimizationSettings(
        Objective.MAX_SHARPE, constraints=Constraints(max_weight=cap, hedge=HedgeSetting.fixed(0.0))
    )
    opt = Optimizer(model, risk)
    t0 = time.perf_counter()
    front = opt.frontier(settings, POINTS)  # first: compiles the problems
    first = time.perf_counter() - t0
    times = []
    for _ in range(repeat):
        opt.set_model(model, risk)
        t0 = time.perf_counter()
        front = opt.frontier(settings, POINTS)
        times.append(time.perf_counter() - t0)
    return front, first, statistics.median(times), sorted({p.solver for p in front.points})


def pypfopt_frontier(model, cap, targets, repeat):
    from pypfopt import EfficientFrontier

    n = model.n
    mu, cov = model.mu, model.cov[:n, :n]
    times, vols = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        ef = EfficientFrontier(mu, cov, weight_bounds=(0, cap))  # one object reused, as its plotting helper does
        vols = []
        for r in targets:
            ef.efficient_return(float(r))
            w = ef.weights
            vols.append(float(np.sqrt(w @ cov @ w)))
        times.append(time.perf_counter() - t0)
    return np.array(vols), statistics.median(times)


def resolve_times(model, risk, cap, repeat=30):
    """One slider-sized change (a theme target moved by 1%), then a re-solve, end to end."""
    out = {}
    opt = Optimizer(model, risk)
    for obj in (Objective.MAX_SHARPE, Objective.MIN_VARIANCE):
        times = []
        for i in range(repeat + 2):
            target = 0.20 + 0.01 * (i % 2)
            s = OptimizationSettings(
                obj, constraints=Constraints(theme_targets={"defense": target}, max_weight=max(cap, 0.1))
            )
            t0 = time.perf_counter()
            a = opt.optimize(s)
            if i >= 2:  # the first two compile
                times.append(time.perf_counter() - t0)
        out[obj.value] = (statistics.median(times), a.solver)
    return out


def machine() -> str:
    import clarabel
    import cvxpy

    try:
        import daqp  # noqa: F401
        from importlib.metadata import version

        dq = version("daqp")
    except Exception:  # pragma: no cover
        dq = "-"
    return (
        f"python {platform.python_version()}, numpy {np.__version__}, cvxpy {cvxpy.__version__}, "
        f"clarabel {clarabel.__version__}, daqp {dq}, {platform.processor() or platform.machine()}"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[45, 200, 500])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-pypfopt", action="store_true", help="time only our side")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    print(machine())
    print(f"{'N':>5} {'risk':>7} {'ours ms':>9} {'(first)':>9} {'pypfopt ms':>11} {'ratio':>7} {'max |dvol|':>11}  solvers")
    ok = True
    for n in args.sizes:
        model, risk = synthetic_market(n)
        use_factor = n >= FACTOR_FROM
        cap = cap_for(n)
        front, first, ours, solvers = ours_frontier(model, risk if use_factor else None, cap, args.repeat)
        targets = front.returns[1:-1]
        if args.no_pypfopt:
            pf, dvol = float("nan"), float("nan")
        else:
            vols, pf = pypfopt_frontier(model, cap, targets, 1 if n >= 500 else min(args.repeat, 3))
            dvol = float(np.max(np.abs(vols - front.vols[1:-1])))
            ok &= dvol < 1e-4  # PyPortfolioOpt solves at its solver's default tolerance
        print(
            f"{n:>5} {'factor' if use_factor else 'dense':>7} {ours * 1e3:9.1f} {first * 1e3:9.1f} "
            f"{pf * 1e3:11.1f} {pf / ours:7.1f} {dvol:11.2e}  {','.join(solvers)}"
        )
        if n <= 200:
            for obj, (t, solver) in resolve_times(model, None, cap).items():
                print(f"      re-solve after a 1% theme move, {obj}: {t * 1e3:.2f} ms ({solver}), end to end")
    if not ok:
        print("FRONTIERS DISAGREE: the comparison is not like for like")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
