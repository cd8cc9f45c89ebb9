"""The default universe and the universe loader's validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allocator.errors import UniverseError
from allocator.universe import Asset, default_universe, load_universe

SHARED_CAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "calibration_2015_2024.json"


def test_default_universe_shape():
    u = default_universe()
    assert 35 <= len(u.assets) <= 50
    assert len(u.themes) == 9
    assert {t.key for t in u.themes} == {
        "defense", "semis_ai", "cyber_space", "critical_minerals", "energy",
        "automation", "exporters", "trade_logistics", "japan_core",
    }
    both = [t.key for t in u.themes if {a.country for a in u.members(t.key)} == {"US", "JP"}]
    assert len(both) >= 7  # both countries in most themes
    assert sum(a.kind == "etf" for a in u.assets) >= 3
    for a in u.assets:
        assert a.currency == ("JPY" if a.country == "JP" else "USD")
        assert a.ticker.endswith(".T") == (a.country == "JP")


def test_every_default_asset_is_in_the_sample():
    from allocator.data.sample import load_sample

    hist = load_sample()
    assert set(default_universe().tickers) <= set(hist.tickers)
    assert hist.fx is not None and hist.simulated and hist.label == "simulated sample"


def test_every_default_asset_has_calibration_figures(shared_data):
    cal = json.loads((shared_data / "calibration_2015_2024.json").read_text())
    full = set(cal["local_currency"]["correlation_full_window"]["tickers"])
    assert set(default_universe().tickers) <= full


BASE = """
[themes.defense]
name = "Defence"
[themes.energy]
name = "Energy"
"""


def _write(tmp_path, assets: str) -> Path:
    p = tmp_path / "u.toml"
    p.write_text(BASE + assets, encoding="utf-8")
    return p


ASSET = '[[assets]]\nticker = "{t}"\nname = "X"\ncountry = "{c}"\ncurrency = "{ccy}"\ntheme = "{th}"\n'


@pytest.mark.parametrize(
    "assets, words",
    [
        (ASSET.format(t="LMT", c="US", ccy="USD", th="defense") * 2, "duplicate ticker 'LMT'"),
        (ASSET.format(t="LMT", c="US", ccy="USD", th="space"), "theme 'space' is not defined"),
        (ASSET.format(t="LMT", c="US", ccy="EUR", th="defense"), "currency 'EUR'"),
        (ASSET.format(t="LMT", c="DE", ccy="USD", th="defense"), "country 'DE'"),
        (ASSET.format(t="bad ticker!", c="US", ccy="USD", th="defense"), "not a valid Yahoo ticker"),
        ("", "[[assets]] is missing"),
    ],
)
def test_bad_universe_is_rejected_naming_the_entry(tmp_path, assets, words):
    with pytest.raises(UniverseError) as err:
        load_universe(_write(tmp_path, assets))
    assert words in str(err.value)
    if assets:
        assert "assets[" in str(err.value)


def test_not_toml(tmp_path):
    p = tmp_path / "u.toml"
    p.write_bytes(b"\x00\x01garbage = = =")
    with pytest.raises(UniverseError, match="not valid TOML|not a UTF-8"):
        load_universe(p)


def test_user_additions_do_not_touch_the_default():
    u = default_universe()
    u2 = u.with_theme("space", "Space").with_asset(Asset("RKLB", "Rocket Lab", "US", "USD", "space", user_added=True))
    assert "RKLB" in u2 and "RKLB" not in u
    with pytest.raises(UniverseError, match="already in the universe"):
        u2.with_asset(Asset("RKLB", "Rocket Lab", "US", "USD", "space"))
    back = type(u2).from_dict(u2.to_dict())
    assert back == u2
