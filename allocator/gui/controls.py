"""The settings panels: themes, constraints, objective, currency, estimation.

Panels never hold the settings themselves.  ``set_from_run(run)`` shows a
``RunSettings``; every user edit emits ``edited(text, transform, merge_key)``
where ``transform(run) -> run`` applies the change.  The window turns that
into an undoable command (edits with the same ``merge_key`` in quick
succession merge into one undo step, so a slider drag is one step).
Panels import only Qt at module level: the core's settings classes are
imported when an edit happens, long after the window is painted.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
)

from allocator.gui import i18n

MIN_DATE = QDate(1990, 1, 1)
SLIDER_MIN_WIDTH = 120  # px of a theme slider at the narrowest window (1024 wide)


# -- transforms (pure) -------------------------------------------------------------


def with_constraints(run, **kw):
    o = run.optimization
    return replace(run, optimization=replace(o, constraints=replace(o.constraints, **kw)))


def with_optimization(run, **kw):
    return replace(run, optimization=replace(run.optimization, **kw))


def with_estimation(run, **kw):
    return replace(run, estimation=replace(run.estimation, **kw))


def set_theme_target(key: str, value: float | None):
    def fn(run):
        targets = dict(run.optimization.constraints.theme_targets)
        if value is None:
            targets.pop(key, None)
        else:
            targets[key] = round(float(value), 6)
        return with_constraints(run, theme_targets=targets)

    return fn


def normalised_targets(targets: dict[str, float]) -> dict[str, float]:
    """Scale the targeted themes so they sum to 100% (largest remainder to 0.1%)."""
    total = sum(targets.values())
    if total <= 0:
        return dict(targets)
    scaled = {k: round(v / total, 3) for k, v in targets.items()}
    diff = round(1.0 - sum(scaled.values()), 3)
    if scaled and diff:
        k = max(scaled, key=scaled.get)
        scaled[k] = round(scaled[k] + diff, 3)
    return scaled


def _spin(lo: float, hi: float, step: float, decimals: int = 1, suffix: str = "%", tip: str = "") -> QDoubleSpinBox:
    s = QDoubleSpinBox()
    s.setRange(lo, hi)
    s.setSingleStep(step)
    s.setDecimals(decimals)
    s.setSuffix(suffix)
    s.setKeyboardTracking(False)
    s.setAccelerated(True)
    s.setToolTip(tip)
    s.setAlignment(Qt.AlignmentFlag.AlignRight)
    return s


class Panel(QGroupBox):
    edited = Signal(str, object, object)  # text, transform, merge key

    def __init__(self, title: str, parent=None):
        super().__init__(title, parent)
        self._sync = False

    def emit(self, text: str, fn, merge=None) -> None:
        if not self._sync:
            self.edited.emit(text, fn, merge)


# -- themes -----------------------------------------------------------------------------


class _ThemeRow:
    def __init__(self, panel: "ThemePanel", key: str, name: str, description: str, colour: str, grid: QGridLayout, r: int):
        self.key = key
        self.name = name
        self.check = QCheckBox(name.replace("&", "&&"))
        self.tooltip = (
            f"{name}: {description}\nTick to give this theme a target share of the portfolio; "
            "untick to leave it free (the optimiser decides)."
        )
        self.check.setToolTip(self.tooltip)
        self.swatch = QLabel()
        self.swatch.setFixedSize(10, 10)
        self.swatch.setStyleSheet(f"background:{colour}; border-radius:2px;")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 1000)
        self.slider.setPageStep(50)
        self.slider.setSingleStep(5)
        self.slider.setToolTip(f"Target share of {name} in the portfolio (drag, or use the arrow keys)")
        self.slider.setMinimumWidth(SLIDER_MIN_WIDTH)
        self.spin = _spin(0, 100, 0.5, 1, "%", f"Target share of {name}, in percent of the portfolio")
        self.spin.setSpecialValueText("")
        self.spin.setFixedWidth(66)
        self.result = QLabel("–")
        self.result.setToolTip(f"The share {name} has in the current allocation")
        self.result.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.result.setMinimumWidth(40)
        # Two lines per theme: the name and the achieved share, then the slider
        # across the panel's width with its spin box.  On one line the slider
        # got what the name left (~60 px for 0-100%: 1.7% a pixel); here it
        # grows with the panel (~250 px at the default size: < 0.5% a pixel).
        top, bottom = 2 * r, 2 * r + 1
        grid.addWidget(self.swatch, top, 0)
        grid.addWidget(self.check, top, 1, 1, 2)
        grid.addWidget(self.result, top, 3)
        grid.addWidget(self.slider, bottom, 1, 1, 2)
        grid.addWidget(self.spin, bottom, 3)
        self.check.toggled.connect(lambda on: panel._on_check(self, on))
        self.slider.valueChanged.connect(lambda v: panel._on_slider(self, v))
        self.spin.valueChanged.connect(lambda v: panel._on_spin(self, v))

    def show_target(self, target: float | None) -> None:
        for w in (self.check, self.slider, self.spin):
            w.blockSignals(True)
        self.check.setChecked(target is not None)
        self.slider.setEnabled(target is not None)
        self.spin.setEnabled(target is not None)
        if target is None:
            self.spin.setSpecialValueText("free")
            self.spin.setValue(0)
        else:
            self.spin.setSpecialValueText("")
            self.spin.setValue(target * 100)
            self.slider.setValue(int(round(target * 1000)))
        for w in (self.check, self.slider, self.spin):
            w.blockSignals(False)


class ThemePanel(Panel):
    """One row per theme: tick to target, slider and spin box, the achieved share."""

    def __init__(self, parent=None):
        super().__init__("Themes", parent)
        self.setToolTip("How much of the portfolio each theme should get; unticked themes are free")
        self.rows: dict[str, _ThemeRow] = {}
        self._missing: set[str] = set()  # themes the model holds no asset of (a partial CSV)
        self._targets: dict[str, float] = {}
        self._achieved: dict[str, float] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(4)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(0)
        self.grid.setColumnStretch(2, 1)
        outer.addLayout(self.grid)
        foot = QHBoxLayout()
        self.sum_label = QLabel()
        self.sum_label.setToolTip("Sum of the theme targets; what is left goes to the free themes")
        foot.addWidget(self.sum_label, 1)
        self.tolerance = _spin(0, 25, 0.5, 1, "%", "Allowed band around every theme target (± percentage points)")
        self.tolerance.setPrefix("± ")
        self.tolerance.setFixedWidth(78)
        foot.addWidget(QLabel("band"))
        foot.addWidget(self.tolerance)
        outer.addLayout(foot)
        buttons = QHBoxLayout()
        self.normalise = QPushButton("Normalise to 100%")
        self.normalise.setToolTip("Scale the targeted themes so they sum to exactly 100% (Ctrl+Shift+N)")
        self.clear = QPushButton("All free")
        self.clear.setToolTip("Remove every theme target: the optimiser chooses the mix")
        buttons.addWidget(self.normalise)
        buttons.addWidget(self.clear)
        outer.addLayout(buttons)
        self.tolerance.valueChanged.connect(
            lambda v: self.emit(f"Theme band ±{v:.1f}%", lambda run: with_constraints(run, theme_tolerance=v / 100), "tolerance")
        )
        self.normalise.clicked.connect(self.normalise_targets)
        self.clear.clicked.connect(lambda: self.emit("All themes free", lambda run: with_constraints(run, theme_targets={})))

    def set_themes(self, themes, colours: dict[str, str]) -> None:
        for row in self.rows.values():
            for w in (row.swatch, row.check, row.slider, row.spin, row.result):
                self.grid.removeWidget(w)
                w.hide()  # gone at once, not when the event loop gets to the deferred delete
                w.deleteLater()
        self.rows = {}
        for r, t in enumerate(themes):
            lang = i18n.current()
            self.rows[t.key] = _ThemeRow(
                self, t.key, t.display_name(lang), t.display_description(lang), colours.get(t.key, "#888"), self.grid, r
            )

    def set_from_run(self, run) -> None:
        self._sync = True
        try:
            c = run.optimization.constraints
            self._targets = dict(c.theme_targets)
            for key, row in self.rows.items():
                row.show_target(self._targets.get(key))
            self._show_missing()
            self.tolerance.setValue(c.theme_tolerance * 100)
            self._update_sum()
        finally:
            self._sync = False

    def set_available(self, keys) -> None:
        """Mark the themes outside ``keys`` (None: all are available) as having no assets."""
        self._missing = set() if keys is None else set(self.rows) - set(keys)
        self._show_missing()
        self.set_achieved(self._achieved)

    def _show_missing(self) -> None:
        for key, row in self.rows.items():
            missing = key in self._missing
            targeted = key in self._targets
            # A targeted theme keeps its tick box, so the target can be removed.
            row.check.setEnabled(not missing or targeted)
            row.slider.setEnabled(targeted and not missing)
            row.spin.setEnabled(targeted and not missing)
            row.check.setToolTip(
                f"{row.name}: no asset of this theme has prices in the current data, so it gets nothing"
                + ("; untick to remove its target" if targeted else "")
                if missing
                else row.tooltip
            )

    def set_achieved(self, theme_weights: dict[str, float] | None) -> None:
        self._achieved = dict(theme_weights or {})
        for key, row in self.rows.items():
            w = self._achieved.get(key)
            if key in self._missing:
                row.result.setText("no data")
            else:
                row.result.setText("–" if w is None else f"{w * 100:.1f}%")

    def _update_sum(self) -> None:
        total = sum(self._targets.values())
        free = [k for k in self.rows if k not in self._targets]
        text = f"Targets sum to <b>{total * 100:.1f}%</b>"
        if free:
            text += f" · {len(free)} free"
        colour = None
        if total > 1.0 + 1e-9 or (not free and abs(total - 1.0) > 1e-6):
            colour = "#c0392b"
        self.sum_label.setText(f"<span style='color:{colour}'>{text}</span>" if colour else text)
        self.normalise.setEnabled(bool(self._targets))

    def _on_check(self, row: _ThemeRow, on: bool) -> None:
        if on:
            start = self._achieved.get(row.key, 0.1)
            value = round(start * 200) / 200  # nearest 0.5%
            self.emit(f"Target {row.name}", set_theme_target(row.key, value))
        else:
            self.emit(f"Free {row.name}", set_theme_target(row.key, None))

    def _on_slider(self, row: _ThemeRow, v: int) -> None:
        row.spin.blockSignals(True)
        row.spin.setValue(v / 10)
        row.spin.blockSignals(False)
        self.emit(f"{row.name} {v / 10:.1f}%", set_theme_target(row.key, v / 1000), f"theme:{row.key}")

    def _on_spin(self, row: _ThemeRow, v: float) -> None:
        row.slider.blockSignals(True)
        row.slider.setValue(int(round(v * 10)))
        row.slider.blockSignals(False)
        self.emit(f"{row.name} {v:.1f}%", set_theme_target(row.key, v / 100), f"theme:{row.key}")

    def normalise_targets(self) -> None:
        if self._targets:
            targets = normalised_targets(self._targets)
            self.emit("Normalise theme targets", lambda run: with_constraints(run, theme_targets=targets))


# -- constraints ----------------------------------------------------------------------------


class ConstraintsPanel(Panel):
    def __init__(self, parent=None):
        super().__init__("Limits", parent)
        form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        self.cap = _spin(1, 100, 1, 1, "%", "Largest weight any single asset may have")
        form.addRow("Max per asset", self.cap)
        self.country: dict[str, tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        for c, label in (("US", "United States"), ("JP", "Japan")):
            lo = _spin(0, 100, 5, 0, "%", f"Least the portfolio must hold in {label}")
            hi = _spin(0, 100, 5, 0, "%", f"Most the portfolio may hold in {label}")
            box = QHBoxLayout()
            box.addWidget(lo)
            box.addWidget(QLabel("to"))
            box.addWidget(hi)
            form.addRow(f"{label}", box)
            self.country[c] = (lo, hi)
            lo.valueChanged.connect(lambda v, c=c: self._on_country(c))
            hi.valueChanged.connect(lambda v, c=c: self._on_country(c))
        self.cap.valueChanged.connect(
            lambda v: self.emit(f"Max per asset {v:.1f}%", lambda run: with_constraints(run, max_weight=v / 100), "cap")
        )

    def set_from_run(self, run) -> None:
        self._sync = True
        try:
            c = run.optimization.constraints
            self.cap.setValue(c.max_weight * 100)
            for k, (lo, hi) in self.country.items():
                a, b = c.country_band(k)
                lo.setValue(a * 100)
                hi.setValue(b * 100)
        finally:
            self._sync = False

    def _on_country(self, c: str) -> None:
        lo, hi = (s.value() / 100 for s in self.country[c])

        def fn(run):
            bounds = dict(run.optimization.constraints.country_bounds)
            if lo <= 0 and hi >= 1:
                bounds.pop(c, None)
            else:
                bounds[c] = (lo, hi)
            return with_constraints(run, country_bounds=bounds)

        self.emit(f"{c} {lo:.0%} to {hi:.0%}", fn, f"country:{c}")


# -- objective ------------------------------------------------------------------------------

OBJECTIVES = [
    ("max-sharpe", "Max Sharpe ratio", "Best return per unit of risk above the risk-free rate"),
    ("min-variance", "Min variance", "The least volatile portfolio under the constraints"),
    ("target-return", "Target return", "The least volatile portfolio that expects this return"),
    ("target-vol", "Target volatility", "The highest expected return at this volatility"),
    ("max-utility", "Max utility", "Maximise return minus risk aversion/2 × variance"),
]


class ObjectivePanel(Panel):
    def __init__(self, parent=None):
        super().__init__("Objective", parent)
        form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        self.combo = QComboBox()
        for value, label, tip in OBJECTIVES:
            self.combo.addItem(label, value)
            self.combo.setItemData(self.combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.combo.setToolTip("What the optimiser aims for")
        form.addRow("Aim", self.combo)
        self.param_label = QLabel("Target")
        self.param = _spin(-50, 200, 0.5, 1, "%", "")
        form.addRow(self.param_label, self.param)
        self.rf = _spin(-1.0, 20, 0.25, 2, "%", "Risk-free rate for the Sharpe ratio; 'base short rate' uses the short rate of the base currency")
        self.rf.setSpecialValueText("base short rate")
        form.addRow("Risk-free", self.rf)
        self.combo.currentIndexChanged.connect(self._on_objective)
        self.param.valueChanged.connect(self._on_param)
        self.rf.valueChanged.connect(self._on_rf)
        self._objective = "max-sharpe"
        self._last: dict[str, float] = {"target-return": 0.12, "target-vol": 0.15, "max-utility": 3.0}

    def _show_param(self, objective: str, run) -> None:
        o = run.optimization
        self.param.blockSignals(True)
        if objective in ("target-return", "target-vol"):
            self.param_label.setText("Target return" if objective == "target-return" else "Target volatility")
            self.param.setDecimals(1)
            self.param.setSuffix("%")
            self.param.setRange(-50 if objective == "target-return" else 0.5, 200)
            self.param.setSingleStep(0.5)
            value = o.target if o.target is not None else self._last[objective]
            self.param.setValue(value * 100)
            self.param.setToolTip("Annual " + ("expected return" if objective == "target-return" else "volatility") + ", base currency")
            self.param.setEnabled(True)
        elif objective == "max-utility":
            self.param_label.setText("Risk aversion")
            self.param.setDecimals(1)
            self.param.setSuffix("")
            self.param.setRange(0.1, 100)
            self.param.setSingleStep(0.5)
            self.param.setValue(o.risk_aversion)
            self.param.setToolTip("γ in mean - γ/2 × variance: higher is more cautious (typical 1 to 10)")
            self.param.setEnabled(True)
        else:
            self.param_label.setText("Parameter")
            self.param.setSuffix("")
            self.param.setEnabled(False)
            self.param.setToolTip("This objective has no parameter")
        self.param.blockSignals(False)

    def set_from_run(self, run) -> None:
        self._sync = True
        try:
            o = run.optimization
            obj = getattr(o.objective, "value", str(o.objective))
            self._objective = obj
            i = self.combo.findData(obj)
            self.combo.setCurrentIndex(max(i, 0))
            self._show_param(obj, run)
            self.rf.setValue(-1.0 if o.rf is None else o.rf * 100)
        finally:
            self._sync = False

    def _on_objective(self, i: int) -> None:
        if self._sync:
            return
        obj = self.combo.itemData(i)
        target = self._last.get(obj) if obj in ("target-return", "target-vol") else None

        def fn(run):
            from allocator.optimize.settings import Objective

            return with_optimization(run, objective=Objective.parse(obj), target=target)

        self.emit(f"Objective: {self.combo.itemText(i)}", fn)

    def _on_param(self, v: float) -> None:
        obj = self._objective
        if obj in ("target-return", "target-vol"):
            self._last[obj] = v / 100
            self.emit(f"{self.param_label.text()} {v:.1f}%", lambda run: with_optimization(run, target=v / 100), "param")
        elif obj == "max-utility":
            self.emit(f"Risk aversion {v:.1f}", lambda run: with_optimization(run, risk_aversion=v), "param")

    def _on_rf(self, v: float) -> None:
        rf = None if v <= -1.0 + 1e-9 else v / 100
        self.emit("Risk-free rate", lambda run: with_optimization(run, rf=rf), "rf")


def _hedge_setting(h: float | None):
    """A fixed hedge ratio, or the optimiser's choice when ``h`` is None."""
    from allocator.optimize.settings import HedgeSetting

    return HedgeSetting.optimal() if h is None else HedgeSetting.fixed(h)


# -- currency -----------------------------------------------------------------------------------


class CurrencyPanel(Panel):
    def __init__(self, parent=None):
        super().__init__("Currency", parent)
        form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        self.base = QComboBox()
        self.base.addItem("US dollar (USD)", "USD")
        self.base.addItem("Japanese yen (JPY)", "JPY")
        self.base.setToolTip("The currency you measure returns in; the other currency is the foreign one to hedge")
        form.addRow("Base", self.base)
        row = QHBoxLayout()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(10)
        self.slider.setToolTip("Share of the foreign-currency exposure sold forward (0% = unhedged, 100% = fully hedged)")
        self.spin = _spin(0, 100, 5, 0, "%", "Hedge ratio of the foreign-currency exposure")
        self.spin.setFixedWidth(64)
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        form.addRow("Hedge", row)
        self.optimal = QCheckBox("Optimiser chooses (0–100%)")
        self.optimal.setToolTip("Treat the hedge ratio as a decision variable between 0% and 100%")
        form.addRow("", self.optimal)
        self.achieved = QLabel("–")
        self.achieved.setToolTip("Hedge ratio in the current allocation")
        form.addRow("Chosen", self.achieved)
        self.rates: dict[str, QDoubleSpinBox] = {}
        rates_row = QHBoxLayout()
        for ccy in ("USD", "JPY"):
            s = _spin(-1, 20, 0.25, 2, "%", f"Annual short rate for {ccy}; sets the hedge carry (rate differential)")
            s.setPrefix(f"{ccy} ")
            self.rates[ccy] = s
            rates_row.addWidget(s)
            s.valueChanged.connect(lambda v, c=ccy: self._on_rate(c, v))
        form.addRow("Short rates", rates_row)
        self.base.currentIndexChanged.connect(self._on_base)
        self.slider.valueChanged.connect(self._on_slider)
        self.spin.valueChanged.connect(self._on_spin)
        self.optimal.toggled.connect(self._on_optimal)
        self._ratio = 0.0

    def set_from_run(self, run) -> None:
        self._sync = True
        try:
            self.base.setCurrentIndex(max(self.base.findData(run.base), 0))
            h = run.optimization.constraints.hedge
            optimal = h.is_optimal
            self.optimal.setChecked(optimal)
            self.slider.setEnabled(not optimal)
            self.spin.setEnabled(not optimal)
            if h.is_fixed:
                self._ratio = h.lo
                self.slider.setValue(int(round(h.lo * 100)))
                self.spin.setValue(h.lo * 100)
            for ccy, s in self.rates.items():
                s.setValue(float(run.rates.get(ccy, 0.0)) * 100)
            foreign = "JPY" if run.base == "USD" else "USD"
            self.optimal.setToolTip(f"Let the optimiser choose the {foreign} hedge ratio between 0% and 100%")
        finally:
            self._sync = False

    def set_achieved(self, allocation) -> None:
        if allocation is None or not allocation.hedge_ratios:
            self.achieved.setText("–")
            return
        parts = [
            f"{ccy} {r:.0%} ({allocation.hedge_notionals.get(ccy, 0) * 100:.1f}% of portfolio)"
            for ccy, r in allocation.hedge_ratios.items()
        ]
        self.achieved.setText("; ".join(parts))
        self.achieved.setToolTip(
            "Hedge ratio in the current allocation; in brackets the forward's notional as a share of the portfolio"
        )

    def _hedge(self, text: str, setting_fn, merge=None) -> None:
        def fn(run):
            return with_constraints(run, hedge=setting_fn())

        self.emit(text, fn, merge)

    def _on_slider(self, v: int) -> None:
        self.spin.blockSignals(True)
        self.spin.setValue(v)
        self.spin.blockSignals(False)
        self._fixed(v / 100)

    def _on_spin(self, v: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(int(round(v)))
        self.slider.blockSignals(False)
        self._fixed(v / 100)

    def _fixed(self, h: float) -> None:
        self._hedge(f"Hedge {h:.0%}", lambda: _hedge_setting(h), "hedge")

    def _on_optimal(self, on: bool) -> None:
        h = self.slider.value() / 100
        self._hedge("Optimal hedge" if on else f"Hedge {h:.0%}", lambda: _hedge_setting(None if on else h))

    def _on_base(self, i: int) -> None:
        base = self.base.itemData(i)
        self.emit(f"Base currency {base}", lambda run: replace(run, base=base))

    def _on_rate(self, ccy: str, v: float) -> None:
        def fn(run):
            rates = dict(run.rates)
            rates[ccy] = round(v / 100, 6)
            return replace(run, rates=rates)

        self.emit(f"{ccy} short rate {v:.2f}%", fn, f"rate:{ccy}")


# -- estimation -------------------------------------------------------------------------------------


class WindowDateEdit(QDateEdit):
    """A date of the estimation window whose 'earliest'/'latest' sentinel cannot be stepped into.

    The sentinel is the control's minimum (shown as the special text).  Stepping
    from it jumps to the edge of the data (the first or the last price date), never
    to the day after the sentinel, which lies before all data.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edge: QDate | None = None  # where a step from the sentinel lands

    def is_open(self) -> bool:
        return self.date() == MIN_DATE

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt's name
        if self.is_open():
            if steps != 0 and self.edge is not None:
                self.setDate(self.edge)
            return
        super().stepBy(steps)

    def stepEnabled(self):  # noqa: N802 - Qt's name
        if self.is_open():
            flags = QAbstractSpinBox.StepEnabledFlag.StepNone
            if self.edge is not None:
                flags = QAbstractSpinBox.StepEnabledFlag.StepUpEnabled | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
            return flags
        return super().stepEnabled()


class EstimationPanel(Panel):
    def __init__(self, parent=None):
        super().__init__("Estimation", parent)
        form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        win = QHBoxLayout()
        self.start = WindowDateEdit()
        self.end = WindowDateEdit()
        for d, special, tip in (
            (self.start, "earliest", "First date of the estimation window ('earliest' uses all history)"),
            (self.end, "latest", "Last date of the estimation window ('latest' uses the newest prices)"),
        ):
            d.setDisplayFormat("yyyy-MM-dd")
            d.setMinimumDate(MIN_DATE)
            d.setSpecialValueText(special)
            d.setCalendarPopup(True)
            d.setKeyboardTracking(False)
            d.setToolTip(tip)
            win.addWidget(d)
        form.addRow("Window", win)
        self.frequency = QComboBox()
        for v, label in (("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")):
            self.frequency.addItem(label, v)
        self.frequency.setToolTip("Return frequency: weekly aligns Tokyo and New York calendars without daily noise")
        form.addRow("Returns", self.frequency)
        self.mean = QComboBox()
        for v, label in (("historical", "Historical mean"), ("ewma", "EWMA mean"), ("shrunk", "Shrunk to grand mean")):
            self.mean.addItem(label, v)
        self.mean.setToolTip("How expected returns are estimated from history")
        form.addRow("Means", self.mean)
        self.cov = QComboBox()
        for v, label in (("ledoit-wolf", "Ledoit-Wolf shrinkage"), ("sample", "Sample covariance"), ("ewma", "EWMA covariance")):
            self.cov.addItem(label, v)
        self.cov.setToolTip("How the covariance is estimated (Ledoit-Wolf is robust with many assets)")
        form.addRow("Covariance", self.cov)
        self.halflife = _spin(0, 520, 4, 0, " periods", "Half-life of the EWMA estimators, in return periods ('default' lets the estimator choose)")
        self.halflife.setSpecialValueText("default")
        form.addRow("Half-life", self.halflife)
        self.fx = QComboBox()
        self.fx.addItem("Zero (recommended)", "zero")
        self.fx.addItem("Historical mean", "historical")
        self.fx.setToolTip(
            "Expected currency return. Zero avoids the trap of extrapolating the yen's past fall "
            "(which would say 'always hedge' to a dollar investor)"
        )
        form.addRow("FX drift", self.fx)
        self.start.dateChanged.connect(lambda d: self._on_date("start", d))
        self.end.dateChanged.connect(lambda d: self._on_date("end", d))
        for combo, name in ((self.frequency, "frequency"), (self.mean, "mean"), (self.cov, "covariance"), (self.fx, "fx_mean")):
            combo.currentIndexChanged.connect(lambda i, c=combo, n=name: self._on_combo(c, n))
        self.halflife.valueChanged.connect(self._on_halflife)

    def set_from_run(self, run) -> None:
        self._sync = True
        try:
            e = run.estimation
            for d, v in ((self.start, e.start), (self.end, e.end)):
                d.setDate(QDate.fromString(str(v)[:10], "yyyy-MM-dd") if v else MIN_DATE)
            for combo, v in (
                (self.frequency, e.frequency),
                (self.mean, e.mean),
                (self.cov, e.covariance),
                (self.fx, e.fx_mean),
            ):
                combo.setCurrentIndex(max(combo.findData(getattr(v, "value", v)), 0))
            self.halflife.setValue(e.halflife or 0)
        finally:
            self._sync = False

    def set_data_range(self, first: date | None, last: date | None) -> None:
        if first and last:
            for d in (self.start, self.end):
                d.setMaximumDate(QDate(last.year, last.month, last.day))
            self.start.edge = QDate(first.year, first.month, first.day)
            self.end.edge = QDate(last.year, last.month, last.day)
            self.setToolTip(f"Prices available from {first} to {last}")

    def _on_date(self, name: str, d: QDate) -> None:
        value = None if d == MIN_DATE else d.toString("yyyy-MM-dd")
        self.emit(f"Window {name} {value or 'open'}", lambda run: with_estimation(run, **{name: value}), f"date:{name}")

    def _on_combo(self, combo: QComboBox, name: str) -> None:
        value = combo.currentData()
        self.emit(f"{name.replace('_', ' ').capitalize()}: {combo.currentText()}", lambda run: with_estimation(run, **{name: value}))

    def _on_halflife(self, v: float) -> None:
        value = None if v <= 0 else float(v)
        self.emit("Half-life", lambda run: with_estimation(run, halflife=value), "halflife")
