"""The "Expected returns" chart: history (± one standard error), the equilibrium prior and the posterior.

Per theme (each theme's assets weighted as in its view's pick row: by the
reference portfolio) or per asset, so the user sees what their views did to
the numbers the optimiser works from.  The standard error of a historical
mean is ``sigma / sqrt(years)``: with ten years of prices, ±5-7 % a year for
most stocks, wider than most of the differences between them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from allocator.gui import style
from allocator.gui.plots import PercentAxis, _brush, _configure, _style_axes

HISTORY, PRIOR, POSTERIOR = "#9aa0a6", "#5b9bd5", "#e07b39"


@dataclass(frozen=True)
class ReturnRows:
    """One row per theme or asset: labels, history, its standard error, prior, posterior, view."""

    keys: tuple[str, ...]
    labels: tuple[str, ...]
    history: np.ndarray
    se: np.ndarray
    prior: np.ndarray
    posterior: np.ndarray
    view: np.ndarray  # the absolute view's return on that row (NaN: none)


def return_rows(model, mu_hist, prior, years: float, by: str, theme_keys, theme_names, views=()) -> ReturnRows:
    """The numbers the chart shows (plain numpy; ``by`` is "theme" or "asset")."""
    n = len(model.assets)
    cov = np.asarray(model.asset_cov, dtype=float)
    hist = np.asarray(mu_hist if mu_hist is not None else np.full(n, np.nan), dtype=float)
    pi = np.asarray(prior.prior if prior is not None else np.full(n, np.nan), dtype=float)
    post = np.asarray(prior.posterior if prior is not None else np.full(n, np.nan), dtype=float)
    w_ref = np.asarray(prior.w_ref if prior is not None else np.full(n, 1.0 / n), dtype=float)
    years = max(float(years), 1e-9)
    if by == "asset":
        se = np.sqrt(np.clip(np.diag(cov), 0, None) / years)
        view = np.full(n, np.nan)
        for v in views:
            if v.kind == "asset" and v.ticker in model.tickers:
                view[model.tickers.index(v.ticker)] = v.ret
        return ReturnRows(tuple(model.tickers), tuple(model.tickers), hist, se, pi, post, view)
    themes = np.array([a.theme for a in model.assets])
    keys, rows = [], []
    for k in theme_keys:
        mask = themes == k
        if not mask.any():
            continue
        p = np.where(mask, w_ref, 0.0)
        p = p / p.sum() if p.sum() > 0 else mask / mask.sum()
        keys.append(k)
        rows.append(p)
    P = np.array(rows) if rows else np.zeros((0, n))
    se = np.sqrt(np.clip(np.einsum("ij,jk,ik->i", P, cov, P), 0, None) / years)
    view = np.full(len(keys), np.nan)
    for v in views:
        if v.kind == "theme" and v.theme in keys:
            view[keys.index(v.theme)] = v.ret
    return ReturnRows(tuple(keys), tuple(theme_names.get(k, k) for k in keys), P @ hist, se, P @ pi, P @ post, view)


class ExpectedReturnsPlot(QWidget):
    """Grouped horizontal bars: history with error bars, prior, posterior; the views as diamonds."""

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        self.by_theme = QRadioButton(self.tr("By theme"))
        self.by_asset = QRadioButton(self.tr("By asset"))
        self.by_theme.setChecked(True)
        self.by_theme.setToolTip(self.tr("Each theme's assets weighted by the reference portfolio, as in a view on the theme"))
        self.by_asset.setToolTip(self.tr("Every asset of the model"))
        group = QButtonGroup(self)
        group.addButton(self.by_theme)
        group.addButton(self.by_asset)
        top.addWidget(self.by_theme)
        top.addWidget(self.by_asset)
        top.addStretch(1)
        lay.addLayout(top)
        self.key = QLabel("")
        self.key.setWordWrap(True)
        self.key.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(self.key)
        self.caption = QLabel("")
        self.caption.setWordWrap(True)
        self.caption.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(self.caption)
        bg, fg = style.plot_colours()
        self.plot = pg.PlotWidget(background=bg, axisItems={"bottom": PercentAxis("bottom")})
        pi = self.plot.getPlotItem()
        _configure(pi, fg)
        pi.showGrid(x=True, y=False, alpha=0.15)
        pi.setMenuEnabled(False)
        pi.invertY(True)
        pi.setMouseEnabled(x=False, y=True)
        pi.setLabel("bottom", self.tr("Expected return (annual, base currency)"), color=fg.name())
        f = QFont()
        f.setPointSizeF(max(7.0, f.pointSizeF() - 1.0))
        pi.getAxis("left").setTickFont(f)
        h = 0.26
        self.bars = {}
        key = []
        for name, colour, dy, label in (
            ("history", HISTORY, -h, self.tr("History (in-sample) ± 1 SE")),
            ("prior", PRIOR, 0.0, self.tr("Equilibrium prior")),
            ("posterior", POSTERIOR, h, self.tr("Posterior (with your views)")),
        ):
            item = pg.BarGraphItem(x0=[], y=[], height=h * 0.92, width=[], brush=_brush(colour), pen=None)
            item.dy = dy
            pi.addItem(item)
            self.bars[name] = item
            key.append(f"<span style='color:{colour}'>&#9632;</span>&nbsp;{label}")
        self.errors = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), pen=pg.mkPen(fg, width=1), beam=0.08)
        pi.addItem(self.errors)
        self.views = pg.ScatterPlotItem(symbol="d", size=11, brush=_brush("#222222"), pen=pg.mkPen("w", width=1))
        pi.addItem(self.views)
        key.append("&#9670;&nbsp;" + self.tr("your view"))
        self.key.setText("&nbsp;&nbsp; ".join(key))
        self.key.setToolTip(self.tr("Error bars: ± one standard error of the historical mean (sigma / sqrt(years))"))
        self.zero = pg.InfiniteLine(pos=0.0, angle=90, pen=pg.mkPen(fg, width=1))
        pi.addItem(self.zero)
        lay.addWidget(self.plot, 1)
        self.rows: ReturnRows | None = None
        self._inputs = None
        self.by_theme.toggled.connect(lambda on: self.redraw())

    def retranslate(self) -> None:
        """Axis title, key and caption in the language now shown."""
        _bg, fg = style.plot_colours()
        self.plot.getPlotItem().setLabel("bottom", self.tr("Expected return (annual, base currency)"), color=fg.name())
        key = [
            f"<span style='color:{colour}'>&#9632;</span>&nbsp;{label}"
            for colour, label in (
                (HISTORY, self.tr("History (in-sample) ± 1 SE")),
                (PRIOR, self.tr("Equilibrium prior")),
                (POSTERIOR, self.tr("Posterior (with your views)")),
            )
        ]
        key.append("&#9670;&nbsp;" + self.tr("your view"))
        self.key.setText("&nbsp;&nbsp; ".join(key))
        if self._inputs is not None:
            self.redraw()

    def set_palette_colours(self) -> None:
        bg, fg = style.plot_colours()
        self.plot.setBackground(bg)
        _style_axes(self.plot.getPlotItem(), fg)

    def set_inputs(self, model, mu_hist, prior, years: float, theme_keys, theme_names, views, uses: str) -> None:
        self._inputs = (model, mu_hist, prior, years, list(theme_keys), dict(theme_names), tuple(views), uses)
        self.redraw()

    def redraw(self) -> None:
        if self._inputs is None:
            return
        model, mu_hist, prior, years, keys, names, views, uses = self._inputs
        by = "theme" if self.by_theme.isChecked() else "asset"
        r = return_rows(model, mu_hist, prior, years, by, keys, names, views)
        self.rows = r
        y = np.arange(len(r.keys), dtype=float)
        for name, values in (("history", r.history), ("prior", r.prior), ("posterior", r.posterior)):
            item = self.bars[name]
            v = np.nan_to_num(values)
            item.setOpts(x0=np.minimum(v, 0), y=y + item.dy, width=np.abs(v), height=0.24)
        self.errors.setData(x=np.nan_to_num(r.history), y=y + self.bars["history"].dy, left=r.se, right=r.se, height=None)
        has = np.isfinite(r.view)
        self.views.setData(x=r.view[has], y=y[has] + self.bars["posterior"].dy)
        pi = self.plot.getPlotItem()
        left = pi.getAxis("left")
        left.setTicks([[(float(i), lab) for i, lab in enumerate(r.labels)], []])
        fm = QFontMetrics(left.style.get("tickFont") or QFont())
        left.setWidth(max((fm.horizontalAdvance(lab) for lab in r.labels), default=40) + 14)  # no lazy re-layout
        lo = float(np.nanmin(np.r_[r.history - r.se, r.prior, r.posterior, r.view[has], 0.0]))
        hi = float(np.nanmax(np.r_[r.history + r.se, r.prior, r.posterior, r.view[has], 0.05]))
        pad = 0.05 * (hi - lo)
        pi.setXRange(lo - pad, hi + pad, padding=0)
        pi.setYRange(-0.6, max(len(r.keys), 1) - 0.4, padding=0)
        used = {
            "black-litterman": self.tr("the posterior"),
            "equilibrium": self.tr("the equilibrium prior"),
        }.get(uses, self.tr("the historical means (in-sample)"))
        se = float(np.nanmedian(r.se)) if len(r.se) else float("nan")
        self.caption.setText(self.tr("The optimiser uses {0}. Typical standard error of a historical mean here: ±{1}.").format(
            used, style.pct(se)))

    def grab_colours(self) -> dict[str, QColor]:
        return {"history": QColor(HISTORY), "prior": QColor(PRIOR), "posterior": QColor(POSTERIOR)}
