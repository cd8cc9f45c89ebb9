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

Typos are caught at the boundary (issue 16, items 7 and 11):

* a date after today, before 1900, or a block of at most three rows more
  than a year before (or after) the rest of the file is an error naming its
  row - a mistyped 2099 would otherwise become the "latest price";
* a file whose every row is a Saturday or Sunday is an error (shifted dates);
* a price outside [1e-12, 1e15] is an error (a denormal 5e-324 would overflow
  every return computed from it);
* one-day moves above the data-quality report's outlier threshold are listed
  in ``ImportedPrices.moves`` and summarised in ``warnings``; a move by a
  factor of 10 or more (``EXTREME_FACTOR``: a slipped decimal point, a price
  typed in the wrong unit) is *extreme*: :func:`check_extreme_moves` makes it
  an error naming the row unless the user accepted it (``--accept-outliers``
  on the command line, a confirmation in the app: :func:`accept_moves`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
import re
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Collection, Iterable

import numpy as np
import pandas as pd

from allocator.errors import DocumentError
from allocator.text import T

_TICKER_RE = re.compile(r"^[A-Za-z0-9^][A-Za-z0-9.\-=^]{0,19}$")
_DATE_RE = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?\s*$")

_DATE_NAMES = {"date", "datetime", "time", "timestamp", "day"}
_TICKER_NAMES = {"ticker", "symbol", "tickers", "code"}
_CLOSE_NAMES = ["adj close", "adj_close", "adjclose", "adjusted close", "adjusted_close", "close", "price", "value"]
_FIELD_NAMES = {"open", "high", "low", "close", "adj close", "volume", "dividends", "stock splits", "capital gains"}
_NA = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "#N/A", "-", "None"]


#: Earliest date a price file may hold (no adjusted history reaches further back).
EARLIEST_DATE = date(1900, 1, 1)
#: A block of at most FAR_ROWS rows more than FAR_DAYS from the rest of a file is taken for a typo ...
FAR_ROWS = 3
FAR_DAYS = 366
#: ... when the rest has at least this many rows.
FAR_REST = 10
#: Prices outside this range are not prices (and would overflow the returns computed from them).
MIN_PRICE = 1e-12
MAX_PRICE = 1e15
#: A one-day move by this factor or more (either way) is an error unless the user accepts it.
EXTREME_FACTOR = 10.0


@dataclass(frozen=True)
class PriceMove:
    """A one-day move above the quality report's outlier threshold, located in its file."""

    file: str  # the path as given
    ticker: str
    date: date  # of the later price
    row: int  # line of the later price (header included)
    price: float
    previous: float
    previous_row: int
    digest: str  # sha256 of the file's bytes (what a confirmation is bound to)

    @property
    def factor(self) -> float:
        return self.price / self.previous

    @property
    def extreme(self) -> bool:
        f = self.factor
        return not (1.0 / EXTREME_FACTOR < f < EXTREME_FACTOR)

    @property
    def factor_text(self) -> str:
        """"x995" or "1/979" - the move as a factor."""
        f = self.factor
        return f"\u00d7{f:,.0f}" if f >= 10 else f"1/{1 / f:,.0f}" if f <= 0.1 else f"\u00d7{f:.2f}"

    def describe(self) -> str:
        """"row 302, LMT 2020-02-25: 1.11871e+08 is 994,821 times the previous price 112.453 (row 301)"."""
        f = self.factor
        where = dict(row=self.row, ticker=self.ticker, date=str(self.date), price=f"{self.price:.6g}",
                     previous=f"{self.previous:.6g}", previous_row=self.previous_row)
        if f >= 10 or f > 0.1:
            return T("row {row}, {ticker} {date}: {price} is {factor} times the previous price {previous} (row {previous_row})",
                     factor=f"{f:,.0f}" if f >= 10 else f"{f:.2f}", **where)
        return T("row {row}, {ticker} {date}: {price} is 1/{factor} of the previous price {previous} (row {previous_row})",
                 factor=f"{1 / f:,.0f}", **where)


@dataclass(frozen=True)
class ImportedPrices:
    """Prices read from one file or folder: wide, one column per ticker."""

    frame: pd.DataFrame
    layouts: dict[str, str]  # file name -> layout detected
    warnings: tuple[str, ...] = field(default=())
    moves: tuple[PriceMove, ...] = field(default=())  # outlier moves, largest first

    @property
    def extreme_moves(self) -> tuple[PriceMove, ...]:
        return tuple(m for m in self.moves if m.extreme)


# -- confirmations of extreme moves ------------------------------------------

_accepted: set[str] = set()
_accept_all = False
_lock = threading.Lock()


def accept_moves(moves: Iterable[PriceMove]) -> None:
    """The user confirmed these moves: their files (as they are now) load without the error."""
    with _lock:
        _accepted.update(m.digest for m in moves)


def forget_acceptances() -> None:
    """Forget every confirmation (tests; a new session starts with none)."""
    with _lock:
        _accepted.clear()


def set_accept_all(accept: bool) -> bool:
    """``--accept-outliers``: every extreme move is accepted (returns the previous setting)."""
    global _accept_all
    with _lock:
        before, _accept_all = _accept_all, bool(accept)
    return before


def unaccepted(moves: Iterable[PriceMove]) -> list[PriceMove]:
    """The extreme moves among ``moves`` the user has not accepted."""
    with _lock:
        if _accept_all:
            return []
        return [m for m in moves if m.extreme and m.digest not in _accepted]


#: How a CLI user accepts an extreme move (the GUI words this its own way: allocator.gui.wording).
HOW_TO_ACCEPT = T("pass --accept-outliers to use it as it is")


def check_extreme_moves(imported: "ImportedPrices", how_to_accept: str = HOW_TO_ACCEPT) -> None:
    """A DocumentError (exit 2) naming the first unaccepted extreme move's file and row."""
    left = sorted(unaccepted(imported.moves), key=lambda m: (m.file, m.row))
    if not left:
        return
    m = left[0]  # the first in the file: for a mistyped price, its own row
    if len(left) > 1:
        message = T("{move} (and {n} more such move(s)); a typo? Correct the file, or {how}",
                    move=m.describe(), n=len(left) - 1, how=how_to_accept)
    else:
        message = T("{move}; a typo? Correct the file, or {how}", move=m.describe(), how=how_to_accept)
    raise DocumentError(message, file=m.file)


def csv_files(path: Path) -> list[Path]:
    """The CSV files at ``path``: the file itself, or the *.csv / *.csv.gz files in a folder."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith((".csv", ".csv.gz")))
        if not files:
            raise DocumentError(T("no .csv files in this folder"), file=str(path))
        return files
    if path.is_file() or os.path.lexists(path):  # the bounded reader refuses pipes, devices, dangling links
        return [path]
    raise DocumentError(T("no such file or folder"), file=str(path))


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
    moves: list[PriceMove] = []
    for f in csv_files(path):
        csv_file = _read_file(f)
        frame, layout, lines = _read_one(csv_file)
        moves.extend(_outlier_moves(frame, lines, csv_file))
        layouts[f.name] = layout
        for t in frame.columns:
            if t in owner:
                raise DocumentError(
                    T("ticker {ticker} is also in {other}; keep one file per ticker", ticker=t, other=owner[t].name), file=str(f)
                )
            owner[t] = f
        frames.append(frame)
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, axis=1, sort=True)
    if known is not None:
        known_set = set(known)
        unknown = [t for t in frame.columns if t not in known_set]
        if unknown:
            shown = ", ".join(f"{t} ({owner[t].name})" for t in unknown[:8])
            if len(unknown) > 8:
                warnings.append(T("ignored {n} ticker(s) not in your universe: {tickers} and {more} more (add them as custom tickers to use them)",
                                  n=len(unknown), tickers=shown, more=len(unknown) - 8))
            else:
                warnings.append(T("ignored {n} ticker(s) not in your universe: {tickers} (add them as custom tickers to use them)",
                                  n=len(unknown), tickers=shown))
            frame = frame.drop(columns=unknown)
            moves = [m for m in moves if m.ticker in known_set]
    frame.index.name = "Date"
    moves.sort(key=lambda m: -abs(math.log(m.factor)))
    if moves:
        warnings.append(_moves_note(moves))
    return ImportedPrices(frame, layouts, tuple(warnings), tuple(moves))


def _moves_note(moves: list[PriceMove]) -> str:
    """One line: how many outlier moves, the largest three with their rows."""
    files = sorted({Path(m.file).name for m in moves})
    parts = [T("{file} {move}", file=Path(m.file).name, move=m.describe()) if len(files) > 1 else m.describe()
             for m in moves[:3]]
    shown = parts[-1]
    for part in reversed(parts[:-1]):
        shown = T("{first}; {rest}", first=part, rest=shown)
    n_assets = len({m.ticker for m in moves})
    note = T("{n} one-day move(s) above the data-quality outlier threshold in {assets} asset(s) "
             "- check them for typos; largest: {moves}", n=len(moves), assets=n_assets, moves=shown)
    return T("{file}: {message}", file=files[0], message=note) if len(files) == 1 else note


def _outlier_moves(frame: pd.DataFrame, lines: pd.DataFrame, f: "_CsvFile") -> list[PriceMove]:
    """The quality report's outlier moves of each column, with the rows they are on."""
    from allocator.data.quality import outlier_moves

    digest = ""
    out: list[PriceMove] = []
    for t in frame.columns:
        s = frame[t].dropna()
        if len(s) < 2:
            continue
        hits = outlier_moves(s)
        # Moves by EXTREME_FACTOR or more count whatever the threshold (a gap does not excuse them).
        v = s.to_numpy()
        ratio = v[1:] / v[:-1]
        big = np.flatnonzero((ratio >= EXTREME_FACTOR) | (ratio <= 1.0 / EXTREME_FACTOR)) + 1
        positions = sorted({i for i, _ in hits} | {int(i) for i in big})
        if not positions:
            continue
        digest = digest or hashlib.sha256(f.blob).hexdigest()
        rows = lines[t].reindex(s.index).to_numpy()
        for i in positions:
            out.append(
                PriceMove(str(f), str(t), s.index[i].date(), int(rows[i]), float(v[i]), float(v[i - 1]),
                          int(rows[i - 1]), digest)
            )
    return out


#: Largest CSV price file read (after decompression): decades of daily prices for
#: hundreds of tickers are far below; a "zip bomb" stops here.
MAX_CSV_BYTES = 128 << 20


class _CsvFile(type(Path())):  # type: ignore[misc]
    """A CSV file's path plus its bytes, read once through the bounded reader."""

    blob: bytes = b""


def _read_file(path: Path) -> _CsvFile:
    from allocator.userfile import read_user_file

    f = _CsvFile(path)
    f.blob = read_user_file(path, what=T("CSV price file"), max_bytes=MAX_CSV_BYTES, gzip_ok=True)
    return f


def read_price_csv(path: Path) -> tuple[pd.DataFrame, str]:
    """One file -> (wide frame of closes, layout name)."""
    frame, layout, _ = _read_one(path if isinstance(path, _CsvFile) else _read_file(Path(path)))
    return frame, layout


def _read_one(path: "_CsvFile") -> tuple[pd.DataFrame, str, pd.DataFrame]:
    """One file -> (wide frame of closes, layout name, the line number of each price)."""
    header, sep = _peek(path)
    first = [c.strip() for c in header[0]]
    lower = [c.lower() for c in first]
    if lower and lower[0] == "price" and len(header) > 1 and header[1] and header[1][0].strip().lower() == "ticker":
        return _with(_read_yfinance(path, header, sep), "yfinance")
    if any(c in _TICKER_NAMES for c in lower) and any(c in _CLOSE_NAMES for c in lower):
        return _with(_read_long(path, first, sep), "long")
    if any(c in ("close", "adj close", "adj_close", "adjclose") for c in lower):
        return _with(_read_single(path, first, sep), "single")
    return _with(_read_wide(path, first, sep), "wide")


def _with(read: tuple[pd.DataFrame, pd.DataFrame], layout: str) -> tuple[pd.DataFrame, str, pd.DataFrame]:
    frame, lines = read
    return frame, layout, lines


# -- helpers -----------------------------------------------------------------


def _column(name: object) -> str:
    """A header cell for a message: quoted when it is a date name or a ticker, else only "the date column".

    (A header that is neither may be the first line of any file; it is not repeated.)
    """
    text = str(name).strip()
    if text.lower() in _DATE_NAMES or text.lower() in _FIELD_NAMES or _TICKER_RE.match(text) or text == "column 1":
        return T("column {name}", name=repr(text))
    return T("the date column")


def _short(value: object, limit: int = 24) -> str:
    """A cell for a message: quoted and cut short - a message never carries a file's content."""
    text = repr(str(value))
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _peek(path: _CsvFile) -> tuple[list[list[str]], str]:
    try:
        with io.TextIOWrapper(io.BytesIO(path.blob[: 1 << 20]), encoding="utf-8-sig", newline="") as fh:
            lines = [fh.readline() for _ in range(3)]
    except UnicodeDecodeError:
        raise DocumentError(T("not a UTF-8 text file (save it as CSV UTF-8)"), file=str(path)) from None
    if not lines[0].strip():
        raise DocumentError(T("the file is empty"), file=str(path))
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
        raise DocumentError(T("no data rows after the header"), file=str(path)) from None
    except (ValueError, pd.errors.ParserError) as exc:
        raise DocumentError(T("not a valid CSV table ({why})", why=" ".join(str(exc).split())), file=str(path)) from None
    except UnicodeDecodeError:
        raise DocumentError(T("not a UTF-8 text file (save it as CSV UTF-8)"), file=str(path)) from None
    except OSError as exc:
        raise DocumentError(T("cannot read file ({why})", why=str(exc.strerror or exc)), file=str(path)) from None


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
        shown = T("an empty cell") if pd.isna(value) or not str(value).strip() else _short(value)
        raise DocumentError(
            T("{value} is not a date (use YYYY-MM-DD)", value=shown),
            path=T("row {row}, {column}", row=first_line + int(raw.index[i]), column=_column(column)),
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
                message, path=T("row {row}, {column}", row=first_line + int(frame.index[i]), column=_column(name)), file=str(path)
            )

        s = frame[col]
        if not pd.api.types.is_numeric_dtype(s):
            text = s.astype("string").str.strip()
            num = pd.to_numeric(text, errors="coerce")
            bad = (num.isna() & text.notna() & (text != "")).to_numpy()
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise cell_error(T("{value} is not a number", value=_short(s.iloc[i])), i)
            s = num
        v = s.to_numpy(dtype=float, na_value=np.nan)
        bad = ~(np.isnan(v) | ((v > 0) & np.isfinite(v)))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise cell_error(T("price {price} is not a positive number", price=repr(float(v[i]))), i)
        odd = ~np.isnan(v) & ((v < MIN_PRICE) | (v > MAX_PRICE))
        if odd.any():
            i = int(np.flatnonzero(odd)[0])
            raise cell_error(T("price {price} is outside the range of prices ({lo} to {hi})", price=f"{v[i]:.6g}", lo=f"{MIN_PRICE:g}", hi=f"{MAX_PRICE:g}"), i)
        out[name] = v
    return pd.DataFrame(out, index=frame.index)


def _check_ticker(name: str, path: Path, line: int, col: int) -> str:
    t = name.strip()
    if not t or t.lower().startswith("unnamed"):
        raise DocumentError(T("the column has no ticker in its header"), path=T("row {row}, column {col}", row=line, col=col), file=str(path))
    if not _TICKER_RE.match(t):
        raise DocumentError(T("{value} is not a valid Yahoo ticker", value=_short(t)), path=T("row {row}, column {col}", row=line, col=col), file=str(path))
    return t.upper()


def _ymd(ts: pd.Timestamp) -> str:
    """YYYY-MM-DD also for years outside Python's ``date`` (year 0)."""
    return f"{ts.year:04d}-{ts.month:02d}-{ts.day:02d}"


def _check_dates(dates: pd.DatetimeIndex, lines: np.ndarray, path: Path, date_col: str) -> None:
    """Dates after today, before 1900, or a small block far from the rest of the file: errors naming the row."""

    def error(i: int, message: str) -> DocumentError:
        return DocumentError(message, path=T("row {row}, {column}", row=int(lines[i]), column=_column(date_col)), file=str(path))

    # A Tokyo trading day can be a day ahead of the user's calendar.
    today = date.today()
    latest = pd.Timestamp(today + timedelta(days=1))
    late = np.flatnonzero(dates > latest)
    if late.size:
        raise error(int(late[0]), T("date {date} is after today ({today}); a typo?", date=_ymd(dates[late[0]]), today=str(today)))
    early = np.flatnonzero(dates < pd.Timestamp(EARLIEST_DATE))
    if early.size:
        raise error(int(early[0]), T("date {date} is before {year}; a typo?", date=_ymd(dates[early[0]]), year=EARLIEST_DATE.year))
    ns = dates.as_unit("ns").asi8  # within 1900..today now
    order = np.argsort(ns, kind="stable")
    n = len(order)
    if n < FAR_REST + 1:
        return
    days = np.diff(ns[order]) / 86_400e9
    for k in range(1, FAR_ROWS + 1):
        if n - k < FAR_REST:
            break
        if days[k - 1] > FAR_DAYS:  # the first k rows, then a year or more without a row
            i = int(order[0])
            rest = dates[order[k]].date()
            raise error(i, T("date {date} is far before the rest of the data (which starts {rest}); a typo?", date=str(dates[i].date()), rest=str(rest)))
        if days[n - k - 1] > FAR_DAYS:  # the last k rows
            i = int(order[-1])
            rest = dates[order[n - k - 1]].date()
            raise error(i, T("date {date} is far after the rest of the data (which ends {rest}); a typo?", date=str(dates[i].date()), rest=str(rest)))


def _check_weekdays(dates: pd.DatetimeIndex, path: Path) -> None:
    if len(dates) and bool((dates.day_of_week >= 5).all()):
        raise DocumentError(
            T("every date is a Saturday or Sunday, when exchanges are closed; are the dates shifted by a day?"),
            file=str(path),
        )


def _finish(
    dates: pd.DatetimeIndex, values: pd.DataFrame, path: Path, first_line: int, date_col: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(prices by date, the line number of each price) - after the date checks."""
    line_of = first_line + values.index.to_numpy(dtype=np.int64)
    _check_dates(dates, line_of, path, date_col)
    dup = dates.duplicated(keep="first")
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        j = int(np.flatnonzero(dates == dates[i])[0])
        raise DocumentError(
            T("date {date} appears twice (also on row {other})", date=str(dates[i].date()), other=first_line + int(values.index[j])),
            path=T("row {row}, {column}", row=first_line + int(values.index[i]), column=_column(date_col)),
            file=str(path),
        )
    lines = pd.DataFrame(
        np.broadcast_to(line_of[:, None], values.shape).astype(float), index=values.index, columns=values.columns
    ).where(values.notna())
    values = values.set_axis(dates, axis=0).sort_index().dropna(how="all")
    if values.empty:
        raise DocumentError(T("no prices in the file"), file=str(path))
    _check_weekdays(values.index, path)
    lines = lines.set_axis(dates, axis=0).loc[values.index]
    return values, lines


def _drop_blank_rows(body: pd.DataFrame) -> pd.DataFrame:
    """Drop fully blank lines (e.g. a trailing empty line); the index keeps true positions."""
    blank = body.isna().all(axis=1).to_numpy()
    return body[~blank] if blank.any() else body


# -- layouts -----------------------------------------------------------------


def _read_yfinance(path: Path, header: list[list[str]], sep: str) -> pd.DataFrame:
    fields = [c.strip() for c in header[0]]
    tickers = [c.strip() for c in header[1]]
    if len(tickers) != len(fields):
        raise DocumentError(T("the Price and Ticker header rows have different lengths"), path=T("row {row}", row=2), file=str(path))
    third = [c.strip() for c in header[2]] if len(header) > 2 else []
    skip = 3 if third and third[0].lower() in _DATE_NAMES and not any(third[1:]) else 2
    lower = [f.lower() for f in fields]
    want = "adj close" if "adj close" in lower else "close"
    cols = [i for i, f in enumerate(lower) if f == want and i > 0]
    if not cols:
        raise DocumentError(T("no 'Close' or 'Adj Close' columns in the Price header row"), path=T("row {row}", row=1), file=str(path))
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
                T("ticker {ticker} has two columns ({first} and {second})", ticker=n, first=seen[n] + 1, second=c + 1),
                path=T("row {row}, column {col}", row=line, col=c + 1), file=str(path)
            )
        seen[n] = c


def _read_wide(path: Path, first: list[str], sep: str) -> pd.DataFrame:
    if len(first) < 2:
        raise DocumentError(
            T("expected a date column and at least one ticker column (or date,ticker,close)"), path=T("row {row}", row=1), file=str(path)
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
        raise DocumentError(T("a long table needs a 'date' column"), path=T("row {row}", row=1), file=str(path)) from None
    t = next(i for i, c in enumerate(lower) if c in _TICKER_NAMES)
    c = next(lower.index(n) for n in _CLOSE_NAMES if n in lower)
    body = _drop_blank_rows(_read_body(path, 1, sep, sorted({d, t, c})))
    dates = _parse_dates(body[d], path, 2, first[d])
    raw_t = body[t].astype("string").str.strip()
    ok = raw_t.str.fullmatch(_TICKER_RE.pattern[1:-1]).fillna(False).to_numpy(dtype=bool)
    if not ok.all():
        i = int(np.flatnonzero(~ok)[0])
        value = raw_t.iloc[i]
        shown = T("an empty cell") if pd.isna(value) or not value else repr(str(value))
        raise DocumentError(
            T("{value} is not a valid Yahoo ticker", value=shown),
            path=T("row {row}, {column}", row=2 + int(body.index[i]), column=T("column {name}", name=repr(first[t]))), file=str(path)
        )
    values = _numeric(body[[c]], [first[c]], path, 2)
    line_of = 2 + body.index.to_numpy(dtype=np.int64)
    _check_dates(dates, line_of, path, first[d])
    frame = pd.DataFrame({"date": dates, "ticker": raw_t.str.upper().to_numpy(), "close": values.iloc[:, 0].to_numpy(),
                          "line": line_of.astype(float)})
    dup = frame.duplicated(["date", "ticker"], keep="first").to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        same = (frame["date"] == frame["date"].iloc[i]) & (frame["ticker"] == frame["ticker"].iloc[i])
        j = int(np.flatnonzero(same.to_numpy())[0])
        raise DocumentError(
            T("{ticker} on {date} appears twice (also on row {other})", ticker=frame["ticker"].iloc[i],
              date=str(frame["date"].iloc[i].date()), other=2 + int(body.index[j])),
            path=T("row {row}, {column}", row=2 + int(body.index[i]), column=T("column {name}", name=repr(first[d]))),
            file=str(path),
        )
    wide = frame.pivot(index="date", columns="ticker", values="close").sort_index()
    wide.columns.name = None
    wide.index.name = None
    wide = wide.dropna(how="all")
    if wide.empty:
        raise DocumentError(T("no prices in the file"), file=str(path))
    _check_weekdays(wide.index, path)
    lines = frame.pivot(index="date", columns="ticker", values="line").reindex(index=wide.index, columns=wide.columns)
    lines = lines.where(wide.notna())
    lines.columns.name = None
    lines.index.name = None
    return wide, lines
