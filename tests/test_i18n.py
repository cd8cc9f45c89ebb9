"""Translations (DESIGN §13): the .ts is complete and current, the .qm is what lrelease makes of it,
core messages keep their English and carry templates, and the universe has Japanese names."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

import i18n as tool  # noqa: E402  (tools/i18n.py)

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d+|%n")


def _qt_tools_or_skip():
    pytest.importorskip("PySide6")
    try:
        tool.qt_tool("lupdate")
        tool.qt_tool("lrelease")
    except SystemExit as exc:
        pytest.skip(str(exc))


def test_every_ts_entry_is_finished():
    bad = tool.unfinished(tool.ts_path("ja"))
    assert not bad, "untranslated (run `make i18n`, then translate): " + "; ".join(f"[{e['context']}] {e['source']!r}" for e in bad[:20])


# The session's final translation sweep (wt-14) is done: from here on every source
# string must have a finished translation, so `make test` enforces completeness.


def test_every_source_string_has_a_finished_translation(tmp_path):
    """lupdate over today's sources finds no string that the committed .ts lacks (or left unfinished)."""
    _qt_tools_or_skip()
    ts = tmp_path / "allocator_ja.ts"
    shutil.copy(tool.ts_path("ja"), ts)
    tool.update(ts, quiet=True)
    bad = tool.unfinished(ts)
    assert not bad, "source strings without a translation (run `make i18n` and translate them): " + "; ".join(
        f"[{e['context']}] {e['source']!r}" for e in bad[:20]
    )


def test_no_english_prose_reaches_qt_without_tr():
    """No literal English (or f-string) handed straight to a Qt text setter, menu, dialog or message."""
    found = tool.stragglers()
    assert not found, "wrap in self.tr()/QCoreApplication.translate(): " + "; ".join(f"{f}:{n} {c}({t!r})" for f, n, c, t in found[:20])


def test_every_tr_call_has_a_literal_lupdate_can_match():
    """``tr(f"...")`` or ``tr("a" + b)`` extracts a source that never matches at run time."""
    found = tool.untranslatable_tr_calls()
    assert not found, "format after tr(), never inside: " + "; ".join(f"{f}:{n} {c}" for f, n, c in found[:20])


def test_the_straggler_check_finds_literals_and_f_strings(tmp_path):
    src = tmp_path / "w.py"
    src.write_text(
        "def f(self, n):\n"
        "    self.label.setText('Solved in a moment')\n"
        "    self.label.setToolTip(f'{n} frontiers drawn')\n"
        "    self.tr(f'{n} assets')\n"
        "    self.label.setText(self.tr('Fine'))\n"
        "    self.label.setText('USD')\n",
        encoding="utf-8",
    )
    hits = [(c, t) for f, n, c, t in tool.stragglers([src])]
    bad_tr = tool.untranslatable_tr_calls([src])
    assert ("setText", "Solved in a moment") in hits and ("setToolTip", " frontiers drawn") in hits
    assert len(hits) == 2  # tr()-wrapped text and a currency code are fine
    assert len(bad_tr) == 1


def test_every_user_facing_core_error_is_translatable():
    """A core error the window shows (a bad file, a conflict, missing data) is a T(), never a bare literal."""
    found = tool.core_stragglers()
    assert not found, "write the message as T(...) (allocator/text.py): " + "; ".join(
        f"{f}:{n} {c}({t!r})" for f, n, c, t in found[:20]
    )


def test_the_core_straggler_check_finds_literal_and_f_string_errors(tmp_path):
    src = tmp_path / "core.py"
    src.write_text(
        "def f(n, path):\n"
        "    raise InputError('a value is out of range')\n"
        "    raise DocumentError(f'{n} rows have no date', path=path)\n"
        "    raise errors.DataError(message='no prices at all')\n"
        "    raise InputError(T('{n} assets are too few', n=n))\n"
        "    raise ValueError('internal: wrong call')\n"
        "    raise InputError('USD')\n",
        encoding="utf-8",
    )
    hits = [(c, t) for f, n, c, t in tool.core_stragglers([src])]
    assert hits == [("InputError", "a value is out of range"), ("DocumentError", " rows have no date"),
                    ("DataError", "no prices at all")]
    cli = tmp_path / "cli.py"  # argument errors are the terminal's own words
    cli.write_text("raise InputError('--base must be USD or JPY')\n", encoding="utf-8")
    assert tool.core_stragglers([cli]) == []


def test_committed_qm_is_compiled_from_the_ts(tmp_path):
    _qt_tools_or_skip()
    qm = tool.release(tool.ts_path("ja"), tmp_path / "allocator_ja.qm")
    assert qm.read_bytes() == tool.qm_path("ja").read_bytes(), "allocator_ja.qm is stale: run `make i18n`"


def test_translations_keep_every_placeholder():
    for e in tool.entries(tool.ts_path("ja")):
        if e["finished"]:
            # a documented alternate form of a parameter counts as that parameter (tools/i18n.py)
            used = [tool.ALTERNATE_PLACEHOLDERS.get(p, p) for p in PLACEHOLDER.findall(e["translation"])]
            assert sorted(PLACEHOLDER.findall(e["source"])) == sorted(used), e


def test_alternate_placeholders_are_passed_by_the_core():
    """A translation's ``{keys}`` is filled in: the document's and the schema's unknown-field messages pass it."""
    from allocator.document import _Bad, _keys
    from allocator.schema import AttributionRow, SchemaError, check

    def quoted(template):
        return "known: {keys}" if template == "unknown field (known: {known})" else None

    with pytest.raises(_Bad) as e:
        _keys({"a": 1, "odd": 2}, "x", ("a",), ("b",))
    assert str(e.value.message) == "unknown field (known: a, b)"
    assert e.value.message.render(quoted) == 'known: "a", "b"'
    with pytest.raises(SchemaError) as e:
        check(AttributionRow, {k: 0.0 for k in AttributionRow.model_fields} | {"surprise": 1.0}, "row")
    assert "unknown field (known: " in str(e.value.message)
    assert e.value.message.render(quoted).startswith('known: "')



def test_core_templates_are_extracted():
    templates = {t for t, _, _ in tool.core_templates()}
    assert "a {cap} cap across {n} assets can invest at most {most}" in templates
    sources = {(e["context"], e["source"]) for e in tool.entries(tool.ts_path("ja"))}
    assert all(("Core", t) in sources for t in templates)


def test_core_message_is_english_str_with_its_template():
    from allocator.errors import InfeasibleError
    from allocator.text import T, Text

    m = T("a {cap} cap across {n} assets can invest at most {most}", cap="5%", n=10, most="50%")
    assert isinstance(m, str) and m == "a 5% cap across 10 assets can invest at most 50%"
    assert m.render(lambda t: "{n}銘柄に各{cap}の上限では、最大{most}しか投資できません") == "10銘柄に各5%の上限では、最大50%しか投資できません"
    assert m.render(lambda t: "broken {nope}") == str(m)  # a bad translation never hides the message
    exc = InfeasibleError("; ".join([m, m]), [m, m])
    assert str(exc) == f"{m}; {m}" and all(isinstance(c, Text) for c in exc.conflicts)


def test_infeasible_conflicts_from_the_optimiser_carry_templates():
    from allocator.errors import InfeasibleError
    from allocator.optimize.diagnose import check_feasible
    from allocator.optimize.problem import Structure
    from allocator.optimize.settings import Constraints
    from allocator.text import Text
    from allocator.universe import default_universe

    u = default_universe()
    s = Structure.of(u.assets, ("USD",))
    with pytest.raises(InfeasibleError) as info:
        check_feasible(s, Constraints(max_weight=0.01))
    assert info.value.conflicts and all(isinstance(c, Text) for c in info.value.conflicts)
    assert "cap across" in str(info.value)  # the CLI's English, unchanged


def test_every_default_theme_and_asset_has_a_japanese_name():
    from allocator.universe import default_universe

    u = default_universe()
    jp = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for t in u.themes:
        assert t.name_ja and t.description_ja, t.key
        assert t.display_name("ja") == t.name_ja and t.display_name("en") == t.name
    for a in u.assets:
        assert a.name_ja, a.ticker
        assert a.display_name("en") == a.name
    assert u.asset("7203.T").display_name("ja") == "トヨタ自動車"
    assert u.asset("7011.T").display_name("ja") == "三菱重工業"
    assert u.asset("LMT").display_name("ja") == "ロッキード・マーチン"
    assert sum(bool(jp.search(a.name_ja)) for a in u.assets) >= len(u.assets) - 3  # INPEX, RTX … stay Latin


def test_japanese_names_stay_out_of_files_and_survive_a_round_trip():
    from allocator.universe import Universe, default_universe

    u = default_universe()
    d = u.to_dict()
    assert "name_ja" not in d["assets"][0] and "name_ja" not in next(iter(d["themes"].values()))
    back = Universe.from_dict(d)
    assert back == u
    assert back.asset("7203.T").display_name("ja") == "トヨタ自動車"  # found in the default universe
