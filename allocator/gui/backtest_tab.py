"""The Backtest tab: how these settings would have done, out of sample (DESIGN §11).

Equity curves of every strategy (log scale), their drawdowns below, the
optimised weights over time as a stacked area by theme, and the metrics
table (strategies as columns).  The walk-forward run (``allocator.backtest``)
goes to a worker thread with a progress bar and Cancel; it reruns by itself
a moment after the settings change (once idle), and only the latest run's
result is drawn.  Curves export as PNG/SVG, the table as CSV.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from allocator.gui import style
from allocator.gui.workers import TaskRunner

#: Strategy colours (colour-blind safe, Tableau 10 order).
STRATEGY_COLOURS = {
    "optimised": "#4E79A7",
    "equal-weight": "#F28E2B",
    "theme-targets": "#59A14F",
    "fixed": "#B07AA1",
    "optimised-unhedged": "#9C755F",
}
#: Idle time after a settings change before the automatic rerun.
RERUN_DELAY_MS = 1500


def _ts(d) -> float:
    return float(d.timestamp())


class BacktestTab(QWidget):
    """Run, draw, cancel and export a walk-forward backtest of the current settings."""

    backtest_drawn = Signal()  # a result is on screen
    backtest_failed = Signal(str)
    backtest_cancelled = Signal()

    def __init__(self, synchronous: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = TaskRunner(1, synchronous, self)
        self.run = None  # the settings to test (RunSettings)
        self.history = None  # the prices they were estimated on
        self.result = None
        self.colours: dict[str, str] = {}
        self._ctx = None
        self._generation = 0
        self._shown_once = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RERUN_DELAY_MS)
        self._timer.timeout.connect(self._auto_rerun)
        self._build()

    # ------------------------------------------------------------------ UI
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        bar = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Run backtest"))
        self.run_button.setToolTip(self.tr("Walk the current settings forward through the price history"))
        self.run_button.clicked.connect(self.start)
        self.rebalance = QComboBox()
        for key, text in (("monthly", self.tr("Monthly")), ("quarterly", self.tr("Quarterly")), ("annually", self.tr("Annually"))):
            self.rebalance.addItem(text, key)
        self.rebalance.setToolTip(self.tr("Rebalance on the last trading day of each month, quarter or year"))
        self.lookback = QSpinBox()
        self.lookback.setRange(12, 240)
        self.lookback.setValue(36)
        self.lookback.setSuffix(self.tr(" months"))
        self.lookback.setToolTip(self.tr("Trailing window each rebalance re-estimates on"))
        self.costs = QLineEdit("10")
        self.costs.setMaximumWidth(90)
        self.costs.setToolTip(self.tr("One-way costs in basis points of traded value: 10, or US=5,JP=10"))
        self.auto = QCheckBox(self.tr("Rerun on changes"))
        self.auto.setChecked(True)
        self.auto.setToolTip(self.tr("Run again a moment after the settings change"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setMaximumWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        # Two rows, so that nothing is clipped in the narrow plot pane: what to
        # run on the first, the run itself (progress, Cancel) on the second.
        self.rebalance.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        bar.addWidget(QLabel(self.tr("Rebalance")))
        bar.addWidget(self.rebalance)
        bar.addWidget(QLabel(self.tr("Lookback")))
        bar.addWidget(self.lookback)
        bar.addWidget(QLabel(self.tr("Costs (bps)")))
        bar.addWidget(self.costs)
        bar.addStretch(1)
        lay.addLayout(bar)
        run_bar = QHBoxLayout()
        run_bar.addWidget(self.run_button)
        run_bar.addWidget(self.auto)
        run_bar.addStretch(1)
        run_bar.addWidget(self.progress)
        run_bar.addWidget(self.cancel_button)
        lay.addLayout(run_bar)
        for w in (self.rebalance, self.lookback):
            (w.currentIndexChanged if isinstance(w, QComboBox) else w.valueChanged).connect(self._changed)
        self.costs.editingFinished.connect(self._changed)

        self.status = QLabel(self.tr("Press Run backtest to see how these settings would have done out of sample."))
        self.status.setWordWrap(True)
        lay.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Vertical)
        self.plots = pg.GraphicsLayoutWidget()
        fg, _bg = style.plot_colours()
        self.plots.setBackground(None)
        self.equity = self.plots.addPlot(row=0, col=0, axisItems={"bottom": pg.DateAxisItem()})
        self.equity.setLogMode(y=True)
        self.equity.setLabel("left", self.tr("Wealth (log)"), color=fg)
        self.equity.showGrid(x=True, y=True, alpha=0.15)
        # The strategies' legend in the curves' top-left corner, two columns
        # of small labels (one column hid all but the first in a short plot).
        self.legend = pg.LegendItem(colCount=2, offset=(4, 2), verSpacing=-6)
        self.legend.setLabelTextSize("7pt")
        self.legend.setParentItem(self.equity.getViewBox())
        from allocator.gui.plots import PercentAxis

        self.drawdown = self.plots.addPlot(
            row=1, col=0, axisItems={"bottom": pg.DateAxisItem(), "left": PercentAxis("left")}
        )
        self.drawdown.setLabel("left", self.tr("Drawdown"), color=fg)
        self.drawdown.showGrid(x=True, y=True, alpha=0.15)
        self.drawdown.setXLink(self.equity)
        self.weights = self.plots.addPlot(
            row=2, col=0, axisItems={"bottom": pg.DateAxisItem(), "left": PercentAxis("left")}
        )
        self.weights.setLabel("left", self.tr("Theme weights"), color=fg)
        self.weights.setYRange(0, 1, padding=0)
        self.weights.setXLink(self.equity)
        # The themes' legend in a row of its own, under the plots (not over the area).
        self.weights_legend = pg.LegendItem(colCount=2, verSpacing=-6)
        self.weights_legend.setLabelTextSize("7pt")
        self.plots.addItem(self.weights_legend, row=3, col=0)
        for p in (self.equity, self.drawdown, self.weights):
            for name in ("left", "bottom"):
                p.getAxis(name).setPen(pg.mkPen(fg))
                p.getAxis(name).setTextPen(pg.mkPen(fg))
        self.plots.ci.layout.setRowStretchFactor(0, 3)
        self.plots.ci.layout.setRowStretchFactor(1, 2)
        self.plots.ci.layout.setRowStretchFactor(2, 2)
        self.plots.ci.layout.setRowStretchFactor(3, 0)
        self.plots.setMinimumHeight(420)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.dd_curves: dict[str, pg.PlotDataItem] = {}
        self.areas: list = []
        split.addWidget(self.plots)

        table_box = QWidget()
        tl = QVBoxLayout(table_box)
        tl.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        tl.addWidget(self.table, 1)
        exports = QHBoxLayout()
        self.export_curves_button = QPushButton(self.tr("Export curves…"))
        self.export_curves_button.clicked.connect(self.export_curves_dialog)
        self.export_table_button = QPushButton(self.tr("Export table…"))
        self.export_table_button.clicked.connect(self.export_table_dialog)
        for b in (self.export_curves_button, self.export_table_button):
            b.setEnabled(False)
            exports.addWidget(b)
        exports.addStretch(1)
        tl.addLayout(exports)
        split.addWidget(table_box)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        # The tab shares the window with the frontier: below a readable size
        # (curves ~300 px, the table's ten rows) it scrolls instead of squashing.
        table_box.setMinimumHeight(250)
        self.table.setMinimumHeight(200)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(split)
        lay.addWidget(scroll, 1)

    def _axis_labels(self) -> None:
        fg, _bg = style.plot_colours()
        for plot, text in (
            (self.equity, self.tr("Wealth (log)")),
            (self.drawdown, self.tr("Drawdown")),
            (self.weights, self.tr("Theme weights")),
        ):
            plot.setLabel("left", text, color=fg)

    def retranslate(self) -> None:
        """Axis titles, legends, the table and the status line in the language now shown."""
        self._axis_labels()
        if self.result is not None:
            for name in list(self.curves):
                self.legend.removeItem(self.curves[name])
                self.equity.removeItem(self.curves.pop(name))
                self.drawdown.removeItem(self.dd_curves.pop(name))
            self.draw(self.result)
            self.status.setText(self._status_text(self.result))

    # ------------------------------------------------------------------ inputs
    def set_inputs(self, run, history, colours: dict[str, str] | None = None) -> None:
        """The current settings and prices (the window calls this after every new model)."""
        changed = self.run is not None and (run != self.run or history is not self.history)
        self.run, self.history = run, history
        if colours:
            self.colours = dict(colours)
        if changed:
            self._changed()

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        self._shown_once = True

    def _changed(self, *args) -> None:
        """A setting moved: rerun once idle (if the user has looked at the tab)."""
        if self.auto.isChecked() and (self.result is not None or self._shown_once):
            self._timer.start()

    def _auto_rerun(self) -> None:
        if self.run is not None and self.history is not None:
            self.start()

    def settings(self):
        from allocator.backtest import BacktestSettings

        return BacktestSettings(
            rebalance=self.rebalance.currentData(),
            lookback_months=self.lookback.value(),
            costs=self.costs.text().strip() or "0",
        )

    # ------------------------------------------------------------------ running
    @property
    def running(self) -> bool:
        return self._ctx is not None

    def start(self) -> bool:
        """Run the backtest off the GUI thread (a run in progress is cancelled first)."""
        if self.run is None or self.history is None:
            self.status.setText(self.tr("No prices yet: wait for the model to load."))
            return False
        self._timer.stop()
        from allocator.errors import AllocatorError

        try:
            bt = self.settings().validate()
        except AllocatorError as exc:
            self.status.setText(self.tr("Cannot run: {0}").format(_describe(exc)))
            self.backtest_failed.emit(str(exc))
            return False
        if self._ctx is not None:
            self._ctx.cancel()
        self._generation += 1
        gen = self._generation
        run = replace(self.run, estimation=replace(self.run.estimation, start=None, end=None))
        history = self.history
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Running the backtest…"))

        def job(ctx):
            from allocator.backtest import run_backtest

            return run_backtest(
                run, history, bt, progress=lambda done, total: ctx.progress((done, total)), cancelled=ctx.cancelled
            )

        self._ctx = self.runner.submit(
            job,
            on_done=lambda res, gen=gen: self._done(gen, res),
            on_error=lambda exc, gen=gen: self._failed(gen, exc),
            on_progress=lambda v, gen=gen: self._progressed(gen, v),
        )
        return True

    def cancel(self) -> None:
        if self._ctx is not None:
            self._ctx.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def _progressed(self, gen: int, value) -> None:
        if gen != self._generation:
            return
        done, total = value
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _finish(self) -> None:
        self._ctx = None
        self.cancel_button.setEnabled(False)

    def _done(self, gen: int, result) -> None:
        if gen != self._generation:
            return  # stale: a newer run was started
        self._finish()
        self.result = result
        self.draw(result)
        self.status.setText(self._status_text(result))
        self.backtest_drawn.emit()

    def _status_text(self, result) -> str:
        from allocator.gui import i18n

        first = next(iter(result.strategies.values()))
        n = len(first.rebalances)
        text = self.tr("{0} rebalances, {1} to {2}, computed in {3:.1f} s.").format(
            n, i18n.date_text(first.rebalances[0].date.date()), i18n.date_text(first.returns.index[-1].date()), result.seconds
        )
        text += " " + self.tr("'fixed' holds today's allocation throughout (hindsight).")
        if result.notes:
            text += " " + " ".join(i18n.render(n) for n in result.notes)
        return text

    def _failed(self, gen: int, exc) -> None:
        from allocator.backtest import BacktestCancelled

        if gen != self._generation:
            return
        self._finish()
        if isinstance(exc, BacktestCancelled):
            self.progress.setValue(0)
            self.status.setText(self.tr("Backtest cancelled."))
            self.backtest_cancelled.emit()
            return
        from allocator.gui import messages

        text, _ = messages.describe(exc)
        self.status.setText(self.tr("Cannot run the backtest: {0}").format(text))
        self.backtest_failed.emit(text)

    def shutdown(self, msecs: int = 10000) -> bool:
        self._timer.stop()
        return self.runner.shutdown(msecs)

    # ------------------------------------------------------------------ drawing
    def draw(self, result) -> None:
        """Curves, drawdowns, stacked theme weights and the table (items reused across runs)."""
        from allocator.backtest.metrics import drawdown

        for name in list(self.curves):
            if name not in result.strategies:
                curve = self.curves.pop(name)
                self.equity.removeItem(curve)
                self.legend.removeItem(curve)
                self.drawdown.removeItem(self.dd_curves.pop(name))
        for name, s in result.strategies.items():
            wealth = s.wealth
            x = np.array([_ts(d) for d in wealth.index])
            colour = STRATEGY_COLOURS.get(name, "#888888")
            dashed = name == "optimised-unhedged"
            pen = pg.mkPen(colour, width=2.5 if name == "optimised" else 1.5,
                           style=Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
            if name not in self.curves:
                self.curves[name] = self.equity.plot()
                self.dd_curves[name] = self.drawdown.plot()
                self.legend.addItem(self.curves[name], self.strategy_label(name))
            self.curves[name].setData(x, wealth.to_numpy())
            self.curves[name].setPen(pen)
            self.dd_curves[name].setData(x, drawdown(wealth).to_numpy())
            self.dd_curves[name].setPen(pen)
        self._draw_weights(result)
        self._fill_table(result)
        for b in (self.export_curves_button, self.export_table_button):
            b.setEnabled(True)

    def theme_weights(self, result, strategy: str = "optimised") -> tuple[np.ndarray, list[str], np.ndarray]:
        """(x, theme keys, cumulative weights per theme at each rebalance) for the stacked area."""
        recs = result.strategies[strategy].rebalances
        themes = list(dict.fromkeys(result.themes.values()))
        w = np.zeros((len(recs), len(themes)))
        for i, r in enumerate(recs):
            for t, v in r.weights.items():
                w[i, themes.index(result.themes[t])] += v
        return np.array([_ts(r.date) for r in recs]), themes, np.cumsum(w, axis=1)

    def _draw_weights(self, result) -> None:
        for item in self.areas:
            self.weights.removeItem(item)
        self.weights_legend.clear()
        self.areas = []
        x, themes, cum = self.theme_weights(result)
        if len(x) == 0:
            return
        # Hold each rebalance's weights until the next one (step), to the last period's end.
        end = _ts(next(iter(result.strategies.values())).returns.index[-1])
        xs = np.append(x, end)
        palette = self.colours or style.theme_colours(themes)
        lower_y = np.zeros(len(x))
        for k, key in enumerate(themes):
            top = cum[:, k]
            if np.allclose(top, lower_y):
                continue
            colour = palette.get(key, "#888888")
            xx = np.repeat(xs, 2)[1:-1]
            hi = pg.PlotDataItem(xx, np.repeat(top, 2), pen=pg.mkPen(colour, width=0.5))
            lo = pg.PlotDataItem(xx, np.repeat(lower_y, 2), pen=pg.mkPen(None))
            fill = pg.FillBetweenItem(lo, hi, brush=pg.mkBrush(colour))
            for item in (lo, hi, fill):
                self.weights.addItem(item)
                self.areas.append(item)
            # A legend sample of its own (thick, never drawn in the plot).
            self.weights_legend.addItem(pg.PlotDataItem(pen=pg.mkPen(colour, width=8)), self._theme_name(key))
            lower_y = top

    def strategy_label(self, name: str, wrap: bool = False) -> str:
        """The name a user reads (the JSON and CSV keep DESIGN §11's keys)."""
        text = {
            "optimised": self.tr("Optimised"),
            "equal-weight": self.tr("Equal\nweight"),
            "theme-targets": self.tr("Theme\ntargets"),
            "fixed": self.tr("Fixed\n(today's)"),
            "optimised-unhedged": self.tr("Optimised\nunhedged"),
        }.get(name, name)
        if wrap:
            return text
        sep = "" if any("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in text) else " "  # Japanese joins without spaces
        return sep.join(text.split())

    def _theme_name(self, key: str) -> str:
        from allocator.gui import i18n

        try:
            return self.run.universe.theme(key).display_name(i18n.current())
        except Exception:  # a theme the current universe no longer has
            return key

    ROWS = (
        ("cagr", "CAGR", "pct"),
        ("volatility", "Volatility", "pct"),
        ("sharpe", "Sharpe", "num"),
        ("sharpe_se", "Sharpe s.e.", "num"),
        ("sortino", "Sortino", "num"),
        ("max_drawdown", "Max drawdown", "pct"),
        ("max_drawdown_days", "Drawdown length (days)", "int"),
        ("turnover_per_year", "Turnover / year", "num"),
        ("predicted_volatility", "Predicted volatility", "pct"),
        ("realised_vs_predicted_vol", "Realised / predicted vol", "num"),
    )

    def _row_label(self, key: str) -> str:
        return {
            "cagr": self.tr("CAGR"),
            "volatility": self.tr("Volatility"),
            "sharpe": self.tr("Sharpe"),
            "sharpe_se": self.tr("Sharpe s.e."),
            "sortino": self.tr("Sortino"),
            "max_drawdown": self.tr("Max drawdown"),
            "max_drawdown_days": self.tr("Drawdown length (days)"),
            "turnover_per_year": self.tr("Turnover / year"),
            "predicted_volatility": self.tr("Predicted volatility"),
            "realised_vs_predicted_vol": self.tr("Realised / predicted vol"),
        }[key]

    @staticmethod
    def _fmt(value, kind: str) -> str:
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return "–"
        if kind == "pct":
            return style.pct(value, 2)
        if kind == "int":
            return f"{int(value):d}"
        return f"{value:.2f}"

    def _fill_table(self, result) -> None:
        names = list(result.strategies)
        self.table.clear()
        self.table.setRowCount(len(self.ROWS))
        self.table.setColumnCount(len(names))
        self.table.setHorizontalHeaderLabels([self.strategy_label(n, wrap=True) for n in names])
        self.table.setToolTip(self.tr("Strategies as columns; 'Fixed' holds today's allocation throughout (hindsight)."))
        self.table.setVerticalHeaderLabels([self._row_label(k) for k, _l, _f in self.ROWS])
        for i, (key, _label, kind) in enumerate(self.ROWS):
            for j, n in enumerate(names):
                item = QTableWidgetItem(self._fmt(result.strategies[n].metrics.get(key), kind))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        tip = self.tr(
            "Realised / predicted vol: the volatility the strategy actually had, divided by what the risk "
            "model forecast at each rebalance (root mean square). Above 1: the model under-stated the risk."
        )
        self.table.setToolTip(tip)

    # ------------------------------------------------------------------ export
    def table_csv(self) -> str:
        """The metrics table as CSV: one row per metric, one column per strategy (full precision)."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        names = list(self.result.strategies)
        w.writerow(["metric", *names])
        for key, _label, _kind in self.ROWS:
            row = []
            for n in names:
                v = self.result.strategies[n].metrics.get(key)
                row.append("" if v is None else repr(float(v)) if not isinstance(v, int) else str(v))
            w.writerow([key, *row])
        return buf.getvalue()

    def export_table(self, path: str) -> bool:
        from allocator.document import atomic_write_text
        from allocator.gui import messages
        from allocator.gui.messages import Level

        if self.result is None:
            return False
        try:
            atomic_write_text(path, self.table_csv())
        except Exception as exc:  # noqa: BLE001 - disk full, permissions ...
            messages.post(Level.ERROR, self.tr("Cannot export the table to {0}: {1}").format(path, exc),
                          title=self.tr("Cannot export"))
            return False
        return True

    def export_curves(self, path: str) -> bool:
        """The three plots as PNG (pyqtgraph's exporter, >= 1200 px wide) or SVG (QtSvg, vector)."""
        from allocator.gui import messages
        from allocator.gui.messages import Level

        if self.result is None:
            return False
        try:
            if path.lower().endswith(".svg"):
                from PySide6.QtGui import QPainter
                from PySide6.QtSvg import QSvgGenerator

                gen = QSvgGenerator()
                gen.setFileName(path)
                gen.setSize(self.plots.size())
                gen.setViewBox(QRect(0, 0, self.plots.width(), self.plots.height()))
                gen.setTitle(self.tr("Backtest"))
                painter = QPainter(gen)
                try:
                    self.plots.render(painter)
                finally:
                    painter.end()
            else:
                import pyqtgraph.exporters as ex

                e = ex.ImageExporter(self.plots.scene())
                e.parameters()["width"] = max(1200, int(e.parameters()["width"]))
                e.export(path)
            from pathlib import Path

            if not Path(path).exists():
                raise OSError("nothing was written")
        except Exception as exc:  # noqa: BLE001
            messages.post(Level.ERROR, self.tr("Cannot export the curves to {0}: {1}").format(path, exc),
                          title=self.tr("Cannot export"))
            return False
        return True

    def export_curves_dialog(self) -> bool:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export backtest curves"), "backtest.png", self.tr("PNG image (*.png);;SVG image (*.svg)")
        )
        if not path:
            return False
        if not path.lower().endswith((".png", ".svg")):
            path += ".svg" if "svg" in chosen.lower() else ".png"
        return self.export_curves(path)

    def export_table_dialog(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export backtest table"), "backtest.csv", self.tr("CSV file (*.csv)")
        )
        if not path:
            return False
        if not path.lower().endswith(".csv"):
            path += ".csv"
        return self.export_table(path)


def _describe(exc: BaseException) -> str:
    """An error as the window words it (display names, menu paths; allocator.gui.wording)."""
    from allocator.gui import messages

    return messages.describe(exc)[0]
