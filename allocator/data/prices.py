"""Price history: the one type every price source returns.

A ``PriceHistory`` holds adjusted closes in each asset's own currency (wide:
one column per Yahoo ticker, a tz-naive ``DatetimeIndex`` of trading dates,
NaN where an asset did not trade) plus the USD/JPY series ``JPY=X`` (yen per
dollar) and where the numbers come from.  Nothing is forward-filled here:
alignment of the Tokyo and New York calendars is explicit in
``allocator.data.returns``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, Sequence

import numpy as np
import pandas as pd

from allocator.errors import DataError
from allocator.text import T
from allocator.universe import FX_TICKER

#: Human label of the bundled offline history; shown wherever its numbers are.
SIMULATED_LABEL = "simulated sample"
CACHE_LABEL = "Yahoo Finance (cached)"  # the price cache's (allocator.data.cache)


def label_text(label: str) -> str:
    """A price source's label for a message: the fixed labels as ``T()`` texts (the GUI shows
    them in its language), a file's label (``CSV: prices.csv``) as it is."""
    if label == SIMULATED_LABEL:
        return T("simulated sample")
    if label == CACHE_LABEL:
        return T("Yahoo Finance (cached)")
    return label


@dataclass(frozen=True)
class PriceHistory:
    prices: pd.DataFrame
    fx: pd.Series | None
    source: str  # "sample" | "yahoo" | "cache" | "csv" | "assumptions"
    label: str  # for people: "simulated sample", "Yahoo Finance", "CSV: prices.csv"
    as_of: date | None = None
    simulated: bool = False
    warnings: tuple[str, ...] = field(default=())

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        source: str,
        label: str,
        simulated: bool = False,
        warnings: Sequence[str] = (),
    ) -> "PriceHistory":
        """Build from a wide frame that may contain a ``JPY=X`` column."""
        frame = _clean_frame(frame)
        fx = None
        if FX_TICKER in frame.columns:
            fx = frame[FX_TICKER].dropna()
            frame = frame.drop(columns=[FX_TICKER])
        frame = frame.dropna(how="all")
        if frame.empty:
            raise DataError(T("{source}: no prices", source=label_text(label)))
        as_of = frame.index.max().date()
        return cls(frame, fx, source, label, as_of, simulated, tuple(warnings))

    @property
    def tickers(self) -> list[str]:
        return list(self.prices.columns)

    def select(self, tickers: Sequence[str]) -> "PriceHistory":
        """Only ``tickers``; a missing ticker is a DataError naming it."""
        missing = [t for t in tickers if t not in self.prices.columns]
        if missing:
            if self.simulated:
                raise DataError(T("{source} has no prices for {tickers} (add them by fetching from Yahoo Finance or importing a CSV)",
                                  source=label_text(self.label), tickers=", ".join(missing)))
            raise DataError(T("{source} has no prices for {tickers}", source=label_text(self.label), tickers=", ".join(missing)))
        return PriceHistory(
            self.prices[list(tickers)], self.fx, self.source, self.label, self.as_of, self.simulated, self.warnings
        )

    def window(self, start: date | str | None = None, end: date | str | None = None) -> "PriceHistory":
        # Sorted indexes (``_clean_frame`` sorts them): slice by position, no
        # boolean masks over the whole frame (the backtest windows once per
        # rebalance; masks and dropna cost ~3.5 ms a call at 13 years x 48).
        p = _slice_dates(self.prices, start, end)
        fx = _slice_dates(self.fx, start, end) if self.fx is not None else None
        if not p.notna().to_numpy().any():
            raise DataError(T("{source}: no prices between {start} and {end}", source=label_text(self.label),
                              start=start or T("the start"), end=end or T("the end")))
        return PriceHistory(p, fx, self.source, self.label, self.as_of, self.simulated, self.warnings)

    def describe(self) -> str:
        first = self.prices.index.min().date()
        last = self.prices.index.max().date()
        return f"{self.label}, {first} to {last}"


def _slice_dates(obj, start, end):
    """Rows of ``obj`` (sorted DatetimeIndex) dated from ``start`` to ``end`` inclusive."""
    idx = obj.index
    if not idx.is_monotonic_increasing:  # not from _clean_frame: keep the general path
        keep = np.ones(len(idx), dtype=bool)
        if start is not None:
            keep &= idx >= pd.Timestamp(start)
        if end is not None:
            keep &= idx <= pd.Timestamp(end)
        return obj[keep]
    lo = idx.searchsorted(pd.Timestamp(start), side="left") if start is not None else 0
    hi = idx.searchsorted(pd.Timestamp(end), side="right") if end is not None else len(idx)
    return obj.iloc[lo:hi]


def _clean_frame(frame: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(frame.index, pd.DatetimeIndex):
        frame = frame.copy()
        frame.index = pd.to_datetime(frame.index)
    if frame.index.tz is not None:
        frame = frame.tz_localize(None)
    frame = frame[~frame.index.duplicated(keep="last")].sort_index()
    frame = frame.apply(pd.to_numeric, errors="coerce").astype(float)
    # Non-positive prices cannot be real closes; they would poison log/simple returns.
    frame = frame.where(frame > 0)
    frame.columns = [str(c) for c in frame.columns]
    return frame.replace([np.inf, -np.inf], np.nan)


class PriceSource(Protocol):
    """Anything that can produce a PriceHistory for a set of tickers."""

    name: str

    def load(self, tickers: Sequence[str]) -> PriceHistory:  # pragma: no cover - protocol
        ...
