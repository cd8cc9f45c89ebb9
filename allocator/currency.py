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

import numpy as np
import pandas as pd

from allocator.errors import InputError

BASES = ("USD", "JPY")

#: Editable defaults for annual short rates (decimals), roughly late-2025
#: policy-rate levels: the Fed's target range around 3.75-4.00 %, the BoJ's 0.5 %.
DEFAULT_RATES = {"USD": 0.0375, "JPY": 0.005}


def parse_base(value: str) -> str:
    v = str(value).upper()
    if v not in BASES:
        raise InputError(f"base currency {value!r} must be USD or JPY")
    return v


def foreign_currency(base: str) -> str:
    return "JPY" if parse_base(base) == "USD" else "USD"


@dataclass(frozen=True)
class Rates:
    """Annual short rates per currency, and optionally their monthly history.

    ``history`` has a monthly ``DatetimeIndex`` (first day of the month) and
    columns ``USD`` and ``JPY`` in decimals; when given, historical hedged
    returns use the rates of each period's month.
    """

    current: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_RATES))
    history: pd.DataFrame | None = None

    def rate(self, ccy: str) -> float:
        return float(self.current.get(ccy, 0.0))

    def carry(self, base: str, foreign: str) -> float:
        """Annual carry of hedging ``foreign`` back into ``base``: ``i_B - i_c``."""
        return self.rate(base) - self.rate(foreign)

    def carry_per_period(self, index: pd.DatetimeIndex, base: str, foreign: str, periods_per_year: int) -> pd.Series:
        """Carry earned over each return period ending at ``index`` (CIP, exact form)."""
        dt = 1.0 / periods_per_year
        if self.history is not None and {base, foreign} <= set(self.history.columns):
            h = self.history.sort_index()
            # The rate in force for a period is the latest monthly value at or before its end.
            ib = h[base].reindex(index, method="ffill").fillna(self.rate(base)).to_numpy()
            ic = h[foreign].reindex(index, method="ffill").fillna(self.rate(foreign)).to_numpy()
        else:
            ib = np.full(len(index), self.rate(base))
            ic = np.full(len(index), self.rate(foreign))
        return pd.Series((1 + ib * dt) / (1 + ic * dt) - 1.0, index=index)


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
        raise InputError("USD/JPY (JPY=X) prices are needed to translate returns into " + base)
    f = currency_return(fx_jpy, base).reindex(local.index)
    out = local.copy()
    for col, is_foreign in zip(local.columns, foreign):
        if is_foreign:
            out[col] = (1.0 + local[col]) * (1.0 + f) - 1.0
    return out
