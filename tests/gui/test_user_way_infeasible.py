"""Issue 15 items 7, 11 and 14 (files): infeasible settings keep the frontier and can be saved;
messages in the window's words; saves keep `created` and are byte-identical for the same state."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from allocator.gui import messages

pytestmark = pytest.mark.gui



def _type_value(qtbot, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def _make_infeasible(win, qtbot):
    rows = list(win.themes.rows.values())
    for row, value in ((rows[0], "70"), (rows[1], "50")):
        row.check.click()
        _type_value(qtbot, row.spin, value)
    assert sum(win.run.optimization.constraints.theme_targets.values()) == pytest.approx(1.2)
    return rows


def test_infeasible_targets_keep_the_last_frontier_dimmed_and_the_marker(window, qtbot):
    win = window
    assert win.frontier.frontier_count() >= 1 and not win.frontier.dimmed
    _make_infeasible(win, qtbot)
    assert "Infeasible" in win.banner.text()
    assert win.frontier.frontier_count() >= 1
    assert win.frontier.dimmed
    x, _ = win.frontier.max_sharpe.getData()
    assert len(x) == 1
    curve = next(c for c in win.frontier.curves.values() if c.isVisible())
    assert curve.opacity() < 1
    win.act_free.trigger()  # feasible again: drawn at full strength
    assert not win.frontier.dimmed
    win.undo.setClean()


def test_infeasible_settings_can_be_saved_and_the_file_says_so(window, qtbot, tmp_path, monkeypatch):
    win = window
    _make_infeasible(win, qtbot)
    path = tmp_path / "wip.alloc.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    win.act_save.trigger()
    assert path.exists(), [m.text for m in messages.bus.history]
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == 2
    assert "theme targets sum to 120%" in raw["infeasible"]
    assert sum(raw["settings"]["theme_targets"].values()) == pytest.approx(1.2)
    assert sum(raw["result"]["weights"].values()) == pytest.approx(1.0)
    from allocator.document import load_document

    doc = load_document(path)
    assert doc.infeasible and sum(doc.run_settings().optimization.constraints.theme_targets.values()) == pytest.approx(1.2)
    assert win.open_file(str(path), ask=False)
    assert sum(win.run.optimization.constraints.theme_targets.values()) == pytest.approx(1.2)
    # CSV export works too (the last feasible allocation)
    assert win.export_csv(str(tmp_path / "wip.csv"))
    win.undo.setClean()


def test_feasible_files_have_no_infeasible_field(window, tmp_path):
    win = window
    assert win.save_to(str(tmp_path / "ok.alloc.json"))
    assert "infeasible" not in json.loads((tmp_path / "ok.alloc.json").read_text(encoding="utf-8"))


def test_infeasible_message_uses_display_names_not_theme_keys(window, qtbot):
    win = window
    rows = _make_infeasible(win, qtbot)
    text = win.banner.text()
    assert f"{rows[0].name} 70%" in text and f"{rows[1].name} 50%" in text
    assert f"{rows[0].key}=" not in text and "=" not in text.replace("<b>", "").replace("</b>", "")
    win.undo.setClean()


def test_country_bound_message_in_percents_not_fractions(window, qtbot):
    win = window
    lo, hi = win.limits.country["US"]
    _type_value(qtbot, hi, "50")
    _type_value(qtbot, lo, "80")
    text = win.banner.text()
    assert "US=" not in text and "0.8" not in text
    assert "80%" in text and "50%" in text and "United States" in text
    win.undo.setClean()


def test_cache_notes_name_the_menu_not_the_command(window, qtbot):
    """An empty cache: the sample is used; the notice says Data ▸ Refresh prices, not `allocator fetch`."""
    win = window
    win.act_src_auto.trigger()
    qtbot.waitUntil(lambda: win.notice.isVisible(), timeout=20000)
    shown = win.notice.text() + win.notice.toolTip() + win.data_label.toolTip()
    assert "allocator fetch" not in shown and "--" not in shown
    assert "Refresh prices" in shown
    win.undo.setClean()


def test_two_saves_of_the_same_state_are_byte_identical_and_keep_created(window, tmp_path, qtbot):
    win = window
    a, b = tmp_path / "a.alloc.json", tmp_path / "b.alloc.json"
    assert win.save_to(str(a))
    qtbot.wait(1100)  # a second later: a re-stamped `modified` would differ
    assert win.save_to(str(b))
    assert a.read_bytes() == b.read_bytes()
    # a file created long ago keeps its `created`; `modified` changes only with the state
    raw = json.loads(a.read_text(encoding="utf-8"))
    raw["created"] = raw["modified"] = "2020-01-02T03:04:05+00:00"
    old = tmp_path / "old.alloc.json"
    old.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert win.open_file(str(old), ask=False)
    assert win.save_to(str(old))
    again = json.loads(old.read_text(encoding="utf-8"))
    assert again["created"] == "2020-01-02T03:04:05+00:00" and again["modified"] == "2020-01-02T03:04:05+00:00"
    _type_value(qtbot, win.limits.cap, "20")
    assert win.save_to(str(old))
    changed = json.loads(old.read_text(encoding="utf-8"))
    assert changed["created"] == "2020-01-02T03:04:05+00:00"
    assert changed["modified"] != "2020-01-02T03:04:05+00:00"
    win.undo.setClean()
