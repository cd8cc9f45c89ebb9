"""Layering rules that a tool checks, not a reviewer's memory (STYLE.md habit 1 and 9).

* The core (everything in ``allocator`` outside ``allocator.gui``) imports with
  Qt made unimportable, and leaves no Qt module loaded.
* Only one module imports yfinance.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import allocator

PKG = Path(allocator.__file__).resolve().parent


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(PKG)], prefix="allocator."):
        if info.name.startswith("allocator.gui"):
            continue
        names.append(info.name)
    return names


def test_core_imports_without_qt():
    mods = core_modules()
    assert "allocator.optimize.engine" in mods and "allocator.cli" in mods
    code = (
        "import sys\n"
        "for name in ('PySide6', 'shiboken6', 'pyqtgraph'):\n"
        "    sys.modules[name] = None  # any import of these now fails\n"
        f"mods = {mods!r}\n"
        "import importlib\n"
        "for m in mods:\n"
        "    importlib.import_module(m)\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph') and sys.modules[m] is not None]\n"
        "assert not loaded, loaded\n"
        "print('ok', len(mods))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.startswith("ok")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_no_qt_import_statement_outside_gui():
    offenders = [
        str(p.relative_to(PKG))
        for p in PKG.rglob("*.py")
        if "gui" not in p.relative_to(PKG).parts and _imports(p) & {"PySide6", "pyqtgraph", "shiboken6"}
    ]
    assert offenders == []


def test_only_one_module_imports_yfinance():
    users = [str(p.relative_to(PKG)) for p in PKG.rglob("*.py") if "yfinance" in _imports(p)]
    assert len(users) <= 1, users
