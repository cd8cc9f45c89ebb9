"""What the user asks of the optimiser: objective, constraints, hedge.

Plain frozen values, validated where they are built (``validate``) with
messages that name the setting and the fix.  Weights are fractions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Mapping

from allocator.costs import Costs, parse_costs
from allocator.errors import InputError
from allocator.text import T


class Objective(str, Enum):
    MAX_SHARPE = "max-sharpe"
    MIN_VARIANCE = "min-variance"
    TARGET_RETURN = "target-return"
    TARGET_VOL = "target-vol"
    MAX_UTILITY = "max-utility"
    MAX_RETURN = "max-return"  # internal: the frontier's top end

    @classmethod
    def parse(cls, value: "str | Objective") -> "Objective":
        if isinstance(value, Objective):
            return value
        try:
            obj = cls(str(value).lower().replace("_", "-"))
        except ValueError:
            obj = None
        if obj is None or obj is cls.MAX_RETURN:
            choices = "max-sharpe, min-variance, target-return, target-vol, max-utility"
            raise InputError(T("objective {value} must be one of {choices}", value=repr(value), choices=choices))
        return obj

    @property
    def label(self) -> str:
        return {
            "max-sharpe": "Max Sharpe",
            "min-variance": "Min variance",
            "target-return": "Target return",
            "target-vol": "Target volatility",
            "max-utility": "Max utility",
            "max-return": "Max return",
        }[self.value]


def _fraction(value: Any, what: str, lo: float = 0.0, hi: float = 1.0) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InputError(T("{what} must be a number, got {value}", what=what, value=repr(value))) from None
    if not math.isfinite(v) or v < lo or v > hi:
        raise InputError(
            T(
                "{what} must be between {lo} and {hi} (a fraction: 0.25 means 25%), got {value}",
                what=what,
                lo=f"{lo:g}",
                hi=f"{hi:g}",
                value=str(value),
            )
        )
    return v


def _annual(value: Any, what: str, limit: float, example: str) -> float:
    """An annual fraction within +/- ``limit``, or an InputError naming ``what``."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InputError(T("{what} must be a number, got {value}", what=what, value=repr(value))) from None
    if not math.isfinite(v) or abs(v) > limit:
        raise InputError(
            T("{what} {value} is out of range (annual fraction, e.g. {example})", what=what, value=str(value), example=example)
        )
    return v


@dataclass(frozen=True)
class HedgeSetting:
    """Hedge ratio of foreign-currency exposure: fixed (lo == hi) or a band."""

    lo: float = 0.0
    hi: float = 0.0

    @property
    def is_fixed(self) -> bool:
        return self.lo == self.hi

    @property
    def is_optimal(self) -> bool:
        return self.lo == 0.0 and self.hi == 1.0

    @classmethod
    def fixed(cls, h: float) -> "HedgeSetting":
        h = _fraction(h, T("hedge ratio"))
        return cls(h, h)

    @classmethod
    def optimal(cls) -> "HedgeSetting":
        return cls(0.0, 1.0)

    @classmethod
    def parse(cls, text: "str | float | HedgeSetting") -> "HedgeSetting":
        if isinstance(text, HedgeSetting):
            return text
        if isinstance(text, (int, float)):
            return cls.fixed(text)
        s = str(text).strip().lower()
        if s == "optimal":
            return cls.optimal()
        if ":" in s:
            lo_s, hi_s = s.split(":", 1)
            lo = _fraction(lo_s, T("hedge band lower end"))
            hi = _fraction(hi_s, T("hedge band upper end"))
            if lo > hi:
                raise InputError(T("hedge band {text}: the lower end is above the upper end", text=repr(text)))
            return cls(lo, hi)
        return cls.fixed(s)

    def to_text(self) -> str:
        if self.is_optimal:
            return "optimal"
        if self.is_fixed:
            return f"{self.lo:g}"
        return f"{self.lo:g}:{self.hi:g}"


@dataclass(frozen=True)
class Constraints:
    theme_targets: Mapping[str, float] = field(default_factory=dict)
    theme_tolerance: float = 0.0
    max_weight: float = 1.0
    country_bounds: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    hedge: HedgeSetting = field(default_factory=HedgeSetting)

    def theme_band(self, key: str) -> tuple[float, float]:
        """(lo, hi) for a theme: its target +/- tolerance, or (0, 1) when free."""
        if key not in self.theme_targets:
            return 0.0, 1.0
        t = self.theme_targets[key]
        return max(0.0, t - self.theme_tolerance), min(1.0, t + self.theme_tolerance)

    def country_band(self, country: str) -> tuple[float, float]:
        return tuple(self.country_bounds.get(country, (0.0, 1.0)))  # type: ignore[return-value]

    def validate(self) -> "Constraints":
        targets = {str(k): _fraction(v, T("theme target {theme}", theme=k)) for k, v in self.theme_targets.items()}
        tol = _fraction(self.theme_tolerance, T("theme tolerance"))
        cap = _fraction(self.max_weight, T("max weight"))
        if cap <= 0:
            raise InputError(T("max weight must be above 0"))
        bounds = {}
        for c, band in self.country_bounds.items():
            try:
                lo, hi = band
            except (TypeError, ValueError):
                raise InputError(T("country bound {country} must be LO:HI", country=c)) from None
            lo = _fraction(lo, T("country {country} lower bound", country=c))
            hi = _fraction(hi, T("country {country} upper bound", country=c))
            if lo > hi:
                raise InputError(
                    T(
                        "country bound {country}={lo}:{hi}: the lower bound is above the upper bound",
                        country=c,
                        lo=f"{lo:g}",
                        hi=f"{hi:g}",
                    )
                )
            bounds[str(c).upper()] = (lo, hi)
        return replace(self, theme_targets=targets, theme_tolerance=tol, max_weight=cap, country_bounds=bounds)


@dataclass(frozen=True)
class Trading:
    """Where the portfolio starts and what moving costs (DESIGN §12).

    ``current`` holds the current weights (fractions of the managed value:
    universe holdings plus cash, so they may sum to less than one); every
    objective then pays ``costs`` (one-way, per market) on ``|w - current|``,
    and ``max_turnover`` (traded value / portfolio value, ``sum |w - current|``)
    caps the total trade when given.
    """

    current: Mapping[str, float] = field(default_factory=dict)
    costs: Costs = field(default_factory=Costs)
    max_turnover: float | None = None

    def validate(self) -> "Trading":
        current = {}
        for t, v in self.current.items():
            w = _fraction(v, T("current weight of {ticker}", ticker=t))
            current[str(t)] = w
        total = math.fsum(current.values())
        if total > 1 + 1e-6:
            raise InputError(T("current weights sum to {total}, more than the whole portfolio", total=f"{100 * total:.2f}%"))
        turnover = self.max_turnover
        if turnover is not None:
            turnover = _fraction(turnover, T("max turnover"), 0.0, 2.0)
        return replace(self, current=current, costs=parse_costs(self.costs), max_turnover=turnover)


@dataclass(frozen=True)
class OptimizationSettings:
    objective: Objective = Objective.MAX_SHARPE
    target: float | None = None  # annual return or volatility, for target-*
    risk_aversion: float = 3.0  # for max-utility
    constraints: Constraints = field(default_factory=Constraints)
    rf: float | None = None  # None: the base currency's short rate
    trading: Trading | None = None  # from holdings: costs and turnover of getting there

    def validate(self) -> "OptimizationSettings":
        obj = Objective.parse(self.objective)
        target = self.target
        if obj in (Objective.TARGET_RETURN, Objective.TARGET_VOL):
            if target is None:
                raise InputError(T("--objective {objective} needs --target (an annual fraction, e.g. 0.12)", objective=obj.value))
            target = _annual(target, T("target"), 10, T("0.12 for 12%"))
            if obj is Objective.TARGET_VOL and target <= 0:
                raise InputError(T("target volatility must be above 0"))
        try:
            gamma = float(self.risk_aversion)
        except (TypeError, ValueError):
            raise InputError(T("risk aversion must be a number, got {value}", value=repr(self.risk_aversion))) from None
        if not math.isfinite(gamma) or gamma <= 0 or gamma > 1e4:
            raise InputError(T("risk aversion must be a positive number (typical: 1 to 10)"))
        rf = self.rf
        if rf is not None:
            rf = _annual(rf, T("risk-free rate"), 1, "0.04")
        trading = self.trading.validate() if self.trading is not None else None
        return replace(
            self, objective=obj, target=target, risk_aversion=gamma, rf=rf, constraints=self.constraints.validate(),
            trading=trading,
        )
