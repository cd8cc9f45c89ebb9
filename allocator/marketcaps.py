"""Approximate market capitalisations for the market-cap reference portfolio (DESIGN §10).

Bundled figures live in ``resources/universe.toml`` (``[market_caps]``: as-of
date, USD/JPY of that date, one value and currency per default asset; ETFs
count their assets under management).  ``allocator fetch`` stores fresher
figures from Yahoo in ``market_caps.json`` in the user cache folder; those win
over the bundled ones.  Values are converted to the base currency with the
latest real USD/JPY of the price data (the bundled rate for simulated data or
an assumptions file).  An asset with no figure (a user-added ticker before its
first fetch) gets the average capitalisation of the rest of its theme, i.e.
equal weight inside the theme, and a note says so.
"""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from allocator.bundled import resource
from allocator.text import T


CACHE_FILE = "market_caps.json"


@dataclass(frozen=True)
class MarketCap:
    value: float  # in ``currency``
    currency: str  # "USD" | "JPY"
    as_of: str  # ISO date
    source: str  # "bundled (approximate)" | "Yahoo Finance"


@dataclass(frozen=True)
class CapTable:
    caps: Mapping[str, MarketCap]
    usdjpy: float  # yen per dollar on the bundled as-of date
    as_of: str


_BUNDLED: CapTable | None = None


def bundled_caps() -> CapTable:
    global _BUNDLED
    if _BUNDLED is None:
        data = tomllib.loads(resource("universe.toml").read_text(encoding="utf-8")).get("market_caps", {})
        as_of = str(data.get("as_of", ""))
        caps = {
            str(t): MarketCap(float(v["value"]), str(v["currency"]), as_of, "bundled (approximate)")
            for t, v in (data.get("values") or {}).items()
        }
        _BUNDLED = CapTable(caps, float(data.get("usdjpy", 150.0)), as_of)
    return _BUNDLED


def _cache_path() -> Path:
    from allocator.userdata import cache_dir

    return cache_dir() / CACHE_FILE


def fetched_caps() -> dict[str, MarketCap]:
    """Figures stored by the last fetch (empty when none or unreadable)."""
    path = _cache_path()
    try:
        if not path.is_file() or path.stat().st_size > 2**20:
            return {}
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    out = {}
    for t, v in (raw.get("caps") or {}).items() if isinstance(raw, dict) else ():
        try:
            value, ccy = float(v["value"]), str(v["currency"])
        except (TypeError, KeyError, ValueError):
            continue
        if math.isfinite(value) and value > 0 and ccy in ("USD", "JPY"):
            out[str(t)] = MarketCap(value, ccy, str(v.get("as_of", "")), "Yahoo Finance")
    return out


def store_fetched_caps(new: Mapping[str, MarketCap]) -> None:
    """Merge ``new`` into the user cache's figures (atomic write)."""
    if not new:
        return
    from allocator.atomic import write_atomic

    merged = {**fetched_caps(), **new}
    payload = {
        "format": "allocator.market_caps",
        "caps": {t: {"value": c.value, "currency": c.currency, "as_of": c.as_of} for t, c in sorted(merged.items())},
    }
    path = _cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (json.dumps(payload, indent=1) + "\n").encode("utf-8"))


def all_caps() -> dict[str, MarketCap]:
    return {**bundled_caps().caps, **fetched_caps()}


def to_base(cap: MarketCap, base: str, usdjpy: float) -> float:
    if cap.currency == base:
        return cap.value
    if cap.currency == "JPY" and base == "USD":
        return cap.value / usdjpy
    return cap.value * usdjpy  # USD in JPY


def market_cap_weights(
    tickers: Sequence[str],
    themes_of: Sequence[str],
    base: str,
    usdjpy: float | None = None,
    caps: Mapping[str, MarketCap] | None = None,
) -> tuple[np.ndarray, list[str]]:
    """Market-cap weights in ``base`` and notes (which rate, which assets had no figure)."""
    table = bundled_caps()
    caps = all_caps() if caps is None else caps
    rate = float(usdjpy) if usdjpy and math.isfinite(usdjpy) and usdjpy > 0 else table.usdjpy
    values = np.array([to_base(caps[t], base, rate) if t in caps else np.nan for t in tickers])
    notes = []
    missing = [t for t, v in zip(tickers, values) if not np.isfinite(v)]
    if missing:
        themes_of = list(themes_of)
        overall = np.nanmean(values) if np.isfinite(values).any() else 1.0
        for i, t in enumerate(tickers):
            if np.isfinite(values[i]):
                continue
            same = [values[j] for j in range(len(tickers)) if themes_of[j] == themes_of[i] and np.isfinite(values[j])]
            values[i] = float(np.mean(same)) if same else overall
        notes.append(
            f"no market capitalisation yet for {', '.join(missing)}: equal weight inside "
            f"{'its' if len(missing) == 1 else 'their'} theme until a fetch finds one"
        )
    def _source(cap: MarketCap):
        src = T("bundled (approximate)") if cap.source == "bundled (approximate)" else cap.source
        return T("{source} as of {date}", source=src, date=cap.as_of) if cap.as_of else src

    sources = sorted({_source(caps[t]) for t in tickers if t in caps})
    if sources:
        joined = sources[0]
        for part in sources[1:]:
            joined = T("{a}; {b}", a=joined, b=part)
        notes.append(T("market capitalisations: {sources}; USD/JPY {rate}", sources=joined, rate=f"{rate:.1f}"))
    return values / values.sum(), notes
