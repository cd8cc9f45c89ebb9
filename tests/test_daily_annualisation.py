"""Issue 10 defect 3: daily returns are annualised by the periods actually observed.

Daily returns are taken between dates on which every selected asset traded;
with Tokyo and New York together that is about 238 returns a year, each a
little longer than a day.  Annualising them by 252 inflated every variance
by ~6 % and made an asset's volatility depend on which other assets were
selected.  Real-data checks skip without ``../shared/data``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from allocator.data.prices import PriceHistory
from allocator.data.returns import Frequency, observed_periods_per_year, to_returns


def test_observed_periods_per_year_counts_returns_per_calendar_year():
    days = pd.bdate_range("2023-01-02", "2024-01-02")  # 262 weekdays, 261 returns in 365 days
    assert observed_periods_per_year(days[1:], days[0]) == pytest.approx(261 / (365 / 365.25))
    # Without the first close the span starts at the first return's end.
    assert observed_periods_per_year(days[1:]) == pytest.approx(260 / (364 / 365.25))
    assert observed_periods_per_year(days[:1]) == 252.0
    assert Frequency.WEEKLY.periods_per_year == 52 and Frequency.MONTHLY.periods_per_year == 12


def _daily(px, cols, start="2015-01-01", end="2024-12-31"):
    history = PriceHistory.from_frame(px[cols + ["JPY=X"]], "csv", "shared prices_daily.csv").window(start, end)
    return to_returns(history, "daily")


@pytest.fixture
def prices(shared_data):
    return pd.read_csv(shared_data / "prices_daily.csv", index_col=0, parse_dates=True)


def test_joint_calendar_is_annualised_by_its_own_count(prices):
    alone = _daily(prices, ["SPY"])
    joint = _daily(prices, ["SPY", "7203.T", "8306.T"])
    # Independent: plain pandas on SPY's own closes, returns per calendar year.
    spy = prices["SPY"].loc["2015-01-01":"2024-12-31"].dropna()
    r = spy.pct_change().dropna()
    years = (spy.index[-1] - spy.index[0]).days / 365.25
    assert alone.periods_per_year == pytest.approx(len(r) / years, rel=1e-12)
    assert alone.periods_per_year == pytest.approx(251.6, abs=0.1)
    assert 232 < joint.periods_per_year < 244  # US and Tokyo trading days in common
    np.testing.assert_allclose(alone.local["SPY"].to_numpy(), r.to_numpy(), atol=1e-12)


@pytest.mark.parametrize("ticker", ["SPY", "7203.T"])
def test_volatility_does_not_depend_on_unrelated_assets(prices, ticker):
    """Adding assets of the other market changes an asset's volatility by noise only (< 1 %; it was +2.1-2.3 %)."""
    other = ["7203.T", "8306.T"] if ticker == "SPY" else ["SPY", "LMT"]
    alone = _daily(prices, [ticker])
    joint = _daily(prices, [ticker, *other])
    vol = {k: float(s.local[ticker].std(ddof=1) * np.sqrt(s.periods_per_year)) for k, s in (("a", alone), ("j", joint))}
    mean = {k: float(s.local[ticker].mean() * s.periods_per_year) for k, s in (("a", alone), ("j", joint))}
    assert vol["j"] / vol["a"] - 1 == pytest.approx(0, abs=0.01)
    assert mean["j"] == pytest.approx(mean["a"], abs=0.01)  # annual mean, within 1 point
