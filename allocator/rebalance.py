"""From what you hold to a target allocation: the trade list (DESIGN §12).

``plan_rebalance`` values the holdings at the target file's prices (the
latest close of each asset, with the USD/JPY rate stored beside them; a
ticker the file has no price for is looked up in the file's price source),
then ``discrete.round_trades`` picks the lots: Tokyo stocks in 100-share
lots, US stocks in whole shares, the holdings landing closest to the target
after costs, cash never below zero, sells never beyond holdings, no trade
under ``min_trade``.  The result carries everything TRADES.csv shows: each
trade, the cash left per currency, the USD<->JPY conversion the trades need,
the change of the hedge notional, costs and turnover.

Weights here are fractions of the *managed* value: the universe holdings
plus cash.  Holdings outside the target's universe ("other") are listed and
kept, never traded, and stay outside that value.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from allocator.costs import Costs
from allocator.discrete import lot_size, round_trades, to_base
from allocator.errors import DataError, InputError
from allocator.holdings import Holdings, Valuation, value_holdings
from allocator.text import T

TRADE_COLUMNS = [
    "ticker", "name", "currency", "side", "shares", "price", "local_amount", "base_amount", "cost",
    "weight_before", "weight_after", "weight_target",
]
SUMMARY_COLUMNS = ["summary", "currency", "local_amount", "base_amount"]
_OTHER_CCY = {"USD": "JPY", "JPY": "USD"}


@dataclass(frozen=True)
class Trade:
    ticker: str
    name: str
    currency: str
    side: str  # buy | sell | hold | other (outside the universe: kept, not traded)
    shares: float  # traded shares (>= 0; the side says which way; 0 for hold and other)
    price: float | None  # one share, own currency
    local_amount: float | None  # traded value in the own currency (>= 0)
    base_amount: float | None
    cost: float  # base currency
    shares_before: float
    shares_after: float
    weight_before: float | None
    weight_after: float | None
    weight_target: float | None
    lot: float = 1.0


@dataclass(frozen=True)
class TradeList:
    base: str
    usdjpy: float | None
    trades: tuple[Trade, ...]
    cash_before: Mapping[str, float]  # local amounts per currency
    cash_after: Mapping[str, float]  # after trades, costs and the conversion
    conversion: tuple[str, str, float, float] | None  # (from, to, amount sold, amount bought)
    hedge: Mapping[str, tuple[float, float]]  # foreign ccy -> (notional before, after), in that ccy
    hedge_ratios: Mapping[str, float]
    costs: Costs
    total_cost: float  # base currency
    turnover: float  # traded value / managed value before
    value_before: float  # managed value, base currency
    value_after: float
    other_value: float
    banded: bool  # every asset within one lot (or the minimum trade) of its target
    notes: tuple[str, ...] = field(default=())

    def by_ticker(self) -> dict[str, Trade]:
        return {t.ticker: t for t in self.trades}

    @property
    def orders(self) -> list[Trade]:
        return [t for t in self.trades if t.side in ("buy", "sell")]


def _conv(amount: float, ccy: str, to: str, usdjpy: float | None) -> float:
    if ccy == to:
        return amount
    v = to_base(amount, ccy, to, usdjpy)
    if v is None:
        raise DataError(T("no USD/JPY rate to convert {ccy} to {to}", ccy=ccy, to=to))
    return v


def plan_rebalance(
    universe,
    weights: Mapping[str, float],
    hedge_ratios: Mapping[str, float],
    holdings: Holdings,
    prices: Mapping[str, float],
    base: str,
    usdjpy: float | None,
    costs: Costs | None = None,
    min_trade: float = 0.0,
    hedge_held: Mapping[str, float] | None = None,
) -> TradeList:
    """The trade list taking ``holdings`` to ``weights`` (fractions, universe tickers)."""
    costs = costs or Costs()
    if not (math.isfinite(min_trade) and min_trade >= 0):
        raise InputError(T("--min-trade must be an amount of at least 0 in {base}, got {value}", base=base, value=min_trade))
    unknown = [t for t in weights if t not in universe]
    if unknown:
        raise InputError(T("the target names {ticker}, which is not in its universe", ticker=unknown[0]))
    val: Valuation = value_holdings(holdings, universe, prices, base, usdjpy)
    tickers = [t for t in universe.tickers if weights.get(t, 0.0) > 0 or holdings.positions.get(t, 0.0) > 0]
    for t in tickers:
        p = prices.get(t)
        if p is None or not p > 0:
            raise DataError(T("no price for {ticker}: cannot size its trade (fetch prices or use --data)", ticker=t))
        if to_base(1.0, universe.asset(t).currency, base, usdjpy) is None:
            raise DataError(T("no USD/JPY rate to price {ticker} in {base}", ticker=t, base=base))
    V = val.managed
    if not V > 0:
        raise InputError(T("the holdings and cash are worth nothing: give --cash or a holdings file with positions"))
    assets = [universe.asset(t) for t in tickers]
    s0 = np.array([float(holdings.positions.get(t, 0.0)) for t in tickers])
    lots = np.array([float(lot_size(a)) for a in assets])
    unit = np.array([_conv(float(prices[a.ticker]), a.currency, base, usdjpy) for a in assets])
    w = np.array([float(weights.get(t, 0.0)) for t in tickers])
    total_w = float(w.sum())
    if total_w > 1 + 1e-6:
        raise InputError(T("the target weights sum to {pct}", pct=f"{100 * total_w:.2f}%"))
    rate = np.array([costs.rate(a.country) for a in assets])
    rt = round_trades(s0, lots, unit, w, val.cash_total, rate, min_trade)
    dshares = np.array(rt.shares)
    s1 = s0 + dshares
    traded_base = np.abs(dshares) * unit
    cost_base = rate * traded_base
    total_cost = float(math.fsum(cost_base))
    V1 = V - total_cost
    notes: list[str] = []
    if not rt.banded:
        notes.append(T(
            "no set of whole lots keeps every asset within one lot of its target with this cash; "
            "the closest set is shown"
        ))
    # Cash per currency: trades settle in their own currency, costs too.
    cash = {c: float(holdings.cash.get(c, 0.0)) for c in ("USD", "JPY")}
    cash_before = dict(cash)
    for a, d, p, cb in zip(assets, dshares, (float(prices[a.ticker]) for a in assets), cost_base):
        local = d * p
        cost_local = _conv(float(cb), base, a.currency, usdjpy) if cb else 0.0
        cash[a.currency] -= local + cost_local
    conversion = None
    for ccy in ("USD", "JPY"):
        if cash[ccy] < 0:
            other = _OTHER_CCY[ccy]
            need = -cash[ccy]
            sell = _conv(need, ccy, other, usdjpy)
            conversion = (other, ccy, sell, need)
            cash[other] -= sell
            cash[ccy] = 0.0
    tol = 1e-9 * max(V, 1.0)
    for ccy in cash:
        if -tol * (usdjpy or 1.0) < cash[ccy] < 0:
            cash[ccy] = 0.0  # float dust
        if cash[ccy] < 0:
            raise DataError(T("the trades would leave {ccy} cash negative ({amount}); this is a bug",
                              ccy=ccy, amount=f"{cash[ccy]:.2f}"))
    # Hedge: the target ratio on the foreign exposure after the trades.
    hedge = {}
    for ccy, ratio in hedge_ratios.items():
        exposure = math.fsum(s * float(prices[a.ticker]) for a, s in zip(assets, s1) if a.currency == ccy)
        before = float((hedge_held or {}).get(ccy, 0.0))
        hedge[ccy] = (before, float(ratio) * exposure)
    trades: list[Trade] = []
    for i, (t, a) in enumerate(zip(tickers, assets)):
        d = float(dshares[i])
        side = "buy" if d > 0 else "sell" if d < 0 else "hold"
        p = float(prices[t])
        trades.append(
            Trade(
                t, a.name, a.currency, side, _share_num(abs(d)), p,
                abs(d) * p, float(traded_base[i]), float(cost_base[i]),
                _share_num(s0[i]), _share_num(s1[i]),
                float(s0[i] * unit[i] / V), float(s1[i] * unit[i] / V1) if V1 > 0 else 0.0, float(w[i]),
                float(lots[i]),
            )
        )
    for ln in val.lines:
        if not ln.in_universe:
            trades.append(
                Trade(ln.ticker, "", ln.currency or "", "other", 0, ln.price, 0.0, 0.0, 0.0,
                      _share_num(ln.shares), _share_num(ln.shares), None, None, None, ln.lot)
            )
    order = {"sell": 0, "buy": 1, "hold": 2, "other": 3}
    trades.sort(key=lambda x: (order[x.side], -(x.base_amount or 0.0) if x.side != "hold" else 0.0))
    if val.other:
        notes.append(T("Kept as other (not in the target's universe, not traded): {tickers}.", tickers=", ".join(val.other)))
    return TradeList(
        base, usdjpy, tuple(trades), cash_before, cash, conversion, hedge, dict(hedge_ratios), costs,
        total_cost, float(traded_base.sum() / V), V, V1, val.other_value, rt.banded, tuple(notes),
    )


def _share_num(x: float) -> float | int:
    x = float(x)
    r = round(x)
    return int(r) if abs(x - r) < 1e-9 else round(x, 4)


# ----------------------------------------------------------------------------
def _num(x: Any) -> str:
    if x is None:
        return ""
    v = float(x)
    if not math.isfinite(v):
        return ""
    if v == 0:
        v = 0.0  # no "-0.0"
    return repr(v)


def _shares_text(x: Any) -> str:
    if x is None:
        return ""
    return str(x) if isinstance(x, int) else _num(x)


def trade_rows(tl: TradeList) -> list[list[str]]:
    """TRADES.csv: one row per ticker with a trade or a holding, an empty line, summary rows."""
    from allocator.export import safe_text

    rows = [list(TRADE_COLUMNS)]
    for t in tl.trades:
        rows.append([
            safe_text(t.ticker), safe_text(t.name), t.currency, t.side, _shares_text(t.shares), _num(t.price),
            _num(t.local_amount), _num(t.base_amount), _num(t.cost),
            _num(t.weight_before), _num(t.weight_after), _num(t.weight_target),
        ])
    rows.append([])
    rows.append(list(SUMMARY_COLUMNS))
    base = tl.base
    rows.append(["value_before", base, _num(tl.value_before), _num(tl.value_before)])
    for c, v in tl.cash_before.items():
        rows.append(["cash_before", c, _num(v), _num(_conv(v, c, base, tl.usdjpy) if v else 0.0)])
    if tl.conversion is not None:
        src, dst, sold, bought = tl.conversion
        rows.append([f"conversion_sell_{src}", src, _num(-sold), _num(-_conv(sold, src, base, tl.usdjpy))])
        rows.append([f"conversion_buy_{dst}", dst, _num(bought), _num(_conv(bought, dst, base, tl.usdjpy))])
    else:
        rows.append(["conversion", "", "0.0", "0.0"])
    for c, v in tl.cash_after.items():
        rows.append(["cash_after", c, _num(v), _num(_conv(v, c, base, tl.usdjpy) if v else 0.0)])
    for c, (before, after) in tl.hedge.items():
        rows.append(["hedge_notional_before", c, _num(before), _num(_conv(before, c, base, tl.usdjpy))])
        rows.append(["hedge_notional_after", c, _num(after), _num(_conv(after, c, base, tl.usdjpy))])
        change = after - before
        rows.append(["hedge_notional_change", c, _num(change), _num(_conv(change, c, base, tl.usdjpy))])
    rows.append(["total_cost", base, _num(tl.total_cost), _num(tl.total_cost)])
    rows.append(["turnover", "", _num(tl.turnover), ""])
    rows.append(["value_after", base, _num(tl.value_after), _num(tl.value_after)])
    if tl.other_value:
        rows.append(["other_value", base, _num(tl.other_value), _num(tl.other_value)])
    rows.append(["costs_bps", "", safe_text(tl.costs.label()), ""])
    return rows


def trades_csv_text(tl: TradeList) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(trade_rows(tl))
    text = buf.getvalue()
    return text if text.isascii() else "\ufeff" + text


def trades_json(tl: TradeList) -> dict[str, Any]:
    return {
        "base_currency": tl.base,
        "usdjpy": tl.usdjpy,
        "trades": [
            {
                "ticker": t.ticker, "name": t.name, "currency": t.currency, "side": t.side, "shares": t.shares,
                "price": t.price, "local_amount": t.local_amount, "base_amount": t.base_amount, "cost": t.cost,
                "shares_before": t.shares_before, "shares_after": t.shares_after,
                "weight_before": t.weight_before, "weight_after": t.weight_after, "weight_target": t.weight_target,
            }
            for t in tl.trades
        ],
        "summary": {
            "value_before": tl.value_before,
            "value_after": tl.value_after,
            "cash_before": dict(tl.cash_before),
            "cash_after": dict(tl.cash_after),
            "conversion": (
                None if tl.conversion is None else
                {"from": tl.conversion[0], "to": tl.conversion[1], "sell": tl.conversion[2], "buy": tl.conversion[3]}
            ),
            "hedge_notional": {c: {"before": b, "after": a, "change": a - b} for c, (b, a) in tl.hedge.items()},
            "hedge_ratios": dict(tl.hedge_ratios),
            "total_cost": tl.total_cost,
            "turnover": tl.turnover,
            "costs_bps": tl.costs.to_json(),
            "other_value": tl.other_value,
            "within_one_lot": tl.banded,
            "notes": list(tl.notes),
        },
    }


# ----------------------------------------------------------------------------
def document_prices(doc, tickers, data: str | None = None) -> tuple[dict[str, float], float | None, list[str]]:
    """Latest prices for ``tickers``: the file's own, then its price source for any it lacks."""
    stored = doc.data.get("prices") or {}
    prices = {t: float(v["close"]) for t, v in stored.items() if isinstance(v, Mapping) and v.get("close")}
    fx = (doc.data.get("usdjpy") or {}).get("rate")
    usdjpy = float(fx) if fx else None
    missing = [t for t in tickers if t not in prices]
    notes = []
    run = doc.run_settings()
    needs_fx = usdjpy is None and len({run.universe.asset(t).currency for t in tickers} | {run.base}) > 1
    if missing or needs_fx or data:
        from allocator.data.sources import open_source

        source = data if data is not None else run.data
        if source == "assumptions":
            source = None
        history = open_source(source, [t for t in run.universe.tickers])
        if data:
            missing = list(tickers)  # --data: every price from that source
        for t in missing:
            if t in history.prices.columns:
                s = history.prices[t].dropna()
                s = s[s > 0]
                if not s.empty:
                    prices[t] = float(s.iloc[-1])
        if (usdjpy is None or data) and history.fx is not None:
            s = history.fx.dropna()
            if not s.empty:
                usdjpy = float(s.iloc[-1])
        if missing:
            notes.append(T("prices for {tickers} from {source}", tickers=", ".join(missing), source=history.label))
    return prices, usdjpy, notes


def _pairs(texts, flag: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for text in texts or []:
        k, sep, v = str(text).partition("=")
        k = k.strip().upper()
        try:
            out[k] = float(v)
        except ValueError:
            raise InputError(T("{flag} {text}: expected CCY=AMOUNT", flag=flag, text=repr(text))) from None
        if not sep or not math.isfinite(out[k]):
            raise InputError(T("{flag} {text}: expected CCY=AMOUNT", flag=flag, text=repr(text)))
    return out


def add_arguments(p) -> None:
    p.add_argument("target", metavar="TARGET.alloc.json", help="the allocation to rebalance to")
    p.add_argument("--holdings", metavar="HOLDINGS.csv",
                   help="what you hold: CSV ticker,shares (default: the holdings stored in the target file)")
    p.add_argument("--cash", action="append", default=None, metavar="CCY=AMOUNT", help="cash per currency (repeatable)")
    p.add_argument("--costs", default=None, metavar="BPS",
                   help="one-way trading costs: 10, or US=5,JP=10 (default: the file's, else 0)")
    p.add_argument("--min-trade", type=float, default=0.0, metavar="AMOUNT",
                   help="smallest trade worth making, in the base currency (default 0)")
    p.add_argument("--hedge-held", action="append", default=None, metavar="CCY=AMOUNT",
                   help="hedge notional you hold now, in the foreign currency (default 0)")
    p.add_argument("--data", default=None, help="take prices from this source instead of the file's")
    p.add_argument("--csv", required=True, metavar="TRADES.csv")
    p.add_argument("--json", metavar="TRADES.json")


def cmd_rebalance(args) -> int:
    """``allocator rebalance TARGET --holdings H.csv [--cash ..] --csv TRADES.csv``: all outputs or none."""
    import sys

    from allocator.costs import parse_costs
    from allocator.document import load_document
    from allocator.holdings import load_holdings, parse_cash

    from allocator.atomic import OutputSet

    outputs = OutputSet()
    for flag, path in (("--csv", args.csv), ("--json", args.json)):
        if path is not None:
            if not str(path).strip() or path == "-":
                raise InputError(T("{flag} needs a file name", flag=flag))
            outputs.add(flag, path)
    outputs.protect("the target file", args.target)
    outputs.protect("the --holdings file", args.holdings)
    outputs.check()  # before any work: all outputs writable, none an input
    costs = parse_costs(args.costs) if args.costs is not None else None
    cash = parse_cash(args.cash)
    hedge_held = _pairs(args.hedge_held, "--hedge-held")
    doc = load_document(args.target)
    run = doc.run_settings()
    if costs is None:
        costs = run.costs or Costs()
    if args.holdings:
        holdings = load_holdings(args.holdings, run.universe, cash)
    elif run.holdings is not None:
        holdings = run.holdings.with_cash(cash) if cash else run.holdings
    else:
        raise InputError(T("{file} stores no holdings: give --holdings HOLDINGS.csv", file=args.target))
    weights = {t: float(w) for t, w in doc.weights.items() if float(w) > 0}
    needed = [t for t in run.universe.tickers if weights.get(t, 0) > 0 or holdings.positions.get(t, 0) > 0]
    prices, usdjpy, notes = document_prices(doc, needed, args.data)
    ratios = {c: float(v) for c, v in (doc.result.get("hedge_ratios") or {}).items()}
    tl = plan_rebalance(run.universe, weights, ratios, holdings, prices, run.base, usdjpy, costs,
                        float(args.min_trade), hedge_held)
    contents = {"--csv": trades_csv_text(tl)}
    if args.json:
        contents["--json"] = json.dumps(trades_json(tl), indent=2, allow_nan=False) + "\n"
    outputs.commit(contents)  # both files or neither
    for n in (*notes, *tl.notes):
        print(f"allocator: note: {n}", file=sys.stderr)
    print_trades(tl, sys.stdout)
    print("Wrote " + " and ".join(p for p in (args.csv, args.json) if p))
    return 0


def print_trades(tl: TradeList, out) -> None:
    b = tl.base
    print(f"Managed value {tl.value_before:,.2f} {b}; trades cost {tl.total_cost:,.2f} {b} "
          f"({tl.costs.label()}), turnover {100 * tl.turnover:.2f}%", file=out)
    for t in tl.orders:
        print(f"  {t.side:<4} {t.shares:>10} {t.ticker:<8} @ {t.price:,.2f} {t.currency}  = {t.base_amount:,.2f} {b}"
              f"  weight {100 * t.weight_before:5.2f}% -> {100 * t.weight_after:5.2f}% (target {100 * t.weight_target:5.2f}%)",
              file=out)
    if not tl.orders:
        print("  no trades", file=out)
    if tl.conversion:
        src, dst, sold, bought = tl.conversion
        print(f"Convert {sold:,.2f} {src} to {bought:,.2f} {dst}", file=out)
    for c, (before, after) in tl.hedge.items():
        print(f"Hedge {c}: notional {before:,.0f} -> {after:,.0f} {c} (change {after - before:+,.0f})", file=out)
    print("Cash after: " + ", ".join(f"{v:,.2f} {c}" for c, v in tl.cash_after.items()), file=out)


# ----------------------------------------------------------------------------
# optimize/frontier --holdings --cash --costs --max-turnover
def add_holdings_options(p) -> None:
    g = p.add_argument_group("from holdings (the cost of getting there)")
    g.add_argument("--holdings", metavar="HOLDINGS.csv", help="what you hold: CSV ticker,shares")
    g.add_argument("--cash", action="append", default=None, metavar="CCY=AMOUNT", help="cash per currency (repeatable)")
    g.add_argument("--costs", default=None, metavar="BPS",
                   help="one-way trading costs in basis points: 10, or US=5,JP=10")
    g.add_argument("--max-turnover", type=float, default=None, metavar="T",
                   help="cap on sum |new - current weight| (0.3 = 30%%)")


def apply_holdings_args(args, run):
    """``run`` with the holdings, costs and turnover cap the flags give (flags win over --from)."""
    from dataclasses import replace

    from allocator.costs import parse_costs
    from allocator.holdings import Holdings, load_holdings, parse_cash

    holdings = run.holdings
    cash = parse_cash(args.cash) if args.cash else None
    if args.holdings:
        holdings = load_holdings(args.holdings, run.universe, cash)
    elif cash is not None:
        holdings = (holdings or Holdings()).with_cash(cash)
    costs = parse_costs(args.costs) if args.costs is not None else run.costs
    turnover = args.max_turnover if args.max_turnover is not None else run.max_turnover
    if costs is not None and holdings is None and not costs.is_zero:
        raise InputError(T("--costs needs --holdings (or --cash): costs are paid on the trades from what you hold"))
    return replace(run, holdings=holdings, costs=costs, max_turnover=turnover).validate()


def with_trading(run, model, history, err=None):
    """``run`` whose optimisation pays the cost of getting there from its holdings (unchanged without)."""
    import sys
    from dataclasses import replace

    from allocator.holdings import trading_for

    trading, val = trading_for(run, model, history)
    if trading is None:
        return run
    err = err or sys.stderr
    if val.other:
        print(f"allocator: note: kept as other (not in the universe, not traded): {', '.join(val.other)}", file=err)
    print(
        f"allocator: note: holdings worth {val.managed:,.2f} {run.base} (cash {val.cash_total:,.2f}); "
        f"costs {trading.costs.label()}"
        + (f", turnover at most {100 * trading.max_turnover:.4g}%" if trading.max_turnover is not None else ""),
        file=err,
    )
    return replace(run, optimization=replace(run.optimization, trading=trading))
