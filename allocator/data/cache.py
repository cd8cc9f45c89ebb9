"""The local price cache: one small file per ticker under the user cache folder.

Format (version 1): ``<cache_dir>/prices-v1/<quoted ticker>.npz``, an
uncompressed NumPy archive read with ``allow_pickle=False`` holding

* ``dates`` - int64 days since 1970-01-01, strictly increasing;
* ``close`` - float64 adjusted closes (positive, finite) in local currency;
* ``meta``  - a JSON text: ticker, fetched_at (Unix time), format version.

Why: loading 50 ten-year histories is ~50 ``np.load`` calls (well under the
200 ms budget, see ``bench/data_load.py``), no extra dependency, nothing that
can execute code, and one damaged file costs one ticker, not the cache.
Writes are atomic (temp file + fsync + ``os.replace``).  Reads are bounded
(``allocator.userfile``: regular files only, size limit).  A file proven
damaged (read in full, fails validation) is moved aside to ``.damaged`` and
reported in ``dropped``; the next refresh downloads that ticker again.  A file
that cannot be read (permissions, a symlink to a device, too big) is never
touched: it is reported in ``unreadable``.
"""

from __future__ import annotations

import io
import json
import lzma
import os
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import quote, unquote

import numpy as np
import pandas as pd

from allocator.data.prices import CACHE_LABEL, PriceHistory
from allocator.errors import DataError
from allocator.universe import FX_TICKER
from allocator.userdata import atomic_write_bytes, cache_dir
from allocator.text import T

CACHE_VERSION = 1
_EPOCH = np.datetime64("1970-01-01", "D")
#: A cache file is a few hundred kB (50 years of daily closes); anything far bigger is not ours.
MAX_ENTRY_BYTES = 32 << 20


@dataclass(frozen=True)
class CacheEntry:
    """One ticker's cached history and when it was last fetched."""

    ticker: str
    prices: pd.Series  # tz-naive DatetimeIndex, float
    fetched_at: float  # Unix time of the last successful download

    @property
    def first(self) -> pd.Timestamp:
        return self.prices.index[0]

    @property
    def last(self) -> pd.Timestamp:
        return self.prices.index[-1]

    @property
    def rows(self) -> int:
        return len(self.prices)

    def age(self, now: float | None = None) -> float:
        """Seconds since the last download."""
        return (time.time() if now is None else now) - self.fetched_at


class CorruptEntry(Exception):
    """A cache file that is not what we wrote (internal; never reaches users)."""


class PriceCache:
    """Per-ticker price store; see the module docstring for the format."""

    def __init__(self, root: Path | str | None = None):
        base = Path(root) if root is not None else cache_dir()
        self.root = base / f"prices-v{CACHE_VERSION}"
        #: (ticker, reason) for each damaged file found and moved aside since creation.
        self.dropped: list[tuple[str, str]] = []
        #: (ticker, reason) for each file that exists but could not be read (left alone).
        self.unreadable: list[tuple[str, str]] = []

    # -- paths -----------------------------------------------------------
    def path_for(self, ticker: str) -> Path:
        # quote() keeps names portable: "JPY=X" -> "JPY%3DX", "^N225" -> "%5EN225".
        return self.root / (quote(ticker, safe="") + ".npz")

    def tickers(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(unquote(p.name[: -len(".npz")]) for p in self.root.glob("*.npz"))

    # -- read ------------------------------------------------------------
    def read(self, ticker: str) -> CacheEntry | None:
        """The cached history of ``ticker``; None when absent, unreadable or damaged.

        Only a file proven damaged (we read all of it and it is not what we
        write) is dropped - moved aside to ``NAME.npz.damaged``, listed in
        ``dropped``.  A file we cannot read (permissions, not a regular file,
        too big) is left alone and listed in ``unreadable``.
        """
        from allocator.userfile import UserFileError, read_user_file

        path = self.path_for(ticker)
        try:
            raw = read_user_file(path, what=T("price cache file"), max_bytes=MAX_ENTRY_BYTES)
        except UserFileError as exc:
            if exc.reason == "missing":
                return None
            self._note_unreadable(ticker, exc.message)
            return None
        try:
            return _decode(ticker, raw)
        except CorruptEntry as exc:
            self._drop(ticker, path, str(exc))
            return None

    def _note_unreadable(self, ticker: str, reason: str) -> None:
        if (ticker, reason) not in self.unreadable:
            self.unreadable.append((ticker, reason))

    def _drop(self, ticker: str, path: Path, reason: str) -> None:
        """Move a damaged file aside (never delete data we may be wrong about)."""
        try:
            os.replace(path, path.with_name(path.name + ".damaged"))
        except OSError:
            try:
                path.unlink()
            except OSError as exc:  # cannot move or delete it: it stays, and is reported as such
                self._note_unreadable(ticker, f"damaged ({reason}) and cannot be removed ({exc.strerror or exc})")
                return
        self.dropped.append((ticker, reason))

    def problems(self) -> list[str]:
        """One note per file dropped or left unread since this cache object was made."""
        notes = [
            f"{self.path_for(t).name}: damaged ({why}); moved aside to {self.path_for(t).name}.damaged - "
            f"`allocator fetch` downloads {t} again"
            for t, why in self.dropped
        ]
        notes += [
            f"{self.path_for(t)}: {why}; not used (the file was left as it is)" for t, why in self.unreadable
        ]
        return notes

    def read_many(self, tickers: Sequence[str]) -> dict[str, CacheEntry]:
        out = {}
        for t in tickers:
            entry = self.read(t)
            if entry is not None:
                out[t] = entry
        return out

    def missing(self, tickers: Sequence[str]) -> list[str]:
        """Which of ``tickers`` have no usable cache file (damaged files are dropped)."""
        return [t for t in tickers if self.read(t) is None]

    # -- write -----------------------------------------------------------
    def write(self, ticker: str, prices: pd.Series, fetched_at: float | None = None) -> CacheEntry:
        """Replace ``ticker``'s history atomically; NaNs and non-positive values are not stored."""
        s = pd.Series(prices, dtype=float).dropna()
        s = s[s > 0]
        idx = pd.DatetimeIndex(s.index)
        if idx.tz is not None:
            idx = idx.tz_localize(None)
        s.index = idx.normalize()
        s = s[~s.index.duplicated(keep="last")].sort_index()
        if s.empty:
            raise DataError(T("{ticker}: refusing to cache an empty price history", ticker=ticker))
        fetched_at = time.time() if fetched_at is None else float(fetched_at)
        days = (s.index.values.astype("datetime64[D]") - _EPOCH).astype(np.int64)
        meta = json.dumps({"ticker": ticker, "fetched_at": fetched_at, "version": CACHE_VERSION})
        buf = io.BytesIO()
        np.savez(buf, dates=days, close=s.to_numpy(dtype=np.float64), meta=np.array(meta))
        try:
            atomic_write_bytes(self.path_for(ticker), buf.getvalue())
        except OSError as exc:
            raise DataError(T("cannot write the price cache in {folder} ({why})", folder=str(self.root), why=str(exc.strerror or exc))) from None
        return CacheEntry(ticker, s.rename(ticker), fetched_at)

    def touch(self, ticker: str, fetched_at: float | None = None) -> None:
        """Record a successful check that found nothing new (restarts the grace period)."""
        entry = self.read(ticker)
        if entry is not None:
            self.write(ticker, entry.prices, fetched_at)

    def delete(self, ticker: str) -> None:
        try:
            self.path_for(ticker).unlink()
        except FileNotFoundError:
            pass

    # -- as a price source -----------------------------------------------
    def load(
        self, tickers: Sequence[str] | None = None, warnings: Sequence[str] = (), partial: bool = False
    ) -> PriceHistory:
        """The cached prices of ``tickers`` (all cached when None) plus JPY=X, as a PriceHistory.

        A ticker without a usable file is an error naming it (and why, when its
        file is damaged or unreadable) - or, with ``partial``, left out with a
        note as long as at least one asked-for ticker is there.
        """
        wanted = list(tickers) if tickers is not None else [t for t in self.tickers() if t != FX_TICKER]
        if not wanted:
            raise DataError(T("{why}; run `allocator fetch` to download prices", why=T("the price cache is empty")))
        entries = self.read_many(wanted + [FX_TICKER])
        missing = [t for t in wanted if t not in entries]
        problems = self.problems()
        if missing and (not partial or len(missing) == len(wanted)):
            why = T(
                "the price cache has no prices for {tickers}{more}{problems}",
                tickers=", ".join(missing[:8]),
                more=T(" and {n} more", n=len(missing) - 8) if len(missing) > 8 else "",
                problems=f" ({'; '.join(problems[:3])})" if problems else "",
            )
            raise DataError(T("{why}; run `allocator fetch` to download them", why=why))
        found = [t for t in wanted if t in entries]
        frame = pd.concat([entries[t].prices.rename(t) for t in found + [FX_TICKER] if t in entries], axis=1, sort=True)
        frame.index.name = "Date"
        notes = list(warnings)
        if FX_TICKER not in entries:
            notes.append(T("the price cache has no {fx} (USD/JPY); run `allocator fetch` to download it", fx=FX_TICKER))
        notes.extend(problems)
        if missing:
            more = T(" and {n} more", n=len(missing) - 8) if len(missing) > 8 else ""
            notes.append(
                T(
                    "the price cache has no prices for {tickers}{more}; left out, using the cache for the other {found} - `allocator fetch` downloads them",
                    tickers=", ".join(missing[:8]), more=more, found=len(found),
                )
            )
        columns = found + ([FX_TICKER] if FX_TICKER in entries else [])
        return PriceHistory.from_frame(frame[columns], "cache", CACHE_LABEL, warnings=notes)


def _decode(ticker: str, raw: bytes) -> CacheEntry:
    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as z:
            days = z["dates"]
            close = z["close"]
            meta = json.loads(str(z["meta"]))
    except (
        OSError, ValueError, KeyError, EOFError, TypeError, zipfile.BadZipFile,
        # a damaged zip header: an unknown compression method or flag bit, "encrypted", a bad
        # compressed stream - we only ever write stored (uncompressed) archives
        NotImplementedError, RuntimeError, zlib.error, lzma.LZMAError, struct.error, OverflowError,
    ) as exc:
        raise CorruptEntry(f"not a readable cache file: {type(exc).__name__}") from None
    if not isinstance(meta, dict) or meta.get("version") != CACHE_VERSION or meta.get("ticker") != ticker:
        raise CorruptEntry("metadata does not match")
    fetched_at = meta.get("fetched_at")
    if not isinstance(fetched_at, (int, float)):
        raise CorruptEntry("no download time")
    if days.dtype != np.int64 or close.dtype != np.float64 or days.ndim != 1 or days.shape != close.shape:
        raise CorruptEntry("arrays have the wrong type or shape")
    if len(days) == 0:
        raise CorruptEntry("no rows")
    if len(days) > 1 and not bool(np.all(np.diff(days) > 0)):
        raise CorruptEntry("dates are not strictly increasing")
    if not bool(np.all(np.isfinite(close))) or not bool(np.all(close > 0)):
        raise CorruptEntry("non-finite or non-positive prices")
    index = pd.DatetimeIndex((days + _EPOCH.astype(np.int64)).astype("datetime64[D]").astype("datetime64[ns]"))
    return CacheEntry(ticker, pd.Series(close, index=index, name=ticker), float(fetched_at))


def clear_stale_temp_files(cache: PriceCache, older_than: float = 3600.0) -> int:
    """Remove temp files left by a crash mid-write (harmless, but they take space)."""
    n = 0
    if cache.root.is_dir():
        now = time.time()
        for p in cache.root.glob(".*.tmp"):
            try:
                if now - p.stat().st_mtime > older_than:
                    p.unlink()
                    n += 1
            except OSError:
                pass
    return n
