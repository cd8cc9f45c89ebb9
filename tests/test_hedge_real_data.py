"""Toyota (7203.T) in dollars, monthly 2015-2024, from the real series in ../shared/data.

The reference figures are computed here from the raw files with plain
pandas - the dollar price ``P / S`` instead of the ``(1 + r)(1 + f) - 1``
formula, FRED's percent rates divided by 100 - and the app's code path
(returns, translation, rate-history import, carry, hedged returns, the
market model and the optimiser) must reproduce them.  Skips without the data.

The lesson (README, "Currency and hedging"): the stock rises when the yen
falls, so for a dollar investor the yen *offsets* Toyota's own risk;
hedging it away raises the dollar volatility from about 21 % to 24 %.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from allocator.currency import Rates, hedged_returns, load_rate_history, translate
from allocator.data.prices import PriceHistory
from allocator.data.returns import to_returns
from allocator.model import model_from_returns
from allocator.optimize import Constraints, HedgeSetting, Objective, OptimizationSettings, Optimizer
from allocator.universe import Asset

TOYOTA = Asset(ticker="7203.T", name="Toyota", country="JP", currency="JPY", theme="exporters")
START, END = "2014-12-01", "2024-12-31"  # Dec-2014 close to Dec-2024 close: 120 monthly returns


def reference(shared) -> dict[str, pd.Series]:
    """Independent: month-end closes, dollar price P/S, carry from FRED percent rates."""
    px = pd.read_csv(shared / "prices_daily.csv", index_col=0, parse_dates=True)
    rates = pd.read_csv(shared / "rates_monthly.csv", index_col=0, parse_dates=True)
    p = px["7203.T"].dropna().resample("ME").last().loc["2014-12":"2024-12"]
    s = px["JPY=X"].dropna().resample("ME").last().loc["2014-12":"2024-12"]
    local = p.pct_change().dropna()
    usd = (p / s).pct_change().dropna()
    yen = (s.shift(1) / s - 1).dropna()  # dollar value of one yen
    months = local.index.to_period("M").to_timestamp()  # FRED dates a month by its first day
    i_us = rates["US_3M"].reindex(months).to_numpy() / 100
    i_jp = rates["JP_short"].reindex(months).to_numpy() / 100
    carry = pd.Series((1 + i_us / 12) / (1 + i_jp / 12) - 1, index=local.index)
    return {"local": local, "unhedged": usd, "hedged": usd + carry - yen, "yen": yen, "carry": carry}


def ann(x: pd.Series) -> tuple[float, float]:
    return float(x.mean() * 12), float(x.std(ddof=1) * np.sqrt(12))


@pytest.fixture
def toyota(shared_data, tmp_path):
    px = pd.read_csv(shared_data / "prices_daily.csv", index_col=0, parse_dates=True)[["7203.T", "JPY=X"]]
    history = PriceHistory.from_frame(px, "csv", "shared prices_daily.csv").window(START, END)
    returns = to_returns(history, "monthly")
    # The user's import path: a Date,USD,JPY file in percent (test copy in tmp only).
    raw = pd.read_csv(shared_data / "rates_monthly.csv")
    csv = tmp_path / "rates.csv"
    raw.rename(columns={"US_3M": "USD", "JP_short": "JPY"}).to_csv(csv, index=False)
    rates = Rates({"USD": 0.0375, "JPY": 0.005}, load_rate_history(csv, "percent"))
    return returns, rates, reference(shared_data)


def test_toyota_local_unhedged_and_hedged_figures(toyota):
    returns, rates, ref = toyota
    assert len(returns.local) == 120
    assert returns.local.index[0].strftime("%Y-%m") == "2015-01"
    assert rates.covered(returns.local.index) == 1.0
    local = returns.local["7203.T"]
    unhedged = translate(returns.local, ["JPY"], returns.fx_jpy, "USD")["7203.T"]
    hedged = hedged_returns(returns.local, ["JPY"], returns.fx_jpy, "USD", rates, 1.0, 12)["7203.T"]
    np.testing.assert_allclose(returns.fx_jpy.to_numpy(), ref["yen"].to_numpy(), atol=1e-12)
    for ours, theirs in ((local, ref["local"]), (unhedged, ref["unhedged"]), (hedged, ref["hedged"])):
        np.testing.assert_allclose(ours.to_numpy(), theirs.to_numpy(), atol=1e-12)
        assert ann(ours) == pytest.approx(ann(theirs), abs=1e-10)

    (m_l, v_l), (m_u, v_u), (m_h, v_h) = ann(local), ann(unhedged), ann(hedged)
    # The figures quoted in README.md, to the rounding shown there.
    assert (round(m_l, 3), round(v_l, 3)) == (0.131, 0.238)
    assert (round(m_u, 3), round(v_u, 3)) == (0.097, 0.206)
    assert (round(m_h, 3), round(v_h, 3)) == (0.137, 0.237)
    assert round(ann(ref["yen"])[0], 3) == -0.023 and round(ann(ref["carry"])[0], 3) == 0.017
    # The lesson: hedging the yen raises Toyota's dollar volatility.
    assert v_h > v_u + 0.025
    assert np.corrcoef(local, returns.fx_jpy)[0, 1] < -0.4


def test_toyota_against_the_calibration_file(toyota, shared_data):
    """A second, looser reference: the calibration's USD figures (daily translation, 119 months)."""
    import json

    cal = json.loads((shared_data / "calibration_2015_2024.json").read_text())
    returns, _, _ = toyota
    unhedged = translate(returns.local, ["JPY"], returns.fx_jpy, "USD")["7203.T"]
    m, v = ann(unhedged.loc["2015-02":])
    assert v == pytest.approx(cal["usd"]["stats"]["7203.T"]["vol_ann"], abs=0.003)
    assert m == pytest.approx(cal["usd"]["stats"]["7203.T"]["mean_arith_ann"], abs=0.003)


def test_toyota_model_and_min_variance_hedge(toyota):
    returns, rates, ref = toyota
    model = model_from_returns(returns, [TOYOTA], "USD", "historical", "sample", rates, fx_expected=None)
    _, v_u = ann(ref["unhedged"])
    _, v_h = ann(ref["hedged"])
    for x, vol in ((np.array([1.0, 0.0]), v_u), (np.array([1.0, 1.0]), v_h)):
        assert np.sqrt(x @ model.cov @ x) == pytest.approx(vol, abs=1e-10)
    assert model.mu[0] == pytest.approx(ann(ref["unhedged"])[0], abs=1e-10)
    # Minimum variance for a dollar investor holding only Toyota: leave the yen unhedged
    # (the unclipped ratio cov(R, f)/var(f) is negative).
    s = OptimizationSettings(Objective.MIN_VARIANCE, constraints=Constraints(hedge=HedgeSetting.optimal()))
    a = Optimizer(model).optimize(s)
    assert np.cov(ref["unhedged"], ref["yen"])[0, 1] < 0
    assert a.hedge_ratios["JPY"] == pytest.approx(0.0, abs=1e-6)
    assert a.volatility == pytest.approx(v_u, abs=1e-6)
    # Risk attribution: the unhedged yen diversifies (negative contribution).
    assert a.attribution["total"]["risk_currency"] < 0
