"""Import prices from CSV files in the layouts people actually have.

Layouts, detected from the header:

* **yfinance** - what ``yf.download(...).to_csv()`` writes: a ``Price`` row of
  fields (``Adj Close``, ``Close``, ...), a ``Ticker`` row, usually a
  ``Date`` row, then data.  ``Adj Close`` is used when present (files written
  with ``auto_adjust=False``), else ``Close`` (already adjusted since
  yfinance 0.2.51).
* **single** - one ticker with one header row of fields
  (``Date,Open,High,Low,Close,Adj Close,Volume``, Yahoo's web download); the
  ticker is the file name (``SPY.csv`` -> ``SPY``).
* **long** - ``date,ticker,close`` (also ``symbol``, ``adj close``,
  ``price``), one row per date and ticker.
* **wide** - a date column, then one column per ticker.

Every problem is reported as a :class:`DocumentError` naming the file, the
row (the line number a text editor or spreadsheet shows, header included)
and the column.  Nothing is forward-filled; blank cells are "not traded".
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection

import numpy as np
import pandas as pd

from allocator.errors import DocumentError

_TICKER_RE = re.compile(r"^[A-Za-z0-9^][A-Za-z0-9.\-=^]{0,19}$")
_DATE_RE = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?\s*$")

_DATE_NAMES = {"date", "datetime", "time", "timestamp", "day"}
_TICKER_NAMES = {"ticker", "symbol", "tickers", "code"}
_CLOSE_NAMES = ["adj close", "adj_close", "adjclose", "adjusted close", "adjusted_close", "close", "price", "value"]
_FIELD_NAMES = {"open", "high", "low", "close", "adj close", "volume", "dividends", "stock splits", "capital gains"}
_NA = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "#N/A", "-", "None"]


@dataclass(frozen=True)
class ImportedPrices:
    """Prices read from one file or folder: wide, one column per ticker."""

    frame: pd.DataFrame
    layouts: dict[str, str]  # file name -> layout detected
    warnings: tuple[str, ...] = field(default=())


def csv_files(path: Path) -> list[Path]:
    """The CSV files at ``path``: the file itself, or the *.csv / *.csv.gz files in a folder."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith((".csv", ".csv.gz")))
        if not files:
            raise DocumentError("no .csv files in this folder", file=str(path))
        return files
    if path.is_file() or os.path.lexists(path):  # the bounded reader refuses pipes, devices, dangling links
        return [path]
    raise DocumentError("no such file or folder", file=str(path))


def import_prices(path: str | Path, known: Collection[str] | None = None) -> ImportedPrices:
    """Read a CSV file or a folder of them into one wide frame.

    ``known``: when given, tickers outside it are left out with a warning
    (they are not in the user's universe).  A ticker found in two files is
    an error naming both.
    """
    path = Path(path)
    frames: list[pd.DataFrame] = []
    layouts: dict[str, str] = {}
    owner: dict[str, Path] = {}
    warnings: list[str] = []
    for f in csv_files(path):
        frame, layout = read_price_csv(f)
        layouts[f.name] = layout
        for t in frame.columns:
            if t in owner:
                raise DocumentError(
                    f"ticker {t} is also in {owner[t].name}; keep one file per ticker", file=str(f)
                )
            owner[t] = f
        frames.append(frame)
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, axis=1, sort=True)
    if known is not None:
        known_set = set(known)
        unknown = [t for t in frame.columns if t not in known_set]
        if unknown:
            shown = ", ".join(f"{t} ({owner[t].name})" for t in unknown[:8])
            more = f" and {len(unknown) - 8} more" if len(unknown) > 8 else ""
            warnings.append(
                f"ignored {len(unknown)} ticker(s) not in your universe: {shown}{more} (add them as custom tickers to use them)"
            )
            frame = frame.drop(columns=unknown)
    frame.index.name = "Date"
    return ImportedPrices(frame, layouts, tuple(warnings))


#: Largest CSV price file read (after decompression): decades of daily prices for
#: hundreds of tickers are far below; a "zip bomb" stops here.
MAX_CSV_BYTES = 128 << 20


class _CsvFile(type(Path())):  # type: ignore[misc]
    """A CSV file's path plus its bytes, read once through the bounded reader."""

    blob: bytes = b""


def _read_file(path: Path) -> _CsvFile:
    from allocator.userfile import read_user_file

    f = _CsvFile(path)
    f.blob = read_user_file(path, what="CSV price file", max_bytes=MAX_CSV_BYTES, gzip_ok=True)
    return f


def read_price_csv(path: Path) -> tuple[pd.DataFrame, str]:
    """One file -> (wide frame of closes, layout name)."""
    path = path if isinstance(path, _CsvFile) else _read_file(Path(path))
    header, sep = _peek(path)
    first = [c.strip() for c in header[0]]
    lower = [c.lower() for c in first]
    if lower and lower[0] == "price" and len(header) > 1 and header[1] and header[1][0].strip().lower() == "ticker":
        return _read_yfinance(path, header, sep), "yfinance"
    if any(c in _TICKER_NAMES for c in lower) and any(c in _CLOSE_NAMES for c in lower):
        return _read_long(path, first, sep), "long"
    if any(c in ("close", "adj close", "adj_close", "adjclose") for c in lower):
        return _read_single(path, first, sep), "single"
    return _read_wide(path, first, sep), "wide"


# -- helpers -----------------------------------------------------------------


def _column(name: object) -> str:
    """A header cell for a message: quoted when it is a date name or a ticker, else only "the date column".

    (A header that is neither may be the first line of any file; it is not repeated.)
    """
    text = str(name).strip()
    if text.lower() in _DATE_NAMES or text.lower() in _FIELD_NAMES or _TICKER_RE.match(text) or text == "column 1":
        return f"column {text!r}"
    return "the date column"


def _short(value: object, limit: int = 24) -> str:
    """A cell for a message: quoted and cut short - a message never carries a file's content."""
    text = repr(str(value))
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _peek(path: _CsvFile) -> tuple[list[list[str]], str]:
    try:
        with io.TextIOWrapper(io.BytesIO(path.blob[: 1 << 20]), encoding="utf-8-sig", newline="") as fh:
            lines = [fh.readline() for _ in range(3)]
    except UnicodeDecodeError:
        raise DocumentError("not a UTF-8 text file (save it as CSV UTF-8)", file=str(path)) from None
    if not lines[0].strip():
        raise DocumentError("the file is empty", file=str(path))
    sep = ";" if lines[0].count(";") > lines[0].count(",") else ","
    rows = [next(csv.reader([ln], delimiter=sep)) if ln.strip() else [] for ln in lines]
    return rows, sep


def _read_body(path: _CsvFile, skip: int, sep: str, usecols: list[int]) -> pd.DataFrame:
    try:
        return pd.read_csv(
            io.BytesIO(path.blob),
            sep=sep,
            header=None,
            skiprows=skip,
            usecols=usecols,
            dtype={usecols[0]: str},
            na_values=_NA,
            keep_default_na=False,
            encoding="utf-8-sig",
            skip_blank_lines=False,
        )
    except pd.errors.EmptyDataError:
        raise DocumentError("no data rows after the header", file=str(path)) from None
    except (ValueError, pd.errors.ParserError) as exc:
        raise DocumentError(f"not a valid CSV table ({' '.join(str(exc).split())})", file=str(path)) from None
    except UnicodeDecodeError:
        raise DocumentError("not a UTF-8 text file (save it as CSV UTF-8)", file=str(path)) from None
    except OSError as exc:
        raise DocumentError(f"cannot read file ({exc.strerror or exc})", file=str(path)) from None


def _parse_dates(raw: pd.Series, path: Path, first_line: int, column: str) -> pd.DatetimeIndex:
    """ISO dates (``YYYY-MM-DD``, optionally with a time and offset, which is dropped).

    The date part is the exchange's local trading day, which is what yfinance
    writes; the offset is ignored so New York and Tokyo days stay themselves.
    ``raw``'s index holds each value's position after the header (for row numbers).
    """
    text = raw.astype("string").str.strip()
    parts = text.str.extract(_DATE_RE)
    iso = parts[0] + "-" + parts[1].str.zfill(2) + "-" + parts[2].str.zfill(2)
    dates = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")
    bad = dates.isna().to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        value = raw.iloc[i]
        shown = "an empty cell" if pd.isna(value) or not str(value).strip() else _short(value)
        raise DocumentError(
            f"{shown} is not a date (use YYYY-MM-DD)",
            path=f"row {first_line + int(raw.index[i])}, {_column(column)}",
            file=str(path),
        )
    return pd.DatetimeIndex(dates)


def _numeric(frame: pd.DataFrame, names: list[str], path: Path, first_line: int) -> pd.DataFrame:
    """Columns as floats; a non-number or a price <= 0 is an error naming its cell.

    ``frame``'s index holds each row's position after the header (for row numbers).
    """
    out = {}
    for col, name in zip(frame.columns, names):

        def cell_error(message: str, i: int, name: str = name) -> DocumentError:
            return DocumentError(
                message, path=f"row {first_line + int(frame.index[i])}, {_column(name)}", file=str(path)
            )

        s = frame[col]
        if not pd.api.types.is_numeric_dtype(s):
            text = s.astype("string").str.strip()
            num = pd.to_numeric(text, errors="coerce")
            bad = (num.isna() & text.notna() & (text != "")).to_numpy()
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise cell_error(f"{_short(s.iloc[i])} is not a number", i)
            s = num
        v = s.to_numpy(dtype=float, na_value=np.nan)
        bad = ~(np.isnan(v) | ((v > 0) & np.isfinite(v)))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise cell_error(f"price {v[i]!r} is not a positive number", i)
        out[name] = v
    return pd.DataFrame(out, index=frame.index)


def _check_ticker(name: str, path: Path, line: int, col: int) -> str:
    t = name.strip()
    if not t or t.lower().startswith("unnamed"):
        raise DocumentError("the column has no ticker in its header", path=f"row {line}, column {col}", file=str(path))
    if not _TICKER_RE.match(t):
        raise DocumentError(f"{_short(t)} is not a valid Yahoo ticker", path=f"row {line}, column {col}", file=str(path))
    return t.upper()


def _finish(dates: pd.DatetimeIndex, values: pd.DataFrame, path: Path, first_line: int, date_col: str) -> pd.DataFrame:
    dup = dates.duplicated(keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        j = int(np.flatnonzero(dates == dates[i])[0])
        raise DocumentError(
            f"date {dates[i].date()} appears twice (also on row {first_line + int(values.index[j])})",
            path=f"row {first_line + int(values.index[i])}, {_column(date_col)}",
            file=str(path),
        )
    values = values.set_axis(dates, axis=0).sort_index().dropna(how="all")
    if values.empty:
        raise DocumentError("no prices in the file", file=str(path))
    return values


def _drop_blank_rows(body: pd.DataFrame) -> pd.DataFrame:
    """Drop fully blank lines (e.g. a trailing empty line); the index keeps true positions."""
    blank = body.isna().all(axis=1).to_numpy()
    return body[~blank] if blank.any() else body


# -- layouts -----------------------------------------------------------------


def _read_yfinance(path: Path, header: list[list[str]], sep: str) -> pd.DataFrame:
    fields = [c.strip() for c in header[0]]
    tickers = [c.strip() for c in header[1]]
    if len(tickers) != len(fields):
        raise DocumentError("the Price and Ticker header rows have different lengths", path="row 2", file=str(path))
    third = [c.strip() for c in header[2]] if len(header) > 2 else []
    skip = 3 if third and third[0].lower() in _DATE_NAMES and not any(third[1:]) else 2
    lower = [f.lower() for f in fields]
    want = "adj close" if "adj close" in lower else "close"
    cols = [i for i, f in enumerate(lower) if f == want and i > 0]
    if not cols:
        raise DocumentError("no 'Close' or 'Adj Close' columns in the Price header row", path="row 1", file=str(path))
    names = [_check_ticker(tickers[i], path, 2, i + 1) for i in cols]
    _no_repeats(names, cols, path, 2)
    body = _drop_blank_rows(_read_body(path, skip, sep, [0, *cols]))
    first_line = skip + 1
    dates = _parse_dates(body[0], path, first_line, "Date")
    values = _numeric(body[cols], names, path, first_line)
    return _finish(dates, values, path, first_line, "Date")


def _no_repeats(names: list[str], cols: list[int], path: Path, line: int) -> None:
    seen: dict[str, int] = {}
    for n, c in zip(names, cols):
        if n in seen:
            raise DocumentError(
                f"ticker {n} has two columns ({seen[n] + 1} and {c + 1})", path=f"row {line}, column {c + 1}", file=str(path)
            )
        seen[n] = c


def _read_wide(path: Path, first: list[str], sep: str) -> pd.DataFrame:
    if len(first) < 2:
        raise DocumentError(
            "expected a date column and at least one ticker column (or date,ticker,close)", path="row 1", file=str(path)
        )
    cols = list(range(1, len(first)))
    names = [_check_ticker(first[i], path, 1, i + 1) for i in cols]
    _no_repeats(names, cols, path, 1)
    body = _drop_blank_rows(_read_body(path, 1, sep, [0, *cols]))
    date_col = first[0] or "column 1"
    dates = _parse_dates(body[0], path, 2, date_col)
    values = _numeric(body[cols], names, path, 2)
    return _finish(dates, values, path, 2, date_col)


def _read_single(path: Path, first: list[str], sep: str) -> pd.DataFrame:
    lower = [c.lower() for c in first]
    ticker_name = path.name
    for suffix in (".gz", ".csv"):
        if ticker_name.lower().endswith(suffix):
            ticker_name = ticker_name[: -len(suffix)]
    ticker = _check_ticker(ticker_name, path, 1, 1)
    want = next(n for n in ("adj close", "adj_close", "adjclose", "close") if n in lower)
    col = lower.index(want)
    body = _drop_blank_rows(_read_body(path, 1, sep, [0, col]))
    date_col = first[0] or "column 1"
    dates = _parse_dates(body[0], path, 2, date_col)
    values = _numeric(body[[col]], [ticker], path, 2)
    return _finish(dates, values, path, 2, date_col)


def _read_long(path: Path, first: list[str], sep: str) -> pd.DataFrame:
    lower = [c.lower() for c in first]
    try:
        d = next(i for i, c in enumerate(lower) if c in _DATE_NAMES)
    except StopIteration:
        raise DocumentError("a long table needs a 'date' column", path="row 1", file=str(path)) from None
    t = next(i for i, c in enumerate(lower) if c in _TICKER_NAMES)
    c = next(lower.index(n) for n in _CLOSE_NAMES if n in lower)
    body = _drop_blank_rows(_read_body(path, 1, sep, sorted({d, t, c})))
    dates = _parse_dates(body[d], path, 2, first[d])
    raw_t = body[t].astype("string").str.strip()
    ok = raw_t.str.fullmatch(_TICKER_RE.pattern[1:-1]).fillna(False).to_numpy(dtype=bool)
    if not ok.all():
        i = int(np.flatnonzero(~ok)[0])
        value = raw_t.iloc[i]
        shown = "an empty cell" if pd.isna(value) or not value else repr(str(value))
        raise DocumentError(
            f"{shown} is not a valid Yahoo ticker", path=f"row {2 + int(body.index[i])}, column {first[t]!r}", file=str(path)
        )
    values = _numeric(body[[c]], [first[c]], path, 2)
    frame = pd.DataFrame({"date": dates, "ticker": raw_t.str.upper().to_numpy(), "close": values.iloc[:, 0].to_numpy()})
    dup = frame.duplicated(["date", "ticker"], keep="first").to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        same = (frame["date"] == frame["date"].iloc[i]) & (frame["ticker"] == frame["ticker"].iloc[i])
        j = int(np.flatnonzero(same.to_numpy())[0])
        raise DocumentError(
            f"{frame['ticker'].iloc[i]} on {frame['date'].iloc[i].date()} appears twice"
            f" (also on row {2 + int(body.index[j])})",
            path=f"row {2 + int(body.index[i])}, column {first[d]!r}",
            file=str(path),
        )
    wide = frame.pivot(index="date", columns="ticker", values="close").sort_index()
    wide.columns.name = None
    wide.index.name = None
    wide = wide.dropna(how="all")
    if wide.empty:
        raise DocumentError("no prices in the file", file=str(path))
    return wide
