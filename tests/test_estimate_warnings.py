"""Issue 10 defect 4: a repaired or thin covariance is never used in silence.

24 monthly returns for 48 assets and the yen hedge (49 dimensions): the
sample covariance is singular and refused (with the way out), Ledoit-Wolf
warns that the periods are too few, EWMA says its matrix was repaired - on
stderr, in the allocation file's ``data.notes`` and in the model build's
notes (what the GUI's banner shows).  A slightly non-PSD assumptions file
says "repaired".
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from allocator.cli import main
from allocator.estimators import SAFE_PERIODS_PER_DIMENSION, estimate_covariance
from allocator.pipeline import EstimationSettings, RunSettings, build_model

SHORT = ("--data", "sample", "--frequency", "monthly", "--start", "2022-12-01", "--end", "2024-12-31")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_singular_sample_covariance_is_refused(capsys, tmp_path):
    code, out, err = run(capsys, "optimize", *SHORT, "--cov", "sample", "-o", str(tmp_path / "a.alloc.json"))
    assert code == 2, err
    assert "singular" in err and "24 return periods for 49" in err and "--cov ledoit-wolf" in err
    assert "Traceback" not in err and not (tmp_path / "a.alloc.json").exists()


@pytest.mark.parametrize("cov, words", [("ledoit-wolf", "only 24 return periods for 49"), ("ewma", "covariance repaired")])
def test_thin_or_repaired_covariance_warns_everywhere(capsys, tmp_path, cov, words):
    out_file = tmp_path / "a.alloc.json"
    code, out, err = run(capsys, "optimize", *SHORT, "--cov", cov, "-o", str(out_file))
    assert code == 0, err
    assert f"allocator: warning: {words}" in err
    notes = json.loads(out_file.read_text())["data"]["notes"]
    assert any(words in n for n in notes)
    # The file loads back (data.notes is part of version 2).
    from allocator.document import load_document

    assert any(words in n for n in load_document(out_file).data["notes"])


def test_model_build_notes_carry_the_warning():
    """The GUI's banner shows ``ModelBuild.notes``."""
    run_settings = RunSettings(
        data="sample", estimation=EstimationSettings(frequency="monthly", start="2022-12-01", end="2024-12-31")
    ).validate()
    built = build_model(run_settings)
    assert any("only 24 return periods" in n for n in built.notes)
    assert built.model.notes and set(built.model.notes) <= set(built.notes)


def test_enough_periods_no_warning(capsys, tmp_path):
    code, out, err = run(capsys, "optimize", "--data", "sample", "-o", str(tmp_path / "a.alloc.json"))
    assert code == 0, err
    assert "warning" not in err
    # No warning in data.notes (the sample's one note is a fact: the Golden Week weeks left out, issue 10 defect 9).
    notes = json.loads((tmp_path / "a.alloc.json").read_text())["data"].get("notes", [])
    assert all("periods left out of the estimate" in n for n in notes)


def test_thin_threshold_is_per_dimension():
    rng = np.random.default_rng(0)
    import pandas as pd

    n = 5
    ok = pd.DataFrame(rng.normal(0, 0.02, (SAFE_PERIODS_PER_DIMENSION * n, n)))
    thin = ok.iloc[:-1]
    assert not estimate_covariance(ok, 52, "ledoit-wolf").thin
    assert estimate_covariance(thin, 52, "ledoit-wolf").thin


def test_slightly_non_psd_assumptions_file_says_repaired(capsys, tmp_path):
    vols = np.array([0.2, 0.2, 0.2])
    corr = np.array([[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]])
    cov = corr * np.outer(vols, vols)
    w, v = np.linalg.eigh(cov)
    cov = (v * np.clip(w, 0, None)) @ v.T  # PSD, then nudged just below zero
    cov -= 2e-10 * np.outer(v[:, 0], v[:, 0])
    assert -1e-8 < np.linalg.eigvalsh(cov).min() < 0
    data = {
        "assets": [{"ticker": t, "name": t, "theme": "defense", "country": "US", "currency": "USD"} for t in "ABC"],
        "expected_returns": {"A": 0.05, "B": 0.06, "C": 0.07},
        "covariance": cov.tolist(),
    }
    p = tmp_path / "assume.json"
    p.write_text(json.dumps(data))
    out_file = tmp_path / "a.alloc.json"
    code, out, err = run(capsys, "optimize", "--assumptions", str(p), "--objective", "min-variance", "-o", str(out_file))
    assert code == 0, err
    assert "repaired" in err
    assert any("repaired" in n for n in json.loads(out_file.read_text())["data"]["notes"])
