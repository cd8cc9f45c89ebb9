"""Issue 10 defect 9: messages that show the gap, targets met as bounds said so, dropped periods
reported, price dates actually used, and a theme without data named as such."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from allocator import cli
from allocator.data.prices import PriceHistory
from allocator.data.returns import to_returns
from allocator.errors import InfeasibleError
from allocator.model import model_from_assumptions
from allocator.optimize import Optimizer
from allocator.optimize.diagnose import pcts
from allocator.optimize.settings import Constraints, Objective, OptimizationSettings
from allocator.universe import Asset


def test_pcts_shows_the_gap():
    assert pcts(1 / 3, 3 * (1 / 3 - 1e-6), 1.0)[:2] == ["33.3333%", "99.9997%"]
    assert pcts(0.12730001, 0.1273) == ["12.730001%", "12.73%"]
    assert pcts(0.25, 0.5) == ["25%", "50%"]


def _model(n=3):
    assets = [Asset(f"A{i}", f"A{i}", "US", "USD", "t") for i in range(n)]
    cov = np.diag([0.04, 0.05, 0.06][:n])
    return model_from_assumptions(assets, np.array([0.05, 0.07, 0.09][:n]), cov)


def test_cap_conflict_message_shows_the_shortfall():
    """A 33.33% cap on 3 assets: the message must not read 'can invest at most 100%'."""
    opt = Optimizer(_model())
    s = OptimizationSettings(objective=Objective.MIN_VARIANCE, constraints=Constraints(max_weight=0.33333))
    with pytest.raises(InfeasibleError) as e:
        opt.optimize(s)
    assert "a 33.333% cap across 3 assets can invest at most 99.999%" in str(e.value)


def test_target_return_above_the_top_shows_digits():
    opt = Optimizer(_model())
    s = OptimizationSettings(objective=Objective.TARGET_RETURN, target=0.09 + 3e-7)
    with pytest.raises(InfeasibleError) as e:
        opt.optimize(s)
    text = str(e.value)
    target, top = text.split("target return ")[1].split(" is above the highest reachable ")
    assert target != top.split(" ")[0]


@pytest.mark.parametrize("objective, target, words", [
    ("target-vol", "0.9", "target volatility 90% is above the highest volatility"),
    ("target-return", "-0.5", "target return -50% is below the return of the least-risk portfolio"),
])
def test_unreachable_target_from_the_other_side_is_said(tmp_path, capsys, objective, target, words):
    out = tmp_path / "t.alloc.json"
    assert cli.main(["optimize", "--data", "sample", "--objective", objective, "--target", target, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert words in err
    notes = json.loads(out.read_text())["data"]["notes"]
    assert any(words in n for n in notes)


def test_reachable_target_has_no_note(tmp_path, capsys):
    out = tmp_path / "t.alloc.json"
    assert cli.main(["optimize", "--data", "sample", "--objective", "target-vol", "--target", "0.2", "-o", str(out)]) == 0
    assert "target volatility" not in capsys.readouterr().err


def _two_markets(weeks_closed=("2019-04-29", "2019-05-06")):
    days = pd.bdate_range("2019-01-01", "2019-12-31")
    rng = np.random.default_rng(0)
    us = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(days))))
    jp = 1000 * np.exp(np.cumsum(rng.normal(0, 0.01, len(days))))
    frame = pd.DataFrame({"US1": us, "1111.T": jp}, index=days)
    closed = (days >= weeks_closed[0]) & (days <= weeks_closed[1])
    frame.loc[closed, "1111.T"] = np.nan  # Golden Week: Tokyo shut
    return PriceHistory.from_frame(frame, "csv", "test")


def test_weekly_dates_are_price_dates_and_dropped_weeks_are_listed():
    r = to_returns(_two_markets(), "weekly")
    # 2019-12-31 is a Tuesday: the weekly period's label is Friday 2020-01-03, in the future.
    assert r.local.index[-1] == pd.Timestamp("2020-01-03")
    assert r.end == pd.Timestamp("2019-12-31")
    assert r.start == pd.Timestamp("2019-01-04")  # the close the first return starts from
    assert [str(d.date()) for d in r.dropped] == ["2019-05-03", "2019-05-10"]


def test_cli_reports_dropped_periods_and_price_dates(tmp_path, capsys):
    out = tmp_path / "a.alloc.json"
    assert cli.main(["optimize", "--data", "sample", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 weekly periods left out of the estimate" in err and "2019-05-03, 2019-05-10" in err
    d = json.loads(out.read_text())["data"]
    assert d["end"] == "2024-12-31"  # the last price, not Friday 2025-01-03
    assert d["start"] == "2015-01-09"  # the first price used, not the end of the first return (2015-01-16)
    assert any("weekly periods left out" in n for n in d["notes"])


def test_quality_report_lists_dropped_periods():
    from allocator.data.quality import format_dropped

    text = format_dropped(to_returns(_two_markets(), "weekly"))
    assert "2 weekly periods left out" in text and "1111.T: no return in 2 weekly periods" in text


def test_theme_without_data_is_not_called_unknown(tmp_path, capsys):
    """A CSV with only Japanese defence names: --theme semis_ai=0.2 names the theme as having no data."""
    days = pd.bdate_range("2020-01-01", "2023-12-29")
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({t: 1000 * np.exp(np.cumsum(rng.normal(0, 0.01, len(days)))) for t in ("7011.T", "7012.T")},
                         index=days)
    frame["JPY=X"] = 110 * np.exp(np.cumsum(rng.normal(0, 0.003, len(days))))
    path = tmp_path / "p.csv"
    frame.to_csv(path, index_label="Date")
    code = cli.main(["optimize", "--data", f"csv:{path}", "--theme", "semis_ai=0.2", "-o", str(tmp_path / "x.alloc.json")])
    err = capsys.readouterr().err
    assert code == 2
    assert "theme semis_ai has no assets with data" in err and "unknown theme" not in err
    code = cli.main(["optimize", "--data", f"csv:{path}", "--theme", "nonsense=0.2", "-o", str(tmp_path / "y.alloc.json")])
    assert code == 2 and "unknown theme" in capsys.readouterr().err
