"""View change -> new weights drawn, through the real worker threads (issue 11; same harness as gui_slider.py).

A window on the offline sample, on the app's new-document defaults (equilibrium
prior, market-cap reference, 10% cap) with the model already estimated; each
step types a new return into one theme's view (alternating themes and values so
no result is cached) and waits until the allocation *and* its frontier are
drawn.  The posterior is formed on the GUI thread per solve (no re-estimation,
no recompilation).  Reports medians and the 90th percentile.
Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_views.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=40)
    ap.add_argument("--what", choices=("return", "confidence", "theme-slider"), default="return",
                    help="what moves: a view's return, its confidence, or (for comparison) a theme target slider")
    ap.add_argument("--cap", type=float, default=None, help="per-asset cap instead of the app default (1 = none)")
    args = ap.parse_args()

    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from allocator.gui.app import make_app
    from allocator.gui.engine import build_estimation
    from allocator.gui.main_window import MainWindow
    from allocator.pipeline import app_default_run, build_model
    from allocator.universe import default_universe

    app = make_app()
    run = replace(app_default_run(default_universe()), data="sample")
    if args.cap is not None:
        from allocator.gui.controls import with_constraints

        run = with_constraints(run, max_weight=args.cap).validate()
    build = build_model(replace(run, estimation=build_estimation(run.estimation)))
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
    rows = [win.views_panel.rows[k] for k in ("semis_ai", "defense", "energy")]
    if args.what == "theme-slider":
        for r in rows:
            win.themes.rows[r.key].check.setChecked(True)
            wait_drawn()
    for r in rows:
        r.kind.setCurrentIndex(r.kind.findData(""))  # "returns": a view at the theme's posterior
        wait_drawn()
    times, weights_times, mark = [], [], {}
    win.engine.allocation_ready.connect(lambda _o: mark.setdefault("w", time.perf_counter()))
    for i in range(args.moves):
        mark.clear()
        row = rows[i % len(rows)]
        t0 = time.perf_counter()
        if args.what == "return":
            row.ret.setValue(4.0 + (i * 37) % 200 / 10)  # 4.0% .. 23.9%, rarely repeating
        elif args.what == "theme-slider":
            win.themes.rows[row.key].slider.setValue(100 + (i * 37) % 150)
        else:
            row.conf.setValue(10 + (i * 37) % 90)
        wait_drawn()
        app.processEvents()
        times.append(time.perf_counter() - t0)
        if "w" in mark:
            weights_times.append(mark["w"] - t0)
    times.sort()
    med = statistics.median(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    print(f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}")
    print(f"universe: {len(build.model.tickers)} assets; views: {len(win.run.prior.views)}; frontiers per move: {win.frontier.frontier_count()}")
    if weights_times:
        wt = sorted(weights_times)
        print(f"view {args.what} change -> new weights drawn (table, bars, metrics): median {statistics.median(wt) * 1000:.1f} ms, "
              f"p90 {wt[int(0.9 * (len(wt) - 1))] * 1000:.1f} ms")
    print(f"view {args.what} change -> weights and frontier drawn: median {med * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms over {len(times)} moves")
    win.shutdown()
    win.undo.setClean()
    win.close()
    win.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
