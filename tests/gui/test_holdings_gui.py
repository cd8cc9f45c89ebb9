"""Holdings and trades in the window, driven the user's way (actions, clicks, keys)."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from allocator.rebalance import TRADE_COLUMNS

HOLDINGS = "ticker,shares,broker\nLMT,200,a\n7011.T,3000,b\nNVDA,50,c\n8035.T,100,d\nTSLA,10,e\n"


@pytest.fixture
def imported(window, tmp_path, monkeypatch):
    path = tmp_path / "h.csv"
    path.write_text(HOLDINGS, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.act_import_holdings.trigger()
    return window


def _set_spin(qtbot, box, value: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, value)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_import_holdings_shows_them_and_the_trades(imported):
    win = imported
    panel = win.holdings_dock.panel
    assert win.holdings_dock.isVisible()
    assert win.run.holdings.positions["7011.T"] == 3000
    tickers = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount() - 1)]
    assert tickers == ["LMT", "7011.T", "NVDA", "8035.T", "TSLA"]
    tl = panel.trade_list
    assert tl is not None and tl.orders
    for t in tl.trades:
        if t.ticker.endswith(".T") and t.side in ("buy", "sell"):
            assert t.shares % 100 == 0
        if t.side == "sell":
            assert t.shares <= win.run.holdings.positions[t.ticker]
    assert all(v >= 0 for v in tl.cash_after.values())
    assert panel.trades.source.rowCount() == len(tl.trades)
    assert "TSLA" in panel.summary.text()
    # current vs target vs after per theme and asset
    themes = [panel.compare.topLevelItem(i).text(0) for i in range(panel.compare.topLevelItemCount())]
    assert "Defence & aerospace" in themes and any("Other" in t for t in themes)
    # undo takes the import back
    win.act_undo.trigger()
    assert win.run.holdings is None and panel.trade_list is None
    assert panel.trades.source.rowCount() == 0


def test_costs_control_very_high_costs_keep_the_holdings(imported, qtbot):
    win = imported
    panel = win.holdings_dock.panel
    moved = win.allocation.turnover
    assert moved > 0.5  # at zero costs the optimum is far from the holdings
    _set_spin(qtbot, panel.costs["US"], "10000")
    _set_spin(qtbot, panel.costs["JP"], "10000")
    assert (win.run.costs.US, win.run.costs.JP) == (10000.0, 10000.0)
    assert win.allocation.turnover == pytest.approx(0.0, abs=1e-4)
    before = {t.ticker: t.weight_before for t in panel.trade_list.trades if t.side != "other"}
    for t, w in before.items():
        assert win.allocation.weights.get(t, 0.0) == pytest.approx(w, abs=1e-4)
    _set_spin(qtbot, panel.costs["US"], "0")
    _set_spin(qtbot, panel.costs["JP"], "0")
    assert win.allocation.turnover == pytest.approx(moved, abs=1e-6)


def test_the_frontier_includes_the_cost_of_getting_there(imported, qtbot):
    win = imported
    panel = win.holdings_dock.panel
    _set_spin(qtbot, panel.costs["US"], "50")
    _set_spin(qtbot, panel.costs["JP"], "50")
    spec, front = win.frontier._frontiers and next(iter(win.frontier._frontiers.items()))
    assert all(p.trading_cost is not None for p in front.points)
    assert any(p.trading_cost > 0 for p in front.points)
    name = next(iter(win.frontier.curves))
    xs, ys = win.frontier.curves[name].getData()
    np.testing.assert_allclose(ys, [p.net_return for p in front.points])
    assert np.all(ys <= np.array([p.expected_return for p in front.points]) + 1e-12)


def _type_row(qtbot, t, ticker: str, shares: str) -> None:
    """Type a ticker in the blank last row, Tab to the shares cell, type the count, Enter."""
    t.setFocus()
    t.setCurrentCell(t.rowCount() - 1, 0)
    qtbot.keyClicks(t, ticker[0])  # the first key opens the cell's editor, the rest go to it
    qtbot.keyClicks(QApplication.focusWidget(), ticker[1:])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # commits, opens the shares cell
    qtbot.keyClicks(QApplication.focusWidget(), shares)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits Return through a queued call


def test_typing_a_holding_in_the_table(window, qtbot):
    win = window
    win.act_holdings.trigger()
    panel = win.holdings_dock.panel
    t = panel.table
    _type_row(qtbot, t, "nvda", "25")
    assert win.run.holdings is not None and win.run.holdings.positions == {"NVDA": 25.0}
    assert t.rowCount() == 2 and t.item(0, 0).text() == "NVDA"  # a new blank row to add the next
    assert panel.trade_list is not None and panel.trade_list.by_ticker()["NVDA"].shares_before == 25
    # a fractional Tokyo holding is refused with the reason; the settings stay
    _type_row(qtbot, t, "7011.T", "1.5")
    assert "Tokyo shares must be whole" in panel.summary.text()
    assert win.run.holdings.positions["NVDA"] == 25.0 and win.run.holdings.positions.get("7011.T", 0.0) == 0.0
    while win.act_undo.isEnabled():
        win.act_undo.trigger()
    assert win.run.holdings is None


def test_trade_list_sorts_copies_and_exports(imported, qtbot, tmp_path, monkeypatch):
    win = imported
    panel = win.holdings_dock.panel
    panel.tabs.setCurrentIndex(1)
    view = panel.trades
    col = [view.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(view.proxy.columnCount())].index("Base amount")
    rect = view.horizontalHeader()
    qtbot.mouseClick(rect.viewport(), Qt.MouseButton.LeftButton, pos=rect.viewport().rect().topLeft()
                     + __import__("PySide6.QtCore", fromlist=["QPoint"]).QPoint(rect.sectionViewportPosition(col) + 5, 5))
    values = [view.proxy.index(r, col).data(Qt.ItemDataRole.UserRole + 1) for r in range(view.proxy.rowCount())]
    assert values == sorted(values) or values == sorted(values, reverse=True)
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    text = QApplication.clipboard().text()
    assert text.splitlines()[0].split("\t")[:3] == ["Ticker", "Name", "Side"]
    assert len(text.splitlines()) == view.proxy.rowCount() + 1
    out = tmp_path / "trades.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == TRADE_COLUMNS
    assert {r[0] for r in rows[1 : rows.index([])]} >= {"LMT", "7011.T", "NVDA", "8035.T", "TSLA"}


def test_holdings_are_saved_with_the_allocation(imported, tmp_path, monkeypatch, qtbot):
    win = imported
    _set_spin(qtbot, win.holdings_dock.panel.cash["JPY"], "500000")
    assert win.run.holdings.cash == {"JPY": 500000.0}
    path = tmp_path / "mine.alloc.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    win.act_save_as.trigger()
    from allocator.document import load_document

    run = load_document(path).run_settings()
    assert run.holdings.positions["NVDA"] == 50 and run.holdings.cash == {"JPY": 500000.0}
