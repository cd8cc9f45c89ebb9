"""Colours and number formats shared by the widgets and plots (Qt only, no pyqtgraph).

Theme colours are a qualitative palette (Tableau 10) that stays readable on
light and dark backgrounds; the frontier curves use their own fixed set.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEME_PALETTE = [
    "#4E79A7",  # blue
    "#F28E2B",  # orange
    "#E15759",  # red
    "#76B7B2",  # teal
    "#59A14F",  # green
    "#EDC948",  # yellow
    "#B07AA1",  # purple
    "#FF9DA7",  # pink
    "#9C755F",  # brown
    "#BAB0AC",  # grey
    "#86BCB6",
    "#D37295",
]

FRONTIER_COLOURS = {
    "unhedged": "#4E79A7",
    "hedged": "#F28E2B",
    "optimal": "#59A14F",
    "current": "#B07AA1",
}

COUNTRY_COLOURS = {"US": "#4E79A7", "JP": "#E15759"}
CURRENCY_COLOURS = {"USD": "#4E79A7", "JPY": "#E15759"}
CURRENT_MARKER = "#E15759"


def theme_colours(theme_keys) -> dict[str, str]:
    return {k: THEME_PALETTE[i % len(THEME_PALETTE)] for i, k in enumerate(theme_keys)}


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def plot_colours() -> tuple[QColor, QColor]:
    """(background, foreground) for plots, following the system palette."""
    pal = QApplication.palette()
    return pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)


def pct(x: float | None, digits: int = 1) -> str:
    """A percentage on screen, as the UI's locale writes it (``allocator.gui.i18n.percent``)."""
    from allocator.gui.i18n import percent

    return percent(x, digits)


def warning_colours() -> tuple[str, str]:
    """(background, text) for the inline warning banner."""
    if is_dark():
        return "#5a3a12", "#ffe2b0"
    return "#fff1d6", "#5a3a12"


def info_colours() -> tuple[str, str]:
    """(background, text) for the informational notice (data in use)."""
    if is_dark():
        return "#16324f", "#d6e9ff"
    return "#e6f0fb", "#16324f"


def dark_palette() -> QPalette:
    """A dark palette like a desktop's dark mode (used to check readability, and by tests)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2b2b2b"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1e1e1e"),
        (roles.AlternateBase, "#262626"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#353535"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.Highlight, "#3d6ea8"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#3a3a3a"),
        (roles.ToolTipText, "#f0f0f0"),
        (roles.PlaceholderText, "#8c8c8c"),
        (roles.Link, "#7fb2ff"),
        (roles.Mid, "#404040"),
        (roles.Dark, "#1a1a1a"),
        (roles.Light, "#505050"),
    ):
        p.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p
