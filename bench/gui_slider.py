"""Slider move -> new weights and frontier drawn, through the real worker threads.

A window on the offline sample with the model already estimated; each step
moves one theme slider (alternating themes and values so no result is cached)
and waits until the allocation *and* its frontier(s) are drawn.  Reports the
median and 90th percentile.  Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_slider.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=40)
    ap.add_argument("--hedge", type=float, default=None, help="fixed hedge ratio (draws 3-4 frontiers)")
    args = ap.parse_args()

    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from allocator.gui.app import make_app
    from allocator.gui.controls import with_constraints
    from allocator.gui.main_window import MainWindow
    from allocator.optimize.settings import HedgeSetting
    from allocator.pipeline import RunSettings, build_model
    from allocator.universe import default_universe

    app = make_app()
    run = RunSettings(universe=default_universe(), data="sample").validate()
    if args.hedge is not None:
        run = with_constraints(run, hedge=HedgeSetting.fixed(args.hedge)).validate()
    build = build_model(run)
    tmp = tempfile.mkdtemp()
    win = MainWindow(settings=QSettings(os.path.join(tmp, "p.ini"), QSettings.Format.IniFormat))
    win.resize(1440, 900)
    win.show()
    win.engine.preload(run, build)

    def wait_drawn(timeout_ms: int = 20000) -> None:
        loop = QEventLoop()
        win.results_drawn.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        win.results_drawn.disconnect(loop.quit)

    win.start(run=run)
    wait_drawn()
    rows = [win.themes.rows[k] for k in ("semis_ai", "defense", "japan_core")]
    for r in rows:
        r.check.setChecked(True)
        wait_drawn()
    times = []
    weights_times = []
    mark = {}
    win.engine.allocation_ready.connect(lambda _o: mark.setdefault("w", time.perf_counter()))
    for i in range(args.moves):
        mark.clear()
        row = rows[i % len(rows)]
        value = 100 + (i * 37) % 150  # 10.0% .. 24.9%, rarely repeating
        t0 = time.perf_counter()
        row.slider.setValue(value)
        wait_drawn()
        app.processEvents()
        times.append(time.perf_counter() - t0)
        if "w" in mark:
            weights_times.append(mark["w"] - t0)
    times.sort()
    med = statistics.median(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    n = win.frontier.frontier_count()
    print(f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}")
    print(f"frontiers drawn per move: {n} ({win.engine.frontier_points} points each)")
    if weights_times:
        print(f"slider move -> new weights drawn (table, bars, metrics): median {statistics.median(weights_times) * 1000:.0f} ms")
    print(f"slider move -> weights and frontier drawn: median {med * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms over {len(times)} moves")
    win.shutdown()
    win.undo.setClean()
    win.close()
    win.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
