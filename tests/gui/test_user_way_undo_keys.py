"""Issue 15 item 4: Ctrl+Z / Ctrl+Shift+Z from a focused spin box or date field; '&' in undo texts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _type_value(qtbot, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_ctrl_z_in_a_spin_box_undoes_the_value_just_entered(window, qtbot):
    win = window
    cap = win.limits.cap
    before = win.run.optimization.constraints.max_weight
    _type_value(qtbot, cap, "7")
    assert win.run.optimization.constraints.max_weight == pytest.approx(0.07)
    assert cap.hasFocus() or win.focusWidget() is cap
    qtbot.keyClick(cap, Qt.Key.Key_Z, CTRL)
    assert win.run.optimization.constraints.max_weight == pytest.approx(before)
    assert cap.value() == pytest.approx(before * 100)
    qtbot.keyClick(cap, Qt.Key.Key_Z, CTRL | SHIFT)
    assert win.run.optimization.constraints.max_weight == pytest.approx(0.07)
    win.undo.setClean()


def test_ctrl_z_while_typing_keeps_the_line_edit_undo(window, qtbot):
    """Typed but not entered: Ctrl+Z takes back the typing, the settings stay."""
    win = window
    cap = win.limits.cap
    cap.setFocus()
    cap.selectAll()
    qtbot.keyClicks(cap, "9")
    steps = win.undo.count()
    qtbot.keyClick(cap, Qt.Key.Key_Z, CTRL)
    assert win.undo.count() == steps and win.undo.index() == steps
    assert "9" not in cap.lineEdit().text() or cap.lineEdit().text().startswith("100")
    win.undo.setClean()


def test_ctrl_z_in_a_date_field_undoes_the_window_start(window, qtbot):
    win = window
    start = win.estimation.start
    assert win.run.estimation.start is None
    start.setFocus()
    start.setDate(start.edge)  # a step away from 'earliest'
    assert win.run.estimation.start is not None
    qtbot.keyClick(start, Qt.Key.Key_Z, CTRL)
    assert win.run.estimation.start is None
    assert start.text() == "earliest"
    qtbot.keyClick(start, Qt.Key.Key_Z, CTRL | SHIFT)
    assert win.run.estimation.start is not None
    win.undo.setClean()


def test_ctrl_z_in_a_theme_spin_box(window, qtbot):
    win = window
    row = next(iter(win.themes.rows.values()))
    row.check.click()
    assert row.key in win.run.optimization.constraints.theme_targets
    _type_value(qtbot, row.spin, "30")
    assert win.run.optimization.constraints.theme_targets[row.key] == pytest.approx(0.30)
    win.undo.command(win.undo.index() - 1).stamp -= 10  # not merged with a later edit
    qtbot.keyClick(row.spin, Qt.Key.Key_Z, CTRL)
    assert win.run.optimization.constraints.theme_targets.get(row.key) != pytest.approx(0.30)
    win.undo.setClean()


def test_undo_menu_text_keeps_the_ampersand(window, qtbot):
    win = window
    row = next(r for r in win.themes.rows.values() if "&" in r.name)
    row.check.click()
    text = win.act_undo.text()
    assert "&&" in text
    assert row.name in win.act_undo.iconText()  # what the menu shows, mnemonics removed
    assert win.undo.text(win.undo.index() - 1) == f"Target {row.name}"
    win.undo.setClean()
