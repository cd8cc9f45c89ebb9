"""Holdings and trades: what you own, what it costs to move, and the trade list (DESIGN §12).

``HoldingsDock`` holds one ``HoldingsWidget``:

* the holdings (imported from a CSV ``ticker,shares`` or typed in the table;
  a blank last row adds one), cash per currency, the trading costs per
  market and an optional turnover cap.  Every edit is one undoable settings
  step (``edited`` like the left-hand panels); with holdings the optimiser
  and the frontier pay the cost of getting there (``gui/engine.py``);
* current vs target vs after-trades weights per theme and asset;
* the trade list (sortable, Ctrl+C copies it as tab-separated text, and it
  exports as TRADES.csv), computed off the GUI thread by
  ``rebalance.plan_rebalance`` whenever the allocation or the holdings change.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from allocator.gui import i18n
from allocator.gui.workers import TaskRunner

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class TradeTableView(QTableView):
    """The trade list: sortable by any column, Ctrl+C copies the rows shown (or selected)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.source = QStandardItemModel(0, 0, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def as_tsv(self) -> str:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()}) or range(self.proxy.rowCount())
        cols = range(self.proxy.columnCount())
        head = [self.proxy.headerData(c, Qt.Orientation.Horizontal) for c in cols]
        lines = ["\t".join(head)]
        for r in rows:
            lines.append("\t".join(str(self.proxy.index(r, c).data() or "") for c in cols))
        return "\n".join(lines) + "\n"

    def copy(self) -> str:
        text = self.as_tsv()
        QApplication.clipboard().setText(text)
        return text

    def keyPressEvent(self, event):  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        super().keyPressEvent(event)


def _item(text: str, sort=None, align_right: bool = False) -> QStandardItem:
    it = QStandardItem(text)
    it.setData(sort if sort is not None else text, SORT_ROLE)
    if align_right:
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return it


def _pct(x) -> str:
    return "" if x is None else f"{100 * x:.2f}%"


def _money(x, ccy: str) -> str:
    if x is None:
        return ""
    return f"¥{x:,.0f}" if ccy == "JPY" else f"${x:,.2f}" if ccy == "USD" else f"{x:,.2f}"


class HoldingsWidget(QWidget):
    edited = Signal(str, object, object)  # text, transform of RunSettings, merge key (as the panels)
    trades_ready = Signal(object)  # TradeList
    trades_failed = Signal(str)

    def __init__(self, synchronous: bool = False, parent=None):
        super().__init__(parent)
        self.runner = TaskRunner(1, synchronous, self)
        self.run = None
        self.allocation = None
        self.build = None
        self.trade_list = None
        self._gen = 0
        self._syncing = False
        self._theme_names: dict[str, str] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)

        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import holdings CSV…"))
        self.import_button.setToolTip(self.tr("A CSV with a header row naming ticker and shares (other columns are ignored)"))
        self.import_button.clicked.connect(self.import_dialog)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Forget the holdings: optimise from cash, with no trading costs"))
        self.clear_button.clicked.connect(self.clear)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)

        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Ticker"), self.tr("Shares")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setToolTip(self.tr("What you hold; type a ticker and a share count in the last row to add one"))
        self.table.itemChanged.connect(self._on_table_edited)
        self.table.setMaximumHeight(180)
        lay.addWidget(self.table)

        form = QFormLayout()
        self.cash = {}
        for ccy, step in (("USD", 1000.0), ("JPY", 100000.0)):
            box = QDoubleSpinBox()
            box.setRange(0.0, 1e13)
            box.setDecimals(0 if ccy == "JPY" else 2)
            box.setSingleStep(step)
            box.setGroupSeparatorShown(True)
            box.setKeyboardTracking(False)
            box.valueChanged.connect(lambda _v, c=ccy: self._on_cash())
            self.cash[ccy] = box
            form.addRow(i18n.fmt(self.tr("Cash {currency}"), currency=ccy), box)
        self.costs = {}
        for country, tip in (("US", self.tr("One-way cost of trading US stocks, basis points")),
                             ("JP", self.tr("One-way cost of trading Tokyo stocks, basis points"))):
            box = QDoubleSpinBox()
            box.setRange(0.0, 10000.0)
            box.setDecimals(1)
            box.setSuffix(self.tr(" bps"))
            box.setToolTip(tip)
            box.setKeyboardTracking(False)
            box.valueChanged.connect(lambda _v: self._on_costs())
            self.costs[country] = box
            form.addRow(i18n.fmt(self.tr("Costs {market}"), market=country), box)
        self.turnover = QDoubleSpinBox()
        self.turnover.setRange(0.0, 200.0)
        self.turnover.setSuffix(" %")
        self.turnover.setSpecialValueText(self.tr("no limit"))
        self.turnover.setToolTip(self.tr("Cap on the total traded, sum of |new - current weight|; 0 = no limit"))
        self.turnover.setKeyboardTracking(False)
        self.turnover.valueChanged.connect(lambda _v: self._on_turnover())
        form.addRow(self.tr("Max turnover"), self.turnover)
        lay.addLayout(form)

        self.summary = QLabel(self.tr("No holdings: the allocation is built from cash."))
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)

        self.tabs = QTabWidget()
        self.compare = QTreeWidget()
        self.compare.setHeaderLabels([self.tr("Theme / asset"), self.tr("Current"), self.tr("Target"), self.tr("After trades")])
        self.compare.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.trades = TradeTableView()
        trade_box = QWidget()
        tl = QVBoxLayout(trade_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.trades, 1)
        row = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the trade list as tab-separated text (Ctrl+C)"))
        self.copy_button.clicked.connect(self.trades.copy)
        self.export_button = QPushButton(self.tr("Export trades CSV…"))
        self.export_button.clicked.connect(self.export_dialog)
        row.addWidget(self.copy_button)
        row.addWidget(self.export_button)
        row.addStretch(1)
        tl.addLayout(row)
        self.tabs.addTab(self.compare, self.tr("Current vs target"))
        self.tabs.addTab(trade_box, self.tr("Trades"))
        lay.addWidget(self.tabs, 1)
        self._set_trade_buttons(False)

    # -- settings -----------------------------------------------------------------
    def set_from_run(self, run) -> None:
        """Show ``run``'s holdings, cash, costs and turnover cap (undo/redo land here too)."""
        self.run = run
        self._syncing = True
        try:
            h = run.holdings
            positions = list(h.positions.items()) if h is not None else []
            self.table.setRowCount(len(positions) + 1)
            for i, (t, s) in enumerate(positions):
                self.table.setItem(i, 0, QTableWidgetItem(t))
                it = QTableWidgetItem(f"{s:g}")
                it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, 1, it)
            self.table.setItem(len(positions), 0, QTableWidgetItem(""))
            self.table.setItem(len(positions), 1, QTableWidgetItem(""))
            for ccy, box in self.cash.items():
                box.setValue(float(h.cash.get(ccy, 0.0)) if h is not None else 0.0)
            for c, box in self.costs.items():
                box.setValue(run.costs.bps(c) if run.costs is not None else 0.0)
            self.turnover.setValue(100 * run.max_turnover if run.max_turnover is not None else 0.0)
        finally:
            self._syncing = False

    def _emit(self, text: str, fn, merge=None) -> None:
        if not self._syncing and self.run is not None:
            self.edited.emit(text, fn, merge)

    def _table_holdings(self):
        from allocator.holdings import Holdings, check_shares

        positions = {}
        for r in range(self.table.rowCount()):
            t_item, s_item = self.table.item(r, 0), self.table.item(r, 1)
            t = (t_item.text() if t_item else "").strip()
            s = (s_item.text() if s_item else "").strip()
            if not t and not s:
                continue
            where = self.tr("holdings row {row}").format(row=r + 1)
            universe = self.run.universe
            match = next((u for u in universe.tickers if u.upper() == t.upper()), t.upper())
            asset = universe.asset(match) if match in universe else None
            from allocator.errors import InputError

            if not t:
                raise InputError(f"{where}: the ticker is empty")
            if match in positions:
                raise InputError(f"{where}: {match} is listed twice")
            positions[match] = check_shares(s or "0", asset, f"{where}: {match}", match)
        cash = self.run.holdings.cash if self.run.holdings is not None else {}
        return Holdings(positions, dict(cash))

    def _on_table_edited(self, _item) -> None:
        if self._syncing or self.run is None:
            return
        try:
            h = self._table_holdings()
        except Exception as exc:  # noqa: BLE001 - shown, then the table is reset to the settings
            self.summary.setText(self.tr("Not applied: {error}").format(error=_describe(exc)))
            self.set_from_run(self.run)
            return
        self._emit(self.tr("Edit holdings"), lambda run: replace(run, holdings=_or_none(h)))

    def _on_cash(self) -> None:
        if self._syncing or self.run is None:
            return
        from allocator.holdings import Holdings

        cash = {c: float(b.value()) for c, b in self.cash.items() if b.value() > 0}

        def fn(run):
            h = run.holdings or Holdings()
            return replace(run, holdings=_or_none(h.with_cash(cash)))

        self._emit(self.tr("Cash"), fn, "cash")

    def _on_costs(self) -> None:
        from allocator.costs import Costs

        costs = Costs(**{c: float(b.value()) for c, b in self.costs.items()})
        self._emit(self.tr("Trading costs"), lambda run: replace(run, costs=costs), "costs")

    def _on_turnover(self) -> None:
        v = self.turnover.value()
        cap = None if v <= 0 else v / 100.0
        self._emit(self.tr("Max turnover"), lambda run: replace(run, max_turnover=cap if run.holdings else None), "turnover")

    def import_dialog(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import holdings"), "", self.tr("CSV files (*.csv);;All files (*)"))
        return self.import_file(path) if path else False

    def import_file(self, path: str) -> bool:
        from allocator.errors import AllocatorError
        from allocator.holdings import load_holdings

        if self.run is None:
            return False
        try:
            h = load_holdings(path, self.run.universe)
        except AllocatorError as exc:
            self.summary.setText(self.tr("Cannot import: {error}").format(error=_describe(exc)))
            return False
        cash = self.run.holdings.cash if self.run.holdings is not None else {}
        self.edited.emit(self.tr("Import holdings"), lambda run: replace(run, holdings=h.with_cash(dict(cash))), None)
        return True

    def clear(self) -> None:
        self._emit(self.tr("Clear holdings"), lambda run: replace(run, holdings=None, max_turnover=None))

    # -- results ------------------------------------------------------------------
    def set_result(self, allocation, run, build, theme_names: dict[str, str] | None = None) -> None:
        """A new allocation (or holdings): recompute the comparison and the trade list off the GUI thread."""
        self.allocation, self.build = allocation, build
        if theme_names is not None:
            self._theme_names = theme_names
        if run is not None:
            self.run = run
        run = self.run
        self._gen += 1
        gen = self._gen
        if allocation is None or build is None or run is None or run.holdings is None or run.holdings.is_empty:
            if self.trade_list is None and getattr(self, "_empty_in", None) == i18n.current():
                return  # already showing "no holdings" in this language (every slider move lands here)
            self._empty_in = i18n.current()
            self.trade_list = None
            self._fill_compare(None)
            self._fill_trades(None)
            self.summary.setText(self.tr("No holdings: the allocation is built from cash. "
                                         "Import a CSV (ticker,shares) or type them above."))
            return
        self._empty_in = None  # the panel will show a trade list (or its failure), not "no holdings"
        weights = dict(allocation.weights)
        ratios = dict(allocation.hedge_ratios)
        history = build.history
        universe = run.universe.subset([a.ticker for a in build.model.assets])

        def job(ctx):
            from allocator.costs import Costs
            from allocator.holdings import latest_prices
            from allocator.rebalance import plan_rebalance

            prices, usdjpy = latest_prices(history, list(run.holdings.positions) + list(weights))
            return plan_rebalance(universe, weights, ratios, run.holdings, prices, run.base, usdjpy,
                                  run.costs or Costs())

        def done(tl) -> None:
            if gen != self._gen:
                return  # stale: the allocation moved on
            self.trade_list = tl
            self._fill_compare(tl)
            self._fill_trades(tl)
            b = tl.base
            text = self.tr("Holdings and cash worth {value}; the trades cost {cost} ({costs}), turnover {turnover}.").format(
                value=_money(tl.value_before, b), cost=_money(tl.total_cost, b), costs=tl.costs.label(),
                turnover=_pct(tl.turnover))
            if tl.conversion:
                src, dst, sold, bought = tl.conversion
                text += " " + self.tr("Convert {sold} to {bought}.").format(sold=_money(sold, src), bought=_money(bought, dst))
            for ccy, (before, after) in tl.hedge.items():
                text += " " + self.tr("Hedge {ccy} notional {before} → {after}.").format(
                    ccy=ccy, before=_money(before, ccy), after=_money(after, ccy))
            if tl.notes:
                text += " " + " ".join(tl.notes)
            self.summary.setText(text)
            self.trades_ready.emit(tl)

        def failed(exc) -> None:
            if gen != self._gen:
                return
            self.trade_list = None
            self._fill_trades(None)
            self.summary.setText(self.tr("No trade list: {error}").format(error=_describe(exc)))
            self.trades_failed.emit(str(exc))

        self.runner.submit(job, done, failed)

    def _fill_compare(self, tl) -> None:
        self.compare.clear()
        if tl is None:
            return
        by_theme: dict[str, list] = {}
        for t in tl.trades:
            if t.side == "other":
                continue
            theme = self.run.universe.asset(t.ticker).theme
            by_theme.setdefault(theme, []).append(t)
        for theme, rows in by_theme.items():
            s = [sum((getattr(r, k) or 0.0) for r in rows) for k in ("weight_before", "weight_target", "weight_after")]
            top = QTreeWidgetItem([self._theme_names.get(theme, theme), _pct(s[0]), _pct(s[1]), _pct(s[2])])
            f = top.font(0)
            f.setBold(True)
            for c in range(4):
                top.setFont(c, f)
            for r in sorted(rows, key=lambda r: -(r.weight_target or 0.0)):
                top.addChild(QTreeWidgetItem([r.ticker, _pct(r.weight_before), _pct(r.weight_target), _pct(r.weight_after)]))
            self.compare.addTopLevelItem(top)
            top.setExpanded(True)
        others = [t for t in tl.trades if t.side == "other"]
        if others:
            top = QTreeWidgetItem([self.tr("Other (kept, not traded)"), "", "", ""])
            for r in others:
                top.addChild(QTreeWidgetItem([f"{r.ticker} ({r.shares_before:g})", "", "", ""]))
            self.compare.addTopLevelItem(top)
            top.setExpanded(True)

    def _fill_trades(self, tl) -> None:
        src = self.trades.source
        src.clear()
        heads = [self.tr("Ticker"), self.tr("Name"), self.tr("Side"), self.tr("Shares"), self.tr("Price"),
                 self.tr("Amount"), self.tr("Base amount"), self.tr("Cost"), self.tr("Before"), self.tr("After"),
                 self.tr("Target")]
        src.setHorizontalHeaderLabels(heads)
        side_text = {"buy": self.tr("buy"), "sell": self.tr("sell"), "hold": self.tr("hold"), "other": self.tr("other")}
        if tl is not None:
            for t in tl.trades:
                src.appendRow([
                    _item(t.ticker), _item(t.name), _item(side_text[t.side], t.side),
                    _item(f"{t.shares:,}" if isinstance(t.shares, int) else f"{t.shares:,.4f}", float(t.shares), True),
                    _item(_money(t.price, t.currency), t.price or 0.0, True),
                    _item(_money(t.local_amount, t.currency), t.local_amount or 0.0, True),
                    _item(_money(t.base_amount, tl.base), t.base_amount or 0.0, True),
                    _item(_money(t.cost, tl.base), t.cost, True),
                    _item(_pct(t.weight_before), t.weight_before if t.weight_before is not None else -1.0, True),
                    _item(_pct(t.weight_after), t.weight_after if t.weight_after is not None else -1.0, True),
                    _item(_pct(t.weight_target), t.weight_target if t.weight_target is not None else -1.0, True),
                ])
        self.trades.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the plan's order: sells, buys, holds
        self._set_trade_buttons(tl is not None)

    def _set_trade_buttons(self, on: bool) -> None:
        self.copy_button.setEnabled(on)
        self.export_button.setEnabled(on)

    def export_dialog(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export trades"), "trades.csv", self.tr("CSV files (*.csv)"))
        return self.export_trades(path) if path else False

    def export_trades(self, path: str) -> bool:
        """TRADES.csv as ``allocator rebalance`` writes it (atomic)."""
        from allocator.document import atomic_write_text
        from allocator.errors import AllocatorError
        from allocator.rebalance import trades_csv_text

        if self.trade_list is None:
            return False
        try:
            atomic_write_text(path, trades_csv_text(self.trade_list))
        except AllocatorError as exc:
            self.summary.setText(self.tr("Cannot export: {error}").format(error=_describe(exc)))
            return False
        return True

    def shutdown(self, msecs: int = 10000) -> None:
        self.runner.shutdown(msecs)


def _or_none(h):
    return None if h is None or h.is_empty else h


class HoldingsDock(QDockWidget):
    """The holdings panel as a dock (View ▸ Holdings and trades)."""

    def __init__(self, synchronous: bool = False, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Holdings and trades"))
        self.setObjectName("holdings_dock")
        self.panel = HoldingsWidget(synchronous, self)
        self.setWidget(self.panel)
        self.setMinimumWidth(420)


def _describe(exc: BaseException) -> str:
    """An error as the window words it (display names, menu paths; allocator.gui.wording)."""
    from allocator.gui import messages

    return messages.describe(exc)[0]
