"""Notes (edited, undone, saved) and opening a file by dropping it on the window."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from allocator.gui import messages
from allocator.gui.controls import set_theme_target

pytestmark = pytest.mark.gui


def type_notes(win, text: str) -> None:
    win.act_edit_notes.trigger()
    win.notes_dock.edit.setPlainText(text)
    win.notes_dock.commit()  # what the pause timer does


def test_notes_are_undoable_and_mark_the_file_modified(window):
    type_notes(window, "Rebalance in March")
    assert window.notes_dock.isVisible()
    assert window.notes == "Rebalance in March"
    assert window.isWindowModified()
    assert window.undo.undoText() == "Edit notes"
    window.act_undo.trigger()
    assert window.notes == ""
    assert window.notes_dock.edit.toPlainText() == ""
    assert not window.isWindowModified()
    window.act_redo.trigger()
    assert window.notes_dock.edit.toPlainText() == "Rebalance in March"


def test_typing_in_one_burst_is_one_undo_step(window):
    for text in ("R", "Re", "Reb"):
        type_notes(window, text)
    assert window.undo.count() == 1
    window.edit("a", set_theme_target("defense", 0.2))  # a settings step in between
    type_notes(window, "Rebalance")
    assert window.undo.count() == 3
    window.act_undo.trigger()
    assert window.notes == "Reb"


def test_notes_pause_timer_commits(window, qtbot):
    window.act_notes.trigger()
    window.notes_dock.edit.setPlainText("typed")
    assert window.notes == ""  # not yet: typing is still going on
    qtbot.waitUntil(lambda: window.notes == "typed", timeout=3000)


def test_notes_are_saved_and_reopened(window, tmp_path, monkeypatch):
    window.notes_dock.edit.setPlainText("Thesis: the US-Japan chip pact holds.\nCheck 8001.T after results.")
    path = tmp_path / "noted.alloc.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.act_save.trigger()  # commits the pending typing first
    assert json.loads(path.read_text())["notes"].startswith("Thesis: the US-Japan chip pact holds.")
    assert not window.isWindowModified()
    window.act_new.trigger()
    assert window.notes == "" and window.notes_dock.edit.toPlainText() == ""
    assert window.open_file(str(path), ask=False)
    assert window.notes_dock.edit.toPlainText().endswith("Check 8001.T after results.")
    assert window.undo.count() == 0


def _drop(win, path: str, mime: QMimeData | None = None):
    mime = mime or QMimeData()
    if mime is not None and not mime.hasUrls():
        mime.setUrls([QUrl.fromLocalFile(path)])
    pos = QPoint(win.width() // 2, win.height() // 2)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, enter)
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, drop)
    return enter, drop


def test_drop_an_allocation_file_opens_it(window, tmp_path, qtbot):
    window.edit("a", set_theme_target("semis_ai", 0.35))
    path = tmp_path / "dropped.alloc.json"
    assert window.save_to(str(path))
    saved = window.run.to_dict()
    window.act_new.trigger()
    assert window.run.to_dict() != saved
    enter, drop = _drop(window, str(path))
    assert enter.isAccepted() and drop.isAccepted()
    qtbot.waitUntil(lambda: window.path == str(path), timeout=5000)
    assert window.run.to_dict() == saved
    assert window.windowTitle().startswith("dropped.alloc.json")


def test_drop_of_other_files_is_refused(window, tmp_path, qtbot):
    # (price CSVs are accepted since issue 15 item 5: tests/gui/test_user_way_data.py)
    other = tmp_path / "notes.txt"
    other.write_text("Date,A\n2024-01-02,1\n")
    start = window.run
    enter, drop = _drop(window, str(other))
    assert not enter.isAccepted()
    qtbot.wait(50)
    assert window.run == start and window.path is None


def test_drop_of_a_broken_file_is_a_message(window, tmp_path, qtbot):
    bad = tmp_path / "broken.alloc.json"
    bad.write_text("{not json")
    before = window.allocation
    _drop(window, str(bad))
    qtbot.waitUntil(lambda: any(m.level is messages.Level.ERROR for m in messages.bus.history), timeout=5000)
    assert window.allocation is before


def test_plots_follow_a_dark_palette_at_run_time(window):
    from PySide6.QtGui import QPalette

    from allocator.gui import style

    app = QApplication.instance()
    light = app.palette()
    try:
        app.setPalette(style.dark_palette())
        QApplication.processEvents()
        base = style.dark_palette().color(QPalette.ColorRole.Base)
        text = style.dark_palette().color(QPalette.ColorRole.Text)
        for plot in (window.frontier, window.bars):
            assert plot.backgroundBrush().color() == base
            assert plot.getPlotItem().getAxis("left").textPen().color() == text
        assert window.breakdown.backgroundBrush().color() == base
        assert all(t.color == text for t in window.breakdown.themes.texts)
        assert all(label.opts["color"] == text for _s, label in window.frontier.legend.items)
        assert window.table_model._negative.color().lightness() > 128  # a light red on dark
    finally:
        app.setPalette(light)
        QApplication.processEvents()
    assert window.frontier.backgroundBrush().color() == light.color(QPalette.ColorRole.Base)


def test_application_has_the_bundled_icon(qapp):
    from allocator.gui.app import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert icon.availableSizes(), "no icon sizes found in resources/icons"
