"""Issue 15: features driven the way a user reaches them (actions, keys, clicks)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from allocator.gui import messages

pytestmark = pytest.mark.gui


def _stub_dialogs(monkeypatch):
    """Every modal dialog answers 'cancel' at once, so each action runs to its end."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("", False)))
    monkeypatch.setattr(QInputDialog, "getDouble", staticmethod(lambda *a, **k: (0.0, False)))
    for name in ("information", "warning", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QDialog, "open", lambda self: None)


def _menu_actions(menu_or_bar):
    """Every action a user can reach through the menus (submenus included)."""
    out = []
    for a in menu_or_bar.actions():
        if a.menu() is not None:
            out += _menu_actions(a.menu())
        elif not a.isSeparator():
            out.append(a)
    return out


def _internal_errors():
    return [m for m in messages.bus.history if m.detail or "Something went wrong" in m.text]


def test_every_main_window_action_triggers_without_internal_error(make_window, monkeypatch, qtbot, capsys):
    win = make_window()
    _stub_dialogs(monkeypatch)
    import allocator.gui.dialogs as dialogs

    # the refresh dialog would start a download: let it start, offline, and be cancelled
    monkeypatch.setattr(dialogs.RefreshDialog, "start", lambda self: None)
    skip = {win.act_quit}
    actions = [a for a in _menu_actions(win.menuBar()) if a not in skip and a.isEnabled()]
    assert len(actions) > 25
    triggered = []
    for a in actions:
        if a.text() in ("", None):
            continue
        a.trigger()
        qtbot.wait(5)
        triggered.append(a.text())
        errors = _internal_errors()
        assert not errors, f"{a.text()!r}: {errors[0].text}"
    assert any("Refresh" in t for t in triggered)
    win.undo.setClean()


def test_refresh_action_reaches_the_dialog_with_the_universe(make_window, monkeypatch, qtbot):
    win = make_window()
    import allocator.gui.dialogs as dialogs

    seen = {}
    monkeypatch.setattr(dialogs.RefreshDialog, "start", lambda self: seen.setdefault("started", True))
    monkeypatch.setattr(dialogs.RefreshDialog, "open", lambda self: None)
    orig = dialogs.RefreshDialog.__init__

    def init(self, runner, tickers, *a, **k):
        seen["tickers"] = tickers
        orig(self, runner, tickers, *a, **k)

    monkeypatch.setattr(dialogs.RefreshDialog, "__init__", init)
    win.act_refresh.trigger()
    assert not _internal_errors()
    assert seen.get("started")
    assert list(seen["tickers"]) == list(win.run.universe.tickers)


def test_internal_error_shown_in_a_label_still_logs_its_traceback(capsys):
    def boom():
        raise ZeroDivisionError("x")

    try:
        boom()
    except ZeroDivisionError as exc:
        text, _ = messages.describe(exc)
        messages.describe(exc)  # a second path showing the same error logs nothing more
    err = capsys.readouterr().err
    assert "Something went wrong" in text
    assert err.count("Traceback (most recent call last)") == 1 and "in boom" in err


def test_end_date_latest_cannot_be_stepped_before_the_data(make_window, qtbot):
    """Item 15.6: one Up press on 'latest' lands on the last price date, not on 1990-01-02."""
    win = make_window()
    end = win.estimation.end
    assert end.text() == "latest"
    end.setFocus()
    qtbot.keyClick(end, Qt.Key.Key_Up)
    last = win.build.history.prices.index.max().date() if hasattr(win.build, "history") else None
    assert end.text() != "latest"
    assert end.date().year() >= 2000
    if last is not None:
        assert end.date().toPython() <= last
    assert win.banner.isHidden() or "Cannot estimate" not in win.banner.text()


def test_model_error_is_one_banner_not_a_modal_per_edit(make_window, qtbot, monkeypatch):
    win = make_window()
    opened = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.open", lambda self: opened.append(self.text()))
    start = win.estimation.start
    for day in ("1995-01-01", "1995-02-01", "1995-03-01"):
        from PySide6.QtCore import QDate

        # a window that ends before any data: the model cannot be estimated
        win.estimation.end.setDate(QDate.fromString(day, "yyyy-MM-dd"))
        qtbot.wait(5)
    assert opened == []
    assert "Cannot estimate the model" in win.banner.text()
    win.undo.setClean()
