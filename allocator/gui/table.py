"""The allocation table: a QAbstractTableModel over the current allocation, sortable, copyable."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QMenu, QTableView

from allocator.gui import i18n

# (key, header, tooltip): headers are shown translated (headerData), and the
# copied TSV keeps the English ones (a machine-readable header).
COLUMNS = [
    ("ticker", QT_TRANSLATE_NOOP("AllocationTableModel", "Ticker"), QT_TRANSLATE_NOOP("AllocationTableModel", "Yahoo Finance ticker")),
    ("name", QT_TRANSLATE_NOOP("AllocationTableModel", "Name"), QT_TRANSLATE_NOOP("AllocationTableModel", "Company or fund")),
    ("theme", QT_TRANSLATE_NOOP("AllocationTableModel", "Theme"), QT_TRANSLATE_NOOP("AllocationTableModel", "The asset's primary theme")),
    ("country", QT_TRANSLATE_NOOP("AllocationTableModel", "Country"), QT_TRANSLATE_NOOP("AllocationTableModel", "Listing country")),
    ("currency", QT_TRANSLATE_NOOP("AllocationTableModel", "Ccy"), QT_TRANSLATE_NOOP("AllocationTableModel", "Currency the asset trades in")),
    ("weight", QT_TRANSLATE_NOOP("AllocationTableModel", "Weight"), QT_TRANSLATE_NOOP("AllocationTableModel", "Share of the portfolio")),
    ("expected_return", QT_TRANSLATE_NOOP("AllocationTableModel", "Exp. return"), QT_TRANSLATE_NOOP("AllocationTableModel", "Annual expected return in the base currency (unhedged)")),
    ("volatility", QT_TRANSLATE_NOOP("AllocationTableModel", "Volatility"), QT_TRANSLATE_NOOP("AllocationTableModel", "Annual volatility in the base currency (unhedged)")),
    ("risk", QT_TRANSLATE_NOOP("AllocationTableModel", "Risk contr."), QT_TRANSLATE_NOOP("AllocationTableModel", "Share of the portfolio's variance this position contributes")),
    ("return_se", QT_TRANSLATE_NOOP("AllocationTableModel", "± s.e."), QT_TRANSLATE_NOOP("AllocationTableModel", "One standard error of the expected return, from its estimator (the return is uncertain by about this much)")),
]
COUNTRY_NAMES = {"US": QT_TRANSLATE_NOOP("AllocationTableModel", "US"), "JP": QT_TRANSLATE_NOOP("AllocationTableModel", "JP")}
PERCENT = {"weight", "expected_return", "volatility", "risk", "return_se"}


def country_name(code: str) -> str:
    """``US``/``JP`` as the UI language names them (米国, 日本)."""
    return QCoreApplication.translate("AllocationTableModel", COUNTRY_NAMES[code]) if code in COUNTRY_NAMES else code
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_ROLES = frozenset({_DISPLAY, _ALIGN, _FOREGROUND, _DECORATION, SORT_ROLE, Qt.ItemDataRole.ToolTipRole})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)



def _word_width(fm, word: str) -> int:
    """Width a header needs for ``word``: Japanese breaks between any two characters (Qt's
    line breaking does), so a title without spaces ("ボラティリティ") takes two lines like
    "Exp. / return" rather than one long line."""
    if any("\u3040" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in word) and len(word) > 3:
        half = (len(word) + 1) // 2
        return max(fm.horizontalAdvance(word[:half]), fm.horizontalAdvance(word[half:]))
    return fm.horizontalAdvance(word)

class AllocationTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._all: list[dict] = []
        self.show_all = False
        self._colours: dict[str, str] = {}
        self.refresh_colours()

    def refresh_colours(self) -> None:
        """Negative weights in a red that reads on the palette's background."""
        dark = QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
        self._negative = QBrush(QColor("#ff7b72" if dark else "#c0392b"))
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    # -- data ----------------------------------------------------------------------
    def set_allocation(self, allocation, assets, theme_names: dict[str, str], colours: dict[str, str],
                       return_se: dict[str, float] | None = None) -> bool:
        """Show ``allocation``; True when the rows changed (a reset), False when only values did.

        A slider move usually keeps the same holdings: then the values are
        replaced in place (``dataChanged``) instead of resetting the model, so
        the view keeps its selection, scroll position and column widths.
        """
        rows = []
        lang = i18n.current()
        for a in assets:
            rows.append(
                {
                    "ticker": a.ticker,
                    "name": a.display_name(lang),
                    "theme": theme_names.get(a.theme, a.theme),
                    "theme_key": a.theme,
                    "country": a.country,
                    "currency": a.currency,
                    "weight": allocation.weights.get(a.ticker, 0.0),
                    "expected_return": allocation.asset_returns.get(a.ticker),
                    "volatility": allocation.asset_vols.get(a.ticker),
                    "risk": allocation.risk_contributions.get(a.ticker, 0.0),
                    "return_se": (return_se or {}).get(a.ticker),
                }
            )
        for ccy, notional in allocation.hedge_notionals.items():
            if abs(notional) > 1e-9:
                rows.append(
                    {
                        "ticker": self.tr("{ccy} hedge").format(ccy=ccy),
                        "name": self.tr("Forward sale of {ccy} ({ratio} of {ccy} exposure)").format(
                            ccy=ccy, ratio=i18n.percent(allocation.hedge_ratios.get(ccy, 0), 0)
                        ),
                        "theme": self.tr("Currency hedge"),
                        "theme_key": "",
                        "country": "",
                        "currency": ccy,
                        "weight": -notional,
                        "expected_return": None,
                        "volatility": None,
                        "risk": allocation.risk_contributions.get(f"hedge:{ccy}", 0.0),
                        "return_se": None,
                    }
                )
        shown = rows if self.show_all else [r for r in rows if abs(r["weight"]) > 5e-5]
        if [r["ticker"] for r in shown] == [r["ticker"] for r in self._rows] and colours == self._colours and shown:
            self._all, self._rows = rows, shown
            self.dataChanged.emit(self.index(0, 0), self.index(len(shown) - 1, len(COLUMNS) - 1))
            return False
        self.beginResetModel()
        self._all = rows
        self._colours = colours
        self._rows = shown
        self.endResetModel()
        return True

    def retranslate(self) -> None:
        """Headers in the language now shown (the rows follow with the next ``set_allocation``)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def set_show_all(self, show: bool) -> None:
        self.beginResetModel()
        self.show_all = show
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        self._rows = self._all if self.show_all else [r for r in self._all if abs(r["weight"]) > 5e-5]

    def row_dict(self, row: int) -> dict:
        return self._rows[row]

    # -- Qt API ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr(COLUMNS[section][1])
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr(COLUMNS[section][2])
        return None

    def _cells(self, row: dict) -> list:
        """The row's display texts, formatted once per allocation (a paint asks for them again and again)."""
        cells = row.get("_cells")
        if cells is None:
            cells = []
            for key, _, _ in COLUMNS:
                value = row[key]
                if key == "return_se":
                    cells.append("" if value is None else "± " + i18n.percent(value, 2))
                elif key in PERCENT:
                    cells.append(i18n.percent(value, 2))
                elif key == "country" and value in COUNTRY_NAMES:
                    cells.append(self.tr(COUNTRY_NAMES[value]))
                else:
                    cells.append(value)
            row["_cells"] = cells
        return cells

    def data(self, index, role=_DISPLAY):
        # The view asks ~7 roles per visible cell on every paint: the roles this
        # model never answers return at once, before any lookup.
        if role not in _ROLES or not index.isValid():
            return None
        row = self._rows[index.row()]
        c = index.column()
        if role == _DISPLAY:
            return self._cells(row)[c]
        key = COLUMNS[c][0]
        if role == _ALIGN:
            return _RIGHT if key in PERCENT else None
        if role == _FOREGROUND:
            value = row[key]
            return self._negative if key == "weight" and value is not None and value < 0 else None
        if role == _DECORATION:
            if key != "theme":
                return None
            colour = self._colours.get(row["theme_key"])
            return QColor(colour) if colour else None
        if role == SORT_ROLE:
            value = row[key]
            if key in PERCENT:
                return float("-inf") if value is None else float(value)
            return str(value)
        # tooltip
        return f"{row['ticker']} - {row['name']}" + (f"\n{row['theme']}" if key == "theme" else "")

    def as_tsv(self, rows: list[int] | None = None) -> str:
        rows = list(range(len(self._rows))) if rows is None else rows
        lines = ["\t".join(c[1] for c in COLUMNS)]
        for r in rows:
            d = self._rows[r]
            cells = []
            for key, _, _ in COLUMNS:
                v = d[key]
                cells.append("" if v is None else (f"{v:.6f}" if key in PERCENT else str(v)))
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"


class AllocationTableView(QTableView):
    """Sortable view with Ctrl+C (selected rows, or all) as tab-separated text with a header."""

    def __init__(self, model: AllocationTableModel, parent=None):
        super().__init__(parent)
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        h = self.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(False)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        h.setMinimumSectionSize(24)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.setToolTip(self.tr("The allocation, one row per holding. Click a header to sort; Ctrl+C copies."))

    def fit_columns(self) -> None:
        """Text columns fit their contents; number columns get the width of "-100.00%".

        Number columns are sized from the font, not the data, so values that
        change in place (a slider move) never need a re-measure.
        """
        fm = self.fontMetrics()
        h = self.horizontalHeader()
        wide = fm.horizontalAdvance("-100.00%") + 14
        # Headers wrap onto two lines ("Exp. / return"), so a column is as wide as
        # its numbers or its longest header word (plus the sort arrow), not its whole title.
        arrow = self.style().pixelMetric(self.style().PixelMetric.PM_HeaderMarkSize) + 14
        widths = {}
        for c, (key, _, _) in enumerate(COLUMNS):
            if c == 1:
                continue
            title = str(self.model().headerData(c, Qt.Orientation.Horizontal) or "")
            word = max((_word_width(fm, w) for w in title.split()), default=0) + arrow
            if key == "return_se":  # "±12.3%": never negative, one decimal
                widths[c] = max(fm.horizontalAdvance("±100.0%") + 14, word)
                continue
            widths[c] = max(wide if key in PERCENT else self.sizeHintForColumn(c), word)
        # In a narrow window the theme column gives way (its names elide, down to the
        # colour swatch alone; the tooltip keeps the name) before the names are squeezed
        # or a number cut.
        theme = next(c for c, col in enumerate(COLUMNS) if col[0] == "theme")
        room = self.viewport().width() - sum(widths.values()) - fm.horizontalAdvance("Mitsubishi UFJ") - 12
        if room < 0:
            widths[theme] = max(fm.horizontalAdvance("…") + 34, widths[theme] + room)
        for c, w in widths.items():
            self.setColumnWidth(c, w)
        # a title wider than its column wraps: give the header its second line
        wraps = any(fm.horizontalAdvance(str(self.model().headerData(c, Qt.Orientation.Horizontal) or "")) + arrow > w
                    for c, w in widths.items())
        h.setMinimumHeight(fm.lineSpacing() * (2 if wraps else 1) + 10)

    def settle(self) -> None:
        """Lay the rows out now (the proxy re-sorted them by weight), not from a zero timer.

        Qt defers an item view's layout to a later event-loop pass; that pass
        then asked for a second paint of the table (and of the window) after
        the first, while the frontiers were being computed in the worker - a
        paint fighting it for the GIL on every slider move.
        """
        self.executeDelayedItemsLayout()

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit_columns()

    def selected_source_rows(self) -> list[int]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.selectionModel().selectedRows()})
        return rows

    def copy(self) -> str:
        rows = self.selected_source_rows()
        if not rows:  # nothing selected: copy in the order shown
            rows = [self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount())]
        text = self.source.as_tsv(rows)
        QApplication.clipboard().setText(text)
        return text

    def keyPressEvent(self, event):  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        super().keyPressEvent(event)

    def _menu(self, pos) -> None:
        m = QMenu(self)
        m.addAction(self.tr("Copy"), self.copy)
        m.addAction(self.tr("Select all"), self.selectAll)
        m.exec(self.viewport().mapToGlobal(pos))
