"""Write translations into a .ts: ``python tools/ts_fill.py TRANSLATIONS.py [more.py …]``.

Each file defines ``J = {(context, source): translation}``; matching messages of
resources/i18n/allocator_ja.ts get the translation and lose ``type="unfinished"``.
A translator's helper for batches (Qt Linguist does the same one entry at a time);
entries not named are left as they are.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "allocator_ja.ts"


def fill(ts: Path, table: dict[tuple[str, str], str]) -> tuple[int, list]:
    tree = ET.parse(ts)
    done, used = 0, set()
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            key = (name, msg.findtext("source") or "")
            if key not in table:
                continue
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            tr.text = table[key]
            tr.attrib.pop("type", None)
            used.add(key)
            done += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    text = ts.read_text(encoding="utf-8").replace("<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
    ts.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    return done, sorted(set(table) - used)


def main(argv: list[str]) -> int:
    table: dict = {}
    for f in argv:
        ns: dict = {}
        exec(Path(f).read_text(encoding="utf-8"), ns)
        table.update(ns["J"])
    done, unused = fill(TS, table)
    print(f"ts_fill: {done} translations written")
    for k in unused:
        print(f"ts_fill: not in the .ts: {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
