"""The backtest end to end on the real prices of ../shared/data (skips without them).

The user's way in: ``allocator backtest --data csv:prices_daily.csv`` with the
FRED rate history.  Checked independently with plain pandas: equal-weight
monthly returns (month-end closes, dollar value ``P/S`` of the Tokyo stocks,
the hedge's carry from FRED's percent rates); and the optimised strategy's
weights on a rebalance date equal ``allocator optimize`` run on the same
window (``--start`` = the date minus the lookback, ``--end`` = the date).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from allocator.cli import main


@pytest.fixture
def real(shared_data, tmp_path):
    rates = pd.read_csv(shared_data / "rates_monthly.csv")
    path = tmp_path / "rates.csv"  # test copy in tmp only
    rates.rename(columns={"US_3M": "USD", "JP_short": "JPY"}).to_csv(path, index=False)
    return shared_data / "prices_daily.csv", path


def test_equal_weight_matches_pandas_on_real_prices(real, tmp_path, capsys):
    prices_csv, rates_csv = real
    out = tmp_path / "bt.json"
    code = main([
        "backtest", "--data", f"csv:{prices_csv}", "--rebalance", "monthly", "--lookback", "36",
        "--start", "2018-01-01", "--end", "2024-12-31", "--hedge", "0.5", "--max-weight", "0.15",
        "--rate-history", str(rates_csv), "--rate-units", "percent", "--costs", "0",
        "--benchmarks", "equal-weight", "--json", str(out),
    ])
    assert code == 0, capsys.readouterr().err
    doc = json.loads(out.read_text())
    ew = doc["strategies"]["equal-weight"]
    px = pd.read_csv(prices_csv, index_col=0, parse_dates=True)
    fred = pd.read_csv(rates_csv, index_col=0, parse_dates=True) / 100
    closes = px.resample("ME").last()
    s = closes["JPY=X"]
    yen = s.shift(1) / s - 1  # dollar value of one yen
    months = closes.index.to_period("M").to_timestamp()
    i_us = fred["USD"].reindex(months).to_numpy()
    i_jp = fred["JPY"].reindex(months).to_numpy()
    carry = pd.Series((1 + i_us / 12) / (1 + i_jp / 12) - 1, index=closes.index)
    reb = {r["date"]: r["weights"] for r in ew["rebalances"]}
    assert len(reb) == 83 and len(ew["periods"]) == 83  # Jan 2018 .. Nov 2024; Feb 2018 .. Dec 2024
    held = None
    for p in ew["periods"]:
        d = pd.Timestamp(p["date"])
        m = d + pd.offsets.MonthEnd(0)
        prev = m - pd.offsets.MonthEnd(1)
        key = max(k for k in reb if pd.Timestamp(k) < d)
        held = list(reb[key])
        rets = []
        for t in held:
            if t.endswith(".T"):
                usd = closes[t] / s
                r = usd.loc[m] / usd.loc[prev] - 1 + 0.5 * (carry.loc[m] - yen.loc[m])
            else:
                r = closes.loc[m, t] / closes.loc[prev, t] - 1
            rets.append(r)
        assert p["return"] == pytest.approx(float(np.mean(rets)), abs=1e-10), p["date"]
    # Every asset has a full 36-month lookback by 2018-01 (the latest starts 2015-01-22).
    assert len(reb["2018-01-31"]) == 48 and doc["assets_entered"]["6758.T"] == "2018-01-31"


def test_weights_on_a_rebalance_date_equal_optimize(real, tmp_path, capsys):
    prices_csv, _ = real
    out = tmp_path / "bt.json"
    flags = ["--data", f"csv:{prices_csv}", "--max-weight", "0.1", "--hedge", "1",
             "--theme", "defense=0.2", "--theme", "semis_ai=0.2"]
    code = main(["backtest", *flags, "--lookback", "36", "--start", "2024-06-01", "--end", "2024-12-31",
                 "--costs", "10", "--benchmarks", "none", "--json", str(out)])
    assert code == 0, capsys.readouterr().err
    doc = json.loads(out.read_text())
    reb = doc["strategies"]["optimised"]["rebalances"]
    assert [r["date"] for r in reb][:2] == ["2024-06-28", "2024-07-31"]
    for r in (reb[0], reb[-1]):
        start = doc["estimation_windows"][r["date"]]
        assert start == str((pd.Timestamp(r["date"]) - pd.DateOffset(months=36)).date())
        alloc = tmp_path / "opt.alloc.json"
        assert main(["optimize", *flags, "--start", start, "--end", r["date"], "-o", str(alloc)]) == 0
        want = json.loads(alloc.read_text())["result"]
        for t in set(want["weights"]) | set(r["weights"]):
            assert r["weights"].get(t, 0.0) == pytest.approx(want["weights"].get(t, 0.0), abs=2e-4), (r["date"], t)
        assert r["hedge_ratios"]["JPY"] == pytest.approx(1.0)
        assert r["predicted_volatility"] == pytest.approx(want["metrics"]["volatility"], rel=1e-4)
