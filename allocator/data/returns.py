"""Prices to returns, with the Tokyo and New York calendars aligned explicitly.

Tokyo and New York close on different holidays (and ~14 hours apart).  We
never forward-fill silently:

* daily returns are taken between consecutive dates on which *every* selected
  asset traded, so a holiday in one market makes the next return span two
  days for everyone (the compound move, not an invented zero);
* weekly / monthly returns take each asset's last close in the period; an
  asset with no close in a period leaves that period out (reported), and a
  gap is never bridged across more than one period.

The weekly default also tames the non-synchronous closes of the two markets
and the timing of Yahoo's FX rate (see DESIGN §3).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np
import pandas as pd

from allocator.data.prices import PriceHistory, label_text
from allocator.errors import DataError, InputError
from allocator.text import T


class Frequency(str, Enum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"

    @property
    def periods_per_year(self) -> int:
        """The nominal count (daily returns use the count observed: ``ReturnSeries.periods_per_year``)."""
        return {"daily": 252, "weekly": 52, "monthly": 12}[self.value]

    @property
    def rule(self) -> str | None:
        return {"daily": None, "weekly": "W-FRI", "monthly": "ME"}[self.value]

    @classmethod
    def parse(cls, value: "str | Frequency") -> "Frequency":
        if isinstance(value, Frequency):
            return value
        aliases = {"d": "daily", "w": "weekly", "m": "monthly"}
        v = aliases.get(str(value).lower(), str(value).lower())
        try:
            return cls(v)
        except ValueError:
            raise InputError(T("frequency {value} must be daily, weekly or monthly", value=repr(value))) from None


#: Minimum number of return periods for a usable estimate, per frequency.
MIN_PERIODS = {Frequency.DAILY: 60, Frequency.WEEKLY: 26, Frequency.MONTHLY: 24}


@dataclass(frozen=True)
class Coverage:
    """How much history an asset contributes (for the data-quality report)."""

    ticker: str
    first: pd.Timestamp | None
    last: pd.Timestamp | None
    prices: int
    periods_dropped: int


@dataclass(frozen=True)
class ReturnSeries:
    """Simple returns per period in each asset's own currency, plus the yen.

    ``fx_jpy`` is the return of one yen measured in dollars over the same
    periods: ``S_{t-1}/S_t - 1`` with ``S`` = JPY=X (yen per dollar).
    ``first_close`` is the date of the close the first return starts from
    and ``calendar_returns`` the number of returns between it and the last
    date (including any dropped for a missing FX rate), for daily data.
    """

    local: pd.DataFrame
    fx_jpy: pd.Series | None
    frequency: Frequency
    coverage: tuple[Coverage, ...]
    label: str
    first_close: pd.Timestamp | None = None
    calendar_returns: int | None = None
    #: Periods inside the common window left out because an asset (or the yen) had no
    #: price in them (their end dates; a market closed all week, e.g. Golden Week).
    dropped: tuple[pd.Timestamp, ...] = ()
    #: The first and last price dates the returns actually use (the start price of the
    #: first return, the close of the last one); None: the returns' own dates.
    price_start: pd.Timestamp | None = None
    price_end: pd.Timestamp | None = None

    @property
    def periods_per_year(self) -> float:
        """Return periods per year, for annualising.

        Weekly and monthly: 52 and 12 (a period without a close is dropped,
        never merged, so every return spans one period).  Daily: the number
        actually observed per calendar year.  Returns are taken between dates
        on which *every* asset traded, so with Tokyo and New York together a
        holiday in either market merges two days into one return: about 238
        returns a year, each a little longer than a day.  Annualising those by
        252 inflated every variance and mean by ~6 % and made an asset's
        figures depend on what else was selected; counting the returns per
        year observed makes ``periods_per_year * per-return variance`` the
        annual variance whatever the calendar.
        """
        if self.frequency is not Frequency.DAILY:
            return self.frequency.periods_per_year
        return observed_periods_per_year(self.local.index, self.first_close, self.calendar_returns)

    @property
    def tickers(self) -> list[str]:
        return list(self.local.columns)

    @property
    def start(self) -> pd.Timestamp:
        """The first price date used (not the end of the first return period)."""
        return self.price_start if self.price_start is not None else self.local.index[0]

    @property
    def end(self) -> pd.Timestamp:
        """The last price date used (a trading day, not a weekly period's future Friday)."""
        return self.price_end if self.price_end is not None else self.local.index[-1]


def observed_periods_per_year(
    index: pd.DatetimeIndex, first_close: pd.Timestamp | None = None, count: int | None = None
) -> float:
    """Returns per calendar year (365.25 days) ending on ``index``, the first starting at ``first_close``.

    ``count`` is the number of returns in that span (default ``len(index)``).
    Without ``first_close`` the span starts at the first return's end (one
    return fewer counted).  Fewer than two returns: the nominal 252.
    """
    n = len(index)
    if first_close is not None and n >= 1:
        days, count = (index[-1] - first_close).days, (n if count is None else count)
    else:
        days, count = ((index[-1] - index[0]).days if n >= 2 else 0), n - 1
    if count < 1 or days <= 0:
        return float(Frequency.DAILY.periods_per_year)
    return count / (days / 365.25)


def _period_closes(frame: pd.DataFrame | pd.Series, freq: Frequency):
    """Each column's last close in each period (NaN cells are skipped, per column).

    A period without a close stays NaN (no forward-fill): its return and the
    next one are dropped below rather than invented.  One resample for the
    whole frame: per column it cost ~10 ms each in pandas 3.
    """
    idx = frame.index
    if len(idx) == 0 or not isinstance(idx, pd.DatetimeIndex) or idx.tz is not None:
        return frame.resample(freq.rule).last()
    if not idx.is_monotonic_increasing:
        return _period_closes(frame.sort_index(), freq)
    # The same as ``frame.resample(rule).last()`` (tests/test_engine_returns.py),
    # without pandas building its bins one date at a time (~3 ms a call, paid
    # at every rebalance of a backtest): number each row's period in numpy
    # (day numbers; 1970-01-01 was a Thursday), take each column's last valid
    # close per period, and list every period of the span, empty ones as NaN.
    day = idx.values.astype("datetime64[D]").astype(np.int64)
    if freq is Frequency.WEEKLY:
        friday = day + (4 - (day + 3) % 7) % 7  # the Friday ending the week
        codes = (friday - friday[0]) // 7
        full_days = friday[0] + 7 * np.arange(codes[-1] + 1)
    else:
        month = idx.values.astype("datetime64[M]").astype(np.int64)
        codes = month - month[0]
        months = np.arange(month[0], month[-1] + 2).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
        full_days = months[1:] - 1  # each month's last calendar day
    index = pd.DatetimeIndex(
        full_days.astype("datetime64[D]").astype(f"datetime64[{idx.unit}]"), name=idx.name, freq=freq.rule
    )
    vals = frame.to_numpy(dtype=float)
    flat = vals.ndim == 1
    if flat:
        vals = vals[:, None]
    rows = np.arange(len(vals))
    pos = np.where(np.isnan(vals), -1, rows[:, None])
    np.maximum.accumulate(pos, axis=0, out=pos)
    ends = np.flatnonzero(np.r_[codes[1:] != codes[:-1], True])
    starts = np.r_[0, ends[:-1] + 1]
    last = pos[ends]
    picked = np.where(last >= starts[:, None], vals[np.maximum(last, 0), np.arange(vals.shape[1])], np.nan)
    out = np.full((len(index), vals.shape[1]), np.nan)
    out[codes[ends]] = picked
    if flat:
        return pd.Series(out[:, 0], index=index, name=frame.name)
    return pd.DataFrame(out, index=index, columns=frame.columns)


def to_returns(history: PriceHistory, frequency: str | Frequency = Frequency.WEEKLY) -> ReturnSeries:
    """Simple returns of every asset (and the yen) on a common, explicit calendar."""
    freq = Frequency.parse(frequency)
    prices = history.prices
    if prices.shape[1] == 0:
        raise DataError(T("no assets selected"))
    # Vectorised over columns (a per-column dropna cost ~1 ms each; the
    # backtest calls this once per rebalance).
    valid = prices.notna().to_numpy()
    counts = valid.sum(axis=0)
    idx = prices.index
    first_pos = valid.argmax(axis=0)
    last_pos = len(valid) - 1 - valid[::-1].argmax(axis=0)
    firsts, lasts = list(idx[first_pos]), list(idx[last_pos])  # one take each, not one lookup per asset
    coverage = [
        Coverage(t, firsts[j] if counts[j] else None, lasts[j] if counts[j] else None, int(counts[j]), 0)
        for j, t in enumerate(prices.columns)
    ]
    empty = [c.ticker for c in coverage if c.prices < 2]
    if empty:
        raise DataError(T("{source}: no price history for {tickers}", source=label_text(history.label), tickers=", ".join(empty)))

    if freq is Frequency.DAILY:
        # Dates on which every selected asset traded.
        common = prices.dropna(how="any")
        closes = common
        fx_closes = None
        if history.fx is not None:
            fx = history.fx.dropna()
            # The FX series trades every weekday; take its value on each common date
            # (or the latest one within three days before it, never further back).
            fx_closes = fx.reindex(common.index, method="ffill", tolerance=pd.Timedelta(days=3))
    else:
        closes = _period_closes(prices, freq)
        fx_closes = _period_closes(history.fx.dropna(), freq) if history.fx is not None else None

    rets = closes / closes.shift(1) - 1.0
    rets = rets.iloc[1:]
    # Keep only periods on which every asset has a return: the window common to all.
    ok = rets.notna().to_numpy()
    has = ok.any(axis=0)
    n_rows = len(ok)
    if n_rows == 0:  # a window shorter than one period (e.g. a week at monthly frequency)
        lo, hi = 0, -1
    else:
        firsts = np.where(has, ok.argmax(axis=0), n_rows - 1)
        lasts = np.where(has, n_rows - 1 - ok[::-1].argmax(axis=0), 0)
        lo, hi = int(firsts.max()), int(lasts.min())
    window = rets.iloc[lo : hi + 1] if lo <= hi else rets.iloc[0:0]
    keep = window.notna().all(axis=1)
    fx_ret = None
    if fx_closes is not None:
        # Value of one yen in dollars is 1/S, so its return is S_{t-1}/S_t - 1.
        f = fx_closes.shift(1) / fx_closes - 1.0
        f = f.reindex(window.index)
        keep &= f.notna()
    window = window[keep]
    if fx_closes is not None:
        fx_ret = f[keep]
    first_close = calendar = None
    if freq is Frequency.DAILY and len(window):
        first, last = closes.index.get_loc(window.index[0]), closes.index.get_loc(window.index[-1])
        if isinstance(first, (int, np.integer)) and isinstance(last, (int, np.integer)) and first > 0:
            first_close, calendar = closes.index[first - 1], int(last - first + 1)

    dropped = (~ok[lo : hi + 1]).sum(axis=0) if lo <= hi else np.zeros(len(rets.columns), dtype=int)
    per_asset_drop = {t: int(dropped[j]) for j, t in enumerate(rets.columns)}
    coverage = tuple(
        Coverage(c.ticker, c.first, c.last, c.prices, per_asset_drop.get(c.ticker, 0)) for c in coverage
    )
    if len(window) < MIN_PERIODS[freq]:
        short = sorted(coverage, key=lambda c: c.first or pd.Timestamp.max)[-1]
        if short.first is None:
            raise DataError(T(
                "only {n} {freq} returns are common to all assets "
                "(need at least {need}); the shortest history is {ticker} from nowhere",
                n=len(window), freq=freq.value, need=MIN_PERIODS[freq], ticker=short.ticker))
        raise DataError(T(
            "only {n} {freq} returns are common to all assets "
            "(need at least {need}); the shortest history is {ticker} from {first}",
            n=len(window), freq=freq.value, need=MIN_PERIODS[freq], ticker=short.ticker, first=str(short.first.date())))
    dropped_dates = tuple(pd.Timestamp(d) for d in keep.index[~keep.to_numpy()])
    price_start = price_end = None
    if len(window):
        dates = prices.index
        pos = closes.index.get_loc(window.index[0])  # the return's row in ``closes`` is pos; its start price pos-1
        before = closes.index[pos - 1] if isinstance(pos, (int, np.integer)) and pos >= 1 else None
        if before is not None:
            k = dates.searchsorted(before, side="right") - 1
            price_start = dates[k] if k >= 0 else None
        k = dates.searchsorted(window.index[-1], side="right") - 1
        price_end = dates[k] if k >= 0 else None
    return ReturnSeries(window.astype(float), fx_ret, freq, coverage, history.label, first_close, calendar,
                        dropped=dropped_dates, price_start=price_start, price_end=price_end)


def dropped_note(returns: ReturnSeries, limit: int = 6):
    """A message saying which periods were left out, or None (CLI, quality report, GUI notice)."""
    if not returns.dropped:
        return None
    from allocator.text import T

    shown = ", ".join(str(d.date()) for d in returns.dropped[:limit])
    more = len(returns.dropped) - limit
    # the frequency in the UI language too (a Text parameter is rendered as one)
    words = {Frequency.DAILY: T("daily"), Frequency.WEEKLY: T("weekly"), Frequency.MONTHLY: T("monthly")}
    return T(
        "{n} {frequency} periods left out of the estimate because an asset or USD/JPY had no price in them "
        "(market closed, e.g. Golden Week): {dates}{more}",
        n=len(returns.dropped), frequency=words[returns.frequency], dates=shown,
        more=f" and {more} more" if more > 0 else "",
    )
