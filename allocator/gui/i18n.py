"""The GUI's languages: translators, the language switch, locale-aware numbers (DESIGN §13).

How a string reaches the screen in the user's language
------------------------------------------------------
* GUI strings are written in English through Qt: ``self.tr("...")`` in QObject
  subclasses, ``QCoreApplication.translate("Context", "...")`` elsewhere.
  ``pyside6-lupdate`` extracts them into ``resources/i18n/allocator_ja.ts``;
  ``pyside6-lrelease`` compiles that into ``allocator_ja.qm`` (``make i18n``,
  see ``tools/i18n.py``), which ships in the wheel and the frozen app and is
  loaded here with importlib.resources.
* Messages built in the Qt-free core are :class:`allocator.text.Text`
  (``T("template {x}", x=...)``): an English ``str`` that keeps its template.
  :func:`render` translates the template in the context ``Core`` and fills in
  the parameters.  The CLI prints the English ``str`` unchanged.
* Switching the language at run time (View ▸ Language, :func:`set_language`)
  needs no restart.  Every ``translate()`` call goes through
  :class:`RecordingTranslator`, which remembers which (context, source) each
  shown text came from; after the switch :func:`retranslate_widgets` finds the
  texts of labels, buttons, actions, menus, tabs, tooltips ... that came from
  a ``tr()`` call and translates them again, so a plain ``self.tr("...")`` at
  construction time is enough for a static text.  Texts built from data
  ("Solved in 12 ms", the metrics) are rendered again by their owner, which
  listens to :attr:`I18n.language_changed` (the main window's ``retranslate``).
* Numbers, money, percentages and dates on screen use :func:`locale`
  (:func:`money`, :func:`percent`, :func:`number`, :func:`date_text`): yen
  without decimals and with separators (``¥1,234,567``).  Files, CSV and the
  clipboard's machine formats never go through these.
"""

from __future__ import annotations

import contextlib
import json
import datetime as _dt
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QDoubleSpinBox,
    QSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from allocator import text as core_text

# (code, how the menu names it): each language is named in itself, as is usual.
LANGUAGES = (("en", "English"), ("ja", "日本語"))
CODES = ("system", "en", "ja")
CATALOG = "allocator"  # resources/i18n/allocator_<code>.qm
_LOCALES = {"en": (QLocale.Language.English, QLocale.Country.UnitedStates), "ja": (QLocale.Language.Japanese, QLocale.Country.Japan)}


def system_language() -> str:
    """``ja`` when the system's UI languages start with Japanese, else ``en``."""
    for name in QLocale.system().uiLanguages() or [QLocale.system().name()]:
        code = name.replace("_", "-").split("-")[0].lower()
        if code in ("ja", "en"):
            return code
    return "en"


def resolve(code: str | None) -> str:
    """The language shown for a preference (``system``/``en``/``ja``; anything else is ``system``)."""
    code = (code or "system").lower()
    if code not in CODES or code == "system":
        return system_language()
    return code


# ----------------------------------------------------------------------------- translators
# shown text -> (context, source, disambiguation, n) of the tr() call that produced it
_seen: dict[str, tuple[str, str, str | None, int]] = {}
#: Every origin of a translated text, for texts two sources share (週次 is "Weekly" in the
#: Estimation panel and the core's "weekly"); bounded by the catalogue's size.
_shared: dict[str, list[tuple[str, str, str | None, int]]] = {}
# shown text -> the Live (a formatted tr() text) that produced it
_live: dict[str, "Live"] = {}
_MEMORY = 20000


def _remember(store: dict, key: str, value) -> None:
    """Keep ``key -> value``, forgetting the oldest half when full (newest texts win)."""
    if key in store:
        del store[key]  # move to the end: recently shown
    elif len(store) >= _MEMORY:
        for old in list(store)[: _MEMORY // 2]:
            del store[old]
    store[key] = value


class RecordingTranslator(QTranslator):
    """A QTranslator for the app's catalogue that remembers where each text came from.

    Qt asks every installed translator; this one answers from its ``.qm`` (none
    for English) and records ``result -> (context, source)`` so that
    :func:`retranslate_widgets` can translate a shown text again in another
    language.  Returning ``None`` means "not translated here" (Qt then shows
    the source; an empty string would blank the text).
    """

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 - Qt override
        result = super().translate(context, source, disambiguation, n) if not self.isEmpty() else ""
        # PySide's ``self.tr`` asks once per class of the object's MRO (MainWindow, QMainWindow,
        # QWidget, QObject …) until one translates: an untranslated text keeps the first,
        # most derived context; a translation is always the definitive origin.
        if result:
            origin = (context, source, disambiguation, n)
            _remember(_seen, result, origin)
            others = _shared.setdefault(result, [])
            if origin not in others:
                others.append(origin)
        elif source and source not in _seen:
            _remember(_seen, source, (context, source, disambiguation, n))
        return result or None


def catalog_path(code: str):
    """The bundled ``.qm`` for ``code`` (a Traversable; may not exist)."""
    from allocator.bundled import resource

    return resource("i18n", f"{CATALOG}_{code}.qm")


class I18n(QObject):
    """Owns the installed translators and the current language (one per application)."""

    language_changed = Signal(str)  # the language now shown ("en" or "ja")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.language = "en"
        self.preference = "system"
        self._app_translator = RecordingTranslator(self)
        self._qt_translator = QTranslator(self)
        QCoreApplication.installTranslator(self._app_translator)
        self.missing: list[str] = []  # catalogues that could not be loaded (shown in the About box)
        self._applied = False  # set_language has installed a language at least once

    def set_language(self, preference: str | None) -> str:
        """Show the app in ``preference`` (``system``, ``en`` or ``ja``) at once; returns the language shown."""
        self.preference = (preference or "system").lower() if (preference or "system").lower() in CODES else "system"
        code = resolve(self.preference)
        if self._applied and code == self.language:
            # Nothing to change: no walk over every widget of the application (a
            # test session's hundreds of windows made each such no-op walk slower).
            return code
        app = QCoreApplication.instance()
        app.removeTranslator(self._app_translator)
        app.removeTranslator(self._qt_translator)
        self._app_translator = RecordingTranslator(self)
        self._qt_translator = QTranslator(self)
        if code != "en":
            node = catalog_path(code)
            loaded = False
            if node.is_file():
                with contextlib.suppress(Exception):
                    # QTranslator reads the bytes in place, never a copy: keep them alive with it
                    self._app_translator.data = node.read_bytes()
                    loaded = self._app_translator.load(self._app_translator.data)
            if not loaded:
                self.missing.append(f"{CATALOG}_{code}.qm")
                print(f"allocator: warning: no {CATALOG}_{code}.qm; the window stays in English", file=sys.stderr)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._qt_translator.load(f"qtbase_{code}", qt_dir)  # Qt's own buttons and menus (OK, Cancel, Undo …)
        app.installTranslator(self._qt_translator)
        app.installTranslator(self._app_translator)  # last installed is asked first
        _set_locale(code)
        changed = code != self.language
        self.language = code
        self._applied = True
        retranslate_widgets()
        if changed:
            self.language_changed.emit(code)
        return code


def _set_locale(code: str) -> None:
    system = QLocale.system()
    lang, country = _LOCALES[code]
    # the system's own conventions when it speaks the UI language (en_GB, en_AU …), else the language's usual ones
    loc = system if system.language() == lang else QLocale(lang, country)
    QLocale.setDefault(loc)


_manager: I18n | None = None


def manager() -> I18n:
    """The application's :class:`I18n` (created, with the English catalogue recording, on first use)."""
    global _manager
    if _manager is None:
        from allocator.gui import messages

        _manager = I18n(QCoreApplication.instance())
        messages.set_error_renderer(render_error, QCoreApplication.translate)
    return _manager


def set_language(preference: str | None) -> str:
    return manager().set_language(preference)


def current() -> str:
    return manager().language if _manager is not None else "en"


def default_base() -> str:
    """A new document's base currency: the yen when the window speaks Japanese (its investors
    measure in yen), else the dollar.  Saved files keep their own base."""
    return "JPY" if current() == "ja" else "USD"


def tr(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, source, disambiguation, n)


# ----------------------------------------------------------------------------- formatted texts
class Live(str):
    """A formatted translated text that can render itself again in another language.

    ``fmt(self.tr("Solved in {0} ms"), 12)`` is the ``str`` "Solved in 12 ms"
    (or its translation) that also remembers the ``tr()`` call its template came
    from and its arguments.  A widget showing it is translated again by
    :func:`retranslate_widgets` like a static ``tr()`` text.  Arguments may be
    values, other ``Live`` texts or core ``Text`` (rendered again), or
    callables (called again: theme names, error messages in the new language).
    """

    template: str
    origin: tuple | None
    args: tuple
    kw: dict

    def __new__(cls, template: str, args: tuple = (), kw: dict | None = None) -> "Live":
        kw = dict(kw or {})
        origin = _seen.get(template)
        text = _format(template, args, kw, origin)
        self = super().__new__(cls, text)
        self.template, self.origin, self.args, self.kw = template, origin, tuple(args), kw
        _remember(_live, text, self)
        return self

    def again(self) -> "Live":
        """This text in the language now shown."""
        template = self.template
        if self.origin is not None:
            ctx, src, dis, n = self.origin
            template = QCoreApplication.translate(ctx, src, dis, n)
        return Live(template, self.args, self.kw)


def _value(v: Any) -> Any:
    if isinstance(v, Live):
        return str.__str__(v.again())
    if isinstance(v, core_text.Text):
        return render(v)
    if callable(v):
        return v()
    return v


def _format(template: str, args: tuple, kw: dict, origin) -> str:
    a = [_value(v) for v in args]
    k = {key: _value(v) for key, v in kw.items()}
    try:
        return template.format(*a, **k)
    except (IndexError, KeyError, ValueError):  # a broken translation never hides the text
        source = origin[1] if origin else template
        try:
            return source.format(*a, **k)
        except (IndexError, KeyError, ValueError):
            return source


def fmt(template: str, *args: Any, **kw: Any) -> Live:
    """``template.format(*args, **kw)`` for a ``tr()`` result, re-translatable (see :class:`Live`)."""
    return Live(template, args, kw)


# ----------------------------------------------------------------------------- re-translation
def _contexts(obj) -> list[str]:
    """The tr() contexts ``obj``'s texts may come from: its classes' and its parents' classes' names."""
    names: list[str] = []
    with contextlib.suppress(RuntimeError):
        while obj is not None and len(names) < 64:
            names += [k.__name__ for k in type(obj).__mro__]
            obj = obj.parent()
    return names


def _origin(shown: str, owner=None):
    live = _live.get(shown)
    many = _shared.get(shown)
    if many and owner is not None and (len(many) > 1 or live is not None):
        # A text with more than one source, shown before any switch gave this place its own:
        # the source from the owner's code (its class or an ancestor's), rather than whichever
        # was translated or formatted last.
        for name in _contexts(owner):
            for origin in many:
                if origin[0] == name:
                    return origin
    return live if live is not None else _seen.get(shown)


def _translation(shown: str, origin=None, owner=None):
    """``(shown in the current language or None, where it came from)``; ``origin`` overrides the lookup."""
    if not shown:
        return None, None
    if origin is None:
        origin = _origin(shown, owner)
    if origin is None:
        return None, None
    if isinstance(origin, Live):
        origin = origin.again()
        new = str.__str__(origin)
    else:
        ctx, src, dis, n = origin
        new = QCoreApplication.translate(ctx, src, dis, n)
    return (new if new != shown else None), origin


def retranslated(shown: str) -> str | None:
    """``shown`` in the current language when it came from a ``tr()`` call, else ``None``."""
    return _translation(shown)[0]


#: The dynamic property where a widget (or action, or model) remembers the source of each text
#: a language switch gave it.  Two sources may share a translation ("Returns" and "returns" are
#: both リターン): the text → origin map alone would send both back to whichever was translated
#: last.  Kept on the object itself, it dies with it (no memory of deleted widgets to outgrow).
_SLOTS = "_allocator_tr_sources"


def _key(obj, what: str):
    return (obj, what)


def _slot(key):
    obj, what = key
    try:
        raw = obj.property(_SLOTS)
    except RuntimeError:
        return None
    found = json.loads(raw).get(what) if isinstance(raw, str) and raw else None
    return (found[0], tuple(found[1])) if found else None


def _keep(key, text: str, origin) -> None:
    if not isinstance(origin, tuple):  # a formatted Live text finds its origin by its own text
        return
    obj, what = key
    with contextlib.suppress(RuntimeError):
        raw = obj.property(_SLOTS)
        slots = json.loads(raw) if isinstance(raw, str) and raw else {}
        slots[what] = [text, list(origin)]
        obj.setProperty(_SLOTS, json.dumps(slots, ensure_ascii=False))


def _swap(getter, setter, key=None) -> None:
    try:
        shown = getter()
    except RuntimeError:  # a C++ object already deleted
        return
    slot = _slot(key) if key is not None else None
    new, origin = _translation(shown, slot[1] if slot is not None and slot[0] == shown else None,
                               key[0] if key is not None else None)
    if new is not None:
        setter(new)
        if key is not None:
            _keep(key, new, origin)


def retranslate_widgets(widgets=None) -> None:
    """Translate again every shown text of ``widgets`` (default: all) that came from ``tr()``."""
    widgets = QApplication.allWidgets() if widgets is None else widgets
    actions: dict[int, QAction] = {}
    for w in widgets:
        try:
            _retranslate_widget(w)
            found = list(QWidget.actions(w))  # Qt's own list (a subclass may define its own actions())
            if isinstance(w, QMenu):
                found.append(w.menuAction())
        except (RuntimeError, TypeError):
            continue
        for a in found:
            if isinstance(a, QAction):
                actions[id(a)] = a
    for a in actions.values():
        for prop in ("text", "toolTip", "statusTip", "iconText", "whatsThis"):
            _swap(getattr(a, prop), getattr(a, "set" + prop[0].upper() + prop[1:]), _key(a, prop))


def _retranslate_widget(w: QWidget) -> None:
    def key(*what):
        return _key(w, ":".join(map(str, what)))

    _swap(w.windowTitle, w.setWindowTitle, key("windowTitle"))
    _swap(w.toolTip, w.setToolTip, key("toolTip"))
    _swap(w.statusTip, w.setStatusTip, key("statusTip"))
    _swap(w.whatsThis, w.setWhatsThis, key("whatsThis"))
    if isinstance(w, (QLabel, QAbstractButton)):
        _swap(w.text, w.setText, key("text"))
    if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
        _swap(w.placeholderText, w.setPlaceholderText, key("placeholder"))  # never the user's own text
    if isinstance(w, (QGroupBox, QMenu)):
        _swap(w.title, w.setTitle, key("title"))
    if isinstance(w, QTabWidget):
        for i in range(w.count()):
            _swap(lambda i=i: w.tabText(i), lambda t, i=i: w.setTabText(i, t), key("tab", i))
            _swap(lambda i=i: w.tabToolTip(i), lambda t, i=i: w.setTabToolTip(i, t), key("tabTip", i))
    if isinstance(w, QAbstractSpinBox):
        _swap(w.specialValueText, w.setSpecialValueText, key("special"))
        if isinstance(w, (QSpinBox, QDoubleSpinBox)):
            _swap(w.suffix, w.setSuffix, key("suffix"))
            _swap(w.prefix, w.setPrefix, key("prefix"))
    if isinstance(w, QAbstractItemView):
        # Header texts through the model (headerData/setHeaderData), never through item
        # wrappers: QStandardItem/QTableWidgetItem wrappers outlive their C++ items.
        model = w.model()
        if model is not None:
            horizontal = Qt.Orientation.Horizontal
            for c in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    text = model.headerData(c, horizontal, role)
                    if isinstance(text, str):
                        _swap(lambda t=text: t, lambda t, c=c, role=role: model.setHeaderData(c, horizontal, t, role),
                              _key(model, f"header:{c}:{int(role.value)}"))
    if isinstance(w, QComboBox):
        for i in range(w.count()):
            _swap(lambda i=i: w.itemText(i), lambda t, i=i: w.setItemText(i, t), key("item", i))
            tip = w.itemData(i, role=3)  # Qt.ItemDataRole.ToolTipRole
            if isinstance(tip, str):
                _swap(lambda tip=tip: tip, lambda t, i=i: w.setItemData(i, t, 3), key("itemTip", i))


# ----------------------------------------------------------------------------- core messages
def render(message: Any) -> str:
    """A core message in the UI language (``allocator.text.Text``), or ``str(message)``."""
    if isinstance(message, BaseException):
        message = getattr(message, "message", message)
    return core_text.render(message, lambda template: QCoreApplication.translate(core_text.CONTEXT, template))


def render_error(exc: BaseException) -> str:
    """An ``AllocatorError`` in the UI language (each conflict of an infeasible setting translated)."""
    conflicts = getattr(exc, "conflicts", None)
    if conflicts and any(isinstance(c, core_text.Text) for c in conflicts):
        sep = QCoreApplication.translate("Core", "; ")
        return sep.join(render(c) for c in conflicts)
    message = getattr(exc, "message", None)
    if isinstance(message, core_text.Text):
        return " ".join(render(message).split())
    return str(exc)


# ----------------------------------------------------------------------------- numbers
def locale() -> QLocale:
    return QLocale()


CURRENCY_SYMBOLS = {"JPY": "¥", "USD": "$"}
CURRENCY_DECIMALS = {"JPY": 0}


def number(x: float | None, digits: int = 0) -> str:
    """``x`` with the locale's separators (``1,234,567`` / ``1.234.567``)."""
    if x is None:
        return "–"
    return locale().toString(float(x), "f", digits)


def money(amount: float | None, currency: str = "JPY", digits: int | None = None) -> str:
    """``¥1,234,567`` (yen: no decimals), ``$12,345.67``; other codes as ``12,345.67 EUR``
    (``digits`` overrides the currency's usual decimals)."""
    if amount is None:
        return "–"
    digits = CURRENCY_DECIMALS.get(currency, 2) if digits is None else digits
    value = round(float(amount), digits)
    body = locale().toString(abs(value), "f", digits)
    sign = "-" if value < 0 else ""
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{sign}{symbol}{body}" if symbol else f"{sign}{body} {currency}"


def percent(x: float | None, digits: int = 1) -> str:
    """``x`` (a fraction) as the locale writes a percentage: ``12.5%``."""
    if x is None:
        return "–"
    loc = locale()
    return loc.toString(float(x) * 100.0, "f", digits) + loc.percent()


def date_text(d) -> str:
    """A date on screen: ISO (``2024-01-31``) in English, ``2024/01/31`` in Japanese."""
    if d is None:
        return "–"
    if hasattr(d, "date") and callable(d.date) and not isinstance(d, _dt.date):
        d = d.date()  # pandas Timestamp
    if isinstance(d, _dt.datetime):
        d = d.date()
    if isinstance(d, str):
        with contextlib.suppress(ValueError):
            d = _dt.date.fromisoformat(d[:10])
    if not isinstance(d, _dt.date):
        return str(d)
    loc = locale()
    if loc.language() == QLocale.Language.Japanese:
        return loc.toString(QDate(d.year, d.month, d.day), "yyyy/MM/dd")
    return d.isoformat()


# ----------------------------------------------------------------------------- View ▸ Language
def add_language_menu(window, view_menu: QMenu, prefs) -> QMenu:
    """View ▸ Language: System, English, 日本語; applied at once and remembered in ``prefs``."""
    from PySide6.QtGui import QAction, QActionGroup

    menu = view_menu.addMenu(QCoreApplication.translate("MainWindow", "&Language"))
    menu.setObjectName("language_menu")
    group = QActionGroup(menu)
    window.language_actions = {}
    entries = [("system", QCoreApplication.translate("MainWindow", "System language"))] + list(LANGUAGES)
    for code, label in entries:
        a = QAction(label, menu)
        a.setCheckable(True)
        a.setData(code)
        a.setObjectName(f"language_{code}")
        if code != "system":
            a.setStatusTip(label)  # English / 日本語 are named in themselves, never translated
        group.addAction(a)
        menu.addAction(a)
        window.language_actions[code] = a

        def chosen(checked=False, code=code):
            prefs.language = code
            set_language(code)

        a.triggered.connect(chosen)
    active = manager().preference if _manager is not None else prefs.language
    window.language_actions.get(active, window.language_actions["system"]).setChecked(True)
    return menu
