"""Issue 10 "Uncertainty" in the window: Sharpe ± s.e. in the metrics strip, the table's ± s.e.
column, and the resampled frontier band (worker, cancelled by the next move, drawn when ready)."""

from __future__ import annotations

import re

import numpy as np
import pytest

pytestmark = pytest.mark.gui


def _menu_action(win, name):
    for menu_action in win.menuBar().actions():
        for a in menu_action.menu().actions():
            if a.objectName() == name:
                return a
    raise AssertionError(f"no menu action {name}")


def test_metrics_strip_and_table_show_standard_errors(window, built, sample_run):
    from allocator.uncertainty import allocation_uncertainty

    a = window.allocation
    assert a is not None
    text = window.metrics.labels["sharpe"].text()
    m = re.fullmatch(r"(\d+\.\d\d) ± (\d+\.\d\d)", text)
    assert m, text
    # Independently: the core's standard error for the allocation on screen.
    u = allocation_uncertainty(built, a, window.allocation_run)
    assert float(m.group(1)) == pytest.approx(a.sharpe, abs=0.005)
    assert float(m.group(2)) == pytest.approx(u.sharpe_se, abs=0.005)
    model = window.table_model
    keys = [c[0] for c in __import__("allocator.gui.table", fromlist=["COLUMNS"]).COLUMNS]
    col = keys.index("return_se")
    assert model.headerData(col, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal) == "± s.e."
    for r in range(model.rowCount()):
        row = model.row_dict(r)
        if row["ticker"] in u.asset_return_se:
            shown = model.data(model.index(r, col))
            assert shown.startswith("± ") and row["return_se"] == pytest.approx(u.asset_return_se[row["ticker"]])


def test_resampled_band_is_drawn_when_ready_and_cancelled_by_the_next_move(window, qtbot, tmp_path):
    band = window.band
    band.resamples, band.points = 6, 12
    action = _menu_action(window, "act_resampled_band")
    assert not action.isChecked() and not band.visible  # optional, off by default
    with qtbot.waitSignal(band.band_ready, timeout=120_000) as got:
        action.trigger()  # View > Resampled frontier band
    result = got.args[0]
    assert result.resamples == 6 and band.visible
    ok = np.isfinite(result.lo)
    assert ok.sum() > 10 and (result.hi[ok] >= result.lo[ok]).all()
    window.grab().save(str(tmp_path / "band.png"))

    # A long band, then the user moves a slider: the band is cancelled, never drawn stale.
    band.resamples = 400
    action.trigger()  # off
    assert not band.visible
    action.trigger()  # on again: a long band starts in its worker
    assert band.running
    seen = []
    band.band_ready.connect(seen.append)
    slider = window.currency.slider
    with qtbot.waitSignal(band.band_cancelled, timeout=30_000):
        slider.setValue(50 if slider.value() != 50 else 0)
    # The move's frontier starts a band for the new settings (not drawn yet); stop it and let threads end.
    assert window.allocation.hedge_ratios["JPY"] == pytest.approx(slider.value() / 100, abs=1e-6)
    band.cancel()
    assert band.runner.wait(60_000)
    qtbot.wait(50)
    assert not seen and not band.visible  # nothing from the cancelled runs reached the plot
    action.trigger()
    assert not band.visible and not band.running


def test_dropped_periods_and_unreachable_target_reach_the_user(window, qtbot, monkeypatch):
    """Defect 9 in the window: dropped weeks in the data tooltip and Data > Data quality; a target met as
    a bound in the banner; both in the saved file's data.notes."""
    assert "2 weekly periods left out of the estimate" in window.data_label.toolTip()
    window.act_quality.trigger()
    dlg = window.quality_dialog
    assert dlg.dropped_label.isVisibleTo(dlg) and "2019-05-03, 2019-05-10" in dlg.dropped_label.text()
    dlg.close()

    panel = window.objective  # Objective > Aim: target volatility, then type 90 in its spin box
    panel.combo.setCurrentIndex(panel.combo.findData("target-vol"))
    panel.param.setValue(90.0)
    qtbot.waitUntil(lambda: window.allocation is not None and window.allocation_run.optimization.target == pytest.approx(0.9), timeout=30_000)
    assert "target volatility 90% is above the highest volatility" in window.banner.text()
    doc = window._document()
    notes = doc.data["notes"]
    assert any("weekly periods left out" in n for n in notes) and any("target volatility 90%" in n for n in notes)
    assert doc.result["metrics"]["sharpe_se"] > 0 and doc.result["asset_return_se"]


def test_the_band_stops_before_a_moves_work_and_starts_after_its_frontiers_are_drawn(window, qtbot):
    """The band never shares the GIL with a move: cancelled when the edit begins, started a moment after
    the move's frontiers are drawn (not by the same signal, while the window still paints them)."""
    band = window.band
    band.resamples, band.points = 400, 12
    action = _menu_action(window, "act_resampled_band")
    action.trigger()  # View > Resampled frontier band: a long band starts in its worker
    assert band.running
    at_submit, at_drawn = [], []
    submit = window.engine.submit

    def watched(run):
        at_submit.append(band.running)
        submit(run)

    window.engine.submit = watched
    window.results_drawn.connect(lambda: at_drawn.append(band.running))
    slider = window.currency.slider  # the hedge ratio
    assert slider.isEnabled()
    slider.setFocus()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(slider, Qt.Key.Key_Right)  # the user's way
    qtbot.waitUntil(lambda: bool(at_drawn), timeout=30_000)
    assert at_submit == [False]  # stopped before the engine was asked
    assert at_drawn[0] is False  # not yet: the window was drawing the move's frontiers
    qtbot.waitUntil(lambda: band.running, timeout=5_000)  # then it goes on, for the new settings
    # an edit that changes nothing leaves a running band running
    window.edit("nothing", lambda run: run)
    assert band.running
    window.engine.submit = submit
    action.trigger()
    assert band.runner.wait(60_000) and not band.running
