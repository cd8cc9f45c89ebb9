"""Issue 16, quality: property-based fuzz of the allocation file and the assumptions file, through the CLI.

Each case mutates a real file - a value swapped for junk of any JSON type
(huge integers, NaN, infinities, denormals, lone surrogates, deep lists), a
key deleted, added or renamed, a number scaled, or the text itself damaged
(truncated, a byte flipped, a duplicate key, a BOM, non-UTF-8 bytes) - and
runs a command on it (`export`, `optimize --from`, `optimize/frontier
--assumptions`).  Properties: exit 0, or 2/3/4 with exactly one line
``allocator: error: ...``; never ``internal error``, a traceback or a Python
warning; a few seconds at most; a failed command leaves every previous
output byte-identical and no temp litter.

``make test`` runs a few dozen cases per family (the same ones every run);
``make fuzz`` sets ``ALLOCATOR_FUZZ_EXAMPLES`` (2,000+) and records the
exit-code counts in ``ALLOCATOR_FUZZ_REPORT`` (bench/RESULTS.md).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import time
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator.cli import main

EXAMPLES = int(os.environ.get("ALLOCATOR_FUZZ_EXAMPLES", "25"))
#: "Never more than a few seconds" is checked in long runs only (``make fuzz``): the suite makes no
#: timing assertions (a loaded machine).  The slowest command per family goes to the report.
SLOW_SECONDS = 10.0 if os.environ.get("ALLOCATOR_FUZZ_REPORT") else None
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 100,
    database=None,
)
STATS: dict[str, dict] = {}


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    if os.environ.get("ALLOCATOR_FUZZ_REPORT"):
        with open(os.environ["ALLOCATOR_FUZZ_REPORT"], "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"files": STATS}) + "\n")


# -- mutations ----------------------------------------------------------------------------------
JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.sampled_from([10**30, -(10**30), 10**400, 2**63, 2**64 + 1]),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([5e-324, -5e-324, 1e308, 1e-320, 0.0, -0.0, 1.0000001]),
    st.text(max_size=20), st.sampled_from(["\ud800", "x\udcff", "=1+1", "\u00a0=cmd", "NaN", "1e309", "0.5", "", "USD", "JPY"]),
    st.just([]), st.just({}), st.lists(st.floats(-2, 2), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.just(json.loads("[" * 20 + "1" + "]" * 20)),
)


def _paths(node, prefix=()):
    yield prefix, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _mutate_tree(draw, raw: dict) -> dict:
    d = copy.deepcopy(raw)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p, _ in _paths(d) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = d
        for k in path[:-1]:
            parent = parent[k]
        key = path[-1]
        op = draw(st.sampled_from(["junk", "junk", "junk", "delete", "add", "rename", "scale", "scale"]))
        if op == "junk":
            parent[key] = copy.deepcopy(draw(JUNK))
        elif op == "delete":
            del parent[key]
        elif op == "add":
            target = parent[key] if isinstance(parent[key], (dict, list)) else parent
            if isinstance(target, dict):
                target[draw(st.sampled_from(["surprise", "LMT", "JPY", "A", "\udcff", "x" * 300, ""]))] = copy.deepcopy(draw(JUNK))
            else:
                target.append(copy.deepcopy(draw(JUNK)))
        elif op == "rename" and isinstance(parent, dict):
            parent[str(key) + draw(st.sampled_from(["_", "X", ".T", " ", "\u00a0"]))] = parent.pop(key)
        elif op == "scale" and isinstance(parent[key], (int, float)) and not isinstance(parent[key], bool):
            parent[key] = parent[key] * draw(st.sampled_from([-1, 0, 2, 100, 1e12, 1e-12, 1e300])) + draw(
                st.sampled_from([0, 1e-9, 1e-3])
            )
    return d


@st.composite
def mutated_text(draw, raw: dict) -> bytes:
    """The file's bytes after a tree mutation, a text mutation, or both."""
    d = _mutate_tree(draw, raw) if draw(st.integers(0, 9)) < 8 else copy.deepcopy(raw)
    text = json.dumps(d, indent=1, ensure_ascii=draw(st.booleans()), allow_nan=True)
    data = text.encode("utf-8", "surrogatepass")
    how = draw(st.sampled_from(["none", "none", "none", "truncate", "flip", "dup", "bom", "latin1", "deep", "nan", "crlf"]))
    if how == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "flip":
        b = bytearray(data)
        i = draw(st.integers(0, len(b) - 1))
        b[i] = draw(st.integers(0, 255))
        data = bytes(b)
    elif how == "dup":
        data = data.replace(b'"expected_return": ', b'"expected_return": 5.0, "expected_return": ', 1)
    elif how == "bom":
        data = b"\xef\xbb\xbf" + data
    elif how == "latin1":
        data = data.replace(b'"name": "', b'"name": "\xe9\xff', 1)
    elif how == "deep":
        data = data.rstrip()[:-1] + b', "deep": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    elif how == "nan":
        data = data.replace(b": 0.", b": NaN, \"z\": 0.", 1)
    elif how == "crlf":
        data = data.replace(b"\n", b"\r\n")
    return data


# -- the workspace ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzzfiles")
    rng = np.random.default_rng(11)
    n = 5
    assets = [
        {"ticker": t, "name": f"Asset {t}", "theme": ["defense", "energy", "semis_ai"][i % 3],
         "country": "JP" if t.endswith(".T") else "US", "currency": "JPY" if t.endswith(".T") else "USD"}
        for i, t in enumerate(["AAA", "BBB", "7011.T", "8035.T", "CCC"])
    ]
    B = rng.normal(0, 0.1, (n, 2))
    cov = B @ B.T + np.diag(rng.uniform(0.02, 0.05, n))
    assumptions = {
        "assets": assets,
        "expected_returns": {a["ticker"]: float(rng.uniform(0.03, 0.12)) for a in assets},
        "covariance": cov.tolist(),
        "fx": {"expected_return": 0.0, "volatility": 0.1, "correlations": {"7011.T": -0.3}},
        "rates": {"USD": 0.04, "JPY": 0.005},
        "reference_weights": {a["ticker"]: 1.0 for a in assets},
        "views": [{"theme": "defense", "return": 0.08, "confidence": 0.5}],
    }
    (root / "assume.json").write_text(json.dumps(assumptions, indent=1))
    assert main(["optimize", "--data", "sample", "--hedge", "0.5", "--max-weight", "0.3", "--theme", "defense=0.2",
                 "--theme-tolerance", "0.05", "-o", str(root / "sample.alloc.json")]) == 0
    assert main(["optimize", "--assumptions", str(root / "assume.json"), "--hedge", "optimal", "-o",
                 str(root / "assume.alloc.json")]) == 0
    out = root / "out"
    out.mkdir()
    return root


def _state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _fresh_outputs(ws: Path) -> Path:
    out = ws / "out"
    for p in out.iterdir():
        p.unlink()
    (out / "F.alloc.json").write_bytes((ws / "sample.alloc.json").read_bytes())
    (out / "F.csv").write_text("old csv\n")
    (out / "F.json").write_text("{}\n")
    return out


def _check(argv: list[str], out: Path, capsys, family: str) -> int:
    before = _state(out)
    t = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Python/numpy warning reaching the user is a failure
        warnings.simplefilter("ignore", DeprecationWarning)
        code = main(argv)
    took = time.monotonic() - t
    _, err = capsys.readouterr()
    fam = STATS.setdefault(family, {})
    fam[code] = fam.get(code, 0) + 1
    fam["slowest_s"] = round(max(fam.get("slowest_s", 0.0), took), 2)
    shown = f"argv={argv!r}\nexit {code}\nstderr={err[:2000]!r}"
    assert code in (0, 2, 3, 4), shown
    assert "internal error" not in err and "Traceback" not in err, shown
    assert "Warning" not in err, shown
    assert SLOW_SECONDS is None or took < SLOW_SECONDS, f"{took:.1f} s\n{shown}"
    lines = [ln for ln in err.splitlines() if ln.strip()]
    if code:
        problems = [ln for ln in lines if not ln.startswith("allocator: note:")]
        assert len(problems) == 1 and problems[0].startswith("allocator: error:"), shown
        assert _state(out) == before, f"a failed command changed the outputs\n{shown}"
    else:
        assert all(ln.startswith("allocator: ") for ln in lines), shown
    assert not [n for n in os.listdir(out) if ".tmp" in n], shown
    return code


def test_fuzz_allocation_files(ws, capsys):
    bases = {name: json.loads((ws / name).read_text(encoding="utf-8")) for name in ("sample.alloc.json", "assume.alloc.json")}

    @FUZZ
    @given(data=st.data())
    def run(data):
        out = _fresh_outputs(ws)
        name = data.draw(st.sampled_from(sorted(bases)))
        blob = data.draw(mutated_text(bases[name]))
        f = ws / "in.alloc.json"
        f.write_bytes(blob)
        command = data.draw(st.sampled_from(["export", "export", "export", "export-capital", "from", "reference"]))
        if command == "export":
            argv = ["export", str(f), "--csv", str(out / "F.csv")]
        elif command == "export-capital":
            argv = ["export", str(f), "--csv", str(out / "new.csv"), "--capital",
                    data.draw(st.sampled_from(["100000", "1e9", "1", "5e-324"]))]
        elif command == "from" and name == "sample.alloc.json":
            argv = ["optimize", "--from", str(f), "-o", str(out / "F.alloc.json"), "--csv", str(out / "F.csv")]
        else:  # the file as the prior's reference portfolio
            argv = ["optimize", "--assumptions", str(ws / "assume.json"), "--mean", "equilibrium", "--reference", str(f),
                    "-o", str(out / "new.alloc.json")]
        _check(argv, out, capsys, "allocation-file")

    run()


def test_fuzz_assumptions_files(ws, capsys):
    base = json.loads((ws / "assume.json").read_text(encoding="utf-8"))
    # The volatilities + correlations form of the same numbers, to mutate too.
    cov = np.array(base["covariance"])
    vols = np.sqrt(np.diag(cov))
    alt = {k: v for k, v in base.items() if k != "covariance"}
    alt["volatilities"] = {a["ticker"]: float(s) for a, s in zip(base["assets"], vols)}
    alt["correlations"] = (cov / np.outer(vols, vols)).tolist()

    @FUZZ
    @given(data=st.data())
    def run(data):
        out = _fresh_outputs(ws)
        raw = data.draw(st.sampled_from([base, alt]))
        f = ws / "in-assume.json"
        f.write_bytes(data.draw(mutated_text(raw)))
        extra = data.draw(st.sampled_from([[], ["--hedge", "optimal"], ["--base", "JPY", "--hedge", "0.5"],
                                           ["--mean", "black-litterman"], ["--objective", "min-variance"],
                                           ["--theme", "defense=0.3", "--max-weight", "0.5"]]))
        if data.draw(st.booleans()):
            argv = ["optimize", "--assumptions", str(f), *extra, "-o", str(out / "F.alloc.json"), "--csv", str(out / "F.csv")]
        else:
            argv = ["frontier", "--assumptions", str(f), *extra, "--points", "3", "--json", str(out / "F.json")]
        _check(argv, out, capsys, "assumptions-file")

    run()
