"""CSV export of an allocation (DESIGN §6).

Layout (one file):

* a header row, then one row per held asset (weight > 0), in universe order:
  ``ticker,name,theme,country,currency,weight,hedge_ratio,expected_return,
  volatility,risk_contribution`` and, with a capital amount,
  ``price,currency_amount,base_amount,shares``; then ``EXTRA_COLUMNS``.
  ``expected_return``/``volatility`` are unhedged (base currency);
  ``*_hedged`` at the row's hedge ratio; ``risk_contribution`` and
  ``risk_share_of_variance`` (the same numbers) are shares of the portfolio's
  variance, and with a hedge a ``hedge:CCY`` row follows the assets (weight
  empty, its notional in ``hedge_notional``) so that they sum to 1;
* an empty line, then summary rows ``summary,key,value``: themes,
  countries, hedge ratios and notionals, metrics, the capital, invested
  amount and leftover cash, the USD/JPY rate and each price's date, the data
  source, notes.

Numbers are written with ``repr`` (shortest text that reads back to the same
float), so weights survive a round trip exactly; they are numbers, never
touched by the formula guard.  Text from users (names, labels, notes) that a
spreadsheet could run as a formula gets a leading apostrophe.  UTF-8 with a
byte-order mark when the file holds non-ASCII text (Excel otherwise reads
UTF-8 as the local code page), plain UTF-8 otherwise; lines end in CRLF
(RFC 4180).
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path
from typing import Any

from allocator.discrete import DiscreteAllocation, allocate_shares
from allocator.document import AllocationDocument, atomic_write_text
from allocator.errors import InputError
from allocator.text import T

COLUMNS = [
    "ticker",
    "name",
    "theme",
    "country",
    "currency",
    "weight",
    "hedge_ratio",
    "expected_return",
    "volatility",
    "risk_contribution",
]
CAPITAL_COLUMNS = ["price", "currency_amount", "base_amount", "shares"]
#: Columns after the contract's (DESIGN §6 keeps its names and order; these say their unit):
#: the risk share again under its explicit name, the figures at the row's hedge ratio,
#: the expected return's standard error and, on a hedge row, its notional.
EXTRA_COLUMNS = ["risk_share_of_variance", "expected_return_hedged", "volatility_hedged",
                 "expected_return_se", "hedge_notional"]
HEDGE_PREFIX = "hedge:"
SUMMARY_HEADER = ["summary", "key", "value"]

#: Characters that make a spreadsheet treat a cell as a formula (OWASP CSV
#: injection list), plus their full-width forms, which Japanese-locale Excel
#: also accepts when a cell is typed or imported.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
MAX_CAPITAL = 1e15
#: Blank and invisible characters a spreadsheet or importer may skip before a formula
#: character: spaces of every kind (NBSP, ideographic), VT, FF, zero-width space and joiners, BOM.
_LEADING_BLANKS = re.compile(r"^[\s\u200b\u200c\u200d\u2060\ufeff\u180e\u00ad]+")


def safe_text(value: object) -> str:
    """User text made inert for spreadsheets: a leading formula character gets an apostrophe.

    Leading blanks are looked through (some importers trim them): spaces of any
    kind, NBSP, VT, FF, zero-width characters.  Only for
    text: numbers are written by ``_num`` and a negative number stays a number.
    """
    s = "" if value is None else str(value)
    if s.startswith(_FORMULA_START):
        return "'" + s
    return "'" + s if _LEADING_BLANKS.sub("", s, count=1).startswith(_FORMULA_START) else s


def _num(x: Any) -> str:
    """A finite number as the shortest exact text; empty for missing."""
    if x is None:
        return ""
    v = float(x)
    if not math.isfinite(v):
        return ""
    return repr(v)


def _money(x: float | None, currency: str) -> str:
    if x is None:
        return ""
    return f"{x:.0f}" if currency == "JPY" else f"{x:.2f}"


def _shares(x: float | None) -> str:
    if x is None:
        return ""
    return str(x) if isinstance(x, int) else f"{x:.4f}"


def check_capital(capital: Any) -> float:
    try:
        v = float(capital)
    except (TypeError, ValueError):
        raise InputError(T("--capital must be an amount in the base currency, got {capital}", capital=repr(capital))) from None
    if not math.isfinite(v) or v <= 0 or v > MAX_CAPITAL:
        raise InputError(T("--capital must be a positive amount in the base currency (e.g. 100000), got {capital}", capital=str(capital)))
    return v


def share_counts(doc: AllocationDocument, capital: float, fractional: bool = False) -> DiscreteAllocation:
    """Share counts of ``doc`` for ``capital`` (base currency), at the prices stored in the file."""
    capital = check_capital(capital)
    run = doc.run_settings()
    assets = {a.ticker: a for a in run.universe.assets}
    prices = {t: q["close"] for t, q in (doc.data.get("prices") or {}).items()}
    fx = doc.data.get("usdjpy") or {}
    return allocate_shares(doc.held, assets, prices, run.base, capital, fx.get("rate"), fractional)


def export_rows(doc: AllocationDocument, capital: float | None = None, fractional: bool = False) -> list[list[str]]:
    run = doc.run_settings()
    universe = run.universe
    base = run.base
    res = doc.result
    held = doc.held
    hedge = res.get("hedge_ratios", {})
    rets = res.get("asset_returns", {})
    vols = res.get("asset_vols", {})
    rcs = res.get("risk_contributions", {})
    disc = share_counts(doc, capital, fractional) if capital is not None else None
    positions = disc.by_ticker() if disc else {}
    rets_h = res.get("asset_returns_hedged", {})
    vols_h = res.get("asset_vols_hedged", {})
    ses = res.get("asset_return_se", {})
    rows: list[list[str]] = [COLUMNS + (CAPITAL_COLUMNS if disc else []) + EXTRA_COLUMNS]
    blank_capital = [""] * len(CAPITAL_COLUMNS) if disc else []
    for a in universe.assets:
        w = held.get(a.ticker)
        if w is None:
            continue
        h = float(hedge.get(a.currency, 0.0)) if a.currency != base else 0.0
        row = [
            safe_text(a.ticker),
            safe_text(a.name),
            safe_text(a.theme),
            a.country,
            a.currency,
            _num(w),
            _num(h),
            _num(rets.get(a.ticker)),
            _num(vols.get(a.ticker)),
            _num(rcs.get(a.ticker)),
        ]
        if disc:
            p = positions[a.ticker]
            row += [_num(p.price) if p.priced else "", _money(p.local_amount, a.currency),
                    _money(p.base_amount, base), _shares(p.shares)]
        # Hedged figures: the file's (from the model) or, at ratio 0 / home currency, the unhedged ones.
        r_h = rets_h.get(a.ticker, rets.get(a.ticker) if h == 0 else None)
        v_h = vols_h.get(a.ticker, vols.get(a.ticker) if h == 0 else None)
        row += [_num(rcs.get(a.ticker)), _num(r_h), _num(v_h), _num(ses.get(a.ticker)), ""]
        rows.append(row)
    # The hedge instrument (a short forward of the foreign currency): its risk share makes
    # the column sum to 1; it has no portfolio weight (its notional is in hedge_notional).
    for ccy, notional in res.get("hedge_notionals", {}).items():
        if not notional:
            continue
        key = HEDGE_PREFIX + ccy
        rows.append([key, f"{ccy} forward hedge (short {ccy}, long {base})", "hedge", "", ccy, "",
                     _num(hedge.get(ccy)), _num((res.get("hedge_returns") or {}).get(ccy)),
                     _num((res.get("hedge_vols") or {}).get(ccy)), _num(rcs.get(key))]
                    + blank_capital + [_num(rcs.get(key)), "", "", "", _num(notional)])

    rows.append([])
    rows.append(SUMMARY_HEADER)
    # Theme and country totals from the weights themselves (the file's stored
    # totals agree for files the app wrote; a hand-edited weight wins).
    themes: dict[str, float] = {}
    countries: dict[str, float] = {}
    for a in universe.assets:
        w = held.get(a.ticker)
        if w is not None:
            themes[a.theme] = themes.get(a.theme, 0.0) + w
            countries[a.country] = countries.get(a.country, 0.0) + w
    for k in universe.theme_keys:
        if k in themes:
            rows.append(["theme", safe_text(k), _num(themes[k])])
    for k, v in countries.items():
        rows.append(["country", safe_text(k), _num(v)])
    for k, v in hedge.items():
        rows.append(["hedge_ratio", safe_text(k), _num(v)])
    for k, v in res.get("hedge_notionals", {}).items():
        rows.append(["hedge_notional", safe_text(k), _num(v)])
    m = res.get("metrics", {})
    rows.append(["base_currency", base, ""])
    if res.get("hedge_convention"):
        rows.append(["note", "hedge_expected_return", safe_text(res["hedge_convention"])])
    for k in ("expected_return", "volatility", "sharpe", "sharpe_se", "rf"):
        if m.get(k) is not None:
            rows.append(["metric", k, _num(m[k])])
    data = doc.data
    if disc:
        rows.append(["capital", base, _money(disc.capital, base)])
        rows.append(["invested", base, _money(disc.invested, base)])
        rows.append(["cash", base, _money(disc.leftover, base)])
        fx = data.get("usdjpy")
        if fx:
            rows.append(["usdjpy", fx["date"], _num(fx["rate"])])
        prices = data.get("prices") or {}
        for t in held:
            if t in prices:
                rows.append(["price_date", safe_text(t), prices[t]["date"]])
        rows.append(["note", "lots", "Tokyo stocks in 100-share lots; Tokyo ETFs in units of 1; US "
                     + ("fractional shares to 0.0001" if fractional else "whole shares")])
        unpriced = [p.ticker for p in disc.positions if not p.priced]
        if unpriced:
            why = ("no prices are stored (allocation made from an assumptions file)" if not prices
                   else "no price (or no USD/JPY rate) stored")
            rows.append(["note", "unpriced", safe_text(
                f"{why}: {' '.join(unpriced)} - amounts are targets, shares not computed")])
        for p in disc.positions:
            if p.priced and p.shares == 0:
                rows.append(["note", safe_text(p.ticker), f"one lot costs more than its target ({p.lot:g} shares); not bought"])
    att = res.get("attribution") or {}
    if att.get("total"):
        # Expected return and volatility split into local, currency and carry
        # parts (allocator.attribution), per theme and in total.
        from allocator.attribution import KEYS

        rows.append(["attribution", "key", *KEYS])
        for k, part in (att.get("themes") or {}).items():
            rows.append(["attribution_theme", safe_text(k), *[_num(part.get(c, 0.0)) for c in KEYS]])
        rows.append(["attribution_total", "total", *[_num(att["total"].get(c, 0.0)) for c in KEYS]])
    rows.append(["data", "source", safe_text(data.get("label") or data.get("source", ""))])
    if data.get("as_of"):
        rows.append(["data", "as_of", data["as_of"]])
    if data.get("source") == "simulated":
        rows.append(["note", "data", "simulated sample: prices and figures are not real market data"])
    if doc.notes:
        rows.append(["notes", "", safe_text(doc.notes)])
    return rows


def export_text(
    doc: AllocationDocument, capital: float | None = None, fractional: bool = False, bom: bool | None = None
) -> str:
    """The CSV file's text. ``bom=None``: a UTF-8 BOM only when the text is not plain ASCII."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(export_rows(doc, capital, fractional))
    text = buf.getvalue()
    if bom is None:
        bom = not text.isascii()
    return ("\ufeff" + text) if bom else text


def export_csv(
    doc: AllocationDocument,
    path: str | Path,
    capital: float | None = None,
    fractional: bool = False,
    bom: bool | None = None,
) -> None:
    """Write the CSV atomically (see ``export_text``)."""
    atomic_write_text(path, export_text(doc, capital, fractional, bom))


def read_export_weights(text: str) -> dict[str, float]:
    """Ticker -> weight from an export's text (the inverse used by tests and imports)."""
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = next(rows)
    ti, wi = header.index("ticker"), header.index("weight")
    out = {}
    for row in rows:
        if not row:
            break
        if row[ti].startswith(HEDGE_PREFIX):
            continue  # the hedge instrument's row: a notional, not a weight
        out[row[ti]] = float(row[wi])
    return out
