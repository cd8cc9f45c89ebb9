"""Issue 14: messages of views, assumptions, costs and rebalance are translatable Text, English unchanged."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from allocator.costs import Costs, parse_costs
from allocator.errors import DocumentError, InputError
from allocator.text import Text
from allocator.views import PriorSettings, View, parse_view, weights_from_mapping

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import i18n  # noqa: E402

CORE = {t for t, *_ in i18n.core_templates()}


def _check(message, english: str) -> None:
    assert isinstance(message, Text), f"plain str, not translatable: {message!r}"
    assert message.template in CORE
    assert str(message) == english


def test_view_errors_are_text_with_unchanged_english():
    with pytest.raises(InputError) as e:
        parse_view("nonsense", ["semis_ai"], ["NVDA"])
    _check(e.value.message, "--view 'nonsense': expected THEME=R@C, THEME1-THEME2=R@C or TICKER=R@C, e.g. semis_ai=0.12@0.6")
    with pytest.raises(InputError) as e:
        View.from_dict({"theme": "semis_ai", "return": 0.12, "confidence": 1.5}, "views[2]")
    _check(e.value.message, "views[2]: confidence 1.5 must be in (0, 1] (e.g. 0.6 for 60%)")
    with pytest.raises(InputError) as e:
        PriorSettings(tau=2.0).validate()
    _check(e.value.message, "--tau 2.0: must be in (0, 1] (typical 0.025 to 0.1)")


def test_view_notes_are_text():
    _, notes = weights_from_mapping(["A", "B"], {"A": 1.0, "Z": 0.5}, "reference portfolio")
    _check(notes[0], "reference portfolio: Z not in the model; left out")
    _check(notes[1], "reference portfolio: no weight for B; taken as 0")


def test_cost_errors_are_text_with_unchanged_english():
    with pytest.raises(InputError) as e:
        parse_costs("US=5,UK=3")
    _check(e.value.message, "--costs 'US=5,UK=3': unknown market 'UK' (use US, JP)")
    with pytest.raises(InputError) as e:
        Costs.from_json({"US": 5}, "settings.costs")
    _check(e.value.message, "settings.costs: missing JP (give both markets, e.g. US=5,JP=10)")


def test_assumptions_errors_are_text(tmp_path):
    from allocator.assumptions import parse_assumptions

    raw = {
        "assets": [{"ticker": "AAA", "name": "A", "theme": "t", "country": "US", "currency": "USD"},
                   {"ticker": "BBB", "name": "B", "theme": "t", "country": "JP", "currency": "JPY"}],
        "expected_returns": {"AAA": 0.05, "BBB": 0.06},
        "covariance": [[0.04, 0.01], [0.02, 0.04]],
    }
    with pytest.raises(DocumentError) as e:
        parse_assumptions(raw, "a.json")
    _check(e.value.bare, "must be symmetric")
    assert str(e.value) == "a.json: covariance: must be symmetric"
    raw["covariance"] = [[0.04, 0.01], [0.01, 0.04]]
    raw["views"] = [{"theme": "t", "return": 3, "confidence": 0.5}]
    with pytest.raises(DocumentError) as e:
        parse_assumptions(raw, "a.json")
    # the nested view error keeps its template through the DocumentError framing
    _check(e.value.bare, "views[0]: return 3 is out of range (an annual fraction in [-1, 1], e.g. 0.12)")


def test_rebalance_errors_are_text():
    from allocator.holdings import Holdings
    from allocator.rebalance import _pairs, plan_rebalance
    from allocator.universe import Asset, Theme, Universe

    with pytest.raises(InputError) as e:
        _pairs(["USD:100"], "--cash")
    _check(e.value.message, "--cash 'USD:100': expected CCY=AMOUNT")
    uni = Universe((Theme("t", "T"),), (Asset("AAA", "A", "US", "USD", "t"),))
    with pytest.raises(InputError) as e:
        plan_rebalance(uni, {"ZZZ": 1.0}, {}, Holdings({}, {"USD": 1000.0}), {"AAA": 10.0}, "USD", 150.0)
    _check(e.value.message, "the target names ZZZ, which is not in its universe")
