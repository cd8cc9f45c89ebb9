"""Walk-forward backtest: re-estimate and re-optimise at each rebalance, hold, repeat.

A client of the pipeline, not a second one (STYLE "new rooms"): at each
rebalance date D the engine hands ``build_model`` a *view* of the prices
that ends at D (``history.window(None, D)``) and of the rate history up to
D, with the estimation window set to the trailing lookback; the same
``Optimizer`` then re-solves its compiled problem with the new numbers
(the new covariance is swapped into the compiled data, no recompile).
Nothing after D is in what the estimator or the optimiser receive, so the
weights chosen on D cannot depend on later prices (tests/test_backtest.py
changes prices after a date and checks exactly that).

The realised side (what the weights then earn) is measured on monthly
periods, each ending on its month's last trading day: assets drift with
their returns between rebalances, the hedge of each foreign currency is
rolled monthly at the ratio of the last rebalance (its notional re-sized to
the drifted exposure, its P&L settled into the holdings pro rata) and earns
``k_t - f_t`` with the carry ``k_t`` of that month's rates, and each
rebalance pays ``costs`` basis points of the traded value (the first
purchase included).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from allocator.backtest.calendar import Rebalance, is_rebalance_month, lookback_start, month_ends
from allocator.backtest.metrics import performance
from allocator.costs import Costs, parse_costs
from allocator.currency import Rates, currency_return, foreign_currency
from allocator.data.prices import PriceHistory
from allocator.errors import AllocatorError, DataError, InputError
from allocator.pipeline import RunSettings, build_model, usable_universe
from allocator.text import T

OPTIMISED = "optimised"
EQUAL = "equal-weight"
THEMES = "theme-targets"
FIXED = "fixed"
UNHEDGED = "optimised-unhedged"
#: Benchmarks in the order they are reported (``--benchmarks`` names).
BENCHMARKS = (EQUAL, THEMES, FIXED, UNHEDGED)
_ALIASES = {"equal": EQUAL, "themes": THEMES, "theme": THEMES, "unhedged": UNHEDGED, "current": FIXED}

#: An asset enters once its history covers the lookback window to within this.
_ENTRY_SLACK = pd.Timedelta(days=7)
#: ...and it is still trading: a close within this before the rebalance date.
_STALE = pd.Timedelta(days=14)


class BacktestCancelled(Exception):
    """The caller's ``cancelled()`` said stop (the GUI's Cancel button)."""


def parse_benchmarks(text: "str | Sequence[str] | None") -> tuple[str, ...]:
    """``equal-weight,theme-targets,fixed,optimised-unhedged`` (default all); ``none`` for none."""
    if text is None:
        return BENCHMARKS
    items = text.split(",") if isinstance(text, str) else list(text)
    out: list[str] = []
    for raw in items:
        name = str(raw).strip().lower()
        if not name:
            continue
        if name == "none":
            return ()
        if name == "all":
            return BENCHMARKS
        name = _ALIASES.get(name, name)
        if name not in BENCHMARKS:
            raise InputError(T("--benchmarks: unknown benchmark {name} (choose from {choices}, or none)", name=repr(raw), choices=", ".join(BENCHMARKS)))
        if name not in out:
            out.append(name)
    return tuple(b for b in BENCHMARKS if b in out)


@dataclass(frozen=True)
class BacktestSettings:
    rebalance: Rebalance = Rebalance.MONTHLY
    lookback_months: int = 36
    costs: Costs = field(default_factory=Costs)
    benchmarks: tuple[str, ...] = BENCHMARKS
    start: str | None = None  # the backtest window (first rebalance on or after start)
    end: str | None = None

    def validate(self) -> "BacktestSettings":
        try:
            lb = int(self.lookback_months)
        except (TypeError, ValueError):
            raise InputError(T("--lookback {value} must be a whole number of months", value=repr(self.lookback_months))) from None
        if lb != self.lookback_months or not 3 <= lb <= 240:
            raise InputError(T("--lookback {value} must be a whole number of months from 3 to 240", value=str(self.lookback_months)))
        for name in ("start", "end"):
            v = getattr(self, name)
            if v is not None:
                try:
                    pd.Timestamp(v)
                except (ValueError, TypeError):
                    raise InputError(T("--{name} {value} is not a date (use YYYY-MM-DD)", name=name, value=repr(v))) from None
        if self.start and self.end and pd.Timestamp(self.start) >= pd.Timestamp(self.end):
            raise InputError(T("the backtest starts ({start}) after it ends ({end})", start=str(self.start), end=str(self.end)))
        return replace(
            self,
            rebalance=Rebalance.parse(self.rebalance),
            lookback_months=lb,
            costs=parse_costs(self.costs),
            benchmarks=parse_benchmarks(self.benchmarks),
        )

    def to_dict(self) -> dict:
        """What an allocation file stores under ``settings.backtest`` (COORDINATION decision 1)."""
        return {
            "rebalance": self.rebalance.value,
            "lookback_months": self.lookback_months,
            "costs_bps": self.costs.to_json(),
            "benchmarks": list(self.benchmarks),
        }


@dataclass(frozen=True)
class RebalanceRecord:
    date: pd.Timestamp
    weights: dict[str, float]
    hedge_ratios: dict[str, float]
    turnover: float  # traded value / portfolio value (sum of |w_new - w_drifted|)
    predicted_volatility: float  # annual, the model's forecast on that date
    cost: float = 0.0  # fraction of wealth paid

    def to_json(self) -> dict:
        return {
            "date": str(self.date.date()),
            "weights": self.weights,
            "hedge_ratios": self.hedge_ratios,
            "turnover": self.turnover,
            "predicted_volatility": self.predicted_volatility,
            "cost": self.cost,
        }


@dataclass(frozen=True)
class StrategyResult:
    name: str
    returns: pd.Series  # simple monthly return after costs, indexed by period end
    rebalances: tuple[RebalanceRecord, ...]
    metrics: dict[str, float | None]

    @property
    def wealth(self) -> pd.Series:
        """Wealth from 1.0 on the first rebalance date."""
        start = pd.Series([1.0], index=[self.rebalances[0].date])
        return pd.concat([start, (1.0 + self.returns).cumprod()])

    def to_json(self) -> dict:
        return {
            "periods": [{"date": str(d.date()), "return": float(r)} for d, r in self.returns.items()],
            "rebalances": [r.to_json() for r in self.rebalances],
            "metrics": self.metrics,
        }


@dataclass(frozen=True)
class BacktestResult:
    strategies: dict[str, StrategyResult]
    base: str
    settings: BacktestSettings
    seconds: float
    label: str
    simulated: bool
    entered: dict[str, str]  # ticker -> first rebalance date it was part of
    windows: dict[str, str]  # rebalance date -> estimation window start
    themes: dict[str, str]  # ticker -> theme (for the GUI's stacked area)
    notes: tuple[str, ...] = ()  # the warnings first
    warnings: tuple[str, ...] = ()  # about the estimates (CLI: "warning:"), also in ``notes``

    def to_json(self) -> dict:
        """The DESIGN §11 document (plus the run's settings and notes)."""
        return {
            "strategies": {k: s.to_json() for k, s in self.strategies.items()},
            "frequency": "monthly",
            "base_currency": self.base,
            "seconds": self.seconds,
            "rebalance": self.settings.rebalance.value,
            "lookback_months": self.settings.lookback_months,
            "costs_bps": self.settings.costs.to_json(),
            "data": self.label,
            "simulated": self.simulated,
            "estimation_windows": self.windows,
            "assets_entered": self.entered,
            "notes": list(self.notes),
        }


# ----------------------------------------------------------------------------
def _monthly_closes(frame: pd.DataFrame | pd.Series, ends: pd.DatetimeIndex):
    """Each column's last close in each month, labelled by the month's last trading day."""
    closes = frame.resample("ME").last()
    label = pd.Series(ends, index=ends.to_period("M"))
    closes.index = pd.DatetimeIndex(label.reindex(closes.index.to_period("M")).to_numpy())
    return closes[closes.index.notna()]


def _theme_weights(assets, targets: Mapping[str, float]) -> np.ndarray:
    """The targets, equal weights inside each theme, free themes sharing the rest equally."""
    themes = list(dict.fromkeys(a.theme for a in assets))
    named = {k: float(v) for k, v in targets.items() if k in themes}
    free = [k for k in themes if k not in named]
    rest = max(0.0, 1.0 - sum(named.values()))
    share = dict(named)
    for k in free:
        share[k] = rest / len(free)
    total = sum(share.values())
    if total <= 0:
        share = {k: 1.0 / len(themes) for k in themes}
        total = 1.0
    counts = {k: sum(a.theme == k for a in assets) for k in themes}
    return np.array([share[a.theme] / total / counts[a.theme] for a in assets])


def first_workable_date(history: PriceHistory, lookback: int, rebalance: Rebalance) -> pd.Timestamp:
    """The first rebalance date with a full lookback for at least one asset."""
    first = min(history.prices[t].first_valid_index() for t in history.prices.columns)
    day = pd.Timestamp(first) + pd.DateOffset(months=lookback)
    month = day + pd.offsets.MonthEnd(0)
    while not is_rebalance_month(month, rebalance):
        month = month + pd.offsets.MonthEnd(1)
    return month


def run_backtest(
    run: RunSettings,
    history: PriceHistory,
    settings: BacktestSettings | None = None,
    rate_history: pd.DataFrame | None = None,
    fixed_weights: Mapping[str, float] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BacktestResult:
    """Walk ``run``'s settings forward through ``history`` (see the module docstring).

    ``fixed_weights`` is the current allocation for the ``fixed`` benchmark
    (default: the optimised allocation of the last lookback window, i.e.
    what ``optimize --end END`` gives now).  ``progress(done, total)`` is
    called after each rebalance; ``cancelled()`` returning True stops the
    run with ``BacktestCancelled``.
    """
    with _single_threaded_blas(), _estimators_trust_their_inputs():
        return _run_backtest(run, history, settings, rate_history, fixed_weights, progress, cancelled)


def _estimators_trust_their_inputs():
    """scikit-learn without its per-call argument validation and finiteness scans.

    The pipeline hands the estimators finite, validated return matrices; checking
    them again cost a third of Ledoit-Wolf's time at each of 120 rebalances
    (bench/RESULTS.md, "Backtest").  sklearn's public switch, numbers unchanged.
    """
    try:
        import sklearn
    except ImportError:  # pragma: no cover - a dependency
        import contextlib

        return contextlib.nullcontext()
    return sklearn.config_context(assume_finite=True, skip_parameter_validation=True)


def _single_threaded_blas():
    """One BLAS thread for the run: its matrices are small (n ~ 50), and on a
    loaded machine a multi-threaded BLAS spent 3x longer spinning than working
    (bench/RESULTS.md, "Backtest")."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn brings it
        import contextlib

        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _run_backtest(run, history, settings, rate_history, fixed_weights, progress, cancelled) -> "BacktestResult":
    t0 = time.perf_counter()
    settings = (settings or BacktestSettings()).validate()
    run = run.validate()
    if rate_history is None and run.rate_history:
        from allocator.currency import load_rate_history

        rate_history = load_rate_history(run.rate_history, run.rate_units)
    universe, notes = usable_universe(run, history)
    notes = list(notes)
    history = history.select(universe.tickers)
    prices = history.prices
    base = run.base
    foreign = foreign_currency(base)
    lookback = settings.lookback_months
    if settings.end is not None:
        prices = prices[prices.index <= pd.Timestamp(settings.end)]
    trading = prices.dropna(how="all").index
    if len(trading) == 0:
        raise DataError(T("{source}: no prices up to {end}", source=history.label, end=str(settings.end)))
    ends = month_ends(trading)
    # A month whose last trading day is the data's last date may be incomplete
    # only if the data stops mid-month; it still ends a (short) period.
    start = pd.Timestamp(settings.start) if settings.start else ends[0]
    candidates = [d for d in ends[:-1] if d >= start and is_rebalance_month(d, settings.rebalance)]

    first_valid = {t: prices[t].first_valid_index() for t in prices.columns}
    last_valid = {t: prices[t].last_valid_index() for t in prices.columns}
    order = list(universe.tickers)
    # dates as datetime64 arrays: one comparison per rebalance, not one per ticker
    firsts = np.array([first_valid[t] or pd.Timestamp.max for t in order], dtype="datetime64[ns]")
    lasts = np.array([last_valid[t] or pd.Timestamp.min for t in order], dtype="datetime64[ns]")

    def eligible(day: pd.Timestamp) -> list[str]:
        """Tickers with a full lookback before ``day`` and a close within ``_STALE`` of it."""
        s = lookback_start(day, lookback)
        ok = (firsts <= np.datetime64(s + _ENTRY_SLACK)) & (lasts >= np.datetime64(day - _STALE))
        return [t for t, y in zip(order, ok) if y]

    dates = [d for d in candidates if eligible(d)]
    if not dates:
        first = first_workable_date(history, lookback, settings.rebalance)
        raise DataError(
            T(
                "too little history for a {lookback}-month lookback: {source} starts {since}, so the first rebalance "
                "that would work is {first} (the backtest needs data, and --end, after it)",
                lookback=lookback,
                source=history.label,
                since=str(min(v for v in first_valid.values() if v is not None).date()),
                first=str(first.date()),
            )
        )

    # -- what the weights will earn (measured on the full history) ---------
    closes = _monthly_closes(prices, ends)
    local = closes / closes.shift(1) - 1.0
    currencies = [universe.asset(t).currency for t in universe.tickers]
    is_foreign = np.array([c == foreign for c in currencies])
    if is_foreign.any():
        if history.fx is None:
            raise DataError(T("USD/JPY prices (JPY=X) are needed to value {foreign} assets in {base}", foreign=foreign, base=base))
        fx = history.fx[history.fx.index <= ends[-1]]
        fx_closes = _monthly_closes(fx, ends)
        f_jpy = (fx_closes.shift(1) / fx_closes - 1.0).reindex(local.index)
        f = currency_return(f_jpy, base).to_numpy()
    else:
        f = np.zeros(len(local))
    rates_all = Rates(dict(run.rates), rate_history)
    carry = rates_all.carry_per_period(local.index, base, foreign, 12).to_numpy()
    rf = pd.Series(rates_all._rate_series(local.index, base) / 12.0, index=local.index)
    r_local = local.to_numpy()
    missing_held: set[str] = set()
    R = np.where(is_foreign, (1.0 + r_local) * (1.0 + f[:, None]) - 1.0, r_local)
    hedge_ret = carry - f  # return of one unit of forward hedge of the foreign currency
    fx_missing = ~np.isfinite(hedge_ret)
    hedge_ret = np.where(fx_missing, 0.0, hedge_ret)

    # -- decisions: one view per rebalance date ------------------------------
    from allocator.optimize import Optimizer

    tickers = universe.tickers
    col = {t: i for i, t in enumerate(tickers)}
    names = [OPTIMISED, *settings.benchmarks]
    targets: dict[str, dict[pd.Timestamp, tuple[np.ndarray, float, float]]] = {n: {} for n in names}
    c = run.optimization.constraints
    hedge_setting = c.hedge
    opt: Optimizer | None = None
    entered: dict[str, str] = {}
    windows: dict[str, str] = {}
    dropped_targets: set[str] = set()
    fixed_full = None
    if FIXED in names:
        if fixed_weights is None:
            fixed_weights = _current_allocation(run, history, settings, ends, lookback, rate_history)
        fixed_full = np.array([max(0.0, float(fixed_weights.get(t, 0.0))) for t in tickers])
        if fixed_full.sum() <= 0:
            raise InputError(T("the fixed benchmark's allocation has no weight on any asset of the universe"))
    cost_rate = np.array([settings.costs.rate(universe.asset(t).country) for t in tickers])
    total = len(dates)
    # What optimize would warn about an estimate (too few periods for the dimensions, a repaired
    # covariance), once per kind for the run: how many rebalances, and the first one's message.
    estimate_warnings: dict[str, list] = {}
    for i, day in enumerate(dates):
        if cancelled is not None and cancelled():
            raise BacktestCancelled()
        elig = eligible(day)
        for t in elig:
            entered.setdefault(t, str(day.date()))
        s = lookback_start(day, lookback)
        windows[str(day.date())] = str(s.date())
        sub = universe.subset(elig)
        themes_here = set(a.theme for a in sub.assets)
        tt = {k: v for k, v in c.theme_targets.items() if k in themes_here}
        dropped_targets |= set(c.theme_targets) - set(tt)
        rates_now = dict(run.rates)
        view_rates = None
        if rate_history is not None:
            view_rates = rate_history[rate_history.index <= day]
            known = Rates(dict(run.rates), view_rates)
            for ccy in ("USD", "JPY"):
                rates_now[ccy] = float(known._rate_series(pd.DatetimeIndex([day]), ccy)[0])
        sub_run = replace(
            run,
            universe=sub,
            data=None,
            rates=rates_now,
            rate_history=None,
            estimation=replace(run.estimation, start=str(s.date()), end=str(day.date())),
            optimization=replace(run.optimization, constraints=replace(c, theme_targets=tt)),
        )
        # The structural limit: the estimator is handed only prices up to ``day``.
        view = history.window(None, day)
        try:
            model = build_model(sub_run, view, rate_history=view_rates).model
        except DataError as exc:
            raise DataError(T("rebalance {day}: {error}", day=str(day.date()), error=str(exc))) from None
        for note in model.notes:
            seen = estimate_warnings.setdefault(getattr(note, "template", str(note)), [0, day, note])
            seen[0] += 1
        # Same structure as the last rebalance: the compiled problem takes the new
        # covariance in place (Optimizer.set_model); a new asset recompiles once.
        if opt is None:
            opt = Optimizer(model)
        else:
            opt.set_model(model)
        try:
            alloc = opt.optimize(sub_run.optimization, light=True)  # weights and hedge ratios only
        except AllocatorError as exc:
            raise type(exc)(f"rebalance {day.date()}: {exc}") from None
        idx = [col[t] for t in model.tickers]
        w_opt = np.zeros(len(tickers))
        for t, w in alloc.weights.items():
            w_opt[col[t]] = w
        if model.m:
            h_ratio = hedge_setting.lo if hedge_setting.is_fixed else float(alloc.hedge_ratios.get(foreign, 0.0))
        else:
            h_ratio = 0.0

        def predicted(w_full: np.ndarray, h: float) -> float:
            w = w_full[idx]
            x = np.concatenate([w, h * model.exposure_matrix() @ w]) if model.m else w
            return float(np.sqrt(max(float(x @ model.cov @ x), 0.0)))

        plan = {OPTIMISED: (w_opt, h_ratio)}
        if EQUAL in names:
            w = np.zeros(len(tickers))
            w[idx] = 1.0 / len(idx)
            plan[EQUAL] = (w, h_ratio)
        if THEMES in names:
            w = np.zeros(len(tickers))
            w[idx] = _theme_weights(model.assets, c.theme_targets)
            plan[THEMES] = (w, h_ratio)
        if FIXED in names:
            w = np.zeros(len(tickers))
            w[idx] = fixed_full[idx]
            if w.sum() <= 0:
                w[idx] = 1.0 / len(idx)
            plan[FIXED] = (w / w.sum(), h_ratio)
        if UNHEDGED in names:
            plan[UNHEDGED] = (w_opt, 0.0)
        for n, (w, h) in plan.items():
            targets[n][day] = (w, h, predicted(w, h))
        if progress is not None:
            progress(i + 1, total)

    warnings = tuple(
        T("at {count} of {total} rebalances (the first on {date}): {warning}",
          count=count, total=total, date=str(first.date()), warning=note)
        for count, first, note in estimate_warnings.values()
    )
    notes = [*warnings, *notes]
    if dropped_targets:
        notes.append(
            "theme targets of " + ", ".join(sorted(dropped_targets)) + " were left out while the theme had no asset "
            "with a full lookback"
        )
    late = {t: d for t, d in entered.items() if d != str(dates[0].date())}
    if late:
        notes.append(
            "assets entering after the first rebalance (once they had a full lookback): "
            + ", ".join(f"{t} {d}" for t, d in late.items())
        )
    never = [t for t in tickers if t not in entered]
    if never:
        notes.append("never held (no full lookback before the end): " + ", ".join(never))

    # -- simulate every strategy --------------------------------------------
    period_index = local.index
    pos = {d: k for k, d in enumerate(period_index)}
    k0 = pos[dates[0]]
    out: dict[str, StrategyResult] = {}
    for n in names:
        plan = targets[n]
        w = np.zeros(len(tickers))
        drifted = np.zeros(len(tickers))
        h = 0.0
        pending_cost = 0.0
        records = []
        rets = []
        for k in range(k0, len(period_index) - 1):
            day = period_index[k]
            if day in plan:
                new, h, pvol = plan[day]
                traded = np.abs(new - drifted)
                pending_cost = float(traded @ cost_rate)
                records.append(
                    RebalanceRecord(
                        day,
                        {t: float(new[j]) for j, t in enumerate(tickers) if new[j] > 0},
                        {foreign: float(h)} if is_foreign.any() else {},
                        float(traded.sum()),
                        pvol,
                        pending_cost,
                    )
                )
                w = new
            r = R[k + 1]
            bad = ~np.isfinite(r) & (w > 0)
            if bad.any():
                missing_held.update(tickers[j] for j in np.flatnonzero(bad))
            r = np.where(np.isfinite(r), r, 0.0)
            gross = float(w @ r)
            exposure = float(w[is_foreign].sum())
            rp = gross + h * exposure * float(hedge_ret[k + 1])
            rets.append((1.0 - pending_cost) * (1.0 + rp) - 1.0)
            pending_cost = 0.0
            grown = w * (1.0 + r)
            drifted = grown / grown.sum() if grown.sum() > 0 else grown
            w = drifted
        series = pd.Series(rets, index=period_index[k0 + 1 :], name=n, dtype=float)
        m = performance(
            series,
            rf,
            dates[0],
            sum(r.turnover for r in records),
            [r.predicted_volatility for r in records],
        )
        out[n] = StrategyResult(n, series, tuple(records), m)
    if missing_held:
        notes.append(
            "no close in some month for " + ", ".join(sorted(missing_held)) + " while held: those months count as 0%"
        )
    if fx_missing[k0 + 1 :].any() and is_foreign.any():
        notes.append("USD/JPY missing in some month: the hedge earned 0 then")
    return BacktestResult(
        out,
        base,
        settings,
        time.perf_counter() - t0,
        history.label,
        history.simulated,
        entered,
        windows,
        {a.ticker: a.theme for a in universe.assets},
        tuple(notes),
        warnings,
    )


def _current_allocation(run, history, settings, ends, lookback, rate_history) -> dict[str, float]:
    """What ``optimize`` gives on the last lookback window (the fixed benchmark's default)."""
    from allocator.optimize import Optimizer

    last = ends[-1]
    s = lookback_start(last, lookback)
    est = replace(run.estimation, start=str(s.date()), end=str(last.date()))
    model = build_model(replace(run, estimation=est, rate_history=None), history, rate_history=rate_history).model
    return Optimizer(model).optimize(run.optimization).weights
