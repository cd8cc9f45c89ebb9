"""Data-loading benchmark: a 50-ticker, 10-year price cache, and 10-year yfinance CSV imports.

Targets (issue 5): loading the cache < 200 ms; one 10-year yfinance CSV < 100 ms.
Run: ``.venv/bin/python bench/data_load.py``.  Works in a temporary folder
(never the user's cache).  Uses ../shared/data/yfinance_format when present,
else writes a synthetic 10-year file in yfinance's layout.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED_YF = ROOT.parent / "shared" / "data" / "yfinance_format"


def timed(fn, repeat: int) -> tuple[float, float, float]:
    """(first, median, best) wall times in ms."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times[0], statistics.median(times), min(times)


def synthetic_closes(n_tickers: int, years: int = 10, seed: int = 0) -> dict[str, pd.Series]:
    rng = np.random.default_rng(seed)
    us = pd.bdate_range(end="2024-12-31", periods=252 * years)
    out = {}
    for i in range(n_tickers):
        idx = us if i % 2 == 0 else us[us.day_of_week != (i % 5)][: 245 * years]  # ragged calendars
        out[f"T{i:02d}" + (".T" if i % 2 else "")] = pd.Series(
            100 * np.exp(np.cumsum(rng.normal(0.0003, 0.015, len(idx)))), index=idx
        )
    out["JPY=X"] = pd.Series(110 * np.exp(np.cumsum(rng.normal(0, 0.004, len(us)))), index=us)
    return out


def write_yf_csv(path: Path, ticker: str, s: pd.Series) -> None:
    f = pd.DataFrame(
        {("Adj Close", ticker): s * 0.9, ("Close", ticker): s, ("High", ticker): s * 1.01,
         ("Low", ticker): s * 0.99, ("Open", ticker): s, ("Volume", ticker): 1000},
        index=pd.DatetimeIndex(s.index, name="Date"),
    )
    f.columns = pd.MultiIndex.from_tuples(f.columns, names=["Price", "Ticker"])
    f.to_csv(path)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ALLOCATOR_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["ALLOCATOR_HOME"] = str(Path(tmp) / "home")
        from allocator.data.cache import PriceCache
        from allocator.data.csv_import import read_price_csv
        from allocator.data.sources import open_source

        closes = synthetic_closes(50)
        cache = PriceCache()
        t0 = time.perf_counter()
        for t, s in closes.items():
            cache.write(t, s)
        write_ms = (time.perf_counter() - t0) * 1000
        tickers = [t for t in closes if t != "JPY=X"]
        size = sum(p.stat().st_size for p in cache.root.glob("*.npz"))
        rows = sum(len(s) for s in closes.values())
        print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"pandas {pd.__version__}, numpy {np.__version__}")
        print(f"cache: 50 tickers + JPY=X, {rows} rows (10 years), {size / 1e6:.1f} MB on disk; writing all: {write_ms:.0f} ms")
        first, med, best = timed(lambda: PriceCache().load(tickers), 20)
        print(f"load 50-ticker cache (PriceCache.load):  first {first:6.1f} ms  median {med:6.1f} ms  best {best:6.1f} ms  [target < 200 ms]")
        first, med, best = timed(lambda: open_source("cache", tickers), 20)
        print(f"open_source('cache', 50 tickers):        first {first:6.1f} ms  median {med:6.1f} ms  best {best:6.1f} ms")

        files = sorted(SHARED_YF.glob("*.csv")) if SHARED_YF.is_dir() else []
        if not files:
            p = Path(tmp) / "T00.csv"
            write_yf_csv(p, "T00", closes["T00"])
            files = [p]
            print("yfinance CSVs: synthetic 10-year file (../shared/data absent)")
        else:
            print(f"yfinance CSVs: {len(files)} real files from {SHARED_YF} (12 years each, ~3000 rows)")
        for f in files:
            first, med, best = timed(lambda f=f: read_price_csv(f), 20)
            print(f"  import {f.name:12s} first {first:6.1f} ms  median {med:6.1f} ms  best {best:6.1f} ms  [target < 100 ms]")
        if SHARED_YF.is_dir():
            first, med, best = timed(lambda: open_source(f"csv:{SHARED_YF}", None), 10)
            print(f"open_source('csv:<folder of 6>'):        first {first:6.1f} ms  median {med:6.1f} ms  best {best:6.1f} ms")

    code = "import time; t=time.perf_counter(); import allocator.data.sources, allocator.data.fetch; " \
           "import sys; print(f'{(time.perf_counter()-t)*1000:.0f} ms', 'yfinance' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    print(f"cold import of allocator.data.sources + fetch: {out.split()[0]} {out.split()[1]} (yfinance imported: {out.split()[2]})")


if __name__ == "__main__":
    main()
