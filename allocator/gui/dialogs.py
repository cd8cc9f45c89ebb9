"""Dialogs: refresh prices (cancellable, per-ticker report), add a ticker, about."""

from __future__ import annotations

import platform
import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from allocator.gui import i18n
from allocator.gui.workers import TaskRunner


class RefreshDialog(QDialog):
    """Refresh the price cache from Yahoo Finance in a worker; cancel any time.

    ``fetch_options`` go to ``allocator.data.fetch.refresh_cache`` (tests pass
    a fake ``downloader`` and ``reachable``).  ``finished_report`` carries the
    ``FetchReport`` (or None when the refresh failed outright).
    """

    finished_report = Signal(object)

    def __init__(self, runner: TaskRunner, tickers: list[str] | None, fetch_options: dict | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Refresh prices"))
        self.setMinimumSize(560, 380)
        self.runner = runner
        self.tickers = tickers
        self.options = dict(fetch_options or {})
        self.report = None
        self.ctx = None
        lay = QVBoxLayout(self)
        self.label = QLabel(self.tr("Contacting Yahoo Finance…"))
        self.label.setWordWrap(True)
        lay.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        lay.addWidget(self.bar)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Ticker"), self.tr("Status"), self.tr("Last price date"), self.tr("Note")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setToolTip(self.tr("What happened to each ticker; failures are listed first"))
        lay.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop after the current batch; prices fetched so far are kept"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setEnabled(False)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)
        lay.addWidget(self.buttons)

    @property
    def running(self) -> bool:
        return self.ctx is not None and self.report is None and self.close_button.isEnabled() is False

    def start(self) -> None:
        tickers, options = self.tickers, self.options

        def job(ctx):
            from allocator.data.fetch import refresh_cache

            return refresh_cache(
                tickers,
                progress=lambda done, total, ticker: ctx.progress((done, total, ticker)),
                cancelled=ctx.cancelled,
                **options,
            )

        self.ctx = self.runner.submit(job, self._done, self._failed, self._progress)

    def cancel(self) -> None:
        if self.ctx is not None and not self.close_button.isEnabled():
            self.ctx.cancel()
            self.label.setText(self.tr("Cancelling after the current batch…"))
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    def reject(self) -> None:  # Esc / window close: cancel first
        if self.ctx is not None and not self.close_button.isEnabled():
            self.cancel()
            return
        super().reject()

    def _progress(self, value) -> None:
        done, total, ticker = value
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.label.setText(self.tr("{0} of {1}: {2}").format(done, total, ticker))

    def _done(self, report) -> None:
        self.report = report
        # The bar ends at the share of tickers with fresh prices: nothing fetched is 0%, not 100%.
        fresh = sum(1 for r in report.results if r.status.has_fresh_data)
        self.bar.setRange(0, max(len(report.results), 1))
        self.bar.setValue(fresh)
        self.bar.setFormat(self.tr("%v of %m with fresh prices"))
        failed = report.failed
        head = summary_text(report)
        if failed:
            head += "\n" + self.tr("{0} ticker(s) without fresh prices are listed first.").format(len(failed))
        if getattr(report, "caps", None) is not None:
            head += "\n" + report.caps.summary()
        self.label.setText(head)
        rows = sorted(report.results, key=lambda r: (r.status.has_fresh_data, r.ticker))
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [r.ticker, status_text(r.status.value), i18n.date_text(r.last) if r.last else "–", i18n.render(r.message)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not r.status.has_fresh_data:
                    item.setForeground(QBrush(QColor("#c0392b")))
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self._finish()
        self.finished_report.emit(report)

    def _failed(self, exc: BaseException) -> None:
        from allocator.gui.messages import describe

        self.label.setText(self.tr("The refresh failed: {0}").format(describe(exc)[0]))
        self._finish()
        self.finished_report.emit(None)

    def _finish(self) -> None:
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.close_button.setDefault(True)


class AddTickerDialog(QDialog):
    """Ask for a Yahoo ticker, its theme and an optional name."""

    def __init__(self, themes, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a ticker"))
        form = QFormLayout(self)
        self.ticker = QLineEdit()
        self.ticker.setPlaceholderText(self.tr("e.g. MSFT or 6723.T"))
        self.ticker.setToolTip(self.tr("A Yahoo Finance ticker; Tokyo listings end in .T"))
        form.addRow(self.tr("Ticker"), self.ticker)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("optional display name"))
        self.name.setToolTip(self.tr("Shown in the table and tooltips; defaults to the ticker"))
        form.addRow(self.tr("Name"), self.name)
        self.theme = QComboBox()
        lang = i18n.current()
        for t in themes:
            self.theme.addItem(t.display_name(lang), t.key)
        self.theme.setToolTip(self.tr("The theme the asset counts towards"))
        form.addRow(self.tr("Theme"), self.theme)
        note = QLabel(self.tr("Prices come from the cache or Yahoo Finance; you can refresh prices right after adding."))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str]:
        return self.ticker.text().strip(), self.theme.currentData(), self.name.text().strip()


def versions() -> list[tuple[str, str]]:
    from importlib import metadata

    import PySide6
    from PySide6.QtCore import qVersion

    from allocator import __version__

    out = [("Allocator", __version__), ("Python", platform.python_version()), ("Qt", qVersion()), ("PySide6", PySide6.__version__)]
    for dist in ("pyqtgraph", "cvxpy", "clarabel", "numpy", "pandas", "scikit-learn", "yfinance"):
        try:
            out.append((dist, metadata.version(dist)))
        except metadata.PackageNotFoundError:
            out.append((dist, QCoreApplication.translate("About", "not installed")))
    out.append((QCoreApplication.translate("About", "Platform"), f"{platform.system()} {platform.release()} ({sys.platform})"))
    return out


def about_text() -> str:
    rows = "".join(f"<tr><td>{k}</td><td>&nbsp;&nbsp;{v}</td></tr>" for k, v in versions())
    return (
        "<h3>Allocator</h3><p>"
        + QCoreApplication.translate(
            "About",
            "Theme-driven portfolio allocation for the US–Japan industrial partnership: "
            "mean-variance optimisation (cvxpy) across US and Japanese assets, with a yen hedge.",
        )
        + "</p><p>"
        + QCoreApplication.translate("About", "Not investment advice. Numbers from the simulated sample are not real prices.")
        + f"</p><table>{rows}</table>"
    )


STATUS_TEXTS = {
    "updated": QT_TRANSLATE_NOOP("RefreshDialog", "updated"),
    "up to date": QT_TRANSLATE_NOOP("RefreshDialog", "up to date"),
    "cached": QT_TRANSLATE_NOOP("RefreshDialog", "cached"),
    "stale": QT_TRANSLATE_NOOP("RefreshDialog", "stale"),
    "failed": QT_TRANSLATE_NOOP("RefreshDialog", "failed"),
    "not fetched": QT_TRANSLATE_NOOP("RefreshDialog", "not fetched"),
}


def summary_text(report) -> str:
    """``FetchReport.summary()`` in the UI language: "48 tickers: 47 updated, 1 failed"."""
    counts: dict[str, int] = {}
    for r in report.results:
        counts[r.status.value] = counts.get(r.status.value, 0) + 1
    parts = [QCoreApplication.translate("RefreshDialog", "{0} {1}").format(n, status_text(s)) for s, n in counts.items()]
    head = QCoreApplication.translate("RefreshDialog", "{0} tickers: {1}").format(len(report.results), QCoreApplication.translate("RefreshDialog", ", ").join(parts))
    if report.cancelled:
        head += QCoreApplication.translate("RefreshDialog", "; cancelled")
    if report.stopped:
        head += QCoreApplication.translate("RefreshDialog", "; stopped: {0}").format(i18n.render(report.stopped))
    return head


def status_text(value: str) -> str:
    """A refresh status (``updated``, ``failed`` …) in the UI language."""
    text = STATUS_TEXTS.get(value)
    return QCoreApplication.translate("RefreshDialog", text) if text else value


__all__ = ["AddTickerDialog", "RefreshDialog", "about_text", "versions", "Qt"]
