"""The command line as a user drives it: outputs, exit codes, one-line errors."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from allocator.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_themes_json_lists_the_universe(capsys):
    code, out, err = run(capsys, "themes", "--json")
    assert code == 0
    data = json.loads(out)
    keys = [t["key"] for t in data["themes"]]
    assert "defense" in keys and "japan_core" in keys
    tickers = [a["ticker"] for t in data["themes"] for a in t["assets"]]
    assert "7203.T" in tickers and "NVDA" in tickers


def test_optimize_writes_allocation_and_csv(capsys, tmp_path):
    out_file = tmp_path / "a.alloc.json"
    out_csv = tmp_path / "a.csv"
    code, out, err = run(
        capsys, "optimize", "--data", "sample", "--objective", "max-sharpe", "--theme", "defense=0.25",
        "--theme", "semis_ai=0.25", "-o", str(out_file), "--csv", str(out_csv),
    )
    assert code == 0, err
    doc = json.loads(out_file.read_text())
    assert doc["format"] == "allocator.allocation" and doc["version"] == 2
    w = doc["result"]["weights"]
    assert sum(w.values()) == pytest.approx(1.0, abs=1e-9)
    assert doc["result"]["theme_weights"]["defense"] == pytest.approx(0.25, abs=1e-6)
    assert doc["data"]["source"] == "simulated"
    assert "simulated sample" in out
    with out_csv.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header[:10] == ["ticker", "name", "theme", "country", "currency", "weight", "hedge_ratio",
                           "expected_return", "volatility", "risk_contribution"]
    body = rows[1 : rows.index([])] if [] in rows else rows[1:]
    csv_w = {r[0]: float(r[5]) for r in body}
    for t, x in csv_w.items():
        assert x == pytest.approx(w[t], abs=1e-12)


def _assumptions(tmp_path, n=6, seed=0):
    rng = np.random.default_rng(seed)
    themes = ["defense", "semis_ai", "energy"]
    assets = [
        {"ticker": f"T{i}", "name": f"Asset {i}", "theme": themes[i % 3], "country": "US", "currency": "USD"}
        for i in range(n)
    ]
    B = rng.normal(0, 0.1, (n, 2))
    cov = B @ B.T + np.diag(rng.uniform(0.02, 0.05, n))
    data = {
        "assets": assets,
        "expected_returns": {a["ticker"]: float(rng.uniform(0.03, 0.12)) for a in assets},
        "covariance": cov.tolist(),
    }
    p = tmp_path / "assume.json"
    p.write_text(json.dumps(data))
    return p, data


def test_frontier_json_and_csv(capsys, tmp_path):
    p, _ = _assumptions(tmp_path)
    js, cs = tmp_path / "f.json", tmp_path / "f.csv"
    code, out, err = run(capsys, "frontier", "--assumptions", str(p), "--points", "12", "--json", str(js), "--csv", str(cs))
    assert code == 0, err
    pts = json.loads(js.read_text())["points"]
    assert len(pts) == 12
    vols = [q["volatility"] for q in pts]
    assert vols == sorted(vols)
    assert set(pts[0]) >= {"expected_return", "volatility", "sharpe", "weights", "hedge_ratios"}
    rows = list(csv.reader(cs.open(newline="")))
    assert len(rows) == 13 and "T0" in rows[0]


@pytest.mark.parametrize(
    "argv, code, words",
    [
        (["optimize", "--data", "sample", "--theme", "defense=0.7", "--theme", "semis_ai=0.5"], 3, "sum to 120%"),
        (["optimize", "--data", "sample", "--theme", "nope=0.2"], 2, "unknown theme 'nope'"),
        (["optimize", "--data", "sample", "--theme", "defense"], 2, "KEY=WEIGHT"),
        (["optimize", "--data", "sample", "--max-weight", "2"], 2, "max weight"),
        (["optimize", "--data", "sample", "--objective", "target-return"], 2, "needs --target"),
        (["optimize", "--data", "sample", "--hedge", "1.5"], 2, "hedge ratio"),
        (["optimize", "--data", "csv:/nonexistent/prices.csv"], 2, "no such file"),
        (["optimize", "--data", "ftp:x"], 2, "unknown data source"),
        (["optimize", "--from", "/nonexistent.alloc.json"], 2, "/nonexistent.alloc.json"),
        (["optimize", "--data", "sample", "--objective", "target-return", "--target", "3"], 3, "above the highest reachable"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_failures_exit_with_code_and_one_line(capsys, tmp_path, argv, code, words):
    out_file = tmp_path / "x.alloc.json"
    full = argv + (["-o", str(out_file)] if argv[0] == "optimize" else [])
    got, out, err = run(capsys, *full)
    assert got == code
    assert words in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not out_file.exists()  # nothing half-written
    assert not list(tmp_path.glob(".*tmp"))


def test_bad_assumptions_file_exits_2(capsys, tmp_path):
    p, data = _assumptions(tmp_path)
    data["covariance"][0][1] = "x"
    p.write_text(json.dumps(data))
    code, out, err = run(capsys, "optimize", "--assumptions", str(p), "-o", str(tmp_path / "o.alloc.json"))
    assert code == 2 and "covariance[0][1]" in err
    p.write_text("{not json")
    code, out, err = run(capsys, "optimize", "--assumptions", str(p), "-o", str(tmp_path / "o.alloc.json"))
    assert code == 2 and "not valid JSON" in err


def test_optimize_from_saved_settings(capsys, tmp_path):
    p, _ = _assumptions(tmp_path)
    first = tmp_path / "first.alloc.json"
    code, _, err = run(capsys, "optimize", "--assumptions", str(p), "--theme", "energy=0.3", "--max-weight", "0.4",
                       "-o", str(first))
    assert code == 0, err
    second = tmp_path / "second.alloc.json"
    code, _, err = run(capsys, "optimize", "--from", str(first), "--assumptions", str(p), "-o", str(second))
    assert code == 0, err
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    assert b["settings"]["theme_targets"] == {"energy": 0.3}
    assert b["settings"]["max_weight"] == 0.4
    for t, w in a["result"]["weights"].items():
        assert b["result"]["weights"][t] == pytest.approx(w, abs=1e-7)


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and "allocator" in out
