"""The assumptions file (DESIGN §7): fx and rates fields, validation, the linear model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from allocator.assumptions import assumptions_model, parse_assumptions
from allocator.cli import main
from allocator.errors import DocumentError


def raw(**over):
    d = {
        "assets": [
            {"ticker": "US1", "name": "US one", "theme": "a", "country": "US", "currency": "USD"},
            {"ticker": "JP1.T", "name": "JP one", "theme": "b", "country": "JP", "currency": "JPY"},
        ],
        "expected_returns": {"US1": 0.08, "JP1.T": 0.07},
        "volatilities": {"US1": 0.2, "JP1.T": 0.25},
        "correlations": [[1, 0.3], [0.3, 1]],
        "fx": {"expected_return": 0.01, "volatility": 0.1, "correlations": {"JP1.T": -0.4, "US1": 0.1}},
        "rates": {"USD": 0.04, "JPY": 0.01},
    }
    d.update(over)
    return d


@pytest.mark.parametrize("base", ["USD", "JPY"])
def test_linear_model_of_section_7(base):
    uni, num = parse_assumptions(raw())
    m = assumptions_model(uni, num, base)
    sign = 1 if base == "USD" else -1
    foreign = "JPY" if base == "USD" else "USD"
    i_f = 1 if base == "USD" else 0  # index of the foreign asset
    assert m.hedge_currencies == (foreign,)
    mu = np.array([0.08, 0.07])
    mu[i_f] += sign * 0.01
    np.testing.assert_allclose(m.mu, mu)
    k = 0.03 * sign
    assert m.carry[0] == pytest.approx(k) and m.mu_hedge[0] == pytest.approx(k - sign * 0.01)
    assert m.rf == pytest.approx(0.04 if base == "USD" else 0.01)
    # Covariance from [r, f]: R_foreign = r + sign f, hedge = k - sign f.
    s = np.array([0.2, 0.25])
    joint = np.array(
        [[0.04, 0.3 * 0.05, 0.1 * 0.02], [0.3 * 0.05, 0.0625, -0.4 * 0.025], [0.1 * 0.02, -0.4 * 0.025, 0.01]]
    )
    M = np.zeros((3, 3))
    M[0, 0] = M[1, 1] = 1
    M[i_f, 2] = sign
    M[2, 2] = -sign
    np.testing.assert_allclose(m.cov, M @ joint @ M.T, atol=1e-15)
    assert s is not None


def test_without_fx_there_is_no_hedge_and_missing_rates_mean_zero_carry():
    uni, num = parse_assumptions(raw(fx=None))
    m = assumptions_model(uni, num, "USD")
    assert m.m == 0 and m.hedge_currencies == ()
    d = raw()
    del d["rates"]
    uni, num = parse_assumptions(d)
    m = assumptions_model(uni, num, "USD")
    assert m.carry[0] == 0.0 and m.rf == 0.0


def test_inconsistent_fx_correlations_are_rejected():
    # US1 and JP1.T 0.95 correlated, but opposite correlations with f: impossible.
    d = raw(correlations=[[1, 0.95], [0.95, 1]])
    d["fx"]["correlations"] = {"US1": 0.9, "JP1.T": -0.9}
    with pytest.raises(DocumentError, match="fx.correlations"):
        parse_assumptions(d)


@pytest.mark.parametrize(
    "patch,field",
    [
        ({"fx": {"volatility": -0.1}}, "fx.volatility"),
        ({"fx": {"volatility": 0.1, "correlations": {"NOPE": 0.1}}}, "fx.correlations"),
        ({"rates": {"EUR": 0.01}}, "rates"),
        ({"rates": {"USD": "high"}}, "rates.USD"),
    ],
)
def test_bad_fields_are_named(patch, field):
    with pytest.raises(DocumentError, match=field.replace(".", r"\.")):
        parse_assumptions(raw(**patch))


def test_cli_uses_file_rates_and_rate_flags_override(tmp_path, capsys):
    p = tmp_path / "a.json"
    p.write_text(json.dumps(raw()))
    out = tmp_path / "o.alloc.json"
    assert main(["optimize", "--assumptions", str(p), "--hedge", "1", "-o", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert doc["settings"]["rates"] == {"USD": 0.04, "JPY": 0.01}
    assert doc["result"]["metrics"]["rf"] == pytest.approx(0.04)
    E = doc["result"]["currency_exposure"]["JPY"]
    assert doc["result"]["attribution"]["total"]["return_carry"] == pytest.approx(0.03 * E)
    assert main(["optimize", "--assumptions", str(p), "--hedge", "1", "--rate", "JPY=0.02", "-o", str(out)]) == 0
    doc = json.loads(out.read_text())
    E = doc["result"]["currency_exposure"]["JPY"]
    assert doc["result"]["attribution"]["total"]["return_carry"] == pytest.approx(0.02 * E)
    capsys.readouterr()
