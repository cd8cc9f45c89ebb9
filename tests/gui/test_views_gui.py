"""Issue 11: the Views panel, the prior rows, the Expected returns tab and the new-document defaults,
driven the user's way (keys, clicks, actions)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

pytestmark = pytest.mark.gui


def theme_weight(win, key):
    return win.allocation.theme_weights.get(key, 0.0)


def choose(qtbot, combo, data):
    """Step a combo box with the arrow keys (as a user would) until it shows ``data``."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - combo.currentIndex())):
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target


def type_value(qtbot, spin, text):
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_a_view_moves_the_allocation_live_without_re_estimating(make_window, qtbot):
    win = make_window()
    panel = win.views_panel
    serial, problems = win.engine._model_serial, win.engine._optimizer._problems
    choose(qtbot, panel.mode, "equilibrium")
    assert win.run.estimation.mean.value == "equilibrium"
    before = theme_weight(win, "energy")
    row = panel.rows["energy"]
    choose(qtbot, row.kind, "")  # "returns"
    type_value(qtbot, row.ret, "40")
    view = win.run.prior.views[0]
    assert (view.theme, view.ret, view.confidence) == ("energy", 0.40, 0.5)
    assert win.run.estimation.mean.value == "black-litterman"  # a view switches to the posterior
    mid = theme_weight(win, "energy")
    assert mid > before + 0.02
    row.conf.setFocus()
    qtbot.keyClick(row.conf, Qt.Key.Key_PageUp)  # +10 points of confidence
    assert win.run.prior.views[0].confidence == pytest.approx(0.6)
    assert row.conf_label.text() == "60%"
    assert theme_weight(win, "energy") > mid
    # no new model, the compiled problems reused: the posterior is a re-solve
    assert win.engine._model_serial == serial and win.engine._optimizer._problems is problems
    # the posterior used is in the result the file stores
    i = win.build.model.tickers.index("NVDA")
    assert win.allocation.asset_returns["NVDA"] != pytest.approx(float(win.build.mu_hist[i]), abs=1e-3)
    win.act_undo.trigger()
    assert win.run.prior.views[0].confidence == pytest.approx(0.5)
    assert row.conf.value() == 50
    assert theme_weight(win, "energy") == pytest.approx(mid, abs=1e-6)
    for _ in range(3):
        win.act_undo.trigger()
    assert win.run.prior.views == () and win.run.estimation.mean.value == "historical"
    assert row.kind.currentData() is None and not row.ret.isEnabled()
    win.act_redo.trigger()
    win.act_redo.trigger()
    assert win.run.prior.views[0].theme == "energy" and row.kind.currentData() == ""
    win.undo.setClean()


def test_full_confidence_makes_the_view_hold_on_the_chart(make_window, qtbot):
    win = make_window()
    row = win.views_panel.rows["defense"]
    choose(qtbot, row.kind, "")
    type_value(qtbot, row.ret, "9")
    row.conf.setFocus()
    qtbot.keyClick(row.conf, Qt.Key.Key_End)
    assert win.run.prior.views[0].confidence == 1.0
    win.tabs.setCurrentWidget(win.returns_plot)
    rows = win.returns_plot.rows
    i = rows.keys.index("defense")
    assert rows.posterior[i] == pytest.approx(0.09, abs=1e-9)  # 100% sure: the view holds exactly
    assert rows.view[i] == pytest.approx(0.09)
    assert np.isfinite(rows.prior).all() and (rows.se > 0).all()
    assert "posterior" in win.returns_plot.caption.text()
    # by asset: history +- sigma/sqrt(years) for each ticker
    qtbot.mouseClick(win.returns_plot.by_asset, Qt.MouseButton.LeftButton)
    rows = win.returns_plot.rows
    m = win.build.model
    assert rows.keys == tuple(m.tickers)
    years = m.periods / win.build.returns.periods_per_year
    np.testing.assert_allclose(rows.se, np.sqrt(np.diag(m.asset_cov) / years))
    np.testing.assert_allclose(rows.history, win.build.mu_hist)
    np.testing.assert_allclose(rows.posterior, [win.allocation.asset_returns[t] for t in m.tickers], atol=1e-12)
    win.undo.setClean()


def test_relative_view_and_the_historical_switch(make_window, qtbot):
    win = make_window()
    row = win.views_panel.rows["semis_ai"]
    choose(qtbot, row.kind, "defense")  # "beats Defence & aerospace by"
    v = win.run.prior.views[0]
    assert (v.long, v.short, v.ret) == ("semis_ai", "defense", 0.02)
    bl = dict(win.allocation.weights)
    serial = win.engine._model_serial
    choose(qtbot, win.views_panel.mode, "historical")
    assert "in-sample" in win.views_panel.mode.currentText()
    assert "not used" in win.views_panel.info.text()
    assert win.allocation.weights != pytest.approx(bl, abs=1e-4)
    assert win.engine._model_serial == serial  # one click, no re-estimation
    assert win.estimation.mean.currentData() == "historical"
    choose(qtbot, win.estimation.mean, "black-litterman")  # the Estimation panel says the same
    assert win.views_panel.mode.currentData() == "black-litterman"
    assert win.allocation.weights == pytest.approx(bl, abs=1e-6)
    win.views_panel.clear.click()
    assert win.run.prior.views == ()
    win.undo.setClean()


def test_a_relative_view_is_stated_whole_when_its_box_is_too_narrow(make_window, qtbot):
    """The closed "beats ..." box is narrow (the panel fits 1280 px in Japanese): its face ends in
    an ellipsis rather than cutting a word, and the panel's foot states the view in full."""
    win = make_window()
    row = win.views_panel.rows["defense"]
    choose(qtbot, row.kind, "automation")  # "beats Automation & industrials by"
    full = row.kind.currentText()
    assert full == "beats Automation & industrials by"
    qtbot.waitUntil(lambda: row.kind.geometry().right() < win.views_panel.width())  # laid out
    shown = row.kind.shown_text()
    assert shown != full and shown.endswith("…") and full.startswith(shown[:-1])
    assert row.kind.fontMetrics().horizontalAdvance(shown) <= row.kind.width()
    info = win.views_panel.info.text()
    assert "Defence & aerospace beats Automation & industrials by 2.0% (50% sure)" in info
    type_value(qtbot, row.ret, "3")
    assert "beats Automation & industrials by 3.0%" in win.views_panel.info.text()
    type_value(qtbot, win.prior_rows.delta, "2.5")
    assert "δ 2.50 (given)" in win.views_panel.info.text()
    win.language_actions["ja"].trigger()  # View ▸ Language ▸ 日本語: the foot line follows
    info = win.views_panel.info.text()
    assert "防衛・航空宇宙が自動化・資本財を3.0%上回る" in info
    assert "δ 2.50（指定値）" in info or "δ 2.50 (指定値)" in info, info
    win.language_actions["en"].trigger()
    choose(qtbot, row.kind, None)  # no view: the statement goes
    assert "beats" not in win.views_panel.info.text()
    # a short choice is shown whole
    choose(qtbot, row.kind, "")
    assert row.kind.shown_text() == row.kind.currentText() == "returns"
    win.undo.setClean()


def test_reference_and_delta_in_the_estimation_panel(make_window, qtbot, tmp_path):
    win = make_window()
    pr = win.prior_rows
    choose(qtbot, win.views_panel.mode, "equilibrium")
    assert "market-cap reference" in win.views_panel.info.text()
    assert "market-implied" in win.views_panel.info.text()
    type_value(qtbot, pr.delta, "3")
    assert win.run.prior.risk_aversion == 3.0
    assert "δ 3.00 (given)" in win.views_panel.info.text()
    pr.reference.setFocus()
    qtbot.keyClick(pr.reference, Qt.Key.Key_Down)  # Equal weights
    assert win.run.prior.reference == "equal"
    assert "equal-weight reference" in win.views_panel.info.text()
    # the equilibrium identity in the app: max utility at delta, no cap -> the reference itself
    from allocator.optimize.settings import Objective

    choose(qtbot, win.objective.combo, "max-utility")
    type_value(qtbot, win.objective.param, "3")
    n = len(win.build.model.tickers)
    np.testing.assert_allclose(list(win.allocation.weights.values()), np.full(n, 1 / n), atol=1e-5)
    assert win.run.optimization.objective is Objective.MAX_UTILITY
    # a saved allocation as the reference
    saved = tmp_path / "ref.alloc.json"
    assert win.save_to(str(saved))
    pr.pick_file = lambda: str(saved)
    qtbot.keyClick(pr.reference, Qt.Key.Key_Down)
    assert win.run.prior.reference == "file" and win.run.prior.reference_file == str(saved)
    assert pr.reference.currentText() == "Allocation: ref.alloc.json"
    win.act_undo.trigger()
    assert win.run.prior.reference == "equal"
    win.undo.setClean()


def test_views_are_saved_and_opened_again(make_window, qtbot, tmp_path):
    win = make_window()
    row = win.views_panel.rows["energy"]
    choose(qtbot, row.kind, "")
    type_value(qtbot, row.ret, "6.5")
    type_value(qtbot, win.prior_rows.delta, "2.5")
    path = tmp_path / "v.alloc.json"
    assert win.save_to(str(path))
    doc = json.loads(path.read_text())
    s = doc["settings"]
    assert s["views"] == [{"theme": "energy", "return": 0.065, "confidence": 0.5}]
    assert s["estimation"]["mean"] == "black-litterman" and s["prior_risk_aversion"] == 2.5
    assert doc["result"]["asset_returns"] == pytest.approx(win.allocation.asset_returns)
    weights = dict(win.allocation.weights)
    win.views_panel.clear.click()
    assert win.open_file(str(path), ask=False)
    assert win.run.prior.views[0].theme == "energy"
    assert win.views_panel.rows["energy"].ret.value() == pytest.approx(6.5)
    assert win.views_panel.mode.currentData() == "black-litterman"
    assert win.prior_rows.delta.value() == pytest.approx(2.5)
    assert win.allocation.weights == pytest.approx(weights, abs=1e-6)


def test_a_new_document_opens_on_the_equilibrium_with_a_cap(make_window, qtbot, monkeypatch):
    win = make_window()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    win.act_new.trigger()
    qtbot.waitUntil(lambda: win.allocation is not None and win.allocation_run == win.run, timeout=60000)
    run = win.run
    assert run.estimation.mean.value == "equilibrium" and run.prior.reference == "market-cap" and run.prior.views == ()
    assert run.optimization.constraints.max_weight == pytest.approx(0.10)
    assert max(win.allocation.weights.values()) <= 0.10 + 1e-6
    assert len(win.allocation.held(5e-4)) >= 15  # diversified
    assert win.views_panel.mode.currentText() == "Equilibrium prior (no views)"
    assert "market-cap reference" in win.views_panel.info.text()
    assert win.prior_rows.reference.currentText() == "Market cap"
    assert win.limits.cap.value() == pytest.approx(10.0)
    i = win.views_panel.mode.findData("historical")
    assert "in-sample" in win.views_panel.mode.itemText(i)


def test_expected_returns_chart_exports(make_window, qtbot, tmp_path, monkeypatch):
    win = make_window()
    win.tabs.setCurrentWidget(win.returns_plot)
    out = tmp_path / "er.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "PNG image (*.png)")))
    win.act_export_tab.trigger()
    assert out.exists() and out.stat().st_size > 1000


def test_an_asset_without_a_market_cap_is_named_in_the_views_panel(make_window, monkeypatch):
    from allocator import marketcaps

    caps = {t: c for t, c in marketcaps.all_caps().items() if t != "LMT"}
    monkeypatch.setattr(marketcaps, "all_caps", lambda: caps)  # as for a ticker added by the user
    win = make_window()
    text = win.views_panel.info.text()
    assert "no market capitalisation yet for LMT" in text and "equal weight inside its theme" in text


def test_the_frontier_shows_the_assets_at_the_returns_in_use(make_window, qtbot):
    win = make_window()
    x, y = win.frontier.assets.getData()
    np.testing.assert_allclose(y, win.build.mu_hist)  # historical means
    choose(qtbot, win.views_panel.mode, "equilibrium")
    x, y = win.frontier.assets.getData()
    np.testing.assert_allclose(y, [win.allocation.asset_returns[t] for t in win.build.model.tickers])
    np.testing.assert_allclose(y, win.views_panel._prior.prior)
    win.undo.setClean()
