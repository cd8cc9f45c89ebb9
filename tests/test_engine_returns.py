"""Returns: calendar alignment, frequencies, FX direction; estimators."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from allocator.currency import currency_return, translate
from allocator.data.prices import PriceHistory
from allocator.data.returns import Frequency, to_returns
from allocator.errors import DataError
from allocator.estimators import covariance, expected_returns, james_stein, nearest_positive_definite


def _history(days=400, seed=0, holidays_us=(), holidays_jp=()):
    rng = np.random.default_rng(seed)
    idx = pd.bdate_range("2020-01-01", periods=days)
    us = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, days)))
    jp = 2000 * np.exp(np.cumsum(rng.normal(0, 0.01, days)))
    fx = 110 * np.exp(np.cumsum(rng.normal(0, 0.005, days)))
    frame = pd.DataFrame({"US1": us, "JP1.T": jp, "JPY=X": fx}, index=idx)
    for d in holidays_us:
        frame.loc[pd.Timestamp(d), "US1"] = np.nan
    for d in holidays_jp:
        frame.loc[pd.Timestamp(d), "JP1.T"] = np.nan
    return PriceHistory.from_frame(frame, "csv", "test"), frame


def test_daily_returns_skip_either_market_holiday_without_filling():
    hist, frame = _history(holidays_us=["2020-02-17"], holidays_jp=["2020-02-11"])
    r = to_returns(hist, "daily")
    assert pd.Timestamp("2020-02-17") not in r.local.index
    assert pd.Timestamp("2020-02-11") not in r.local.index
    # The return after a holiday spans both days: compound, not an invented zero.
    us = frame["US1"]
    expected = us[pd.Timestamp("2020-02-18")] / us[pd.Timestamp("2020-02-14")] - 1
    assert r.local.loc["2020-02-18", "US1"] == pytest.approx(expected)
    jp = frame["JP1.T"]
    assert r.local.loc["2020-02-12", "JP1.T"] == pytest.approx(jp["2020-02-12"] / jp["2020-02-10"] - 1)


def test_weekly_returns_use_last_close_and_fx_direction():
    hist, frame = _history()
    r = to_returns(hist, "weekly")
    assert r.periods_per_year == 52
    wk = frame.resample("W-FRI").last()
    exp_us = wk["US1"] / wk["US1"].shift() - 1
    pd.testing.assert_series_equal(r.local["US1"], exp_us.reindex(r.local.index), check_names=False)
    # Yen in dollars: S_{t-1}/S_t - 1 (S = yen per dollar); a rising S is a falling yen.
    exp_f = wk["JPY=X"].shift() / wk["JPY=X"] - 1
    pd.testing.assert_series_equal(r.fx_jpy, exp_f.reindex(r.local.index), check_names=False)


def test_translation_is_exact_and_mirrors():
    hist, _ = _history()
    r = to_returns(hist, "weekly")
    usd = translate(r.local, ["USD", "JPY"], r.fx_jpy, "USD")
    np.testing.assert_allclose(usd["JP1.T"], (1 + r.local["JP1.T"]) * (1 + r.fx_jpy) - 1)
    np.testing.assert_allclose(usd["US1"], r.local["US1"])
    jpy = translate(r.local, ["USD", "JPY"], r.fx_jpy, "JPY")
    # A dollar in yen and a yen in dollars multiply back to one.
    np.testing.assert_allclose((1 + currency_return(r.fx_jpy, "JPY")) * (1 + r.fx_jpy), 1.0)
    np.testing.assert_allclose(jpy["US1"], (1 + r.local["US1"]) / (1 + r.fx_jpy) - 1)


def test_short_history_is_reported():
    hist, frame = _history(days=60)
    with pytest.raises(DataError, match="only .* weekly returns"):
        to_returns(hist, "weekly")


def test_late_starter_limits_the_common_window():
    hist, frame = _history(days=500)
    frame = frame.copy()
    frame.loc[: frame.index[300], "JP1.T"] = np.nan
    r = to_returns(PriceHistory.from_frame(frame, "csv", "t"), "weekly")
    assert r.start > frame.index[300]
    cov = {c.ticker: c for c in r.coverage}
    assert cov["JP1.T"].first > cov["US1"].first


def test_frequency_parse():
    assert Frequency.parse("W") is Frequency.WEEKLY
    with pytest.raises(Exception):
        Frequency.parse("hourly")


def test_estimators():
    rng = np.random.default_rng(1)
    x = pd.DataFrame(rng.normal(0.001, 0.02, size=(300, 5)), columns=list("abcde"))
    mu = expected_returns(x, 52)
    np.testing.assert_allclose(mu, x.mean() * 52)
    cov = covariance(x, 52, "sample")
    np.testing.assert_allclose(cov, x.cov() * 52)
    lw = covariance(x, 52, "ledoit-wolf")
    # Shrinkage pulls off-diagonals toward zero relative to the sample estimate.
    off = ~np.eye(5, dtype=bool)
    assert np.abs(lw.to_numpy()[off]).sum() < np.abs(cov.to_numpy()[off]).sum()
    ew = covariance(x, 52, "ewma", halflife=20)
    assert np.all(np.linalg.eigvalsh(ew) > 0)
    js = james_stein(x.to_numpy())
    raw = x.to_numpy().mean(axis=0)
    assert np.abs(js - raw.mean()).sum() <= np.abs(raw - raw.mean()).sum() + 1e-15
    ewm = expected_returns(x, 52, "ewma", halflife=10)
    assert ewm.shape == (5,)


def test_nearest_positive_definite_repairs():
    a = np.array([[1.0, 0.99, 0.0], [0.99, 1.0, 0.99], [0.0, 0.99, 1.0]])  # indefinite
    assert np.linalg.eigvalsh(a).min() < 0
    fixed = nearest_positive_definite(a)
    assert np.linalg.eigvalsh(fixed).min() > 0
    np.testing.assert_allclose(fixed, fixed.T)
    good = np.eye(3)
    np.testing.assert_array_equal(nearest_positive_definite(good), good)


@pytest.mark.parametrize("freq", ["weekly", "monthly"])
def test_period_closes_equal_pandas_resample_last(freq):
    """The numpy period closes are pandas' ``resample(rule).last()`` exactly,
    gaps, leading/trailing NaN and empty periods included (frames and series)."""
    from allocator.data.returns import Frequency, _period_closes

    rng = np.random.default_rng(5)
    days = pd.bdate_range("2019-12-20", "2021-03-10")
    values = rng.uniform(50, 150, (len(days), 4))
    values[rng.random(values.shape) < 0.3] = np.nan
    values[:40, 1] = np.nan  # starts late
    values[-25:, 2] = np.nan  # stops early
    values[100:140, 3] = np.nan  # a month and more without a close
    frame = pd.DataFrame(values, index=days, columns=["A", "B", "C", "D"])
    f = Frequency.parse(freq)
    expected = frame.resample(f.rule).last()
    got = _period_closes(frame, f)
    np.testing.assert_array_equal(got.index.normalize(), expected.index.normalize())
    np.testing.assert_array_equal(got.to_numpy(), expected.to_numpy())
    series = frame["D"].rename("JPY=X")
    got_s = _period_closes(series, f)
    np.testing.assert_array_equal(got_s.to_numpy(), series.resample(f.rule).last().to_numpy())
    assert got_s.name == "JPY=X"
