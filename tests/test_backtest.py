"""Walk-forward backtest (DESIGN §11): no look-ahead, benchmarks recomputed by hand, CLI."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from allocator.backtest import BacktestCancelled, BacktestSettings, run_backtest
from allocator.backtest.calendar import month_ends
from allocator.backtest.metrics import max_drawdown
from allocator.cli import main
from allocator.data.prices import PriceHistory
from allocator.errors import DataError, InputError
from allocator.optimize.settings import HedgeSetting
from allocator.pipeline import RunSettings, load_history
from allocator.universe import default_universe

TICKERS = ["LMT", "NVDA", "7011.T", "8035.T", "XOM", "7203.T", "CAT", "8306.T"]


@pytest.fixture(scope="module")
def sample_history():
    run = RunSettings(data="sample").validate()
    h = load_history(run).select(TICKERS).window(None, "2020-12-31")
    return h


def _run(hedge="1", **kw):
    from dataclasses import replace

    run = RunSettings(universe=default_universe().subset(TICKERS), data="sample").validate()
    c = replace(run.optimization.constraints, max_weight=0.4, hedge=HedgeSetting.parse(hedge), **kw)
    return replace(run, optimization=replace(run.optimization, constraints=c)).validate()


def _perturb_after(h: PriceHistory, day: str, seed: int = 3) -> PriceHistory:
    rng = np.random.default_rng(seed)
    p = h.prices.copy()
    after = p.index > pd.Timestamp(day)
    p.loc[after] = p.loc[after] * rng.uniform(0.5, 2.0, size=(int(after.sum()), p.shape[1]))
    fx = h.fx.copy()
    fx_after = fx.index > pd.Timestamp(day)
    fx.loc[fx_after] = fx.loc[fx_after] * 1.3
    return PriceHistory(p, fx, h.source, h.label, h.as_of, h.simulated)


def test_no_look_ahead_changing_later_prices_keeps_earlier_weights(sample_history):
    run = _run()
    bt = BacktestSettings(lookback_months=24, costs="10")
    a = run_backtest(run, sample_history, bt)
    cut = "2019-06-28"
    b = run_backtest(run, _perturb_after(sample_history, cut), bt)
    for name in a.strategies:
        if name == "fixed":  # today's allocation by definition sees everything
            continue
        ra, rb = a.strategies[name].rebalances, b.strategies[name].rebalances
        before = [(x, y) for x, y in zip(ra, rb) if x.date <= pd.Timestamp(cut)]
        assert len(before) >= 12
        for x, y in before:
            assert x.date == y.date
            assert x.weights == y.weights, (name, x.date)
            assert x.hedge_ratios == y.hedge_ratios
            assert x.predicted_volatility == y.predicted_volatility
        pa = a.strategies[name].returns
        pb = b.strategies[name].returns
        assert pa[pa.index <= pd.Timestamp(cut)].equals(pb[pb.index <= pd.Timestamp(cut)])
    # ...and the perturbation does reach the later decisions (the test can fail).
    later = [
        (x, y)
        for x, y in zip(a.strategies["optimised"].rebalances, b.strategies["optimised"].rebalances)
        if x.date > pd.Timestamp(cut) + pd.DateOffset(months=2)
    ]
    assert any(x.weights.keys() != y.weights.keys() or
               max(abs(x.weights[t] - y.weights.get(t, 0)) for t in x.weights) > 1e-3 for x, y in later)


def _direct_equal_weight(h: PriceHistory, base="USD", hedge=0.0, rate_k=0.0):
    """Equal-weight monthly returns straight from pandas (no engine code)."""
    closes = h.prices.resample("ME").last()
    fx = h.fx.resample("ME").last()
    r = closes.pct_change()
    f = fx.shift(1) / fx - 1.0  # the yen's return in dollars
    jp = [t.endswith(".T") for t in closes.columns]
    rb = r.copy()
    for t, is_jp in zip(closes.columns, jp):
        if is_jp:
            rb[t] = (1 + r[t]) * (1 + f) - 1 + hedge * (rate_k - f)
    return rb.mean(axis=1)


def test_equal_weight_monthly_returns_match_pandas(sample_history):
    run = _run(hedge="0")
    res = run_backtest(run, sample_history, BacktestSettings(lookback_months=24, benchmarks="equal-weight"))
    got = res.strategies["equal-weight"].returns
    want = _direct_equal_weight(sample_history)
    want.index = want.index.to_period("M")
    g = got.copy()
    g.index = g.index.to_period("M")
    assert len(g) >= 20
    np.testing.assert_allclose(g.to_numpy(), want.reindex(g.index).to_numpy(), rtol=0, atol=1e-12)
    # Period dates are each month's last trading day.
    ends = month_ends(sample_history.prices.dropna(how="all").index)
    assert set(got.index) <= set(ends)


def test_equal_weight_hedged_and_with_costs(sample_history):
    run = _run(hedge="1")
    rates = {"USD": 0.03, "JPY": 0.0}
    from dataclasses import replace

    run = replace(run, rates=rates).validate()
    res = run_backtest(run, sample_history, BacktestSettings(lookback_months=24, costs="25", benchmarks="equal-weight"))
    s = res.strategies["equal-weight"]
    k = (1 + 0.03 / 12) - 1
    want = _direct_equal_weight(sample_history, hedge=1.0, rate_k=k)
    want.index = want.index.to_period("M")
    got = s.returns.copy()
    got.index = got.index.to_period("M")
    gross = want.reindex(got.index).to_numpy()
    # Costs: 25 bps of traded value at each rebalance, the first purchase (turnover 1) included.
    turnovers = np.array([r.turnover for r in s.rebalances])
    assert turnovers[0] == pytest.approx(1.0)
    assert (turnovers[1:] > 0).all() and (turnovers[1:] < 0.5).all()
    np.testing.assert_allclose(got.to_numpy(), (1 - 0.0025 * turnovers) * (1 + gross) - 1, atol=1e-12)
    m = s.metrics
    assert m["turnover_per_year"] == pytest.approx(turnovers.sum() / m["years"])


def test_assets_enter_once_they_have_a_full_lookback(sample_history):
    p = sample_history.prices.copy()
    p.loc[p.index < "2017-07-01", "NVDA"] = np.nan
    h = PriceHistory(p, sample_history.fx, "sample", "simulated sample", simulated=True)
    res = run_backtest(_run(), h, BacktestSettings(lookback_months=24))
    assert res.entered["LMT"] == "2016-12-30"  # history from 2015-01-02, within a week of the window
    assert res.entered["NVDA"] == "2019-06-28"  # 2019-06-28 - 24 months + 7 days covers 2017-07-03
    first = res.strategies["equal-weight"].rebalances[0]
    assert "NVDA" not in first.weights and len(first.weights) == len(TICKERS) - 1
    assert any("NVDA 2019-06-28" in n for n in res.notes)


def test_theme_targets_benchmark(sample_history):
    run = _run(theme_targets={"defense": 0.5, "semis_ai": 0.2})
    res = run_backtest(run, sample_history, BacktestSettings(lookback_months=24, benchmarks="theme-targets"))
    w = res.strategies["theme-targets"].rebalances[0].weights
    assert w["LMT"] == pytest.approx(0.25) and w["7011.T"] == pytest.approx(0.25)
    assert w["NVDA"] == pytest.approx(0.1) and w["8035.T"] == pytest.approx(0.1)
    # the five other themes (energy, automation, exporters, japan_core) share 30%
    assert w["XOM"] == pytest.approx(0.3 / 4)
    opt = res.strategies["optimised"].rebalances[0].weights
    assert sum(v for t, v in opt.items() if t in ("LMT", "7011.T")) == pytest.approx(0.5, abs=1e-6)


def test_json_shape_and_metrics(tmp_path, capsys):
    out = tmp_path / "bt.json"
    csv_out = tmp_path / "bt.csv"
    code = main([
        "backtest", "--data", "sample", "--start", "2020-01-01", "--end", "2021-06-30", "--lookback", "24",
        "--costs", "US=5,JP=10", "--rebalance", "quarterly", "--hedge", "optimal", "--max-weight", "0.2",
        "--json", str(out), "--csv", str(csv_out),
    ])
    text = capsys.readouterr().out
    assert code == 0, text
    doc = json.loads(out.read_text())
    assert doc["frequency"] == "monthly" and doc["base_currency"] == "USD" and doc["seconds"] > 0
    assert set(doc["strategies"]) == {"optimised", "equal-weight", "theme-targets", "fixed", "optimised-unhedged"}
    keys = {"cagr", "volatility", "sharpe", "sortino", "max_drawdown", "max_drawdown_days",
            "turnover_per_year", "realised_vs_predicted_vol"}
    for name, s in doc["strategies"].items():
        assert keys <= set(s["metrics"]), name
        assert [p["date"] for p in s["periods"]][:2] == ["2020-04-30", "2020-05-29"]
        assert s["periods"][-1]["date"] == "2021-06-30"
        assert [r["date"] for r in s["rebalances"]] == ["2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31",
                                                        "2021-03-31"]
        for r in s["rebalances"]:
            assert set(r) >= {"date", "weights", "hedge_ratios", "turnover", "predicted_volatility"}
            assert sum(r["weights"].values()) == pytest.approx(1.0)
        rets = np.array([p["return"] for p in s["periods"]])
        assert s["metrics"]["volatility"] == pytest.approx(rets.std(ddof=1) * math.sqrt(12))
    un = doc["strategies"]["optimised-unhedged"]["rebalances"][0]
    assert un["hedge_ratios"] == {"JPY": 0.0}
    assert un["weights"] == doc["strategies"]["optimised"]["rebalances"][0]["weights"]
    assert "Realised/predicted" in text and "optimised" in text
    lines = csv_out.read_text().splitlines()
    assert lines[0].startswith("date,return_optimised")
    assert len(lines) == 2 + len(doc["strategies"]["optimised"]["periods"])


def test_too_short_history_exits_4_naming_the_first_date(capsys):
    code = main(["backtest", "--data", "sample", "--lookback", "120"])
    err = capsys.readouterr().err
    assert code == 4
    assert "2025-01-31" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--lookback", "1"], "--lookback"),
        (["--costs", "US=5"], "JP"),
        (["--benchmarks", "magic"], "magic"),
        (["--assumptions", "x.json"], "price history"),
        (["--json", "same.out", "--csv", "same.out"], "same file"),  # one output transaction, checked first
    ],
)
def test_bad_input_exits_2(capsys, argv, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["backtest", "--data", "sample", *argv]) == 2
    assert words in capsys.readouterr().err


def test_cancel_stops_the_run(sample_history):
    calls = []

    def progress(done, total):
        calls.append(done)

    with pytest.raises(BacktestCancelled):
        run_backtest(_run(), sample_history, BacktestSettings(lookback_months=24), progress=progress,
                     cancelled=lambda: len(calls) >= 3)
    assert calls == [1, 2, 3]


def test_max_drawdown_depth_and_length():
    idx = pd.to_datetime(["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30", "2020-05-31"])
    w = pd.Series([1.0, 1.2, 0.9, 1.1, 1.3], index=idx)
    depth, days = max_drawdown(w)
    assert depth == pytest.approx(0.9 / 1.2 - 1)
    assert days == (pd.Timestamp("2020-05-31") - pd.Timestamp("2020-02-29")).days


def test_settings_validate():
    with pytest.raises(InputError):
        BacktestSettings(lookback_months=2).validate()
    with pytest.raises(InputError):
        BacktestSettings(start="2020-01-01", end="2019-01-01").validate()
    assert BacktestSettings(benchmarks="none").validate().benchmarks == ()


def test_each_rebalance_is_optimize_on_its_own_view(sample_history):
    """The fast path (sklearn without re-validation, weights without attribution, eligibility in
    arrays) decides exactly what the pipeline and a full ``optimize`` decide on that date's view."""
    from dataclasses import replace

    from allocator.backtest.calendar import lookback_start
    from allocator.optimize import Optimizer
    from allocator.pipeline import build_model

    run = _run(hedge="optimal")
    res = run_backtest(run, sample_history, BacktestSettings(lookback_months=24, benchmarks=(), start="2019-06-01"))
    records = res.strategies["optimised"].rebalances
    for rec in (records[0], records[len(records) // 2], records[-1]):
        day = rec.date
        est = replace(run.estimation, start=str(lookback_start(day, 24).date()), end=str(day.date()))
        model = build_model(replace(run, estimation=est), sample_history.window(None, day)).model
        alloc = Optimizer(model).optimize(run.optimization)
        got = {t: w for t, w in rec.weights.items()}
        want = {t: w for t, w in alloc.weights.items() if w > 0}
        assert set(got) == set(want), day
        assert got == pytest.approx(want, abs=1e-12), day
        assert rec.hedge_ratios["JPY"] == pytest.approx(alloc.hedge_ratios["JPY"], abs=1e-12)


def test_estimate_warnings_are_said_once_per_run(capsys, tmp_path):
    """Too few return periods for the assets: optimize warns; the backtest says it once for the
    run (how many rebalances, the first date), on stderr and in the JSON notes - not 100 times."""
    out = tmp_path / "bt.json"
    code = main(["backtest", "--data", "sample", "--lookback", "12", "--start", "2022-01-01", "--json", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    lines = [line for line in err.splitlines() if "return periods for" in line]
    assert len(lines) == 1, err
    assert lines[0].startswith("allocator: warning: at ") and " of " in lines[0] and "rebalances (the first on 2022-01-31)" in lines[0]
    assert "understated" in lines[0]
    doc = json.loads(out.read_text())
    assert any("return periods for" in n for n in doc["notes"])
    # a long enough window: no such warning
    main(["backtest", "--data", "sample", "--lookback", "36", "--start", "2023-01-01", "--json", str(out)])
    assert "return periods for" not in capsys.readouterr().err
