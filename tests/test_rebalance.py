"""The trade list (DESIGN §12): lots chosen optimally, and every rule a broker and a budget impose.

Every plan here goes through ``check_trade_list``: the budget holds after
costs, no currency's cash goes negative, no sell exceeds the holding, Tokyo
stocks trade in 100-share lots and US stocks in whole shares, and (when the
plan says so) every asset lands within one lot of its target.  Optimality
is checked against brute-force enumeration and an independent cvxpy MIP
(written in shares with ``cp.abs``, solved by HiGHS directly).
"""

from __future__ import annotations

import csv
import io
import itertools
import json

import cvxpy as cp
import numpy as np
import pytest

from allocator.cli import main
from allocator.costs import Costs
from allocator.discrete import lot_size, round_trades
from allocator.holdings import Holdings
from allocator.rebalance import TRADE_COLUMNS, plan_rebalance, trade_rows
from allocator.universe import Asset, Theme, Universe

USDJPY = 150.0


def universe(n_us=3, n_jp=3):
    assets = [Asset(f"U{i}", f"US {i}", "US", "USD", "t") for i in range(n_us)]
    assets += [Asset(f"{7000 + i}.T", f"JP {i}", "JP", "JPY", "t") for i in range(n_jp)]
    return Universe((Theme("t", "Theme"),), tuple(assets))


def check_trade_list(tl, uni, holdings, prices, weights, base="USD", usdjpy=USDJPY, min_trade=0.0):
    """The rules every trade list must keep (see module docstring)."""
    fx = {"USD": 1.0 if base == "USD" else usdjpy, "JPY": 1.0 / usdjpy if base == "USD" else 1.0}
    cash_base = sum(v * fx[c] for c, v in holdings.cash.items())
    flows = 0.0
    for t in tl.trades:
        if t.side == "other":
            assert t.ticker not in uni and t.shares == 0 and t.shares_after == holdings.positions[t.ticker]
            continue
        a = uni.asset(t.ticker)
        held = holdings.positions.get(t.ticker, 0.0)
        signed = {"buy": 1, "sell": -1, "hold": 0}[t.side] * t.shares
        assert t.shares > 0 if t.side != "hold" else t.shares == 0
        assert t.shares_after == pytest.approx(held + signed)
        assert t.shares_after >= -1e-9, "a sell beyond the holding"
        lot = 100 if a.country == "JP" else 1
        assert abs(signed) % lot == 0, f"{t.ticker}: {signed} is not a whole number of lots of {lot}"
        value = t.shares * prices[t.ticker] * fx[a.currency]
        assert t.base_amount == pytest.approx(value, rel=1e-12, abs=1e-9)
        assert t.cost == pytest.approx(value * tl.costs.rate(a.country), rel=1e-12, abs=1e-12)
        flows += signed * prices[t.ticker] * fx[a.currency] + t.cost
    assert flows <= cash_base + 1e-7 * max(1.0, tl.value_before), "the budget does not hold after costs"
    for c, v in tl.cash_after.items():
        assert v >= 0, f"negative {c} cash"
    left = sum(v * fx[c] for c, v in tl.cash_after.items())
    assert left == pytest.approx(cash_base - flows, rel=1e-9, abs=1e-6)
    assert tl.total_cost == pytest.approx(sum(t.cost for t in tl.trades))
    if tl.banded:
        V1 = tl.value_after
        for t in tl.trades:
            if t.side == "other":
                continue
            a = uni.asset(t.ticker)
            lot_value = lot_size(a) * prices[t.ticker] * fx[a.currency]
            after = t.shares_after * prices[t.ticker] * fx[a.currency]
            band = max(lot_value, min_trade)  # a gap under the minimum trade may stay
            assert abs(after - weights.get(t.ticker, 0.0) * V1) <= band * (1 + 1e-9) + 1e-9, t.ticker


def random_case(seed, n_us=3, n_jp=3, cash_usd=None, cash_jpy=None):
    rng = np.random.default_rng(seed)
    uni = universe(n_us, n_jp)
    prices = {}
    for a in uni.assets:
        prices[a.ticker] = float(rng.uniform(20, 600)) if a.country == "US" else float(round(rng.uniform(300, 6000)))
    positions = {}
    for a in uni.assets:
        if rng.random() < 0.6:
            positions[a.ticker] = float(rng.integers(1, 40) * (100 if a.country == "JP" else 1))
    cash = {"USD": float(rng.uniform(0, 20000) if cash_usd is None else cash_usd),
            "JPY": float(rng.uniform(0, 3e6) if cash_jpy is None else cash_jpy)}
    w = rng.dirichlet(np.ones(len(uni.assets)))
    weights = dict(zip(uni.tickers, map(float, w)))
    return uni, Holdings(positions, cash), prices, weights


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("costs", [Costs(), Costs(US=5, JP=10)])
def test_random_plans_keep_every_rule(seed, costs):
    uni, holdings, prices, weights = random_case(seed)
    tl = plan_rebalance(uni, weights, {"JPY": 0.5}, holdings, prices, "USD", USDJPY, costs)
    check_trade_list(tl, uni, holdings, prices, weights)
    assert tl.banded


def test_base_jpy_and_a_conversion_the_trades_need():
    uni, holdings, prices, weights = random_case(3, cash_usd=0.0, cash_jpy=5e6)
    tl = plan_rebalance(uni, weights, {"USD": 1.0}, holdings, prices, "JPY", USDJPY, Costs.flat(10))
    check_trade_list(tl, uni, holdings, prices, weights, base="JPY")
    buys_usd = sum(t.local_amount + t.cost / USDJPY for t in tl.orders if t.currency == "USD" and t.side == "buy")
    sells_usd = sum(t.local_amount - t.cost / USDJPY for t in tl.orders if t.currency == "USD" and t.side == "sell")
    if buys_usd > sells_usd:  # US buys paid from yen: the yen is converted
        src, dst, sold, bought = tl.conversion
        assert (src, dst) == ("JPY", "USD")
        assert bought == pytest.approx(buys_usd - sells_usd, rel=1e-9)
        assert sold == pytest.approx(bought * USDJPY)
    # the dollar hedge: ratio 1 on the dollar exposure after the trades
    exposure = sum(t.shares_after * prices[t.ticker] for t in tl.trades if t.currency == "USD")
    assert tl.hedge["USD"] == (0.0, pytest.approx(exposure))


def test_sells_never_exceed_holdings_and_odd_lots_stay():
    uni = universe(1, 1)
    holdings = Holdings({"7000.T": 150.0, "U0": 3.0}, {"USD": 0.0})
    prices = {"7000.T": 1500.0, "U0": 100.0}
    tl = plan_rebalance(uni, {"U0": 1.0}, {}, holdings, prices, "USD", USDJPY)
    check_trade_list(tl, uni, holdings, prices, {"U0": 1.0})
    jp = tl.by_ticker()["7000.T"]
    assert (jp.side, jp.shares, jp.shares_after) == ("sell", 100, 50)  # a lot sold, the odd 50 kept


def test_min_trade_skips_small_trades():
    uni, holdings, prices, weights = random_case(5)
    small = plan_rebalance(uni, weights, {}, holdings, prices, "USD", USDJPY, Costs(), min_trade=0.0)
    tiny = [t for t in small.orders if t.base_amount < 3000]
    assert tiny, "the case should have a small trade to skip"
    tl = plan_rebalance(uni, weights, {}, holdings, prices, "USD", USDJPY, Costs(), min_trade=3000.0)
    check_trade_list(tl, uni, holdings, prices, weights, min_trade=3000.0)
    assert tl.banded
    assert all(t.base_amount >= 3000 - 1e-9 for t in tl.orders)


def _objective(s0, lots_shares, unit, w, cash, rate):
    d = np.asarray(lots_shares, dtype=float)
    V = s0 @ unit + cash
    traded = np.abs(d) * unit
    C = rate @ traded
    if cash - d @ unit - C < -1e-9:
        return None
    after = (s0 + d) * unit
    return float(np.abs(after - w * (V - C)).sum() + C)


@pytest.mark.parametrize("seed", range(6))
def test_rounding_is_optimal_against_brute_force(seed):
    rng = np.random.default_rng(100 + seed)
    n = 3
    L = np.array([1.0, 100.0, 1.0])
    unit = np.array([rng.uniform(50, 400), rng.uniform(5, 40), rng.uniform(50, 400)])
    s0 = np.array([float(rng.integers(0, 5)), 100.0 * rng.integers(0, 3), float(rng.integers(0, 5))])
    cash = float(rng.uniform(200, 1500))
    w = rng.dirichlet(np.ones(n))
    rate = np.array([0.001, 0.002, 0.001])
    rt = round_trades(s0, L, unit, w, cash, rate)
    V = s0 @ unit + cash
    ranges = [range(-int(s0[i] // L[i]), int(V // (L[i] * unit[i])) + 2) for i in range(n)]
    best = min(
        v for k in itertools.product(*ranges)
        if (v := _objective(s0, np.array(k) * L, unit, w, cash, rate)) is not None
    )
    ours = _objective(s0, rt.shares, unit, w, cash, rate)
    assert ours == pytest.approx(best, rel=1e-9, abs=1e-6)
    assert rt.objective == pytest.approx(best, rel=1e-6, abs=1e-6)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # cvxpy's bound propagation on the reference MIP
@pytest.mark.parametrize("seed", range(4))
def test_rounding_matches_an_independent_cvxpy_mip(seed):
    uni, holdings, prices, weights = random_case(20 + seed, n_us=4, n_jp=4)
    costs = Costs(US=5, JP=15)
    tl = plan_rebalance(uni, weights, {}, holdings, prices, "USD", USDJPY, costs)
    tickers = uni.tickers
    fx = np.array([1.0 if uni.asset(t).currency == "USD" else 1 / USDJPY for t in tickers])
    p = np.array([prices[t] for t in tickers]) * fx
    s0 = np.array([holdings.positions.get(t, 0.0) for t in tickers])
    lots = np.array([100 if uni.asset(t).country == "JP" else 1 for t in tickers])
    rate = np.array([costs.rate(uni.asset(t).country) for t in tickers])
    w = np.array([weights[t] for t in tickers])
    cash = holdings.cash["USD"] + holdings.cash["JPY"] / USDJPY
    # Independent: final shares as lots-times-integer, trades through cp.abs, in currency units.
    k = cp.Variable(len(tickers), integer=True)
    after = cp.multiply(k, lots)
    trade = after - s0
    paid = cp.Variable(len(tickers))  # traded value, epigraph of |trade * price|
    C = rate @ paid
    V = float(s0 @ p + cash)
    prob = cp.Problem(
        cp.Minimize(cp.sum(cp.abs(cp.multiply(after, p) - w * (V - C))) + C),
        [after >= 0, cash - trade @ p - C >= 0, paid >= cp.abs(cp.multiply(trade, p))],
    )
    prob.solve(solver=cp.HIGHS)
    # Holdings here are whole lots, so "final shares a multiple of the lot" is the same rule.
    ours = _objective(s0, [tl.by_ticker()[t].shares_after - s0[i] for i, t in enumerate(tickers)], p, w, cash, rate)
    assert ours == pytest.approx(prob.value, rel=1e-7, abs=1e-4)
    check_trade_list(tl, uni, holdings, prices, weights)


def test_csv_has_the_contract_columns_and_summary_rows():
    uni, holdings, prices, weights = random_case(1)
    holdings = Holdings({**holdings.positions, "TSLA": 5.0}, holdings.cash)
    tl = plan_rebalance(uni, weights, {"JPY": 0.5}, holdings, {**prices, "TSLA": 200.0}, "USD", USDJPY, Costs.flat(10))
    rows = trade_rows(tl)
    assert rows[0] == TRADE_COLUMNS
    body = rows[1 : rows.index([])]
    assert {r[0] for r in body} >= set(holdings.positions)
    other = next(r for r in body if r[0] == "TSLA")
    assert other[3] == "other"
    summary = {r[0]: r for r in rows[rows.index([]) + 2 :]}
    for key in ("cash_after", "total_cost", "turnover", "hedge_notional_change"):
        assert key in summary
    assert float(summary["total_cost"][3]) == pytest.approx(tl.total_cost)


# ----------------------------------------------------------------------------
def _cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    d = tmp_path_factory.mktemp("target")
    path = d / "a.alloc.json"
    assert main(["optimize", "--data", "sample", "--theme", "defense=0.3", "--max-weight", "0.2",
                 "--hedge", "0.5", "-o", str(path)]) == 0
    return path


def test_cli_rebalance_writes_a_correct_trade_list(capsys, tmp_path, target):
    h = tmp_path / "h.csv"
    h.write_text("ticker,shares,note\nLMT,10,long\n7011.T,300,\nNVDA,5,\nZZZ,7,not ours\n", encoding="utf-8")
    out_csv, out_json = tmp_path / "trades.csv", tmp_path / "trades.json"
    code, out, err = _cli(capsys, "rebalance", str(target), "--holdings", str(h), "--cash", "JPY=500000",
                          "--cash", "USD=50000", "--costs", "US=5,JP=10", "--csv", str(out_csv), "--json", str(out_json))
    assert code == 0, err
    assert "ZZZ" in err and "other" in err
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert rows[0] == TRADE_COLUMNS
    data = json.loads(out_json.read_text())
    assert data["summary"]["within_one_lot"] is True
    # re-check the rules from the file's own numbers
    doc = json.loads(target.read_text())
    prices = {t: v["close"] for t, v in doc["data"]["prices"].items()}
    fx = doc["data"]["usdjpy"]["rate"]
    cash_usd = 50000 + 500000 / fx
    flows = 0.0
    for t in data["trades"]:
        if t["side"] in ("buy", "sell"):
            sign = 1 if t["side"] == "buy" else -1
            flows += sign * t["base_amount"] + t["cost"]
            if t["ticker"].endswith(".T"):
                assert t["shares"] % 100 == 0
            if t["side"] == "sell":
                assert t["shares"] <= {"LMT": 10, "7011.T": 300, "NVDA": 5}[t["ticker"]]
    assert flows <= cash_usd + 1e-6
    assert all(v >= 0 for v in data["summary"]["cash_after"].values())
    assert sum(data["summary"]["cash_after"].values()) >= 0
    del prices


@pytest.mark.parametrize(
    "text, needle",
    [
        ("ticker,shares\nLMT,ten\n", "row 2: LMT: shares 'ten' is not a number"),
        ("ticker,shares\nLMT,5\n7011.T,-100\n", "row 3: 7011.T: shares -100 is negative"),
        ("ticker,shares\n7011.T,150.5\n", "row 2: 7011.T: Tokyo shares must be whole"),
        ("ticker,shares\nLMT,5\nNVDA,1\nlmt,3\n", "row 4: LMT is listed twice (first on row 2)"),
        ("ticker,shares\nbad ticker!,5\n", "row 2: 'bad ticker!' is not a ticker"),
        ("symbol,qty\nLMT,5\n", "row 1: the header must name the columns ticker and shares"),
        ("", "the file is empty"),
        ("ticker,shares\nLMT,\n", "row 2: LMT: the shares cell is empty"),
    ],
)
def test_bad_holdings_files_name_the_row_and_write_nothing(capsys, tmp_path, target, text, needle):
    h = tmp_path / "h.csv"
    h.write_text(text, encoding="utf-8")
    out_csv = tmp_path / "trades.csv"
    code, out, err = _cli(capsys, "rebalance", str(target), "--holdings", str(h), "--csv", str(out_csv))
    assert code == 2
    assert needle in err and err.count("\n") == 1
    assert not out_csv.exists()


@pytest.mark.parametrize("flag, value, needle", [
    ("--cash", "EUR=5", "currency 'EUR'"),
    ("--cash", "JPY=-5", "cash -5 is negative"),
    ("--cash", "JPY", "expected CCY=AMOUNT"),
    ("--costs", "US=5", "missing JP"),
])
def test_bad_flags_are_one_line_errors(capsys, tmp_path, target, flag, value, needle):
    h = tmp_path / "h.csv"
    h.write_text("ticker,shares\nLMT,5\n", encoding="utf-8")
    out_csv = tmp_path / "t.csv"
    code, out, err = _cli(capsys, "rebalance", str(target), "--holdings", str(h), flag, value, "--csv", str(out_csv))
    assert code == 2 and needle in err
    assert not out_csv.exists()


@pytest.mark.parametrize("min_trade", [0.0, 2000.0])
def test_a_48_asset_plan_is_proven_optimal_quickly(min_trade):
    """The tight formulation closes the gap (the plain |gap| form ran into a 20 s limit at this size)."""
    uni, holdings, prices, weights = random_case(9, n_us=24, n_jp=24)
    tl = plan_rebalance(uni, weights, {"JPY": 0.5}, holdings, prices, "USD", USDJPY, Costs(US=5, JP=10), min_trade)
    check_trade_list(tl, uni, holdings, prices, weights, min_trade=min_trade)
    from allocator.discrete import round_trades as rt_fn

    tickers = [t.ticker for t in tl.trades if t.side != "other"]
    assert len(tickers) >= 40
    s0 = np.array([holdings.positions.get(t, 0.0) for t in uni.tickers])
    L = np.array([100.0 if t.endswith(".T") else 1.0 for t in uni.tickers])
    u = np.array([prices[t] / (USDJPY if t.endswith(".T") else 1.0) for t in uni.tickers])
    w = np.array([weights[t] for t in uni.tickers])
    rate = np.array([0.001 if t.endswith(".T") else 0.0005 for t in uni.tickers])
    r = rt_fn(s0, L, u, w, holdings.cash["USD"] + holdings.cash["JPY"] / USDJPY, rate, min_trade, time_limit=10.0)
    assert r.status == "optimal" and r.seconds < 10.0


def test_outputs_are_one_transaction_and_never_an_input(capsys, tmp_path, target):
    h = tmp_path / "h.csv"
    h.write_text("ticker,shares\nLMT,5\n", encoding="utf-8")
    code, _, err = _cli(capsys, "rebalance", str(target), "--holdings", str(h), "--csv", str(h))
    assert code == 2 and "--holdings file" in err
    assert h.read_text() == "ticker,shares\nLMT,5\n"
    out_csv = tmp_path / "t.csv"
    code, _, err = _cli(capsys, "rebalance", str(target), "--holdings", str(h), "--csv", str(out_csv),
                        "--json", str(tmp_path / "no_such_folder" / "t.json"))
    assert code == 2 and not out_csv.exists()  # the --json target fails the check: nothing written
    code, _, err = _cli(capsys, "rebalance", str(target), "--holdings", str(tmp_path / "missing.csv"),
                        "--csv", str(out_csv))
    assert code == 2 and "missing.csv" in err and not out_csv.exists()
