"""pyqtgraph plots: frontier, allocation by asset, breakdowns, correlation heat map.

Items are created once and updated with ``setData``/``setOpts`` (pyqtgraph's
own advice); pens and brushes are built once per colour.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from allocator.gui import i18n, style

pg.setConfigOptions(antialias=True)


def _style_axes(plot: pg.PlotItem, fg: QColor) -> None:
    for name in ("left", "bottom"):
        ax = plot.getAxis(name)
        ax.setPen(pg.mkPen(fg))
        ax.setTextPen(pg.mkPen(fg))


def _configure(plot: pg.PlotItem, fg: QColor) -> None:
    _style_axes(plot, fg)
    for name in ("left", "bottom"):
        ax = plot.getAxis(name)
        # Grid lines on the major ticks only: the translucent minor-tick grid
        # cost ~4 ms of every repaint of the frontier (software raster).
        ax.setStyle(maxTickLevel=0)
    plot.showGrid(x=True, y=True, alpha=0.15)


def _nice_top(x: float, step: float = 0.05) -> float:
    """Round an axis end up to a multiple of ``step``, so small changes keep the range (no re-layout)."""
    return max(step, float(np.ceil(x / step - 1e-9)) * step)


@lru_cache(maxsize=256)
def _brush(colour: str, alpha: int = 255) -> pg.QtGui.QBrush:
    """One shared brush per (colour, alpha): items compare and cache brushes by identity."""
    c = QColor(colour)
    c.setAlpha(alpha)
    return pg.mkBrush(c)


class PercentAxis(pg.AxisItem):
    """Tick labels as percents of fractional values."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        digits = 0 if spacing * scale >= 0.01 else 1
        return [f"{v * scale * 100:.{digits}f}%" for v in values]


# -- frontier -------------------------------------------------------------------


class FrontierPlot(pg.PlotWidget):
    """Efficient frontier(s), the assets, the current portfolio and the max-Sharpe point.

    ``point_clicked(spec_name, allocation)`` fires when a frontier point is clicked.
    """

    point_clicked = Signal(str, object)
    frontiers_changed = Signal()  # which frontiers are drawn changed (the toggles follow)

    def __init__(self, parent=None):
        bg, fg = style.plot_colours()
        super().__init__(
            parent,
            background=bg,
            axisItems={"bottom": PercentAxis("bottom"), "left": PercentAxis("left")},
        )
        self._fg = fg
        pi = self.getPlotItem()
        _configure(pi, fg)
        pi.setMenuEnabled(False)
        pi.hideButtons()  # its auto-range would let the legend cover the assets (see _frame)
        self.legend = pi.addLegend(offset=(8, 8), labelTextColor=fg, brush=_brush(bg.name(), 225), pen=pg.mkPen(fg, width=0.5))
        self.legend.setColumnCount(2)
        self._assets_meta: list[tuple[str, str, str]] = []
        self.assets = pg.ScatterPlotItem(
            size=8, pen=pg.mkPen(fg, width=0.5), hoverable=True, hoverSize=11, tip=self._asset_tip
        )
        self.assets.setZValue(5)
        pi.addItem(self.assets)
        self.legend.addItem(self.assets, self.tr("Assets"))
        self.cml = pg.PlotDataItem(pen=pg.mkPen(fg, width=1, style=Qt.PenStyle.DashLine))
        self.cml.setZValue(1)
        pi.addItem(self.cml)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.dots: dict[str, pg.ScatterPlotItem] = {}
        self._frontiers: dict[str, object] = {}
        self._labels: dict[str, str] = {}
        # Filled with the text colour: no theme colour (the Automation theme's yellow was this
        # marker's), and it follows light and dark palettes.
        self.max_sharpe = pg.ScatterPlotItem(
            symbol="d", size=13, pen=pg.mkPen(bg, width=1.5), brush=_brush(fg.name())
        )
        self.max_sharpe.setZValue(20)
        pi.addItem(self.max_sharpe)
        self.current = pg.ScatterPlotItem(
            symbol="star", size=20, pen=pg.mkPen(fg, width=1), brush=_brush(style.CURRENT_MARKER)
        )
        self.current.setZValue(30)
        pi.addItem(self.current)
        self.legend.addItem(self.current, self.tr("Current"))
        self.legend.addItem(self.max_sharpe, self.tr("Max Sharpe"))
        self._specs: dict[str, object] = {}
        self._legend_names: set[str] = set()
        self._hidden: set[str] = set()  # frontiers the user switched off
        self._shown: set[str] = set()  # frontiers of the current settings
        self._hover: tuple[str, int, int] | None = None
        self.hover_ring = pg.ScatterPlotItem(symbol="o", size=15, brush=None, pen=pg.mkPen(fg, width=2))
        self.hover_ring.setZValue(25)
        pi.addItem(self.hover_ring)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.dimmed = False
        self.set_palette_colours()

    def set_palette_colours(self) -> None:
        """Follow the application palette (light/dark), also when it changes at run time."""
        bg, fg = style.plot_colours()
        self._fg = fg
        self.setBackground(bg)
        pi = self.getPlotItem()
        _style_axes(pi, fg)
        pi.setLabel("bottom", self.tr("Volatility (annual)"), color=fg.name())
        pi.setLabel("left", self.tr("Expected return (annual)"), color=fg.name())
        self.legend.setLabelTextColor(fg)
        for _sample, label in self.legend.items:
            label.setText(i18n.retranslated(label.text) or label.text)  # pyqtgraph keeps the old colour until the text is set again
        self.legend.setBrush(_brush(bg.name(), 225))
        self.legend.setPen(pg.mkPen(fg, width=0.5))
        edge = pg.mkPen(fg, width=0.5)
        self.assets.setPen(edge)
        self.cml.setPen(pg.mkPen(fg, width=1, style=Qt.PenStyle.DashLine))
        self.max_sharpe.setPen(pg.mkPen(bg, width=1.5))
        self.max_sharpe.setBrush(_brush(fg.name()))
        self.current.setPen(pg.mkPen(fg, width=1))

    def retranslate(self) -> None:
        """Axis titles, legend and frontier names in the language now shown."""
        for name, spec in self._specs.items():
            self._labels[name] = self._label(spec)
        for curve_name, curve in self.curves.items():
            if curve_name in self._legend_names:
                self.legend.removeItem(curve)
                self.legend.addItem(curve, self._labels.get(curve_name, curve_name))
        self.set_palette_colours()
        self.frontiers_changed.emit()  # the toggles' labels follow

    @staticmethod
    def _label(spec) -> str:
        from allocator.gui.engine import frontier_label

        return frontier_label(spec)

    # tooltips --------------------------------------------------------------
    def _asset_tip(self, x, y, data):
        ticker, name, theme = data
        return self.tr("{0} - {1}\n{2}\nreturn {3}, volatility {4}").format(
            ticker, name, theme, i18n.percent(y), i18n.percent(x)
        )

    def _frontier_tip(self, x, y, data):
        name, i = data
        f = self._frontiers.get(name)
        sharpe = f.points[i].sharpe if f is not None and i < len(f.points) else float("nan")
        cost = ""
        if f is not None and i < len(f.points) and f.points[i].trading_cost is not None:
            q = f.points[i]
            cost = "\n" + self.tr("net of a one-time cost of {cost:.2f}% (turnover {turnover:.0f}%) from your holdings").format(
                cost=100 * q.trading_cost, turnover=100 * q.turnover
            )
        return self.tr("{0} frontier\nreturn {1}, volatility {2}, Sharpe {3}{4}\nclick to adopt this portfolio").format(
            self._labels.get(name, name), i18n.percent(y), i18n.percent(x), i18n.number(sharpe, 2), cost
        )

    # data --------------------------------------------------------------------
    def set_assets(self, model, theme_names: dict[str, str], colours: dict[str, str]) -> None:
        vols = np.asarray(model.vols, dtype=float)
        mus = np.asarray(model.mu, dtype=float)
        lang = i18n.current()
        data = [(a.ticker, a.display_name(lang), theme_names.get(a.theme, a.theme)) for a in model.assets]
        brushes = [_brush(colours.get(a.theme, "#888888"), 200) for a in model.assets]
        self.assets.setData(x=vols, y=mus, data=data, brush=brushes)
        self._frame()

    def _frame(self) -> None:
        """Fit the data with room above it for the legend (upper left), in 5% steps.

        Auto-range let the legend cover the assets with the highest returns;
        stepped bounds also keep the axes (and layout) still while a slider moves.
        """
        xs, ys = [], []
        for item in [self.assets, *(d for d in self.dots.values() if d.isVisible())]:
            x, y = item.getData()
            if x is not None and len(x):
                xs.append(np.asarray(x, dtype=float))
                ys.append(np.asarray(y, dtype=float))
        if not xs:
            return
        x, y = np.concatenate(xs), np.concatenate(ys)
        ok = np.isfinite(x) & np.isfinite(y)
        if not ok.any():
            return
        x, y = x[ok], y[ok]
        lo = min(0.0, float(np.floor(y.min() / 0.05) * 0.05))
        hi = _nice_top(float(y.max()) + 0.01)
        box_h = self.getPlotItem().vb.height()
        legend_h = self.legend.boundingRect().height() + 16
        share = min(legend_h / box_h, 0.45) if box_h > 50 else 0.3
        top = hi + (hi - lo) * share / (1 - share)
        vb = self.getPlotItem().vb
        vb.setRange(xRange=(0.0, _nice_top(float(x.max()) * 1.04)), yRange=(lo, _nice_top(top)), padding=0)

    def resizeEvent(self, ev):  # noqa: N802
        super().resizeEvent(ev)
        if hasattr(self, "legend"):
            self._frame()

    # Each frontier its own line style and point symbol, so overlapping curves
    # stay distinguishable in colour-blind viewing and in grey prints.
    STYLES = {
        "unhedged": (Qt.PenStyle.SolidLine, "o"),
        "hedged": (Qt.PenStyle.DashLine, "s"),
        "optimal": (Qt.PenStyle.DotLine, "t"),
        "current": (Qt.PenStyle.DashDotLine, "p"),
    }
    HOVER_PX = 9  # a frontier point within this many pixels of the cursor is "hovered"

    def _curve_items(self, name: str):
        curve = self.curves.get(name)
        if curve is None:
            colour = style.FRONTIER_COLOURS.get(name, "#888888")
            line, symbol = self.STYLES.get(name, (Qt.PenStyle.SolidLine, "o"))
            curve = self.curves[name] = pg.PlotDataItem(pen=pg.mkPen(colour, width=2.5, style=line))
            curve.setZValue(10)
            self.getPlotItem().addItem(curve)
            # Points are hit-tested by the plot itself (``_nearest``), not by each
            # item: the click adopts the point the hover highlighted, whichever
            # curve happens to be drawn on top.
            dots = self.dots[name] = pg.ScatterPlotItem(
                size=7, symbol=symbol, pen=pg.mkPen(colour, width=1), brush=_brush(colour, 160), hoverable=False
            )
            dots.setZValue(11)
            self.getPlotItem().addItem(dots)
            curve.setVisible(name not in self._hidden)
            dots.setVisible(name not in self._hidden)
        return curve, self.dots[name]

    def show_frontier(self, spec, front) -> None:
        """Draw (or redraw) one frontier; the others stay as they are (progressive drawing)."""
        label = self._label(spec)
        if self._frontiers.get(spec.name) is front and self._labels.get(spec.name) == label:
            return  # already drawn: the final set_frontiers of a move repeats it
        curve, dots = self._curve_items(spec.name)
        self._specs[spec.name] = spec
        if spec.name not in self._legend_names or self._labels.get(spec.name) != label:
            if spec.name in self._legend_names:
                self.legend.removeItem(curve)
            self.legend.addItem(curve, label)
            self._legend_names.add(spec.name)
        self._labels[spec.name] = label
        self._frontiers[spec.name] = front
        # Net of the one-time cost of getting there from the holdings (= gross without them).
        vols, rets = front.vols, np.array([q.net_return for q in front.points])
        curve.setData(vols, rets)
        dots.setData(x=vols, y=rets, data=[(spec.name, i) for i in range(len(vols))])
        visible = spec.name not in self._hidden
        curve.setVisible(visible)
        dots.setVisible(visible)
        self._shown.add(spec.name)
        self.frontiers_changed.emit()

    def set_frontiers(self, curves, rf: float | None = None) -> None:
        """``curves``: [(FrontierSpec, Frontier)]; curves not listed are hidden."""
        seen = set()
        best = None
        for spec, front in curves:
            seen.add(spec.name)
            self.show_frontier(spec, front)
            if spec.name in self._hidden:
                continue
            p = front.points[front.max_sharpe_index]
            if best is None or p.sharpe > best.sharpe:
                best = p
        for name, curve in self.curves.items():
            if name not in seen:
                curve.setVisible(False)
                self.dots[name].setVisible(False)
                self.dots[name].setData(x=[], y=[])
                self._frontiers.pop(name, None)
                self._shown.discard(name)
                if name in self._legend_names:
                    self.legend.removeItem(curve)
                    self._legend_names.discard(name)
        self._set_hover(None)
        self._frame()
        if best is not None:
            self.max_sharpe.setData([best.volatility], [best.net_return])
            r0 = best.rf if rf is None else rf
            if best.volatility > 0:
                slope = (best.net_return - r0) / best.volatility
                xs = np.array([0.0, best.volatility * 1.35])
                self.cml.setData(xs, r0 + slope * xs)
        else:
            self.max_sharpe.setData([], [])
            self.cml.setData([], [])
        self.frontiers_changed.emit()

    def shown_frontiers(self) -> list[tuple[str, str]]:
        """(name, label) of the frontiers drawn for the current settings: unhedged, hedged, optimal, current."""
        order = list(self.STYLES)
        names = sorted((n for n in self.curves if n in self._shown), key=lambda n: order.index(n) if n in order else 99)
        return [(n, self._labels.get(n, n)) for n in names]

    def set_frontier_visible(self, name: str, on: bool) -> None:
        """Show or hide one frontier (the toggles above the plot); kept across updates."""
        if on:
            self._hidden.discard(name)
        else:
            self._hidden.add(name)
        if name in self.curves:
            self.curves[name].setVisible(on and name in self._shown)
            self.dots[name].setVisible(on and name in self._shown)
        if self._hover is not None and self._hover[0] == name and not on:
            self._set_hover(None)
        self._frame()

    def set_dimmed(self, on: bool) -> None:
        """Dim the frontier(s) and the max-Sharpe marker: they belong to the last feasible settings."""
        opacity = 0.3 if on else 1.0
        for item in [*self.curves.values(), *self.dots.values(), self.max_sharpe, self.cml]:
            item.setOpacity(opacity)
        self.dimmed = on

    def set_current(self, allocation) -> None:
        if allocation is None:
            self.current.setData([], [])
        else:
            self.current.setData([allocation.volatility], [allocation.net_return])

    def frontier_count(self) -> int:
        return sum(1 for c in self.curves.values() if c.isVisible())

    # hover and click -----------------------------------------------------------
    def _nearest(self, scene_pos) -> tuple[str, int, int] | None:
        """The visible frontier point nearest ``scene_pos`` within HOVER_PX: (name, index, others nearby).

        Ties (curves drawn on top of each other) keep the point already
        hovered, so what the highlight and tooltip show is what a click adopts.
        """
        vb = self.getPlotItem().vb
        best = None
        near = 0
        for name, dots in self.dots.items():
            if not dots.isVisible() or name not in self._frontiers:
                continue
            x, y = dots.getData()
            if x is None or not len(x):
                continue
            pts = [vb.mapViewToScene(QPointF(float(a), float(b))) for a, b in zip(x, y)]
            d = np.array([np.hypot(p.x() - scene_pos.x(), p.y() - scene_pos.y()) for p in pts])
            i = int(np.argmin(d))
            if d[i] > self.HOVER_PX:
                continue
            near += 1
            sticky = self._hover is not None and self._hover[:2] == (name, i)
            score = d[i] - (0.75 if sticky else 0.0)
            if best is None or score < best[0]:
                best = (score, name, i)
        if best is None:
            return None
        return best[1], best[2], near - 1

    def _set_hover(self, hit) -> None:
        self._hover = hit
        if hit is None:
            self.hover_ring.setData([], [])
            self.setToolTip("")
            return
        name, i, _ = hit
        front = self._frontiers[name]
        q = front.points[i]
        colour = style.FRONTIER_COLOURS.get(name, "#888888")
        self.hover_ring.setData([q.volatility], [q.net_return], pen=pg.mkPen(colour, width=2.5))

    def _hover_text(self, hit) -> str:
        name, i, others = hit
        q = self._frontiers[name].points[i]
        text = self._frontier_tip(q.volatility, q.net_return, (name, i))
        if others:
            text += "\n" + self.tr("{n} other frontier(s) pass here: hide them with the toggles above to pick another").format(n=others)
        return text

    def _on_mouse_moved(self, scene_pos) -> None:
        hit = self._nearest(scene_pos)
        if hit == self._hover:
            return
        self._set_hover(hit)
        if hit is not None:
            from PySide6.QtWidgets import QToolTip

            view_pos = self.mapFromScene(scene_pos)
            QToolTip.showText(self.mapToGlobal(view_pos), self._hover_text(hit), self)
        else:
            from PySide6.QtWidgets import QToolTip

            QToolTip.hideText()

    def _on_scene_clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        hit = self._nearest(ev.scenePos())
        if hit is None:
            return
        self._set_hover(hit)
        name, i, _ = hit
        front = self._frontiers.get(name)
        if front is not None and 0 <= i < len(front.points):
            ev.accept()
            self.point_clicked.emit(name, front.points[i])

    def _on_dots_clicked(self, item, points, ev=None) -> None:
        """Adopt the first of ``points`` (scatter points of one frontier) - a programmatic click."""
        if not len(points):
            return
        name, i = points[0].data()
        front = self._frontiers.get(name)
        if front is not None and 0 <= i < len(front.points):
            self.point_clicked.emit(name, front.points[i])

    def hovered(self) -> tuple[str, int] | None:
        """(frontier name, point index) under the cursor, or None."""
        return None if self._hover is None else self._hover[:2]


class FrontierToggles(QWidget):
    """One check box per frontier drawn, with its line style: show or hide it.

    One row when it fits, two columns otherwise (a 1024-px window), so the
    toggles never widen the window.
    """

    def __init__(self, plot: FrontierPlot, parent=None):
        super().__init__(parent)
        from PySide6.QtWidgets import QGridLayout, QSizePolicy

        self.plot = plot
        self.boxes: dict[str, "QCheckBox"] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(4, 0, 4, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(0)
        self._columns = 0
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("Show or hide each frontier; a click on a frontier adopts the point under the cursor"))
        plot.frontiers_changed.connect(self.refresh)
        self.refresh()

    def minimumSizeHint(self):  # noqa: N802 - the grid wraps instead of widening the window
        hint = super().minimumSizeHint()
        hint.setWidth(0)
        return hint

    def refresh(self) -> None:
        from PySide6.QtWidgets import QCheckBox

        shown = self.plot.shown_frontiers()
        names = [n for n, _ in shown]
        for name in list(self.boxes):
            if name not in names:
                box = self.boxes.pop(name)
                self._grid.removeWidget(box)
                box.deleteLater()
        for name, label in shown:
            box = self.boxes.get(name)
            if box is None:
                box = self.boxes[name] = QCheckBox(self)
                box.setChecked(name not in self.plot._hidden)
                box.setIcon(_line_icon(name))
                box.toggled.connect(lambda on, n=name: self.plot.set_frontier_visible(n, on))
            if box.text() != label:
                box.setText(label)
            # always: the generic re-translation may have renamed the box already
            box.setToolTip(self.tr("Show the {label} frontier").format(label=label))
        self._columns = 0
        self._arrange()
        self.setVisible(len(shown) > 1)

    def _arrange(self) -> None:
        boxes = [self.boxes[n] for n, _ in self.plot.shown_frontiers() if n in self.boxes]
        need = sum(b.sizeHint().width() for b in boxes) + self._grid.horizontalSpacing() * max(0, len(boxes) - 1) + 8
        columns = max(1, len(boxes) if self.width() >= need or len(boxes) < 3 else 2)
        if columns == self._columns:
            return
        self._columns = columns
        for b in boxes:
            self._grid.removeWidget(b)
        for i, b in enumerate(boxes):
            self._grid.addWidget(b, i // columns, i % columns)
        self._grid.setColumnStretch(columns, 1)

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self._arrange()


def _line_icon(name: str):
    """A 28x12 sample of a frontier's line style and symbol colour (the toggles' icons)."""
    from PySide6.QtGui import QIcon, QPainter, QPen, QPixmap

    pm = QPixmap(28, 12)
    pm.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pm)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line, _symbol = FrontierPlot.STYLES.get(name, (Qt.PenStyle.SolidLine, "o"))
    pen = QPen(QColor(style.FRONTIER_COLOURS.get(name, "#888888")), 2.5, line)
    painter.setPen(pen)
    painter.drawLine(1, 6, 27, 6)
    painter.end()
    return QIcon(pm)


# -- allocation by asset -----------------------------------------------------------


class AllocationBarsPlot(pg.PlotWidget):
    """Horizontal bars, one per held asset, grouped and coloured by theme."""

    def __init__(self, parent=None):
        bg, fg = style.plot_colours()
        super().__init__(parent, background=bg, axisItems={"bottom": PercentAxis("bottom")})
        pi = self.getPlotItem()
        _configure(pi, fg)
        pi.showGrid(x=True, y=False, alpha=0.15)
        pi.setLabel("bottom", self.tr("Weight"), color=fg.name())
        pi.setMenuEnabled(False)
        pi.hideButtons()
        pi.invertY(True)
        pi.setMouseEnabled(x=False, y=True)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brushes=[])
        pi.addItem(self.bars)
        self.tickers: list[str] = []
        self._values: list[float] = []
        left = pi.getAxis("left")
        f = QFont()
        f.setPointSizeF(max(7.0, f.pointSizeF() - 1.5))
        left.setTickFont(f)

    def set_palette_colours(self) -> None:
        bg, fg = style.plot_colours()
        self.setBackground(bg)
        pi = self.getPlotItem()
        _style_axes(pi, fg)
        pi.setLabel("bottom", self.tr("Weight"), color=fg.name())

    def retranslate(self) -> None:
        self.set_palette_colours()

    def fit_labels(self, assets) -> None:
        """Fix the label column to the widest "TICKER  100.0%" of the model's assets.

        A width that follows the labels of each allocation would re-layout
        (and paint the chart twice) on every slider move.
        """
        left = self.getPlotItem().getAxis("left")
        fm = QFontMetrics(left.style.get("tickFont") or QFont())
        widest = max((fm.horizontalAdvance(f"{a.ticker}  100.0%") for a in assets), default=60)
        left.setWidth(widest + 12)

    def set_allocation(self, allocation, assets, colours: dict[str, str], theme_order: list[str]) -> None:
        order = {k: i for i, k in enumerate(theme_order)}
        held = [(a, allocation.weights.get(a.ticker, 0.0)) for a in assets]
        held = [(a, w) for a, w in held if w > 5e-4]
        held.sort(key=lambda aw: (order.get(aw[0].theme, 99), -aw[1]))
        ys = np.arange(len(held), dtype=float)
        ws = np.array([w for _, w in held], dtype=float)
        brushes = [_brush(colours.get(a.theme, "#888888")) for a, _ in held]
        self.bars.setOpts(x0=np.zeros(len(held)), y=ys, height=0.7, width=ws, brushes=brushes, pens=[None] * len(held))
        self.tickers = [a.ticker for a, _ in held]
        self._values = list(ws)
        ticks = [(float(i), f"{a.ticker}  {i18n.percent(w)}") for i, (a, w) in enumerate(held)]
        self.getPlotItem().getAxis("left").setTicks([ticks, []])
        n = max(len(held), 1)
        self.getPlotItem().setYRange(-0.6, n - 0.4, padding=0)
        self.getPlotItem().setXRange(0, _nice_top(float(ws.max()) * 1.08 if len(ws) else 0.1), padding=0)


# -- breakdowns ------------------------------------------------------------------------


class _LabelledBars:
    """One small horizontal bar chart with value labels (items reused)."""

    def __init__(self, plot: pg.PlotItem, fg: QColor):
        self.plot = plot
        self.fg = fg
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.65, width=[], brushes=[])
        plot.addItem(self.bars)
        plot.invertY(True)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.showGrid(x=True, y=False, alpha=0.15)
        self.texts: list[pg.TextItem] = []

    def set(self, rows: list[tuple[str, float, str]], x0: list[float] | None = None) -> None:
        n = len(rows)
        ys = np.arange(n, dtype=float)
        ws = np.array([max(r[1], 0.0) for r in rows], dtype=float)
        starts = np.zeros(n) if x0 is None else np.asarray(x0, dtype=float)
        self.bars.setOpts(x0=starts, y=ys, width=ws, brushes=[_brush(r[2]) for r in rows], pens=[None] * n)
        self.plot.getAxis("left").setTicks([[(float(i), r[0]) for i, r in enumerate(rows)], []])
        while len(self.texts) < n:
            t = pg.TextItem(color=self.fg, anchor=(0, 0.5))
            self.plot.addItem(t)
            self.texts.append(t)
        top = max([float(s + w) for s, w in zip(starts, ws)] + [0.05])
        for i, t in enumerate(self.texts):
            if i < n:
                t.setText(i18n.percent(rows[i][1]))
                t.setPos(float(starts[i] + ws[i]) + top * 0.02, float(i))
                t.setVisible(True)
            else:
                t.setVisible(False)
        self.plot.setXRange(0, top * 1.45, padding=0)
        self.plot.setYRange(-0.6, max(n, 1) - 0.4, padding=0)


class BreakdownPlot(pg.GraphicsLayoutWidget):
    """Weights by theme, by country, and currency exposure before and after the hedge."""

    def __init__(self, parent=None):
        bg, fg = style.plot_colours()
        super().__init__(parent)
        self.setBackground(bg)
        self.ci.setSpacing(6)
        plots = []
        # Stacked at full width: side by side, the country and currency charts
        # were too narrow for their value labels at 1280 px.
        for row, title in enumerate(self._title_texts()):
            p = self.addPlot(row=row, col=0, axisItems={"bottom": PercentAxis("bottom")})
            _configure(p, fg)
            p.setTitle(title, color=fg.name())
            plots.append(p)
        for row, stretch in enumerate((9, 3, 5)):
            self.ci.layout.setRowStretchFactor(row, stretch)
        self.themes = _LabelledBars(plots[0], fg)
        self.countries = _LabelledBars(plots[1], fg)
        self.currency = _LabelledBars(plots[2], fg)
    def _title_texts(self) -> tuple[str, str, str]:
        return (self.tr("By theme"), self.tr("By country"), self.tr("Currency exposure"))

    def retranslate(self) -> None:
        self.set_palette_colours()

    def set_palette_colours(self) -> None:
        bg, fg = style.plot_colours()
        self.setBackground(bg)
        for bars, title in zip((self.themes, self.countries, self.currency), self._title_texts()):
            _style_axes(bars.plot, fg)
            bars.plot.setTitle(title, color=fg.name())
            bars.fg = fg
            for t in bars.texts:
                t.setColor(fg)

    def set_allocation(self, allocation, theme_names: dict[str, str], colours: dict[str, str], theme_order) -> None:
        rows = [
            (theme_names.get(k, k), allocation.theme_weights.get(k, 0.0), colours.get(k, "#888888"))
            for k in theme_order
        ]
        self.themes.set(rows)
        from allocator.gui.table import country_name

        self.countries.set(
            [(country_name(c), w, style.COUNTRY_COLOURS.get(c, "#888888")) for c, w in sorted(allocation.country_weights.items())]
        )
        crow = []
        for ccy, w in sorted(allocation.currency_exposure.items()):
            crow.append((self.tr("{0} gross").format(ccy), w, style.CURRENCY_COLOURS.get(ccy, "#888888")))
            if ccy in allocation.hedge_notionals:
                h = allocation.hedge_notionals[ccy]
                ratio = allocation.hedge_ratios.get(ccy, 0.0)
                crow.append((self.tr("{0} hedged ({1})").format(ccy, i18n.percent(ratio, 0)), h, "#BAB0AC"))
                crow.append((self.tr("{0} net").format(ccy), w - h, style.CURRENCY_COLOURS.get(ccy, "#888888")))
        self.currency.set(crow)


# -- correlation ----------------------------------------------------------------------------


class CorrelationPlot(QWidget):
    """The assets' correlation matrix as a heat map, grouped by theme; hover names the pair."""

    def __init__(self, parent=None):
        super().__init__(parent)
        bg, fg = style.plot_colours()
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(bg)
        self.plot = self.view.addPlot(row=0, col=0)
        self.plot.setMenuEnabled(False)
        self.plot.invertY(True)
        self.plot.setAspectLocked(True)
        self.plot.hideButtons()
        for name in ("left", "bottom"):
            ax = self.plot.getAxis(name)
            ax.setPen(pg.mkPen(fg))
            ax.setTextPen(pg.mkPen(fg))
            f = QFont()
            f.setPointSizeF(max(7.0, f.pointSizeF() - 1.5))
            ax.setTickFont(f)
        self.plot.getAxis("bottom").setHeight(8)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        cmap = pg.colormap.get("CET-D1")
        self.image.setColorMap(cmap)
        self.image.setLevels((-1, 1))
        self.colorbar = pg.ColorBarItem(values=(-1, 1), colorMap=cmap, interactive=False, width=12)
        self.colorbar.setImageItem(self.image)
        self.view.addItem(self.colorbar, row=0, col=1)
        self.info = QLabel(self.tr("Hover over the map to read a pair's correlation (assets grouped by theme)."))
        self.info.setToolTip(self.tr("Correlation of the assets' returns in the base currency over the estimation window"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.info)
        self._tickers: list[str] = []
        self._themes: list[str] = []
        self._corr = np.zeros((0, 0))
        self._grid = pg.PlotDataItem(connect="pairs", pen=pg.mkPen(fg, width=1))
        self.plot.addItem(self._grid)
        self.set_palette_colours()

    def set_palette_colours(self) -> None:
        bg, fg = style.plot_colours()
        self.view.setBackground(bg)
        _style_axes(self.plot, fg)
        self._grid.setPen(pg.mkPen(fg, width=1))
        ax = getattr(self.colorbar, "axis", None)
        if ax is not None:
            ax.setPen(pg.mkPen(fg))
            ax.setTextPen(pg.mkPen(fg))
        self.view.scene().sigMouseMoved.connect(self._on_mouse)

    def retranslate(self) -> None:
        self.info.setText(self.tr("Hover over the map to read a pair's correlation (assets grouped by theme)."))

    def set_model(self, model, theme_order: list[str], theme_names: dict[str, str] | None = None) -> None:
        theme_names = theme_names or {}
        order = {k: i for i, k in enumerate(theme_order)}
        idx = sorted(range(model.n), key=lambda i: (order.get(model.assets[i].theme, 99), i))
        cov = np.asarray(model.asset_cov)[np.ix_(idx, idx)]
        d = np.sqrt(np.clip(np.diag(cov), 1e-18, None))
        corr = cov / np.outer(d, d)
        self._corr = corr
        self._tickers = [model.assets[i].ticker for i in idx]
        self._themes = [theme_names.get(model.assets[i].theme, model.assets[i].theme) for i in idx]
        self.image.setImage(corr, levels=(-1, 1), autoLevels=False)
        self.image.setRect(0, 0, len(idx), len(idx))
        themes = [model.assets[i].theme for i in idx]
        blocks: list[tuple[float, str]] = []
        start = 0
        for i in range(1, len(themes) + 1):
            if i == len(themes) or themes[i] != themes[start]:
                blocks.append(((start + i) / 2, theme_names.get(themes[start], themes[start])))
                start = i
        self.plot.getAxis("left").setTicks([blocks, []])
        self.plot.getAxis("bottom").setTicks([[], []])
        n = len(idx)
        xs: list[float] = []
        ys: list[float] = []
        for i in range(1, n):
            if themes[i] != themes[i - 1]:
                xs += [i, i, 0, n]
                ys += [0, n, i, i]
        self._grid.setData(xs, ys)
        self.plot.setRange(xRange=(0, len(idx)), yRange=(0, len(idx)), padding=0)

    def _on_mouse(self, pos: QPointF) -> None:
        if not self._tickers:
            return
        p = self.plot.vb.mapSceneToView(pos)
        i, j = int(np.floor(p.y())), int(np.floor(p.x()))
        n = len(self._tickers)
        if 0 <= i < n and 0 <= j < n:
            self.info.setText(
                self.tr("{0} ({1}) × {2} ({3}): correlation {4}").format(
                    self._tickers[i], self._themes[i], self._tickers[j], self._themes[j], f"{self._corr[i, j]:+.2f}"
                )
            )
