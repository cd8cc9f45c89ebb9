"""The Backtest tab the user's way: button clicks, the menu action, Cancel, exports."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

pytestmark = pytest.mark.gui


def _annual(tab):
    tab.rebalance.setCurrentIndex(tab.rebalance.findData("annually"))  # 7 rebalances: quick
    tab._timer.stop()


def test_run_button_draws_curves_drawdowns_weights_and_table(window, qtbot):
    tab = window.backtest
    window.tabs.setCurrentWidget(tab)
    _annual(tab)
    with qtbot.waitSignal(tab.backtest_drawn, timeout=60000):
        qtbot.mouseClick(tab.run_button, Qt.MouseButton.LeftButton)
    res = tab.result
    assert set(tab.curves) == set(res.strategies) >= {"optimised", "equal-weight", "theme-targets", "fixed"}
    x, y = tab.curves["optimised"].getData()
    wealth = res.strategies["optimised"].wealth
    assert len(x) == len(wealth)
    assert tab.equity.getViewBox().state["logMode"][1]  # log scale
    assert np.allclose(tab.dd_curves["equal-weight"].getData()[1].max(), 0.0)
    assert tab.dd_curves["optimised"].getData()[1].min() == pytest.approx(res.strategies["optimised"].metrics["max_drawdown"])
    # stacked area: the top theme line reaches 100% at every rebalance
    _x, themes, cum = tab.theme_weights(res)
    assert np.allclose(cum[:, -1], 1.0) and len(tab.areas) >= 3
    assert tab.table.columnCount() == len(res.strategies)
    assert tab.table.item(0, 0).text().endswith("%")
    assert "rebalances" in tab.status.text()
    assert tab.progress.value() == tab.progress.maximum() == 7
    # the window settings are what ran
    assert res.settings.rebalance.value == "annually"


def test_menu_action_runs_and_exports(window, qtbot, tmp_path, monkeypatch):
    tab = window.backtest
    _annual(tab)
    with qtbot.waitSignal(tab.backtest_drawn, timeout=60000):
        window.act_backtest.trigger()
    assert window.tabs.currentWidget() is tab
    for name in ("curves.png", "curves.svg"):
        path = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, p=str(path), **k: (p, ""))
        qtbot.mouseClick(tab.export_curves_button, Qt.MouseButton.LeftButton)
        assert path.exists() and path.stat().st_size > 1000
    out = tmp_path / "table.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(tab.export_table_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader(out.open()))
    assert rows[0][0] == "metric" and rows[0][1] == "optimised"
    sharpe = next(r for r in rows if r[0] == "sharpe")
    assert float(sharpe[1]) == pytest.approx(tab.result.strategies["optimised"].metrics["sharpe"])


def test_cancel_in_a_worker_never_blocks(make_window, qtbot):
    win = make_window(synchronous=False)
    qtbot.waitUntil(lambda: win.allocation is not None and win.plots_ready, timeout=30000)
    tab = win.backtest
    tab.rebalance.setCurrentIndex(tab.rebalance.findData("monthly"))
    tab._timer.stop()
    with qtbot.waitSignal(tab.backtest_cancelled, timeout=60000):
        qtbot.mouseClick(tab.run_button, Qt.MouseButton.LeftButton)
        assert tab.running and tab.cancel_button.isEnabled()  # returned at once: the GUI thread is free
        qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    assert tab.result is None and "cancelled" in tab.status.text().lower()
    assert not tab.cancel_button.isEnabled()


def test_settings_change_reruns_once_idle(window, qtbot):
    tab = window.backtest
    _annual(tab)
    with qtbot.waitSignal(tab.backtest_drawn, timeout=60000):
        qtbot.mouseClick(tab.run_button, Qt.MouseButton.LeftButton)
    first = tab.result
    tab._timer.setInterval(10)
    window.limits  # a settings change in the left panels: cap every asset at 10%
    from allocator.gui.controls import with_constraints

    with qtbot.waitSignal(tab.backtest_drawn, timeout=60000):
        window.edit("Max weight 10%", lambda run: with_constraints(run, max_weight=0.1))
    assert tab.result is not first
    w = tab.result.strategies["optimised"].rebalances[0].weights
    assert max(w.values()) <= 0.1 + 1e-6


def test_legends_and_headers_speak_to_the_user(window, qtbot):
    """Legends and the table's headers show names a user reads, not the JSON keys."""
    tab = window.backtest
    _annual(tab)
    with qtbot.waitSignal(tab.backtest_drawn, timeout=60000):
        qtbot.mouseClick(tab.run_button, Qt.MouseButton.LeftButton)
    strategies = [label.text for _sample, label in tab.legend.items]
    assert "Optimised" in strategies and "Equal weight" in strategies and "Fixed (today's)" in strategies
    assert not {"optimised", "equal-weight", "theme-targets"} & set(strategies)
    themes = [label.text for _sample, label in tab.weights_legend.items]
    names = {t.key: t.name for t in window.backtest.run.universe.themes}
    assert themes and set(themes) <= set(names.values())
    headers = [tab.table.horizontalHeaderItem(j).text() for j in range(tab.table.columnCount())]
    assert "Equal\nweight" in headers and "equal-weight" not in headers
