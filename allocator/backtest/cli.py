"""``allocator backtest`` (DESIGN §11): the command's body; cli.py only registers it."""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from dataclasses import replace

from allocator.errors import InputError

#: Short column heads for the one-screen summary.
_SHORT = {
    "optimised": "optimised",
    "equal-weight": "equal-wt",
    "theme-targets": "themes",
    "fixed": "fixed",
    "optimised-unhedged": "unhedged",
}


def add_arguments(p) -> None:
    """The backtest's own flags (the allocation OPTIONS are added by cli.py)."""
    g = p.add_argument_group("backtest options")
    g.add_argument("--rebalance", choices=["monthly", "quarterly", "annually"], default="monthly")
    g.add_argument("--lookback", type=int, default=36, metavar="MONTHS", help="trailing estimation window (default 36)")
    g.add_argument("--costs", default=None, metavar="BPS", help="one-way costs in bps of traded value: 10, or US=5,JP=10")
    g.add_argument(
        "--benchmarks",
        default=None,
        metavar="LIST",
        help="comma-separated: equal-weight,theme-targets,fixed,optimised-unhedged (default all), or none",
    )
    g.add_argument("--json", metavar="OUT.json")
    g.add_argument("--csv", metavar="OUT.csv")


def _pct(x) -> str:
    return "n/a" if x is None or not math.isfinite(x) else f"{100 * x:.2f}%"


def _num(x, digits: int = 2) -> str:
    return "n/a" if x is None or not math.isfinite(x) else f"{x:.{digits}f}"


def summary_lines(result) -> list[str]:
    """The metrics table, strategies as columns (fits one screen)."""
    names = list(result.strategies)
    rows = [
        ("CAGR", lambda m: _pct(m["cagr"])),
        ("Volatility", lambda m: _pct(m["volatility"])),
        ("Sharpe", lambda m: _num(m["sharpe"])),
        ("  +/- s.e.", lambda m: _num(m["sharpe_se"])),
        ("Sortino", lambda m: _num(m["sortino"])),
        ("Max drawdown", lambda m: _pct(m["max_drawdown"])),
        ("  length (days)", lambda m: str(m["max_drawdown_days"])),
        ("Turnover / year", lambda m: _num(m["turnover_per_year"])),
        ("Predicted vol", lambda m: _pct(m["predicted_volatility"])),
        ("Realised/predicted", lambda m: _num(m["realised_vs_predicted_vol"])),
    ]
    width = 11
    head = f"{'':<19}" + "".join(f"{_SHORT.get(n, n)[:width - 1]:>{width}}" for n in names)
    lines = [head]
    for label, fmt in rows:
        lines.append(f"{label:<19}" + "".join(f"{fmt(result.strategies[n].metrics):>{width}}" for n in names))
    return lines


def csv_text(result) -> str:
    """One row per month: each strategy's return after costs, then its wealth (1 at the start)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    names = list(result.strategies)
    w.writerow(["date"] + [f"return_{n}" for n in names] + [f"wealth_{n}" for n in names])
    wealth = {n: s.wealth for n, s in result.strategies.items()}
    first = next(iter(result.strategies.values()))
    w.writerow([str(first.rebalances[0].date.date())] + [""] * len(names) + [repr(1.0)] * len(names))
    for d in first.returns.index:
        w.writerow(
            [str(d.date())]
            + [repr(float(result.strategies[n].returns.loc[d])) for n in names]
            + [repr(float(wealth[n].loc[d])) for n in names]
        )
    return buf.getvalue()


def cmd_backtest(args, run_settings, outputs) -> int:
    """``run_settings(args)`` builds the strategy's RunSettings from the shared OPTIONS;
    ``outputs(args, *targets)`` the command's output transaction (checked before any work)."""
    from allocator.backtest import BacktestSettings, run_backtest
    from allocator.pipeline import load_history

    if args.assumptions:
        raise InputError("backtest needs price history: --assumptions gives no prices to walk through")
    out = outputs(args, ("--json", args.json), ("--csv", args.csv))  # before any work
    settings = BacktestSettings(
        rebalance=args.rebalance,
        lookback_months=args.lookback,
        costs=args.costs,
        benchmarks=args.benchmarks,
        start=args.start,
        end=args.end,
    ).validate()
    run = run_settings(args)
    # --start/--end bound the backtest; each rebalance sets its own estimation window.
    run = replace(run, estimation=replace(run.estimation, start=None, end=None))
    fixed = None
    if args.from_file:
        from allocator.document import load_document

        fixed = load_document(args.from_file).weights
    history = load_history(run)
    result = run_backtest(run, history, settings, fixed_weights=fixed)
    contents = {}
    if args.json:
        contents["--json"] = json.dumps(result.to_json(), indent=1, allow_nan=False) + "\n"
    if args.csv:
        contents["--csv"] = csv_text(result)
    out.commit(contents)  # every file or none
    first = next(iter(result.strategies.values()))
    print(
        f"Backtest {first.rebalances[0].date.date()} to {first.returns.index[-1].date()}: "
        f"{settings.rebalance.value} rebalancing, {settings.lookback_months}-month lookback, "
        f"costs {settings.costs.label()}, base {result.base}; data: {result.label}"
    )
    for line in summary_lines(result):
        print(line)
    print(f"({len(first.rebalances)} rebalances in {result.seconds:.2f} s; 'fixed' holds today's allocation: hindsight)")
    for note in result.notes:
        kind = "warning" if note in result.warnings else "note"
        print(f"allocator: {kind}: {note}", file=sys.stderr)
    if out.flags:
        print("Wrote " + " and ".join(out.path(f) for f in out.flags))
    return 0
