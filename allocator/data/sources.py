"""Price sources behind one small interface, and ``open_source`` which picks one.

``open_source(spec, tickers)`` is what the CLI and the GUI call:

* ``"sample"`` - the bundled simulated sample;
* ``"csv:PATH"`` - a CSV file (or a folder of them);
* ``"cache"`` - the local price cache (Yahoo downloads);
* ``"yahoo"`` - refresh the cache from Yahoo Finance, then read it;
* ``None`` - the cache when it holds the tickers, else the sample (saying so).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pandas as pd

from allocator.data.prices import PriceHistory
from allocator.data.sample import load_sample
from allocator.errors import DataError, InputError


def read_wide_csv(path: Path) -> pd.DataFrame:
    """A plain wide CSV: a date column first, then one column per ticker."""
    try:
        frame = pd.read_csv(path, index_col=0)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read CSV ({exc})") from None
    try:
        frame.index = pd.to_datetime(frame.index, format="ISO8601")
    except (ValueError, TypeError):
        raise InputError(f"{path}: first column must hold dates (YYYY-MM-DD)") from None
    return frame


def load_csv(path: str | Path, tickers: Sequence[str] | None = None) -> PriceHistory:
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.csv"))
        if not files:
            raise InputError(f"{path}: no .csv files in this folder")
        frame = pd.concat([read_wide_csv(f) for f in files], axis=1)
        frame = frame.loc[:, ~frame.columns.duplicated()]
    elif path.exists():
        frame = read_wide_csv(path)
    else:
        raise InputError(f"{path}: no such file or folder")
    history = PriceHistory.from_frame(frame, "csv", f"CSV: {path.name}")
    return history.select(list(tickers)) if tickers is not None else history


def open_source(spec: str | None, tickers: Sequence[str] | None = None) -> PriceHistory:
    """Load prices for ``tickers`` from the source named by ``spec`` (see module doc)."""
    if spec is None or spec == "sample":
        return load_sample(tickers)
    if spec.startswith("csv:"):
        return load_csv(spec[4:], tickers)
    if spec in ("cache", "yahoo"):
        raise DataError(f"price source {spec!r} is not available yet")
    raise InputError(f"unknown data source {spec!r}; use sample, cache, yahoo or csv:PATH")
