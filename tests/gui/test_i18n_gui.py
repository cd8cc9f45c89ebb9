"""Languages in the window (DESIGN §13): View ▸ Language switches at once, is remembered,
leaves nothing of the other language behind; yen and percentages follow the locale;
the bundled font has every Japanese character the app ships."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QMenu, QTabWidget

from allocator.gui import i18n

pytestmark = pytest.mark.gui

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]")


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


def visible_texts(win) -> list[tuple[str, str]]:
    """(where, text) of every text a user can see or hover in ``win``: labels, buttons, group
    titles, tabs, combo items, tooltips, the menus and their actions, table headers, title."""
    out = [("title", win.windowTitle())]
    for w in win.findChildren(object):
        if not hasattr(w, "isVisibleTo"):
            continue
        if isinstance(w, QMenu):
            continue
        if not w.isVisibleTo(win):
            continue
        name = type(w).__name__
        if w.toolTip():
            out.append((f"{name}.toolTip", w.toolTip()))
        if isinstance(w, (QLabel, QAbstractButton)) and w.text():
            out.append((name, w.text()))
        if isinstance(w, QGroupBox) and w.title():
            out.append((name, w.title()))
        if isinstance(w, QTabWidget):
            out += [(name, w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QComboBox):
            out += [(name, w.itemText(i)) for i in range(w.count())]
    for menu_action in win.menuBar().actions():
        out.append(("menu", menu_action.text()))
        menu = menu_action.menu()
        for a in (menu.actions() if menu else []):
            if a.text() and a.objectName() not in ("language_en", "language_ja"):  # named in themselves
                out.append(("action", a.text()))
                if a.statusTip():
                    out.append(("action.statusTip", a.statusTip()))
            if a.menu():
                out += [("action", b.text()) for b in a.menu().actions() if b.text() and b.objectName() not in ("language_en", "language_ja")]
    model = win.table.model()
    for c in range(model.columnCount()):
        out.append(("header", str(model.headerData(c, Qt.Orientation.Horizontal))))
    for r in range(model.rowCount()):
        out.append(("cell", str(model.data(model.index(r, 1)))))
        out.append(("cell", str(model.data(model.index(r, 2)))))
    return [(k, t) for k, t in out if t]


def test_language_menu_switches_at_once_and_is_remembered(window):
    window.language_actions["ja"].trigger()
    assert i18n.current() == "ja" and window.prefs.language == "ja"
    model = window.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[0] == "ティッカー" and "比率" in headers
    names = {window.table_model.row_dict(r)["ticker"]: window.table_model.row_dict(r)["name"] for r in range(window.table_model.rowCount())}
    assert any(JAPANESE.search(n) for n in names.values()), names
    assert window.language_menu.title() == "言語(&L)"

    window.language_actions["en"].trigger()
    assert i18n.current() == "en" and window.prefs.language == "en"
    left = [(k, t) for k, t in visible_texts(window) if JAPANESE.search(t)]
    assert not left, left[:10]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Ticker"


def test_infeasible_conflict_is_shown_in_japanese(window):
    from allocator.gui.controls import with_constraints

    window.language_actions["ja"].trigger()
    window.edit("cap", lambda run: with_constraints(run, max_weight=0.01))
    assert window.banner.isVisible()
    assert "上限" in window.banner.text(), window.banner.text()


def test_yen_and_percent_follow_the_locale():
    i18n.set_language("ja")
    assert i18n.money(1234567.4, "JPY") == "¥1,234,567"
    assert i18n.money(-1500, "JPY") == "-¥1,500"
    assert i18n.money(12345.678, "USD") == "$12,345.68"
    assert i18n.percent(0.1234) == "12.3%"
    import datetime

    assert i18n.date_text(datetime.date(2024, 1, 31)) == "2024/01/31"
    i18n.set_language("en")
    assert i18n.date_text(datetime.date(2024, 1, 31)) == "2024-01-31"


def test_bundled_font_has_every_shipped_japanese_character(qapp):
    from PySide6.QtGui import QRawFont

    from allocator.bundled import resource
    from allocator.gui.fonts import FONT_FILE

    data = resource("fonts", FONT_FILE).read_bytes()  # QRawFont may read it in place: keep it alive
    raw = QRawFont(data, 12)
    assert raw.isValid()
    text = resource("i18n", "allocator_ja.ts").read_text(encoding="utf-8") + resource("universe.toml").read_text(encoding="utf-8")
    missing = sorted({c for c in text if JAPANESE.search(c) and not raw.supportsCharacter(ord(c))})
    assert not missing, "".join(missing)


def test_japanese_renders_without_system_cjk_fonts(qapp):
    from allocator.gui.fonts import covers, ensure_japanese_font, system_japanese_families

    family = ensure_japanese_font(qapp, force=not system_japanese_families())
    if system_japanese_families():
        assert covers(system_japanese_families()[0])
    else:
        assert family == "Allocator JP" and covers(family)


def test_minimum_capital_in_yen_without_decimals(window):
    from dataclasses import replace

    window.language_actions["ja"].trigger()
    assert i18n.default_base() == "JPY"  # a new document in Japanese measures in yen
    window.edit("base", lambda run: replace(run, base="JPY"))
    text = window.metrics.labels["lots"].text()
    assert re.fullmatch(r"¥\d{1,3}(,\d{3})+", text), text
    window.language_actions["en"].trigger()
    assert i18n.default_base() == "USD"
    window.edit("base", lambda run: replace(run, base="USD"))
    # whole dollars too (rounded up): the strip's figure is a threshold, not an amount to pay
    assert re.fullmatch(r"\$\d{1,3}(,\d{3})*", window.metrics.labels["lots"].text()), window.metrics.labels["lots"].text()
