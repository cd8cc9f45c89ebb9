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

from allocator.text import T
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


# ----------------------------------------------------------------------------
# Rebalancing from holdings (DESIGN §12): lots to trade, chosen optimally.
@dataclass(frozen=True)
class RoundedTrades:
    shares: tuple[float, ...]  # signed share change per asset (+ buy, - sell)
    objective: float  # sum |after - target| + costs, in the base currency
    banded: bool  # True: every asset within max(one lot, min trade) of its target
    seconds: float
    status: str


#: HiGHS's optimality gaps: the objective is in fractions of the managed value,
#: so 1e-9 is a thousandth of a cent on a $1M portfolio - proven optimal.
_MIP_OPTIONS = {"mip_abs_gap": 1e-9, "mip_rel_gap": 1e-9}


def _lots_mip(hold, lotv, w, cash, rate, target_scale, min_lots_buy, min_lots_sell, lo, hi, time_limit):
    """One exact solve at fixed targets ``w * target_scale``; None when infeasible.

    Per asset the objective ``|hold + lotv*k - target| + rate*lotv*|k|`` is
    convex and piecewise linear in the lot count ``k``; written through its
    values at the integers (the two outer lines plus the chord between the
    integers around the target), the LP relaxation is the convex hull of each
    asset's choices, so the only coupling left - the cash - is a knapsack
    whose relaxation has one fractional asset, and branch and bound closes
    the gap in a few nodes.  (The plain ``dev >= |gap|`` form has a relaxation
    bound of zero and took HiGHS over 20 s at N=48.)
    """
    import cvxpy as cp
    import numpy as np

    n = len(hold)
    x = (w * target_scale - hold) / lotv  # the target in lots
    k = cp.Variable(n, integer=True)
    u = cp.Variable(n)  # |k|
    dev = cp.Variable(n)
    cons = [k >= lo, k <= hi, u >= k, u >= -k,
            dev >= cp.multiply(lotv, k - x), dev >= -cp.multiply(lotv, k - x)]
    frac = x - np.floor(x)
    inner = frac > 1e-12
    if inner.any():
        m = np.floor(x)
        # the chord through (m, f(m)) and (m+1, f(m+1)) of f(k) = lotv*|k - x|
        cons.append(dev[inner] >= cp.multiply(lotv[inner], (x - m)[inner]
                                              + cp.multiply((2 * m + 1 - 2 * x)[inner], k[inner] - m[inner])))
    C = (rate * lotv) @ u
    cons.append(cash - lotv @ k - C >= 0)
    if (min_lots_buy > 1).any() or (min_lots_sell > 1).any():
        yb = cp.Variable(n, boolean=True)
        ys = cp.Variable(n, boolean=True)
        cons += [k <= cp.multiply(np.maximum(hi, 0), yb) , k >= -cp.multiply(np.maximum(-lo, 0), ys), yb + ys <= 1,
                 k >= cp.multiply(min_lots_buy, yb) - cp.multiply(np.maximum(-lo, 0), ys),
                 k <= cp.multiply(np.maximum(hi, 0), yb) - cp.multiply(min_lots_sell, ys)]
    prob = cp.Problem(cp.Minimize(cp.sum(dev) + C), cons)
    try:
        with _quiet_stdout():
            prob.solve(solver=cp.HIGHS, time_limit=float(time_limit), **_MIP_OPTIONS)
    except cp.error.SolverError:
        return None
    if prob.status not in (cp.OPTIMAL, cp.OPTIMAL_INACCURATE) or k.value is None:
        return None
    kk = np.round(k.value)
    if cash - lotv @ kk - (rate * lotv) @ np.abs(kk) < -1e-12:
        return None
    return kk, prob.status


def round_trades(
    current_shares,
    lot,
    unit_base,
    weights,
    cash_base: float,
    cost_rate,
    min_trade: float = 0.0,
    time_limit: float = 20.0,
) -> RoundedTrades:
    """Lots to buy and sell so the holdings land closest to ``weights``.

    In fractions of the managed value ``V = sum(shares * unit) + cash``: trade
    ``k_i`` lots (integers) to minimise ``sum_i |after_i - w_i (V - C)| + C``,
    ``C`` the one-way costs of the trades, subject to cash after trades and
    costs >= 0, sells <= holdings, and each trade at least ``min_trade`` (base
    currency) or none.  Solved exactly by a small MIP (HiGHS, see
    ``_lots_mip``) for given targets; the targets' ``V - C`` uses the chosen
    trades' own costs, re-solved until they stop changing (costs move the
    targets by ``w_i * C``, a few basis points, so this settles in 2-3 solves).
    First with every asset held within ``max(one lot, min trade)`` of its
    target; when no set of lots can do that (a big lot, little cash), without
    that band.  ``unit_base`` is one share's price in the base currency.
    """
    import time

    import numpy as np

    s0 = np.asarray(current_shares, dtype=float)
    L = np.asarray(lot, dtype=float)
    u = np.asarray(unit_base, dtype=float)
    w = np.asarray(weights, dtype=float)
    rate = np.asarray(cost_rate, dtype=float)
    n = len(s0)
    V = float(s0 @ u + cash_base)
    if n == 0 or not V > 0:
        return RoundedTrades(tuple(0.0 for _ in range(n)), 0.0, True, 0.0, "nothing to trade")
    lotv = L * u / V  # one lot as a fraction of V
    hold = s0 * u / V
    cash = cash_base / V
    sell_max = np.floor(s0 / L + 1e-9)
    buy_max = np.floor((cash + hold @ np.ones(n)) / lotv + 1e-9)
    m = min_trade / V
    kmin = np.maximum(1.0, np.ceil(m / lotv - 1e-9))  # the fewest lots a trade may have

    def objective(kk):
        C = float((rate * lotv) @ np.abs(kk))
        return float(np.abs(hold + lotv * kk - w * (1.0 - C)).sum() + C), C

    t0 = time.perf_counter()
    for banded in (True, False):
        C_hat, seen, best = 0.0, [], None
        for _ in range(6):
            lo, hi = -sell_max, buy_max
            if banded:
                x = (w * (1.0 - C_hat) - hold) / lotv
                band = np.maximum(1.0, m / lotv) * (1 + 1e-9)
                lo = np.maximum(lo, np.ceil(x - band - 1e-9))
                hi = np.minimum(hi, np.floor(x + band + 1e-9))
                if np.any(lo > hi):
                    break
            out = _lots_mip(hold, lotv, w, cash, rate, 1.0 - C_hat, kmin, kmin, lo, hi, time_limit)
            if out is None:
                break
            kk, status = out
            obj, C = objective(kk)
            if best is None or obj < best[0] - 1e-15:
                best = (obj, kk, status)
            if abs(C - C_hat) < 1e-13 or any(np.array_equal(kk, s) for s in seen):
                break
            seen.append(kk)
            C_hat = C
        if best is not None:
            obj, kk, status = best
            return RoundedTrades(tuple(float(x) for x in kk * L), obj * V, banded, time.perf_counter() - t0, status)
    from allocator.errors import SolverError

    raise SolverError(T("no set of lots keeps the cash from going negative (the MIP solver found none)"))


class _quiet_stdout:
    """Silence C-level writes to stdout (HiGHS prints a debug line on some MIP paths)."""

    def __enter__(self):
        import os
        import sys

        self.saved = None
        try:
            sys.stdout.flush()
            self.fd = 1
            self.saved = os.dup(self.fd)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.fd)
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            self.saved = None
        return self

    def __exit__(self, *exc):
        import os

        if self.saved is not None:
            os.dup2(self.saved, self.fd)
            os.close(self.saved)
        return False


def minimum_capital(
    weights: Mapping[str, float],
    assets: Mapping[str, Asset],
    prices: Mapping[str, float],
    base: str,
    usdjpy: float | None = None,
    fractional: bool = False,
    min_weight: float = 5e-4,
) -> float | None:
    """The smallest capital (base currency) at which every holding is at least one tradable unit.

    A Tokyo stock trades in 100-share lots: at weight ``w`` its lot costs
    ``lot`` in the base currency, so the portfolio needs ``lot / w``; the answer
    is the largest of these.  ``None`` when no held asset has a price.
    """
    need = None
    for t, w in weights.items():
        if w < min_weight or t not in assets:
            continue
        p = prices.get(t)
        if p is None or not p > 0:
            continue
        a = assets[t]
        unit = to_base(p * lot_size(a, fractional), a.currency, base, usdjpy)
        if unit is None:
            continue
        need = max(need or 0.0, unit / w)
    return need
