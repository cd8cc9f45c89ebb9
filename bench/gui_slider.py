"""Slider move -> new weights and frontier(s) drawn, through the real worker threads.

A window on the offline sample with the model already estimated; each step
moves one theme slider (alternating themes and values so no result is cached)
and waits until the allocation *and* its frontier(s) are drawn (and painted).
Reports the median and 90th percentile, the time to the first frontier drawn
(they are drawn one by one), and - because the machine is shared - each
figure as a ratio to a fixed reference task (a 45-asset numpy/Python loop)
timed between the moves in the same process.  ``--blas`` also times one
re-solve with the BLAS libraries at 1 thread and at their default (threadpoolctl).

``--band`` (issue 10) alternates moves with the resampled frontier band computing and with it
off, in the same process, to show whether the band's work slows a move.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_slider.py [--hedge 0.5] [--blas] [--band]``
(or under Xvfb with ``QT_QPA_PLATFORM=xcb``).
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
    ap.add_argument("--blas", action="store_true", help="also time a re-solve at 1 BLAS thread and at the default")
    ap.add_argument("--band", action="store_true",
                    help="issue 10: moves alternate in blocks of 5 between the resampled band on (each move lands "
                         "while the band computes) and off, with the same idle time before every move")
    ap.add_argument("--idle-ms", type=int, default=300, help="with --band: idle time before each move")
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
    import numpy as np

    rng = np.random.default_rng(0)
    ref_a = rng.standard_normal((45, 45))
    ref_a = ref_a @ ref_a.T + 45 * np.eye(45)

    def reference() -> float:
        """A fixed small task (Python loop + 45x45 solves), timed to gauge the machine's load."""
        t = time.perf_counter()
        acc = 0.0
        for k in range(200):
            acc += float(np.linalg.solve(ref_a, np.full(45, k + 1.0))[0])
            acc += sum(j * 0.5 for j in range(50))
        return time.perf_counter() - t

    times = []
    weights_times = []
    first_times = []
    refs = []
    mark = {}
    win.engine.allocation_ready.connect(lambda _o: mark.setdefault("w", time.perf_counter()))
    if hasattr(win.engine, "frontier_ready"):  # (older code: drawn all at once)
        win.engine.frontier_ready.connect(lambda *_a: mark.setdefault("f", time.perf_counter()))
    by_band: dict[bool, list[float]] = {True: [], False: []}
    band_busy = []

    def idle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    for i in range(args.moves):
        band_on = args.band and (i // 5) % 2 == 0
        if args.band:
            if win.band.action.isChecked() != band_on:
                win.band.action.trigger()  # View ▸ Resampled frontier band, as a user toggles it
            idle(args.idle_ms)  # the band (when on) is computing when the move lands
            if band_on:
                band_busy.append(win.band.running)
        refs.append(reference())
        mark.clear()
        row = rows[i % len(rows)]
        value = 100 + (i * 37) % 150  # 10.0% .. 24.9%, rarely repeating
        t0 = time.perf_counter()
        row.slider.setValue(value)
        wait_drawn()
        app.processEvents()
        times.append(time.perf_counter() - t0)
        if args.band:
            by_band[band_on].append(times[-1])
        if "w" in mark:
            weights_times.append(mark["w"] - t0)
        if "f" in mark:
            first_times.append(mark["f"] - t0)
    times.sort()
    med = statistics.median(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    n = win.frontier.frontier_count()
    import allocator

    print(f"code: {os.path.dirname(os.path.dirname(allocator.__file__))}")
    print(f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}")
    print(f"frontiers drawn per move: {n} ({win.engine.frontier_points} points each)")
    if weights_times:
        print(f"slider move -> new weights drawn (table, bars, metrics): median {statistics.median(weights_times) * 1000:.0f} ms")
    print(f"slider move -> weights and frontier drawn: median {med * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms over {len(times)} moves")
    ref = statistics.median(refs)
    if first_times:
        print(f"slider move -> first frontier drawn: median {statistics.median(first_times) * 1000:.0f} ms")
    print(f"reference task: median {ref * 1000:.1f} ms; all frontiers drawn = {med / ref:.1f} x reference"
          + (f", first frontier = {statistics.median(first_times) / ref:.1f} x" if first_times else ""))
    if args.band:
        on, off = statistics.median(by_band[True]), statistics.median(by_band[False])
        print(f"with the band computing ({sum(band_busy)}/{len(band_busy)} moves landed while it ran): median {on * 1000:.0f} ms "
              f"over {len(by_band[True])} moves; band off: {off * 1000:.0f} ms over {len(by_band[False])}; ratio {on / off:.2f}")
    try:
        print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    except OSError:
        pass
    if args.blas:
        from threadpoolctl import threadpool_limits

        from allocator.optimize import Optimizer

        opt = Optimizer(build.model)
        s0 = win.run.optimization
        opt.optimize(s0)
        default = int(os.environ.get("OPENBLAS_NUM_THREADS") or os.cpu_count() or 1)

        def resolve_ms(reps=30):
            ts = []
            for k in range(reps):
                from dataclasses import replace

                s1 = replace(s0, constraints=replace(s0.constraints, max_weight=0.15 + 0.001 * (k % 7)))
                t = time.perf_counter()
                opt.optimize(s1)
                ts.append(time.perf_counter() - t)
            return statistics.median(ts) * 1000

        rounds = []
        for _ in range(3):  # interleaved
            with threadpool_limits(limits=1, user_api="blas"):
                one = resolve_ms()
            with threadpool_limits(limits=default, user_api="blas"):
                many = resolve_ms()
            rounds.append((one, many))
        print("re-solve (max Sharpe, cap moved), BLAS 1 thread vs " + str(default) + " threads: "
              + "; ".join(f"{a:.1f} vs {b:.1f} ms" for a, b in rounds))
    win.shutdown()
    win.undo.setClean()
    win.close()
    win.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
