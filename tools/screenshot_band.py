#!/usr/bin/env python3
"""Render the README's uncertainty screenshot: the window with the resampled frontier band on.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_band.py resources/screenshot-uncertainty.png
"""

from __future__ import annotations

import sys
import time


def main(out: str) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from _window import open_window

    from allocator.pipeline import RunSettings

    win = open_window(RunSettings(data="sample").validate())
    for _ in range(50):
        app.processEvents()
    done = []
    win.band.band_ready.connect(done.append)
    win.band.action.trigger()
    t0 = time.time()
    while not done and time.time() - t0 < 600:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
    win.grab().save(out)
    print(f"wrote {out}: band of {done[0].resamples if done else 0} resamples in {time.time() - t0:.1f} s")
    win.undo.setClean()
    win.shutdown()
    return 0 if done else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "uncertainty-band.png"))
