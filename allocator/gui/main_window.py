"""The main window: settings panels on the left, metrics, plots and the table on the right.

Every setting change is a ``SettingsCommand`` on the undo stack; applying a
command shows the settings in the panels and hands them to the ``Engine``,
which re-optimises off the GUI thread.  Results replace the views only when
they arrive; an infeasible setting shows its message in the banner and keeps
the last good allocation on screen.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from allocator import APP_NAME
from allocator.gui import i18n, messages, style
from allocator.gui.controls import (
    ConstraintsPanel,
    CurrencyPanel,
    EstimationPanel,
    ObjectivePanel,
    ThemePanel,
    clear_unset,
    show_unset,
    with_constraints,
    with_optimization,
)
from allocator.gui.engine import Engine
from allocator.gui.messages import Level, Message
from allocator.gui.prefs import Prefs
from allocator.gui.table import AllocationTableModel, AllocationTableView
from allocator.gui.undo_keys import UndoKeys, action_text
from allocator.gui.workers import TaskRunner

def file_filter() -> str:
    return QCoreApplication.translate("MainWindow", "Allocation files (*.alloc.json);;JSON files (*.json);;All files (*)")


FILE_FILTER = "Allocation files (*.alloc.json);;JSON files (*.json);;All files (*)"  # English, for tests
MERGE_WINDOW = 1.5  # seconds: edits of one control closer than this are one undo step
LEFT_SHARE = 0.28  # of the window's width for the settings panel (at least its content's width)
LEFT_MAX = 620  # px: beyond this the plots get the rest
LEFT_MIN_CAP = 350  # px: the settings panel's minimum never exceeds this (at 1024 px its two-line Views rows, Estimation panel and Japanese labels fit in it; the table keeps every column)


class SettingsCommand(QUndoCommand):
    """One undoable change of the run settings (slider drags merge into one)."""

    ID = 4711

    def __init__(self, window: "MainWindow", old, new, text: str, merge_key=None):
        super().__init__(action_text(text))
        self.window, self.old, self.new, self.merge_key = window, old, new, merge_key
        self.stamp = time.monotonic()

    def id(self) -> int:
        return self.ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, SettingsCommand) or other.merge_key != self.merge_key:
            return False
        if other.stamp - self.stamp > MERGE_WINDOW:
            return False
        self.new, self.stamp = other.new, other.stamp
        self.setText(action_text(other.text()))
        return True

    def redo(self) -> None:
        self.window.apply_run(self.new)

    def undo(self) -> None:
        self.window.apply_run(self.old)


class NotesCommand(QUndoCommand):
    """One undoable change of the file's notes (typing in one burst merges into one step)."""

    ID = 4712
    MERGE_SECONDS = 10.0

    def __init__(self, window: "MainWindow", old: str, new: str):
        super().__init__(QCoreApplication.translate("MainWindow", "Edit notes"))
        self.window, self.old, self.new = window, old, new
        self.stamp = time.monotonic()

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, NotesCommand) or other.stamp - self.stamp > self.MERGE_SECONDS:
            return False
        self.new, self.stamp = other.new, other.stamp
        return True

    def redo(self) -> None:
        self.window.set_notes(self.new)

    def undo(self) -> None:
        self.window.set_notes(self.old)


class NotesDock(QDockWidget):
    """Free-text notes saved in the allocation file; edits become undo steps after a pause."""

    edited = Signal(str)
    PAUSE_MS = 700

    def __init__(self, parent=None):
        super().__init__(QCoreApplication.translate("MainWindow", "Notes"), parent)
        self.setObjectName("notes_dock")
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(self.tr("Notes saved with this allocation: the thesis, what to check next, when to rebalance…"))
        self.edit.setToolTip(self.tr("Free-text notes, saved in the allocation file (Ctrl+Z undoes them with the settings)"))
        self.setWidget(self.edit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.PAUSE_MS)
        self._timer.timeout.connect(self.commit)
        self.edit.textChanged.connect(self._timer.start)
        self._shown = ""

    def commit(self) -> None:
        """Hand pending typing to the window now (saving, closing, tests)."""
        self._timer.stop()
        text = self.edit.toPlainText()
        if text != self._shown:
            self._shown = text
            self.edited.emit(text)

    def show_text(self, text: str) -> None:
        self._timer.stop()
        self._shown = text
        if self.edit.toPlainText() != text:
            self.edit.blockSignals(True)
            self.edit.setPlainText(text)
            self.edit.blockSignals(False)


class MetricsStrip(QFrame):
    """Expected return, volatility, Sharpe, holdings, hedge - large and always visible."""

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.setSpacing(10)
        self.labels: dict[str, QLabel] = {}
        f = QFont()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        for key, title, tip in (
            ("ret", self.tr("Expected return"), self.tr("Annual expected return of the portfolio in the base currency, hedge included")),
            ("vol", self.tr("Volatility"), self.tr("Annual volatility of the portfolio in the base currency, hedge included")),
            ("sharpe", self.tr("Sharpe"), self.tr("(return - risk-free) / volatility")),
            ("holdings", self.tr("Holdings"), self.tr("Assets with a non-zero weight")),
            ("hedge", self.tr("Hedge"), self.tr("Share of the foreign-currency exposure hedged")),
            ("objective", self.tr("Objective"), self.tr("What the optimiser aimed for")),
            ("lots", self.tr("Min. capital"), self.tr(
                "Smallest capital that buys every holding at its weight in whole trading units "
                "(Tokyo stocks: lots of 100 shares), at the latest prices, in the base currency"
            )),
        ):
            box = QVBoxLayout()
            box.setSpacing(0)
            t = QLabel(title)
            t.setToolTip(tip)
            v = QLabel("–")
            v.setFont(f)
            v.setToolTip(tip)
            if key == "objective":
                # The longest figure ("Target volatility 12.0% · USD") gives way first in a
                # narrow window (1024 px): it may be cut, its tooltip keeps the whole text.
                v.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                v.setMinimumWidth(90)
            box.addWidget(t)
            box.addWidget(v)
            lay.addLayout(box, 1 if key == "objective" else 0)  # the objective takes the spare room
            self.labels[key] = v

    def set_allocation(self, a, run, uncertainty=None, history=None) -> None:
        if a is None:
            for v in self.labels.values():
                v.setText("–")
            return
        self.labels["ret"].setText(style.pct(a.expected_return))
        self.labels["vol"].setText(style.pct(a.volatility))
        from allocator.gui.uncertainty import sharpe_text

        text, tip = sharpe_text(self, a, uncertainty)
        self.labels["sharpe"].setText(text)
        self.labels["sharpe"].setToolTip(tip)
        self.labels["holdings"].setText(i18n.number(len(a.held(5e-5))))
        self.labels["hedge"].setText(
            ", ".join(f"{c} {i18n.percent(r, 0)}" for c, r in a.hedge_ratios.items()) if a.hedge_ratios else self.tr("n/a")
        )
        o = run.optimization
        from allocator.gui.controls import objective_label

        text = objective_label(getattr(o.objective, "value", str(o.objective)))
        if o.target is not None and o.objective.value in ("target-return", "target-vol"):
            text += f" {style.pct(o.target)}"
        self.labels["objective"].setText(f"{text} · {a.base}")
        self.labels["objective"].setToolTip(f"{text} · {a.base}")
        # whole units, rounded up (still enough): cents of a figure in the millions are noise
        # and the strip must fit a 1024-px window in Japanese
        least = minimum_capital_for(a, run, history)
        self.labels["lots"].setText(i18n.money(None if least is None else math.ceil(least), a.base, digits=0))


def minimum_capital_for(allocation, run, history) -> float | None:
    """``allocator.discrete.minimum_capital`` of the allocation at the history's latest prices."""
    if allocation is None or run is None or history is None:
        return None
    from allocator.discrete import minimum_capital
    from allocator.holdings import latest_prices

    held = [t for t, w in allocation.weights.items() if w > 5e-4]
    try:
        prices, usdjpy = latest_prices(history, held)
    except Exception:  # noqa: BLE001 - a hint on screen, never an error
        return None
    assets = {a.ticker: a for a in run.universe.assets}
    return minimum_capital(allocation.weights, assets, prices, allocation.base, usdjpy)


_SAME = object()


class Banner(QLabel):
    """Inline message (infeasible settings, data warnings) above the plots."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setToolTip(self.tr("Why the shown result is not for your latest settings"))

    def show_message(self, text: str) -> None:
        bg, fg = style.warning_colours()
        self.setStyleSheet(f"QLabel {{ background:{bg}; color:{fg}; padding:6px 8px; border-radius:4px; }}")
        self.setText(text)
        self.setVisible(True)

    def clear_message(self) -> None:
        self.setVisible(False)
        self.setText("")


class Notice(QLabel):
    """What the data in use means for the result (a CSV without some assets, data warnings)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def restyle(self) -> None:
        bg, fg = style.info_colours()
        self.setStyleSheet(f"QLabel {{ background:{bg}; color:{fg}; padding:4px 8px; border-radius:4px; }}")

    def show_notes(self, notes: list[str], warnings: list[str]) -> None:
        if not notes and not warnings:
            self.setVisible(False)
            self.setText("")
            return
        self.restyle()
        lines = list(notes)
        if warnings:
            n = len(warnings)
            head = self.tr("1 data warning (hover to read): ") if n == 1 else self.tr("{0} data warnings (hover to read): ").format(n)
            lines.append(head + warnings[0])
        self.setText("\n".join(lines))
        self.setToolTip("\n".join(list(notes) + list(warnings)))
        self.setVisible(True)


class MainWindow(QMainWindow):
    first_allocation_drawn = Signal()  # the first optimised weights are on screen (plots may follow)
    first_result_drawn = Signal()  # ... and the frontier(s) with them
    results_drawn = Signal()  # after a new allocation and its frontier(s) are on screen

    def __init__(self, settings: QSettings | None = None, synchronous: bool = False, build_plots: bool = True):
        super().__init__()
        self.prefs = Prefs(settings)
        self.synchronous = synchronous
        self.engine = Engine(synchronous, self.prefs.frontier_points, self)
        from allocator.gui.resample import ResampledBandController
        from allocator.gui.uncertainty import UncertaintyTracker

        self.uncertainty = UncertaintyTracker(self.engine)
        self.band = ResampledBandController(self, synchronous)
        self.io_runner = TaskRunner(1, synchronous, self)  # start-up, file loads, refresh
        self.undo = QUndoStack(self)
        self.run = None
        self.allocation = None
        self.allocation_run = None
        self._infeasible: str | None = None  # why the settings shown cannot be solved (saved with them)
        self._file_doc = None  # the document last loaded or saved: its `created`, and what it held
        self._file_created: str | None = None  # the loaded file's `created` (kept by every save)
        self._recomputed = None  # the banner of a file whose stored result contradicted its settings
        self._banner_text = None  # what the banner says besides that note
        self.build = None
        self.path: str | None = None
        self.notes = ""
        self.fetch_options: dict = {}  # tests: {"downloader": fake, "reachable": ...}
        self.refresh_dialog = None
        self.quality_dialog = None
        self._colours: dict[str, str] = {}
        self._theme_names: dict[str, str] = {}
        self._theme_keys: list[str] = []
        self._model_themes: list[str] = []  # the themes the model holds assets of
        self._first_drawn = False
        self._first_allocation_drawn = False
        self._plots_after_paint = False
        self._frontier_pending = False
        self._closing = False
        self._plot_to_export = "frontier"
        self._tabs_dirty: set[int] = set()
        self._solve_times: tuple = (None, 0, 0.0)  # optimisation s, frontiers, frontier s (status bar)
        self.plots_ready = False
        self.setAcceptDrops(True)
        i18n.manager().language_changed.connect(self.retranslate)  # texts built from data (DESIGN §13)
        from allocator.gui.wording import GuiWording

        self.wording = GuiWording()  # core messages in the window's words (issue 15.11)
        messages.set_error_renderer(self.wording.render_error)
        self.setWindowTitle(self.tr("Untitled") + f"[*] — {APP_NAME}")
        self._build_ui()
        self._build_actions()
        self.undo_keys = UndoKeys(self.undo, self)  # Ctrl+Z from a focused spin box (issue 15.4)
        self.undo_keys.watch(self.controls)
        self.undo_keys.watch(self.holdings_dock)
        self._connect()
        messages.bus.listen(self._on_message)
        geometry, state = self.prefs.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        if build_plots:
            self.create_plots()

    # ------------------------------------------------------------------ UI
    def _build_ui(self) -> None:
        self.themes = ThemePanel()
        self.limits = ConstraintsPanel()
        self.objective = ObjectivePanel()
        self.currency = CurrencyPanel()
        self.estimation = EstimationPanel()
        self.panels = [self.themes, self.objective, self.currency, self.limits, self.estimation]
        for p in self.panels:
            show_unset(p)  # "—" until the first settings arrive (issue 15.13)
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)
        for p in self.panels:
            lay.addWidget(p)
        lay.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(left)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        left.setEnabled(False)
        self.controls = left
        from allocator.gui import views_panel

        views_panel.install(self)  # the Views panel after the themes, the prior rows in Estimation

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(4, 4, 4, 4)
        rlay.setSpacing(4)
        self.metrics = MetricsStrip()
        rlay.addWidget(self.metrics)
        self.banner = Banner()
        rlay.addWidget(self.banner)
        self.notice = Notice()
        rlay.addWidget(self.notice)
        self.vsplit = QSplitter(Qt.Orientation.Vertical)
        self.hsplit = QSplitter(Qt.Orientation.Horizontal)
        self.frontier_box = QWidget()
        QVBoxLayout(self.frontier_box).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Every tab stays reachable in a narrow window: titles elide instead of
        # scrolling the last tabs off the bar (the tooltips carry the full title).
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.setUsesScrollButtons(False)
        self.hsplit.addWidget(self.frontier_box)
        self.hsplit.addWidget(self.tabs)
        self.hsplit.setStretchFactor(0, 11)
        self.hsplit.setStretchFactor(1, 9)
        self.table_model = AllocationTableModel(self)
        self.table_model.show_all = self.prefs.show_all_assets
        self.table = AllocationTableView(self.table_model)
        table_box = QWidget()
        tlay = QVBoxLayout(table_box)
        tlay.setContentsMargins(0, 0, 0, 0)
        tlay.setSpacing(2)
        self.show_all = QCheckBox(self.tr("Show assets with zero weight"))
        self.show_all.setChecked(self.prefs.show_all_assets)
        self.show_all.setToolTip(self.tr("List every asset of the universe, not only the holdings"))
        tlay.addWidget(self.show_all)
        tlay.addWidget(self.table, 1)
        self.vsplit.addWidget(self.hsplit)
        self.vsplit.addWidget(table_box)
        self.vsplit.setStretchFactor(0, 3)
        self.vsplit.setStretchFactor(1, 2)
        rlay.addWidget(self.vsplit, 1)
        self.vsplit.setSizes([560, 240])

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.scroll)
        self.split.addWidget(right)
        # The settings grow with the window too (~28%), not only the plots.
        self.split.setStretchFactor(0, 28)
        self.split.setStretchFactor(1, 72)
        self.split.setCollapsible(0, False)
        self.split.setCollapsible(1, False)
        self.setCentralWidget(self.split)

        self.notes_dock = NotesDock(self)
        self.notes_dock.edited.connect(self._on_notes_edited)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.notes_dock)
        self.notes_dock.hide()
        from allocator.gui.holdings_panel import HoldingsDock

        self.holdings_dock = HoldingsDock(self.synchronous, self)
        self.holdings_dock.panel.edited.connect(self.edit)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.holdings_dock)
        self.holdings_dock.hide()

        sb = self.statusBar()
        self.data_label = QLabel(self.tr("Prices: loading…"))
        self.data_label.setToolTip(self.tr("Where the numbers come from"))
        self.solve_label = QLabel("")
        self.solve_label.setToolTip(self.tr("Time the last optimisation and frontier took"))
        self.busy_label = QLabel(self.tr("Starting…"))
        sb.addPermanentWidget(self.busy_label)
        sb.addPermanentWidget(self.solve_label)
        sb.addPermanentWidget(self.data_label)

    def changeEvent(self, event):  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.follow_palette()

    def _dock_action_texts(self) -> None:
        """The docks' show/hide actions with their mnemonics (Qt resets a toggle-view action's
        text to the dock's title whenever the title changes, as a language switch does)."""
        if hasattr(self, "act_notes"):
            self.act_notes.setText(self.tr("&Notes"))
        if hasattr(self, "act_holdings"):
            self.act_holdings.setText(self.tr("&Holdings and trades"))

    def retranslate(self, language: str = "") -> None:
        """Render again, in the language now shown, the texts built from data (static ``tr()``
        texts are re-translated by ``i18n.retranslate_widgets``)."""
        self._dock_action_texts()
        self._update_title()
        self._update_undo_actions()
        for i in range(self.undo.count()):  # the Edit menu's undo/redo texts
            cmd = self.undo.command(i)
            new = i18n.retranslated(cmd.text()) if cmd is not None else None
            if new is not None:
                cmd.setText(action_text(new))
        self._update_undo_actions()
        self.statusBar().clearMessage()
        self._show_solve_times()
        if self.plots_ready:
            for plot in (self.frontier, self.bars, self.breakdown, self.correlation, self.backtest, self.returns_plot):
                plot.retranslate()
            self._tabs_dirty |= {0, 1, 2}
        if self.run is not None:
            self._set_universe(self.run.universe)  # theme names in the new language
            self._sync_panels()
        if self.build is not None:
            self._on_model_ready(self.build)
        if self.allocation is not None:
            self._draw_allocation()
            self.table_model.retranslate()
            if self.allocation_run is not None:  # the trade list's sides, names and summary
                self.holdings_dock.panel.set_result(self.allocation, self.allocation_run, self.build, self._theme_names)
        self._sync_source_actions()

    def follow_palette(self) -> None:
        """Recolour what does not follow the palette by itself (plots, banner, notice)."""
        if self.plots_ready:
            for plot in (self.frontier, self.bars, self.breakdown, self.correlation, self.returns_plot):
                plot.set_palette_colours()
        self.table_model.refresh_colours()
        if self.banner.isVisible():
            self.banner.show_message(self.banner.text())
        if self.notice.isVisible():
            self.notice.restyle()

    def create_plots_after_paint(self) -> None:
        """Build the plots once the window has been painted (pyqtgraph takes ~0.4 s to import)."""
        self._plots_after_paint = True

    def paintEvent(self, event):  # noqa: N802
        super().paintEvent(event)
        if self._plots_after_paint:
            self._plots_after_paint = False
            QTimer.singleShot(0, self.create_plots)

    def create_plots(self) -> None:
        """Build the pyqtgraph views (imports pyqtgraph; called once the window is painted)."""
        if self.plots_ready:
            return
        from allocator.gui.plots import AllocationBarsPlot, BreakdownPlot, CorrelationPlot, FrontierPlot, FrontierToggles

        self.frontier = FrontierPlot()
        self.frontier.setToolTip("")
        self.frontier_toggles = FrontierToggles(self.frontier)  # with hedging: show/hide each frontier
        self.frontier_box.layout().addWidget(self.frontier_toggles)
        self.frontier_box.layout().addWidget(self.frontier, 1)
        self.bars = AllocationBarsPlot()
        self.breakdown = BreakdownPlot()
        self.correlation = CorrelationPlot()
        self.tabs.addTab(self.bars, self.tr("By asset"))
        self.tabs.addTab(self.breakdown, self.tr("Breakdown"))  # short: every tab fits at 1024 px (tooltip says what)
        self.tabs.addTab(self.correlation, self.tr("Correlation"))
        self.tabs.setTabToolTip(0, self.tr("Weight of each holding, coloured by theme"))
        self.tabs.setTabToolTip(1, self.tr("Weights by theme and country; currency exposure before and after the hedge"))
        self.tabs.setTabToolTip(2, self.tr("Correlation of the assets' returns (base currency), grouped by theme"))
        from allocator.gui.backtest_tab import BacktestTab

        self.backtest = BacktestTab(self.synchronous)
        self.tabs.addTab(self.backtest, self.tr("Backtest"))
        self.tabs.setTabToolTip(3, self.tr("Walk-forward backtest of these settings against simple benchmarks"))
        if self.build is not None and self.run is not None:
            self.backtest.set_inputs(self.run, self.build.history, self._colours)
        from allocator.gui.returns_plot import ExpectedReturnsPlot

        self.returns_plot = ExpectedReturnsPlot()
        i = self.tabs.addTab(self.returns_plot, self.tr("Expected returns"))
        self.tabs.setTabToolTip(i, self.tr("History (± 1 standard error), the equilibrium prior and the posterior with your views"))
        self.frontier.point_clicked.connect(self.adopt_frontier_point)
        self.tabs.currentChanged.connect(self._draw_tab)
        self.frontier.setMinimumWidth(320)
        self.tabs.setMinimumWidth(300)
        for i in range(2):
            self.hsplit.setCollapsible(i, False)
        self._fit_plots()
        self.plots_ready = True
        if self.build is not None:
            self._show_model(self.build)
        if self.allocation is not None:
            self._draw_allocation()

    def _fit_plots(self) -> None:
        """Frontier 55% / tabs 45%, but the tabs get their tab bar's width when the frontier can spare it."""
        total = max(self.hsplit.width(), 640)
        bar = self.tabs.tabBar().sizeHint().width() + 8
        tabs = max(total * 9 // 20, min(bar, total - self.frontier.minimumWidth() - self.hsplit.handleWidth()))
        self.hsplit.setSizes([total - tabs, tabs])

    def _build_actions(self) -> None:
        def act(text, slot, shortcut=None, tip="", checkable=False, pass_checked=False):
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.setStatusTip(tip)
            a.setToolTip(tip or text)
            a.setCheckable(checkable)
            # triggered(bool) carries `checked`; hand it on only to slots that ask for it,
            # so a slot's first parameter (e.g. refresh_prices(tickers)) never gets a bool.
            if pass_checked:
                a.triggered.connect(lambda checked=False: slot(checked))
            else:
                a.triggered.connect(lambda checked=False: slot())
            return a

        K = QKeySequence.StandardKey
        self.act_new = act(self.tr("&New"), self.new_document, K.New, self.tr("Start again from the default settings"))
        self.act_open = act(self.tr("&Open…"), self.open_dialog, K.Open, self.tr("Open a saved allocation (.alloc.json)"))
        self.act_save = act(self.tr("&Save"), self.save, K.Save, self.tr("Save the settings and the allocation"))
        self.act_save_as = act(self.tr("Save &As…"), self.save_as, K.SaveAs, self.tr("Save under a new name"))
        self.act_export = act(self.tr("&Export CSV…"), self.export_csv_dialog, "Ctrl+E", self.tr("Export the allocation as CSV, with share counts for a capital amount"))
        self.act_export_plot = act(self.tr("Export &plot…"), self._export_frontier, "Ctrl+Shift+E", self.tr("Save the frontier or the visible chart as PNG or SVG"))
        self.act_quit = act(self.tr("&Quit"), self.close, K.Quit, self.tr("Close Allocator"))
        # Own undo/redo actions (not QUndoStack.createUndoAction): their "Undo …" prefix
        # must follow the language at run time (DESIGN §13).
        self.act_undo = act(self.tr("&Undo"), self.undo.undo, K.Undo)
        self.act_redo = act(self.tr("&Redo"), self.undo.redo, K.Redo)
        self.undo.canUndoChanged.connect(self.act_undo.setEnabled)
        self.undo.canRedoChanged.connect(self.act_redo.setEnabled)
        self.undo.undoTextChanged.connect(self._update_undo_actions)
        self.undo.redoTextChanged.connect(self._update_undo_actions)
        self.act_copy = act(self.tr("&Copy allocation"), lambda: self.table.copy(), "Ctrl+Shift+C", self.tr("Copy the table as tab-separated text"))
        self.act_normalise = act(self.tr("&Normalise theme targets"), self.themes.normalise_targets, "Ctrl+Shift+N", self.tr("Scale theme targets to sum to 100%"))
        self.act_free = act(self.tr("Make all themes &free"), self.themes.clear.click, None, self.tr("Remove all theme targets"))
        self.act_refresh = act(self.tr("&Refresh prices…"), self.refresh_prices, K.Refresh, self.tr("Download the latest prices from Yahoo Finance"))
        self.act_import = act(self.tr("&Import prices from a CSV file…"), self.import_csv_dialog, None,
                              self.tr("Use prices from one CSV file (wide, long or yfinance layout)"))
        self.act_import_folder = act(self.tr("Import prices from a &folder…"), self.import_folder_dialog, None,
                                     self.tr("Use prices from a folder of CSV files, e.g. one file per ticker as yfinance saves them"))
        self.act_remove = act(self.tr("&Remove ticker…"), self.remove_ticker_dialog, None,
                              self.tr("Remove a ticker you added from your universe"))
        self.act_add = act(self.tr("&Add ticker…"), self.add_ticker_dialog, None, self.tr("Add any Yahoo Finance ticker to a theme"))
        self.act_quality = act(self.tr("Data &quality report…"), self.quality_report, None, self.tr("Per-asset history, gaps, stale runs and outliers"))
        self.act_notes = self.notes_dock.toggleViewAction()
        self._dock_action_texts()
        self.act_notes.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.act_notes.setToolTip(self.tr("Show or hide the notes saved with this allocation"))
        self.act_notes.setStatusTip(self.tr("Show or hide the notes saved with this allocation"))
        self.act_about = act(self.tr("&About Allocator"), self.about, None, self.tr("Versions and credits"))
        self.act_holdings = self.holdings_dock.toggleViewAction()
        self._dock_action_texts()
        self.act_holdings.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.act_holdings.setToolTip(self.tr("What you hold, trading costs, and the trades to the allocation"))
        self.act_import_holdings = act(self.tr("Import &holdings…"), self._import_holdings, None,
                                       self.tr("Read what you hold from a CSV (ticker,shares) to rebalance from it"))
        self.act_show_all = act(self.tr("Show &all assets in the table"), self.show_all.setChecked, None, "", True, pass_checked=True)
        self.act_show_all.setChecked(self.show_all.isChecked())
        self.src_group = QActionGroup(self)
        self.act_src_auto = act(self.tr("&Cached prices (else the sample)"), lambda: self.set_data_source(None), None, self.tr("Use downloaded prices when every ticker has them"), True)
        self.act_src_sample = act(self.tr("&Simulated sample"), lambda: self.set_data_source("sample"), None, self.tr("Use the bundled simulated prices (not real)"), True)
        self.act_src_csv = act(self.tr("CSV file"), lambda: None, None, self.tr("Prices from the imported CSV"), True)
        self.act_src_csv.setEnabled(False)
        for a in (self.act_src_auto, self.act_src_sample, self.act_src_csv):
            self.src_group.addAction(a)

        mb = self.menuBar()
        m = mb.addMenu(self.tr("&File"))
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = m.addMenu(self.tr("Open &Recent"))
        self.recent_menu.setToolTipsVisible(True)
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        self.act_export_tab = act(self.tr("Export &chart in view…"), self._export_tab, None, self.tr("Save the chart shown in the tabs (by asset, breakdown or correlation) as PNG or SVG"))
        m.addActions([self.act_export, self.act_export_plot, self.act_export_tab])
        m.addSeparator()
        self.act_edit_notes = act(self.tr("Edit n&otes…"), self.show_notes, None, self.tr("Write notes that are saved with this allocation"))
        m.addAction(self.act_edit_notes)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu(self.tr("&Edit"))
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_copy, self.act_normalise, self.act_free])
        m = mb.addMenu(self.tr("&Data"))
        m.addActions([self.act_refresh, self.act_import, self.act_import_folder, self.act_add, self.act_remove, self.act_import_holdings])
        m.addSeparator()
        src = m.addMenu(self.tr("Price &source"))
        src.addActions([self.act_src_auto, self.act_src_sample, self.act_src_csv])
        m.addSeparator()
        m.addAction(self.act_quality)
        m = mb.addMenu(self.tr("&View"))
        m.addAction(self.act_show_all)
        m.addAction(self.act_notes)
        m.addAction(self.act_holdings)
        for i, name in enumerate((self.tr("Show by asset"), self.tr("Show themes, countries, currency"), self.tr("Show correlation"))):
            a = act(name, lambda checked=False, i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
            m.addAction(a)
        self.act_backtest = act(self.tr("Run backtest"), self.run_backtest, "Ctrl+B",
                                self.tr("Walk the settings forward through the history (Backtest tab)"))
        m.addAction(self.act_backtest)
        m.addAction(self.band.action)
        m.addSeparator()
        self.language_menu = i18n.add_language_menu(self, m, self.prefs)
        m = mb.addMenu(self.tr("&Help"))
        m.addAction(self.act_about)
        self._refresh_recent_menu()
        self._set_file_actions_enabled(False)
        self._update_undo_actions()

    def _update_undo_actions(self, _text: str = "") -> None:
        """Edit ▸ Undo/Redo name the step, in the language shown."""
        try:
            u, r = self.undo.undoText(), self.undo.redoText()
        except RuntimeError:  # the stack is being torn down with the window
            return
        self.act_undo.setText(self.tr("&Undo {0}").format(u) if u else self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo {0}").format(r) if r else self.tr("&Redo"))
        self.act_undo.setEnabled(self.undo.canUndo())
        self.act_redo.setEnabled(self.undo.canRedo())

    def _import_holdings(self) -> bool:
        self.holdings_dock.show()
        self.holdings_dock.raise_()
        return self.holdings_dock.panel.import_dialog()

    def _connect(self) -> None:
        for p in self.panels:
            p.edited.connect(self.edit)
        self.undo.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        self.show_all.toggled.connect(self._on_show_all)
        e = self.engine
        e.model_building.connect(lambda: self._set_busy(self.tr("Estimating the market model…")))
        e.model_ready.connect(self._on_model_ready)
        e.model_failed.connect(self._on_model_failed)
        e.allocation_ready.connect(self._on_allocation)
        e.allocation_failed.connect(self._on_allocation_failed)
        e.frontier_ready.connect(self._on_frontier)
        e.frontiers_ready.connect(self._on_frontiers)
        e.busy_changed.connect(lambda busy: self._set_busy(self.tr("Optimising…") if busy else ""))

    def show_notes(self) -> None:
        self.notes_dock.show()
        self.notes_dock.raise_()
        self.notes_dock.edit.setFocus()

    def _set_file_actions_enabled(self, on: bool) -> None:
        for a in (self.act_save, self.act_save_as, self.act_export, self.act_export_plot, self.act_export_tab, self.act_copy, self.act_add, self.act_remove, self.act_quality, self.act_normalise, self.act_free):
            a.setEnabled(on)

    # ------------------------------------------------------------------ start-up
    def start(self, file: str | None = None, run=None) -> None:
        """Load the engine (in a worker: cvxpy and pandas import slowly) and the first settings."""
        if run is not None:
            self._adopt_loaded(run, None, file)
            return

        base = i18n.default_base()

        def job(ctx):
            from allocator.pipeline import RunSettings  # the slow import happens here

            if file:
                from allocator.document import open_for_editing

                opened = open_for_editing(file)
                return opened.run, opened.notes, file, opened
            from allocator.pipeline import app_default_run
            from allocator.userdata import load_user_universe

            from dataclasses import replace

            return replace(app_default_run(load_user_universe()), base=base).validate(), "", None

        def failed(exc):
            messages.report_exception(exc, self.tr("Cannot open the file"))
            if file:
                self.start(None)

        self._set_busy(self.tr("Loading the optimiser…"))
        self.io_runner.submit(job, lambda r: self._adopt_loaded(r[0], r[1], r[2], r[3] if len(r) > 3 else None), failed)

    def _adopt_loaded(self, run, notes, path, opened=None) -> None:
        """Show ``run`` (a new document, or an ``OpenedFile``'s settings) with a clean undo stack.

        A file whose stored result contradicted its own settings (issue 16) is shown recomputed
        from its settings, with a banner naming what contradicted, and marked modified (saving
        writes the recomputed result) - while the undo stack holds nothing to undo."""
        from allocator.gui import recomputed

        contradictions = opened.contradictions if opened is not None else ()
        self._file_doc = opened.document if opened is not None else None
        self._file_created = opened.created if opened is not None else None
        self._recomputed = recomputed.banner_text(contradictions, run) if contradictions else None
        self.notes = notes or ""
        self.notes_dock.show_text(self.notes)
        if self.notes and path:
            self.statusBar().showMessage(self.tr("This file has notes: View ▸ Notes (Ctrl+Shift+M)"), 8000)
        self.path = str(path) if path else None
        if path:
            self.prefs.add_recent(path)
            self._refresh_recent_menu()
        self.undo.clear()
        self.apply_run(run)
        self.undo.setClean()
        if self._recomputed is not None:
            self.undo.resetClean()  # modified, with nothing to undo: the stored result is not coming back
            self._show_banner()
        self._update_title()
        self.controls.setEnabled(True)
        self._set_file_actions_enabled(True)

    # ------------------------------------------------------------------ settings
    def edit(self, text: str, fn, merge_key=None) -> bool:
        """Apply ``fn`` to the settings as one undoable step; invalid values are refused with a message."""
        if self.run is None:
            return False
        band_was_running = self.band.running
        self.band.cancel()  # before any work of the edit (see apply_run)
        from allocator.errors import AllocatorError

        try:
            new = fn(self.run).validate()
        except AllocatorError as exc:
            self._show_banner(i18n.fmt(self.tr("Not applied: {0}"), lambda exc=exc: messages.describe(exc)[0]))
            self._sync_panels()
            if band_was_running:
                self.band.start()  # nothing changed: the band goes on
            return False
        if new == self.run:
            if band_was_running:
                self.band.start()
            return False
        self.undo.push(SettingsCommand(self, self.run, new, text, merge_key))
        return True

    def _on_notes_edited(self, text: str) -> None:
        if text != self.notes and self.run is not None:
            self.undo.push(NotesCommand(self, self.notes, text))

    def set_notes(self, text: str) -> None:
        """Show ``text`` as the notes (undo/redo land here)."""
        self.notes = text
        self.notes_dock.show_text(text)

    def apply_run(self, run) -> None:
        """Show ``run`` in the panels and re-optimise (undo/redo and edits all land here)."""
        # The resampled band's worker stops first: syncing the panels while it held the
        # GIL made every Qt call of this thread wait for it (the move measured 1.4x slower).
        self.band.cancel()
        old = self.run
        self.run = run
        if old is None or old.universe != run.universe:
            self._set_universe(run.universe)
        self._sync_panels()
        self._sync_source_actions()
        self.engine.submit(run)
        if self.plots_ready and self.build is not None:
            self.backtest.set_inputs(run, self.build.history, self._colours)

    def _sync_panels(self) -> None:
        if self.run is None:
            return
        for p in self.panels:
            clear_unset(p)
            p.set_from_run(self.run)
        self.holdings_dock.panel.set_from_run(self.run)

    def _set_universe(self, universe) -> None:
        self._theme_keys = universe.theme_keys
        self._theme_names = {t.key: t.display_name(i18n.current()) for t in universe.themes}
        self.wording.set_themes(self._theme_names)
        self._colours = style.theme_colours(self._theme_keys)
        self.themes.set_themes(universe.themes, self._colours)
        self.undo_keys.watch(self.themes)
        self.views_panel.set_themes(universe.themes, self._colours)
        if self.build is not None:  # a model that arrived first (preloaded) gets its colours now
            self._show_model_themes()
            if self.plots_ready:
                self._show_model(self.build)
        QTimer.singleShot(0, self._fit_controls)

    def _fit_controls(self) -> None:
        """The settings panel: at least its content's width, else a share of the window.

        It grows with the window (the splitter's stretch factors), so wider
        windows give the theme sliders more pixels per percent.
        """
        self.controls.layout().activate()
        margins = self.controls.layout().contentsMargins()
        # the Views rows on one line where the window can spare it; on two lines below that
        natural = max(self.controls.minimumSizeHint().width(),
                      self.views_panel.one_line_width() + margins.left() + margins.right())
        content = natural + self.scroll.verticalScrollBar().sizeHint().width() + 6
        total = max(self.split.width(), self.width())
        # Content wider than the window can spare (the Views panel's rows at
        # 1024 px) scrolls sideways instead of pushing the window past the
        # screen; where the plots keep 700 px it is shown whole.
        least = min(content, max(LEFT_MIN_CAP, total - 700))
        self.scroll.setMinimumWidth(min(content, LEFT_MIN_CAP))
        width = max(least, min(int(total * LEFT_SHARE), LEFT_MAX))
        self.split.setSizes([width, max(total - width, 400)])
        if self.plots_ready:
            QTimer.singleShot(0, self._fit_plots)

    def set_data_source(self, spec: str | None) -> None:
        if self.run is None:
            return
        from dataclasses import replace

        if spec is None:
            text = i18n.fmt(self.tr("Prices from cached prices"))
        elif spec == "sample":
            text = i18n.fmt(self.tr("Prices from the simulated sample"))
        else:
            text = i18n.fmt(self.tr("Prices from {0}"), spec)
        self.edit(text, lambda run: replace(run, data=spec))
        self._sync_source_actions()

    def _sync_source_actions(self) -> None:
        if self.run is None:
            return
        d = self.run.data
        self.act_src_csv.setText(
            i18n.fmt(self.tr("CSV: {0}"), Path(d[4:]).name) if d and d.startswith("csv:") else self.tr("CSV file (import one first)")
        )
        {None: self.act_src_auto, "sample": self.act_src_sample}.get(d, self.act_src_csv).setChecked(True)

    def adopt_frontier_point(self, name: str, point) -> None:
        """Clicking a frontier point: target its return under that frontier's hedge."""
        from allocator.gui.engine import frontier_label, frontier_specs
        from allocator.optimize.settings import Objective

        if self.build is None or self.run is None:
            return
        spec = next((s for s in frontier_specs(self.build.model, self.run.optimization.constraints.hedge) if s.name == name), None)
        if spec is None:
            return
        target = round(point.expected_return, 6)

        def fn(run):
            run = with_constraints(run, hedge=spec.hedge)
            return with_optimization(run, objective=Objective.TARGET_RETURN, target=target)

        self.edit(i18n.fmt(self.tr("Adopt frontier point ({0}, {1})"), lambda: frontier_label(spec), i18n.percent(target)), fn)

    # ------------------------------------------------------------------ results
    def _on_model_ready(self, build) -> None:
        self.build = build
        h = build.history
        if h.simulated:
            text = self.tr("Prices: simulated sample ({0} – {1}), not real prices").format(
                i18n.date_text(h.prices.index.min().date()), i18n.date_text(h.as_of)
            )
        elif h.source in ("yahoo", "cache"):
            text = self.tr("Prices: Yahoo Finance, as of {0}").format(i18n.date_text(h.as_of))
        else:
            text = self.tr("Prices: {0}, as of {1}").format(h.label, i18n.date_text(h.as_of))
        self.data_label.setText(text)
        tip = self.tr("Where the numbers come from.")
        m = build.model
        if m.start or m.end:
            tip += "\n" + self.tr("Estimation window {0} – {1} ({2} periods).").format(
                i18n.date_text(m.start), i18n.date_text(m.end), i18n.number(m.periods)
            )
        notes = [self.wording.render(n) for n in (getattr(build, "notes", ()) or ())]
        warnings = [self.wording.render(w) for w in h.warnings]
        if notes:
            tip += "\n" + "\n".join(notes)
        if warnings:
            tip += "\n" + "\n".join(warnings)
        from allocator.pipeline import estimate_notes

        facts = [i18n.render(n) for n in estimate_notes(build)] if getattr(build, "returns", None) is not None else []
        if facts:
            tip += "\n" + "\n".join(facts)
        self.data_label.setToolTip(tip)
        self.notice.show_notes(notes, warnings)
        if notes:
            self.statusBar().showMessage(notes[0], 15000)
        self._show_model_themes()
        try:
            self.estimation.set_data_range(h.prices.index.min().date(), h.prices.index.max().date())
        except Exception:  # noqa: BLE001 - a cosmetic hint only
            pass
        if self.plots_ready:
            self._show_model(build)
            if self.run is not None:
                self.backtest.set_inputs(self.run, build.history, self._colours)

    def run_backtest(self) -> bool:
        """Show the Backtest tab and run it on the current settings."""
        if not self.plots_ready:
            return False
        self.tabs.setCurrentWidget(self.backtest)
        return self.backtest.start()

    def _show_model_themes(self) -> None:
        """Mark the themes the model has no asset of (a CSV with part of the universe)."""
        if self.build is None:
            return
        held = {a.theme for a in self.build.model.assets}
        self._model_themes = [k for k in self._theme_keys if k in held]
        self.themes.set_available(self._model_themes)
        self.views_panel.set_available(self._model_themes)

    def _show_model(self, build) -> None:
        self.frontier.set_assets(build.model, self._theme_names, self._colours)
        self._dots_mu = tuple(build.model.mu)
        self.bars.fit_labels(build.model.assets)
        self._tabs_dirty.add(2)
        self._draw_tab(self.tabs.currentIndex())

    def _on_model_failed(self, exc) -> None:
        text, _ = messages.describe(exc)
        keep = i18n.fmt(self.tr("The last result stays on screen.")) if self.allocation is not None else ""
        self._show_banner(
            i18n.fmt("{0} {1}", i18n.fmt(self.tr("Cannot estimate the model: {0}"), lambda exc=exc: messages.describe(exc)[0]), keep)
        )
        # Bad settings (an empty window, too little data) are said once, in the banner,
        # not in a modal box per edit; only internal errors also open the error box.
        from allocator.errors import AllocatorError

        if not isinstance(exc, AllocatorError):
            messages.report_exception(exc, self.tr("Cannot estimate the model"))
        self._set_busy("")

    def _show_banner(self, text=_SAME) -> None:
        """The banner: ``text`` (None: nothing to say; left out: what it said last), after the
        note that an opened file's stored result was recomputed, while that note holds (until
        the file is saved)."""
        if text is _SAME:
            text = self._banner_text
        self._banner_text = text
        if self._recomputed is not None and text:
            self.banner.show_message(i18n.fmt("{0}<br>{1}", self._recomputed, text))
        elif self._recomputed is not None or text:
            self.banner.show_message(self._recomputed if self._recomputed is not None else text)
        else:
            self.banner.clear_message()

    def _on_allocation(self, outcome) -> None:
        self.allocation = outcome.allocation
        self.allocation_run = outcome.run
        self._infeasible = None
        from allocator.optimize.targets import target_note

        missed = target_note(outcome.run.optimization, outcome.allocation)
        self._show_banner(i18n.render(missed) if missed is not None else None)
        self._frontier_pending = True
        # The frontier plot (and its marker) is drawn once, when the frontier
        # arrives a few ms later: painting it twice per move costs more than that.
        self.views_panel.set_result(outcome.prior)
        self._returns_outcome, self._returns_dirty = outcome, True
        mu = tuple(outcome.model.mu) if outcome.model is not None else None
        if self.plots_ready and mu is not None and mu != getattr(self, "_dots_mu", None):
            # the assets' dots at the expected returns in use (the prior/posterior, or history)
            self.frontier.set_assets(outcome.model, self._theme_names, self._colours)
            self._dots_mu = mu
        self._draw_allocation(marker=False)
        self._solve_times = (outcome.seconds, 0, 0.0)
        self._show_solve_times()
        self.holdings_dock.panel.set_result(outcome.allocation, outcome.run, self.build, self._theme_names)
        if not self._first_allocation_drawn:
            self._first_allocation_drawn = True
            self.first_allocation_drawn.emit()

    def _draw_allocation(self, marker: bool = True) -> None:
        a, run = self.allocation, self.allocation_run
        unc = self.uncertainty.for_allocation(a, run)
        self.metrics.set_allocation(a, run, unc, self.build.history if self.build is not None else None)
        if self.table_model.set_allocation(a, self._assets(), self._theme_names, self._colours,
                                           unc.asset_return_se if unc is not None else None):
            self.table.fit_columns()
        self.table.settle()
        self.themes.set_achieved(a.theme_weights)
        self.currency.set_achieved(a)
        if self.plots_ready:
            if marker:
                self.frontier.set_current(a)
            self._tabs_dirty |= {0, 1}
            self._draw_tab(self.tabs.currentIndex())

    def _assets(self):
        """The assets the model holds (a CSV may cover only part of the universe)."""
        if self.build is not None:
            return self.build.model.assets
        return self.allocation_run.universe.assets if self.allocation_run is not None else ()

    def _draw_returns(self) -> None:
        o = getattr(self, "_returns_outcome", None)
        if o is None or o.build is None:
            return
        b = o.build
        ppy = getattr(b.returns, "periods_per_year", 52) or 52
        years = (b.model.periods or len(b.returns.local)) / ppy
        mean = getattr(o.run.estimation.mean, "value", str(o.run.estimation.mean))
        self.returns_plot.set_inputs(o.model, b.mu_hist, o.prior, years, self._theme_keys, self._theme_names,
                                     o.run.prior.views, mean)
        self._returns_dirty = False

    def _draw_tab(self, index: int) -> None:
        """Draw a chart tab only when it is visible (hidden ones are drawn when shown)."""
        if self.plots_ready and getattr(self, "_returns_dirty", False) and self.tabs.widget(index) is self.returns_plot:
            self._draw_returns()
            return
        if not self.plots_ready or index not in self._tabs_dirty:
            return
        a = self.allocation
        if index == 0 and a is not None:
            self.bars.set_allocation(a, self._assets(), self._colours, self._theme_keys)
        elif index == 1 and a is not None:
            self.breakdown.set_allocation(a, self._theme_names, self._colours, self._model_themes or self._theme_keys)
        elif index == 2 and self.build is not None:
            self.correlation.set_model(self.build.model, self._theme_keys, self._theme_names)
        else:
            return
        self._tabs_dirty.discard(index)

    def _on_allocation_failed(self, outcome) -> None:
        err = outcome.error
        self._infeasible = str(err) if _is_infeasible(err) else None
        kept = (
            i18n.fmt(self.tr("Showing the last feasible allocation; its frontier is dimmed. "
                             "File ▸ Save keeps these settings, marked as infeasible."))
            if self.allocation is not None else ""
        )
        if _is_infeasible(err):
            text = i18n.fmt(self.tr("<b>Infeasible:</b> {0}."), lambda: messages.describe(err)[0])
        else:
            text = i18n.fmt("{0}", lambda: messages.describe(err)[0])
        self._show_banner(i18n.fmt("{0} {1}", text, kept))
        self._solve_times = (None, 0, 0.0)
        self.solve_label.setText("")

    def _on_frontier(self, spec, front) -> None:
        """One frontier computed: draw it now, the others follow (progressive drawing)."""
        if self.plots_ready:
            self.frontier.set_current(self.allocation)
            self.frontier.show_frontier(spec, front)

    def _on_frontiers(self, fs) -> None:
        if self.plots_ready:
            rf = self.allocation.rf if self.allocation is not None else None
            self.frontier.set_current(self.allocation)
            if not fs.curves and self.allocation is not None and self.allocation_run != fs.run:
                self.frontier.set_dimmed(True)  # infeasible: the last feasible frontier stays, dimmed
            else:
                self.frontier.set_dimmed(False)
                self.frontier.set_frontiers(fs.curves, rf)
        if fs.seconds:
            self._solve_times = (self._solve_times[0], len(fs.curves), fs.seconds)
            self._show_solve_times()
        self.results_drawn.emit()
        if not self._first_drawn and self.allocation is not None:
            self._first_drawn = True
            self.first_result_drawn.emit()

    def _show_solve_times(self) -> None:
        """'Solved in 12 ms · 3 frontiers in 80 ms' in the language shown."""
        solve, n, seconds = self._solve_times
        if solve is None:
            self.solve_label.setText("")
            return
        text = self.tr("Solved in {0} ms").format(i18n.number(solve * 1000))
        if n:
            ms = i18n.number(seconds * 1000)
            text += " · " + (self.tr("1 frontier in {0} ms").format(ms) if n == 1 else self.tr("{0} frontiers in {1} ms").format(n, ms))
        self.solve_label.setText(text)

    def _set_busy(self, text: str) -> None:
        if not text and self.engine.busy:
            return
        self.busy_label.setText(text)

    def _on_show_all(self, on: bool) -> None:
        self.prefs.show_all_assets = on
        self.act_show_all.setChecked(on)
        self.table_model.set_show_all(on)
        self.table.fit_columns()

    # ------------------------------------------------------------------ messages
    def _on_message(self, msg: Message) -> None:
        self.statusBar().showMessage(msg.text, 10000)
        if msg.level is Level.ERROR and not self._closing:
            box = QMessageBox(QMessageBox.Icon.Critical if msg.detail else QMessageBox.Icon.Warning, msg.title or APP_NAME, msg.text, parent=self)
            if msg.detail:
                box.setDetailedText(msg.detail)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # window-modal, never blocks the event loop
            self._last_box = box

    # ------------------------------------------------------------------ files
    def _update_title(self) -> None:
        name = Path(self.path).name if self.path else self.tr("Untitled")
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowFilePath(self.path or "")
        self.setWindowModified(not self.undo.isClean())

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True when it is fine to go on."""
        self.notes_dock.commit()
        if self.undo.isClean() or self.run is None:
            return True
        ans = QMessageBox.question(
            self,
            APP_NAME,
            self.tr("Save the changes to {0}?").format(Path(self.path).name) if self.path else self.tr("Save the changes to this allocation?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if ans == QMessageBox.StandardButton.Save:
            return self.save()
        return ans == QMessageBox.StandardButton.Discard

    def new_document(self) -> None:
        if not self.maybe_save():
            return
        from allocator.pipeline import app_default_run
        from allocator.userdata import load_user_universe

        from dataclasses import replace

        self._adopt_loaded(replace(app_default_run(load_user_universe()), base=i18n.default_base()).validate(), "", None)
        self._update_title()

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open allocation"), self.prefs.last_dir, file_filter())
        if path:
            self.open_file(path, ask=False)

    def open_file(self, path: str, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        from allocator.document import open_for_editing
        from allocator.errors import AllocatorError

        try:
            opened = open_for_editing(path)
        except AllocatorError as exc:
            messages.post(Level.ERROR, messages.describe(exc)[0], title=self.tr("Cannot open the file"))
            return False
        self.prefs.last_dir = str(Path(path).parent)
        self._adopt_loaded(opened.run, opened.notes, path, opened)
        if opened.contradictions:
            self.statusBar().showMessage(self.tr("Opened {0}: its stored result was recomputed from its settings").format(path), 8000)
        else:
            self.statusBar().showMessage(self.tr("Opened {0}").format(path), 5000)
        return True

    def _document(self):
        from allocator.document import make_document

        if self.allocation is None or self.run is None:
            from allocator.errors import InputError

            raise InputError(self.tr("there is no allocation yet; wait for the first optimisation to finish"))
        infeasible = self._infeasible if self.allocation_run != self.run else None
        # The settings the result came from (a later edit may still be solving): a file's result
        # never contradicts its settings (issue 16) - except work in progress saved as it is,
        # marked ``infeasible``, beside the last feasible result (issue 15).
        run = self.run if infeasible else (self.allocation_run or self.run)
        e = run.estimation
        from allocator.optimize.targets import target_note
        from allocator.pipeline import estimate_notes

        facts = [*map(str, self.build.model.notes), *map(str, estimate_notes(self.build))] if self.build is not None else []
        missed = target_note(self.allocation_run.optimization, self.allocation) if self.allocation_run else None
        if missed is not None:
            facts.append(str(missed))
        model = self.build.model if self.build is not None else None
        doc = make_document(run, self.allocation, self.build.history if self.build else None, self.notes, e.start, e.end,
                            model=model, uncertainty=self.uncertainty.for_allocation(self.allocation, self.allocation_run),
                            infeasible=infeasible, data_notes=facts)
        return self._keep_stamps(doc)

    def _keep_stamps(self, doc):
        """``created`` stays the file's; ``modified`` changes only when what is saved changes,
        so saving the same state twice writes the same bytes."""
        from dataclasses import replace

        old = self._file_doc
        if old is None:
            # a new document, or a file whose stored result was recomputed: its `created` stays
            return replace(doc, created=self._file_created) if self._file_created else doc

        def content(d):
            j = d.to_json_dict()
            for k in ("created", "modified", "app_version"):
                j.pop(k, None)
            return j

        if content(old) == content(doc):
            return replace(doc, created=old.created, modified=old.modified)
        return replace(doc, created=old.created)

    def save(self) -> bool:
        self.notes_dock.commit()
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        start = self.path or str(Path(self.prefs.last_dir) / "allocation.alloc.json")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save allocation"), start, file_filter())
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".alloc.json"
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        from allocator.document import save_document

        self.notes_dock.commit()
        from allocator.errors import AllocatorError

        try:
            doc = self._document()
            save_document(doc, path)
        except AllocatorError as exc:
            messages.post(Level.ERROR, messages.describe(exc)[0], title=self.tr("Cannot save"))
            return False
        self._file_doc = doc
        self._file_created = doc.created
        if self._recomputed is not None:  # the file now holds the recomputed result
            self._recomputed = None
            self._show_banner()
        self.path = str(path)
        self.prefs.last_dir = str(Path(path).parent)
        self.prefs.add_recent(path)
        self._refresh_recent_menu()
        self.undo.setClean()
        self._update_title()
        if self.allocation_run == self.run:
            note = self.tr("Saved {0}").format(path)
        else:
            note = self.tr("Saved {0} (the settings are infeasible: the result saved is the last feasible one)").format(path)
        self.statusBar().showMessage(note, 8000)
        return True

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.prefs.recent_files()
        for i, f in enumerate(files):
            a = self.recent_menu.addAction(f"&{i + 1} {Path(f).name}")
            a.setToolTip(f)
            a.triggered.connect(lambda checked=False, f=f: self.open_file(f))
        if files:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear list"), self._clear_recent)
        self.recent_menu.setEnabled(bool(files))

    def _clear_recent(self) -> None:
        self.prefs.clear_recent()
        self._refresh_recent_menu()

    def export_csv_dialog(self) -> bool:
        if self.allocation is None:
            return False
        base = self.run.base
        capital, ok = QInputDialog.getDouble(
            self, self.tr("Export CSV"), self.tr("Capital to invest ({0}); 0 for weights only:").format(base), self.prefs.capital(base), 0, 1e12, 0
        )
        if not ok:
            return False
        stem = Path(self.path).name.replace(".alloc.json", "") if self.path else "allocation"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export CSV"), str(Path(self.prefs.last_dir) / f"{stem}.csv"), self.tr("CSV files (*.csv)"))
        if not path:
            return False
        return self.export_csv(path, capital or None)

    def export_csv(self, path: str, capital: float | None = None) -> bool:
        from allocator.errors import AllocatorError
        from allocator.export import export_csv

        if capital and self.run is not None:
            self.prefs.set_capital(self.run.base, capital)  # offered next time for this currency
            self.prefs.last_capital = capital
        try:
            doc = self._document()
            try:
                export_csv(doc, path, capital=capital)
            except TypeError:  # an older export without capital amounts
                export_csv(doc, path)
                self.statusBar().showMessage(self.tr("Exported weights only (this version cannot count shares)"), 8000)
        except AllocatorError as exc:
            messages.post(Level.ERROR, messages.describe(exc)[0], title=self.tr("Cannot export"))
            return False
        self.statusBar().showMessage(self.tr("Exported {0}").format(path), 5000)
        return True

    def _export_frontier(self) -> bool:
        self._plot_to_export = "frontier"
        return self.export_plot_dialog()

    def _export_tab(self) -> bool:
        if self.plots_ready and self.tabs.currentWidget() is self.backtest:
            return self.backtest.export_curves_dialog()
        if self.plots_ready and self.tabs.currentWidget() is self.returns_plot:
            self._plot_to_export = "returns"
            return self.export_plot_dialog()
        self._plot_to_export = ("bars", "breakdown", "correlation")[max(self.tabs.currentIndex(), 0)]
        return self.export_plot_dialog()

    def export_plot_dialog(self) -> bool:
        if not self.plots_ready:
            return False
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export plot"), str(Path(self.prefs.last_dir) / "frontier.png"), self.tr("PNG image (*.png);;SVG image (*.svg)")
        )
        if not path:
            return False
        if not path.lower().endswith((".png", ".svg")):
            path += ".svg" if "svg" in chosen.lower() else ".png"
        return self.export_plot(path, self._plot_to_export)

    def export_plot(self, path: str, which: str = "frontier") -> bool:
        """The chart as on screen, with a title and the data source (allocator.gui.plot_export)."""

        if which == "returns":
            self._draw_returns()
        self._draw_tab({"bars": 0, "breakdown": 1, "correlation": 2}.get(which, -1))  # a hidden tab may be stale
        try:
            export = self._chart_export(which)
            export.save(path)
        except Exception as exc:  # noqa: BLE001 - disk full, permissions ...
            messages.post(Level.ERROR, self.tr("Cannot export the chart to {path}: {reason}").format(path=path, reason=exc),
                          title=self.tr("Cannot export"))
            return False
        self.statusBar().showMessage(self.tr("Exported {path}").format(path=path), 5000)
        return True

    def _chart_export(self, which: str):
        from allocator.gui.plot_export import ChartExport

        view = {"frontier": self.frontier, "bars": self.bars, "breakdown": self.breakdown, "correlation": self.correlation.view,
                "returns": self.returns_plot.plot}[which]
        titles = {
            "returns": self.tr("Expected returns: history, equilibrium prior and posterior"),
            "frontier": self.tr("Efficient frontier"),
            "bars": self.tr("Allocation by asset"),
            "breakdown": self.tr("Allocation by theme, country and currency"),
            "correlation": self.tr("Correlation of returns (grouped by theme)"),
        }
        title = titles[which]
        if self.allocation_run is not None and which != "correlation":
            title += f" · {self.metrics.labels['objective'].text()}"
        bg, fg = style.plot_colours()
        return ChartExport(view, title, self._source_text(), bg, fg)

    def _source_text(self) -> str:
        """The data-source line of exports: says 'simulated sample' when the prices are."""
        h = self.build.history if self.build is not None else None
        if h is None:
            return ""
        first = h.prices.index.min().date()
        if h.simulated:
            return self.tr("Data: simulated sample, not real prices ({first} – {last})").format(first=first, last=h.as_of)
        if h.source in ("yahoo", "cache"):
            return self.tr("Data: Yahoo Finance prices {first} – {last}").format(first=first, last=h.as_of)
        return self.tr("Data: {label}, {first} – {last}").format(label=h.label, first=first, last=h.as_of)

    # drag and drop -----------------------------------------------------------
    @staticmethod
    def _dropped(event) -> tuple[list[str], list[str]]:
        """(allocation files, price CSVs or folders) among the dropped local paths."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [u.toLocalFile() for u in urls if u.isLocalFile()]
        docs = [f for f in files if f.lower().endswith(".json")]
        prices = [f for f in files if f.lower().endswith((".csv", ".csv.gz")) or Path(f).is_dir()]
        return docs, prices

    def dragEnterEvent(self, event):  # noqa: N802
        docs, prices = self._dropped(event)
        if docs or (prices and self.run is not None):
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802
        docs, prices = self._dropped(event)
        if docs:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda f=docs[0]: self.open_file(f))
        elif prices and self.run is not None:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda p=prices: self.import_dropped(p))

    def import_dropped(self, paths: list[str]) -> bool:
        """Prices dropped on the window: one CSV or folder as it is; several CSVs of one folder
        (the one-file-per-ticker layout) as that folder."""
        if len(paths) == 1:
            return self.import_csv(paths[0])
        folders = {str(Path(p).parent) for p in paths if not Path(p).is_dir()}
        if len(folders) == 1 and not any(Path(p).is_dir() for p in paths):
            folder = folders.pop()
            self.statusBar().showMessage(self.tr("Importing the CSV files of {folder}").format(folder=folder), 8000)
            return self.import_csv(folder)
        messages.post(Level.ERROR, self.tr("Drop one CSV file, one folder, or CSV files from one folder"),
                      title=self.tr("Cannot import prices"))
        return False

    # ------------------------------------------------------------------ data
    def refresh_prices(self, tickers: list[str] | None = None):
        from allocator.gui.dialogs import RefreshDialog

        if self.refresh_dialog is not None and self.refresh_dialog.isVisible():
            self.refresh_dialog.raise_()
            return self.refresh_dialog
        wanted = tickers if tickers is not None else (self.run.universe.tickers if self.run else None)
        dlg = RefreshDialog(self.io_runner, wanted, self.fetch_options, self)
        dlg.finished_report.connect(self._on_refreshed)
        self.refresh_dialog = dlg
        dlg.open()
        dlg.start()
        return dlg

    def _on_refreshed(self, report) -> None:
        from allocator.gui.dialogs import summary_text

        if report is None:
            return
        fresh = [r for r in report.results if r.status.value in ("updated", "up to date")]
        self.statusBar().showMessage(self.tr("Refresh: {0}").format(summary_text(report)), 10000)
        if not fresh or self.run is None:
            return
        if self.run.data == "sample" and not report.failed:
            self.set_data_source(None)
        elif self.run.data in (None, "cache"):
            self.engine.reload()

    def import_csv_dialog(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import prices"), self.prefs.last_dir, self.tr("CSV files (*.csv *.csv.gz);;All files (*)"))
        if not path:
            return False
        return self.import_csv(path)

    def import_folder_dialog(self) -> bool:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import prices from a folder"), self.prefs.last_dir)
        if not path:
            return False
        return self.import_csv(path)

    def import_csv(self, path: str) -> bool:
        from allocator.data.csv_import import import_prices
        from allocator.errors import AllocatorError

        try:
            imported = import_prices(path, known=self.run.universe.tickers)
        except AllocatorError as exc:
            messages.post(Level.ERROR, messages.describe(exc)[0], title=self.tr("Cannot import prices"))
            return False
        have = [t for t in self.run.universe.tickers if t in imported.frame.columns]
        if not have:
            messages.post(
                Level.ERROR,
                self.tr("{0} has no prices for any asset of the universe; add its tickers as custom tickers first (Data ▸ Add ticker)").format(Path(path).name),
                title=self.tr("Cannot import prices"),
            )
            return False
        from allocator.gui.outliers import confirm_extreme_moves

        if not confirm_extreme_moves(self, imported):  # one-day moves of 10x or more: a typo?
            return False
        # A file with only some of the assets narrows the universe to them (the model says which).
        for w in imported.warnings:
            messages.post(Level.WARNING, self.wording.render(w))
        self.prefs.last_dir = str(Path(path) if Path(path).is_dir() else Path(path).parent)
        self.set_data_source(f"csv:{path}")
        return True

    def add_ticker_dialog(self) -> bool:
        from allocator.gui.dialogs import AddTickerDialog

        dlg = AddTickerDialog(self.run.universe.themes, self)
        if dlg.exec() != AddTickerDialog.DialogCode.Accepted:
            return False
        ticker, theme, name = dlg.values()
        return self.add_ticker(ticker, theme, name or None)

    def add_ticker(self, ticker: str, theme: str, name: str | None = None) -> bool:
        """Add a Yahoo ticker to the user's universe and to these settings (undoable).

        Prices are looked up in the current price source first; when it has
        none the ticker is fetched from Yahoo Finance before it is used.
        """
        from dataclasses import replace

        from allocator.data.sources import open_source
        from allocator.errors import AllocatorError
        from allocator.userdata import add_custom_ticker, normalize_ticker

        try:
            t = normalize_ticker(ticker)
        except AllocatorError as exc:
            messages.post(Level.ERROR, messages.describe(exc)[0], title=self.tr("Cannot add the ticker"))
            return False
        if t in self.run.universe:
            messages.post(Level.ERROR, self.tr("{0} is already in the universe").format(t), title=self.tr("Cannot add the ticker"))
            return False
        try:
            prices = open_source(self.run.data, [t])
        except AllocatorError:
            prices = None
        try:
            universe = add_custom_ticker(t, theme, name=name, prices=prices)
        except AllocatorError as exc:
            messages.post(Level.ERROR, messages.describe(exc)[0], title=self.tr("Cannot add the ticker"))
            return False
        kept = [a for a in universe.assets if a.ticker in self.run.universe or a.ticker == t]
        new_universe = replace(universe, assets=tuple(kept))
        if prices is None:
            messages.post(Level.INFO, self.tr("{0} was added to your universe; downloading its prices…").format(t))
            dlg = self.refresh_prices([t])
            dlg.finished_report.connect(lambda report: self._after_ticker_fetch(report, t, new_universe))
            return True
        self.edit(i18n.fmt(self.tr("Add {0}"), t), lambda run: replace(run, universe=new_universe))
        return True

    def remove_ticker_dialog(self) -> bool:
        """Data ▸ Remove ticker: pick one of the tickers you added (default assets stay)."""
        if self.run is None:
            return False
        added = [a for a in self.run.universe.assets if a.user_added]
        if not added:
            messages.post(Level.INFO, self.tr("You have not added any ticker (Data ▸ Add ticker adds one)."))
            return False
        items = [f"{a.ticker} — {a.name}" for a in added]
        choice, ok = QInputDialog.getItem(self, self.tr("Remove a ticker"), self.tr("Ticker you added:"), items, 0, False)
        if not ok or not choice:
            return False
        return self.remove_ticker(added[items.index(choice)].ticker)

    def remove_ticker(self, ticker: str) -> bool:
        """Remove a user-added ticker from your universe and from these settings (the setting is undoable)."""
        from dataclasses import replace

        from allocator.errors import AllocatorError
        from allocator.userdata import remove_custom_ticker

        try:
            remove_custom_ticker(ticker)
        except AllocatorError as exc:
            messages.post(Level.ERROR, messages.describe(exc)[0], title=self.tr("Cannot remove the ticker"))
            return False
        u = self.run.universe
        universe = replace(u, assets=tuple(a for a in u.assets if a.ticker != ticker))
        # holdings of it stay, reported as "other" (DESIGN §12)
        return self.edit(self.tr("Remove {ticker}").format(ticker=ticker), lambda run: replace(run, universe=universe))

    def _after_ticker_fetch(self, report, ticker: str, universe) -> None:
        from dataclasses import replace

        ok = report is not None and any(r.ticker == ticker and r.status.has_fresh_data for r in report.results)
        if not ok:
            messages.post(
                Level.ERROR,
                self.tr("no prices for {0}; it stays in your universe but is not used until prices are available").format(ticker),
                title=self.tr("Cannot add the ticker"),
            )
            return
        self.edit(i18n.fmt(self.tr("Add {0}"), ticker), lambda run: replace(run, universe=universe, data=None if run.data == "sample" else run.data))

    def quality_report(self):
        """Data ▸ Data quality report: a dialog with a sortable table, computed in a worker."""
        if self.build is None or self.run is None:
            return None
        from allocator.gui.quality_dialog import QualityDialog
        from allocator.universe import FX_TICKER

        e = self.run.estimation
        names = {a.ticker: a.name for a in self.run.universe.assets}
        names[FX_TICKER] = self.tr("US dollar in yen (USD/JPY)")
        if self.quality_dialog is not None:
            self.quality_dialog.close()
        from allocator.data.returns import dropped_note

        note = dropped_note(self.build.returns, limit=len(self.build.returns.dropped)) if self.build.returns is not None else None
        dlg = QualityDialog(self.build.history, list(self.run.universe.tickers), names, e.start, e.end, self,
                            dropped=i18n.render(note) if note is not None else "")
        self.quality_dialog = dlg
        dlg.open()
        dlg.start(self.io_runner)
        return dlg

    def about(self) -> None:
        from allocator.gui.dialogs import about_text

        QMessageBox.about(self, self.tr("About {0}").format(APP_NAME), about_text())

    # ------------------------------------------------------------------ shutdown
    def closeEvent(self, event):  # noqa: N802
        if not self.maybe_save():
            event.ignore()
            return
        self._closing = True
        if not getattr(self, "_screenshot_mode", False):  # --screenshot resizes: not the user's layout
            self.prefs.save_geometry(self.saveGeometry(), self.saveState())
        self.prefs.sync()
        self.shutdown()
        event.accept()

    def shutdown(self, msecs: int = 10000) -> None:
        """Cancel work and wait for the worker threads (closing, tests)."""
        self._closing = True
        messages.bus.listen(None)
        self.io_runner.shutdown(msecs)
        self.band.shutdown(msecs)
        self.engine.shutdown(msecs)
        self.holdings_dock.panel.shutdown(msecs)
        if self.plots_ready:
            self.backtest.shutdown(msecs)


def _is_infeasible(exc) -> bool:
    from allocator.errors import OptimizationError

    return isinstance(exc, OptimizationError)


__all__ = ["MainWindow", "SettingsCommand", "QApplication"]
