"""What the user owns: shares per ticker and cash per currency, and its value.

A holdings file is a CSV with a header row naming (at least) ``ticker`` and
``shares``; extra columns (a broker's name, cost basis...) are ignored.
Tickers outside the universe are kept as "other": reported, valued when a
price is known, never traded.  Cash comes per currency (``--cash JPY=500000``).

Validation is all or nothing: the first bad row raises an ``InputError``
naming the file, the row and the fix, before anything is computed or written.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from allocator.discrete import lot_size, to_base
from allocator.errors import InputError
from allocator.text import T
from allocator.universe import COUNTRY_CURRENCY, CURRENCIES, Asset, Universe

#: A holdings file is a short list; anything bigger is not one.
MAX_HOLDINGS_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
_TICKER_RE = re.compile(r"^[A-Za-z0-9^][A-Za-z0-9.\-=^]{0,19}$")


@dataclass(frozen=True)
class Holdings:
    """Shares per ticker (universe and other) and cash per currency."""

    positions: Mapping[str, float] = field(default_factory=dict)
    cash: Mapping[str, float] = field(default_factory=dict)
    source: str = ""  # where the positions came from, for messages

    @property
    def is_empty(self) -> bool:
        return not any(self.positions.values()) and not any(self.cash.values())

    def with_cash(self, cash: Mapping[str, float]) -> "Holdings":
        return Holdings(dict(self.positions), dict(cash), self.source)

    def other(self, universe: Universe) -> list[str]:
        """Tickers held that are not in ``universe`` (kept, not traded)."""
        return [t for t in self.positions if t not in universe]

    def to_json(self) -> dict[str, Any]:
        return {
            "positions": {t: _plain_number(s) for t, s in self.positions.items()},
            "cash": {c: float(v) for c, v in self.cash.items()},
        }

    @classmethod
    def from_json(cls, data: Any, universe: Universe | None = None, what: str = "holdings") -> "Holdings":
        """From ``{positions: {ticker: shares}, cash: {CCY: amount}}``; errors name the field."""
        if not isinstance(data, Mapping):
            raise InputError(T("{what} must be an object with positions and cash", what=what))
        unknown = sorted(set(data) - {"positions", "cash"})
        if unknown:
            raise InputError(T("{what}.{field} is not a known field (positions, cash)", what=what, field=unknown[0]))
        pos_in = data.get("positions") or {}
        if not isinstance(pos_in, Mapping):
            raise InputError(T("{what}.positions must be an object {{ticker: shares}}", what=what))
        positions = {}
        for t, s in pos_in.items():
            where = f"{what}.positions.{t}"
            _check_ticker(str(t), where)
            positions[str(t)] = check_shares(s, _asset_or_guess(universe, str(t)), where, str(t))
        cash_in = data.get("cash") or {}
        if not isinstance(cash_in, Mapping):
            raise InputError(T("{what}.cash must be an object {{currency: amount}}", what=what))
        cash = {str(c): check_cash(v, str(c), f"{what}.cash.{c}") for c, v in cash_in.items()}
        return cls(positions, cash)


def _plain_number(x: float) -> float | int:
    return int(x) if float(x).is_integer() else float(x)


def _asset_or_guess(universe: Universe | None, ticker: str) -> Asset | None:
    if universe is not None and ticker in universe:
        return universe.asset(ticker)
    return None


def _check_ticker(ticker: str, where: str) -> None:
    if not ticker:
        raise InputError(T("{where}: the ticker is empty", where=where))
    if not _TICKER_RE.match(ticker):
        raise InputError(T("{where}: {ticker} is not a ticker (Yahoo symbols like NVDA or 7203.T)", where=where, ticker=repr(ticker)))


def _number(text: Any, where: str, what: str) -> float:
    if isinstance(text, bool):
        raise InputError(T("{where}: {what} {value} is not a number", where=where, what=what, value=repr(text)))
    if isinstance(text, (int, float)):
        v = float(text)
    else:
        s = str(text).strip().replace("_", "")
        # 1,000 as a thousands separator (quoted in the CSV), never as a decimal point
        if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", s):
            s = s.replace(",", "")
        try:
            v = float(s)
        except ValueError:
            raise InputError(T("{where}: {what} {value} is not a number", where=where, what=what, value=repr(str(text)))) from None
    if not math.isfinite(v):
        raise InputError(T("{where}: {what} {value} is not a finite number", where=where, what=what, value=repr(text)))
    return v


def check_shares(value: Any, asset: Asset | None, where: str, ticker: str = "") -> float:
    """A share count: a number, not negative; whole for Tokyo listings."""
    v = _number(value, where, "shares")
    if v < 0:
        raise InputError(T("{where}: shares {value} is negative (list what you own; short positions are not supported)", where=where, value=value))
    if v > 1e12:
        raise InputError(T("{where}: shares {value} is not a plausible holding", where=where, value=value))
    ticker = ticker or (asset.ticker if asset else "")
    tokyo = (asset is not None and asset.country == "JP") or (asset is None and ticker.upper().endswith(".T"))
    if tokyo and not v.is_integer():
        raise InputError(T("{where}: Tokyo shares must be whole, got {value}", where=where, value=value))
    if asset is not None and asset.country == "US" and not v.is_integer():
        # fractional US shares exist at some brokers: keep them, to 1/10,000
        v = round(v, 4)
    return v


def check_cash(value: Any, currency: str, where: str) -> float:
    if currency not in CURRENCIES:
        raise InputError(T("{where}: currency {currency} must be one of {choices}", where=where, currency=repr(currency), choices=", ".join(CURRENCIES)))
    v = _number(value, where, "cash")
    if v < 0:
        raise InputError(T("{where}: cash {value} is negative", where=where, value=value))
    if v > 1e15:
        raise InputError(T("{where}: cash {value} is not a plausible amount", where=where, value=value))
    return v


def parse_cash(texts: Iterable[str] | None) -> dict[str, float]:
    """``["USD=20000", "JPY=1000000"]`` -> ``{"USD": 20000.0, "JPY": 1000000.0}``."""
    out: dict[str, float] = {}
    for text in texts or []:
        ccy, sep, amount = str(text).partition("=")
        ccy = ccy.strip().upper()
        if not sep or not ccy or not amount.strip():
            raise InputError(T("--cash {text}: expected CCY=AMOUNT, e.g. JPY=500000", text=repr(text)))
        if ccy in out:
            raise InputError(T("--cash {ccy} is given twice", ccy=ccy))
        out[ccy] = check_cash(amount, ccy, f"--cash {ccy}")
    return out


def _read_bounded(path: Path) -> str:
    """The text of a small regular file (UTF-8, BOM allowed), through the one bounded reader."""
    from allocator.userfile import read_user_file

    blob = read_user_file(path, what=T("holdings file"), max_bytes=MAX_HOLDINGS_BYTES)
    try:
        return blob.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(T("{path}: the holdings file is not UTF-8 text (save it as CSV UTF-8)", path=path)) from None


def parse_holdings_csv(text: str, universe: Universe | None, source: str = "holdings") -> Holdings:
    """Positions from CSV text; every problem raises an InputError naming the row."""
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") and "ticker;" in sample.lower() else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    positions: dict[str, float] = {}
    first_row: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(c.strip() for c in row):
                continue
            if header is None:
                header = [c.strip().lower() for c in row]
                missing = [c for c in ("ticker", "shares") if c not in header]
                if missing:
                    raise InputError(
                        T("{source}: row {row}: the header must name the columns ticker and shares "
                          "(missing {missing}); got {got}",
                          source=source, row=line, missing=", ".join(missing), got=", ".join(row)[:80])
                    )
                it, ish = header.index("ticker"), header.index("shares")
                continue
            if line > MAX_ROWS + 1:
                raise InputError(T("{source}: more than {limit} rows is not a holdings file", source=source, limit=MAX_ROWS))
            where = T("{source}: row {row}", source=source, row=line)
            if row[0].strip().startswith("#"):
                continue  # a comment line
            if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
                raise InputError(
                    T("{where}: has {cells} cells but the header has {columns} columns "
                      "(a stray separator? quote values that contain one)",
                      where=where, cells=len(row), columns=len(header))
                )
            ticker = row[it].strip() if it < len(row) else ""
            shares_text = row[ish].strip() if ish < len(row) else ""
            _check_ticker(ticker, where)
            key = ticker.upper() if universe is None or ticker not in universe else ticker
            if universe is not None:
                # Yahoo tickers are upper case; accept 'nvda' for NVDA, '7203.t' for 7203.T.
                match = next((t for t in universe.tickers if t.upper() == ticker.upper()), None)
                key = match or ticker.upper()
            if key in first_row:
                raise InputError(T("{where}: {ticker} is listed twice (first on row {first}); give one row per ticker", where=where, ticker=key, first=first_row[key]))
            if not shares_text:
                raise InputError(T("{where}: {ticker}: the shares cell is empty", where=where, ticker=key))
            shares = check_shares(shares_text, _asset_or_guess(universe, key), T("{where}: {ticker}", where=where, ticker=key), key)
            first_row[key] = line
            positions[key] = shares
    except csv.Error as exc:
        raise InputError(T("{source}: row {row}: not valid CSV ({problem})", source=source, row=reader.line_num, problem=exc)) from None
    if header is None:
        raise InputError(T("{source}: the file is empty (expected a header ticker,shares and one row per holding)", source=source))
    return Holdings(positions, {}, source)


def load_holdings(path: str | Path, universe: Universe | None, cash: Mapping[str, float] | None = None) -> Holdings:
    """Read a holdings CSV (and attach ``cash``); see ``parse_holdings_csv``."""
    path = Path(path)
    h = parse_holdings_csv(_read_bounded(path), universe, path.name)
    return h.with_cash(dict(cash or {})) if cash else h


# ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    """One holding valued: shares, price (asset's currency), value in base."""

    ticker: str
    shares: float
    currency: str | None
    price: float | None
    lot: float
    local_value: float | None
    base_value: float | None
    in_universe: bool


@dataclass(frozen=True)
class Valuation:
    """Holdings at the latest prices, in the base currency.

    ``managed`` is what the allocation applies to: universe holdings plus
    cash.  "Other" holdings are outside it (kept as they are).
    """

    base: str
    usdjpy: float | None
    lines: tuple[Line, ...]
    cash: Mapping[str, float]  # local amounts
    cash_base: Mapping[str, float]

    @property
    def invested(self) -> float:
        return math.fsum(ln.base_value or 0.0 for ln in self.lines if ln.in_universe)

    @property
    def other_value(self) -> float:
        return math.fsum(ln.base_value or 0.0 for ln in self.lines if not ln.in_universe)

    @property
    def cash_total(self) -> float:
        return math.fsum(self.cash_base.values())

    @property
    def managed(self) -> float:
        return self.invested + self.cash_total

    @property
    def total(self) -> float:
        return self.managed + self.other_value

    def line(self, ticker: str) -> Line | None:
        return next((ln for ln in self.lines if ln.ticker == ticker), None)

    def weights(self) -> dict[str, float]:
        """Each universe holding as a fraction of the managed value."""
        m = self.managed
        return {ln.ticker: (ln.base_value or 0.0) / m if m > 0 else 0.0 for ln in self.lines if ln.in_universe}

    @property
    def unpriced(self) -> list[str]:
        return [ln.ticker for ln in self.lines if ln.in_universe and ln.base_value is None and ln.shares]

    @property
    def other(self) -> list[str]:
        return [ln.ticker for ln in self.lines if not ln.in_universe]


def value_holdings(
    holdings: Holdings,
    universe: Universe,
    prices: Mapping[str, float],
    base: str,
    usdjpy: float | None,
) -> Valuation:
    """Value ``holdings`` at ``prices`` (latest close per ticker, own currency).

    A universe holding without a price raises an InputError (it could not be
    traded or weighed); an "other" holding without one is kept unvalued.
    """
    lines = []
    for t, shares in holdings.positions.items():
        inside = t in universe
        asset = universe.asset(t) if inside else None
        currency = asset.currency if asset else _guess_currency(t)
        price = prices.get(t)
        price = float(price) if price is not None and math.isfinite(float(price)) and float(price) > 0 else None
        local = shares * price if price is not None else None
        base_value = to_base(local, currency, base, usdjpy) if local is not None else None
        if inside and shares and base_value is None:
            if price is None:
                message = T("{source}: {ticker}: no price to value the holding", source=holdings.source or "holdings", ticker=t)
            else:
                message = T("{source}: {ticker}: no USD/JPY rate to value the holding", source=holdings.source or "holdings", ticker=t)
            raise InputError(message)
        lot = lot_size(asset) if asset else 1.0
        lines.append(Line(t, float(shares), currency, price, lot, local, base_value, inside))
    cash_base = {}
    for ccy, amount in holdings.cash.items():
        v = to_base(float(amount), ccy, base, usdjpy)
        if v is None:
            raise InputError(T("cash {currency}: no USD/JPY rate to convert it to {base}", currency=ccy, base=base))
        cash_base[ccy] = v
    return Valuation(base, usdjpy, tuple(lines), dict(holdings.cash), cash_base)


def _guess_currency(ticker: str) -> str:
    return COUNTRY_CURRENCY["JP"] if ticker.upper().endswith(".T") else COUNTRY_CURRENCY["US"]


def current_weights(valuation: Valuation, tickers: Iterable[str]) -> list[float]:
    """Weights of ``tickers`` (the model's order) as fractions of the managed value."""
    w = valuation.weights()
    return [w.get(t, 0.0) for t in tickers]


# ----------------------------------------------------------------------------
_LATEST: tuple = (None, None)  # (weak reference to the last history asked about, its latest prices)


def _last_positive(history) -> tuple[dict[str, float], float | None]:
    """Every column's last positive close, computed once per ``PriceHistory`` (it is immutable).

    The window asks for it on every slider move (the minimum capital of the
    new weights); a ``dropna`` per held ticker cost ~5 ms a move.
    """
    global _LATEST
    import weakref

    import numpy as np

    ref, hit = _LATEST
    if ref is not None and ref() is history:
        return hit
    values = history.prices.to_numpy(dtype=float, na_value=np.nan)
    ok = values > 0  # NaN compares False
    prices = {}
    if values.size:
        last = len(values) - 1 - np.argmax(ok[::-1], axis=0)
        for j, t in enumerate(history.prices.columns):
            if ok[last[j], j]:
                prices[str(t)] = float(values[last[j], j])
    usdjpy = None
    if history.fx is not None:
        s = history.fx.dropna()
        s = s[s > 0]
        if not s.empty:
            usdjpy = float(s.iloc[-1])
    hit = (prices, usdjpy)
    _LATEST = (weakref.ref(history), hit)
    return hit


def latest_prices(history, tickers: Iterable[str]) -> tuple[dict[str, float], float | None]:
    """Last positive close of each ticker in ``history`` and the last USD/JPY rate."""
    every, usdjpy = _last_positive(history)
    return {t: every[t] for t in tickers if t in every}, usdjpy


def trading_for(run, model, history):
    """``(Trading, Valuation)`` for ``run.holdings``, or ``(None, None)`` without holdings.

    Current weights are the holdings of the model's assets at the latest
    prices, as fractions of the managed value (those holdings plus cash);
    holdings outside the model are "other" and not part of it.
    """
    from allocator.costs import Costs
    from allocator.optimize.settings import Trading

    if run.holdings is None:
        if run.costs is not None and not run.costs.is_zero:
            raise InputError(T("--costs needs --holdings (costs are paid on the trades from what you hold)"))
        return None, None
    if history is None:
        raise InputError(T("--holdings needs prices to value them; use --data instead of --assumptions"))
    universe = run.universe.subset([t for t in model.tickers if t in run.universe])
    prices, usdjpy = latest_prices(history, [t for t in run.holdings.positions])
    val = value_holdings(run.holdings, universe, prices, run.base, usdjpy)
    if not val.managed > 0:
        raise InputError(T("the holdings and cash are worth nothing: give --cash or holdings of the universe's assets"))
    return Trading(dict(zip(model.tickers, current_weights(val, model.tickers))), run.costs or Costs(), run.max_turnover), val
