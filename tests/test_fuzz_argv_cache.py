"""Issue 16, quality: property-based fuzz of the command line (argv) and of the price cache's files.

Properties, for every generated case:

* argv: exit 0, or 2/3/4 with exactly one line ``allocator: error: ...`` on
  stderr; never ``internal error``, never a Python or numpy warning; a few
  seconds at most; a failed command leaves every previous output file
  byte-identical and no new file (no temp litter) in the output folder.
* cache files: reading never raises anything but ``DataError``, never takes
  long, never removes a file it could not read (symlinks to devices, FIFOs,
  folders stay), and moves a damaged one aside instead of deleting it.

``make test`` runs a few dozen cases per family; ``make fuzz`` sets
``ALLOCATOR_FUZZ_EXAMPLES`` (2,000+) - see bench/RESULTS.md.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator.cli import main

EXAMPLES = int(os.environ.get("ALLOCATOR_FUZZ_EXAMPLES", "30"))
SLOW_SECONDS = 8.0  # per command, on a loaded 2-core machine
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 100,  # make test: the same cases every run
    database=None,
)
STATS: dict[str, dict[int, int]] = {}


def _record(family: str, code: int) -> None:
    STATS.setdefault(family, {})
    STATS[family][code] = STATS[family].get(code, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    if os.environ.get("ALLOCATOR_FUZZ_REPORT"):
        with open(os.environ["ALLOCATOR_FUZZ_REPORT"], "a", encoding="utf-8") as fh:
            fh.write(json.dumps(STATS) + "\n")


# -- a workspace of inputs and previous outputs ------------------------------------------------
@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    rng = np.random.default_rng(7)
    n = 5
    assets = [
        {"ticker": f"T{i}", "name": f"=Asset {i}", "theme": ["defense", "energy"][i % 2], "country": "US", "currency": "USD"}
        for i in range(n)
    ]
    B = rng.normal(0, 0.1, (n, 2))
    cov = B @ B.T + np.diag(rng.uniform(0.02, 0.05, n))
    (root / "assume.json").write_text(json.dumps({
        "assets": assets,
        "expected_returns": {a["ticker"]: float(rng.uniform(0.03, 0.12)) for a in assets},
        "covariance": cov.tolist(),
    }))
    (root / "rates.csv").write_text("Date,USD,JPY\n2024-01-31,0.05,0.001\n2024-02-29,0.05,0.001\n")
    (root / "folder").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "fifo")
    (root / "bin.gz").write_bytes(os.urandom(64))
    code = main(["optimize", "--assumptions", str(root / "assume.json"), "-o", str(root / "prev.alloc.json")])
    assert code == 0
    return root


def _outputs_dir(ws: Path) -> Path:
    """A fresh output folder holding previous outputs (read-only one included)."""
    out = ws / "out"
    if out.exists():
        for p in out.iterdir():
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                os.chmod(p, 0o644) if not p.is_symlink() else None
                p.unlink()
    else:
        out.mkdir()
    shutil.copy(ws / "prev.alloc.json", out / "F.alloc.json")
    (out / "F.csv").write_text("old csv\n")
    (out / "F.json").write_text("{}\n")
    (out / "RO.csv").write_text("read-only\n")
    os.chmod(out / "RO.csv", 0o444)
    os.symlink(out / "F.alloc.json", out / "link.csv")
    return out


def _state(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.iterdir()):
        out[p.name] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
    return out


# -- argv -------------------------------------------------------------------------------------
NASTY = ["", " ", "-", "nan", "inf", "-inf", "-1", "0", "1", "1e309", "0.25", "2", "x" * 300, "é" * 130,
         "\udcff", "--csv", "=1+1", "2020-01-01", "2020-01-08", "9999-12-31", "0000-00-00", "1:2", "0.1:0.9",
         "US=0.2:0.6", "defense=0.5", "defense=nan", "USD=0.04", "USD=nan", "optimal", "0.2:0.1"]


GOOD = {
    "--target": ["0.05", "0.08", "0.12", "0.2"], "--risk-aversion": ["1", "3", "10"],
    "--theme": ["defense=0.5", "energy=0.3", "defense=0.6"], "--theme-tolerance": ["0", "0.05", "0.1"],
    "--max-weight": ["0.3", "0.5", "1", "0.25"], "--country": ["US=0:1", "US=0.5:1", "JP=0:0.5"],
    "--hedge": ["0", "0.5", "1", "optimal", "0.2:0.8"], "--rf": ["0", "0.02", "0.04"],
    "--rate": ["USD=0.04", "JPY=0.001"], "--start": ["2016-01-01", "2018-06-30", "2020-01-01"],
    "--end": ["2022-12-31", "2024-06-30", "2020-01-08"],
}


def _paths(ws: Path, out: Path) -> list[str]:
    return [str(out / "F.alloc.json"), str(out / "F.csv"), str(out / "F.json"), str(out / "RO.csv"),
            str(out / "link.csv"), str(out / "new.csv"), str(out / "new.alloc.json"), str(out / "sub" / "x.csv"),
            "/nonexistent/x.csv", "/dev/null", "/dev/zero", str(ws / "folder"), str(ws / "fifo"),
            str(ws / "assume.json"), str(ws / "rates.csv"), str(ws / "bin.gz"), str(out / "F.alloc.json") + "/x",
            str(out / ("y" * 250 + ".csv"))]


@st.composite
def argv_case(draw, ws: Path, out: Path):
    paths = _paths(ws, out)
    nasty = st.one_of(st.sampled_from(NASTY), st.sampled_from(paths), st.text(max_size=12))
    good_out = st.sampled_from([str(out / "new.csv"), str(out / "F.csv"), str(out / "F.json"), str(out / "other.json")])
    path = st.one_of(good_out, good_out, st.sampled_from(paths), st.sampled_from(["", "-", " "]))

    def value_for(flag):
        good = GOOD.get(flag)
        if good and draw(st.integers(0, 9)) < 7:
            return st.sampled_from(good)
        return nasty
    command = draw(st.sampled_from(["optimize", "optimize", "frontier", "export", "themes"]))
    argv: list[str] = [command]
    if command == "themes":
        if draw(st.booleans()):
            argv.append("--json")
        return argv
    if command == "export":
        argv += [draw(st.sampled_from([str(out / "F.alloc.json"), str(ws / "prev.alloc.json")] + paths)),
                 "--csv", draw(path)]
        if draw(st.booleans()):
            argv += ["--capital", draw(st.sampled_from(NASTY))]
        return argv
    source = draw(st.sampled_from(["assumptions", "assumptions", "assumptions", "sample", "from", "bad"]))
    if source == "assumptions":
        argv += ["--assumptions", str(ws / "assume.json")]
    elif source == "sample":
        argv += ["--data", "sample"]
    elif source == "from":
        argv += ["--from", draw(st.sampled_from([str(ws / "prev.alloc.json")] + paths)), "--data", "sample"]
    else:
        argv += [draw(st.sampled_from(["--assumptions", "--from", "--rate-history"])), draw(path)]
    flags = ["--objective", "--target", "--risk-aversion", "--theme", "--theme-tolerance", "--max-weight",
             "--country", "--base", "--hedge", "--rf", "--rate", "--rate-history", "--rate-units", "--start",
             "--end", "--frequency", "--mean", "--cov", "--fx-mean"]
    choices = {"--objective": ["max-sharpe", "min-variance", "target-return", "target-vol", "max-utility", "x"],
               "--base": ["USD", "JPY", "EUR"], "--rate-units": ["fraction", "percent", ""],
               "--frequency": ["daily", "weekly", "monthly"], "--mean": ["historical", "ewma", "shrunk"],
               "--cov": ["sample", "ledoit-wolf", "ewma"], "--fx-mean": ["zero", "historical"]}
    for flag in draw(st.lists(st.sampled_from(flags), max_size=4, unique=True)):
        argv += [flag, draw(st.sampled_from(choices[flag]) if flag in choices and draw(st.booleans()) else value_for(flag))]
    if command == "optimize":
        good_o = st.sampled_from([str(out / "F.alloc.json"), str(out / "new.alloc.json")])
        argv += ["-o", draw(st.one_of(good_o, good_o, good_o, path))]
        if draw(st.booleans()):
            argv += ["--csv", draw(path)]
    else:
        argv += ["--points", draw(st.sampled_from(["3", "3", "5", "2", "1", "0", "1001", "x", "-5"]))]
        if draw(st.booleans()):
            argv += ["--json", draw(path)]
        if draw(st.booleans()):
            argv += ["--csv", draw(path)]
    return argv


def _check_run(argv, out: Path, capsys, family: str):
    before = _state(out)
    t = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Python/numpy warning reaching the user is a failure
        warnings.simplefilter("ignore", DeprecationWarning)  # hidden from users by Python's defaults
        code = main(argv)
    took = time.monotonic() - t
    stdout, err = capsys.readouterr()
    _record(family, code)
    if os.environ.get("ALLOCATOR_FUZZ_MESSAGES") and code:
        with open(os.environ["ALLOCATOR_FUZZ_MESSAGES"], "a", encoding="utf-8") as fh:
            fh.write(err.strip().replace(str(out), "OUT").replace(str(out.parent), "WS")[:110] + "\n")
    shown = f"argv={argv!r}\nexit {code}\nstderr={err!r}"
    assert code in (0, 2, 3, 4), shown
    assert "internal error" not in err and "Traceback" not in err, shown
    assert "Warning" not in err, shown
    assert took < SLOW_SECONDS, f"{took:.1f} s\n{shown}"
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if code != 0:
        errors = [ln for ln in lines if ln.startswith("allocator: error:") or ln.startswith("allocator: ")]
        assert len([ln for ln in lines if not ln.startswith(("allocator: note:", "allocator: warning:"))]) == 1, shown
        assert errors and errors[-1].startswith("allocator: error:"), shown
        assert _state(out) == before, f"a failed command changed the outputs\n{shown}"
    else:
        assert all(ln.startswith("allocator: ") for ln in lines), shown
        litter = [n for n in os.listdir(out) if n.endswith(".tmp")]
        assert not litter, f"temp files left: {litter}\n{shown}"


def test_fuzz_argv(ws, capsys):
    out = _outputs_dir(ws)

    @FUZZ
    @given(data=st.data())
    def run(data):
        _outputs_dir(ws)
        argv = data.draw(argv_case(ws, out))
        _check_run(argv, out, capsys, "argv")

    run()


# -- cache files ------------------------------------------------------------------------------
def _valid_npz(ticker: str, n: int = 30) -> bytes:
    days = np.arange(19000, 19000 + n, dtype=np.int64)
    close = np.linspace(100, 110, n)
    meta = json.dumps({"ticker": ticker, "fetched_at": 1.7e9, "version": 1})
    buf = io.BytesIO()
    np.savez(buf, dates=days, close=close, meta=np.array(meta))
    return buf.getvalue()


CACHE_TICKERS = ["LMT", "GD", "NOC", "JPY=X"]


@st.composite
def cache_case(draw):
    """For each ticker: what its cache file is."""
    kinds = st.sampled_from(["valid", "valid", "absent", "bytes", "truncated", "flipped", "other-ticker",
                             "symlink-dev-zero", "fifo", "folder", "dangling", "huge-sparse", "empty", "bad-values"])
    case = {}
    for t in CACHE_TICKERS:
        kind = draw(kinds)
        extra = draw(st.binary(max_size=64)) if kind == "bytes" else draw(st.integers(0, 10**6))
        case[t] = (kind, extra)
    return case


def _write_cache(root: Path, case) -> dict[str, str]:
    from allocator.data.cache import PriceCache

    cache = PriceCache(root)
    if cache.root.exists():
        shutil.rmtree(cache.root)
    cache.root.mkdir(parents=True)
    kinds = {}
    for t, (kind, extra) in case.items():
        p = cache.path_for(t)
        kinds[t] = kind
        good = _valid_npz(t)
        if kind == "valid":
            p.write_bytes(good)
        elif kind == "bytes":
            p.write_bytes(extra)
        elif kind == "truncated":
            p.write_bytes(good[: extra % len(good)])
        elif kind == "flipped":
            b = bytearray(good)
            b[extra % len(b)] ^= 0xFF
            p.write_bytes(bytes(b))
        elif kind == "other-ticker":
            p.write_bytes(_valid_npz("ZZZ"))
        elif kind == "symlink-dev-zero":
            os.symlink("/dev/zero", p)
        elif kind == "fifo" and hasattr(os, "mkfifo"):
            os.mkfifo(p)
        elif kind == "folder":
            p.mkdir()
        elif kind == "dangling":
            os.symlink(root / "nowhere", p)
        elif kind == "huge-sparse":
            with open(p, "wb") as fh:
                fh.truncate(1 << 30)
        elif kind == "empty":
            p.write_bytes(b"")
        elif kind == "bad-values":
            buf = io.BytesIO()
            meta = json.dumps({"ticker": t, "fetched_at": 1.0, "version": 1})
            np.savez(buf, dates=np.array([3, 2], dtype=np.int64), close=np.array([1.0, -1.0]), meta=np.array(meta))
            p.write_bytes(buf.getvalue())
    return kinds


def test_fuzz_cache_files(tmp_path):
    from allocator.data.cache import PriceCache
    from allocator.data.sources import open_source
    from allocator.errors import DataError

    root = tmp_path / "cache"
    os.environ["ALLOCATOR_CACHE_DIR"] = str(root)  # the conftest fixture restores it after the test

    @FUZZ
    @given(case=cache_case(), how=st.sampled_from(["read", "load", "load-partial", "default"]))
    def run(case, how):
        kinds = _write_cache(root, case)
        cache = PriceCache(root)
        t = time.monotonic()
        code = 0
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                warnings.simplefilter("ignore", DeprecationWarning)
                if how == "read":
                    for tk in CACHE_TICKERS:
                        cache.read(tk)
                elif how == "load":
                    cache.load(["LMT", "GD", "NOC"])
                elif how == "load-partial":
                    cache.load(["LMT", "GD", "NOC"], partial=True)
                else:
                    h = open_source(None, ["LMT", "GD", "NOC"])
                    assert h.source in ("cache", "sample")
        except DataError as exc:
            code = 4
            assert "\n" not in str(exc)
        _record("cache", code)
        assert time.monotonic() - t < SLOW_SECONDS
        for tk, kind in kinds.items():
            p = cache.path_for(tk)
            if kind in ("symlink-dev-zero", "fifo", "folder", "dangling", "huge-sparse"):
                assert os.path.lexists(p), f"{kind} file for {tk} was removed"  # unreadable: never touched
            if kind == "valid":
                assert p.is_file(), f"a valid file for {tk} was removed"
        for tk, why in cache.dropped:  # a dropped file was moved aside, not deleted
            assert cache.path_for(tk).with_name(cache.path_for(tk).name + ".damaged").exists()

    run()
