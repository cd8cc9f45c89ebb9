"""--costs parsing: one number for both markets, or per market; clear errors."""

from __future__ import annotations

import pytest

from allocator.costs import Costs, parse_costs
from allocator.errors import InputError


@pytest.mark.parametrize(
    "text, us, jp",
    [
        ("10", 10, 10),
        (" 2.5 ", 2.5, 2.5),
        ("10bps", 10, 10),
        ("US=5,JP=10", 5, 10),
        ("jp=10, us=5", 5, 10),
        ("US=0,JP=7bp", 0, 7),
        ("10000", 10000, 10000),
        (None, 0, 0),
        ("", 0, 0),
        (3, 3, 3),
    ],
)
def test_parse_costs_accepts_both_forms(text, us, jp):
    c = parse_costs(text)
    assert (c.US, c.JP) == (us, jp)
    assert c.rate("JP") == pytest.approx(jp / 10_000)


@pytest.mark.parametrize(
    "text, needle",
    [
        ("ten", "'ten'"),
        ("-1", "between 0 and 10000"),
        ("nan", "between 0"),
        ("20000", "between 0 and 10000"),
        ("US=5", "missing JP"),
        ("US=5,EU=3", "unknown market 'EU'"),
        ("US=5,US=6,JP=1", "US is given twice"),
        ("US=5,,JP=1", "empty entry"),
        ("US=x,JP=1", "--costs US must be a number"),
        ("=5", "MARKET=BPS"),
        (True, "basis points"),
    ],
)
def test_parse_costs_rejects_with_a_message_naming_the_part(text, needle):
    with pytest.raises(InputError) as e:
        parse_costs(text)
    assert needle in str(e.value)
    assert "\n" not in str(e.value)


def test_costs_round_trip_json_and_labels():
    c = parse_costs("US=5,JP=10")
    assert Costs.from_json(c.to_json()) == c
    assert Costs.from_json(4) == Costs.flat(4)
    assert c.label() == "US 5 bps, JP 10 bps" and Costs.flat(3).label() == "3 bps"
    assert Costs().is_zero and not c.is_zero
    for bad, needle in [({"US": 1}, "missing JP"), ({"US": 1, "JP": "2"}, "costs.JP must be a number"),
                        ({"US": 1, "JP": 2, "EU": 3}, "unknown market 'EU'"), ("7", "basis points")]:
        with pytest.raises(InputError, match=needle):
            Costs.from_json(bad)
