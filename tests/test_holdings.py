"""Holdings: the CSV, cash, valuation, storage in the allocation file, and optimize --holdings.

The CLI identities of DESIGN §12 are checked from the outside: the current
weights are recomputed here from the holdings CSV and the prices the output
file stores, and ``--costs 0`` is compared with a plain ``optimize`` run.
"""

from __future__ import annotations

import json

import pytest

from allocator.cli import main
from allocator.document import VERSION, load_document, loads_document
from allocator.errors import DocumentError, InputError
from allocator.holdings import Holdings, parse_cash, parse_holdings_csv, value_holdings
from allocator.universe import default_universe

UNI = default_universe()


def test_csv_header_extra_columns_case_and_other_tickers():
    text = "\ufeffBroker,Ticker,Shares,Cost basis\nx,nvda,10,100\ny,7011.T,\"1,200\",5\nz,TSLA,3.5,1\n\n# note,,\n"
    h = parse_holdings_csv(text, UNI, "h.csv")
    assert h.positions == {"NVDA": 10.0, "7011.T": 1200.0, "TSLA": 3.5}
    assert h.other(UNI) == ["TSLA"]


def test_valuation_in_base_currency_and_weights_of_the_managed_value():
    h = Holdings({"NVDA": 10.0, "7011.T": 200.0, "TSLA": 1.0}, {"USD": 1000.0, "JPY": 150_000.0})
    prices = {"NVDA": 100.0, "7011.T": 1500.0, "TSLA": 250.0}
    v = value_holdings(h, UNI, prices, "USD", 150.0)
    assert v.invested == pytest.approx(1000 + 2000)
    assert v.cash_total == pytest.approx(2000)
    assert v.managed == pytest.approx(5000) and v.other_value == pytest.approx(250) and v.other == ["TSLA"]
    assert v.weights() == pytest.approx({"NVDA": 0.2, "7011.T": 0.4})
    vj = value_holdings(h, UNI, prices, "JPY", 150.0)
    assert vj.managed == pytest.approx(5000 * 150)
    with pytest.raises(InputError, match="NVDA: no price"):
        value_holdings(h, UNI, {"7011.T": 1500.0}, "USD", 150.0)


def test_cash_flags():
    assert parse_cash(["USD=20000", "jpy=1,000,000"]) == {"USD": 20000.0, "JPY": 1_000_000.0}
    for bad, needle in [(["USD=1", "USD=2"], "given twice"), (["EUR=1"], "EUR"), (["USD=x"], "not a number"),
                        (["USD"], "CCY=AMOUNT"), (["JPY=-1"], "negative")]:
        with pytest.raises(InputError, match=needle):
            parse_cash(bad)


# ----------------------------------------------------------------------------
def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def holdings_csv(tmp_path_factory):
    p = tmp_path_factory.mktemp("h") / "h.csv"
    # NVDA dominant (~$1.3M of ~$1.5M at the sample's real price levels, as it was at the old simulated ones)
    p.write_text("ticker,shares\nLMT,200\n7011.T,3000\nNVDA,10000\n8035.T,100\nXOM,120\nTSLA,10\n", encoding="utf-8")
    return p


def _current_weights(doc_json, holdings_csv, cash_usd=0.0):
    """Independent: weights of the CSV's universe holdings at the file's prices, in USD."""
    prices = doc_json["data"]["prices"]
    fx = doc_json["data"]["usdjpy"]["rate"]
    tickers = {a["ticker"]: a for a in doc_json["settings"]["universe"]["assets"]}
    values = {}
    for line in holdings_csv.read_text().splitlines()[1:]:
        t, s = line.split(",")
        if t in tickers:
            px = prices[t]["close"]
            values[t] = float(s) * px / (fx if tickers[t]["currency"] == "JPY" else 1.0)
    total = sum(values.values()) + cash_usd
    return {t: v / total for t, v in values.items()}


def test_optimize_very_high_costs_keep_the_current_weights(capsys, tmp_path, holdings_csv):
    out = tmp_path / "hi.alloc.json"
    code, stdout, err = _run(capsys, "optimize", "--data", "sample", "--holdings", str(holdings_csv),
                             "--costs", "10000", "-o", str(out))
    assert code == 0, err
    assert "TSLA" in err and "other" in err
    doc = json.loads(out.read_text())
    want = _current_weights(doc, holdings_csv)
    got = doc["result"]["weights"]
    for t in set(want) | set(got):
        assert got.get(t, 0.0) == pytest.approx(want.get(t, 0.0), abs=1e-5), t
    assert doc["result"]["metrics"]["turnover"] == pytest.approx(0.0, abs=1e-4)
    assert doc["version"] == VERSION
    assert doc["settings"]["holdings"]["positions"]["7011.T"] == 3000
    assert doc["settings"]["costs"] == {"US": 10000.0, "JP": 10000.0}


@pytest.mark.parametrize("objective", [["--objective", "max-sharpe"], ["--objective", "min-variance"],
                                       ["--objective", "max-utility", "--risk-aversion", "4"]])
def test_optimize_zero_costs_give_the_plain_optimum(capsys, tmp_path, holdings_csv, objective):
    common = ["--data", "sample", "--theme", "defense=0.3", "--max-weight", "0.2", "--hedge", "0.5", *objective]
    code, _, err = _run(capsys, "optimize", *common, "-o", str(tmp_path / "plain.alloc.json"))
    assert code == 0, err
    code, _, err = _run(capsys, "optimize", *common, "--holdings", str(holdings_csv), "--cash", "JPY=500000",
                        "--costs", "0", "-o", str(tmp_path / "zero.alloc.json"))
    assert code == 0, err
    plain = json.loads((tmp_path / "plain.alloc.json").read_text())["result"]["weights"]
    zero = json.loads((tmp_path / "zero.alloc.json").read_text())["result"]["weights"]
    for t in set(plain) | set(zero):
        assert zero.get(t, 0.0) == pytest.approx(plain.get(t, 0.0), abs=2e-5), t


def test_optimize_costs_in_between_trade_less(capsys, tmp_path, holdings_csv):
    turnovers = []
    for bps in ("0", "50", "300"):
        out = tmp_path / f"c{bps}.alloc.json"
        code, _, err = _run(capsys, "optimize", "--data", "sample", "--objective", "max-utility", "--holdings",
                            str(holdings_csv), "--costs", bps, "-o", str(out))
        assert code == 0, err
        turnovers.append(json.loads(out.read_text())["result"]["metrics"]["turnover"])
    assert turnovers[0] > turnovers[1] > turnovers[2]
    out = tmp_path / "cap.alloc.json"
    code, _, err = _run(capsys, "optimize", "--data", "sample", "--objective", "max-utility", "--holdings",
                        str(holdings_csv), "--costs", "0", "--max-turnover", "0.25", "-o", str(out))
    assert code == 0, err
    doc = json.loads(out.read_text())
    assert doc["result"]["metrics"]["turnover"] == pytest.approx(0.25, abs=1e-4)
    assert doc["settings"]["max_turnover"] == 0.25


def test_optimize_costs_without_holdings_is_bad_input(capsys, tmp_path):
    code, _, err = _run(capsys, "optimize", "--data", "sample", "--costs", "10", "-o", str(tmp_path / "x.alloc.json"))
    assert code == 2 and "--costs needs --holdings" in err
    assert not (tmp_path / "x.alloc.json").exists()


def test_holdings_survive_the_file_and_rebalance_reads_them(capsys, tmp_path, holdings_csv):
    out = tmp_path / "a.alloc.json"
    code, _, err = _run(capsys, "optimize", "--data", "sample", "--holdings", str(holdings_csv), "--cash", "USD=5000",
                        "--costs", "US=5,JP=10", "-o", str(out))
    assert code == 0, err
    doc = load_document(out)
    run = doc.run_settings()
    assert run.holdings.positions["NVDA"] == 10000 and run.holdings.cash == {"USD": 5000.0}
    assert (run.costs.US, run.costs.JP) == (5.0, 10.0)
    assert {"LMT", "7011.T", "NVDA", "8035.T", "XOM"} <= set(doc.data["prices"])  # priced for a rebalance
    code, stdout, err = _run(capsys, "rebalance", str(out), "--csv", str(tmp_path / "t.csv"))
    assert code == 0, err
    assert "US 5 bps, JP 10 bps" in stdout


def _doc_text(tmp_path, holdings_csv):
    out = tmp_path / "a.alloc.json"
    assert main(["optimize", "--data", "sample", "--holdings", str(holdings_csv), "--costs", "5", "-o", str(out)]) == 0
    return json.loads(out.read_text())


def test_a_version_1_file_opens_unchanged_and_saves_as_version_2(tmp_path, holdings_csv):
    raw = _doc_text(tmp_path, holdings_csv)
    for k in ("holdings", "costs", "max_turnover"):
        raw["settings"].pop(k)
    raw["result"]["metrics"].pop("turnover")
    raw["result"]["metrics"].pop("trading_cost")
    raw["version"] = 1
    doc = loads_document(json.dumps(raw))
    assert doc.loaded_version == 1 and doc.version == VERSION == 2
    assert doc.run_settings().holdings is None and doc.weights == raw["result"]["weights"]
    saved = doc.to_json_dict()
    assert saved["version"] == 2 and saved["settings"]["holdings"] is None


@pytest.mark.parametrize(
    "edit, needle",
    [
        (lambda s: s["holdings"]["positions"].update({"7011.T": 150.5}), "settings.holdings.positions.7011.T: Tokyo shares must be whole"),
        (lambda s: s["holdings"]["positions"].update({"LMT": -1}), "settings.holdings.positions.LMT: shares -1 is negative"),
        (lambda s: s["holdings"]["cash"].update({"EUR": 5}), "settings.holdings.cash.EUR"),
        (lambda s: s["holdings"].update({"extra": 1}), "settings.holdings.extra"),
        (lambda s: s.update({"costs": {"US": 5}}), "settings.costs: missing JP"),
        (lambda s: s.update({"costs": {"US": 5, "JP": -1}}), "settings.costs.JP"),
        (lambda s: s.update({"max_turnover": 3}), "max turnover 3 must be between 0 and 2"),
    ],
)
def test_bad_holdings_in_a_file_name_the_field(tmp_path, holdings_csv, edit, needle):
    raw = _doc_text(tmp_path, holdings_csv)
    edit(raw["settings"])
    with pytest.raises(DocumentError) as e:
        loads_document(json.dumps(raw))
    assert needle in str(e.value)


def test_frontier_from_holdings_reports_the_cost_of_each_point(capsys, tmp_path, holdings_csv):
    out = tmp_path / "f.json"
    code, _, err = _run(capsys, "frontier", "--data", "sample", "--points", "6", "--holdings", str(holdings_csv),
                        "--costs", "25", "--json", str(out))
    assert code == 0, err
    pts = json.loads(out.read_text())["points"]
    assert len(pts) == 6
    for p in pts:
        assert p["trading_cost"] == pytest.approx(0.0025 * p["turnover"], rel=1e-9)
        assert p["net_return"] == pytest.approx(p["expected_return"] - p["trading_cost"])


def test_latest_prices_are_each_tickers_last_positive_close_and_follow_a_new_history():
    """Checked against a direct pandas computation, with NaN and non-positive tails; cached per history."""
    from dataclasses import replace

    import numpy as np
    import pandas as pd

    from allocator.data.prices import PriceHistory
    from allocator.holdings import latest_prices

    idx = pd.date_range("2024-01-01", periods=6, freq="D")
    prices = pd.DataFrame(
        {
            "A": [1.0, 2.0, 3.0, np.nan, np.nan, np.nan],  # NaN tail
            "B": [5.0, 6.0, 7.0, 0.0, -1.0, np.nan],  # non-positive tail
            "C": [np.nan] * 6,  # no price at all
            "D": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        },
        index=idx,
    )
    fx = pd.Series([150.0, 151.0, np.nan, 152.0, 0.0, np.nan], index=idx)
    history = PriceHistory(prices, fx, "csv", "CSV: x.csv")
    got, usdjpy = latest_prices(history, ["A", "B", "C", "D", "E"])
    direct = {t: float(prices[t][prices[t] > 0].iloc[-1]) for t in prices.columns if (prices[t] > 0).any()}
    assert got == direct == {"A": 3.0, "B": 7.0, "D": 6.0}
    assert usdjpy == 152.0
    assert latest_prices(history, ["D"]) == ({"D": 6.0}, 152.0)
    moved = replace(history, prices=prices.assign(D=prices["D"] * 2))
    assert latest_prices(moved, ["D"])[0] == {"D": 12.0}  # a new history is read afresh, not the cached one
