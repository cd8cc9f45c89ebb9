"""Core messages worded for the window: display names, percents and menu paths, not CLI syntax.

The core writes one English message for every front end (``allocator.text.T``),
and the CLI keeps it as it is: theme keys (``defense=40%``), fractions
(``US=0.8:0.5``), commands (``run `allocator fetch```) and flags (``--base JPY``)
are what a terminal user types.  In the window the same facts read as the user
sees them: "Defence & aerospace 40%", "United States 80% to 50%", "Data ▸
Refresh prices (F5)", "the base currency (Currency panel)".

:class:`GuiWording` does this at the GUI boundary, on top of the i18n renderer
(``allocator.gui.i18n.render`` / ``render_error``, which translate the
template): the parameters that name a theme are given its display name before
rendering, and the rendered text has the CLI's phrases replaced by the menu
paths (which are ``tr()`` strings, so they follow the UI language).
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication

from allocator import text as core_text


def _pct(x: float) -> str:
    from allocator.gui.i18n import percent

    v = float(x) * 100
    return percent(float(x), 0 if abs(v - round(v)) < 1e-9 else 1)


def _accept_in_gui() -> str:
    return QCoreApplication.translate(
        "Wording", "import it again (Data ▸ Import prices from a CSV file) and choose “Use the prices as they are”"
    )


#: Core phrases that tell a CLI user which flag to pass: the window says what to do in it instead.
_GUI_PHRASES = {
    "pass --accept-outliers to use it as it is": _accept_in_gui,
}


class GuiWording:
    """Renders core messages for the window (see the module doc); ``set_themes`` when the universe changes."""

    def __init__(self) -> None:
        self.themes: dict[str, str] = {}

    def set_themes(self, names: dict[str, str]) -> None:
        self.themes = dict(names)

    # -- rendering -----------------------------------------------------------------
    def render(self, message: Any) -> str:
        """A core message (``Text``, exception or str) in the UI language and the window's words."""
        from allocator.gui import i18n

        if isinstance(message, BaseException):
            return self.render_error(message)
        if isinstance(message, core_text.Text):
            message = self._named(message)
        return self.words(i18n.render(message))

    def render_error(self, exc: BaseException) -> str:
        from allocator.gui import i18n

        conflicts = getattr(exc, "conflicts", None)
        if conflicts and any(isinstance(c, core_text.Text) for c in conflicts):
            sep = QCoreApplication.translate("Core", "; ")
            return self.words(sep.join(i18n.render(self._named(c)) for c in conflicts))
        message = getattr(exc, "message", None)
        if isinstance(message, core_text.Text):
            return self.words(" ".join(i18n.render(self._named(message)).split()))
        return self.words(i18n.render_error(exc))

    def _named(self, t: core_text.Text) -> core_text.Text:
        params = {}
        for k, v in t.params.items():
            if isinstance(v, core_text.Text) and v.template in _GUI_PHRASES:
                v = _GUI_PHRASES[v.template]()  # the CLI's way out (a flag) in the window's words
            elif isinstance(v, core_text.Text):
                v = self._named(v)
            elif k == "theme" and isinstance(v, str):
                v = self.themes.get(v, v)
            params[k] = v
        return core_text.Text(t.template, params)

    # -- the CLI's phrases -----------------------------------------------------------
    def words(self, text: str) -> str:
        """``text`` with theme keys, fractions, commands and flags in the window's words."""
        if not text:
            return text
        refresh = QCoreApplication.translate("Wording", "Data ▸ Refresh prices (F5)")
        text = re.sub(r"\(?allocator fetch --tickers [^\s),;]+\)?", f"({refresh})", text)
        text = re.sub(r"run `allocator fetch`", QCoreApplication.translate("Wording", "use {menu}").format(menu=refresh), text)
        text = re.sub(r"`?allocator fetch`?", refresh, text)
        text = re.sub(r"use --base (USD|JPY)", lambda m: QCoreApplication.translate("Wording", "choose {ccy} as the base currency (Currency panel)").format(ccy=m.group(1)), text)
        text = re.sub(
            r"\b(US|JP)=(-?\d*\.?\d+):(-?\d*\.?\d+)",
            lambda m: QCoreApplication.translate("Wording", "{country} {lo} to {hi}").format(
                country=self._country(m.group(1)), lo=_pct(float(m.group(2))), hi=_pct(float(m.group(3)))
            ),
            text,
        )
        for flag, where in (
            ("--max-weight", QCoreApplication.translate("Wording", "Limits ▸ Max per asset")),
            ("--theme-tolerance", QCoreApplication.translate("Wording", "Themes ▸ band")),
            ("--country", QCoreApplication.translate("Wording", "Limits ▸ country bounds")),
            ("--hedge", QCoreApplication.translate("Wording", "Currency ▸ Hedge")),
            ("--start", QCoreApplication.translate("Wording", "Estimation ▸ Window")),
            ("--end", QCoreApplication.translate("Wording", "Estimation ▸ Window")),
            ("--base", QCoreApplication.translate("Wording", "Currency ▸ Base")),
            ("--data", QCoreApplication.translate("Wording", "Data ▸ Price source")),
            ("--rf", QCoreApplication.translate("Wording", "Objective ▸ Risk-free")),
        ):
            text = re.sub(re.escape(flag) + r"\b", where, text)
        for name in sorted(set(self.themes.values()), key=len, reverse=True):
            text = text.replace(f"{name}=", f"{name} ") if f"{name}=" in text else text
        for key, name in sorted(self.themes.items(), key=lambda kv: -len(kv[0])):
            # "defense=40%" -> "Defence & aerospace 40%"; "theme target semis_ai" -> its name
            text = re.sub(rf"\b{re.escape(key)}=(?=-?\d)", f"{name} ", text)
            if "_" in key:
                text = re.sub(rf"\b{re.escape(key)}\b", name, text)
            text = re.sub(rf"\btheme target {re.escape(key)}\b", QCoreApplication.translate("Wording", "theme target {name}").format(name=name), text)
        return text

    def _country(self, code: str) -> str:
        return {"US": QCoreApplication.translate("Wording", "United States"), "JP": QCoreApplication.translate("Wording", "Japan")}.get(code, code)
