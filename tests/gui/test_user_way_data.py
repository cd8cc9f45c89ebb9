"""Issue 15 items 5, 10, 13, 14: import a folder / dropped CSVs, the data-quality dialog, the first
seconds' panels, and the smaller items (marker colour, "no data", refresh bar, remove ticker,
capital by currency, --screenshot and the user's settings)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QInputDialog, QTableView

from allocator.gui import messages

pytestmark = pytest.mark.gui

FEW = ["NVDA", "LMT", "8001.T", "8306.T", "DXJ"]


@pytest.fixture(autouse=True)
def _english(qapp):
    """English texts (an earlier test may leave View ▸ Language on 日本語)."""
    from allocator.gui import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


def _yfinance_folder(folder: Path, built, tickers=FEW) -> Path:
    """One CSV per ticker in yfinance's own layout (three header rows), plus JPY=X."""
    folder.mkdir(parents=True, exist_ok=True)
    prices = built.history.prices.iloc[-700:]
    series = {t: prices[t].dropna() for t in tickers}
    series["JPY=X"] = built.history.fx.reindex(prices.index).dropna()
    for t, s in series.items():
        lines = ["Price,Close,High,Low,Open,Volume", f"Ticker,{t},{t},{t},{t},{t}", "Date,,,,,"]
        lines += [f"{d.date()},{v},{v},{v},{v},1000" for d, v in s.items()]
        (folder / f"{t}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# -- item 5 --------------------------------------------------------------------------------------
def test_import_prices_from_a_folder_through_the_menu(window, tmp_path, built, monkeypatch):
    folder = _yfinance_folder(tmp_path / "yf", built)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    window.act_import_folder.trigger()
    assert window.run.data == f"csv:{folder}", [m.text for m in messages.bus.history]
    assert set(window.build.universe.tickers) == set(FEW)
    assert window.allocation is not None and set(window.allocation.weights) <= set(FEW) | {"JPY hedge"}
    window.undo.setClean()


def _drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    accepted = enter.isAccepted()
    if accepted:
        drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(window, drop)
    return accepted


def test_a_csv_dropped_on_the_window_is_imported(window, tmp_path, built, qtbot):
    frame = built.history.prices[FEW].copy()
    frame["JPY=X"] = built.history.fx.reindex(frame.index)
    path = tmp_path / "dropped.csv"
    frame.iloc[-700:].to_csv(path, index_label="Date")
    assert _drop(window, [path])
    qtbot.waitUntil(lambda: window.run.data == f"csv:{path}", timeout=10000)
    assert set(window.build.universe.tickers) == set(FEW)
    window.undo.setClean()


def test_the_files_of_a_yfinance_folder_dropped_together_import_that_folder(window, tmp_path, built, qtbot):
    folder = _yfinance_folder(tmp_path / "yf", built)
    assert _drop(window, sorted(folder.glob("*.csv")))
    qtbot.waitUntil(lambda: window.run.data == f"csv:{folder}", timeout=10000)
    window.undo.setClean()


def test_other_files_are_not_accepted_as_a_drop(window, tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text("x")
    assert not _drop(window, [p])


# -- item 10 -------------------------------------------------------------------------------------
def test_quality_report_is_a_sortable_table_of_the_universe(window, qtbot, built):
    from dataclasses import replace

    # a cache that holds more than the universe: the report lists the universe only
    extra = built.history.prices.assign(ZZZZ=built.history.prices.iloc[:, 0], YYYY=1.0)
    window.build = replace(window.build, history=replace(built.history, prices=extra))
    window.act_quality.trigger()
    dlg = window.quality_dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=20000)
    table = dlg.findChild(QTableView)
    model = table.model()
    tickers = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert tickers == set(window.run.universe.tickers) | {"JPY=X"}
    assert table.isSortingEnabled()
    # click the "Prices" header: rows by the number of prices, numerically
    col = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Prices")
    header = table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(col) + 5, 5))
    values = [model.index(r, col).data(Qt.ItemDataRole.UserRole + 1) for r in range(model.rowCount())]
    assert values == sorted(values) or values == sorted(values, reverse=True)
    assert len(set(values)) >= 1
    dlg.close()
    window.undo.setClean()


def test_quality_report_runs_off_the_gui_thread(make_window, qtbot, monkeypatch):
    win = make_window(synchronous=False)
    qtbot.waitUntil(lambda: win.allocation is not None, timeout=30000)
    import allocator.data.quality as quality

    seen = {}
    real = quality.quality_report

    def spy(*a, **k):
        seen["thread"] = threading.current_thread()
        return real(*a, **k)

    monkeypatch.setattr(quality, "quality_report", spy)
    win.act_quality.trigger()
    dlg = win.quality_dialog
    assert "Computing" in dlg.label.text()
    qtbot.waitUntil(lambda: dlg.report is not None, timeout=30000)
    assert seen["thread"] is not threading.main_thread()
    dlg.close()
    win.undo.setClean()


# -- item 13 -------------------------------------------------------------------------------------
def test_panels_before_the_first_settings_show_no_made_up_values(make_window):
    win = make_window(start=False)
    assert win.limits.cap.text() == "—"
    assert all(s.text() == "—" for s in win.currency.rates.values())
    assert win.estimation.frequency.currentText() == "" and win.estimation.frequency.currentIndex() == -1
    assert win.estimation.start.text() == "earliest" and win.estimation.end.text() == "latest"
    assert "2000" not in win.estimation.start.text()
    shown = [w.text() for w in win.controls.findChildren(type(win.limits.cap))]
    assert not any(t.startswith(("1.0%", "0.0", "USD 0", "JPY 0")) for t in shown), shown


def test_panels_show_the_real_settings_once_they_arrive(window):
    win = window
    assert win.limits.cap.text() != "—"
    assert win.objective.rf.text() == "base short rate"  # its own special text is back
    assert win.estimation.frequency.currentIndex() >= 0
    assert win.objective.param.text() == "—"  # max Sharpe has no parameter: not a real-looking 0.0


def test_free_theme_sliders_track_the_achieved_share(window):
    win = window
    free = [(k, r) for k, r in win.themes.rows.items() if k not in win.run.optimization.constraints.theme_targets]
    assert free
    for key, row in free:
        w = win.allocation.theme_weights.get(key, 0.0)
        assert row.slider.value() == round(w * 1000)
    assert any(row.slider.value() > 0 for _, row in free)


# -- item 14 -------------------------------------------------------------------------------------
def test_max_sharpe_marker_colour_is_no_theme_colour(window):
    brush = window.frontier.max_sharpe.opts["brush"]
    colour = brush.color().name().lower()
    assert colour not in {c.lower() for c in window._colours.values()}


def test_no_data_label_is_not_clipped(window, tmp_path, built, qtbot):
    frame = built.history.prices[FEW].copy()
    frame["JPY=X"] = built.history.fx.reindex(frame.index)
    path = tmp_path / "few.csv"
    frame.iloc[-700:].to_csv(path, index_label="Date")
    assert window.import_csv(str(path))
    qtbot.wait(20)
    rows = [r for r in window.themes.rows.values() if r.result.text() == "no data"]
    assert rows
    for r in rows:
        assert r.result.width() >= r.result.fontMetrics().horizontalAdvance("no data")
    window.undo.setClean()


def test_refresh_bar_is_not_full_when_nothing_was_fetched(window):
    from yf_fake import FakeYahoo

    window.fetch_options = {"downloader": FakeYahoo(), "reachable": lambda: None, "sleep": lambda s: None}
    dlg = window.refresh_prices(["NOSUCH1", "NOSUCH2"])
    assert dlg.report is not None
    assert not any(r.status.has_fresh_data for r in dlg.report.results if r.ticker.startswith("NOSUCH"))
    fresh = sum(1 for r in dlg.report.results if r.status.has_fresh_data)
    assert dlg.bar.value() == fresh < dlg.bar.maximum()
    dlg.accept()


def test_a_user_added_ticker_can_be_removed_from_the_data_menu(window, monkeypatch):
    from allocator.userdata import load_user_universe

    assert window.add_ticker("GD", "defense", "General Dynamics")
    assert "GD" in window.run.universe and "GD" in load_user_universe()
    offered = {}

    def pick(parent, title, label, items, current=0, editable=False, *a, **k):
        offered["items"] = list(items)
        return next(i for i in items if i.startswith("GD")), True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    window.act_remove.trigger()
    assert offered["items"] and all(i.startswith("GD") for i in offered["items"])  # default assets are not offered
    assert "GD" not in window.run.universe
    assert "GD" not in load_user_universe()
    assert window.allocation is not None and "GD" not in window.allocation.weights
    window.undo.setClean()


def test_capital_dialog_offers_an_amount_of_the_base_currency(window, monkeypatch):
    offered = []

    def ask(parent, title, label, value, *a, **k):
        offered.append((label, value))
        return 0.0, False

    monkeypatch.setattr(QInputDialog, "getDouble", staticmethod(ask))
    window.act_export.trigger()
    assert offered[-1][1] == 100_000
    window.currency.base.setCurrentIndex(window.currency.base.findData("JPY"))
    assert window.run.base == "JPY"
    window.act_export.trigger()
    assert "JPY" in offered[-1][0] and offered[-1][1] == 10_000_000
    window.undo.setClean()


def test_screenshot_mode_leaves_the_window_geometry_of_the_user_alone(tmp_path):
    out = tmp_path / "shot.png"
    xdg = tmp_path / "xdg"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(xdg))
    r = subprocess.run(
        [sys.executable, "-m", "allocator", "gui", "--screenshot", str(out)],
        capture_output=True, text=True, env=env, timeout=120, cwd=str(Path(__file__).resolve().parents[2]),
    )
    assert r.returncode == 0, r.stderr
    assert out.exists()
    written = "".join(p.read_text(errors="replace") for p in xdg.rglob("*") if p.is_file())
    assert "geometry" not in written
