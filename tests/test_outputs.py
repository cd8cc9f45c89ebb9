"""Issue 16, items 1, 2, 4 and 14 (outputs): a command's output files are one transaction.

Every failing command leaves each previous output byte-identical and no temp
file behind; targets are checked before any work; special files, read-only
files and one path given twice are refused.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat

import numpy as np
import pytest

try:
    from allocator.atomic import OutputSet
except ImportError:  # pragma: no cover
    OutputSet = None
from allocator.cli import main
from allocator.errors import DocumentError


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _assumptions(folder, n=5, seed=0):
    rng = np.random.default_rng(seed)
    assets = [
        {"ticker": f"T{i}", "name": f"Asset {i}", "theme": ["defense", "energy"][i % 2], "country": "US", "currency": "USD"}
        for i in range(n)
    ]
    B = rng.normal(0, 0.1, (n, 2))
    cov = B @ B.T + np.diag(rng.uniform(0.02, 0.05, n))
    data = {
        "assets": assets,
        "expected_returns": {a["ticker"]: float(rng.uniform(0.03, 0.12)) for a in assets},
        "covariance": cov.tolist(),
    }
    p = folder / "assume.json"
    p.write_text(json.dumps(data))
    return p


def snapshot(folder):
    """{name: sha256} of every entry (temp litter shows up as new names)."""
    out = {}
    for name in sorted(os.listdir(folder)):
        p = folder / name
        out[name] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() and not p.is_symlink() else "special"
    return out


@pytest.fixture
def pair(tmp_path, capsys):
    """A folder with a previous F.alloc.json and F.csv written by a successful run."""
    a = _assumptions(tmp_path)
    code, _, err = run(capsys, "optimize", "--assumptions", a, "-o", tmp_path / "F.alloc.json", "--csv", tmp_path / "F.csv")
    assert code == 0, err
    return tmp_path, a


# -- item 1: a failing second output must not leave the first one replaced -----------------
def test_optimize_with_bad_csv_folder_changes_nothing(pair, capsys):
    folder, a = pair
    before = snapshot(folder)
    code, out, err = run(
        capsys, "optimize", "--assumptions", a, "--max-weight", "0.3", "-o", folder / "F.alloc.json",
        "--csv", "/nonexistent/x.csv",
    )
    assert code == 2 and "/nonexistent" in err and "\n" not in err.strip()
    assert snapshot(folder) == before  # F.alloc.json untouched, no temp litter


def test_frontier_with_bad_csv_changes_nothing(tmp_path, capsys):
    a = _assumptions(tmp_path)
    (tmp_path / "F.json").write_text("old json\n")
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "frontier", "--assumptions", a, "--points", 3, "--json", tmp_path / "F.json",
                       "--csv", tmp_path / "nope" / "x.csv")
    assert code == 2, err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("fail_on", [1, 2], ids=["first-file", "second-file"])
def test_disk_full_while_writing_either_file_changes_nothing(pair, capsys, monkeypatch, fail_on):
    folder, a = pair
    before = snapshot(folder)
    real_write = os.write
    calls = {"n": 0, "fds": set()}

    def full_disk(fd, data):
        if fd not in calls["fds"]:
            calls["fds"].add(fd)
            calls["n"] += 1
        if calls["n"] == fail_on:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    code, _, err = run(capsys, "optimize", "--assumptions", a, "--max-weight", "0.3",
                       "-o", folder / "F.alloc.json", "--csv", folder / "F.csv")
    monkeypatch.undo()
    assert code == 2 and "disk is full" in err and "no output file was changed" in err
    assert snapshot(folder) == before


def test_read_only_second_target_refused_before_any_write(pair, capsys):
    folder, a = pair
    os.chmod(folder / "F.csv", 0o444)
    before = snapshot(folder)
    code, _, err = run(capsys, "optimize", "--assumptions", a, "--max-weight", "0.3",
                       "-o", folder / "F.alloc.json", "--csv", folder / "F.csv")
    assert code == 2 and "read-only" in err
    assert snapshot(folder) == before
    assert stat.S_IMODE(os.stat(folder / "F.csv").st_mode) == 0o444


def test_success_replaces_both_and_keeps_permissions(pair, capsys):
    folder, a = pair
    os.chmod(folder / "F.csv", 0o640)
    before = snapshot(folder)
    code, _, err = run(capsys, "optimize", "--assumptions", a, "--max-weight", "0.3",
                       "-o", folder / "F.alloc.json", "--csv", folder / "F.csv")
    assert code == 0, err
    after = snapshot(folder)
    assert set(after) == set(before)  # no temp litter
    assert after["F.alloc.json"] != before["F.alloc.json"] and after["F.csv"] != before["F.csv"]
    assert stat.S_IMODE(os.stat(folder / "F.csv").st_mode) == 0o640


@pytest.mark.parametrize("existing", [False, True], ids=["new-files", "old-files"])
def test_replace_failure_midway_puts_everything_back(tmp_path, monkeypatch, existing):
    if existing:
        (tmp_path / "a.json").write_text("old a")
        (tmp_path / "b.csv").write_text("old b")
    before = snapshot(tmp_path)
    out = OutputSet()
    out.add("--json", tmp_path / "a.json")
    out.add("--csv", tmp_path / "b.csv")
    real_replace = os.replace
    seen = []

    def second_fails(src, dst):
        if os.fspath(dst).endswith(("a.json", "b.csv")) and not os.path.basename(os.fspath(src)).endswith("bak.tmp"):
            seen.append(dst)
            if len(seen) == 2:
                raise OSError(errno.EBUSY, "Device or resource busy")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(DocumentError, match="no file was changed"):
        out.commit({"--json": b"{}", "--csv": "x"})
    monkeypatch.undo()
    assert snapshot(tmp_path) == before  # the first file restored (or removed), no temps, no backups


# -- item 2: one path for two outputs ------------------------------------------------------
@pytest.mark.parametrize("form", ["same", "relative", "dotdot", "symlink", "hardlink"])
def test_one_path_for_both_outputs_is_refused_before_writing(pair, capsys, monkeypatch, form):
    folder, a = pair
    monkeypatch.chdir(folder)
    sub = folder / "sub"
    sub.mkdir()
    if form == "symlink":
        os.symlink(folder / "F.alloc.json", folder / "link.csv")
    if form == "hardlink":
        os.link(folder / "F.alloc.json", folder / "hard.csv")
    other = {
        "same": str(folder / "F.alloc.json"),
        "relative": "./F.alloc.json",
        "dotdot": "sub/../F.alloc.json",
        "symlink": "link.csv",
        "hardlink": "hard.csv",
    }[form]
    before = snapshot(folder)
    code, _, err = run(capsys, "optimize", "--assumptions", a, "--max-weight", "0.3",
                       "-o", folder / "F.alloc.json", "--csv", other)
    assert code == 2 and "same file" in err, err
    assert snapshot(folder) == before


def test_frontier_json_and_csv_same_path_refused(tmp_path, capsys):
    a = _assumptions(tmp_path)
    code, _, err = run(capsys, "frontier", "--assumptions", a, "--points", 3, "--json", tmp_path / "X", "--csv", tmp_path / "X")
    assert code == 2 and "same file" in err
    assert not (tmp_path / "X").exists()


def test_export_onto_its_own_input_refused(pair, capsys):
    folder, _ = pair
    before = snapshot(folder)
    code, _, err = run(capsys, "export", folder / "F.alloc.json", "--csv", folder / "F.alloc.json")
    assert code == 2 and "file being exported" in err
    assert snapshot(folder) == before


def test_optimize_may_update_its_from_file_but_csv_may_not_overwrite_it(pair, capsys):
    folder, a = pair
    code, _, err = run(capsys, "optimize", "--from", folder / "F.alloc.json", "--data", "sample", "--max-weight", "0.3",
                       "-o", folder / "G.alloc.json", "--csv", folder / "F.alloc.json")
    assert code == 2 and "--from file" in err


# -- item 4: special files and read-only targets -------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_target_refused_and_left_in_place(tmp_path, capsys):
    a = _assumptions(tmp_path)
    os.mkfifo(tmp_path / "pipe.csv")
    code, _, err = run(capsys, "optimize", "--assumptions", a, "-o", tmp_path / "F.alloc.json", "--csv", tmp_path / "pipe.csv")
    assert code == 2 and "not a regular file" in err
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe.csv").st_mode)
    assert not (tmp_path / "F.alloc.json").exists()


def _private_null(folder):
    """A character device like /dev/null inside ``folder`` (the real one is never put at risk)."""
    node = folder / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (AttributeError, OSError) as exc:
        pytest.skip(f"cannot create a device node here ({exc})")
    return node


def test_device_target_refused_and_left_a_device(tmp_path, capsys):
    a = _assumptions(tmp_path)
    null = _private_null(tmp_path)
    before = os.stat(null)
    code, _, err = run(capsys, "optimize", "--assumptions", a, "-o", tmp_path / "F.alloc.json", "--csv", null)
    assert code == 2 and "not a regular file" in err
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_dev_null_is_refused_by_the_check(tmp_path):
    if not os.path.exists("/dev/null") or not stat.S_ISCHR(os.stat("/dev/null").st_mode):
        pytest.skip("no /dev/null device")
    out = OutputSet()
    out.add("--csv", "/dev/null")
    with pytest.raises(DocumentError, match="not a regular file"):
        out.check()  # check only: even a broken build could not replace the real device here


def test_folder_target_refused(tmp_path, capsys):
    a = _assumptions(tmp_path)
    (tmp_path / "d.csv").mkdir()
    code, _, err = run(capsys, "optimize", "--assumptions", a, "-o", tmp_path / "F.alloc.json", "--csv", tmp_path / "d.csv")
    assert code == 2 and "folder" in err


def test_read_only_allocation_file_is_respected(pair, capsys):
    folder, a = pair
    os.chmod(folder / "F.alloc.json", 0o444)
    before = snapshot(folder)
    code, _, err = run(capsys, "optimize", "--assumptions", a, "--max-weight", "0.3", "-o", folder / "F.alloc.json")
    assert code == 2 and "read-only" in err
    assert snapshot(folder) == before


def test_export_to_read_only_csv_refused(pair, capsys):
    folder, _ = pair
    os.chmod(folder / "F.csv", 0o444)
    before = snapshot(folder)
    code, _, err = run(capsys, "export", folder / "F.alloc.json", "--csv", folder / "F.csv")
    assert code == 2 and "read-only" in err
    assert snapshot(folder) == before


# -- item 9 / 14: names and empty values ---------------------------------------------------
def test_output_name_longer_than_255_bytes(tmp_path, capsys):
    a = _assumptions(tmp_path)
    long = tmp_path / ("é" * 130 + ".csv")  # 264 bytes in UTF-8
    code, _, err = run(capsys, "optimize", "--assumptions", a, "-o", tmp_path / "F.alloc.json", "--csv", long)
    assert code == 2 and "255" in err and "internal error" not in err
    assert os.listdir(tmp_path) == ["assume.json"]


def test_long_but_legal_name_works(tmp_path, capsys):
    a = _assumptions(tmp_path)
    name = "x" * 250 + ".csv"  # temp names must still fit in NAME_MAX
    code, _, err = run(capsys, "optimize", "--assumptions", a, "-o", tmp_path / "F.alloc.json", "--csv", tmp_path / name)
    assert code == 0, err
    assert sorted(os.listdir(tmp_path)) == sorted(["assume.json", "F.alloc.json", name])


@pytest.mark.parametrize(
    "argv",
    [
        ["optimize", "--data", "sample", "-o", "F.alloc.json", "--csv", ""],
        ["optimize", "--data", "sample", "-o", "F.alloc.json", "--from", ""],
        ["optimize", "-o", "F.alloc.json", "--assumptions", ""],
        ["optimize", "--data", "sample", "-o", "F.alloc.json", "--rate-history", ""],
        ["frontier", "--data", "sample", "--points", "3", "--json", ""],
        ["export", "F.alloc.json", "--csv", ""],
        ["optimize", "--data", "sample", "-o", "F.alloc.json", "--end", ""],
        ["optimize", "--data", "sample", "-o", "F.alloc.json", "--start", " "],
    ],
)
def test_empty_flag_values_are_refused(tmp_path, capsys, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv)
    assert code == 2 and "empty" in err, err
    assert os.listdir(tmp_path) == []


def test_csv_dash_is_refused_not_a_file_named_dash(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = _assumptions(tmp_path)
    code, out, err = run(capsys, "optimize", "--assumptions", a, "-o", "F.alloc.json", "--csv", "-")
    assert code == 2 and "standard output" in err
    assert sorted(os.listdir(tmp_path)) == ["assume.json"]
    code, _, err = run(capsys, "optimize", "--assumptions", a, "-o", "F.alloc.json", "--csv", "./-")
    assert code == 0 and (tmp_path / "-").is_file()


# -- item 14: solver internals never reach the user ----------------------------------------
def test_solver_failure_message_has_no_solver_internals(tmp_path, capsys, monkeypatch):
    import cvxpy as cp

    from allocator.optimize import problem as P

    def broken(self, *a, **k):
        raise cp.error.SolverError("Solver 'CLARABEL' failed. Try another solver, or solve with verbose=True")

    monkeypatch.setattr(cp.Problem, "solve", broken)
    monkeypatch.setattr(P.PortfolioProblem, "compiled", lambda self: None)  # no fast path: the cvxpy loop
    monkeypatch.delenv("ALLOCATOR_DEBUG", raising=False)
    a = _assumptions(tmp_path)
    code, _, err = run(capsys, "optimize", "--assumptions", a, "-o", tmp_path / "F.alloc.json")
    assert code == 3 and "could not solve this problem numerically" in err, err
    assert "verbose" not in err and "CLARABEL'" not in err and "\n" not in err.strip()
    assert not (tmp_path / "F.alloc.json").exists()
