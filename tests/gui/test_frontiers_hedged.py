"""Issue 15 item 12: with hedging on, the four frontiers are told apart and a click adopts the hovered one.

Driven the user's way: the hedge spin box is typed into, the toggles are
clicked, the mouse is moved over a frontier point and clicked.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def _hedge_half(win, qtbot):
    spin = win.currency.spin
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "50")
    QTest.keyClick(spin, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert win.run.optimization.constraints.hedge.lo == pytest.approx(0.5)
    assert win.frontier.frontier_count() == 4


def _pixel(plot, x, y) -> QPoint:
    scene = plot.getPlotItem().vb.mapViewToScene(QPointF(float(x), float(y)))
    return plot.mapFromScene(scene)


def test_four_frontiers_have_their_own_line_style_symbol_and_toggle(make_window, qtbot):
    win = make_window()
    win.resize(1440, 900)
    _hedge_half(win, qtbot)
    plot = win.frontier
    names = [n for n, _ in plot.shown_frontiers()]
    assert names == ["unhedged", "hedged", "optimal", "current"]
    styles = {plot.curves[n].opts["pen"].style() for n in names}
    symbols = {plot.dots[n].opts["symbol"] for n in names}
    assert len(styles) == 4 and len(symbols) == 4
    legend = [label.text for _sample, label in plot.legend.items]
    for _n, label in plot.shown_frontiers():
        assert label in legend

    # a toggle hides its curve (line and points), and it stays hidden after the next change
    box = win.frontier_toggles.boxes["hedged"]
    assert box.isVisible() and box.isChecked()
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not plot.curves["hedged"].isVisible() and not plot.dots["hedged"].isVisible()
    assert plot.frontier_count() == 3
    row = win.themes.rows["semis_ai"]
    row.check.click()
    QApplication.processEvents()
    assert not plot.curves["hedged"].isVisible()
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert plot.curves["hedged"].isVisible() and plot.frontier_count() == 4

    # without hedging there is one frontier and no toggles
    spin = win.currency.spin
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "0")
    QTest.keyClick(spin, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert plot.frontier_count() == 1
    assert win.frontier_toggles.isHidden()


def test_click_adopts_the_frontier_point_the_user_hovered_not_the_one_on_top(make_window, qtbot):
    win = make_window()
    win.resize(1440, 900)
    _hedge_half(win, qtbot)
    plot = win.frontier
    for _ in range(3):  # let the layout settle (the toggles row appears above the plot)
        qtbot.wait(20)
        QApplication.processEvents()
    # Find a point of a curve drawn underneath whose pixel another curve's point covers
    # (within the symbols' radius) - where "the one drawn on top" and "the hovered one" differ.
    pix = {}
    for name, _label in plot.shown_frontiers():
        x, y = plot.dots[name].getData()
        pix[name] = np.array([[p.x(), p.y()] for p in (_pixel(plot, a, b) for a, b in zip(x, y))], dtype=float)
    names = [n for n, _ in plot.shown_frontiers()]
    order = {n: i for i, n in enumerate(plot.dots)}  # later-added items are drawn on top
    found = None
    for low in names:
        for i, p in enumerate(pix[low]):
            for high in names:
                if order[high] <= order[low]:
                    continue
                d = np.hypot(*(pix[high] - p).T)
                j = int(np.argmin(d))
                if 1.0 <= d[j] <= 3.0:
                    found = (low, i, high, j)
                    break
            if found:
                break
        if found:
            break
    assert found is not None, "no overlapping frontier points to click"
    low, i, high, _j = found
    target = QPoint(int(round(pix[low][i][0])), int(round(pix[low][i][1])))
    QTest.mouseMove(plot.viewport(), target)
    QApplication.processEvents()
    assert plot.hovered() is not None and plot.hovered()[0] == low
    expected = plot._frontiers[low].points[i].expected_return
    QTest.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    QApplication.processEvents()
    from allocator.gui.engine import frontier_specs

    spec = next(s for s in frontier_specs(win.build.model, win.allocation_run.optimization.constraints.hedge) if s.name == low)
    o = win.run.optimization
    assert o.objective.value == "target-return"
    assert o.constraints.hedge == spec.hedge  # the hovered curve's hedge, not the top one's
    assert o.target == pytest.approx(expected, abs=1e-5)
