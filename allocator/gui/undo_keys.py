"""Ctrl+Z / Ctrl+Shift+Z reach the settings' undo stack from any spin box or date field.

A spin box's line edit claims the undo keys (``ShortcutOverride``) for its own
text, so Edit ▸ Undo never fired while one had focus — right after typing a
value, the normal way to enter one.  :class:`UndoKeys` watches the window's
spin boxes: once the typed value is committed (the text shows the value),
the keys undo and redo settings; while typing is still pending they keep the
line edit's own text undo.

Undo texts: :func:`action_text` escapes ``&`` for menus ("Undo Defence && aerospace").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QAbstractSpinBox, QDateTimeEdit, QWidget


def action_text(text: str) -> str:
    """``text`` for ``QUndoCommand.setText``: shown as is in lists, with ``&`` escaped in menus.

    (Qt takes "text\\nactionText"; the action text is what Edit ▸ Undo shows,
    where a lone ``&`` marks a mnemonic and vanishes.)
    """
    plain = text.split("\n", 1)[0]
    return f"{plain}\n{plain.replace('&', '&&')}"


def _committed(box: QAbstractSpinBox) -> bool:
    """True when the box shows its value (nothing typed and not yet entered)."""
    if box.specialValueText() and box.text() == box.specialValueText():
        return True
    if isinstance(box, QDateTimeEdit):
        shown = box.dateTime().toString(box.displayFormat())
        return box.text() == shown
    value = getattr(box, "value", None)
    if value is None:
        return True
    shown = box.prefix() + box.textFromValue(value()) + box.suffix()
    return box.text().strip() == shown.strip()


class UndoKeys(QObject):
    """Event filter giving the undo keys of spin boxes to ``stack`` (see the module doc)."""

    def __init__(self, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.stack = stack

    def watch(self, root: QWidget) -> None:
        """Install on every spin box / date field under ``root`` (again after panels rebuild)."""
        for box in root.findChildren(QAbstractSpinBox):
            box.installEventFilter(self)

    def _which(self, event) -> str | None:
        if event.matches(QKeySequence.StandardKey.Undo):
            return "undo"
        if event.matches(QKeySequence.StandardKey.Redo):
            return "redo"
        return None

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        t = event.type()
        if t not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or not isinstance(obj, QAbstractSpinBox):
            return False
        which = self._which(event)
        if which is None or not _committed(obj):
            return False  # not ours, or typing pending: the line edit undoes its text
        if t == QEvent.Type.ShortcutOverride:
            event.accept()  # deliver the key press here (not to the line edit's own undo)
            return True
        if which == "undo" and self.stack.canUndo():
            self.stack.undo()
        elif which == "redo" and self.stack.canRedo():
            self.stack.redo()
        return True
