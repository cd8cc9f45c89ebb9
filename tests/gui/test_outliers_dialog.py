"""Issue 16, item 11 in the app: a CSV with a price typo (x1,000) asks before it becomes the price source."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from allocator.data.csv_import import forget_acceptances
from allocator.gui import messages
from allocator.gui import outliers

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_confirmations():
    forget_acceptances()
    yield
    forget_acceptances()


def _typo_csv(built, tmp_path, factor=1000.0, name="typo.csv"):
    frame = built.history.prices[["NVDA", "LMT", "8306.T"]].iloc[-600:].copy()
    frame["JPY=X"] = built.history.fx.reindex(frame.index)
    day = frame.index[400]
    frame.loc[day, "LMT"] *= factor
    path = tmp_path / name
    frame.to_csv(path, index_label="Date")
    return path, day.date()


def _answer(monkeypatch, code, seen):
    def exec_(self):
        seen.append(self)
        return code

    monkeypatch.setattr(outliers.OutlierConfirmDialog, "exec", exec_)


def test_cancel_keeps_the_previous_source(window, tmp_path, built, monkeypatch):
    path, day = _typo_csv(built, tmp_path)
    seen = []
    _answer(monkeypatch, QDialog.DialogCode.Rejected, seen)
    start = window.run
    assert not window.import_csv(str(path))
    assert window.run == start
    (dlg,) = seen
    assert dlg.table.rowCount() >= 1
    cells = [dlg.table.item(0, j).text() for j in range(5)]
    assert cells[:4] == ["typo.csv", "402", "LMT", str(day)]  # line 402: the header, then the 401st price
    assert dlg.cancel_button.isDefault()


def test_confirm_imports_and_the_engine_accepts_the_file(window, tmp_path, built, monkeypatch):
    path, _ = _typo_csv(built, tmp_path)
    seen = []
    _answer(monkeypatch, QDialog.DialogCode.Accepted, seen)
    assert window.import_csv(str(path))
    assert len(seen) == 1
    assert window.run.data == f"csv:{path}"
    assert window.allocation is not None  # the engine's load of the same file is not refused
    notes = [m.text for m in messages.bus.history if "outlier threshold" in m.text]
    assert notes and "LMT" in notes[0]
    # the same file again: already confirmed, no second question
    window.act_undo.trigger()
    assert window.import_csv(str(path))
    assert len(seen) == 1


def test_a_file_without_extreme_moves_asks_nothing(window, tmp_path, built, monkeypatch):
    path, _ = _typo_csv(built, tmp_path, factor=1.0, name="clean.csv")
    seen = []
    _answer(monkeypatch, QDialog.DialogCode.Rejected, seen)
    assert window.import_csv(str(path))
    assert seen == []


def test_dialog_renders(qtbot, tmp_path, built):
    from allocator.data.csv_import import import_prices

    path, _ = _typo_csv(built, tmp_path)
    dlg = outliers.OutlierConfirmDialog(list(import_prices(path).extreme_moves))
    qtbot.addWidget(dlg)
    dlg.resize(700, 340)
    img = dlg.grab()
    assert not img.isNull() and img.width() >= 640
    if __import__("os").environ.get("ALLOCATOR_SCREENSHOTS"):
        img.save(str(tmp_path / "outliers.png"))
