"""CSV export of an allocation (DESIGN §6).

One row per held asset, then an empty line and summary rows (themes,
countries, hedge).  Text that a spreadsheet could run as a formula is
neutralised.  (The files issue adds capital amounts and share counts.)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from allocator.document import AllocationDocument, atomic_write_text
from allocator.universe import Universe

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

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> str:
    """User text made inert for spreadsheets: a leading formula character gets a quote."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s


def _num(x: float) -> str:
    return repr(float(x))


def export_rows(doc: AllocationDocument) -> list[list[str]]:
    settings = doc.settings
    universe = Universe.from_dict(settings["universe"], "settings.universe")
    res = doc.result
    weights = res.get("weights", {})
    hedge = res.get("hedge_ratios", {})
    rets = res.get("asset_returns", {})
    vols = res.get("asset_vols", {})
    rcs = res.get("risk_contributions", {})
    base = settings.get("base_currency", "USD")
    rows = [COLUMNS]
    for a in universe.assets:
        w = float(weights.get(a.ticker, 0.0))
        if w <= 0:
            continue
        h = float(hedge.get(a.currency, 0.0)) if a.currency != base else 0.0
        rows.append(
            [
                safe_text(a.ticker),
                safe_text(a.name),
                safe_text(a.theme),
                a.country,
                a.currency,
                _num(w),
                _num(h),
                _num(rets.get(a.ticker, 0.0)),
                _num(vols.get(a.ticker, 0.0)),
                _num(rcs.get(a.ticker, 0.0)),
            ]
        )
    rows.append([])
    rows.append(["summary", "key", "weight"])
    for k, v in res.get("theme_weights", {}).items():
        rows.append(["theme", safe_text(k), _num(v)])
    for k, v in res.get("country_weights", {}).items():
        rows.append(["country", safe_text(k), _num(v)])
    for k, v in hedge.items():
        rows.append(["hedge_ratio", safe_text(k), _num(v)])
    label = doc.data.get("label", "")
    rows.append(["data", safe_text(label), ""])
    return rows


def export_text(doc: AllocationDocument) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows(export_rows(doc))
    return buf.getvalue()


def export_csv(doc: AllocationDocument, path: str | Path) -> None:
    atomic_write_text(path, export_text(doc))
