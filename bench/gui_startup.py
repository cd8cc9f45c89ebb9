"""Launch -> window painted -> first optimised allocation drawn, against a bare PySide6 window.

The app is started the way ``run_gui`` starts it (``allocator.gui.app.launch``).
"Allocation drawn" is the first optimised weights painted (table, bars,
metrics); the frontier follows.  Each measurement is a fresh process (cold
imports) timed from just before the process is spawned (wall clock),
repeated ``--runs`` times, interleaved: bare window, app on a fresh machine
(empty user cache: a new document's model is read from the estimate shipped in
``resources/sample/``, or estimated when none matches), app on a second launch
(the estimate read from the user cache).  Medians are reported, and each app
figure as a ratio to the bare window of the same round (the machine is shared:
the ratio is the figure to compare between runs).

Run under X: ``Xvfb :77 & DISPLAY=:77 QT_QPA_PLATFORM=xcb .venv/bin/python bench/gui_startup.py``
(or ``QT_QPA_PLATFORM=offscreen``).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
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
            print("cpu_painted", time.process_time(), flush=True)
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
    print("cpu_drawn", time.process_time(), flush=True)
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


def measure(code: str, env_extra: dict | None = None, cwd: str | None = None) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), **(env_extra or {}))
    if cwd is not None:  # another copy of the code (``--before``): imported from there, nothing written into it
        env["PYTHONPATH"] = cwd
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=180, cwd=cwd).stdout
    marks = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("painted", "drawn", "frontier"):
            marks[parts[0]] = float(parts[1]) - t0
        elif len(parts) == 2 and parts[0].startswith("cpu_"):
            marks[parts[0]] = float(parts[1])  # CPU seconds of the process (all threads) so far
    return marks


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--before", help="folder holding an older allocator/ and resources/ to measure in the same rounds")
    args = ap.parse_args()
    nan = float("nan")
    rows: dict[str, list[float]] = {
        k: []
        for tag in ("bare", "cold", "warm", "before")
        for k in ((tag, f"{tag}_cpu") if tag == "bare" else (f"{tag}_p", f"{tag}_d", f"{tag}_f", f"{tag}_cpu"))
    }
    ratios: dict[str, list[float]] = {"cold": [], "warm": [], "before": []}
    home = tempfile.mkdtemp(prefix="allocator-bench-")
    warm_env = {"ALLOCATOR_HOME": os.path.join(home, "warm"), "ALLOCATOR_CACHE_DIR": os.path.join(home, "warm", "cache")}
    measure(APP, warm_env)  # fills the warm user cache (the sample's estimated model)
    loads = [_load()]
    for i in range(args.runs):
        b = measure(BARE)
        bare = b["painted"]
        rows["bare"].append(bare)
        rows["bare_cpu"].append(b.get("cpu_painted", nan))
        cold_dir = os.path.join(home, f"cold{i}")
        cold = measure(APP, {"ALLOCATOR_HOME": cold_dir, "ALLOCATOR_CACHE_DIR": os.path.join(cold_dir, "cache")})
        warm = measure(APP, warm_env)
        runs = [("cold", cold), ("warm", warm)]
        if args.before:
            before_dir = os.path.join(home, f"before{i}")
            env = {"ALLOCATOR_HOME": before_dir, "ALLOCATOR_CACHE_DIR": os.path.join(before_dir, "cache")}
            runs.append(("before", measure(APP, env, cwd=args.before)))
        for tag, m in runs:
            rows[f"{tag}_p"].append(m.get("painted", nan))
            rows[f"{tag}_d"].append(m.get("drawn", nan))
            rows[f"{tag}_f"].append(m.get("frontier", nan))
            rows[f"{tag}_cpu"].append(m.get("cpu_drawn", nan))
            ratios[tag].append(m.get("drawn", nan) / bare)
        loads.append(_load())
    shutil.rmtree(home, ignore_errors=True)
    med = statistics.median

    def line(title, key):
        xs = rows[key]
        return f"{title:42s} median {med(xs):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in xs)})"

    print(f"machine: {platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}, "
          f"QPA {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}; load average (1/5/15 min) per round: {' | '.join(loads)}")
    print(line("bare PySide6 window painted:", "bare"))
    print(line("first launch (empty cache): window painted", "cold_p"))
    print(line("  first allocation drawn", "cold_d"))
    print(line("  ... and its frontier", "cold_f"))
    print(line("next launch (cached model): window painted", "warm_p"))
    print(line("  first allocation drawn", "warm_d"))
    print(line("  ... and its frontier", "warm_f"))
    if args.before:
        print(line(f"before ({args.before}): window painted", "before_p"))
        print(line("  first allocation drawn", "before_d"))
        print(line("  ... and its frontier", "before_f"))
    print(line("CPU seconds: bare window to its paint", "bare_cpu"))
    print(line("CPU seconds to first allocation, first launch", "cold_cpu"))
    print(line("CPU seconds to first allocation, next launch", "warm_cpu"))
    if args.before:
        print(line("CPU seconds to first allocation, before", "before_cpu"))
    print(f"first allocation / bare window, same round: first launch median {med(ratios['cold']):.1f}x, "
          f"next launch {med(ratios['warm']):.1f}x" + (f", before {med(ratios['before']):.1f}x" if args.before else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
