"""Data-quality report: what each asset's price history really holds.

One row per asset (and JPY=X when present): first and last date, rows,
gaps, stale runs, outlier moves, and whether the history covers the
requested estimation window.  The point is to *show* the user that, say, a
2021 listing will shrink a 10-year window for everyone before the optimiser
silently does it.

Definitions (all tunable through :func:`quality_report`'s keywords):

* **gap** - two consecutive prices more than ``gap_days`` calendar days
  apart (default 10: longer than any exchange holiday, Golden Week and the
  Tokyo New Year included);
* **stale run** - ``stale_run`` or more consecutive identical closes
  (default 5, a trading week without a single price change);
* **outlier** - a daily log move larger than ``max(outlier_floor,
  outlier_k x robust sigma)`` (robust sigma = 1.4826 x median absolute
  deviation); these are flags to check, not errors - crashes and earnings
  gaps are real;
* **short history** - the asset starts more than ``tolerance_days`` after
  the window's start (or ends that long before its end).  Without an
  explicit ``start`` the window starts where the longest history starts.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from allocator.data.prices import PriceHistory
from allocator.universe import FX_TICKER

COLUMNS = [
    "first",
    "last",
    "rows",
    "coverage",
    "gaps",
    "longest_gap_days",
    "stale_runs",
    "longest_stale_run",
    "outliers",
    "largest_move",
    "largest_move_date",
    "short_history",
    "limits_window",
    "notes",
]


def _runs_of_equal(values: np.ndarray, min_len: int) -> tuple[int, int]:
    """(number of runs of >= min_len equal consecutive values, longest run)."""
    if len(values) < 2:
        return 0, len(values)
    same = values[1:] == values[:-1]
    # run lengths of True in `same`; a run of k Trues = k+1 equal prices
    padded = np.concatenate([[False], same, [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    lengths = (edges[1::2] - edges[::2]) + 1
    if lengths.size == 0:
        return 0, 1
    return int((lengths >= min_len).sum()), int(lengths.max())


def quality_report(
    history: PriceHistory,
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    gap_days: int = 10,
    stale_run: int = 5,
    outlier_k: float = 10.0,
    outlier_floor: float = 0.20,
    tolerance_days: int = 10,
    include_fx: bool = True,
) -> pd.DataFrame:
    """A DataFrame indexed by ticker with the columns in ``COLUMNS`` (see the module doc).

    ``start``/``end`` is the requested estimation window; each asset's rows
    are counted inside it.  ``coverage`` is the share of the window's
    trading days (days any asset traded) on which this asset has a price.
    """
    frame = history.prices
    if include_fx and history.fx is not None and FX_TICKER not in frame.columns:
        frame = frame.join(history.fx.rename(FX_TICKER), how="outer")
    ws = pd.Timestamp(start) if start is not None else None
    we = pd.Timestamp(end) if end is not None else None
    if ws is not None:
        frame = frame[frame.index >= ws]
    if we is not None:
        frame = frame[frame.index <= we]
    valid_days = frame.notna().any(axis=1)
    firsts = {t: frame[t].first_valid_index() for t in frame.columns}
    known_firsts = [f for f in firsts.values() if f is not None]
    window_start = ws if ws is not None else (min(known_firsts) if known_firsts else None)
    lasts = [frame[t].last_valid_index() for t in frame.columns]
    known_lasts = [x for x in lasts if x is not None]
    window_end = we if we is not None else (max(known_lasts) if known_lasts else None)
    latest_first = max(known_firsts) if known_firsts else None
    tol = pd.Timedelta(days=tolerance_days)

    rows = []
    for t in frame.columns:
        s = frame[t].dropna()
        s = s[s > 0]
        notes: list[str] = []
        if s.empty:
            rows.append(
                dict(zip(COLUMNS, [None, None, 0, 0.0, 0, 0, 0, 0, 0, np.nan, None, True, False, "no prices in the window"]))
            )
            continue
        first, last = s.index[0], s.index[-1]

        coverage = len(s) / max(1, int(valid_days.sum()))
        deltas = np.diff(s.index.values).astype("timedelta64[D]").astype(np.int64)
        gap_mask = deltas > gap_days
        gaps = int(gap_mask.sum())
        longest_gap = int(deltas.max()) if deltas.size else 0
        stale_runs, longest_stale = _runs_of_equal(s.to_numpy(), stale_run)
        rets = np.diff(np.log(s.to_numpy()))
        # Returns across a gap are not daily moves; leave them out of the outlier scan.
        rets_clean = rets[~gap_mask] if rets.size else rets
        outliers = 0
        largest = np.nan
        largest_date = None
        if rets.size:
            threshold = outlier_threshold(rets_clean, outlier_k, outlier_floor)
            outliers = int((np.abs(rets_clean) > threshold).sum())
            k = int(np.argmax(np.abs(rets)))
            largest = float(rets[k])
            largest_date = s.index[k + 1].date()
        short = bool(
            (window_start is not None and first > window_start + tol)
            or (window_end is not None and last < window_end - tol)
        )
        if window_start is not None and first > window_start + tol:
            notes.append(f"starts {first.date()}, after the window start {window_start.date()}")
        if window_end is not None and last < window_end - tol:
            notes.append(f"ends {last.date()}, before the window end {window_end.date()}")
        if gaps:
            notes.append(f"{gaps} gap(s) over {gap_days} days (longest {longest_gap})")
        if stale_runs:
            notes.append(f"{stale_runs} run(s) of {stale_run}+ unchanged prices (longest {longest_stale})")
        if outliers:
            notes.append(f"{outliers} move(s) above the outlier threshold; largest {largest:+.1%} on {largest_date}")
        limits = bool(short and latest_first is not None and first == latest_first and t != FX_TICKER)
        if limits:
            notes.append("its start limits the common window")

        rows.append(
            dict(
                zip(
                    COLUMNS,
                    [
                        first.date(),
                        last.date(),
                        len(s),
                        round(coverage, 4),
                        gaps,
                        longest_gap,
                        stale_runs,
                        longest_stale,
                        outliers,
                        largest,
                        largest_date,
                        short,
                        limits,
                        "; ".join(notes),
                    ],
                )
            )
        )
    out = pd.DataFrame(rows, index=pd.Index(list(frame.columns), name="ticker"), columns=COLUMNS)
    return out


def outlier_threshold(log_moves: np.ndarray, outlier_k: float = 10.0, outlier_floor: float = 0.20) -> float:
    """The report's outlier threshold for these log moves: ``max(floor, k x robust sigma)``."""
    if not log_moves.size:
        return outlier_floor
    mad = float(np.median(np.abs(log_moves - np.median(log_moves))))
    return max(outlier_floor, outlier_k * 1.4826 * mad)


def outlier_moves(
    prices: pd.Series, *, gap_days: int = 10, outlier_k: float = 10.0, outlier_floor: float = 0.20
) -> list[tuple[int, float]]:
    """The moves the report counts as outliers: ``(position of the later price, log move)``.

    ``prices`` are one asset's positive closes in date order (no NaN).  As in
    :func:`quality_report`, a move across a gap of more than ``gap_days`` is
    not a daily move and is left out.
    """
    v = prices.to_numpy(dtype=float)
    if v.size < 2:
        return []
    rets = np.diff(np.log(v))
    deltas = np.diff(prices.index.values).astype("timedelta64[D]").astype(np.int64)
    daily = deltas <= gap_days
    threshold = outlier_threshold(rets[daily], outlier_k, outlier_floor)
    hits = np.flatnonzero(daily & (np.abs(rets) > threshold))
    return [(int(i) + 1, float(rets[i])) for i in hits]


def short_history(report: pd.DataFrame) -> list[str]:
    """Tickers whose history does not cover the requested window."""
    return [t for t, flag in report["short_history"].items() if bool(flag)]


def common_start(history: PriceHistory) -> date | None:
    """The first date on which every asset has a price (what the window shrinks to)."""
    firsts = [history.prices[t].first_valid_index() for t in history.prices.columns]
    firsts = [f for f in firsts if f is not None]
    return max(firsts).date() if firsts else None


def format_quality(report: pd.DataFrame) -> str:
    """A compact text table for the CLI and logs."""
    cols = ["first", "last", "rows", "gaps", "stale_runs", "outliers", "short_history", "notes"]
    view = report[cols].copy()
    view["short_history"] = view["short_history"].map(lambda b: "SHORT" if b else "")
    return view.to_string()


def format_dropped(returns) -> str:
    """The return periods the estimate left out and which assets had no price in them ("" when none)."""
    from allocator.data.returns import dropped_note

    note = dropped_note(returns, limit=len(returns.dropped))
    if note is None:
        return ""
    lines = [str(note)]
    for c in returns.coverage:
        if c.periods_dropped:
            lines.append(f"  {c.ticker}: no return in {c.periods_dropped} {returns.frequency.value} periods")
    return "\n".join(lines)
