"""The command line (DESIGN §4).  ``allocator`` with no arguments opens the GUI.

Exit codes: 0 success; 2 bad input; 3 infeasible settings; 4 data
unavailable.  Every failure is one line on stderr, never a traceback (set
``ALLOCATOR_DEBUG=1`` to see one).  Output files are written only once all the
work succeeded, and atomically.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from dataclasses import replace
from typing import Sequence

from allocator import __version__
from allocator.errors import AllocatorError, InputError

EXIT_OK, EXIT_INPUT, EXIT_INFEASIBLE, EXIT_DATA = 0, 2, 3, 4


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(f"{self.prog}: {message}")


def _band(text: str) -> tuple[str, tuple[float, float]]:
    try:
        key, rng = text.split("=", 1)
        lo, hi = rng.split(":", 1)
        return key.strip().upper(), (float(lo), float(hi))
    except ValueError:
        raise InputError(f"--country {text!r}: expected COUNTRY=LO:HI, e.g. JP=0.2:0.6") from None


def _theme(text: str) -> tuple[str, float]:
    try:
        key, w = text.split("=", 1)
        return key.strip(), float(w)
    except ValueError:
        raise InputError(f"--theme {text!r}: expected KEY=WEIGHT, e.g. defense=0.25") from None


def _add_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("allocation options")
    g.add_argument("--from", dest="from_file", metavar="FILE.alloc.json", help="start from a saved allocation's settings")
    g.add_argument("--data", help="price source: sample | cache | yahoo | csv:PATH (default: cache, else sample)")
    g.add_argument(
        "--accept-outliers",
        action="store_true",
        help="use CSV prices with one-day moves by a factor of 10 or more (otherwise an error naming the row)",
    )
    g.add_argument("--assumptions", metavar="FILE", help="expected returns and covariance given directly (JSON)")
    g.add_argument("--start", help="estimation window start (YYYY-MM-DD)")
    g.add_argument("--end", help="estimation window end (YYYY-MM-DD)")
    g.add_argument("--frequency", choices=["daily", "weekly", "monthly"], help="return frequency (default weekly)")
    g.add_argument(
        "--mean",
        dest="mean_method",
        choices=["historical", "ewma", "shrunk", "equilibrium", "black-litterman"],
        help="expected-return estimator (CLI default historical; the app's new documents start on equilibrium): "
        "equilibrium = the prior rf + delta*Sigma*w_ref alone; black-litterman = that prior moved by --view",
    )
    g.add_argument(
        "--reference",
        metavar="market-cap|equal|FILE.alloc.json",
        help="reference portfolio of the equilibrium prior (default market-cap: approximate bundled capitalisations)",
    )
    g.add_argument(
        "--prior-risk-aversion",
        type=float,
        metavar="D",
        help="delta of the prior (default: market-implied from history, clipped to [1, 10]; 2.5 for --assumptions)",
    )
    g.add_argument("--tau", type=float, help="uncertainty of the prior, Black-Litterman tau (default 0.05)")
    g.add_argument(
        "--view",
        action="append",
        default=None,
        metavar="THEME=R@C",
        help="a view (repeatable; replaces the views of --from / --assumptions): THEME=R@C absolute, "
        "THEME1-THEME2=R@C relative, TICKER=R@C one asset; R annual, C confidence in (0, 1], e.g. semis_ai=0.12@0.6",
    )
    g.add_argument("--cov", dest="cov_method", choices=["sample", "ledoit-wolf", "ewma"], help="covariance estimator")
    g.add_argument(
        "--objective",
        choices=["max-sharpe", "min-variance", "target-return", "target-vol", "max-utility"],
        help="what to optimise (default max-sharpe)",
    )
    g.add_argument("--target", type=float, help="annual return or volatility for target-* objectives")
    g.add_argument("--risk-aversion", type=float, help="G for max-utility: maximise mu'w - G/2 w'Sw")
    g.add_argument("--theme", action="append", default=None, metavar="KEY=WEIGHT", help="theme target (repeatable)")
    g.add_argument("--theme-tolerance", type=float, help="allowed band around each theme target (default 0)")
    g.add_argument("--max-weight", type=float, help="per-asset cap (CLI default: none; the app's new documents start at 0.10)")
    g.add_argument("--country", action="append", default=None, metavar="C=LO:HI", help="country bounds (repeatable)")
    g.add_argument("--base", choices=["USD", "JPY", "usd", "jpy"], help="base currency (default USD)")
    g.add_argument("--hedge", help="hedge ratio of foreign-currency exposure: H, optimal, or LO:HI")
    g.add_argument("--rf", type=float, help="risk-free rate for Sharpe (default: base currency's short rate)")
    g.add_argument("--rate", action="append", default=None, metavar="CCY=R", help="annual short rate, e.g. USD=0.04")
    g.add_argument(
        "--rate-history",
        metavar="FILE.csv",
        help="monthly short rates (columns Date,USD,JPY) for historical hedged returns",
    )
    g.add_argument(
        "--rate-units", choices=["fraction", "percent"], help="units of --rate-history values (default fraction)"
    )
    g.add_argument(
        "--fx-mean",
        choices=["zero", "historical"],
        help="expected currency return: zero (default) or the historical mean (a trap: see README)",
    )


#: Said under optimize/frontier/backtest --help (README "Defaults: the app and the command line").
DEFAULTS_NOTE = (
    "Defaults that differ from the app: the command line keeps historical means and no per-asset cap "
    "(DESIGN §4), so scripts keep their meaning; a new document in the app starts on the equilibrium prior "
    "(--mean equilibrium --reference market-cap --prior-risk-aversion 2.5, not the market-implied delta) with "
    "--max-weight 0.10 and no views. With --assumptions the "
    "file's expected_returns are used unless --mean equilibrium|black-litterman is given."
)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="allocator", description="Theme-driven US-Japan portfolio allocator with yen hedging.")
    p.add_argument("--version", action="version", version=f"allocator {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    g = sub.add_parser("gui", help="open the window (optionally a saved allocation)")
    g.add_argument("file", nargs="?")
    g.add_argument("--screenshot", metavar="PATH", help="render the window after the first optimisation and exit")
    g.add_argument(
        "--lang", choices=("system", "en", "ja"), default=None,
        help="language of the window for this run (default: View > Language, else the system's)",
    )

    t = sub.add_parser("themes", help="list themes and assets of the universe")
    t.add_argument("--json", action="store_true")

    o = sub.add_parser("optimize", help="optimise and write an allocation file", epilog=DEFAULTS_NOTE)
    _add_options(o)
    o.add_argument("-o", "--output", required=True, metavar="OUT.alloc.json")
    o.add_argument("--csv", metavar="OUT.csv")
    o.add_argument("--notes", default="", help="free text stored in the file")
    from allocator.rebalance import add_holdings_options

    add_holdings_options(o)

    f = sub.add_parser("frontier", help="compute the efficient frontier", epilog=DEFAULTS_NOTE)
    _add_options(f)
    f.add_argument("--points", type=int, required=True, metavar="N")
    f.add_argument("--csv", metavar="OUT.csv")
    f.add_argument("--json", metavar="OUT.json")
    add_holdings_options(f)

    e = sub.add_parser("export", help="export a saved allocation to CSV")
    e.add_argument("file", metavar="IN.alloc.json")
    e.add_argument("--csv", required=True, metavar="OUT.csv")
    e.add_argument("--capital", type=float, metavar="AMOUNT", help="capital in the base currency")

    from allocator.rebalance import add_arguments as _rebalance_arguments

    _rebalance_arguments(sub.add_parser("rebalance", help="trade list from your holdings to a target allocation"))

    b = sub.add_parser("backtest", help="walk-forward backtest of the settings against benchmarks", epilog=DEFAULTS_NOTE)
    _add_options(b)
    from allocator.backtest.cli import add_arguments as _backtest_arguments

    _backtest_arguments(b)

    fe = sub.add_parser("fetch", help="refresh the price cache from Yahoo Finance")
    fe.add_argument("--tickers", nargs="+")
    fe.add_argument("--force", action="store_true", help="ignore the grace period and ask Yahoo again")
    return p


# ----------------------------------------------------------------------------
def _run_settings(args):
    """RunSettings from --from (if any), then every flag the user gave."""
    from allocator.optimize.settings import HedgeSetting, Objective
    from allocator.pipeline import RunSettings
    from allocator.universe import default_universe

    if args.from_file:
        from allocator.document import load_document

        run = load_document(args.from_file).run_settings()
    else:
        try:
            from allocator.userdata import load_user_universe  # user additions, when available

            run = RunSettings(universe=load_user_universe())
        except ImportError:
            run = RunSettings(universe=default_universe())
    opt = run.optimization
    cons = opt.constraints
    est = run.estimation
    if args.theme is not None:
        targets = {}
        for text in args.theme:
            k, w = _theme(text)
            if k in targets:
                raise InputError(f"--theme {k} is given twice")
            targets[k] = w
        cons = replace(cons, theme_targets=targets)
    if args.theme_tolerance is not None:
        cons = replace(cons, theme_tolerance=args.theme_tolerance)
    if args.max_weight is not None:
        cons = replace(cons, max_weight=args.max_weight)
    if args.country is not None:
        cons = replace(cons, country_bounds=dict(_band(t) for t in args.country))
    if args.hedge is not None:
        cons = replace(cons, hedge=HedgeSetting.parse(args.hedge))
    if args.objective is not None:
        opt = replace(opt, objective=Objective.parse(args.objective))
    if args.target is not None:
        opt = replace(opt, target=args.target)
    if args.risk_aversion is not None:
        opt = replace(opt, risk_aversion=args.risk_aversion)
    if args.rf is not None:
        opt = replace(opt, rf=args.rf)
    opt = replace(opt, constraints=cons)
    for name, attr in (("start", "start"), ("end", "end"), ("frequency", "frequency")):
        v = getattr(args, attr)
        if v is not None:
            est = replace(est, **{name: v})
    if args.mean_method:
        est = replace(est, mean=args.mean_method)
    if args.cov_method:
        est = replace(est, covariance=args.cov_method)
    if args.fx_mean:
        est = replace(est, fx_mean=args.fx_mean)
    from allocator.views import restrict_reference

    prior = _prior_flags(args, run.prior)
    if not args.assumptions:
        prior = restrict_reference(prior, run.universe.tickers)
    run = replace(run, prior=prior)
    rates = dict(run.rates)
    for text in args.rate or []:
        try:
            k, v = text.split("=", 1)
            rates[k.strip().upper()] = float(v)
        except ValueError:
            raise InputError(f"--rate {text!r}: expected CCY=RATE, e.g. USD=0.04") from None
    if args.rate_history is not None:
        run = replace(run, rate_history=args.rate_history)
    if args.rate_units is not None:
        run = replace(run, rate_units=args.rate_units)
    run = replace(
        run,
        optimization=opt,
        estimation=est,
        rates=rates,
        base=(args.base or run.base).upper(),
        data=args.data if args.data is not None else run.data,
    )
    return run.validate()


def _prior_flags(args, prior):
    """Reference, delta and tau from the flags (views are placed once the universe is known)."""
    from allocator.views import reference_from_file

    if args.reference is not None:
        ref = args.reference.strip()
        if ref in ("market-cap", "equal"):
            prior = replace(prior, reference=ref, reference_file=None, reference_weights=None)
        elif ref.endswith(".json"):
            f = reference_from_file(ref)
            prior = replace(prior, reference=f.reference, reference_file=f.reference_file, reference_weights=f.reference_weights)
        else:
            raise InputError(f"--reference {ref!r}: use market-cap, equal or a saved FILE.alloc.json")
    if args.prior_risk_aversion is not None:
        prior = replace(prior, risk_aversion=args.prior_risk_aversion)
    if args.tau is not None:
        prior = replace(prior, tau=args.tau)
    return prior


def _place_views(args, run):
    """``--view`` flags parsed against the universe (theme, ticker, or THEME1-THEME2)."""
    from allocator.views import parse_view

    if args.view is None:
        return run
    uni = run.universe
    views = tuple(parse_view(text, uni.theme_keys, uni.tickers) for text in args.view)
    return replace(run, prior=replace(run.prior, views=views))


def _check_views(run, model):
    """Every view placed on the model's assets now (exit 2 naming the view), whatever the mean method."""
    from allocator.estimators import parse_mean_method
    from allocator.views import equal_weights, pick_matrix

    views = run.prior.views
    if not views:
        return
    pick_matrix(views, model.tickers, [a.theme for a in model.assets], equal_weights(model.n), run.universe.theme_keys)
    if not parse_mean_method(run.estimation.mean) is parse_mean_method("black-litterman"):
        print("allocator: note: --view is used only with --mean black-litterman", file=sys.stderr)


def _model(args, run):
    run, model, history, _built = _model_built(args, run)
    return run, model, history


def _model_built(args, run):
    """(run, model, history, ModelBuild or None for an assumptions file)."""
    full_universe = run.universe
    run, model, history, built = _model_inner(args, run)
    _check_views(run, model)
    from allocator.pipeline import check_theme_data

    check_theme_data(replace(run, universe=full_universe) if built is not None else run, model)
    return run, model, history, built


def _model_inner(args, run):
    """(run, model, history, build) - from an assumptions file or from prices."""
    if args.assumptions:
        if args.data:
            raise InputError("--assumptions and --data exclude each other")
        from allocator.assumptions import assumptions_model, load_assumptions

        from allocator.estimators import parse_mean_method

        uses_prior = parse_mean_method(run.estimation.mean).uses_prior
        universe, numbers = load_assumptions(args.assumptions, need_returns=not uses_prior)
        # The file's rates (missing: zero carry, DESIGN §7); --rate flags override them.
        rates = dict(numbers["rates"] or {})
        for text in args.rate or []:
            k, v = text.split("=", 1)
            rates[k.strip().upper()] = float(v)
        numbers = {**numbers, "rates": rates}
        if args.rate_history:
            print("allocator: note: --rate-history is not used with --assumptions (annual model)", file=sys.stderr)
        run = replace(run, universe=universe, data="assumptions", rates=rates, rate_history=None)
        run = _assumptions_prior(args, run, numbers).validate()
        model = assumptions_model(universe, numbers, run.base)
        for w in model.notes:
            print(f"allocator: warning: {args.assumptions}: {w}", file=sys.stderr)
        if uses_prior:
            from allocator.views import apply_prior, prior_for_model

            prior = prior_for_model(
                model,
                run.prior,
                use_views=parse_mean_method(run.estimation.mean).value == "black-litterman",
                theme_keys=universe.theme_keys,
            )
            _report_prior(prior)
            model = apply_prior(model, prior)
        return run, model, None, None
    from allocator.pipeline import build_model

    run = _place_views(args, run).validate()
    built = build_model(run)
    if run.estimation.fx_mean == "historical" and built.model.m:
        print(
            "allocator: note: --fx-mean historical extrapolates the currency's past trend "
            "(the yen lost almost half its dollar value in 2013-2024); the default zero is the safer assumption",
            file=sys.stderr,
        )
    estimate = set(built.model.notes)
    for w in (*built.history.warnings, *built.notes):
        print(f"allocator: {'warning' if w in estimate else 'note'}: {w}", file=sys.stderr)
    _warn_short_history(built, run)
    if built.prior is not None:
        _report_prior(built.prior, notes=False)
    if built.universe is not None:
        run = replace(run, universe=built.universe)
    return run, built.model, built.history, built


def _assumptions_prior(args, run, numbers):
    """The assumptions file's reference_weights, risk_aversion and views, unless flags say otherwise."""
    from allocator.views import parse_view

    prior = run.prior
    if args.reference is None and numbers.get("reference_weights"):
        prior = replace(prior, reference="assumptions", reference_file=None, reference_weights=numbers["reference_weights"])
    if args.prior_risk_aversion is None and numbers.get("risk_aversion") is not None:
        prior = replace(prior, risk_aversion=numbers["risk_aversion"])
    uni = run.universe
    if prior.reference == "file":
        from allocator.views import restrict_reference

        prior = restrict_reference(prior, uni.tickers)
    if args.view is not None:
        prior = replace(prior, views=tuple(parse_view(t, uni.theme_keys, uni.tickers) for t in args.view))
    elif numbers.get("views") is not None:
        prior = replace(prior, views=tuple(numbers["views"]))
    return replace(run, prior=prior)


def _report_prior(prior, notes: bool = True) -> None:
    """One line on stderr: which reference and delta the prior used (the identity's delta)."""
    if notes:
        for n in prior.notes:
            print(f"allocator: note: {n}", file=sys.stderr)
    views = f"; {len(prior.views)} view(s): {', '.join(v.label for v in prior.views)}" if prior.views else ""
    print(
        f"allocator: note: equilibrium prior with delta {prior.delta:.6g} ({prior.delta_source}), tau {prior.tau:g}{views}",
        file=sys.stderr,
    )


def _warn_short_history(built, run) -> None:
    """Say which assets shrink the estimation window for everyone (before it happens silently)."""
    from allocator.data.quality import quality_report, short_history

    history = built.history.select(built.model.tickers)
    report = quality_report(history, run.estimation.start, run.estimation.end, include_fx=False)
    short = short_history(report)
    if short:
        print(
            f"allocator: note: {', '.join(short)} start later than the window; estimates use "
            f"{built.model.start} to {built.model.end} for every asset",
            file=sys.stderr,
        )


def _fmt_pct(x: float) -> str:
    return f"{100 * x:6.2f}%"


def _print_allocation(a, model, label: str, out=None, uncertainty=None) -> None:
    out = out or sys.stdout
    print(f"Data: {label}", file=out)
    sse = uncertainty.sharpe_se if uncertainty is not None else None
    sharpe = f"Sharpe {a.sharpe:.3f}" + (f" \u00b1 {sse:.3f}" if sse is not None else "")
    print(
        f"Expected return {_fmt_pct(a.expected_return)}  volatility {_fmt_pct(a.volatility)}  "
        f"{sharpe}  (annual, {a.base}; rf {_fmt_pct(a.rf).strip()})",
        file=out,
    )
    if sse is not None:
        print(f"  \u00b1 is one standard error: {uncertainty.method}, {uncertainty.periods} return periods; "
              "expected returns \u00b1 one standard error of their estimator", file=out)
    if getattr(model, "hedge_convention", "") and a.hedge_ratios:
        print(f"Hedge expected return: {model.hedge_convention}", file=out)
    if a.turnover is not None:
        print(f"From holdings: turnover {_fmt_pct(a.turnover).strip()}, one-time cost {_fmt_pct(a.trading_cost).strip()}, "
              f"expected return net of it {_fmt_pct(a.net_return).strip()}", file=out)
    if a.hedge_ratios:
        hs = ", ".join(f"{c} {_fmt_pct(h).strip()} (notional {_fmt_pct(a.hedge_notionals[c]).strip()})" for c, h in a.hedge_ratios.items())
        print(f"Hedge ratio: {hs}", file=out)
    print("Themes: " + ", ".join(f"{k} {_fmt_pct(v).strip()}" for k, v in a.theme_weights.items() if v > 5e-5), file=out)
    print("Countries: " + ", ".join(f"{k} {_fmt_pct(v).strip()}" for k, v in a.country_weights.items()), file=out)
    names = {x.ticker: x.name for x in model.assets}
    se = uncertainty.asset_return_se if uncertainty is not None else {}
    for t, w in sorted(a.held(5e-5).items(), key=lambda kv: -kv[1]):
        er = f"  E[R] {_fmt_pct(a.asset_returns[t])}" + (f" \u00b1 {_fmt_pct(se[t]).strip()}" if t in se else "")
        print(f"  {t:<8} {_fmt_pct(w)}{er}  {names.get(t, '')}", file=out)
    if a.attribution:
        from allocator.attribution import format_attribution

        for line in format_attribution(a.attribution, "themes"):
            print(line, file=out)


def cmd_themes(args) -> int:
    from allocator.universe import default_universe

    try:
        from allocator.userdata import load_user_universe

        uni = load_user_universe()
    except ImportError:
        uni = default_universe()
    if args.json:
        data = {
            "themes": [
                {
                    "key": t.key,
                    "name": t.name,
                    "description": t.description,
                    "assets": [a.to_dict() for a in uni.members(t.key)],
                }
                for t in uni.themes
            ]
        }
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    for t in uni.themes:
        members = uni.members(t.key)
        print(f"{t.key:<18} {t.name} ({len(members)})")
        for a in members:
            print(f"    {a.ticker:<8} {a.country} {a.currency} {a.kind:<5} {a.name}")
    return EXIT_OK


def _outputs(args, *targets: tuple[str, str | None]):
    """The command's output files as one transaction (``allocator.atomic.OutputSet``), checked now.

    Each target is (flag, path or None when not asked for).  The command's
    input files are protected: no output may overwrite them.
    """
    from allocator.atomic import OutputSet

    out = OutputSet()
    for flag, path in targets:
        if path is None:
            continue
        if path == "-":
            raise InputError(
                f"{flag} -: writing to standard output is not supported; give a file name (./- for a file named '-')"
            )
        out.add(flag, path)
    for label, attr in (("the --from file", "from_file"), ("the --assumptions file", "assumptions"),
                        ("the --rate-history file", "rate_history"), ("the file being exported", "file"),
                        ("the --holdings file", "holdings")):
        # -o may update the file it started from (read in full first); nothing else may replace an input.
        out.protect(label, getattr(args, attr, None), allow=("-o",) if attr == "from_file" else ())
    data = getattr(args, "data", None)
    if isinstance(data, str) and data.strip().startswith("csv:"):
        out.protect("the --data CSV file", data.strip()[4:].strip())
    out.check()
    return out


def _check_nonempty(args) -> None:
    """A flag given an empty value is a mistake (a shell variable that was not set), never "not given"."""
    for flag, attr in (("--from", "from_file"), ("--assumptions", "assumptions"), ("--rate-history", "rate_history"),
                       ("--data", "data"), ("--start", "start"), ("--end", "end"), ("--hedge", "hedge"),
                       ("--csv", "csv"), ("--json", "json"), ("-o", "output")):
        value = getattr(args, attr, None)
        if isinstance(value, str) and not value.strip():
            raise InputError(f"{flag} needs a value (it is empty)")


def cmd_optimize(args) -> int:
    from allocator.document import dumps_document, make_document
    from allocator.optimize import Optimizer

    _check_nonempty(args)
    if not args.output.endswith(".json"):
        raise InputError(f"-o {args.output!r}: the allocation file should end in .alloc.json")
    outputs = _outputs(args, ("-o", args.output), ("--csv", args.csv))  # before any work
    from allocator.rebalance import apply_holdings_args, with_trading

    run = apply_holdings_args(args, _run_settings(args))
    run, model, history, built = _model_built(args, run)
    run = with_trading(run, model, history)
    alloc = Optimizer(model).optimize(run.optimization)
    label = history.label if history is not None else "assumptions file"
    from allocator.optimize.targets import target_note

    from allocator.pipeline import estimate_notes

    file_notes = [str(n) for n in (estimate_notes(built) if built is not None else ())]
    for n in file_notes:  # after the solve: a failing run's stderr stays its one error line
        print(f"allocator: note: {n}", file=sys.stderr)
    missed = target_note(run.optimization, alloc)
    if missed is not None:
        print(f"allocator: note: {missed}", file=sys.stderr)
        file_notes.append(str(missed))
    unc = None
    if built is not None:
        from allocator.uncertainty import allocation_uncertainty

        unc = allocation_uncertainty(built, alloc, run)
    doc = make_document(run, alloc, history, notes=args.notes, start=model.start, end=model.end,
                        model=model, uncertainty=unc, data_notes=[*map(str, model.notes), *file_notes])
    contents = {"-o": dumps_document(doc)}
    if args.csv:
        from allocator.export import export_text

        contents["--csv"] = export_text(doc)
    outputs.commit(contents)  # both files or neither
    _print_allocation(alloc, model, label, uncertainty=unc)
    print(f"Wrote {args.output}" + (f" and {args.csv}" if args.csv else ""))
    return EXIT_OK


def cmd_frontier(args) -> int:
    from allocator.optimize import Optimizer

    _check_nonempty(args)
    if args.points < 2 or args.points > 1000:
        raise InputError("--points must be between 2 and 1000")
    outputs = _outputs(args, ("--json", args.json), ("--csv", args.csv))  # before any work
    from allocator.rebalance import apply_holdings_args, with_trading

    run = apply_holdings_args(args, _run_settings(args))
    run, model, history, built = _model_built(args, run)
    run = with_trading(run, model, history)
    fr = Optimizer(model).frontier(run.optimization, args.points)
    if built is not None:
        from allocator.pipeline import estimate_notes

        for n in estimate_notes(built):
            print(f"allocator: note: {n}", file=sys.stderr)
    payload = fr.to_json()
    payload["base_currency"] = run.base
    payload["data"] = history.label if history is not None else "assumptions file"
    contents = {}
    if args.json:
        contents["--json"] = json.dumps(payload, indent=2, allow_nan=False) + "\n"
    if args.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        tickers = model.tickers
        ccys = list(model.hedge_currencies)
        w.writerow(["expected_return", "volatility", "sharpe"] + [f"hedge_ratio_{c}" for c in ccys] + tickers)
        for p in fr.points:
            w.writerow(
                [repr(p.expected_return), repr(p.volatility), repr(p.sharpe)]
                + [repr(p.hedge_ratios.get(c, 0.0)) for c in ccys]
                + [repr(p.weights[t]) for t in tickers]
            )
        contents["--csv"] = buf.getvalue()
    outputs.commit(contents)  # all files or none
    print(f"Data: {payload['data']}")
    ccys = list(model.hedge_currencies)
    hedge_head = "".join(f" {'hedge ' + c:>10}" for c in ccys)
    print(f"{'#':>3} {'return':>8} {'vol':>8} {'sharpe':>7}{hedge_head}")
    for i, p in enumerate(fr.points):
        mark = "  <- max Sharpe" if i == fr.max_sharpe_index else ""
        hedges = "".join(f" {_fmt_pct(p.hedge_ratios.get(c, 0.0)):>10}" for c in ccys)
        print(f"{i:>3} {_fmt_pct(p.expected_return)} {_fmt_pct(p.volatility)} {p.sharpe:7.3f}{hedges}{mark}")
    return EXIT_OK


def cmd_export(args) -> int:
    from allocator.document import load_document
    from allocator.export import export_text

    _check_nonempty(args)
    if not args.file or not args.file.strip():
        raise InputError("export needs the allocation file to read (it is empty)")
    outputs = _outputs(args, ("--csv", args.csv))
    doc = load_document(args.file)
    outputs.commit({"--csv": export_text(doc, capital=args.capital)})
    print(f"Wrote {args.csv}")
    return EXIT_OK


def cmd_rebalance(args) -> int:
    from allocator.rebalance import cmd_rebalance as run

    return run(args)


def cmd_fetch(args) -> int:
    try:
        from allocator.data.fetch import run_fetch
    except ImportError:
        from allocator.errors import DataError

        raise DataError("fetching from Yahoo Finance is not available in this build") from None
    return run_fetch(args.tickers, sys.stdout, force=args.force)


def cmd_backtest(args) -> int:
    from allocator.backtest.cli import cmd_backtest as run

    _check_nonempty(args)
    return run(args, _run_settings, _outputs)


def cmd_gui(args) -> int:
    try:
        from allocator.gui.app import run_gui
    except ImportError as exc:
        raise InputError(f"the desktop app cannot start ({exc})") from None
    return run_gui(getattr(args, "file", None), getattr(args, "screenshot", None), lang=getattr(args, "lang", None))


COMMANDS = {
    "themes": cmd_themes,
    "optimize": cmd_optimize,
    "frontier": cmd_frontier,
    "export": cmd_export,
    "rebalance": cmd_rebalance,
    "backtest": cmd_backtest,
    "fetch": cmd_fetch,
    "gui": cmd_gui,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            args = argparse.Namespace(command="gui", file=None, screenshot=None)
        if not getattr(args, "accept_outliers", False):
            return COMMANDS[args.command](args)
        from allocator.data.csv_import import set_accept_all

        before = set_accept_all(True)  # for this command only (tests call main() many times)
        try:
            return COMMANDS[args.command](args)
        finally:
            set_accept_all(before)
    except AllocatorError as exc:
        print(f"allocator: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # output piped into `head` and closed early
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except KeyboardInterrupt:
        print("allocator: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    except Exception as exc:  # never a traceback for users
        if os.environ.get("ALLOCATOR_DEBUG"):
            raise
        print(f"allocator: internal error: {type(exc).__name__}: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1


def gui_main() -> int:
    """``allocator-gui [FILE]`` (the desktop launcher): the window, optionally on a file."""
    return main(["gui", *sys.argv[1:]])
