"""The main window the screenshot tools render: ``run`` preloaded, synchronous, 1440x900, settings in a temp file."""

from __future__ import annotations

import tempfile


def open_window(run):
    """A shown ``MainWindow`` started on ``run`` (its model built here), with a throw-away QSettings."""
    from PySide6.QtCore import QSettings

    from allocator.gui.main_window import MainWindow
    from allocator.pipeline import build_model

    build = build_model(run)
    ini = tempfile.NamedTemporaryFile(suffix=".ini", delete=False).name
    win = MainWindow(settings=QSettings(ini, QSettings.Format.IniFormat), synchronous=True)
    win.engine.preload(run, build)
    win.resize(1440, 900)
    win.show()
    win.start(run=run)
    return win
