"""Issue 16: File ▸ Open of an older or hand-edited file whose stored result contradicts its own
settings.  The CLI refuses such a file (exit 2, tests/test_document_strict.py); the window opens
it: the settings are loaded, the result is recomputed from them, a banner names what
contradicted in the window's words, the document is marked modified (saving writes the
recomputed result) and the undo stack starts with nothing to undo."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from allocator.cli import main
from allocator.document import load_document
from allocator.gui import i18n, messages

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict:
    """A real allocation of the sample with a 20% cap (the CLI wrote it)."""
    d = tmp_path_factory.mktemp("recomputed")
    out = d / "base.alloc.json"
    assert main(["optimize", "--data", "sample", "--max-weight", "0.2", "-o", str(out)]) == 0
    raw = json.loads(out.read_text(encoding="utf-8"))
    assert max(raw["result"]["weights"].values()) > 0.15 + 1e-3  # the edit below contradicts it
    return raw


def _contradicting(saved: dict) -> dict:
    """The file after a hand edit: the cap lowered to 15% and the Sharpe ratio changed."""
    raw = json.loads(json.dumps(saved))
    raw["settings"]["max_weight"] = 0.15
    raw["result"]["metrics"]["sharpe"] = 9.5
    return raw


def _open_through_menu(window, monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.act_open.trigger()


def _errors():
    return [m for m in messages.bus.history if m.level is messages.Level.ERROR]


def test_the_cli_refuses_the_file(saved, tmp_path, capsys):
    f = tmp_path / "old.alloc.json"
    f.write_text(json.dumps(_contradicting(saved)), encoding="utf-8")
    assert main(["export", str(f), "--csv", str(tmp_path / "x.csv")]) == 2
    assert "is above the cap settings.max_weight" in capsys.readouterr().err


def test_open_recomputes_shows_the_banner_and_marks_modified(window, saved, tmp_path, monkeypatch):
    f = tmp_path / "old.alloc.json"
    raw = _contradicting(saved)
    f.write_text(json.dumps(raw), encoding="utf-8")
    held = max(saved["result"]["weights"], key=saved["result"]["weights"].get)
    _open_through_menu(window, monkeypatch, f)

    assert not _errors(), _errors()
    assert window.path == str(f)
    assert window.run.optimization.constraints.max_weight == pytest.approx(0.15)
    assert max(window.allocation.weights.values()) <= 0.15 + 1e-6  # recomputed under the file's cap
    assert window.allocation_run == window.run
    text = window.banner.text()
    assert window.banner.isVisible() and text.startswith("<b>Recomputed:</b>"), text
    assert f"({held}) 20%" in text and "assets above the 15% cap per asset: " in text, text
    assert "Sharpe ratio" in text, text
    assert not re.search(r"\b(result|settings)\.[a-z]|max_weight|re-run", text), text  # no CLI words
    assert window.isWindowModified() and window.windowTitle().startswith("old.alloc.json")
    assert window.undo.count() == 0 and not window.undo.canUndo() and not window.undo.isClean()

    # the banner stays through an edit's re-solve; File ▸ Save writes the recomputed result
    window.limits.cap.setValue(14)
    assert "Recomputed" in window.banner.text()
    window.undo.undo()
    assert window.run.optimization.constraints.max_weight == pytest.approx(0.15)
    assert window.isWindowModified()  # undoing the edit does not bring the stored result back
    window.act_save.trigger()
    assert not _errors(), _errors()
    doc = load_document(f)  # the CLI's strict reading now accepts it
    assert doc.created == raw["created"]
    assert doc.run_settings().optimization.constraints.max_weight == pytest.approx(0.15)
    assert doc.weights == pytest.approx(dict(window.allocation.weights), abs=1e-9)
    assert not window.isWindowModified()
    assert "Recomputed" not in window.banner.text()


def test_the_banner_is_in_japanese(window, saved, tmp_path, monkeypatch):
    f = tmp_path / "old.alloc.json"
    raw = _contradicting(saved)
    raw["settings"]["theme_targets"] = {"defense": 0.6}
    f.write_text(json.dumps(raw), encoding="utf-8")
    _open_through_menu(window, monkeypatch, f)
    assert "Defence" in window.banner.text() or "defen" in window.banner.text().lower()
    i18n.set_language("ja")
    text = window.banner.text()
    assert "再計算" in text and "1銘柄の上限" in text and "シャープレシオ" in text, text
    assert "Recomputed" not in text and "contradicted" not in text, text
    window.grab().save(str(tmp_path / "recomputed-ja.png"))


def test_a_modified_recomputed_file_asks_before_new(window, saved, tmp_path, monkeypatch):
    f = tmp_path / "old.alloc.json"
    f.write_text(json.dumps(_contradicting(saved)), encoding="utf-8")
    _open_through_menu(window, monkeypatch, f)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel)
    window.act_new.trigger()
    assert asked and window.path == str(f)  # cancelled: the recomputed document stays


@pytest.mark.parametrize(
    "edit,words",
    [
        (lambda r: r["result"]["metrics"].__setitem__("volatility", "0.2"), "result.metrics.volatility"),
        (lambda r: r["data"]["prices"][next(iter(r["data"]["prices"]))].__setitem__("close", 5e-324), "plausible price"),
    ],
    ids=["bad-type", "bad-price-beside-a-contradiction"],
)
def test_other_problems_are_still_refused(window, saved, tmp_path, monkeypatch, edit, words):
    f = tmp_path / "bad.alloc.json"
    raw = _contradicting(saved)
    edit(raw)
    f.write_text(json.dumps(raw), encoding="utf-8")
    before = window.run
    _open_through_menu(window, monkeypatch, f)
    assert _errors() and words in _errors()[-1].text, _errors()
    assert window.path is None and window.run == before and not window.banner.text().startswith("<b>Recomputed")
