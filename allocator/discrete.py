"""Share counts: turn weights and a capital amount into orders a broker accepts.

Tokyo stocks trade in 100-share lots (tangen), US shares whole (or, as an
option, fractional to 1/10,000 of a share).  Each position is rounded down to
its lot, then the leftover cash buys, one lot at a time, whichever position
is furthest below its target while a lot still brings it closer (the lot that
most reduces the squared shortfall), so no position overshoots its target by
more than half a lot and the cash never goes negative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

from allocator.universe import Asset

#: Tokyo Stock Exchange trading unit for domestic stocks since 2018.
TOKYO_LOT = 100
#: Step for fractional US shares.
FRACTIONAL_STEP = 0.0001


def lot_size(asset: Asset, fractional: bool = False) -> float:
    """Shares per tradable unit of ``asset``."""
    if asset.country == "JP":
        # Tokyo ETFs trade in units of 1 or 10 depending on the fund; 1 is the
        # smallest and always a multiple the broker accepts for 1-unit funds.
        return TOKYO_LOT if asset.kind == "stock" else 1
    return FRACTIONAL_STEP if fractional else 1


def to_base(amount: float, currency: str, base: str, usdjpy: float | None) -> float | None:
    """Convert ``amount`` in ``currency`` to ``base`` with USD/JPY in yen per dollar."""
    if currency == base:
        return amount
    if usdjpy is None or not usdjpy > 0:
        return None
    if base == "USD" and currency == "JPY":
        return amount / usdjpy
    if base == "JPY" and currency == "USD":
        return amount * usdjpy
    return None


@dataclass(frozen=True)
class Position:
    ticker: str
    currency: str
    weight: float
    target_base: float  # weight x capital
    price: float | None  # one share, in the asset's currency
    lot: float
    shares: float | None  # None when there is no price to size it
    local_amount: float | None  # shares x price (or the target, unpriced), asset's currency
    base_amount: float  # cost of the shares in the base currency (the target when unpriced)

    @property
    def priced(self) -> bool:
        return self.shares is not None


@dataclass(frozen=True)
class DiscreteAllocation:
    base: str
    capital: float
    positions: tuple[Position, ...]
    usdjpy: float | None
    fractional: bool

    @property
    def invested(self) -> float:
        return math.fsum(p.base_amount for p in self.positions)

    @property
    def leftover(self) -> float:
        """Cash not spent (never negative)."""
        return max(0.0, self.capital - self.invested)

    def by_ticker(self) -> dict[str, Position]:
        return {p.ticker: p for p in self.positions}


def allocate_shares(
    weights: Mapping[str, float],
    assets: Mapping[str, Asset],
    prices: Mapping[str, float],
    base: str,
    capital: float,
    usdjpy: float | None = None,
    fractional: bool = False,
) -> DiscreteAllocation:
    """Share counts for ``capital`` (base currency) split by ``weights``.

    Assets without a usable price (or without the FX rate their currency
    needs) are not sized: their target amount is reported but no shares.
    """
    held = [(t, w) for t, w in weights.items() if w > 0]
    targets = {t: w * capital for t, w in held}
    lot_cost: dict[str, float] = {}
    lots: dict[str, float] = {}
    for t, _ in held:
        a = assets[t]
        lots[t] = lot_size(a, fractional)
        p = prices.get(t)
        if p is not None and p > 0:
            unit = to_base(p * lots[t], a.currency, base, usdjpy)
            if unit is not None and unit > 0:
                lot_cost[t] = unit
    units = {t: math.floor(targets[t] / c + 1e-9) for t, c in lot_cost.items()}
    spent = math.fsum(units[t] * c for t, c in lot_cost.items())
    unpriced_total = math.fsum(targets[t] for t, _ in held if t not in lot_cost)
    cash = capital - unpriced_total - spent
    for _ in range(4 * len(lot_cost) + 4):  # each asset gains at most one extra lot
        best, best_gain = None, 0.0
        for t, c in lot_cost.items():
            if c > cash + 1e-9:
                continue
            shortfall = targets[t] - units[t] * c
            gain = c * (2 * shortfall - c)  # reduction of the squared shortfall
            if gain > best_gain + 1e-12:
                best, best_gain = t, gain
        if best is None:
            break
        units[best] += 1
        cash -= lot_cost[best]
    positions = []
    for t, w in held:
        a = assets[t]
        price = prices.get(t)
        if t in lot_cost:
            shares = units[t] * lots[t]
            shares = round(shares, 4) if lots[t] < 1 else int(round(shares))
            local = shares * float(price)
            base_amt = to_base(local, a.currency, base, usdjpy)
            positions.append(Position(t, a.currency, w, targets[t], float(price), lots[t], shares, local, float(base_amt)))
        else:
            local = _from_base(targets[t], a.currency, base, usdjpy)
            positions.append(
                Position(t, a.currency, w, targets[t], float(price) if price else None, lots[t], None, local, targets[t])
            )
    return DiscreteAllocation(base, float(capital), tuple(positions), usdjpy, fractional)


def _from_base(amount: float, currency: str, base: str, usdjpy: float | None) -> float | None:
    if currency == base:
        return amount
    if usdjpy is None or not usdjpy > 0:
        return None
    return amount * usdjpy if base == "USD" else amount / usdjpy
