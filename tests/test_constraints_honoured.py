"""Issue 10 defect 2: every constraint is honoured or rejected by name, before the solve.

A country bound on a country without assets used to be dropped from the
problem (``--country US=0.2:1`` on Japanese-only data exited 0 with 100 %
Japan).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from allocator.cli import main
from allocator.errors import InfeasibleError
from allocator.model import model_from_assumptions
from allocator.optimize import Constraints, Objective, OptimizationSettings, Optimizer
from allocator.optimize.problem import PortfolioProblem
from allocator.universe import Asset

JP = [Asset(ticker=f"{7000 + i}.T", name=f"JP {i}", country="JP", currency="JPY", theme="exporters") for i in range(4)]


def _model():
    rng = np.random.default_rng(2)
    b = rng.normal(0, 0.1, (4, 2))
    cov = b @ b.T + np.diag(rng.uniform(0.02, 0.05, 4))
    return model_from_assumptions(JP, rng.uniform(0.03, 0.1, 4), cov)


@pytest.fixture
def no_solve(monkeypatch):
    def boom(self, *a, **k):
        raise AssertionError("the solver ran")

    monkeypatch.setattr(PortfolioProblem, "solve", boom)


@pytest.mark.parametrize("objective", [Objective.MAX_SHARPE, Objective.MIN_VARIANCE])
def test_lower_bound_on_a_country_without_assets_is_rejected_before_the_solve(no_solve, objective):
    settings = OptimizationSettings(objective=objective, constraints=Constraints(country_bounds={"US": (0.2, 1.0)}))
    with pytest.raises(InfeasibleError) as err:
        Optimizer(_model()).optimize(settings)
    assert "country US >= 20%" in str(err.value) and "no US assets" in str(err.value)
    with pytest.raises(InfeasibleError):
        Optimizer(_model()).frontier(settings, 5)


def test_upper_bound_alone_holds_and_bounds_that_exist_are_kept():
    m = _model()
    a = Optimizer(m).optimize(OptimizationSettings(constraints=Constraints(country_bounds={"US": (0.0, 0.3)})))
    assert a.country_weights == {"JP": pytest.approx(1.0)}  # US weight 0 is within [0, 30%]


def test_cli_exit_3_names_the_country(capsys, tmp_path):
    data = {
        "assets": [{"ticker": a.ticker, "name": a.name, "theme": a.theme, "country": "JP", "currency": "JPY"} for a in JP],
        "expected_returns": {a.ticker: 0.05 + 0.01 * i for i, a in enumerate(JP)},
        "volatilities": {a.ticker: 0.2 for a in JP},
        "correlations": np.eye(4).tolist(),
    }
    p = tmp_path / "jp.json"
    p.write_text(json.dumps(data))
    out = tmp_path / "a.alloc.json"
    code = main(["optimize", "--assumptions", str(p), "--country", "US=0.2:1", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "country US >= 20% but the universe has no US assets" in err
    assert not out.exists()
