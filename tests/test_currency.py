"""Currency direction, carry and the monthly rate history."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from allocator.cli import main
from allocator.currency import Rates, currency_return, load_rate_history, translate
from allocator.errors import DocumentError


def test_direction_from_jpy_x():
    # JPY=X goes 100 -> 125 yen per dollar: the yen loses 20% in dollars, the dollar gains 25% in yen.
    S = pd.Series([100.0, 125.0])
    f = (S.shift(1) / S - 1).dropna()  # as allocator.data.returns builds fx_jpy
    assert f.iloc[0] == pytest.approx(-0.20)
    assert currency_return(f, "USD").iloc[0] == pytest.approx(-0.20)
    assert currency_return(f, "JPY").iloc[0] == pytest.approx(0.25)
    # A Tokyo stock flat in yen loses 20% in dollars; a US stock flat in dollars gains 25% in yen.
    local = pd.DataFrame({"A.T": [0.0], "B": [0.0]}, index=f.index)
    assert translate(local, ["JPY", "USD"], f, "USD").iloc[0].tolist() == pytest.approx([-0.20, 0.0])
    assert translate(local, ["JPY", "USD"], f, "JPY").iloc[0].tolist() == pytest.approx([0.0, 0.25])
    # Exact compounding, not r + f.
    local = pd.DataFrame({"A.T": [0.10]}, index=f.index)
    assert translate(local, ["JPY"], f, "USD").iloc[0, 0] == pytest.approx(1.10 * 0.80 - 1)


def test_carry_is_covered_interest_parity():
    r = Rates({"USD": 0.05, "JPY": 0.01})
    assert r.carry("USD", "JPY") == pytest.approx(0.04)
    assert r.carry("JPY", "USD") == pytest.approx(-0.04)
    idx = pd.date_range("2020-01-31", periods=3, freq="ME")
    k = r.carry_per_period(idx, "USD", "JPY", 12)
    np.testing.assert_allclose(k, (1 + 0.05 / 12) / (1 + 0.01 / 12) - 1)


def _hist():
    idx = pd.to_datetime(["2020-01-01", "2020-02-01", "2020-03-01"])
    return pd.DataFrame({"USD": [0.01, 0.02, 0.03], "JPY": [0.0, 0.0, -0.001]}, index=idx)


def test_rate_history_uses_each_months_rate_and_current_outside():
    r = Rates({"USD": 0.05, "JPY": 0.005}, _hist())
    idx = pd.to_datetime(["2019-12-31", "2020-01-31", "2020-02-14", "2020-03-31", "2020-04-30", "2020-05-31"])
    k = r.carry_per_period(idx, "USD", "JPY", 12).to_numpy()
    expect_usd = [0.05, 0.01, 0.02, 0.03, 0.03, 0.05]  # before: current; April: a month past the end, still used; May: stale -> current
    expect_jpy = [0.005, 0.0, 0.0, -0.001, -0.001, 0.005]
    want = (1 + np.array(expect_usd) / 12) / (1 + np.array(expect_jpy) / 12) - 1
    np.testing.assert_allclose(k, want)
    assert r.covered(idx) == pytest.approx(4 / 6)


def test_load_rate_history_units_and_errors(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("Date,USD,JPY\n2020-01-01,1.5,-0.05\n2020-02-01,1.6,-0.04\n")
    h = load_rate_history(p, "percent")
    assert h.loc["2020-01-01", "USD"] == pytest.approx(0.015)
    assert h.loc["2020-02-01", "JPY"] == pytest.approx(-0.0004)
    with pytest.raises(DocumentError, match="percent"):
        load_rate_history(p, "fraction")  # 1.5 = 150%: a hint to use --rate-units percent
    bad = tmp_path / "b.csv"
    bad.write_text("Date,US_3M\n2020-01-01,0.01\n")
    with pytest.raises(DocumentError, match="USD or JPY"):
        load_rate_history(bad)
    bad.write_text("Date,USD\n2020-01-01,abc\n")
    with pytest.raises(DocumentError, match="not a number"):
        load_rate_history(bad)
    bad.write_text("Date,USD\nnot a date,0.01\n")
    with pytest.raises(DocumentError, match="dates"):
        load_rate_history(bad)
    with pytest.raises(DocumentError, match="cannot read|no such file"):
        load_rate_history(tmp_path / "missing.csv")


def test_cli_rate_history_fx_mean_and_base_jpy(tmp_path, capsys):
    """The sample data through the CLI: the flags reach the model and the file."""
    rh = tmp_path / "rates.csv"
    months = pd.date_range("2013-01-01", "2024-12-01", freq="MS")
    pd.DataFrame({"Date": months.strftime("%Y-%m-%d"), "USD": 2.0, "JPY": 0.1}).to_csv(rh, index=False)
    out = tmp_path / "a.alloc.json"
    code = main(["optimize", "--data", "sample", "--base", "JPY", "--hedge", "1", "--rate-history", str(rh),
                 "--rate-units", "percent", "--fx-mean", "historical", "--max-weight", "0.2", "-o", str(out)])
    text, err = capsys.readouterr()
    assert code == 0, err
    doc = json.loads(out.read_text())
    s = doc["settings"]
    assert s["base_currency"] == "JPY" and s["hedge"] == "1"
    assert s["rate_history"] == str(rh) and s["rate_units"] == "percent"
    assert s["estimation"]["fx_mean"] == "historical"
    res = doc["result"]
    assert res["hedge_ratios"] == {"USD": pytest.approx(1.0)}
    assert res["hedge_notionals"]["USD"] == pytest.approx(res["currency_exposure"]["USD"], abs=1e-7)
    att = res["attribution"]
    assert att["base"] == "JPY" and set(att["currencies"]) == {"USD"}
    # A yen investor hedging dollars pays the rate gap.  With --fx-mean historical the
    # carry is the history's (JPY 0.1% - USD 2%), the era of the currency drift it is
    # paired with (issue 10, defect 7), not today's rates.
    assert att["total"]["return_carry"] == pytest.approx((0.001 - 0.02) * res["currency_exposure"]["USD"], rel=2e-3)
    assert res["hedge_convention"] == "historical carry with historical currency drift"
    assert "Hedge expected return: historical carry with historical currency drift" in text
    assert att["total"]["return_total"] == pytest.approx(res["metrics"]["expected_return"], abs=1e-12)
    assert "Attribution (JPY" in text and "Hedge ratio: USD 100.00%" in text
    # Reproducible from the file.
    out2 = tmp_path / "b.alloc.json"
    assert main(["optimize", "--from", str(out), "-o", str(out2)]) == 0
    assert json.loads(out2.read_text())["result"]["weights"] == pytest.approx(res["weights"], abs=1e-7)


def test_cli_bad_rate_history_is_exit_2(tmp_path, capsys):
    bad = tmp_path / "r.csv"
    bad.write_text("Date,EUR\n2020-01-01,0.01\n")
    code = main(["optimize", "--data", "sample", "--rate-history", str(bad), "-o", str(tmp_path / "x.alloc.json")])
    err = capsys.readouterr().err
    assert code == 2 and "USD or JPY" in err and err.count("\n") == 1
