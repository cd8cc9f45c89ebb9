"""The backtest's calendar: period ends and rebalance dates from trading dates.

A period is a calendar month ending on its last trading day (DESIGN §11);
a rebalance date is the last trading day of a month, quarter or year.  The
trading days are the dates on which any asset of the history traded.
"""

from __future__ import annotations

from enum import Enum

import pandas as pd

from allocator.errors import InputError
from allocator.text import T


class Rebalance(str, Enum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUALLY = "annually"

    @classmethod
    def parse(cls, value: "str | Rebalance") -> "Rebalance":
        if isinstance(value, Rebalance):
            return value
        v = str(value).strip().lower()
        v = {"m": "monthly", "q": "quarterly", "a": "annually", "y": "annually", "yearly": "annually"}.get(v, v)
        try:
            return cls(v)
        except ValueError:
            raise InputError(T("--rebalance {value} must be monthly, quarterly or annually", value=repr(value))) from None

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "annually": 12}[self.value]


def month_ends(trading_days: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """The last trading day of every month that has one."""
    days = pd.DatetimeIndex(trading_days).sort_values().unique()
    if len(days) == 0:
        return days
    s = pd.Series(days, index=days)
    return pd.DatetimeIndex(s.groupby(days.to_period("M")).max().to_numpy())


def is_rebalance_month(day: pd.Timestamp, rebalance: Rebalance) -> bool:
    """True when ``day``'s month closes a period of ``rebalance`` (Mar/Jun/Sep/Dec; Dec)."""
    return day.month % Rebalance.parse(rebalance).months == 0


def lookback_start(day: pd.Timestamp, months: int) -> pd.Timestamp:
    """First day of the trailing ``months``-month window that ends on ``day``."""
    return pd.Timestamp(day) - pd.DateOffset(months=int(months))
