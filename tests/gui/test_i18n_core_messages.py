"""Core messages in the window's language (DESIGN §13, issue 14): a damaged allocation file
opened with File ▸ Open, a bad CSV imported with Data ▸ Import prices, a save to a folder that
does not exist and a CSV with a price typo each tell a Japanese user what is wrong in Japanese
- quoting only the user's own values (file names, field paths, tickers, dates, numbers) - and,
back in English, the same words as the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from allocator.data.csv_import import forget_acceptances
from allocator.gui import messages, outliers

pytestmark = pytest.mark.gui

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]")
# Latin words a Japanese message keeps: formats, products, JSON literals, units.
LATIN_OK = {"json", "csv", "utf", "yahoo", "finance", "allocator", "iso", "yyyy", "gzip", "nul", "unicode",
            "true", "false", "null", "nan", "infinity", "adj", "close", "price", "ticker", "date",
            "shares"}  # (the holdings CSV's column names are quoted literally)


def english_words(text: str, values: tuple[str, ...] = ()) -> list[str]:
    """Latin words left in ``text`` once the user's own values are taken out: ``values`` (paths
    with spaces), quoted values (「…」, "…", '…'), file paths and names, ISO dates, numbers, tickers."""
    for v in sorted(values, key=len, reverse=True):
        text = text.replace(v, " ")
    t = re.sub(r"「[^」]*」|“[^”]*”|\"[^\"]*\"|'[^']*'", " ", text)
    t = re.sub(r"\S*[/\\]\S*", " ", t)  # paths
    t = re.sub(r"\S+\.(?:alloc\.json|json|csv|gz)\b", " ", t)  # file names
    t = re.sub(r"\d{4}-\d{2}-\d{2}(?:T[\d:+.-]+)?", " ", t)  # ISO dates
    t = re.sub(r"\b[A-Z0-9][A-Z0-9.=^]*\b", " ", t)  # tickers, codes, numbers
    return [w for w in re.findall(r"[A-Za-z][A-Za-z-]{2,}", t) if w.lower() not in LATIN_OK]


def assert_japanese(text: str, values: tuple[str, ...] = ()) -> None:
    assert JAPANESE.search(text), text
    left = english_words(text, values)
    assert not left, (left, text)


@pytest.fixture(autouse=True)
def _no_confirmations():
    forget_acceptances()
    yield
    forget_acceptances()


@pytest.fixture
def boxes(monkeypatch):
    """The text of each message box the window opens (window-modal, via QMessageBox.open)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self.text()))
    return shown


def _language(window, code: str) -> None:
    window.language_actions[code].trigger()  # View ▸ Language


def _open(window, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    window.act_open.trigger()  # File ▸ Open…


def _import(window, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    window.act_import.trigger()  # Data ▸ Import prices from a CSV file…


def _saved(window, monkeypatch, path: Path) -> dict:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    window.act_save_as.trigger()  # File ▸ Save As…
    return json.loads(path.read_text(encoding="utf-8"))


def _in_english_as_the_cli(window, monkeypatch, boxes, files: dict, action, core) -> None:
    """Back in English, each file's message box says exactly what the core (the CLI) says."""
    _language(window, "en")
    for kind, path in files.items():
        boxes.clear()
        action(window, monkeypatch, path)
        assert boxes == [_cli_words(lambda path=path: core(path))], kind
        assert not JAPANESE.search(boxes[0])


def _cli_words(exc_call) -> str:
    """What the CLI prints after ``allocator: error:`` for the same problem."""
    from allocator.errors import AllocatorError

    try:
        exc_call()
    except AllocatorError as exc:
        return str(exc)
    raise AssertionError("no error")


def _damaged(good: dict) -> dict[str, str]:
    over = json.loads(json.dumps(good))
    over["settings"]["max_weight"] = 1.5
    missing = json.loads(json.dumps(good))
    del missing["result"]["weights"]
    text = json.dumps(good, indent=2)
    return {
        "not-json": text[: len(text) // 2],  # truncated
        "nan": text.replace('"max_weight": ', '"max_weight": NaN, "x": ', 1),
        "duplicate": text.replace('"notes":', '"version": 2, "notes":', 1),
        "format": json.dumps({**good, "format": "allocator.portfolio"}),
        "field": json.dumps(over),
        "missing": json.dumps(missing),
        "newer": json.dumps({**good, "version": 9}),
        "empty": "",
        "list": "[1, 2]",
    }


def test_damaged_allocation_files_read_in_japanese_then_as_the_cli_says(window, tmp_path, monkeypatch, boxes):
    from allocator.document import load_document

    good = _saved(window, monkeypatch, tmp_path / "good.alloc.json")
    files = {}
    for kind, text in _damaged(good).items():
        files[kind] = tmp_path / f"{kind}.alloc.json"
        files[kind].write_text(text, encoding="utf-8")
    files["absent"] = tmp_path / "absent.alloc.json"
    shown_ja = {}
    _language(window, "ja")
    for kind, path in files.items():
        boxes.clear()
        _open(window, monkeypatch, path)
        assert len(boxes) == 1, (kind, boxes)
        assert_japanese(boxes[0])
        assert path.name in boxes[0], boxes[0]
        shown_ja[kind] = boxes[0]
    # the field is named as the file names it (its own JSON keys, quoted), never translated
    assert "「settings.max_weight」" in shown_ja["field"] and "1.5" in shown_ja["field"]
    assert "「result.weights」" in shown_ja["missing"]
    assert "'allocator.allocation'" in shown_ja["format"] and '"allocator.portfolio"' in shown_ja["format"]
    assert "NaN" in shown_ja["nan"] and "有限" in shown_ja["nan"]
    assert "重複" in shown_ja["duplicate"] or '"source"' in shown_ja["duplicate"], shown_ja["duplicate"]
    assert "見つかりません" in shown_ja["absent"]
    _in_english_as_the_cli(window, monkeypatch, boxes, files, _open, load_document)


def _bad_csvs(tmp_path: Path, built) -> dict[str, Path]:
    prices = built.history.prices[["NVDA", "LMT"]].iloc[-40:]
    rows = [f"{d.date()},{a},{b}" for d, (a, b) in zip(prices.index, prices.to_numpy())]
    out = {}

    def write(name, lines, raw=None):
        out[name] = tmp_path / f"{name}.csv"
        out[name].write_bytes(raw if raw is not None else ("\n".join(lines) + "\n").encode("utf-8"))

    write("date", ["Date,NVDA,LMT", *rows[:5], "2024-13-45,1,2", *rows[5:]])
    write("number", ["Date,NVDA,LMT", *rows[:5], rows[5].split(",")[0] + ",abc,2", *rows[6:]])
    write("no-ticker", ["Date,,LMT", *rows])
    write("utf8", [], raw="Date,NVDA\n2024-01-31,1\n".encode("utf-8") + b"2024-02-01,\xff\xfe\n")
    write("empty", [], raw=b"")
    write("twice", ["Date,NVDA,LMT", *rows, rows[3]])
    write("future", ["Date,NVDA,LMT", *rows, "2999-01-04,1,2"])
    return out


def test_bad_csv_imports_read_in_japanese_then_as_the_cli_says(window, tmp_path, built, monkeypatch, boxes):
    from allocator.data.csv_import import import_prices

    files = _bad_csvs(tmp_path, built)
    _language(window, "ja")
    shown = {}
    for kind, path in files.items():
        boxes.clear()
        _import(window, monkeypatch, path)
        assert len(boxes) == 1, (kind, boxes)
        assert_japanese(boxes[0])
        shown[kind] = boxes[0]
    assert "行目" in shown["date"] and "'Date'" in shown["date"] and "'2024-13-45'" in shown["date"]
    assert "'abc'" in shown["number"] and "数値ではありません" in shown["number"]
    assert "2999-01-04" in shown["future"]
    _in_english_as_the_cli(window, monkeypatch, boxes, files, _import, import_prices)


def test_a_save_to_a_missing_folder_reads_in_japanese(window, tmp_path, monkeypatch, boxes):
    target = tmp_path / "no such folder" / "a.alloc.json"
    _language(window, "ja")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.act_save_as.trigger()
    assert len(boxes) == 1
    assert_japanese(boxes[0], (str(target), str(target.parent)))
    assert "保存できません" in boxes[0] and "既存のファイルは変更されていません" in boxes[0]
    assert str(target.parent) in boxes[0]
    _language(window, "en")
    boxes.clear()
    window.act_save_as.trigger()
    assert boxes == [f"{target}: cannot save: the folder {target.parent} does not exist; any previous file is unchanged"]


def _typo_csv(built, tmp_path):
    frame = built.history.prices[["NVDA", "LMT", "8306.T"]].iloc[-600:].copy()
    frame["JPY=X"] = built.history.fx.reindex(frame.index)
    frame.loc[frame.index[400], "LMT"] *= 1000.0
    path = tmp_path / "typo.csv"
    frame.to_csv(path, index_label="Date")
    return path


def test_outlier_moves_read_in_japanese_without_cli_flags(window, make_window, tmp_path, built, monkeypatch, boxes):
    """The moves' note after a confirmed import, and the refusal of an unconfirmed file that an
    allocation names as its prices (a new session): Japanese, and the way out is the window's
    (Data ▸ Import prices …), never the CLI's --accept-outliers."""
    path = _typo_csv(built, tmp_path)
    monkeypatch.setattr(outliers.OutlierConfirmDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    _language(window, "ja")
    messages.bus.clear()
    _import(window, monkeypatch, path)
    assert window.run.data == f"csv:{path}", boxes
    notes = [m.text for m in messages.bus.history if "外れ値" in m.text]
    assert notes, [m.text for m in messages.bus.history]
    assert_japanese(notes[0])
    assert "LMT" in notes[0] and "倍" in notes[0]
    saved = tmp_path / "typo.alloc.json"
    _saved(window, monkeypatch, saved)

    window.undo.setClean()
    forget_acceptances()  # a new session: the confirmation is gone
    window = make_window()
    _open(window, monkeypatch, saved)
    text = window.banner.text()
    assert window.banner.isVisibleTo(window) and "typo.csv" in text, text
    assert_japanese(text)
    assert "--accept-outliers" not in text and "このまま価格を使う" in text
    _language(window, "en")
    text = window.banner.text()
    assert "a typo? Correct the file, or import it again (Data ▸ Import prices from a CSV file)" in text, text
    assert "--accept-outliers" not in text and not JAPANESE.search(text)
    window.undo.setClean()


def test_cli_keeps_the_flag(tmp_path, built):
    """The CLI's wording of the same refusal names its flag (the GUI's replaces only that phrase)."""
    from allocator.data.sources import load_csv
    from allocator.errors import DocumentError

    path = _typo_csv(built, tmp_path)
    with pytest.raises(DocumentError) as e:
        load_csv(path)
    assert str(e.value).endswith("a typo? Correct the file, or pass --accept-outliers to use it as it is")
    assert str(e.value).startswith(f"{path}: row 402, LMT ")


def test_bad_holdings_imports_read_in_japanese_then_as_the_cli_says(window, tmp_path, monkeypatch):
    """Edit ▸ Import holdings with a CSV a user could get wrong: the panel says what is wrong in
    Japanese (row numbers and tickers as given), and in English exactly what the core says."""
    from allocator.errors import InputError
    from allocator.holdings import load_holdings

    files = {
        "header": "symbol,qty\nNVDA,10\n",
        "empty shares": "ticker,shares\nNVDA,\n",
        "negative": "ticker,shares\nNVDA,-5\n",
        "twice": "ticker,shares\nNVDA,10\nnvda,3\n",
        "tokyo fraction": "ticker,shares\n7203.T,150.5\n",
        "not a number": "ticker,shares\nNVDA,ten\n",
        "empty": "",
    }
    panel = window.holdings_dock.panel
    paths = {}
    for name, text in files.items():
        paths[name] = tmp_path / f"{name.replace(' ', '_')}.csv"
        paths[name].write_text(text, encoding="utf-8")

    def import_(path):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
        window.act_import_holdings.trigger()  # Edit ▸ Import holdings…

    # one switch each way (a switch re-translates every live widget of the session)
    _language(window, "ja")
    for path in paths.values():
        import_(path)
        assert_japanese(panel.summary.text(), (str(path),))
    _language(window, "en")
    for name, path in paths.items():
        import_(path)
        with pytest.raises(InputError) as exc:
            load_holdings(str(path), window.run.universe)
        assert str(exc.value) in panel.summary.text(), (name, panel.summary.text())


def test_add_ticker_refusals_read_in_japanese_then_as_the_cli_says(window, monkeypatch, boxes):
    """Data ▸ Add ticker with the USD/JPY rate or a blank symbol: the user's universe (allocator.userdata)
    refuses it, in Japanese in a Japanese window, and in English in the words of the core."""
    from allocator.gui.dialogs import AddTickerDialog
    from allocator.userdata import add_custom_ticker, normalize_ticker

    theme = next(iter(window.run.universe.themes))
    asked = {}

    def add(ticker):
        asked["ticker"] = ticker
        monkeypatch.setattr(AddTickerDialog, "exec", lambda self: AddTickerDialog.DialogCode.Accepted)
        monkeypatch.setattr(AddTickerDialog, "values", lambda self: (ticker, theme, ""))
        boxes.clear()
        window.act_add.trigger()  # Data ▸ Add ticker…
        assert len(boxes) == 1, (ticker, boxes)
        return boxes[0]

    before = window.run.universe.tickers
    _language(window, "ja")
    for ticker in ("JPY=X", "   "):
        text = add(ticker)
        assert_japanese(text)
    assert "JPY=X" in add("JPY=X")  # the symbol as typed, in the Japanese sentence
    _language(window, "en")
    assert add("JPY=X") == _cli_words(lambda: add_custom_ticker("JPY=X", theme))
    assert add("   ") == _cli_words(lambda: normalize_ticker("   "))
    assert window.run.universe.tickers == before  # nothing was added
