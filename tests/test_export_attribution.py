"""The CSV summary carries the local / currency / carry attribution, and it adds up."""

from __future__ import annotations

import csv
import io

import pytest

from allocator.cli import main


def test_attribution_rows_add_up(tmp_path, capsys):
    out = tmp_path / "h.alloc.json"
    out_csv = tmp_path / "h.csv"
    code = main(["optimize", "--data", "sample", "--hedge", "0.5", "--max-weight", "0.2", "-o", str(out), "--csv", str(out_csv)])
    assert code == 0, capsys.readouterr().err
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"), newline="")))
    header = next(r for r in rows if r and r[0] == "attribution")
    keys = header[2:]
    total = dict(zip(keys, map(float, next(r for r in rows if r and r[0] == "attribution_total")[2:])))
    themes = [dict(zip(keys, map(float, r[2:]))) for r in rows if r and r[0] == "attribution_theme"]
    metrics = {r[1]: float(r[2]) for r in rows if r and r[0] == "metric"}
    assert total["return_total"] == pytest.approx(metrics["expected_return"], abs=1e-12)
    assert total["risk_total"] == pytest.approx(metrics["volatility"], abs=1e-9)
    assert total["return_carry"] > 0  # a half-hedged dollar investor earns the USD-JPY rate gap
    for k in keys:
        assert sum(t[k] for t in themes) == pytest.approx(total[k], abs=1e-12)
