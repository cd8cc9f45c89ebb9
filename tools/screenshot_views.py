#!/usr/bin/env python3
"""Render the README's Views-panel screenshot: a new document with three theme views.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_views.py resources/screenshot-views.png

Semiconductors at 12 % (60 % sure), defence to beat automation by 3 % (50 %),
LNG/hydrogen at 15 % (40 %), on the app's new-document defaults.
"""

from __future__ import annotations

import sys
from dataclasses import replace


def main(out: str) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from _window import open_window

    from allocator.estimators import MeanMethod
    from allocator.pipeline import app_default_run
    from allocator.views import View

    base = replace(app_default_run(), data="sample").validate()
    views = (View(theme="semis_ai", ret=0.12, confidence=0.6),
             View(long="defense", short="automation", ret=0.03, confidence=0.5),
             View(theme="energy", ret=0.15, confidence=0.4))
    run = replace(base, prior=replace(base.prior, views=views),
                  estimation=replace(base.estimation, mean=MeanMethod.BLACK_LITTERMAN)).validate()
    win = open_window(run)
    for _ in range(100):
        app.processEvents()
    win.views_panel.grab().save(out)
    print(f"wrote {out}")
    win.undo.setClean()
    win.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "views.png"))
