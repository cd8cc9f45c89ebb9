"""Extract, check and compile the translations (``make i18n``; DESIGN §13).

    python tools/i18n.py update    # sources -> resources/i18n/allocator_ja.ts (keeps translations)
    python tools/i18n.py release   # allocator_ja.ts -> allocator_ja.qm (Qt's lrelease)
    python tools/i18n.py check     # entries without a finished translation (exit 1 if any), and
                                   # English handed to Qt without tr() ("stragglers", an ast scan)

Sources of strings:
* the GUI (``allocator/gui``): ``self.tr()``, ``QCoreApplication.translate()``
  and ``translate()`` calls, read by ``pyside6-lupdate``;
* the core: ``T("template", ...)`` calls (``allocator/text.py``), found with
  ``ast`` and handed to lupdate as ``QT_TRANSLATE_NOOP("Core", ...)`` lines of a
  generated file (lupdate's Python parser knows no custom markers).

The tools ship with PySide6-Essentials (``PySide6/lupdate``, ``PySide6/lrelease``;
the ``pyside6-lupdate`` scripts are thin wrappers around them).  The compiled
``.qm`` is committed beside the ``.ts`` so that a fresh clone runs and tests
without a build step, and ``make i18n``/``make wheel``/``make package``
compile it again; ``tests/test_i18n.py`` fails when the committed ``.qm`` is
not what lrelease makes of the ``.ts``, or a source string has no finished
translation.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "allocator"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("ja",)
CORE_CONTEXT = "Core"
#: Parameters a translation may use instead of another: the same value in another form that the
#: English does not show (``{keys}``: the file's own key names quoted, where the English lists
#: ``{known}`` bare).  The core passes both (``T("unknown field (known: {known})", known=..., keys=...)``).
ALTERNATE_PLACEHOLDERS = {"{keys}": "{known}"}


def ts_path(lang: str = "ja") -> Path:
    return I18N / f"allocator_{lang}.ts"


def qm_path(lang: str = "ja") -> Path:
    return I18N / f"allocator_{lang}.qm"


def qt_tool(name: str) -> str:
    """Path of Qt's ``lupdate``/``lrelease`` inside the installed PySide6 package."""
    import PySide6

    base = Path(PySide6.__file__).resolve().parent
    for candidate in (base / name, base / f"{name}.exe", base / "Qt" / "libexec" / name, base / "Qt" / "bin" / name):
        if candidate.is_file():
            return str(candidate)
    wrapper = Path(sys.executable).parent / f"pyside6-{name}"
    if wrapper.is_file():
        return str(wrapper)
    raise SystemExit(f"i18n: cannot find Qt's {name} in {base} (PySide6-Essentials ships it)")


def gui_sources() -> list[Path]:
    return sorted(p for p in (PKG / "gui").rglob("*.py") if "__pycache__" not in p.parts)


def core_sources() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "gui" not in p.relative_to(PKG).parts and "__pycache__" not in p.parts)


def core_templates() -> list[tuple[str, str, int]]:
    """(template, file, line) of every ``T("...")`` call with a literal template in the core."""
    found = []
    for path in core_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "T"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((node.args[0].value, _rel(path), node.lineno))
    return found


# Qt calls whose string arguments reach the screen: a literal (or an f-string) passed
# straight to one of them is English on every screen (a "straggler"; ``check`` lists them).
VISIBLE_CALLS = {
    # constructors (the text argument)
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton", "QAction",
    "QDockWidget", "QMessageBox", "QTableWidgetItem", "QListWidgetItem", "QTreeWidgetItem",
    # setters and adders
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setTitle",
    "setPlaceholderText", "setSpecialValueText", "setSuffix", "setPrefix", "setLabelText",
    "setItemText", "setTabText", "setTabToolTip", "setHorizontalHeaderLabels", "setVerticalHeaderLabels",
    "setHeaderLabels", "addTab", "insertTab", "addItem", "addItems", "insertItem", "addMenu", "addAction",
    "addRow", "showMessage", "setLabel", "setInformativeText", "setDetailedText", "setButtonText",
    "addButton", "setFormat", "show_message", "setHtml", "setPlainText",
    # the app's own paths to the screen: messages, the banner, undo steps, the busy label
    "post", "report_exception", "edit", "emit", "_set_busy", "_hedge",
    # dialogs
    "getText", "getDouble", "getInt", "getItem", "getOpenFileName", "getSaveFileName",
    "getExistingDirectory", "information", "warning", "critical", "question", "about",
}
# arguments that are never prose: keys, object names, formats, filters handled elsewhere
_NOT_PROSE = re.compile(r"^[\s\W\d]*$|^[A-Z]{2,4}$|^[a-z0-9_.:-]+$|^(?:%|px|pt|ms|s|bps|±\s?)$|^<[^>]*>$")


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _call_name(call: ast.Call) -> str:
    """The called name: ``setText`` for ``self.label.setText(...)``, ``T`` for ``T(...)``."""
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def _literal_strings(node: ast.AST) -> list[tuple[str, int]]:
    """Literal prose that reaches the call unchanged: plain strings, f-strings and their concatenations."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.value, node.lineno)]
    if isinstance(node, ast.JoinedStr):
        parts = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return [(parts, node.lineno)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_strings(node.left) + _literal_strings(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_strings(node.body) + _literal_strings(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [x for e in node.elts for x in _literal_strings(e)]
    return []


def _is_prose(text: str) -> bool:
    t = re.sub(r"<[^>]*>", " ", text).strip()  # markup around a translated text is no prose
    return bool(re.search(r"[A-Za-z]{3,}", t)) and not _NOT_PROSE.match(t)


def stragglers(paths: list[Path] | None = None) -> list[tuple[str, int, str, str]]:
    """(file, line, call, text) of English prose passed to a visible Qt call without ``tr()``."""
    found = []
    for path in paths or gui_sources():
        if path.name == "i18n.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            if name not in VISIBLE_CALLS:
                continue
            for arg in [*node.args, *(k.value for k in node.keywords if k.arg not in ("objectName", "color", "data", "merge_key"))]:
                for text, line in _literal_strings(arg):
                    if _is_prose(text):
                        found.append((_rel(path), line, name, text))
    return found


def untranslatable_tr_calls(paths: list[Path] | None = None) -> list[tuple[str, int, str]]:
    """``tr(f"...")`` and friends: the source lupdate extracts never matches at run time."""
    found = []
    for path in paths or gui_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            if name == "tr" and isinstance(node.func, ast.Name) and len(node.args) >= 2:
                found.append((_rel(path), node.lineno, "tr(context, text) alias: lupdate reads the context as the text"))
                continue
            if name == "tr" and isinstance(node.func, ast.Attribute) and not (
                isinstance(node.func.value, ast.Name) and node.func.value.id in ("self", "cls")
            ):
                found.append((_rel(path), node.lineno, "other.tr(): lupdate takes the expression as the context; use QCoreApplication.translate"))
                continue
            if name == "tr" and node.args:
                arg = node.args[0]
            elif name == "translate" and len(node.args) >= 2:
                arg = node.args[1]
            else:
                continue
            if isinstance(arg, (ast.JoinedStr, ast.BinOp)):
                found.append((_rel(path), node.lineno, ast.unparse(arg)[:80]))
    return found


# The core's errors a user reads (allocator.errors and the files' own); their message is a T().
USER_ERRORS = {
    "AllocatorError", "InputError", "UniverseError", "DocumentError", "DataError", "OptimizationError",
    "InfeasibleError", "SolverError", "UserFileError", "SchemaError", "JsonProblem", "NoMarketCap",
}
# Messages only a terminal shows (argument parsing): the CLI's own words, never in the window.
CLI_ONLY = ("cli.py",)


def core_stragglers(paths: list[Path] | None = None) -> list[tuple[str, int, str, str]]:
    """(file, line, error, text) of a user-facing core error raised with English prose that is not a ``T()``.

    The window shows these messages in the UI language only when they are
    ``allocator.text.Text``; a plain literal or f-string would be English on a
    Japanese screen.  Only literals are found (a message passed in a variable
    is the caller's ``T()``), and the CLI's argument errors are left out.
    """
    found = []
    for path in paths or core_sources():
        if path.name in CLI_ONLY:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            call = node.exc
            name = _call_name(call)
            if name not in USER_ERRORS:
                continue
            args = call.args[:1] + [k.value for k in call.keywords if k.arg == "message"]
            for arg in args:
                for text, line in _literal_strings(arg):
                    if _is_prose(text):
                        found.append((_rel(path), line, name, text))
    return found


def _core_stub(folder: Path) -> Path:
    """A Python file of ``QT_TRANSLATE_NOOP("Core", ...)`` lines for lupdate."""
    stub = folder / "core_messages.py"
    lines = ["# generated by tools/i18n.py: the core's T() templates, for lupdate\n"]
    for template, file, line in core_templates():
        lines.append(f"QT_TRANSLATE_NOOP({CORE_CONTEXT!r}, {template!r})  # {file}:{line}\n")
    stub.write_text("".join(lines), encoding="utf-8")
    return stub


def update(ts: Path | None = None, lang: str = "ja", quiet: bool = False) -> Path:
    """Run lupdate over the GUI and the core into ``ts`` (default: the committed .ts)."""
    ts = ts or ts_path(lang)
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        stub = _core_stub(Path(tmp))
        files = [str(p.relative_to(ROOT)) for p in gui_sources()] + [str(stub)]
        cmd = [qt_tool("lupdate"), "-no-obsolete", "-locations", "none", "-source-language", "en", "-target-language", lang, *files, "-ts", str(ts)]
        res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if res.returncode != 0:
        raise SystemExit(f"i18n: lupdate failed:\n{res.stdout}\n{res.stderr}")
    if not quiet:
        print(res.stdout.strip())
    return ts


def release(ts: Path | None = None, qm: Path | None = None, lang: str = "ja") -> Path:
    ts, qm = ts or ts_path(lang), qm or qm_path(lang)
    res = subprocess.run([qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True)
    if res.returncode != 0 or not qm.is_file():
        raise SystemExit(f"i18n: lrelease failed:\n{res.stdout}\n{res.stderr}")
    return qm


def entries(ts: Path) -> list[dict]:
    """Every message of a .ts: context, source, translation, finished."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            numerus = msg.get("numerus") == "yes"
            if numerus:
                forms = [f.text or "" for f in tr.iter("numerusform")]
                text = forms[0] if forms else ""
            else:
                text = (tr.text or "") if tr is not None else ""
            kind = tr.get("type") if tr is not None else "unfinished"
            out.append(
                {
                    "context": name,
                    "source": msg.findtext("source") or "",
                    "translation": text,
                    "finished": kind not in ("unfinished", "vanished", "obsolete") and bool(text.strip()),
                }
            )
    return out


def unfinished(ts: Path) -> list[dict]:
    return [e for e in entries(ts) if not e["finished"]]


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "all"
    if what in ("update", "all"):
        for lang in LANGUAGES:
            update(lang=lang)
    if what in ("release", "all"):
        for lang in LANGUAGES:
            print(f"i18n: {release(lang=lang).relative_to(ROOT)}")
    if what in ("check", "all"):
        for file, line, call, text in stragglers():
            print(f"straggler: {file}:{line} {call}({text!r}) is not translated")
        core = core_stragglers()
        for file, line, error, text in core:
            print(f"straggler: {file}:{line} {error}({text!r}) is not a T() (English on every screen)")
        for file, line, code in untranslatable_tr_calls():
            print(f"untranslatable: {file}:{line} tr({code}) (format after tr(), never inside)")
        bad = [e for lang in LANGUAGES for e in unfinished(ts_path(lang))]
        for e in bad:
            print(f"unfinished: [{e['context']}] {e['source']!r}")
        if bad:
            print(f"i18n: {len(bad)} entr{'y' if len(bad) == 1 else 'ies'} without a finished translation")
        if core:
            print(f"i18n: {len(core)} core error message(s) are not translatable")
        if bad or core:
            return 1
        print("i18n: every entry is translated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
