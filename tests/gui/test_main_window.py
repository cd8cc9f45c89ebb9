"""The main window end to end, with a synchronous engine and a shared model."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from allocator.gui import messages
from allocator.gui.controls import set_theme_target, with_constraints

pytestmark = pytest.mark.gui


def frontier_data(win, name="unhedged"):
    x, y = win.frontier.curves[name].getData()
    return np.asarray(x).copy(), np.asarray(y).copy()


def test_first_allocation_is_drawn(window):
    a = window.allocation
    assert a is not None
    assert abs(sum(a.weights.values()) - 1) < 1e-6
    assert window.table_model.rowCount() == len(a.held(5e-5))
    assert window.frontier.frontier_count() == 1
    assert len(window.bars.tickers) == len(a.held(5e-4))
    assert window.metrics.labels["ret"].text().endswith("%")
    assert "simulated sample" in window.data_label.text()
    assert "Solved in" in window.solve_label.text()
    assert window.controls.isEnabled()
    assert window.windowTitle().startswith("Untitled")


def test_theme_slider_changes_weights_and_plots(window):
    before = dict(window.allocation.weights)
    bars_before = list(window.bars.tickers)
    x0, y0 = frontier_data(window)
    row = window.themes.rows["japan_core"]
    row.check.setChecked(True)  # target the theme at its current share
    row.slider.setValue(300)  # 30.0 %
    a = window.allocation
    assert a.theme_weights["japan_core"] == pytest.approx(0.30, abs=1e-4)
    assert a.weights != before
    assert window.bars.tickers != bars_before
    x1, y1 = frontier_data(window)
    assert len(x1) == len(x0) and not np.allclose(y0, y1)
    assert row.spin.value() == pytest.approx(30.0)
    assert window.run.optimization.constraints.theme_targets["japan_core"] == pytest.approx(0.30)
    assert window.themes.rows["japan_core"].result.text() == "30.0%"
    assert window.isWindowModified()


def test_slider_drag_is_one_undo_step_and_undo_redo_restore(window):
    start_run = window.run
    row = window.themes.rows["defense"]
    row.check.setChecked(True)
    for v in (100, 150, 200, 250):
        row.slider.setValue(v)
    assert window.undo.count() == 2  # tick + one merged drag
    assert window.run.optimization.constraints.theme_targets["defense"] == pytest.approx(0.25)
    w25 = dict(window.allocation.weights)
    window.act_undo.trigger()
    assert row.slider.value() != 250
    window.act_undo.trigger()
    assert window.run == start_run
    assert not row.check.isChecked()
    assert not window.isWindowModified()
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert window.run.optimization.constraints.theme_targets["defense"] == pytest.approx(0.25)
    assert row.slider.value() == 250
    assert window.allocation.weights == pytest.approx(w25, abs=1e-6)


@pytest.mark.parametrize(
    "panel_edit",
    [
        lambda w: w.limits.cap.setValue(8.0),
        lambda w: w.currency.slider.setValue(100),
        lambda w: w.currency.optimal.setChecked(True),
        lambda w: w.objective.combo.setCurrentIndex(w.objective.combo.findData("min-variance")),
        lambda w: w.limits.country["JP"][0].setValue(40),
    ],
    ids=["cap", "hedge", "optimal-hedge", "objective", "country"],
)
def test_every_control_edit_is_undoable(window, panel_edit):
    start_run, start_weights = window.run, dict(window.allocation.weights)
    panel_edit(window)
    assert window.run != start_run
    assert window.allocation.weights != pytest.approx(start_weights, abs=1e-6)
    window.act_undo.trigger()
    assert window.run == start_run
    assert window.allocation.weights == pytest.approx(start_weights, abs=1e-6)


def test_hedging_draws_three_frontiers(window):
    window.currency.slider.setValue(50)
    names = {n for n, c in window.frontier.curves.items() if c.isVisible()}
    assert names == {"unhedged", "hedged", "optimal", "current"}
    assert window.allocation.hedge_ratios["JPY"] == pytest.approx(0.5, abs=1e-6)
    window.currency.slider.setValue(100)
    names = {n for n, c in window.frontier.curves.items() if c.isVisible()}
    assert names == {"unhedged", "hedged", "optimal"}


def test_infeasible_setting_shows_message_and_keeps_last_result(window):
    before = window.allocation
    window.edit("too much", lambda run: with_constraints(run, theme_targets={"defense": 0.7, "semis_ai": 0.6}))
    assert window.banner.isVisible()
    assert "Infeasible" in window.banner.text()
    assert "130" in window.banner.text() or "sum" in window.banner.text()
    assert window.allocation is before
    assert window.table_model.rowCount() > 0
    window.act_undo.trigger()
    assert not window.banner.isVisible()


def test_invalid_value_is_refused_inline(window):
    start = window.run
    assert not window.edit("bad", lambda run: with_constraints(run, country_bounds={"JP": (0.8, 0.2)}))
    assert window.run == start
    assert "lower bound" in window.banner.text()
    assert window.undo.count() == 0


def test_normalise_targets(window):
    window.edit("a", set_theme_target("defense", 0.3))
    window.edit("b", set_theme_target("semis_ai", 0.3))
    window.act_normalise.trigger()
    t = window.run.optimization.constraints.theme_targets
    assert t == {"defense": pytest.approx(0.5), "semis_ai": pytest.approx(0.5)}
    assert "100.0%" in window.themes.sum_label.text()


def test_click_frontier_point_adopts_it(window):
    front = window.frontier._frontiers["unhedged"]
    p = front.points[len(front.points) // 3]
    pts = window.frontier.dots["unhedged"].points()
    window.frontier._on_dots_clicked(window.frontier.dots["unhedged"], [pts[len(front.points) // 3]])
    o = window.run.optimization
    assert o.objective.value == "target-return"
    assert o.target == pytest.approx(p.expected_return, abs=1e-6)
    assert window.allocation.volatility == pytest.approx(p.volatility, rel=1e-3)
    assert window.objective.combo.currentData() == "target-return"


def test_save_and_reopen_through_menu_gives_same_state(window, tmp_path, monkeypatch):
    window.edit("a", set_theme_target("semis_ai", 0.35))
    window.currency.slider.setValue(60)
    window.limits.cap.setValue(12)
    saved_run, saved_weights = window.run, dict(window.allocation.weights)
    path = tmp_path / "mine.alloc.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.act_save.trigger()
    assert path.exists()
    assert json.loads(path.read_text())["format"] == "allocator.allocation"
    assert window.windowTitle().startswith("mine.alloc.json")
    assert not window.isWindowModified()
    window.act_new.trigger()
    assert window.run.optimization.constraints.theme_targets == {}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.act_open.trigger()
    assert window.run.to_dict() == saved_run.to_dict()
    assert window.allocation.weights == pytest.approx(saved_weights, abs=1e-6)
    assert window.currency.slider.value() == 60
    assert window.path == str(path)
    assert window.prefs.recent_files()[0] == str(path.resolve())
    assert window.recent_menu.actions()[0].toolTip() == str(path.resolve())


def test_unsaved_changes_prompt_on_new(window, monkeypatch):
    window.edit("a", set_theme_target("semis_ai", 0.35))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel)
    window.act_new.trigger()
    assert asked and window.run.optimization.constraints.theme_targets  # cancelled: nothing lost
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.act_new.trigger()
    assert window.run.optimization.constraints.theme_targets == {}


def test_open_bad_file_shows_message(window, tmp_path):
    bad = tmp_path / "bad.alloc.json"
    bad.write_text("{not json")
    assert not window.open_file(str(bad), ask=False)
    errors = [m for m in messages.bus.history if m.level is messages.Level.ERROR]
    assert errors and "bad.alloc.json" in errors[-1].text
    assert window.allocation is not None


def test_export_csv_asks_for_capital(window, tmp_path, monkeypatch):
    out = tmp_path / "alloc.csv"
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *a, **k: (250000.0, True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.act_export.trigger()
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:6] == ["ticker", "name", "theme", "country", "currency", "weight"]
    held = {r[0] for r in rows[1:] if r and r[0] in window.allocation.weights}
    assert held == set(window.allocation.held())
    assert window.prefs.last_capital == 250000.0
    assert window.prefs.capital(window.run.base) == 250000.0  # offered again for this base currency


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_export_plot(window, tmp_path, monkeypatch, suffix):
    out = tmp_path / f"frontier.{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.act_export_plot.trigger()
    assert out.exists() and out.stat().st_size > 1000


def test_table_sorts_and_copies(window):
    view = window.table
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    tickers = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    assert tickers == sorted(tickers)
    view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    text = view.copy()
    lines = text.strip().split("\n")
    assert lines[0].startswith("Ticker\tName\tTheme")
    weights = [float(line.split("\t")[5]) for line in lines[1:]]
    assert weights == sorted(weights, reverse=True)
    assert QApplication.clipboard().text() == text
    window.show_all.setChecked(True)
    assert window.table_model.rowCount() >= len(window.run.universe.assets)


def test_hedge_row_in_table(window):
    window.currency.slider.setValue(100)
    rows = [window.table_model.row_dict(r) for r in range(window.table_model.rowCount())]
    hedge = [r for r in rows if r["ticker"] == "JPY hedge"]
    assert hedge and hedge[0]["weight"] < 0


def test_base_currency_change_re_estimates(window):
    window.currency.base.setCurrentIndex(window.currency.base.findData("JPY"))
    assert window.run.base == "JPY"
    assert window.allocation.base == "JPY"
    assert "USD" in window.allocation.hedge_ratios


def test_excepthook_never_shows_a_traceback(window):
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        messages.excepthook(type(exc), exc, exc.__traceback__)
    msg = messages.bus.history[-1]
    assert msg.level is messages.Level.ERROR
    assert "Traceback" not in msg.text and "boom" in msg.text
    assert "Traceback" in msg.detail


def test_about_lists_versions():
    from allocator.gui.dialogs import versions

    names = dict(versions())
    assert {"Allocator", "Qt", "PySide6", "cvxpy", "pyqtgraph"} <= set(names)


def test_add_ticker_with_prices_in_the_sample(window):
    assert "GD" not in window.run.universe
    assert window.add_ticker("GD", "defense", "General Dynamics")
    assert "GD" in window.run.universe
    assert "GD" in window.allocation.weights
    window.act_undo.trigger()
    assert "GD" not in window.run.universe


def test_import_csv_switches_source(window, tmp_path, built):
    frame = built.history.prices.copy()
    frame["JPY=X"] = built.history.fx.reindex(frame.index)
    path = tmp_path / "prices.csv"
    frame.iloc[-800:].to_csv(path, index_label="Date")
    assert window.import_csv(str(path))
    assert window.run.data == f"csv:{path}"
    assert window.allocation is not None
    assert "prices.csv" in window.data_label.text()


def test_window_state_survives_restart(make_window, qsettings):
    w1 = make_window()
    w1.resize(w1.minimumSizeHint().width() + 13, 700)
    size = w1.size()
    w1.close()
    assert w1.prefs.geometry()[0] is not None
    w2 = make_window(start=False)
    assert w2.size() == size


def test_import_csv_with_a_few_tickers_narrows_what_is_shown(window, tmp_path, built):
    few = ["NVDA", "LMT", "8001.T", "8306.T", "DXJ"]
    frame = built.history.prices[few].copy()
    frame["JPY=X"] = built.history.fx.reindex(frame.index)
    path = tmp_path / "few.csv"
    frame.iloc[-800:].to_csv(path, index_label="Date")
    assert window.import_csv(str(path))
    assert window.build.universe.tickers == few or set(window.build.universe.tickers) == set(few)
    shown = {window.table_model.row_dict(r)["ticker"] for r in range(window.table_model.rowCount())}
    assert shown - {"JPY hedge"} <= set(few)
    window.show_all.setChecked(True)
    shown = {window.table_model.row_dict(r)["ticker"] for r in range(window.table_model.rowCount())}
    assert shown - {"JPY hedge"} == set(few)
    assert set(window.bars.tickers) <= set(few)
    assert len(window.frontier.assets.data) == len(few)
    held_themes = {window.run.universe.asset(t).theme for t in few}
    for key, row in window.themes.rows.items():
        assert row.check.isEnabled() == (key in held_themes)
        if key not in held_themes:
            assert row.result.text() == "no data"
    assert window.notice.isVisible()
    assert "5 of" in window.notice.text()
    window.tabs.setCurrentIndex(1)
    labels = [t[1] for t in window.breakdown.themes.plot.getAxis("left")._tickLevels[0]]
    assert len(labels) == len(held_themes)
    window.act_undo.trigger()  # back to the sample: everything again
    assert not window.notice.isVisible()
    assert all(r.check.isEnabled() for r in window.themes.rows.values())


def test_import_csv_without_any_known_ticker_is_refused(window, tmp_path, built):
    frame = built.history.prices[["NVDA"]].rename(columns={"NVDA": "ZZZZ"})
    path = tmp_path / "none.csv"
    frame.iloc[-300:].to_csv(path, index_label="Date")
    start = window.run
    assert not window.import_csv(str(path))
    assert window.run == start


def test_hidden_chart_tabs_are_drawn_when_shown(window):
    window.tabs.setCurrentIndex(0)
    row = window.themes.rows["defense"]
    row.check.setChecked(True)
    row.slider.setValue(250)
    assert 1 in window._tabs_dirty  # the breakdown is hidden: not drawn yet
    window.tabs.setCurrentIndex(1)
    assert 1 not in window._tabs_dirty
    names = [t.toPlainText() for t in window.breakdown.themes.texts if t.isVisible()]
    assert "25.0%" in names
