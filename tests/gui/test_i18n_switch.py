"""Switching the language at run time (DESIGN §13): in Japanese no English is left on any widget
(tickers, numbers, currency codes and proper names aside); back in English no Japanese is left."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from allocator.gui import i18n

pytestmark = pytest.mark.gui

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]")
# Words that stay Latin in Japanese financial text: products, formats, estimators, keys, codes.
LATIN_OK = {
    "allocator", "yahoo", "csv", "png", "svg", "json", "ewma", "ledoit", "wolf", "cagr", "usd", "jpy",
    "ctrl", "shift", "alt", "fetch", "ticker", "shares", "alloc", "gz", "cvxpy", "lng", "fixed", "bp",
    "jp", "us", "fx", "ms", "s", "e", "g", "t", "msft", "sortino", "ledoit-wolf", "ref", "nbsp",
    # names of methods and tools, written in Latin letters in Japanese too
    "newey-west", "newey", "west", "gmm", "michaud", "yfinance",
}
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{2,}")


def _model_texts(model, cols):
    out = []
    for c in range(model.columnCount()):
        out.append(("header", str(model.headerData(c, Qt.Orientation.Horizontal) or "")))
        tip = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        if tip:
            out.append(("header.tip", str(tip)))
    for r in range(model.rowCount()):
        for c in cols:
            v = model.data(model.index(r, c))
            if v is not None:
                out.append(("cell", str(v)))
    return out


def all_texts(win) -> list[tuple[str, str]]:
    """Every text a user can see or hover in the window, its docks, menus and tabs (shown or not)."""
    out = [("title", win.windowTitle())]
    widgets = [w for w in win.findChildren(QWidget) if not isinstance(w, QMenu)]
    for w in widgets:
        name = type(w).__name__
        if w.toolTip():
            out.append((f"{name}.toolTip", w.toolTip()))
        if isinstance(w, (QLabel, QAbstractButton)) and w.text():
            out.append((name, w.text()))
        if isinstance(w, QGroupBox):
            out.append((name, w.title()))
        if isinstance(w, QTabWidget):
            out += [(name + ".tab", w.tabText(i)) for i in range(w.count())]
            out += [(name + ".tabTip", w.tabToolTip(i)) for i in range(w.count())]
        if isinstance(w, QComboBox):
            out += [(name + ".item", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            out.append((name + ".placeholder", w.placeholderText()))
        if isinstance(w, QAbstractSpinBox):
            out.append((name + ".special", w.specialValueText()))
            if isinstance(w, (QSpinBox, QDoubleSpinBox)):
                out += [(name + ".suffix", w.suffix()), (name + ".prefix", w.prefix())]
        if isinstance(w, QHeaderView) and w.model() is not None and w.orientation() == Qt.Orientation.Horizontal:
            m = w.model()
            out += [("header", str(m.headerData(c, Qt.Orientation.Horizontal) or "")) for c in range(m.columnCount())]
        if hasattr(w, "windowTitle") and w.isWindow() is False and w.windowTitle():
            out.append((name + ".windowTitle", w.windowTitle()))
    menus = list(win.menuBar().actions())
    seen = set()
    while menus:
        a = menus.pop()
        if not isinstance(a, QAction) or id(a) in seen:
            continue
        seen.add(id(a))
        if a.objectName() in ("language_en", "language_ja"):
            continue  # each language is named in itself
        for text in (a.text(), a.toolTip(), a.statusTip()):
            if text:
                out.append(("action", text))
        if a.menu():
            menus += a.menu().actions()
    out += _model_texts(win.table.model(), (1, 2, 3))
    if win.plots_ready:
        pi = win.frontier.getPlotItem()
        for ax in ("left", "bottom"):
            out.append(("axis", pi.getAxis(ax).labelText))
        out += [("legend", label.text) for _s, label in win.frontier.legend.items]
        out.append(("axis", win.bars.getPlotItem().getAxis("bottom").labelText))
        for bars in (win.breakdown.themes, win.breakdown.countries, win.breakdown.currency):
            out.append(("title", bars.plot.titleLabel.text))
            ticks = bars.plot.getAxis("left")._tickLevels
            for level in ticks or []:
                out += [("tick", t) for _v, t in level]
    return [(k, t) for k, t in out if t and t.strip()]


def _flush_deleted() -> None:
    """Rows rebuilt in the new language replaced the old widgets: let Qt delete those now."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _visit_tabs(win) -> None:
    """Chart tabs draw when shown: look at each, as a user would."""
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
    win.tabs.setCurrentIndex(0)


def english_words(text: str, names: set[str]) -> list[str]:
    for n in sorted(names, key=len, reverse=True):
        text = text.replace(n, " ")
    text = re.sub(r"<[^>]*>", " ", text)  # markup
    text = re.sub(r"`[^`]*`", " ", text)  # commands (`allocator fetch`)
    text = re.sub(r"\([^()]*\*\.[^()]*\)", " ", text)  # file filters' patterns (*.csv)
    return [w for w in WORD.findall(text) if w.lower().strip("'-") not in LATIN_OK]


def test_japanese_leaves_no_english_and_english_leaves_no_japanese(window, qtbot):
    window.create_plots()
    _visit_tabs(window)
    names = set(window.run.universe.tickers) | {a.name_ja for a in window.run.universe.assets if a.name_ja}
    english_before = all_texts(window)
    assert not [t for _k, t in english_before if JAPANESE.search(t)]

    window.language_actions["ja"].trigger()
    assert i18n.current() == "ja"
    _flush_deleted()
    _visit_tabs(window)
    left = [(k, t, english_words(t, names)) for k, t in all_texts(window)]
    left = [x for x in left if x[2]]
    assert not left, "\n".join(f"{k}: {t!r} {w}" for k, t, w in left[:40])

    window.language_actions["en"].trigger()
    _flush_deleted()
    _visit_tabs(window)
    after = all_texts(window)
    back = [(k, t) for k, t in after if JAPANESE.search(t)]
    assert not back, back[:20]
    # and the same English as before: a translation two sources share (リターン is "Returns" and
    # "returns") goes back to the source each place showed, not to whichever came last
    lost = sorted(set(english_before) - set(after))
    new = sorted(set(after) - set(english_before))
    assert not lost, f"{lost[:40]}\nnew: {new[:40]}"


def test_texts_built_in_japanese_go_back_to_their_own_english(make_window, qtbot):
    """A window built while the app speaks Japanese, then switched to English: a translation two
    sources share (リターン: the Estimation panel's "Returns", the Views rows' "returns"; 推定期間:
    "Window", the backtest's "Lookback") goes back to the source of the code that showed it."""
    from PySide6.QtWidgets import QLabel

    i18n.set_language("ja")
    win = make_window()
    _flush_deleted()
    win.language_actions["en"].trigger()
    labels = {w.text() for w in win.estimation.findChildren(QLabel)}
    assert {"Returns", "Window", "Means"} <= labels, labels
    assert {row.kind.itemText(1) for row in win.views_panel.rows.values()} == {"returns"}
    assert win.estimation.frequency.itemText(1) == "Weekly"
