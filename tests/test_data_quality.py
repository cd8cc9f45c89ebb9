"""Data-quality report: history length, gaps, stale prices, outliers, short histories."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from yf_fake import SHARED_DATA  # noqa: E402

from allocator.data.prices import PriceHistory  # noqa: E402
from allocator.data.quality import COLUMNS, common_start, format_quality, quality_report, short_history  # noqa: E402


def make_history():
    idx = pd.bdate_range("2020-01-01", "2023-12-29")
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(
        {t: 100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx)))) for t in ["OLD", "NEW", "GAPPY", "STALE", "JUMP"]},
        index=idx,
    )
    frame.loc[frame.index < "2022-06-01", "NEW"] = np.nan  # listed mid-2022
    frame.loc["2021-03-01":"2021-03-31", "GAPPY"] = np.nan  # a month without prices
    frame.loc["2021-05-03":"2021-05-14", "STALE"] = frame.loc["2021-05-03", "STALE"]  # 10 unchanged days
    frame.loc["2022-01-03":, "JUMP"] *= 1.6  # one +60 % day
    frame["JPY=X"] = 110.0 + np.arange(len(idx)) * 0.01
    return PriceHistory.from_frame(frame, "csv", "test")


def test_report_columns_and_counts():
    r = quality_report(make_history(), "2020-01-01", "2023-12-31")
    assert list(r.columns) == COLUMNS
    assert list(r.index) == ["OLD", "NEW", "GAPPY", "STALE", "JUMP", "JPY=X"]
    assert r.loc["OLD", "rows"] == 1043 and r.loc["OLD", "coverage"] == 1.0
    assert r.loc["OLD", "first"].isoformat() == "2020-01-01"
    assert r.loc["GAPPY", "gaps"] == 1 and r.loc["GAPPY", "longest_gap_days"] > 30
    assert r.loc["STALE", "stale_runs"] == 1 and r.loc["STALE", "longest_stale_run"] == 10
    assert r.loc["JUMP", "outliers"] == 1 and r.loc["JUMP", "largest_move"] == pytest.approx(np.log(1.6), abs=0.05)
    assert str(r.loc["JUMP", "largest_move_date"]) == "2022-01-03"
    assert r.loc["OLD", ["gaps", "stale_runs", "outliers"]].sum() == 0


def test_short_history_is_flagged_before_it_shrinks_the_window():
    h = make_history()
    r = quality_report(h, "2020-01-01", "2023-12-31")
    assert short_history(r) == ["NEW"]
    assert r.loc["NEW", "limits_window"]
    assert "starts 2022-06-01" in r.loc["NEW", "notes"]
    assert common_start(h).isoformat() == "2022-06-01"
    # a window starting after the listing: nobody is short
    assert short_history(quality_report(h, "2022-07-01", "2023-12-31")) == []
    # no window given: measured against the longest history
    assert short_history(quality_report(h)) == ["NEW"]
    assert "NEW" in format_quality(r)


def test_asset_with_no_prices_in_window():
    h = make_history()
    r = quality_report(h, "2020-01-01", "2021-12-31")
    assert r.loc["NEW", "rows"] == 0 and r.loc["NEW", "short_history"]


def test_real_data_flags_the_short_histories():
    if not (SHARED_DATA / "prices_daily.csv").is_file():
        pytest.skip(f"real test data not found at {SHARED_DATA}")
    from allocator.data.sources import load_csv

    h = load_csv(SHARED_DATA / "prices_daily.csv")
    r = quality_report(h, "2015-01-01", "2024-12-31")
    assert {"CRWD", "MP", "6723.T", "5713.T", "6762.T", "6506.T", "6752.T"} <= set(short_history(r))
    assert not r.loc["LMT", "short_history"] and r.loc["LMT", "gaps"] == 0
    assert r.loc["PLUG", "outliers"] >= 1  # large real moves are flagged for review
