"""Issue 16 items 8, 12, 14: assumptions files that used to crash or be half-read.

Every case runs the CLI on a file and expects exit 2 with one line naming the
field (and the line, where the problem is a JSON literal), never an internal
error and no output file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allocator.cli import main
from allocator.jsonfile import JsonProblem, loads_strict

BASE = {
    "assets": [
        {"ticker": "A", "name": "A", "theme": "t", "country": "US", "currency": "USD"},
        {"ticker": "B", "name": "B", "theme": "t", "country": "US", "currency": "USD"},
    ],
    "expected_returns": {"A": 0.05, "B": 0.07},
    "covariance": [[0.04, 0.01], [0.01, 0.09]],
}


def _text(**over) -> str:
    d = json.loads(json.dumps(BASE))
    for k, v in over.items():
        if v is None:
            d.pop(k, None)
        else:
            d[k] = v
    return json.dumps(d, indent=1)


def _run(tmp_path: Path, text: str | bytes, capsys) -> tuple[int, str]:
    p = tmp_path / "a.json"
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    out = tmp_path / "o.alloc.json"
    code = main(["optimize", "--assumptions", str(p), "-o", str(out)])
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err, err
    if code:
        assert not out.exists()
        assert len(err.strip().splitlines()) == 1, err
    return code, err


BAD = [
    # item 8: crashes (OverflowError, RecursionError, UnicodeEncodeError)
    ("bigint", lambda: _text().replace("0.05", "1" + "0" * 400), "expected_returns.A: 1000"),
    ("1e309", lambda: _text().replace("0.05", "1e309"), "expected_returns.A: 1e309 is too large"),
    ("deep", lambda: _text()[:-2] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested more than"),
    ("surrogate-name", lambda: _text().replace('"name": "A"', '"name": "\\ud800"'), "assets[0].name: contains a lone surrogate"),
    ("surrogate-key", lambda: _text().replace('"A": 0.05', '"\\udcff": 0.05'), "lone surrogate"),
    ("non-utf8", lambda: _text().encode("utf-8").replace(b'"name": "A"', b'"name": "\xff\xfe"'), "not a UTF-8 text file"),
    # item 12: silently half-read
    ("duplicate-key", lambda: _text().replace('"A": 0.05', '"A": 0.05, "A": 5.0'), "expected_returns.A: duplicate key"),
    ("zero-covariance", lambda: _text(covariance=[[0, 0], [0, 0]]), "covariance: every variance is zero"),
    ("unknown-vol-ticker", lambda: _text(covariance=None, volatilities={"A": 0.2, "B": 0.3, "ZZZ": 0.5},
                                          correlations=[[1, 0.1], [0.1, 1]]), "volatilities.ZZZ: unknown ticker"),
    ("missing-vol", lambda: _text(covariance=None, volatilities={"A": 0.2}, correlations=[[1, 0.1], [0.1, 1]]),
     "volatilities: missing B"),
    ("both", lambda: _text(volatilities={"A": 0.2, "B": 0.3}, correlations=[[1, 0.1], [0.1, 1]]), "not both"),
    ("vols-without-correlations", lambda: _text(covariance=None, volatilities={"A": 0.2, "B": 0.3}), "correlations: is missing"),
    # item 14: NaN reported with field and line
    ("nan", lambda: _text().replace("0.05", "NaN"), "expected_returns.A: NaN is not allowed"),
    # typed schema: wrong types name the field
    ("string-number", lambda: _text(expected_returns={"A": "0.05", "B": 0.07}), 'expected_returns.A: must be a number, got text "0.05"'),
    ("bool-number", lambda: _text(covariance=[[True, 0.01], [0.01, 0.09]]), "covariance[0][0]: must be a number"),
    ("unknown-field", lambda: _text(covarience=[[1]]), "covarience: unknown field"),
    ("bad-rate-ccy", lambda: _text(rates={"EUR": 0.01}), "rates"),
    ("ragged", lambda: _text(covariance=[[0.04, 0.01], [0.01]]), "covariance[1]: must hold 2 numbers"),
]


@pytest.mark.parametrize("name,make,words", BAD, ids=[b[0] for b in BAD])
def test_bad_assumptions_file_is_exit_2_naming_the_field(tmp_path, capsys, name, make, words):
    code, err = _run(tmp_path, make(), capsys)
    assert code == 2, err
    assert words in err, err


def test_nan_names_the_line(tmp_path, capsys):
    text = _text().replace('"B": 0.07', '"B": NaN')
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "NaN" in ln)
    code, err = _run(tmp_path, text, capsys)
    assert code == 2 and f"expected_returns.B: NaN is not allowed (numbers must be finite) (line {line})" in err, err


def test_utf8_bom_is_accepted_like_allocation_files(tmp_path, capsys):
    code, err = _run(tmp_path, b"\xef\xbb\xbf" + _text().encode("utf-8"), capsys)
    assert code == 0, err


def test_valid_surrogate_pair_and_non_ascii_names_are_fine(tmp_path, capsys):
    text = _text().replace('"name": "A"', '"name": "\\ud83d\\ude00 \\u4e09\\u83f1"')
    code, err = _run(tmp_path, text, capsys)
    assert code == 0, err


@pytest.mark.parametrize(
    "text,path,words",
    [
        ('{"a": [1, {"b": NaN}]}', "a[1].b", "NaN is not allowed"),
        ('{"a": -Infinity}', "a", "-Infinity is not allowed"),
        ('{"a": 1e400}', "a", "too large"),
        ('{"a": {"x": 1, "x": 2}}', "a.x", "duplicate key"),
        ('{"a": ["\\udc80"]}', "a[0]", "lone surrogate"),
    ],
)
def test_loads_strict_names_the_path(text, path, words):
    with pytest.raises(JsonProblem) as e:
        loads_strict(text)
    assert e.value.path == path and words in e.value.message and e.value.line == 1


def test_loads_strict_keeps_ordinary_numbers():
    assert loads_strict('{"a": [1, -2.5, 1e-300, 12345678901234567890, "NaN"]}') == {
        "a": [1, -2.5, 1e-300, 1.2345678901234567e19, "NaN"]
    }
