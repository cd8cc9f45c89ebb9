"""Issue 16, items 3 and 5: bounded reads of user files; a price cache that never deletes what it cannot read."""

from __future__ import annotations

import gzip
import io
import json
import os
import threading

import numpy as np
import pandas as pd
import pytest

from allocator.cli import main
from allocator.errors import DocumentError

try:
    from allocator.userfile import read_user_file
except ImportError:  # pragma: no cover - before the fix
    read_user_file = None

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def in_thread(fn, timeout=10.0):
    """Run ``fn`` with a watchdog: a read that blocks (FIFO) or never ends (/dev/zero) fails the test."""
    box = {}

    def target():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - reported below
            box["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), f"still reading after {timeout} s (blocked or unbounded)"
    return box


# -- the reader itself ----------------------------------------------------------------------
def test_reader_refuses_devices_fifos_folders(tmp_path):
    with pytest.raises(DocumentError, match="folder"):
        read_user_file(tmp_path)
    if os.path.exists("/dev/zero"):
        with pytest.raises(DocumentError, match="not a regular file .a device"):
            read_user_file("/dev/zero")
        os.symlink("/dev/zero", tmp_path / "z.csv")
        with pytest.raises(DocumentError, match="not a regular file"):
            read_user_file(tmp_path / "z.csv")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "p")
        box = in_thread(lambda: read_user_file(tmp_path / "p"), 5)
        assert isinstance(box.get("error"), DocumentError) and "pipe" in str(box["error"])


def test_reader_size_limit_and_gzip_bomb(tmp_path):
    p = tmp_path / "big.csv"
    p.write_bytes(b"x" * 2000)
    with pytest.raises(DocumentError, match="at most"):
        read_user_file(p, max_bytes=1000)
    bomb = tmp_path / "bomb.csv.gz"
    bomb.write_bytes(gzip.compress(b"0" * (50 << 20)))  # 50 MB of zeros in ~50 kB
    with pytest.raises(DocumentError, match="decompresses to more than"):
        read_user_file(bomb, max_bytes=1 << 20, gzip_ok=True)
    ok = tmp_path / "ok.csv.gz"
    ok.write_bytes(gzip.compress(b"a,b\n") + gzip.compress(b"1,2\n"))  # two members
    assert read_user_file(ok, gzip_ok=True) == b"a,b\n1,2\n"
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(gzip.compress(b"a,b\n" * 1000)[:-12])
    with pytest.raises(DocumentError, match="truncated"):
        read_user_file(cut, gzip_ok=True)


def test_messages_do_not_quote_an_arbitrary_file(tmp_path, capsys):
    secret = tmp_path / "secret.csv"
    secret.write_text("root:SECRET-HASH:19000,0,99999,7\nx,y,z,w\n")
    for argv in (
        ["optimize", "--data", "sample", "-o", tmp_path / "F.alloc.json", "--rate-history", secret],
        ["optimize", "--data", f"csv:{secret}", "-o", tmp_path / "F.alloc.json"],
    ):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "SECRET-HASH" not in err, err


# -- every user-file reader goes through it --------------------------------------------------
@needs_dev_zero
@pytest.mark.parametrize("flag", ["--rate-history", "--assumptions", "--data"])
def test_dev_zero_as_an_input_file_is_refused_quickly(tmp_path, capsys, flag):
    target = "/dev/zero"
    argv = ["optimize", "-o", tmp_path / "F.alloc.json"]
    argv += ["--data", f"csv:{target}"] if flag == "--data" else ["--data", "sample", flag, target] if flag != "--assumptions" else [flag, target]
    box = in_thread(lambda: run(capsys, *argv), 10)
    code, _, err = box["value"]
    assert code == 2 and "regular file" in err, err


@needs_fifo
@pytest.mark.parametrize("flag", ["--rate-history", "--assumptions", "--data", "--from"])
def test_fifo_as_an_input_file_does_not_block(tmp_path, capsys, flag):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    argv = ["optimize", "-o", tmp_path / "F.alloc.json"]
    if flag == "--data":
        argv += ["--data", f"csv:{fifo}"]
    elif flag == "--assumptions":
        argv += [flag, fifo]
    else:
        argv += ["--data", "sample", flag, fifo]
    box = in_thread(lambda: run(capsys, *argv), 10)
    code, _, err = box["value"]
    assert code == 2 and "regular file" in err, err


@needs_dev_zero
def test_rate_history_named_by_a_from_file_is_bounded(tmp_path, capsys):
    code, _, err = run(capsys, "optimize", "--data", "sample", "-o", tmp_path / "F.alloc.json")
    assert code == 0, err
    doc = json.loads((tmp_path / "F.alloc.json").read_text())
    doc["settings"]["rate_history"] = "/dev/zero"
    (tmp_path / "F.alloc.json").write_text(json.dumps(doc))
    box = in_thread(lambda: run(capsys, "optimize", "--from", tmp_path / "F.alloc.json", "-o", tmp_path / "G.alloc.json"), 20)
    code, _, err = box["value"]
    assert code == 2 and "regular file" in err, err


def test_gzip_bombed_csv_import_is_refused_fast(tmp_path, capsys):
    bomb = tmp_path / "prices.csv.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as fh:
        fh.write(b"Date,LMT\n")
        chunk = b"2024-01-02,1\n" * 80_000
        for _ in range(200):  # ~200 MB decompressed
            fh.write(chunk)
    # The message proves the reader stopped at its limit instead of inflating
    # ~200 MB (no wall-clock assertion: it flaked at 10.4 s on a loaded machine).
    code, _, err = run(capsys, "optimize", "--data", f"csv:{bomb}", "-o", tmp_path / "F.alloc.json")
    assert code == 2 and "decompresses to more than" in err, err


def test_truncated_gzip_csv_is_a_clear_error(tmp_path, capsys):
    p = tmp_path / "prices.csv.gz"
    p.write_bytes(gzip.compress(b"Date,LMT\n" + b"2024-01-02,1\n" * 500)[:-20])
    code, _, err = run(capsys, "optimize", "--data", f"csv:{p}", "-o", tmp_path / "F.alloc.json")
    assert code == 2 and "truncated" in err and "internal error" not in err


# -- item 3: the price cache -----------------------------------------------------------------
def _series(n=400, start="2023-01-02", level=100.0, seed=1):
    idx = pd.bdate_range(start, periods=n)
    rng = np.random.default_rng(seed)
    return pd.Series(level * np.exp(np.cumsum(rng.normal(0.001, 0.012, n))), index=idx)


def _filled_cache(tickers):
    from allocator.data.cache import PriceCache

    cache = PriceCache()
    for i, t in enumerate(tickers):
        cache.write(t, _series(seed=i + 2))
    cache.write("JPY=X", _series(level=140))
    return cache


def test_unreadable_cache_file_is_never_deleted(monkeypatch):
    from allocator.data.cache import PriceCache

    cache = _filled_cache(["LMT", "GD"])
    victim = cache.path_for("LMT")
    before = victim.read_bytes()
    real_open = os.open

    def eacces(path, flags, *a, **k):  # tests run as root, where chmod 000 does not stop reads
        if os.fspath(path) == os.fspath(victim):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(os, "open", eacces)
    fresh = PriceCache()
    assert fresh.read("LMT") is None
    monkeypatch.undo()
    assert victim.read_bytes() == before  # still there, byte for byte
    assert fresh.dropped == [] and fresh.unreadable and fresh.unreadable[0][0] == "LMT"
    assert "left as it is" in " ".join(fresh.problems())


@needs_dev_zero
def test_cache_entry_symlinked_to_dev_zero_is_bounded_and_kept():
    from allocator.data.cache import PriceCache

    cache = _filled_cache(["GD"])
    os.makedirs(cache.root, exist_ok=True)
    os.symlink("/dev/zero", cache.path_for("LMT"))
    box = in_thread(lambda: PriceCache().read("LMT"), 5)
    assert box.get("value") is None and "error" not in box
    assert os.path.islink(cache.path_for("LMT"))


def test_damaged_file_costs_one_ticker_not_the_run(capsys, tmp_path):
    """One damaged file: the cache is used for the rest, and the note says what was dropped."""
    from allocator.data.cache import PriceCache
    from allocator.data.sources import open_source

    cache = _filled_cache(["LMT", "GD", "NOC"])
    cache.path_for("GD").write_bytes(b"garbage")
    history = open_source(None, ["LMT", "GD", "NOC"])
    assert history.source == "cache" and history.tickers == ["LMT", "NOC"]
    text = " ".join(history.warnings)
    assert "GD" in text and "damaged" in text and ".damaged" in text
    assert "simulated" not in text
    assert not cache.path_for("GD").exists()
    assert cache.path_for("GD").with_name(cache.path_for("GD").name + ".damaged").read_bytes() == b"garbage"


def test_never_fetched_ticker_still_means_the_sample():
    from allocator.data.sources import open_source

    _filled_cache(["LMT"])
    history = open_source(None, ["LMT", "GD"])
    assert history.source == "sample" and any("GD" in w for w in history.warnings)


def test_cli_run_on_a_cache_with_one_damaged_file_uses_the_cache(tmp_path, capsys, monkeypatch):
    from allocator.universe import default_universe

    tickers = default_universe().tickers
    cache = _filled_cache(tickers)
    cache.path_for(tickers[0]).write_bytes(b"\x00" * 10)
    code, out, err = run(capsys, "optimize", "-o", tmp_path / "F.alloc.json")
    assert code == 0, err
    assert "Data: Yahoo Finance (cached)" in out
    assert f"{cache.path_for(tickers[0]).name}: damaged" in err
    weights = json.loads((tmp_path / "F.alloc.json").read_text())["result"]["weights"]
    assert tickers[0] not in weights and tickers[1] in weights
