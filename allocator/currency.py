"""Base currency, FX translation, hedge instruments and carry (DESIGN §7-§8).

For an asset in foreign currency c, with local return r and currency return
f (the value of one unit of c measured in the base currency B):

* unhedged return in B: ``R = (1 + r)(1 + f) - 1``;
* a forward hedge of one unit of exposure earns ``k - f`` with the carry
  ``k = (1 + i_B dt) / (1 + i_c dt) - 1`` (covered interest parity);
* hedge ratio h: ``R_h = R + h (k - f)``.

USD/JPY comes from Yahoo's ``JPY=X`` (yen per dollar, S).  For base USD the
yen's return is ``f = S_{t-1}/S_t - 1``; for base JPY the dollar's return is
``S_t/S_{t-1} - 1``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from allocator.errors import DataError, DocumentError, InputError
from allocator.text import T

BASES = ("USD", "JPY")

#: Editable defaults for annual short rates (decimals), roughly late-2025
#: policy-rate levels: the Fed's target range around 3.75-4.00 %, the BoJ's 0.5 %.
DEFAULT_RATES = {"USD": 0.0375, "JPY": 0.005}


def parse_base(value: str) -> str:
    v = str(value).upper()
    if v not in BASES:
        raise InputError(T("base currency {value} must be USD or JPY", value=repr(value)))
    return v


def foreign_currency(base: str) -> str:
    return "JPY" if parse_base(base) == "USD" else "USD"


#: A monthly rate is used for periods ending up to this long after its date;
#: beyond that (the history has ended or has a gap) the current rates apply.
_STALE = pd.Timedelta(days=62)


@dataclass(frozen=True)
class Rates:
    """Annual short rates per currency, and optionally their monthly history.

    ``current`` (decimals, e.g. 0.04) prices the *expected* carry of a hedge
    from today.  ``history`` has a ``DatetimeIndex`` of months (first day of
    the month, FRED style) and columns ``USD`` and ``JPY`` in decimals; when
    given, *historical* hedged returns use the rate of each period's month
    (the latest row at or before the period's end, at most two months old),
    and the current rates outside the history's coverage.
    """

    current: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_RATES))
    history: pd.DataFrame | None = None

    def rate(self, ccy: str) -> float:
        return float(self.current.get(ccy, 0.0))

    def carry(self, base: str, foreign: str) -> float:
        """Annual carry of hedging ``foreign`` back into ``base``: ``i_B - i_c``."""
        return self.rate(base) - self.rate(foreign)

    def _rate_series(self, index: pd.DatetimeIndex, ccy: str) -> np.ndarray:
        out = np.full(len(index), self.rate(ccy))
        h = self.history
        if h is None or ccy not in h.columns or len(index) == 0:
            return out
        col = h[ccy].dropna().sort_index()
        if col.empty:
            return out
        pos = col.index.searchsorted(index, side="right") - 1  # latest row at or before each date
        ok = pos >= 0
        dates = col.index[np.clip(pos, 0, None)]
        ok &= np.asarray(index - dates <= _STALE)
        out[ok] = col.to_numpy()[pos[ok]]
        return out

    def covered(self, index: pd.DatetimeIndex) -> float:
        """Share of the periods ending at ``index`` for which the history gives both rates."""
        if self.history is None or len(index) == 0:
            return 0.0
        probe = Rates({"USD": np.nan, "JPY": np.nan}, self.history)
        both = ~np.isnan(probe._rate_series(index, "USD")) & ~np.isnan(probe._rate_series(index, "JPY"))
        return float(both.mean())

    def carry_per_period(self, index: pd.DatetimeIndex, base: str, foreign: str, periods_per_year: int) -> pd.Series:
        """Carry earned over each return period ending at ``index`` (CIP, exact form)."""
        dt = 1.0 / periods_per_year
        ib = self._rate_series(index, base)
        ic = self._rate_series(index, foreign)
        return pd.Series((1 + ib * dt) / (1 + ic * dt) - 1.0, index=index, name="carry")


#: A monthly rate history is a few kB; this is far beyond any real one.
RATE_HISTORY_MAX_BYTES = 8 << 20


def _short(value: object, limit: int = 24) -> str:
    """A cell for a message: quoted, cut short (a message never carries a file's content)."""
    text = repr(str(value))
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def load_rate_history(path: str | Path, units: str = "fraction") -> pd.DataFrame:
    """A monthly short-rate history from CSV: a date column, then ``USD`` and ``JPY``.

    ``units`` is ``fraction`` (0.0525 = 5.25 % a year, the default as for every
    number in Allocator) or ``percent`` (5.25, FRED's convention).  Returns
    decimals indexed by date.
    """
    path = Path(path)
    file = str(path)
    if units not in ("fraction", "percent"):
        raise InputError(T("rate units {units} must be fraction or percent", units=repr(units)))
    import io

    from allocator.userfile import read_user_file

    blob = read_user_file(path, what=T("rate history"), max_bytes=RATE_HISTORY_MAX_BYTES, gzip_ok=True)
    _check_row_lengths(blob, file)
    try:
        raw = pd.read_csv(io.BytesIO(blob), encoding="utf-8-sig", index_col=False)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        # pandas' message quotes the file; never echo an arbitrary file's content
        raise DocumentError(
            T("is not a CSV rate history (expected UTF-8 CSV with columns Date,USD,JPY)"), None, file
        ) from None
    if raw.shape[1] < 2 or raw.empty:
        raise DocumentError(T("needs a date column and at least one of USD, JPY, with one row a month"), None, file)
    cols = {str(c).strip().upper(): c for c in raw.columns}
    date_col = cols.get("DATE", raw.columns[0])
    found = [c for c in ("USD", "JPY") if c in cols]
    if not found:
        raise DocumentError(
            T("no USD or JPY column in the header (it has {n} columns); name the columns Date,USD,JPY", n=raw.shape[1]),
            None,
            file,
        )
    try:
        idx = pd.to_datetime(raw[date_col], errors="raise")
    except (ValueError, TypeError):
        raise DocumentError(T("column {column} must hold dates (YYYY-MM-DD)", column=_short(date_col)), None, file) from None
    if idx.duplicated().any():
        raise DocumentError(T("duplicated date {date}", date=str(idx[idx.duplicated()].iloc[0].date())), str(date_col), file)
    out = pd.DataFrame(index=pd.DatetimeIndex(idx, name="Date"))
    scale = 0.01 if units == "percent" else 1.0
    for c in found:
        vals = pd.to_numeric(raw[cols[c]], errors="coerce")
        bad = vals.isna() & raw[cols[c]].notna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise DocumentError(T("row {row}: {value} is not a number", row=row + 2, value=_short(raw[cols[c]].iloc[row])), c, file)
        vals = vals.to_numpy() * scale
        finite = vals[np.isfinite(vals)]
        if finite.size and (finite.min() < -0.1 or finite.max() > 1.0):
            worst = finite.max() if finite.max() > 1.0 else finite.min()
            found_text = f"{worst / scale:g}"
            if units == "fraction":
                raise DocumentError(
                    T("annual rates must lie between -10% and 100%, found {found} "
                      "(the values look like percents: use --rate-units percent)", found=found_text), c, file
                )
            raise DocumentError(T("annual rates must lie between -10% and 100%, found {found}", found=found_text), c, file)
        out[c] = vals
    return out.sort_index()


def _check_row_lengths(blob: bytes, file: str) -> None:
    """A row with more cells than the header is refused naming the row (pandas would shift or drop them)."""
    import csv
    import io

    try:
        reader = csv.reader(io.StringIO(blob.decode("utf-8-sig"), newline=""))
        width = None
        for row in reader:
            if not any(c.strip() for c in row):
                continue
            if width is None:
                width = len(row)
            elif len(row) > width and any(c.strip() for c in row[width:]):
                raise DocumentError(
                    T("row {row}: has {cells} cells but the header has {width} columns", row=reader.line_num, cells=len(row), width=width),
                    None,
                    file,
                )
    except (UnicodeDecodeError, csv.Error):
        return  # reported by the parse below


def currency_return(fx_jpy: pd.Series, base: str) -> pd.Series:
    """Return of the foreign currency measured in ``base`` from the yen's return in dollars."""
    if parse_base(base) == "USD":
        return fx_jpy
    # Value of a dollar in yen is S; its return is S_t/S_{t-1} - 1 = 1/(1+f_jpy) - 1.
    return 1.0 / (1.0 + fx_jpy) - 1.0


def translate(local: pd.DataFrame, currencies: list[str], fx_jpy: pd.Series | None, base: str) -> pd.DataFrame:
    """Unhedged returns in ``base``: ``(1 + r)(1 + f) - 1`` for foreign-currency assets."""
    base = parse_base(base)
    foreign = [c != base for c in currencies]
    if not any(foreign):
        return local.copy()
    if fx_jpy is None:
        raise DataError(
            T("USD/JPY prices (JPY=X) are needed to translate {currencies} "
              "returns into {base}: add a JPY=X column to the CSV, fetch it (allocator fetch --tickers JPY=X), "
              "or use --base {other} if every asset is in that currency",
              currencies=", ".join(c for c in dict.fromkeys(currencies) if c != base), base=base,
              other="JPY" if base == "USD" else "USD")
        )
    f = currency_return(fx_jpy, base).reindex(local.index).to_numpy()
    x = local.to_numpy(dtype=float)
    mask = np.asarray(foreign)
    # One array operation for every foreign column (a per-column loop cost ~1 ms each).
    x = np.where(mask, (1.0 + x) * (1.0 + f[:, None]) - 1.0, x)
    return pd.DataFrame(x, index=local.index, columns=local.columns)


def hedged_returns(
    local: pd.DataFrame,
    currencies: list[str],
    fx_jpy: pd.Series | None,
    base: str,
    rates: Rates,
    ratio: float,
    periods_per_year: int,
) -> pd.DataFrame:
    """Historical returns in ``base`` with a hedge ratio on every foreign asset.

    ``R_h = (1 + r)(1 + f) - 1 + h (k_t - f)`` with ``k_t`` the carry of each
    period (from the rate history when there is one).  At ``h = 1`` this is
    ``r + r f + k_t``: the currency is gone but for the cross term.
    """
    base = parse_base(base)
    out = translate(local, currencies, fx_jpy, base)
    if ratio == 0 or fx_jpy is None:
        return out
    foreign = foreign_currency(base)
    f = currency_return(fx_jpy, base).reindex(local.index)
    k = rates.carry_per_period(local.index, base, foreign, periods_per_year)
    for col, ccy in zip(local.columns, currencies):
        if ccy == foreign:
            out[col] = out[col] + ratio * (k - f)
    return out


def hedge_frontiers(model, settings, points: int = 50, hedged: float = 1.0) -> dict:
    """Unhedged (h=0), hedged (h=``hedged``) and optimally hedged (h in [0, 1]) frontiers.

    Same model and constraints, one ``Optimizer`` (its compiled problems are
    shared: the hedge band is a parameter), so the GUI can overlay the three.
    Returns ``{"unhedged": Frontier, "hedged": Frontier, "optimal": Frontier}``.
    """
    from dataclasses import replace

    from allocator.optimize import HedgeSetting, Optimizer

    opt = Optimizer(model)
    out = {}
    for key, setting in (
        ("unhedged", HedgeSetting.fixed(0.0)),
        ("hedged", HedgeSetting.fixed(hedged)),
        ("optimal", HedgeSetting.optimal()),
    ):
        s = replace(settings, constraints=replace(settings.constraints, hedge=setting))
        out[key] = opt.frontier(s, points)
    return out
