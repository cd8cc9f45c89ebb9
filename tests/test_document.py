"""The allocation file (DESIGN §5): round trips, validation, versions, atomic saves."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator import atomic, cli
from allocator import document as D
from allocator.document import (
    FORMAT,
    VERSION,
    AllocationDocument,
    dumps_document,
    load_document,
    loads_document,
    save_document,
)
from allocator.errors import DocumentError
from test_document_support import build_doc, sample_weights, user_universe

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def doc() -> AllocationDocument:
    return build_doc(sample_weights(), notes="Rebalance in March. 三菱重工を買い増し")


@pytest.fixture
def raw(doc) -> dict:
    return doc.to_json_dict()


def _load_raw(raw) -> AllocationDocument:
    return loads_document(json.dumps(raw))


# -- round trips ---------------------------------------------------------------
def test_save_load_round_trip(doc, tmp_path):
    p = tmp_path / "a.alloc.json"
    save_document(doc, p)
    back = load_document(p)
    assert back == doc
    assert back.weights == doc.weights
    assert back.run_settings() == doc.run_settings()
    text = p.read_text(encoding="utf-8")
    assert list(json.loads(text)) == list(D._TOP_KEYS)  # stable key order
    assert "三菱重工" in text  # readable UTF-8, not \u escapes
    assert text.endswith("}\n") and "\n  " in text  # indented, diff-friendly
    save_document(back, tmp_path / "b.alloc.json")
    assert (tmp_path / "b.alloc.json").read_bytes() == p.read_bytes()  # byte-stable re-save


def test_weights_are_fractions_and_sum_to_one(doc):
    w = doc.weights
    assert abs(sum(w.values()) - 1) < 1e-12
    assert w["NVDA"] == pytest.approx(0.25)


def test_user_added_asset_and_theme_load_back(doc, tmp_path):
    p = tmp_path / "u.alloc.json"
    save_document(doc, p)
    run = load_document(p).run_settings()
    assert "IONQ" in run.universe
    ionq = run.universe.asset("IONQ")
    assert ionq.user_added and ionq.theme == "quantum"
    assert "quantum" in run.universe.theme_keys
    assert load_document(p).weights["IONQ"] == pytest.approx(0.05)


def test_from_file_settings_reach_the_cli(doc, tmp_path):
    """``--from FILE`` starts from the file's settings (user universe included)."""
    p = tmp_path / "u.alloc.json"
    save_document(doc, p)
    args = cli.build_parser().parse_args(["optimize", "--from", str(p), "-o", str(tmp_path / "o.alloc.json")])
    run = cli._run_settings(args)
    assert "IONQ" in run.universe
    assert run == doc.run_settings()


def test_prices_and_fx_are_stored_for_held_assets(doc):
    prices = doc.data["prices"]
    assert set(prices) == {t for t, w in doc.weights.items() if w > 0}
    assert prices["7011.T"]["currency"] == "JPY" and prices["7011.T"]["close"] > 0
    assert doc.data["usdjpy"]["rate"] > 1
    assert doc.data["usdjpy"]["date"] == prices["LMT"]["date"]


def test_assumptions_document_has_no_prices(tmp_path):
    d = build_doc(sample_weights(), with_prices=False)
    assert d.data["source"] == "assumptions" and "prices" not in d.data
    save_document(d, tmp_path / "a.alloc.json")
    assert load_document(tmp_path / "a.alloc.json") == d


# -- immutability --------------------------------------------------------------
def test_document_is_immutable(doc):
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.notes = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        doc.settings["base_currency"] = "JPY"
    with pytest.raises(TypeError):
        doc.result["weights"]["LMT"] = 1.0
    with pytest.raises(TypeError):
        doc.settings["universe"]["assets"].append({})
    editable = copy.deepcopy(doc.result)
    editable["weights"]["LMT"] = 0.0  # a plain copy is editable; the document is not touched
    assert doc.result["weights"]["LMT"] > 0
    assert type(doc.to_json_dict()["settings"]) is dict


def test_replace_revalidates(doc):
    changed = doc.with_notes("new notes")
    assert changed.notes == "new notes" and changed.weights == doc.weights
    bad = doc.to_json_dict()["result"]
    bad["weights"]["LMT"] = -0.1
    with pytest.raises(DocumentError) as e:
        dataclasses.replace(doc, result=bad)
    assert e.value.field_path == "result.weights.LMT"


# -- validation: each problem names its field ----------------------------------
def _set(raw: dict, path: list, value) -> dict:
    raw = copy.deepcopy(raw)
    node = raw
    for k in path[:-1]:
        node = node[k]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return raw


_DELETE = object()

CASES = [
    (["result", "weights", "LMT"], -0.2, "result.weights.LMT", "below 0"),
    (["result", "weights", "LMT"], "0.2", "result.weights.LMT", "must be a number"),
    (["result", "weights", "LMT"], None, "result.weights.LMT", "must be a number"),
    (["result", "weights", "LMT"], True, "result.weights.LMT", "must be a number"),
    (["result", "weights", "LMT"], 0.9, "result.weights", "sum to"),
    (["result", "weights", "ZZZZ"], 0.0, "result.weights.ZZZZ", "not in settings.universe"),
    (["result", "weights"], {}, "result.weights", "empty"),
    (["result", "weights"], [0.5, 0.5], "result.weights", "must be an object"),
    (["result", "hedge_ratios", "JPY"], 1.5, "result.hedge_ratios.JPY", "above"),
    (["result", "hedge_ratios", "EUR"], 0.5, "result.hedge_ratios.EUR", "unknown currency"),
    (["result", "metrics", "volatility"], -1, "result.metrics.volatility", "below 0"),
    (["result", "metrics", "sharpe"], _DELETE, "result.metrics.sharpe", "missing"),
    (["result", "theme_weights", "crypto"], 0.0, "result.theme_weights.crypto", "unknown theme"),
    (["result", "surprise"], 1, "result.surprise", "unknown field"),
    (["result"], _DELETE, "result", "missing"),
    (["settings", "theme_targets", "crypto"], 0.1, "settings.theme_targets.crypto", "unknown theme"),
    (["settings", "theme_targets", "defense"], 25, "settings.theme_targets.defense", "above 1"),
    (["settings", "max_weight"], "abc", "settings.max_weight", "must be a number"),
    (["settings", "objective"], "max-fun", "settings.objective", "must be one of"),
    (["settings", "base_currency"], "EUR", "settings.base_currency", "must be one of"),
    (["settings", "country_bounds"], {"JP": [0.7, 0.2]}, "settings.country_bounds.JP", "lower bound"),
    (["settings", "country_bounds"], {"FR": [0.1, 0.2]}, "settings.country_bounds.FR", "must be one of"),
    (["settings", "hedge"], "banana", "settings", "hedge"),
    (["settings", "universe", "assets", 0, "country"], "FR", "settings.universe.assets[0].country", "must be one of"),
    (["settings", "universe", "assets", 0, "theme"], "crypto", "settings.universe.assets[0].theme", "unknown theme"),
    (["settings", "universe", "assets", 1, "ticker"], "LMT", "settings.universe.assets[1].ticker", "duplicate"),
    (["settings", "universe", "assets", 0, "ticker"], "bad ticker!", "settings.universe", "not a valid Yahoo ticker"),
    (["settings", "universe", "assets"], [], "settings.universe.assets", "at least one"),
    (["settings", "estimation", "start"], "not a date", "settings", "not a date"),
    (["data", "prices", "LMT", "close"], 0, "data.prices.LMT.close", "not a plausible price"),
    (["data", "prices", "LMT", "close"], 5e-324, "data.prices.LMT.close", "not a plausible price"),
    (["data", "prices", "LMT", "date"], "yesterday", "data.prices.LMT.date", "ISO date"),
    (["data", "usdjpy", "rate"], 0.0065, "data.usdjpy.rate", "not plausible"),
    (["data", "source"], 7, "data.source", "must be text"),
    (["notes"], ["a"], "notes", "must be text"),
    (["notes"], "x" * (D.MAX_NOTES_CHARS + 1), "notes", "characters long"),
    (["created"], "last tuesday", "created", "ISO-8601"),
    (["format"], "something.else", "format", "not an allocation file"),
    (["version"], "1", "version", "whole number"),
    (["version"], 1.0, "version", "whole number"),
    (["extra"], 1, "extra", "unknown field"),
]


@pytest.mark.parametrize("path,value,field,words", CASES, ids=[c[2] + ":" + c[3] for c in CASES])
def test_invalid_field_is_named(raw, path, value, field, words):
    with pytest.raises(DocumentError) as e:
        _load_raw(_set(raw, path, value))
    assert e.value.field_path == field
    assert words in str(e.value)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    "text,words",
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("[1, 2]", "must be a JSON object"),
        ('"just a string"', "must be a JSON object"),
        ('{"format": "allocator.allocation", "version": 1, "a": NaN}', "NaN is not allowed"),
        ('{"format": "allocator.allocation", "version": 1, "a": Infinity}', "Infinity is not allowed"),
        ('{"format": "allocator.allocation", "format": "x"}', "duplicate key"),
        ('{"format": "allocator.allocation", "version": 1e999}', "version: 1e999 is too large"),
        ('{"format": "allocator.allocation", "version": ' + "9" * 5000 + "}", "version: 99999"),
        ("[" * 100_000 + "]" * 100_000, "nested more than"),
        ('{"format": "allocator.allocation", "version": 1', "truncated"),
    ],
)
def test_malformed_text(text, words):
    with pytest.raises(DocumentError) as e:
        loads_document(text)
    assert words in str(e.value)


def test_nan_weight_in_json_text(raw):
    text = json.dumps(raw).replace(f'"LMT": {raw["result"]["weights"]["LMT"]!r}', '"LMT": NaN', 1)
    with pytest.raises(DocumentError, match="NaN"):
        loads_document(text)


def test_bom_is_accepted(raw):
    assert loads_document(("\ufeff" + json.dumps(raw)).encode("utf-8")).weights == raw["result"]["weights"]


def test_binary_garbage(tmp_path):
    p = tmp_path / "g.alloc.json"
    p.write_bytes(os.urandom(4096) + b"\xff\xfe")
    with pytest.raises(DocumentError, match="not a UTF-8 text file|not valid JSON"):
        load_document(p)


def test_huge_file_refused_before_parsing(tmp_path, monkeypatch):
    p = tmp_path / "huge.alloc.json"
    with open(p, "wb") as fh:  # sparse: 100 MB without using the disk
        fh.truncate(100 * 1024 * 1024)
    monkeypatch.setattr(D.json, "loads", lambda *a, **k: pytest.fail("parsed a 100 MB file"))
    with pytest.raises(DocumentError, match=r"104\.9 MB; allocation files are at most"):
        load_document(p)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "nope.alloc.json")
    with pytest.raises(DocumentError, match="is a folder"):
        load_document(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipe_or_device_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.alloc.json"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="not a regular file"):
        load_document(fifo)
    if Path("/dev/zero").exists():
        with pytest.raises(DocumentError, match="not a regular file"):
            load_document("/dev/zero")


def test_loading_never_executes_anything(raw, tmp_path):
    evil = _set(raw, ["notes"], "__import__('os').system('touch " + str(tmp_path / "pwned") + "')")
    d = _load_raw(evil)
    assert d.notes.startswith("__import__") and not (tmp_path / "pwned").exists()
    assert "pickle" not in Path(D.__file__).read_text() and "eval(" not in Path(D.__file__).read_text()


# -- versions and migrations ---------------------------------------------------
def test_newer_version_refused_naming_the_supported_one(raw):
    with pytest.raises(DocumentError) as e:
        _load_raw(_set(raw, ["version"], VERSION + 1))
    msg = str(e.value)
    assert e.value.field_path == "version"
    assert f"version {VERSION + 1}" in msg and f"supports version {VERSION}" in msg and "update Allocator" in msg


def _v0_from(raw: dict) -> dict:
    """A made-up version 0: percents instead of fractions, 'config' instead of 'settings'."""
    old = copy.deepcopy(raw)
    old["version"] = 0
    old["config"] = old.pop("settings")
    old["result"]["weights"] = {t: 100 * w for t, w in old["result"]["weights"].items()}
    return old


def _migrate_0_to_1(d: dict) -> dict:
    d["settings"] = d.pop("config")
    d["result"]["weights"] = {t: w / 100 for t, w in d["result"]["weights"].items()}
    return d


def test_migration_chain_v0_to_v1(raw, doc, monkeypatch, tmp_path):
    old = _v0_from(raw)
    p = tmp_path / "old.alloc.json"
    p.write_text(json.dumps(old), encoding="utf-8")
    with pytest.raises(DocumentError, match="format version 0 is not supported"):
        load_document(p)  # no migration registered: refused, with the versions this app reads
    monkeypatch.setitem(D.MIGRATIONS, 0, _migrate_0_to_1)
    back = load_document(p)
    assert back.version == VERSION and back.loaded_version == 0
    assert back.weights == pytest.approx(doc.weights, abs=1e-12)
    save_document(back, tmp_path / "new.alloc.json")
    assert json.loads((tmp_path / "new.alloc.json").read_text())["version"] == VERSION


def test_broken_migration_is_a_document_error(raw):
    def boom(d):
        return d["no such key"]

    with pytest.raises(DocumentError, match="cannot upgrade this version-0 file") as e:
        loads_document(json.dumps(_v0_from(raw)), migrations={0: boom})
    assert e.value.field_path == "version"


def test_negative_version_refused(raw):
    with pytest.raises(DocumentError, match="version -3 is not supported"):
        _load_raw(_set(raw, ["version"], -3))


# -- CLI: bad files exit 2 with one line ---------------------------------------
@pytest.mark.parametrize("kind", ["newer", "truncated", "garbage", "huge", "empty", "wrong-weights"])
def test_cli_bad_files_exit_2_one_line(kind, raw, tmp_path, capsys):
    p = tmp_path / f"{kind}.alloc.json"
    text = json.dumps(raw, indent=2)
    if kind == "newer":
        p.write_text(json.dumps(_set(raw, ["version"], 99)))
    elif kind == "truncated":
        p.write_text(text[: len(text) // 2])
    elif kind == "garbage":
        p.write_bytes(bytes(range(256)) * 40)
    elif kind == "huge":
        with open(p, "wb") as fh:
            fh.truncate(100 * 1024 * 1024)
    elif kind == "empty":
        p.write_text("")
    else:
        p.write_text(json.dumps(_set(raw, ["result", "weights", "LMT"], 3.0)))
    code = cli.main(["export", str(p), "--csv", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("allocator: error: ")
    assert "Traceback" not in err
    assert not (tmp_path / "out.csv").exists()
    if kind == "newer":
        assert f"supports version {VERSION}" in err
    if kind == "truncated":
        assert "truncated" in err


# -- saving never loses data ---------------------------------------------------
def test_failed_save_keeps_old_file(doc, tmp_path, monkeypatch):
    p = tmp_path / "a.alloc.json"
    save_document(doc, p)
    before = p.read_bytes()
    real_write = os.write

    def half_then_die(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise KeyboardInterrupt  # the process is being stopped mid-write

    monkeypatch.setattr(D.os, "write", half_then_die)
    with pytest.raises(KeyboardInterrupt):
        save_document(doc.with_notes("new"), p)
    monkeypatch.undo()
    assert p.read_bytes() == before
    assert [f.name for f in tmp_path.iterdir()] == ["a.alloc.json"]  # temp file cleaned up
    assert load_document(p) == doc


def test_disk_full_keeps_old_file(doc, tmp_path, monkeypatch):
    p = tmp_path / "a.alloc.json"
    save_document(doc, p)
    before = p.read_bytes()

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(D.os, "fsync", full)
    with pytest.raises(DocumentError, match="disk is full; any previous file is unchanged"):
        save_document(doc.with_notes("new"), p)
    assert p.read_bytes() == before
    assert len(list(tmp_path.iterdir())) == 1


def test_killed_mid_save_keeps_old_file(doc, tmp_path):
    """A real SIGKILL between writing the temp file and replacing the old one."""
    p = tmp_path / "a.alloc.json"
    save_document(doc, p)
    before = p.read_bytes()
    marker = tmp_path / "writing"
    script = textwrap.dedent(
        f"""
        import os, sys, time
        sys.path.insert(0, {str(REPO / 'tests')!r})
        from allocator import document as D
        from test_document_support import build_doc, sample_weights
        doc = build_doc(sample_weights(), notes="the NEW version")
        real_write = os.write
        def slow_write(fd, data):
            n = real_write(fd, bytes(data[: len(data) // 2]))
            open({str(marker)!r}, "w").close()
            time.sleep(60)
            return n
        D.os.write = slow_write
        D.save_document(doc, {str(p)!r})
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=REPO)
    try:
        deadline = time.time() + 60
        while not marker.exists():
            assert proc.poll() is None, "the saving process ended early"
            assert time.time() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert p.read_bytes() == before
    assert load_document(p) == doc
    leftovers = [f.name for f in tmp_path.iterdir() if f.name.endswith(".tmp")]
    assert leftovers and all(f.startswith(".a.alloc.json.") for f in leftovers)  # hidden, never the real file
    old = time.time() - atomic.STALE_TEMP_SECONDS - 10
    for f in leftovers:
        os.utime(tmp_path / f, (old, old))
    save_document(doc, p)  # a later save tidies up what the killed one left
    assert not [f for f in tmp_path.iterdir() if f.name.endswith(".tmp")]


def test_unwritable_folder_is_reported(doc, tmp_path, monkeypatch):
    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(DocumentError, match="no permission to write in") as e:
        save_document(doc, tmp_path / "a.alloc.json")
    assert "\n" not in str(e.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_real(doc, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DocumentError, match="no permission to write in"):
            save_document(doc, folder / "a.alloc.json")
    finally:
        folder.chmod(0o700)


def test_missing_folder_and_folder_target(doc, tmp_path):
    with pytest.raises(DocumentError, match="does not exist"):
        save_document(doc, tmp_path / "no" / "such" / "a.alloc.json")
    with pytest.raises(DocumentError, match="is a folder"):
        save_document(doc, tmp_path)


def test_save_keeps_permissions_and_follows_symlinks(doc, tmp_path):
    real = tmp_path / "real.alloc.json"
    save_document(doc, real)
    real.chmod(0o640)
    link = tmp_path / "link.alloc.json"
    link.symlink_to(real)
    save_document(doc.with_notes("again"), link)
    assert link.is_symlink()
    assert load_document(real).notes == "again"
    assert (real.stat().st_mode & 0o777) == 0o640


def test_cli_optimize_to_unwritable_path_exits_2(tmp_path, capsys):
    code = cli.main(["export", str(tmp_path / "missing.alloc.json"), "--csv", str(tmp_path / "x.csv")])
    assert code == 2 and "no such file" in capsys.readouterr().err


# -- property: save -> load gives an equal document ----------------------------
_names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw_w=st.dictionaries(st.sampled_from(sorted(sample_weights())), st.floats(0.001, 1.0), min_size=1),
    notes=st.text(max_size=200),
    name=_names,
    base=st.sampled_from(["USD", "JPY"]),
    hedge=st.floats(0, 1),
)
def test_property_save_load_equal(raw_w, notes, name, base, hedge, tmp_path_factory):
    from allocator.universe import Asset

    uni = user_universe().without_asset("IONQ").with_asset(Asset("IONQ", name, "US", "USD", "quantum", user_added=True))
    d = build_doc(raw_w, uni, base=base, notes=notes, hedge=hedge)
    p = tmp_path_factory.mktemp("rt") / "p.alloc.json"
    save_document(d, p)
    back = load_document(p)
    assert back == d
    assert back.weights == d.weights
    assert back.run_settings().universe.asset("IONQ").name == name
    assert dumps_document(back) == dumps_document(d)


def test_format_constant():
    assert FORMAT == "allocator.allocation" and VERSION == 2


def test_numpy_values_in_attribution_are_stored_as_plain_json():
    import numpy as np

    d = build_doc(sample_weights())
    plain = D._plain({"a": np.float64(0.5), "b": np.arange(3), "c": (np.int64(2), np.bool_(True)), "d": {1: np.float32(1.5)}})
    assert plain == {"a": 0.5, "b": [0, 1, 2], "c": [2, True], "d": {"1": 1.5}}
    assert type(plain["a"]) is float and type(plain["b"][0]) is int
    raw = d.to_json_dict()
    attr = raw["result"]["attribution"]
    as_numpy = {**attr, "total": {k: np.float64(v) for k, v in attr["total"].items()}}
    raw["result"]["attribution"] = D._plain(as_numpy)
    assert loads_document(json.dumps(raw)).result["attribution"] == attr
    raw["result"]["attribution"] = plain  # free-form data is not an attribution (typed schema)
    with pytest.raises(DocumentError, match="result.attribution"):
        loads_document(json.dumps(raw))
