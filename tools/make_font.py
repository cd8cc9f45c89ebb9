"""Make resources/fonts/AllocatorJP-Regular.otf: a Japanese subset of Noto Sans CJK JP.

    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb /tmp/noto
    pip install fonttools
    python tools/make_font.py /tmp/noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

Why: a bare Linux machine (and the frozen app on one) may have no font with
Japanese glyphs; Qt then draws boxes.  ``allocator.gui.fonts`` loads this
subset only when the system has no Japanese font.  The subset keeps ASCII and
Latin-1, punctuation, kana, CJK symbols, full-width forms, the JIS X 0208
level-1 kanji (the 2,965 common ones) and every character of the shipped
translations and universe names, so the app's own text and most user notes
render: about 1.8 MB instead of the 16 MB face.  The font is licensed under the
SIL Open Font License 1.1 (resources/fonts/OFL.txt); the subset is renamed, as
the OFL asks of modified versions with a reserved name.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "fonts" / "AllocatorJP-Regular.otf"
FAMILY = "Allocator JP"


def jis_level1() -> set[int]:
    """JIS X 0208 level-1 kanji (rows 16-47), through Python's EUC-JP codec."""
    chars = set()
    for row in range(16, 48):
        for cell in range(1, 95):
            try:
                chars.add(ord(bytes([0xA0 + row, 0xA0 + cell]).decode("euc_jp")))
            except UnicodeDecodeError:
                pass
    return chars


def jis_non_kanji() -> set[int]:
    """JIS X 0208 rows 1-8: symbols, digits, kana, Greek, Cyrillic, box drawing."""
    chars = set()
    for row in range(1, 9):
        for cell in range(1, 95):
            try:
                chars.add(ord(bytes([0xA0 + row, 0xA0 + cell]).decode("euc_jp")))
            except UnicodeDecodeError:
                pass
    return chars


def shipped_text() -> set[int]:
    """Every character of the translations and the universe file."""
    text = ""
    for p in list((ROOT / "resources" / "i18n").glob("*.ts")) + [ROOT / "resources" / "universe.toml"]:
        text += p.read_text(encoding="utf-8")
    return {ord(c) for c in text}


def codepoints() -> set[int]:
    cps = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    for lo, hi in ((0x2000, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x25A0, 0x25FF),
                   (0x3000, 0x303F), (0x3040, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF), (0xFF00, 0xFFEF)):
        cps |= set(range(lo, hi + 1))
    return cps | jis_non_kanji() | jis_level1() | shipped_text()


def main(argv: list[str]) -> int:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    if not argv:
        print(__doc__)
        return 2
    source = Path(argv[0])
    collection = TTCollection(str(source))
    face = next(f for f in collection.fonts if "JP" in f["name"].getDebugName(1))
    options = subset.Options()
    options.layout_features = ["kern", "liga", "ccmp", "locl", "palt"]  # no vertical or alternate forms
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints())
    subsetter.subset(face)
    name = face["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 16):
            rec.string = FAMILY
        elif rec.nameID == 4:
            rec.string = f"{FAMILY} Regular"
        elif rec.nameID == 6:
            rec.string = "AllocatorJP-Regular"
        elif rec.nameID == 3:
            rec.string = "AllocatorJP-Regular; subset of Noto Sans CJK JP"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    face.save(str(OUT))
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1e6:.2f} MB, {len(face.getGlyphOrder())} glyphs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
