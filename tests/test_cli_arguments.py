"""Issue 16, item 9 (and 14): argument values that used to end in "internal error" - one line, exit 2/4."""

from __future__ import annotations

import pytest

from allocator.cli import main


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("frequency", ["daily", "weekly", "monthly"])
@pytest.mark.parametrize("command", ["optimize", "frontier"])
def test_window_one_week_long(capsys, tmp_path, command, frequency):
    out = ["-o", tmp_path / "F.alloc.json"] if command == "optimize" else ["--points", "3"]
    code, _, err = run(capsys, command, "--data", "sample", "--frequency", frequency,
                       "--start", "2020-01-01", "--end", "2020-01-08", *out)
    assert code in (2, 4) and "returns are common" in err, err
    assert err.count("\n") == 1 and "internal error" not in err


@pytest.mark.parametrize("flag, value", [("--target", "nan"), ("--target", "inf"), ("--rf", "nan"),
                                         ("--max-weight", "nan"), ("--risk-aversion", "nan"), ("--theme", "defense=nan")])
def test_non_finite_numbers(capsys, tmp_path, flag, value):
    code, _, err = run(capsys, "optimize", "--data", "sample", "--objective", "target-return", flag, value,
                       "-o", tmp_path / "F.alloc.json")
    assert code == 2 and err.count("\n") == 1 and "internal error" not in err, err
    assert not (tmp_path / "F.alloc.json").exists()


def test_end_empty_is_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "optimize", "--data", "sample", "--end", "", "-o", tmp_path / "F.alloc.json")
    assert code == 2 and "--end needs a value" in err
