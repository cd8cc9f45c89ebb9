"""Theme views (Black-Litterman, DESIGN §10): the Views panel and the prior rows of the Estimation panel.

Per theme one row: what the user believes (no view, an absolute annual
return, or "beats THEME by" a margin) and how sure they are (a confidence
slider, 1-100 %).  Every edit is an ordinary settings edit (undoable, saved in
the file); the engine forms the posterior per solve, so the allocation
follows live.  Editing a view switches the expected returns to
Black-Litterman; "Historical (in-sample)" is one click away and back.

``PriorRows`` adds the reference portfolio (market cap / equal / a saved
allocation) and the prior's risk aversion delta to the Estimation panel.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from allocator.gui import i18n
from allocator.gui.controls import ElidingCombo, Panel, _spin, with_estimation

DEFAULT_CONFIDENCE = 0.5
#: Mean methods the panel's mode buttons switch between.
MODES = ("black-litterman", "equilibrium", "historical")


# -- transforms (pure) -------------------------------------------------------------


def with_prior(run, **kw):
    return replace(run, prior=replace(run.prior, **kw))


def view_of(run, key: str):
    """The view of theme ``key`` (absolute on it, or relative with it long), else None."""
    for v in run.prior.views:
        if v.theme == key or v.long == key:
            return v
    return None


def set_view(key: str, view):
    """Replace theme ``key``'s view by ``view`` (None removes it); switches to Black-Litterman."""

    def fn(run):
        from allocator.estimators import MeanMethod

        views = [v for v in run.prior.views if not (v.theme == key or v.long == key)]
        if view is not None:
            views.append(view)
        order = {k: i for i, k in enumerate(run.universe.theme_keys)}
        views.sort(key=lambda v: (v.kind == "asset", order.get(v.theme or v.long or "", 99)))
        run = with_prior(run, views=tuple(views))
        if view is not None and run.estimation.mean is not MeanMethod.BLACK_LITTERMAN:
            run = with_estimation(run, mean=MeanMethod.BLACK_LITTERMAN)
        return run

    return fn


def set_mean(method: str):
    def fn(run):
        from allocator.estimators import parse_mean_method

        return with_estimation(run, mean=parse_mean_method(method))

    return fn


def _set(setter, current, value) -> None:
    """Call ``setter(value)`` only when it changes something (Qt re-lays out on most setters)."""
    if current != value:
        setter(value)


# -- the Views panel ----------------------------------------------------------------


class _ViewRow:
    """Theme name | kind (no view / returns / beats X) | % | confidence slider | confidence %."""

    def __init__(self, panel: "ViewsPanel", key: str, name: str, colour: str, grid: QGridLayout, r: int):
        self.panel, self.key, self.name = panel, key, name
        self.swatch = QLabel()
        self.swatch.setFixedSize(10, 10)
        self.swatch.setStyleSheet(f"background:{colour}; border-radius:2px;")
        self.label = QLabel(name)
        # As wide as "no view" / "returns", not as its longest item ("beats LNG, hydrogen &
        # ammonia by"): the row fits the settings column.  A chosen "beats …" is stated whole
        # on the panel's foot line.
        self.kind = ElidingCombo(8)
        self.kind.setToolTip(QCoreApplication.translate("ViewsPanel", "Your view on {0}: an annual return, or a margin over another theme").format(name))
        self.ret = _spin(-50, 100, 0.5, 1, "%", QCoreApplication.translate("ViewsPanel", "Annual return you expect (or the margin over the other theme)"))
        self.ret.setFixedWidth(66)
        self.conf = QSlider(Qt.Orientation.Horizontal)
        self.conf.setRange(1, 100)
        self.conf.setPageStep(10)
        self.conf.setMinimumWidth(44)
        self.conf.setToolTip(QCoreApplication.translate("ViewsPanel", "How sure you are: 100% makes the view hold exactly, near 0% leaves the prior"))
        self.conf_label = QLabel("")
        self.conf_label.setMinimumWidth(32)
        self.conf_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.kind.currentIndexChanged.connect(lambda i: panel._on_row(self, "kind"))
        self.ret.valueChanged.connect(lambda v: panel._on_row(self, "ret"))
        self.conf.valueChanged.connect(lambda v: panel._on_row(self, "conf"))

    def widgets(self):
        return (self.swatch, self.label, self.kind, self.ret, self.conf, self.conf_label)

    def place(self, grid: QGridLayout, r: int, two_lines: bool) -> None:
        """One line (name | kind | % | slider | confidence), or the name above its controls."""
        for w in self.widgets():
            grid.removeWidget(w)
        if two_lines:
            grid.addWidget(self.swatch, 2 * r, 0)
            grid.addWidget(self.label, 2 * r, 1, 1, 5)
            grid.addWidget(self.kind, 2 * r + 1, 1, 1, 2)
            for c, w in ((3, self.ret), (4, self.conf), (5, self.conf_label)):
                grid.addWidget(w, 2 * r + 1, c)
        else:
            for c, w in enumerate(self.widgets()):
                grid.addWidget(w, r, c)

    def fill_kinds(self, themes: list[tuple[str, str]]) -> None:
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(QCoreApplication.translate("ViewsPanel", "no view"), None)
        self.kind.addItem(QCoreApplication.translate("ViewsPanel", "returns"), "")
        for k, n in themes:
            if k != self.key:
                self.kind.addItem(QCoreApplication.translate("ViewsPanel", "beats {0} by").format(n), k)
        self.kind.fit_list()
        self.kind.blockSignals(False)

    def show_view(self, view, available: bool) -> None:
        for w in (self.kind, self.ret, self.conf):
            w.blockSignals(True)
        if view is None:
            self.kind.setCurrentIndex(0)
        else:
            i = self.kind.findData(view.short if view.kind == "relative" else "")
            self.kind.setCurrentIndex(max(i, 0))
            self.ret.setValue(view.ret * 100)
            self.conf.setValue(int(round(view.confidence * 100)))
        on = view is not None
        # Only what changed: a new special text or enabled state re-lays out the whole left column.
        _set(self.kind.setEnabled, self.kind.isEnabled(), available)
        _set(self.ret.setEnabled, self.ret.isEnabled(), on and available)
        _set(self.conf.setEnabled, self.conf.isEnabled(), on and available)
        _set(self.conf_label.setText, self.conf_label.text(), f"{self.conf.value()}%" if on else "")
        _set(self.ret.setSpecialValueText, self.ret.specialValueText(), "" if on else " ")
        if not on:
            self.ret.setValue(self.ret.minimum())
        for w in (self.kind, self.ret, self.conf):
            w.blockSignals(False)

    def current_view(self, fallback_ret: float):
        """The row's view from its widgets (None: no view)."""
        from allocator.views import View

        other = self.kind.currentData()
        if other is None:
            return None
        ret = self.ret.value() / 100 if self.ret.isEnabled() else fallback_ret
        conf = self.conf.value() / 100 if self.conf.isEnabled() else DEFAULT_CONFIDENCE
        if other:
            return View(round(ret, 6), round(conf, 4), long=self.key, short=other)
        return View(round(ret, 6), round(conf, 4), theme=self.key)


class ViewsPanel(Panel):
    """Your view of each theme and how sure you are; the allocation follows as you edit."""

    def __init__(self, parent=None):
        super().__init__(self.tr("Views"), parent)
        self.setToolTip(self.tr("What you believe about each theme and how sure you are (Black-Litterman around the market's equilibrium)"))
        self.rows: dict[str, _ViewRow] = {}
        self._two_lines, self._placed = False, 0  # the rows' layout (see _place)
        self._available: set[str] | None = None
        self._run = None
        self._prior = None  # PriorResult of the last solve
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(4)
        modes = QHBoxLayout()
        modes.addWidget(QLabel(self.tr("Expected returns")))
        self.mode = ElidingCombo(14)
        self.mode.addItem(self.tr("Equilibrium + your views"), "black-litterman")
        self.mode.addItem(self.tr("Equilibrium prior (no views)"), "equilibrium")
        self.mode.addItem(self.tr("Historical means (in-sample)"), "historical")
        self.mode.fit_list()
        self.mode.setToolTip(self.tr(
            "Equilibrium: the returns that make the reference portfolio optimal, moved by your views. "
            "Historical: the past decade's average returns, fitted in-sample (they bet on past winners)"))
        modes.addWidget(self.mode, 1)
        outer.addLayout(modes)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(4, 1)
        outer.addLayout(self.grid)
        foot = QHBoxLayout()
        self.info = QLabel("")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        foot.addWidget(self.info, 1)
        self.clear = QPushButton(self.tr("No views"))
        self.clear.setToolTip(self.tr("Remove every theme view: back to the equilibrium prior"))
        foot.addWidget(self.clear, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(foot)
        self.mode.currentIndexChanged.connect(self._on_mode)
        self.clear.clicked.connect(self._on_clear)

    # -- showing ----------------------------------------------------------------------
    def set_themes(self, themes, colours: dict[str, str]) -> None:
        for row in self.rows.values():
            for w in row.widgets():
                self.grid.removeWidget(w)
                w.hide()  # gone from view at once, deleted when control returns to the event loop
                w.deleteLater()
        self.rows = {}
        lang = i18n.current()
        names = [(t.key, t.display_name(lang)) for t in themes]
        for r, (key, name) in enumerate(names):
            row = _ViewRow(self, key, name, colours.get(key, "#888"), self.grid, r)
            row.fill_kinds(names)
            self.rows[key] = row
        self._placed = 0
        self._place(two_lines=True)
        # The panel may be as narrow as its two-line form: the left column scrolls up and
        # down, never sideways (at 1024 px the one-line rows need ~500 px of a ~330 px column).
        self.setMinimumWidth(0)
        self.setMinimumWidth(self.minimumSizeHint().width())
        self._place(self._two_lines_at(self.width()))
        if self._run is not None:
            self.set_from_run(self._run)

    def one_line_width(self) -> int:
        """The panel's width with every row on one line (each column as wide as its widest cell)."""
        cols = [0] * 6
        for row in self.rows.values():
            for c, w in enumerate(row.widgets()):
                hint = w.minimumSizeHint()
                cols[c] = max(cols[c], w.minimumWidth(), hint.width() if hint.isValid() else w.sizeHint().width())
        spacing = self.grid.horizontalSpacing() * (len(cols) - 1)
        outer, own = self.layout().contentsMargins(), self.contentsMargins()
        return sum(cols) + spacing + outer.left() + outer.right() + own.left() + own.right()

    def _two_lines_at(self, width: int) -> bool:
        return bool(self.rows) and width < self.one_line_width()

    def _place(self, two_lines: bool) -> None:
        if two_lines == self._two_lines and self._placed == len(self.rows):
            return
        for r, row in enumerate(self.rows.values()):
            row.place(self.grid, r, two_lines)
        self._two_lines, self._placed = two_lines, len(self.rows)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place(self._two_lines_at(event.size().width()))

    def set_available(self, keys) -> None:
        """Themes the model holds assets of (None: all); the others cannot take a view."""
        self._available = None if keys is None else set(keys)
        if self._run is not None:
            self.set_from_run(self._run)

    def set_from_run(self, run) -> None:
        self._run = run
        self._sync = True
        try:
            mean = getattr(run.estimation.mean, "value", str(run.estimation.mean))
            i = self.mode.findData(mean)
            h = self.mode.findData("historical")
            if i < 0:  # ewma / shrunk: historical estimators, chosen in the Estimation panel
                i, text = h, self.tr("Historical ({0}, in-sample)").format(mean)
            else:
                text = self.tr("Historical means (in-sample)")
            _set(lambda t: self.mode.setItemText(h, t), self.mode.itemText(h), text)
            _set(self.mode.setCurrentIndex, self.mode.currentIndex(), i)
            for key, row in self.rows.items():
                ok = self._available is None or key in self._available
                row.show_view(view_of(run, key), ok)
                tip = row.kind.toolTip() if ok else self.tr("No asset of this theme has prices in the current data")
                _set(row.label.setToolTip, row.label.toolTip(), tip)
            _set(self.clear.setEnabled, self.clear.isEnabled(), bool(run.prior.views))
            self._show_info()
        finally:
            self._sync = False

    def set_result(self, prior) -> None:
        """The ``PriorResult`` the last solve used or showed (reference, delta, notes)."""
        self._prior = prior
        self._show_info()

    def _show_info(self) -> None:
        run, p = self._run, self._prior
        if run is None:
            return
        mean = getattr(run.estimation.mean, "value", str(run.estimation.mean))
        ref = run.prior.reference
        ref_text = {
            "market-cap": self.tr("market-cap reference"),
            "equal": self.tr("equal-weight reference"),
        }.get(ref, self.tr("reference: {0}").format(str(run.prior.reference_file or ref)))
        # The closed "beats …" box is too narrow for the other theme's name: say it whole here.
        parts = [self._relative_statement(v) for v in run.prior.views if v.kind == "relative"]
        if mean in ("historical", "ewma", "shrunk"):
            parts.append(self.tr("Views are not used: the optimiser works from historical means (in-sample)."))
        if p is not None:
            parts.append(self.tr("Prior: {0}, δ {1} ({2}), τ {3}").format(
                ref_text, f"{p.delta:.2f}", i18n.render(p.delta_source), f"{p.tau:g}"))
        else:
            parts.append(self.tr("Prior: {0}").format(ref_text))
        extra = [i18n.render(n) for n in (p.notes if p is not None else ()) if "no market capitalisation yet" in str(n)]
        parts += extra
        assets = [v for v in run.prior.views if v.kind == "asset"]
        if assets:
            parts.append(self.tr("and {0} asset view(s) from the file: {1}").format(
                len(assets), ", ".join(v.label for v in assets)))
        _set(self.info.setText, self.info.text(), "\n".join(parts))
        tip = "\n".join(i18n.render(n) for n in (p.notes if p is not None else ()))
        _set(self.info.setToolTip, self.info.toolTip(), tip or self.tr("Where the prior comes from"))

    def _relative_statement(self, view) -> str:
        """'Defence & aerospace beats Automation & industrials by 3.0% (50% sure)', in display names."""
        def name(key):
            return self.rows[key].name if key in self.rows else key

        return self.tr("{0} beats {1} by {2} ({3} sure)").format(
            name(view.long), name(view.short), f"{view.ret:.1%}", f"{view.confidence:.0%}")

    # -- edits ----------------------------------------------------------------------------
    def _on_mode(self, i: int) -> None:
        method = self.mode.itemData(i)
        self.emit(self.tr("Expected returns: {0}").format(self.mode.itemText(i)), set_mean(method))

    def _on_clear(self) -> None:
        def fn(run):
            return with_prior(run, views=tuple(v for v in run.prior.views if v.kind == "asset"))

        self.emit(self.tr("Remove all views"), fn)

    def _fallback_return(self, key: str) -> float:
        """Where a new view starts: the theme's current posterior (rounded to 0.5%), else 8%."""
        p, run = self._prior, self._run
        if p is None or run is None:
            return 0.08
        import numpy as np

        themes = np.array([a.theme for a in self._assets()]) if self._assets() else None
        if themes is None or len(themes) != len(p.posterior):
            return 0.08
        mask = themes == key
        w = np.where(mask, p.w_ref, 0.0)
        if not mask.any():
            return 0.08
        w = w / w.sum() if w.sum() > 0 else mask / mask.sum()
        return round(float(w @ p.posterior) * 200) / 200

    def _assets(self):
        run = self._run
        if run is None or self._prior is None:
            return ()
        by = {a.ticker: a for a in run.universe.assets}
        return [by[t] for t in self._prior.tickers if t in by]

    def _on_row(self, row: _ViewRow, what: str) -> None:
        if self._sync:
            return
        if what == "kind":
            old = view_of(self._run, row.key) if self._run is not None else None
            new = row.kind.currentData()
            # a new view, or absolute <-> relative: start from a sensible number
            starting = new is not None and (old is None or (old.kind == "relative") != bool(new))
            if starting:
                other = row.kind.currentData()
                start = 0.02 if other else self._fallback_return(row.key)
                row.ret.blockSignals(True)
                row.ret.setSpecialValueText("")
                row.ret.setValue(start * 100)
                row.ret.blockSignals(False)
                row.ret.setEnabled(True)
                row.conf.blockSignals(True)
                row.conf.setValue(int(DEFAULT_CONFIDENCE * 100))
                row.conf.blockSignals(False)
                row.conf.setEnabled(True)
        view = row.current_view(self._fallback_return(row.key))
        if what == "conf":
            row.conf_label.setText(f"{row.conf.value()}%")
        if view is None:
            text = self.tr("No view on {0}").format(row.name)
        elif view.kind == "relative":
            text = self._relative_statement(view)
        else:
            text = self.tr("View {0} {1} ({2} sure)").format(row.name, f"{view.ret:.1%}", f"{view.confidence:.0%}")
        self.emit(text, set_view(row.key, view), None if what == "kind" else f"view:{row.key}:{what}")


# -- the prior rows of the Estimation panel ------------------------------------------------


class PriorRows(QWidget):
    """Reference portfolio and the prior's delta, shown inside the Estimation panel."""

    edited = Signal(str, object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._sync = False
        self._run = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.reference = ElidingCombo(9)  # a saved allocation's file name may be long
        self.reference.addItem(self.tr("Market cap"), "market-cap")
        self.reference.addItem(self.tr("Equal weights"), "equal")
        self.reference.addItem(self.tr("Saved allocation…"), "file")
        self.reference.fit_list()
        self.reference.setToolTip(self.tr(
            "The neutral portfolio the equilibrium prior makes optimal: approximate market capitalisations "
            "(bundled, refreshed on Data ▸ Refresh), equal weights, or a saved allocation's weights"))
        self.delta = _spin(0.9, 100, 0.25, 2, "", self.tr(
            "δ, the risk aversion of the prior: π = rf + δ Σ w_ref. 'implied' takes it from history, clipped to [1, 10]"))
        self.delta.setSpecialValueText(self.tr("implied"))
        self.delta.setFixedWidth(78)
        lay.addWidget(self.reference, 1)
        lay.addWidget(QLabel("δ"))
        lay.addWidget(self.delta)
        self.reference.activated.connect(self._on_reference)
        self.delta.valueChanged.connect(self._on_delta)
        self.pick_file = self._ask_file  # tests replace the file dialog

    def set_from_run(self, run) -> None:
        self._run = run
        self._sync = True
        try:
            p = run.prior
            src = "file" if p.reference in ("file", "assumptions") else p.reference
            i = self.reference.findData(src)
            self.reference.setCurrentIndex(max(i, 0))
            label = self.tr("Saved allocation…")
            if src == "file" and p.reference_file:
                from pathlib import Path

                label = self.tr("Allocation: {0}").format(Path(p.reference_file).name)
            f = self.reference.findData("file")
            _set(lambda t: self.reference.setItemText(f, t), self.reference.itemText(f), label)
            self.reference.fit_list()
            self.delta.setValue(self.delta.minimum() if p.risk_aversion is None else float(p.risk_aversion))
        finally:
            self._sync = False

    def _emit(self, text, fn, merge=None) -> None:
        if not self._sync:
            self.edited.emit(text, fn, merge)

    def _ask_file(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Reference allocation"), "", self.tr("Allocation files (*.alloc.json);;All files (*)"))
        return path or None

    def _on_reference(self, i: int) -> None:
        src = self.reference.itemData(i)
        if src == "file":
            path = self.pick_file()
            if not path:
                if self._run is not None:
                    self.set_from_run(self._run)
                return

            def fn(run):
                from allocator.views import reference_from_file, restrict_reference

                s = restrict_reference(reference_from_file(path), run.universe.tickers)
                return with_prior(run, reference="file", reference_file=s.reference_file, reference_weights=s.reference_weights)

            from pathlib import Path

            self._emit(self.tr("Reference: {0}").format(Path(path).name), fn)
            return
        self._emit(self.tr("Reference: {0}").format(self.reference.itemText(i)),
                   lambda run: with_prior(run, reference=src, reference_file=None, reference_weights=None))

    def _on_delta(self, v: float) -> None:
        value = None if v <= self.delta.minimum() + 1e-9 else round(float(v), 4)
        self._emit(self.tr("Prior δ {0}").format("implied" if value is None else f"{value:g}"),
                   lambda run: with_prior(run, risk_aversion=value), "prior-delta")


def install(window) -> None:
    """Add the Views panel after the theme targets and the prior rows to the Estimation panel."""
    window.views_panel = ViewsPanel()
    lay = window.themes.parentWidget().layout()
    lay.insertWidget(lay.indexOf(window.themes) + 1, window.views_panel)
    window.prior_rows = PriorRows()
    form = window.estimation.layout()
    row = 3 if form.rowCount() > 3 else form.rowCount()  # after Window, Returns, Means
    window.estimation_prior_label = QLabel(QCoreApplication.translate("ViewsPanel", "Prior"))
    form.insertRow(row, window.estimation_prior_label, window.prior_rows)
    window.panels.append(window.views_panel)
    window.panels.append(window.prior_rows)
