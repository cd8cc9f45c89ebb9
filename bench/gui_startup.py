"""Launch -> window painted -> first optimised allocation drawn, against a bare PySide6 window.

The app is started the way ``run_gui`` starts it (``allocator.gui.app.launch``).
"Allocation drawn" is the first optimised weights painted (table, bars,
metrics); the frontier follows.  Each measurement is a fresh process (cold imports) timed from just before the
process is spawned (wall clock), repeated ``--runs`` times; the median is
reported.  Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_startup.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

BARE = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtCore import QTimer
class W(QWidget):
    done = False
    def paintEvent(self, e):
        super().paintEvent(e)
        if not W.done:
            W.done = True
            print("painted", time.time(), flush=True)
            QTimer.singleShot(0, app.quit)
app = QApplication(sys.argv)
w = W(); w.resize(1440, 900); w.show()
app.exec()
"""

APP = r"""
import sys, time, tempfile, os
from PySide6.QtCore import QTimer, QSettings
from allocator.gui.app import launch, make_app
from allocator.gui import main_window as mw
app = make_app()
painted = []
class Win(mw.MainWindow):
    def paintEvent(self, e):
        super().paintEvent(e)
        if not painted:
            painted.append(time.time())
            print("painted", painted[0], flush=True)
tmp = tempfile.mkdtemp()
win = Win(settings=QSettings(os.path.join(tmp, "p.ini"), QSettings.Format.IniFormat), build_plots=False)
win.resize(1440, 900)
def allocation():
    app.processEvents()  # paint it
    print("drawn", time.time(), flush=True)
def frontier():
    app.processEvents()
    print("frontier", time.time(), flush=True)
    win.undo.setClean(); win.close(); app.quit()
win.first_allocation_drawn.connect(allocation)
win.first_result_drawn.connect(frontier)
launch(win, None)  # what run_gui does
QTimer.singleShot(60000, app.quit)
app.exec()
win.shutdown(); win.deleteLater(); app.processEvents()
"""


def measure(code: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120).stdout
    marks = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("painted", "drawn", "frontier"):
            marks[parts[0]] = float(parts[1]) - t0
    return marks


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    bare, painted, drawn, frontier = [], [], [], []
    for _ in range(args.runs):
        bare.append(measure(BARE)["painted"])
        m = measure(APP)
        painted.append(m.get("painted", float("nan")))
        drawn.append(m.get("drawn", float("nan")))
        frontier.append(m.get("frontier", float("nan")))
    med = statistics.median
    print(f"machine: {platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}, QPA {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    print(f"bare PySide6 window painted:        median {med(bare):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in bare)})")
    print(f"Allocator window painted:           median {med(painted):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in painted)})")
    print(f"first optimised allocation drawn:   median {med(drawn):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in drawn)})")
    print(f"... and its frontier drawn:         median {med(frontier):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in frontier)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
