"""Japanese glyphs everywhere: a bundled fallback font when the system has none (DESIGN §13).

A bare Linux machine (no ``fonts-noto-cjk``) and the frozen app on one have no
font with Japanese glyphs, so Qt would draw boxes for 日本語.  At start-up
:func:`ensure_japanese_font` asks Qt's font database for a family that writes
Japanese; only when there is none it loads the bundled subset of Noto Sans
CJK JP (``resources/fonts/AllocatorJP-Regular.otf``, ~1.8 MB, OFL; made by
``tools/make_font.py``) and puts it behind the UI font as a fallback family,
so Latin text keeps the system font and Japanese falls through to this one.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QRawFont
from PySide6.QtWidgets import QApplication

FONT_FILE = "AllocatorJP-Regular.otf"
SAMPLE = "日本語の効率的フロンティア、為替ヘッジ"

_loaded: str | None = None


def system_japanese_families() -> list[str]:
    """Families of the system (not the bundled one) that support Japanese."""
    fams = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    return [f for f in fams if f != _loaded and not QFontDatabase.isPrivateFamily(f)]


def covers(family: str, text: str = SAMPLE) -> bool:
    """True when ``family`` has a glyph for every character of ``text``."""
    raw = QRawFont.fromFont(QFont(family))
    return raw.isValid() and all(raw.supportsCharacter(ord(c)) for c in text if not c.isspace())  # ord: the QChar overload fails above the BMP basics


def load_bundled() -> str | None:
    """Register the bundled font with Qt; its family name, or None when it cannot load."""
    global _loaded
    if _loaded is not None:
        return _loaded
    from allocator.bundled import resource

    node = resource("fonts", FONT_FILE)
    if not node.is_file():
        return None
    font_id = QFontDatabase.addApplicationFontFromData(node.read_bytes())
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    _loaded = families[0] if families else None
    return _loaded


def ensure_japanese_font(app: QApplication | None = None, force: bool = False) -> str | None:
    """Make Japanese render; returns the bundled family when it had to be used, else None.

    ``force`` loads the bundled font even when the system has one (tests).
    """
    app = app or QApplication.instance()
    if not force and system_japanese_families():
        return None
    family = load_bundled()
    if family is None:
        return None
    font = app.font()
    families = [f for f in (font.families() or [font.family()]) if f != family]
    font.setFamilies(families + [family])
    app.setFont(font)
    # text drawn with an explicit family (plots, bold labels) falls back to it as well
    for base in {font.family(), "Sans Serif", "sans-serif", "DejaVu Sans", "Helvetica", "Arial"}:
        QFont.insertSubstitution(base, family)
    return family
