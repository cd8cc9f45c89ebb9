"""Data ▸ Data quality report: a dialog with a sortable table, computed off the GUI thread.

One row per asset of the universe (and the USD/JPY rate the model translates
with): first and last price date, rows and coverage in the estimation window,
gaps, stale runs, outliers, the largest move, and notes.  The report
(``allocator.data.quality.quality_report``) runs in a worker; the dialog opens
at once with "Computing…" and fills in when it arrives.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class QualityTableModel(QAbstractTableModel):
    """The quality report (a DataFrame indexed by ticker) as a table; sorts by the raw values."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, str, dict]] = []  # (ticker, name, report row)
        self.columns = [
            ("ticker", self.tr("Ticker"), self.tr("Yahoo Finance ticker")),
            ("name", self.tr("Name"), self.tr("The asset's name")),
            ("first", self.tr("First"), self.tr("First price date in the window")),
            ("last", self.tr("Last"), self.tr("Last price date in the window")),
            ("rows", self.tr("Prices"), self.tr("Prices in the estimation window")),
            ("coverage", self.tr("Coverage"), self.tr("Share of the window's trading days with a price")),
            ("gaps", self.tr("Gaps"), self.tr("Gaps longer than 10 days")),
            ("longest_gap_days", self.tr("Longest gap"), self.tr("Longest gap between two prices, in days")),
            ("stale_runs", self.tr("Stale runs"), self.tr("Runs of 5 or more unchanged prices")),
            ("outliers", self.tr("Outliers"), self.tr("Daily moves far outside the asset's usual range")),
            ("largest_move", self.tr("Largest move"), self.tr("Largest daily move (log return)")),
            ("largest_move_date", self.tr("On"), self.tr("Date of the largest move")),
            ("short_history", self.tr("Short"), self.tr("The history does not cover the window")),
            ("notes", self.tr("Notes"), self.tr("What to look at")),
        ]

    def set_report(self, report, names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = [(str(t), names.get(str(t), ""), row.to_dict()) for t, row in report.iterrows()]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section][2]
        return None

    def _raw(self, r: int, key: str):
        ticker, name, row = self.rows[r]
        if key == "ticker":
            return ticker
        if key == "name":
            return name
        return row.get(key)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key = self.columns[index.column()][0]
        value = self._raw(index.row(), key)
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(key, value)
        if role == SORT_ROLE:
            return _sort_key(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in ("ticker", "name", "notes"):
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "notes" and value:
            return str(value)
        if role == Qt.ItemDataRole.ForegroundRole:
            row = self.rows[index.row()][2]
            if row.get("short_history") or (row.get("outliers") or 0) > 0 or (row.get("rows") or 0) == 0:
                return QBrush(QColor("#c0392b"))
        return None


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _text(key: str, v) -> str:
    from allocator.gui import i18n

    if key == "short_history":
        return QCoreApplication.translate("QualityTableModel", "yes") if v else ""
    if _missing(v):
        return "—"
    if key == "coverage":
        return i18n.percent(float(v), 1)
    if key == "largest_move":
        return ("+" if v > 0 else "") + i18n.percent(float(v), 1)
    if isinstance(v, date):
        return i18n.date_text(v)
    if isinstance(v, bool):
        return QCoreApplication.translate("QualityTableModel", "yes") if v else ""
    if isinstance(v, (int, float)) and key not in ("ticker", "name"):
        return i18n.number(float(v), 0)
    return str(v)


def _sort_key(v):
    """Numbers by value, dates as ISO text, missing last; one type per column."""
    if _missing(v):
        return float("inf")
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, date):
        return v.toordinal()
    return str(v).lower()


class QualityDialog(QDialog):
    """The report dialog; ``start(runner)`` computes the report in a worker."""

    def __init__(self, history, tickers: list[str], names: dict[str, str], start=None, end=None, parent=None,
                 dropped: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Data quality"))
        self.setMinimumSize(720, 420)
        self.resize(1000, 560)
        self.history, self.tickers, self.names, self.window = history, list(tickers), dict(names), (start, end)
        self.report = None
        lay = QVBoxLayout(self)
        self.label = QLabel(self.tr("Computing the data-quality report…"))
        self.label.setWordWrap(True)
        lay.addWidget(self.label)
        # The return periods the estimate left out (e.g. Golden Week weeks), already in the UI language.
        self.dropped_label = QLabel(dropped)
        self.dropped_label.setWordWrap(True)
        self.dropped_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dropped_label.setVisible(bool(dropped))
        lay.addWidget(self.dropped_label)
        self.model = QualityTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setToolTip(self.tr("Click a column header to sort; rows in red need a look"))
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy table"))
        self.copy_button.setToolTip(self.tr("Copy the report as tab-separated text (for a spreadsheet)"))
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)

    def start(self, runner) -> None:
        history, tickers = self.history, self.tickers
        start, end = self.window

        def job(ctx):
            from dataclasses import replace

            from allocator.data.quality import quality_report

            cols = [t for t in tickers if t in history.prices.columns]
            only = replace(history, prices=history.prices[cols])
            return quality_report(only, start=start, end=end)

        runner.submit(job, self._done, self._failed)

    def _done(self, report) -> None:
        self.report = report
        self.model.set_report(report, self.names)
        self.table.resizeColumnsToContents()
        self.copy_button.setEnabled(True)
        start, end = self.window
        flagged = int(sum(1 for _, _, r in self.model.rows if r.get("short_history") or (r.get("outliers") or 0) > 0))
        text = self.tr("{n} series from {source}; estimation window {start} – {end}.").format(
            n=len(self.model.rows), source=self.history.label, start=start or self.tr("earliest"), end=end or self.tr("latest")
        )
        if flagged:
            text += " " + self.tr("{n} need a look (in red).").format(n=flagged)
        self.label.setText(text)

    def _failed(self, exc) -> None:
        from allocator.gui.messages import describe

        self.label.setText(self.tr("The report failed: {reason}").format(reason=describe(exc)[0]))

    def copy(self) -> None:
        m = self.proxy
        lines = ["\t".join(str(m.headerData(c, Qt.Orientation.Horizontal)) for c in range(m.columnCount()))]
        for r in range(m.rowCount()):
            lines.append("\t".join(str(m.index(r, c).data() or "") for c in range(m.columnCount())))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
