"""Confirm extreme price moves of an imported CSV (issue 16, item 11).

A one-day move by a factor of 10 or more (``csv_import.EXTREME_FACTOR``) is
usually a typo - a slipped decimal point, a price typed in the wrong unit -
and it would drive expected returns and share counts.  Before such a file
becomes the price source the user sees each move (file, row, ticker, date,
price, previous price) and either uses the prices as they are or cancels the
import.  A confirmation is bound to the file's content
(``csv_import.accept_moves``): an edited file is checked again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from allocator.data.csv_import import ImportedPrices, PriceMove, accept_moves, unaccepted

#: Rows shown in the dialog (the count says how many there are).
MAX_ROWS = 50


class OutlierConfirmDialog(QDialog):
    """Lists extreme moves; Accepted means "use the prices as they are"."""

    def __init__(self, moves: list[PriceMove], parent=None):
        super().__init__(parent)
        self.moves = sorted(moves, key=lambda m: (m.file, m.row))
        self.setWindowTitle(self.tr("Check these prices"))
        self.setMinimumSize(640, 320)
        lay = QVBoxLayout(self)
        files = sorted({Path(m.file).name for m in self.moves})
        self.label = QLabel(
            self.tr(
                "{files} has {n} one-day price move(s) by a factor of 10 or more. Such a move is usually a typo "
                "(a slipped decimal point, a price in the wrong unit) and would drive the expected returns and "
                "share counts. Correct the file, or use the prices as they are."
            ).format(files=", ".join(files), n=len(self.moves))
        )
        self.label.setWordWrap(True)
        lay.addWidget(self.label)
        shown = self.moves[:MAX_ROWS]
        self.table = QTableWidget(len(shown), 7)
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Row"), self.tr("Ticker"), self.tr("Date"), self.tr("Price"),
             self.tr("Previous price (row)"), self.tr("Move")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip(self.tr("The row is the line number a text editor shows, header included"))
        for i, m in enumerate(shown):
            cells = [Path(m.file).name, str(m.row), m.ticker, str(m.date), f"{m.price:.6g}",
                     f"{m.previous:.6g} ({m.previous_row})", m.factor_text]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        lay.addWidget(self.table, 1)
        if len(self.moves) > MAX_ROWS:
            lay.addWidget(QLabel(self.tr("… and {n} more").format(n=len(self.moves) - MAX_ROWS)))
        self.buttons = QDialogButtonBox()
        self.use_button = self.buttons.addButton(self.tr("Use the prices as they are"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.use_button.setToolTip(self.tr("Import the file unchanged; the moves count in every estimate"))
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip(self.tr("Do not import; correct the file and import it again"))
        self.cancel_button.setDefault(True)  # the safe choice on Enter
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)


def confirm_extreme_moves(parent, imported: ImportedPrices) -> bool:
    """True when ``imported`` may be used: no unconfirmed extreme move, or the user confirmed them now."""
    left = unaccepted(imported.moves)
    if not left:
        return True
    dlg = OutlierConfirmDialog(left, parent)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return False
    accept_moves(left)
    return True
