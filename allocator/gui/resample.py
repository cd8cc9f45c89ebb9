"""The frontier's resampled band (issue 10, "Uncertainty"): how wide the frontier really is.

View > Resampled frontier band (off by default) draws, behind the efficient
frontier, the 10-90 % range of the expected return of frontiers re-estimated
on bootstrapped return histories (``allocator.resample``: 100 resamples of 50
points by default).  The band is work the user did not wait for, so it never
competes with a slider move:

* it starts only once the main frontier has been drawn (``frontiers_ready``),
  ``START_DELAY_MS`` later, when no new move has started;
* the next move cancels it (``busy_changed(True)``: a solve or a re-estimate
  has started) - the worker polls between resamples, and a cancelled or stale
  band is dropped, never drawn;
* it runs on its own single worker thread with its own ``Optimizer`` (the
  engine's compiled problems stay on the solve thread).

Partial bands are drawn as the resamples come in (every ``DRAW_EVERY``), so
the band appears within a second or two and firms up.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QColor

from allocator.gui.workers import TaskContext, TaskRunner

DRAW_EVERY = 20
START_DELAY_MS = 80  # after a move's frontiers are drawn (see ``_on_frontiers``)


class ResampledBandController(QObject):
    """Owns the band's action, worker and plot items for one main window."""

    band_ready = Signal(object)  # allocator.resample.ResampledBand (final)
    band_partial = Signal(object)  # a band from the resamples so far
    band_cancelled = Signal()

    def __init__(self, window, synchronous: bool = False, resamples: int | None = None, points: int | None = None):
        super().__init__(window)
        from allocator.resample import POINTS, RESAMPLES

        self.window = window
        self.resamples = resamples or RESAMPLES
        self.points = points or POINTS
        # Always a real thread, even beside a synchronous engine (tests): the band is
        # work nobody waits for, and the next move cancels it.
        self.runner = TaskRunner(1, False, self)
        self.band = None
        self._ctx: TaskContext | None = None
        self._gen = 0
        self._waiting = 0  # delayed starts: only the latest may start
        self._key = None  # what the band on screen was computed for
        self._optimizer = None  # used on the band's worker thread only
        self._items = None
        self.action = QAction(window)
        self.action.setCheckable(True)
        self.action.setObjectName("act_resampled_band")
        self.retranslate()
        # Its own texts on a language switch (the generic walk over menus can miss an
        # action whose wrapper PySide hands back with a stale type).
        from allocator.gui import i18n

        i18n.manager().language_changed.connect(self.retranslate)
        self.action.toggled.connect(self._toggled)
        engine = window.engine
        engine.busy_changed.connect(self._on_busy)
        engine.frontiers_ready.connect(self._on_frontiers)
        engine.model_building.connect(self.cancel)

    def retranslate(self, *_args) -> None:
        self.action.setText(self.tr("Resampled frontier band"))
        self.action.setToolTip(self.tr(
            "Draw the 10-90% range of frontiers re-estimated on bootstrapped return histories "
            "(Michaud resampling): how uncertain the frontier is"
        ))
        self.action.setStatusTip(self.action.toolTip())

    # -- plot ------------------------------------------------------------------
    def _ensure_items(self):
        plot = getattr(self.window, "frontier", None)
        if plot is None:
            return None
        if self._items is None:
            colour = QColor("#7f8c8d")
            edge = pg.mkPen(QColor(colour.red(), colour.green(), colour.blue(), 110), width=1)
            lower = pg.PlotDataItem(pen=edge)
            upper = pg.PlotDataItem(pen=edge)
            fill = pg.FillBetweenItem(lower, upper, brush=pg.mkBrush(colour.red(), colour.green(), colour.blue(), 55))
            middle = pg.PlotDataItem(pen=pg.mkPen(QColor(colour.red(), colour.green(), colour.blue(), 170), width=1.2,
                                                  style=pg.QtCore.Qt.PenStyle.DashLine))
            pi = plot.getPlotItem()
            for z, item in ((1, fill), (2, lower), (2, upper), (3, middle)):
                item.setZValue(z)
                pi.addItem(item)
            plot.legend.addItem(upper, self.tr("Resampled 10-90%"))
            self._items = (lower, upper, fill, middle)
        return self._items

    def _draw(self, band) -> None:
        items = self._ensure_items()
        if items is None:
            return
        lower, upper, fill, middle = items
        ok = np.isfinite(band.lo) & np.isfinite(band.hi)
        lower.setData(band.vols[ok], band.lo[ok])
        upper.setData(band.vols[ok], band.hi[ok])
        middle.setData(band.vols[ok], band.mid[ok])
        for item in items:
            item.setVisible(True)

    def _hide(self) -> None:
        if self._items is not None:
            for item in self._items:
                item.setVisible(False)

    @property
    def visible(self) -> bool:
        return self._items is not None and self._items[2].isVisible()

    # -- control -----------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self.action.isChecked()

    @property
    def running(self) -> bool:
        return self._ctx is not None

    def cancel(self) -> None:
        if self._ctx is not None:
            self._ctx.cancel()
            self._ctx = None
            self._gen += 1
            self.band_cancelled.emit()

    def shutdown(self, msecs: int = 10000) -> None:
        self.cancel()
        self.runner.shutdown(msecs)

    def _toggled(self, on: bool) -> None:
        if not on:
            self.cancel()
            self._hide()
            self._key = None
            return
        self.start()

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._waiting += 1  # a start still waiting for its delay is off too
            self.cancel()  # the next move: the band's work must not slow it

    def _on_frontiers(self, fs) -> None:
        """Start the band a moment after the frontiers are drawn, if nothing moved meanwhile.

        Started at once, its worker ran while the window was still drawing and
        painting the move's frontiers (the band's slot runs before the window's),
        and the two threads traded the GIL; a user dragging a slider never waits
        for a band anyway.
        """
        if self.enabled and fs.error is None:
            self._waiting += 1
            token = self._waiting

            def later() -> None:
                if token == self._waiting and self.enabled and not self.window.engine.busy:
                    self.start(fs.run, fs.model)

            QTimer.singleShot(START_DELAY_MS, later)

    def _band_key(self, run, model):
        from allocator.gui.engine import constraints_key

        o = run.optimization
        c = o.constraints
        return (id(model), constraints_key(c, o.rf), c.hedge.lo, c.hedge.hi)

    def start(self, run=None, model=None) -> bool:
        """Compute the band for the window's current run and model (if not already on screen)."""
        w = self.window
        build = w.engine.build
        run = run or w.allocation_run or w.run
        if build is None or run is None or (model is not None and model is not build.model):
            return False
        key = self._band_key(run, build.model)
        if key == self._key and self.band is not None:
            self._draw(self.band)
            return True
        self.cancel()
        self._hide()
        self._gen += 1
        gen = self._gen
        resamples, points = self.resamples, self.points
        settings = run.optimization

        def job(ctx: TaskContext):
            from allocator.optimize import Optimizer
            from allocator.resample import make_band, resampled_band

            if self._optimizer is None:
                self._optimizer = Optimizer(build.model)

            def progress(done: int, frontiers: list) -> None:
                if done % DRAW_EVERY == 0 and done < resamples:
                    ctx.progress(make_band(list(frontiers)))

            return resampled_band(build, run, settings, resamples, points, cancelled=ctx.cancelled,
                                  optimizer=self._optimizer, progress=progress)

        def partial(band) -> None:
            if gen == self._gen:
                self._draw(band)
                self.band_partial.emit(band)

        def done(band) -> None:
            if gen != self._gen or band is None:
                return  # cancelled or stale: dropped, not drawn
            self._ctx = None
            self.band, self._key = band, key
            self._draw(band)
            self.band_ready.emit(band)

        def failed(exc: BaseException) -> None:
            if gen == self._gen:
                self._ctx = None
            from allocator.gui import messages

            messages.report_exception(exc, self.tr("Cannot compute the resampled band"))

        self._ctx = self.runner.submit(job, done, failed, partial)
        return True
