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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
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
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from allocator.gui import i18n

MIN_DATE = QDate(1990, 1, 1)
SLIDER_MIN_WIDTH = 120  # px of a theme slider at the narrowest window (1024 wide)


UNSET = "—"  # what a control shows before the first settings arrive (not a value that looks real)


def show_unset(panel: QWidget) -> None:
    """Before the first settings arrive: every spin box and choice of ``panel`` shows "—", the
    window dates their real default ('earliest'/'latest'), instead of Qt's placeholders
    (Daily, 2000-01-01, 1.0%, 0.00%) that look like settings.  ``set_from_run`` shows the real ones."""
    for box in panel.findChildren(QAbstractSpinBox):
        box.blockSignals(True)
        if isinstance(box, QDateEdit):
            box.setDate(box.minimumDate())
        elif hasattr(box, "setValue"):
            box.setProperty("special_text", box.specialValueText())
            box.setSpecialValueText(UNSET)
            box.setValue(box.minimum())
        box.blockSignals(False)
    for combo in panel.findChildren(QComboBox):
        combo.blockSignals(True)
        combo.setPlaceholderText(UNSET)
        combo.setCurrentIndex(-1)
        combo.blockSignals(False)


def clear_unset(panel: QWidget) -> None:
    """Undo :func:`show_unset` (the spin boxes' own special texts back) before showing settings."""
    for box in panel.findChildren(QAbstractSpinBox):
        special = box.property("special_text")
        if special is not None:
            box.setSpecialValueText(special)
            box.setProperty("special_text", None)


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


class ElidingCombo(QComboBox):
    """A combo box as narrow as ``chars`` characters, whatever its longest item, whose closed face
    ends a text too long for it with "…" (a plain QComboBox cuts it mid-word: "beats Automatic").

    The settings column must fit 1024 px windows and Japanese labels; the open list still shows
    every item whole (:meth:`fit_list` after filling it).
    """

    def __init__(self, chars: int, parent=None):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(chars)

    def fit_list(self) -> None:
        view = self.view()
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24)

    def shown_text(self) -> str:
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        rect = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                           QStyle.SubControl.SC_ComboBoxEditField, self)
        return self.fontMetrics().elidedText(opt.currentText, Qt.TextElideMode.ElideRight, rect.width())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        opt.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)


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
    def __init__(self, panel: "ThemePanel", theme, colour: str, grid: QGridLayout, r: int):
        lang = i18n.current()
        name, description = theme.display_name(lang), theme.display_description(lang)
        self.key = theme.key
        self.theme = theme
        self.name = name
        self.check = QCheckBox(name.replace("&", "&&"))
        self.tooltip = QCoreApplication.translate(
            "ThemePanel",
            "{0}: {1}\nTick to give this theme a target share of the portfolio; untick to leave it free (the optimiser decides).",
        ).format(name, description)
        self.check.setToolTip(self.tooltip)
        self.swatch = QLabel()
        self.swatch.setFixedSize(10, 10)
        self.swatch.setStyleSheet(f"background:{colour}; border-radius:2px;")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 1000)
        self.slider.setPageStep(50)
        self.slider.setSingleStep(5)
        self.slider.setToolTip(QCoreApplication.translate("ThemePanel", "Target share of {0} in the portfolio (drag, or use the arrow keys)").format(name))
        self.slider.setMinimumWidth(SLIDER_MIN_WIDTH)
        self.spin = _spin(0, 100, 0.5, 1, "%", QCoreApplication.translate("ThemePanel", "Target share of {0}, in percent of the portfolio").format(name))
        self.spin.setSpecialValueText("")
        self.spin.setFixedWidth(66)
        self.result = QLabel("–")
        self.result.setToolTip(QCoreApplication.translate("ThemePanel", "The share {0} has in the current allocation").format(name))
        self.result.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        fm = self.result.fontMetrics()  # room for "no data" (it was clipped) and "100.0%"
        self.result.setMinimumWidth(max(fm.horizontalAdvance(x) for x in (QCoreApplication.translate("ThemePanel", "no data"), i18n.percent(1.0), "100.0%")) + 6)
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
            self.spin.setSpecialValueText(QCoreApplication.translate("ThemePanel", "free"))
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
        super().__init__(QCoreApplication.translate("ThemePanel", "Themes"), parent)
        self.setToolTip(self.tr("How much of the portfolio each theme should get; unticked themes are free"))
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
        self.sum_label.setToolTip(self.tr("Sum of the theme targets; what is left goes to the free themes"))
        foot.addWidget(self.sum_label, 1)
        self.tolerance = _spin(0, 25, 0.5, 1, "%", self.tr("Allowed band around every theme target (± percentage points)"))
        self.tolerance.setPrefix("± ")
        self.tolerance.setFixedWidth(78)
        foot.addWidget(QLabel(self.tr("band")))
        foot.addWidget(self.tolerance)
        outer.addLayout(foot)
        buttons = QHBoxLayout()
        self.normalise = QPushButton(self.tr("Normalise to 100%"))
        self.normalise.setToolTip(self.tr("Scale the targeted themes so they sum to exactly 100% (Ctrl+Shift+N)"))
        self.clear = QPushButton(self.tr("All free"))
        self.clear.setToolTip(self.tr("Remove every theme target: the optimiser chooses the mix"))
        buttons.addWidget(self.normalise)
        buttons.addWidget(self.clear)
        outer.addLayout(buttons)
        self.tolerance.valueChanged.connect(
            lambda v: self.emit(
                i18n.fmt(self.tr("Theme band ±{0}"), i18n.percent(v / 100)), lambda run: with_constraints(run, theme_tolerance=v / 100), "tolerance"
            )
        )
        self.normalise.clicked.connect(self.normalise_targets)
        self.clear.clicked.connect(lambda: self.emit(i18n.fmt(self.tr("All themes free")), lambda run: with_constraints(run, theme_targets={})))

    def set_themes(self, themes, colours: dict[str, str]) -> None:
        for row in self.rows.values():
            for w in (row.swatch, row.check, row.slider, row.spin, row.result):
                self.grid.removeWidget(w)
                w.hide()  # gone from view at once, deleted when control returns to the event loop
                w.deleteLater()
        self.rows = {}
        for r, t in enumerate(themes):
            self.rows[t.key] = _ThemeRow(self, t, colours.get(t.key, "#888"), self.grid, r)

    def set_from_run(self, run) -> None:
        self._sync = True
        try:
            c = run.optimization.constraints
            self._targets = dict(c.theme_targets)
            for key, row in self.rows.items():
                row.show_target(self._targets.get(key))
            self._show_missing()
            self.set_achieved(self._achieved)  # free sliders at the share they got
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
            if missing and targeted:
                tip = self.tr("{0}: no asset of this theme has prices in the current data, so it gets nothing; untick to remove its target")
            elif missing:
                tip = self.tr("{0}: no asset of this theme has prices in the current data, so it gets nothing")
            row.check.setToolTip(tip.format(row.name) if missing else row.tooltip)

    def set_achieved(self, theme_weights: dict[str, float] | None) -> None:
        self._achieved = dict(theme_weights or {})
        for key, row in self.rows.items():
            w = self._achieved.get(key)
            if key in self._missing:
                row.result.setText(self.tr("no data"))
            else:
                row.result.setText("–" if w is None else i18n.percent(w))
            if key not in self._targets:  # a free theme's slider shows the share it got
                row.slider.blockSignals(True)
                row.slider.setValue(int(round((w or 0.0) * 1000)))
                row.slider.blockSignals(False)

    def _update_sum(self) -> None:
        total = sum(self._targets.values())
        free = [k for k in self.rows if k not in self._targets]
        text = self.tr("Targets sum to <b>{0}</b>").format(i18n.percent(total))
        if free:
            text += " · " + self.tr("{0} free").format(len(free))
        colour = None
        if total > 1.0 + 1e-9 or (not free and abs(total - 1.0) > 1e-6):
            colour = "#c0392b"
        self.sum_label.setText(f"<span style='color:{colour}'>{text}</span>" if colour else text)
        self.normalise.setEnabled(bool(self._targets))

    def _on_check(self, row: _ThemeRow, on: bool) -> None:
        if on:
            start = self._achieved.get(row.key, 0.1)
            value = round(start * 200) / 200  # nearest 0.5%
            self.emit(i18n.fmt(self.tr("Target {0}"), _theme_name(row)), set_theme_target(row.key, value))
        else:
            self.emit(i18n.fmt(self.tr("Free {0}"), _theme_name(row)), set_theme_target(row.key, None))

    def _on_slider(self, row: _ThemeRow, v: int) -> None:
        row.spin.blockSignals(True)
        row.spin.setValue(v / 10)
        row.spin.blockSignals(False)
        self.emit(i18n.fmt("{0} {1}", _theme_name(row), i18n.percent(v / 1000)), set_theme_target(row.key, v / 1000), f"theme:{row.key}")

    def _on_spin(self, row: _ThemeRow, v: float) -> None:
        row.slider.blockSignals(True)
        row.slider.setValue(int(round(v * 10)))
        row.slider.blockSignals(False)
        self.emit(i18n.fmt("{0} {1}", _theme_name(row), i18n.percent(v / 100)), set_theme_target(row.key, v / 100), f"theme:{row.key}")

    def normalise_targets(self) -> None:
        if self._targets:
            targets = normalised_targets(self._targets)
            self.emit(i18n.fmt(self.tr("Normalise theme targets")), lambda run: with_constraints(run, theme_targets=targets))


# -- constraints ----------------------------------------------------------------------------


class ConstraintsPanel(Panel):
    def __init__(self, parent=None):
        super().__init__(QCoreApplication.translate("ConstraintsPanel", "Limits"), parent)
        form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        self.cap = _spin(1, 100, 1, 1, "%", self.tr("Largest weight any single asset may have"))
        form.addRow(self.tr("Max per asset"), self.cap)
        self.country: dict[str, tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        for c, label in (("US", self.tr("United States")), ("JP", self.tr("Japan"))):
            lo = _spin(0, 100, 5, 0, "%", i18n.fmt(self.tr("Least the portfolio must hold in {0}"), i18n.fmt(label)))
            hi = _spin(0, 100, 5, 0, "%", i18n.fmt(self.tr("Most the portfolio may hold in {0}"), i18n.fmt(label)))
            box = QHBoxLayout()
            box.addWidget(lo)
            box.addWidget(QLabel(self.tr("to")))
            box.addWidget(hi)
            form.addRow(label, box)
            self.country[c] = (lo, hi)
            lo.valueChanged.connect(lambda v, c=c: self._on_country(c))
            hi.valueChanged.connect(lambda v, c=c: self._on_country(c))
        self.cap.valueChanged.connect(
            lambda v: self.emit(
                i18n.fmt(self.tr("Max per asset {0}"), i18n.percent(v / 100)), lambda run: with_constraints(run, max_weight=v / 100), "cap"
            )
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

        self.emit(i18n.fmt(self.tr("{0} {1} to {2}"), c, i18n.percent(lo, 0), i18n.percent(hi, 0)), fn, f"country:{c}")


# -- objective ------------------------------------------------------------------------------

OBJECTIVES = [
    ("max-sharpe", QT_TRANSLATE_NOOP("ObjectivePanel", "Max Sharpe ratio"), QT_TRANSLATE_NOOP("ObjectivePanel", "Best return per unit of risk above the risk-free rate")),
    ("min-variance", QT_TRANSLATE_NOOP("ObjectivePanel", "Min variance"), QT_TRANSLATE_NOOP("ObjectivePanel", "The least volatile portfolio under the constraints")),
    ("target-return", QT_TRANSLATE_NOOP("ObjectivePanel", "Target return"), QT_TRANSLATE_NOOP("ObjectivePanel", "The least volatile portfolio that expects this return")),
    ("target-vol", QT_TRANSLATE_NOOP("ObjectivePanel", "Target volatility"), QT_TRANSLATE_NOOP("ObjectivePanel", "The highest expected return at this volatility")),
    ("max-utility", QT_TRANSLATE_NOOP("ObjectivePanel", "Max utility"), QT_TRANSLATE_NOOP("ObjectivePanel", "Maximise return minus risk aversion/2 × variance")),
]
# Short names (the metrics strip, the undo steps); the core's Objective.label stays English.
OBJECTIVE_LABELS = {
    "max-sharpe": QT_TRANSLATE_NOOP("Objective", "Max Sharpe"),
    "min-variance": QT_TRANSLATE_NOOP("Objective", "Min variance"),
    "target-return": QT_TRANSLATE_NOOP("Objective", "Target return"),
    "target-vol": QT_TRANSLATE_NOOP("Objective", "Target volatility"),
    "max-utility": QT_TRANSLATE_NOOP("Objective", "Max utility"),
    "max-return": QT_TRANSLATE_NOOP("Objective", "Max return"),
}


def objective_label(value: str) -> str:
    """An objective's short name in the UI language (``max-sharpe`` -> Max Sharpe / 最大シャープレシオ)."""
    text = OBJECTIVE_LABELS.get(value)
    return QCoreApplication.translate("Objective", text) if text else value


def _theme_name(row) -> object:
    """The row's theme name in whatever language is shown when the text is rendered."""
    return lambda t=row.theme: t.display_name(i18n.current())


class ObjectivePanel(Panel):
    def __init__(self, parent=None):
        super().__init__(QCoreApplication.translate("ObjectivePanel", "Objective"), parent)
        form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        self.combo = QComboBox()
        for value, label, tip in OBJECTIVES:
            self.combo.addItem(self.tr(label), value)
            self.combo.setItemData(self.combo.count() - 1, self.tr(tip), Qt.ItemDataRole.ToolTipRole)
        self.combo.setToolTip(self.tr("What the optimiser aims for"))
        form.addRow(self.tr("Aim"), self.combo)
        self.param_label = QLabel(self.tr("Target"))
        self.param = _spin(-50, 200, 0.5, 1, "%", "")
        form.addRow(self.param_label, self.param)
        self.rf = _spin(-1.0, 20, 0.25, 2, "%", self.tr("Risk-free rate for the Sharpe ratio; 'base short rate' uses the short rate of the base currency"))
        self.rf.setSpecialValueText(self.tr("base short rate"))
        form.addRow(self.tr("Risk-free"), self.rf)
        self.combo.currentIndexChanged.connect(self._on_objective)
        self.param.valueChanged.connect(self._on_param)
        self.rf.valueChanged.connect(self._on_rf)
        self._objective = "max-sharpe"
        self._last: dict[str, float] = {"target-return": 0.12, "target-vol": 0.15, "max-utility": 3.0}

    def _show_param(self, objective: str, run) -> None:
        o = run.optimization
        self.param.blockSignals(True)
        self.param.setSpecialValueText("")
        if objective in ("target-return", "target-vol"):
            self.param_label.setText(self.tr("Target return") if objective == "target-return" else self.tr("Target volatility"))
            self.param.setDecimals(1)
            self.param.setSuffix("%")
            self.param.setRange(-50 if objective == "target-return" else 0.5, 200)
            self.param.setSingleStep(0.5)
            value = o.target if o.target is not None else self._last[objective]
            self.param.setValue(value * 100)
            self.param.setToolTip(
                self.tr("Annual expected return, base currency") if objective == "target-return" else self.tr("Annual volatility, base currency")
            )
            self.param.setEnabled(True)
        elif objective == "max-utility":
            self.param_label.setText(self.tr("Risk aversion"))
            self.param.setDecimals(1)
            self.param.setSuffix("")
            self.param.setRange(0.1, 100)
            self.param.setSingleStep(0.5)
            self.param.setValue(o.risk_aversion)
            self.param.setToolTip(self.tr("γ in mean - γ/2 × variance: higher is more cautious (typical 1 to 10)"))
            self.param.setEnabled(True)
        else:
            self.param_label.setText(self.tr("Parameter"))
            self.param.setSuffix("")
            self.param.setSpecialValueText(UNSET)  # not a number that looks real
            self.param.setValue(self.param.minimum())
            self.param.setEnabled(False)
            self.param.setToolTip(self.tr("This objective has no parameter"))
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

        self.emit(i18n.fmt(self.tr("Objective: {0}"), lambda obj=obj: objective_label(obj)), fn)

    def _on_param(self, v: float) -> None:
        obj = self._objective
        if obj in ("target-return", "target-vol"):
            self._last[obj] = v / 100
            self.emit(i18n.fmt("{0} {1}", lambda obj=obj: objective_label(obj), i18n.percent(v / 100)), lambda run: with_optimization(run, target=v / 100), "param")
        elif obj == "max-utility":
            self.emit(i18n.fmt(self.tr("Risk aversion {0}"), i18n.number(v, 1)), lambda run: with_optimization(run, risk_aversion=v), "param")

    def _on_rf(self, v: float) -> None:
        rf = None if v <= -1.0 + 1e-9 else v / 100
        self.emit(i18n.fmt(self.tr("Risk-free rate")), lambda run: with_optimization(run, rf=rf), "rf")


def _hedge_setting(h: float | None):
    """A fixed hedge ratio, or the optimiser's choice when ``h`` is None."""
    from allocator.optimize.settings import HedgeSetting

    return HedgeSetting.optimal() if h is None else HedgeSetting.fixed(h)


# -- currency -----------------------------------------------------------------------------------


class CurrencyPanel(Panel):
    def __init__(self, parent=None):
        super().__init__(QCoreApplication.translate("CurrencyPanel", "Currency"), parent)
        form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        self.base = QComboBox()
        self.base.addItem(self.tr("US dollar (USD)"), "USD")
        self.base.addItem(self.tr("Japanese yen (JPY)"), "JPY")
        self.base.setToolTip(self.tr("The currency you measure returns in; the other currency is the foreign one to hedge"))
        form.addRow(self.tr("Base"), self.base)
        row = QHBoxLayout()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(10)
        self.slider.setToolTip(self.tr("Share of the foreign-currency exposure sold forward (0% = unhedged, 100% = fully hedged)"))
        self.spin = _spin(0, 100, 5, 0, "%", self.tr("Hedge ratio of the foreign-currency exposure"))
        self.spin.setFixedWidth(64)
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        form.addRow(self.tr("Hedge"), row)
        self.optimal = QCheckBox(self.tr("Optimiser chooses (0–100%)"))
        self.optimal.setToolTip(self.tr("Treat the hedge ratio as a decision variable between 0% and 100%"))
        form.addRow("", self.optimal)
        self.achieved = QLabel("–")
        self.achieved.setToolTip(self.tr("Hedge ratio in the current allocation"))
        form.addRow(self.tr("Chosen"), self.achieved)
        self.rates: dict[str, QDoubleSpinBox] = {}
        rates_row = QHBoxLayout()
        for ccy in ("USD", "JPY"):
            s = _spin(-1, 20, 0.25, 2, "%", i18n.fmt(self.tr("Annual short rate for {0}; sets the hedge carry (rate differential)"), ccy))
            s.setPrefix(f"{ccy} ")
            self.rates[ccy] = s
            rates_row.addWidget(s)
            s.valueChanged.connect(lambda v, c=ccy: self._on_rate(c, v))
        form.addRow(self.tr("Short rates"), rates_row)
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
            self.optimal.setToolTip(self.tr("Let the optimiser choose the {0} hedge ratio between 0% and 100%").format(foreign))
        finally:
            self._sync = False

    def set_achieved(self, allocation) -> None:
        if allocation is None or not allocation.hedge_ratios:
            self.achieved.setText("–")
            return
        parts = [
            self.tr("{0} {1} ({2} of portfolio)").format(ccy, i18n.percent(r, 0), i18n.percent(allocation.hedge_notionals.get(ccy, 0)))
            for ccy, r in allocation.hedge_ratios.items()
        ]
        self.achieved.setText("; ".join(parts))
        self.achieved.setToolTip(
            self.tr("Hedge ratio in the current allocation; in brackets the forward's notional as a share of the portfolio")
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
        self._hedge(i18n.fmt(self.tr("Hedge {0}"), i18n.percent(h, 0)), lambda: _hedge_setting(h), "hedge")

    def _on_optimal(self, on: bool) -> None:
        h = self.slider.value() / 100
        self._hedge(
            i18n.fmt(self.tr("Optimal hedge")) if on else i18n.fmt(self.tr("Hedge {0}"), i18n.percent(h, 0)), lambda: _hedge_setting(None if on else h)
        )

    def _on_base(self, i: int) -> None:
        base = self.base.itemData(i)
        self.emit(i18n.fmt(self.tr("Base currency {0}"), base), lambda run: replace(run, base=base))

    def _on_rate(self, ccy: str, v: float) -> None:
        def fn(run):
            rates = dict(run.rates)
            rates[ccy] = round(v / 100, 6)
            return replace(run, rates=rates)

        self.emit(i18n.fmt(self.tr("{0} short rate {1}"), ccy, i18n.percent(v / 100, 2)), fn, f"rate:{ccy}")


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
        super().__init__(QCoreApplication.translate("EstimationPanel", "Estimation"), parent)
        form = QFormLayout(self)
        form.setContentsMargins(8, 6, 8, 6)
        win = QHBoxLayout()
        self.start = WindowDateEdit()
        self.end = WindowDateEdit()
        for d, special, tip in (
            (self.start, self.tr("earliest"), self.tr("First date of the estimation window ('earliest' uses all history)")),
            (self.end, self.tr("latest"), self.tr("Last date of the estimation window ('latest' uses the newest prices)")),
        ):
            d.setDisplayFormat("yyyy-MM-dd")
            d.setMinimumDate(MIN_DATE)
            d.setSpecialValueText(special)
            d.setCalendarPopup(True)
            d.setKeyboardTracking(False)
            d.setToolTip(tip)
            win.addWidget(d)
        form.addRow(self.tr("Window"), win)
        self.frequency = QComboBox()
        for v, label in (("daily", self.tr("Daily")), ("weekly", self.tr("Weekly")), ("monthly", self.tr("Monthly"))):
            self.frequency.addItem(label, v)
        self.frequency.setToolTip(self.tr("Return frequency: weekly aligns Tokyo and New York calendars without daily noise"))
        form.addRow(self.tr("Returns"), self.frequency)
        self.mean = ElidingCombo(16)  # not as wide as "Equilibrium + views (Black-Litterman)"
        for v, label in (("historical", self.tr("Historical mean")), ("ewma", self.tr("EWMA mean")), ("shrunk", self.tr("Shrunk to grand mean"))):
            self.mean.addItem(label, v)
        self.mean.addItem(self.tr("Equilibrium prior"), "equilibrium")  # issue 11 (views_panel.py)
        self.mean.addItem(self.tr("Equilibrium + views (Black-Litterman)"), "black-litterman")
        self.mean.fit_list()
        self.mean.setToolTip(self.tr("How expected returns are formed: from history (in-sample), or the equilibrium prior moved by your views"))
        form.addRow(self.tr("Means"), self.mean)
        self.cov = QComboBox()
        for v, label in (("ledoit-wolf", self.tr("Ledoit-Wolf shrinkage")), ("sample", self.tr("Sample covariance")), ("ewma", self.tr("EWMA covariance"))):
            self.cov.addItem(label, v)
        self.cov.setToolTip(self.tr("How the covariance is estimated (Ledoit-Wolf is robust with many assets)"))
        form.addRow(self.tr("Covariance"), self.cov)
        self.halflife = _spin(0, 520, 4, 0, self.tr(" periods"), self.tr("Half-life of the EWMA estimators, in return periods ('default' lets the estimator choose)"))
        self.halflife.setSpecialValueText(self.tr("default"))
        form.addRow(self.tr("Half-life"), self.halflife)
        self.fx = QComboBox()
        self.fx.addItem(self.tr("Zero (recommended)"), "zero")
        self.fx.addItem(self.tr("Historical mean"), "historical")
        self.fx.setToolTip(
            self.tr(
                "Expected currency return. Zero avoids the trap of extrapolating the yen's past fall "
                "(which would say 'always hedge' to a dollar investor)"
            )
        )
        form.addRow(self.tr("FX drift"), self.fx)
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
            self.setToolTip(self.tr("Prices available from {0} to {1}").format(i18n.date_text(first), i18n.date_text(last)))

    def _on_date(self, name: str, d: QDate) -> None:
        value = None if d == MIN_DATE else d.toString("yyyy-MM-dd")
        if name == "start":
            text = i18n.fmt(self.tr("Window start {0}"), value) if value else i18n.fmt(self.tr("Window start open"))
        else:
            text = i18n.fmt(self.tr("Window end {0}"), value) if value else i18n.fmt(self.tr("Window end open"))
        self.emit(text, lambda run: with_estimation(run, **{name: value}), f"date:{name}")

    def _on_combo(self, combo: QComboBox, name: str) -> None:
        value = combo.currentData()
        what = {
            "frequency": self.tr("Returns"),
            "mean": self.tr("Means"),
            "covariance": self.tr("Covariance"),
            "fx_mean": self.tr("FX drift"),
        }.get(name, name)
        self.emit(i18n.fmt("{0}: {1}", i18n.fmt(what), i18n.fmt(combo.currentText())), lambda run: with_estimation(run, **{name: value}))

    def _on_halflife(self, v: float) -> None:
        value = None if v <= 0 else float(v)
        self.emit(i18n.fmt(self.tr("Half-life")), lambda run: with_estimation(run, halflife=value), "halflife")
