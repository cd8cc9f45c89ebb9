"""Trading costs per market, in basis points of traded value (one-way).

One parser for every command that charges costs (``optimize --costs``,
``rebalance --costs``, ``backtest --costs``): ``"10"`` charges 10 bps on both
markets, ``"US=5,JP=10"`` gives each market its own figure.  A cost is
one-way: buying 1,000 and later selling it costs twice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from allocator.errors import InputError
from allocator.text import T
from allocator.universe import COUNTRIES

#: The largest one-way cost accepted: 100% of the traded value.  Beyond it a
#: trade would cost more than it moves, which is never a real market.
MAX_BPS = 10_000.0


@dataclass(frozen=True)
class Costs:
    """One-way trading costs in basis points, per country (``US``, ``JP``)."""

    US: float = 0.0
    JP: float = 0.0

    def __post_init__(self):
        for country in COUNTRIES:
            _check_bps(getattr(self, country), f"costs {country}")

    @classmethod
    def flat(cls, bps: float) -> "Costs":
        return cls(**{c: float(bps) for c in COUNTRIES})

    def bps(self, country: str) -> float:
        """Basis points for ``country`` (``US`` or ``JP``)."""
        if country not in COUNTRIES:
            raise InputError(T("{what}: unknown market {market} (use {markets})", what="costs", market=repr(country), markets=", ".join(COUNTRIES)))
        return float(getattr(self, country))

    def rate(self, country: str) -> float:
        """The one-way cost as a fraction of traded value (10 bps -> 0.001)."""
        return self.bps(country) / 10_000.0

    @property
    def is_zero(self) -> bool:
        return all(self.bps(c) == 0.0 for c in COUNTRIES)

    def to_json(self) -> dict[str, float]:
        return {c: self.bps(c) for c in COUNTRIES}

    @classmethod
    def from_json(cls, data: Any, what: str = "costs") -> "Costs":
        """From ``{"US": bps, "JP": bps}`` (both required) or a single number."""
        if isinstance(data, bool):
            raise InputError(T("{what} must be basis points or {form}, got {value}", what=what, form="{US: bps, JP: bps}", value=repr(data)))
        if isinstance(data, (int, float)):
            return cls.flat(_check_bps(data, what))
        if not isinstance(data, Mapping):
            raise InputError(T("{what} must be basis points or {form}, got {value}", what=what, form="{US: bps, JP: bps}", value=repr(data)))
        unknown = sorted(set(map(str, data)) - set(COUNTRIES))
        if unknown:
            raise InputError(T("{what}: unknown market {market} (use {markets})", what=what, market=repr(unknown[0]), markets=", ".join(COUNTRIES)))
        missing = [c for c in COUNTRIES if c not in data]
        if missing:
            raise InputError(T("{what}: missing {market} (give both markets, e.g. US=5,JP=10)", what=what, market=missing[0]))
        values = {}
        for c in COUNTRIES:
            if isinstance(data[c], bool) or not isinstance(data[c], (int, float)):
                raise InputError(T("{what} must be a number of basis points, got {value}", what=f"{what}.{c}", value=repr(data[c])))
            values[c] = _check_bps(data[c], f"{what}.{c}")
        return cls(**values)

    def label(self) -> str:
        """``10 bps`` when both markets agree, else ``US 5 bps, JP 10 bps``."""
        if self.US == self.JP:
            return f"{self.US:g} bps"
        return ", ".join(f"{c} {self.bps(c):g} bps" for c in COUNTRIES)


def _check_bps(value: Any, what: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InputError(T("{what} must be a number of basis points, got {value}", what=what, value=repr(value))) from None
    if not math.isfinite(v) or v < 0 or v > MAX_BPS:
        raise InputError(
            T("{what} must be between 0 and {most} basis points (one-way; 10 means 0.1%), got {value}",
              what=what, most=f"{MAX_BPS:g}", value=value)
        )
    return v


def parse_costs(text: "str | float | int | Costs | None") -> Costs:
    """Parse ``"10"`` (both markets) or ``"US=5,JP=10"`` into :class:`Costs`.

    ``None`` and ``""`` mean no costs.  A trailing ``bp``/``bps`` is allowed.
    Market names are case-insensitive; every market must be given once when
    naming them.  Errors are :class:`InputError` quoting the bad part.
    """
    if text is None:
        return Costs()
    if isinstance(text, Costs):
        return text
    if isinstance(text, bool):
        raise InputError(T("--costs must be basis points, e.g. 10 or US=5,JP=10, got {value}", value=repr(text)))
    if isinstance(text, (int, float)):
        return Costs.flat(_check_bps(text, "--costs"))
    s = str(text).strip()
    if not s:
        return Costs()
    if "=" not in s:
        return Costs.flat(_check_bps(_strip_unit(s), "--costs"))
    values: dict[str, float] = {}
    for part in s.split(","):
        part = part.strip()
        if not part:
            raise InputError(T("--costs {text}: empty entry (write US=5,JP=10)", text=repr(s)))
        key, sep, val = part.partition("=")
        key = key.strip().upper()
        if not sep or not key:
            raise InputError(T("--costs {text}: {part} must be MARKET=BPS (e.g. US=5,JP=10)", text=repr(s), part=repr(part)))
        if key not in COUNTRIES:
            raise InputError(T("{what}: unknown market {market} (use {markets})", what=f"--costs {s!r}", market=repr(key), markets=", ".join(COUNTRIES)))
        if key in values:
            raise InputError(T("--costs {text}: {market} is given twice", text=repr(s), market=key))
        values[key] = _check_bps(_strip_unit(val), f"--costs {key}")
    missing = [c for c in COUNTRIES if c not in values]
    if missing:
        raise InputError(T("--costs {text}: missing {market} (give both markets, e.g. US=5,JP=10, or one number for both)", text=repr(s), market=missing[0]))
    return Costs(**values)


def _strip_unit(s: str) -> str:
    s = s.strip()
    low = s.lower()
    for unit in ("bps", "bp"):
        if low.endswith(unit):
            return s[: -len(unit)].strip()
    return s
