"""The user's universe: custom tickers and themes layered on the default, saved atomically."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from allocator.data.prices import PriceHistory
from allocator.errors import UniverseError
from allocator.universe import default_universe
from allocator import userdata
from allocator.userdata import (
    add_custom_ticker,
    config_dir,
    load_user_universe,
    remove_custom_ticker,
    user_universe_path,
)


def test_folders_follow_allocator_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLOCATOR_HOME", str(tmp_path))
    assert config_dir() == tmp_path / "config"
    assert user_universe_path().parent == tmp_path / "config"


def test_without_a_file_the_user_universe_is_the_default():
    assert load_user_universe() == default_universe()
    assert not user_universe_path().exists()


def test_add_ticker_infers_country_and_saves(tmp_path):
    u = add_custom_ticker("6723.t", "semis_ai", name="Renesas")
    a = u.asset("6723.T")
    assert (a.country, a.currency, a.user_added) == ("JP", "JPY", True)
    again = load_user_universe()
    assert again.asset("6723.T").name == "Renesas"
    assert len(again.assets) == len(default_universe().assets) + 1
    data = json.loads(user_universe_path().read_text())
    assert data["format"] == "allocator.user_universe" and data["version"] == 1
    assert [x["ticker"] for x in data["assets"]] == ["6723.T"]  # only the additions are stored
    assert not list(user_universe_path().parent.glob("*.tmp"))


def test_add_ticker_with_a_new_theme():
    u = add_custom_ticker("MP", "rare_earths", theme_name="Rare earths")
    assert u.theme("rare_earths").name == "Rare earths"
    assert load_user_universe().asset("MP").theme == "rare_earths"
    u = add_custom_ticker("REEMF", "rare_earths")
    assert [a.ticker for a in u.members("rare_earths")] == ["MP", "REEMF"]


def test_add_rejects_duplicates_and_bad_input():
    t = default_universe().tickers[0]
    with pytest.raises(UniverseError, match="already in the universe"):
        add_custom_ticker(t, "defense")
    with pytest.raises(UniverseError, match="not a valid Yahoo ticker"):
        add_custom_ticker("no good", "defense")
    with pytest.raises(UniverseError, match="USD/JPY"):
        add_custom_ticker("jpy=x", "defense")
    with pytest.raises(UniverseError, match="theme key"):
        add_custom_ticker("ABC", "Bad Theme")
    assert not user_universe_path().exists()  # nothing saved on failure


def test_add_validates_against_data_when_given():
    idx = pd.bdate_range("2024-01-01", periods=5)
    h = PriceHistory.from_frame(pd.DataFrame({"ABC": [1.0] * 5}, index=idx), "csv", "CSV: x.csv")
    with pytest.raises(UniverseError, match="no prices for it in CSV: x.csv"):
        add_custom_ticker("XYZ", "defense", prices=h)
    assert add_custom_ticker("ABC", "defense", prices=h).asset("ABC")


def test_remove_custom_ticker():
    add_custom_ticker("ABC", "defense")
    u = remove_custom_ticker("abc")
    assert "ABC" not in u and "ABC" not in load_user_universe()
    with pytest.raises(UniverseError, match="default universe"):
        remove_custom_ticker(default_universe().tickers[0])


@pytest.mark.parametrize(
    "content, match",
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something.else", "version": 1}', "format must be"),
        ('{"format": "allocator.user_universe", "version": 99}', "newer Allocator"),
        ('{"format": "allocator.user_universe", "version": 1, "assets": [{"ticker": "X"}]}', "missing name, theme"),
        (
            '{"format": "allocator.user_universe", "version": 1, "assets": [{"ticker": "X", "name": "X", "theme": "nope"}]}',
            "theme 'nope' is not defined",
        ),
    ],
)
def test_damaged_or_newer_file_is_refused_with_its_name(content, match):
    path = user_universe_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    with pytest.raises(UniverseError, match=match) as info:
        load_user_universe()
    assert str(path) in str(info.value)


def test_save_is_atomic_when_writing_fails(monkeypatch):
    add_custom_ticker("ABC", "defense")
    before = user_universe_path().read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(userdata.os, "replace", broken_replace)
    with pytest.raises(UniverseError, match="No space left"):
        add_custom_ticker("DEF", "defense")
    assert user_universe_path().read_bytes() == before
    assert not list(user_universe_path().parent.glob(".*.tmp"))


def test_addition_that_joined_the_default_is_ignored_with_a_warning():
    path = user_universe_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    t = default_universe().tickers[0]
    path.write_text(json.dumps({"format": "allocator.user_universe", "version": 1,
                                "assets": [{"ticker": t, "name": "dup", "theme": "defense"}]}))
    additions = userdata.load_additions()
    assert additions.assets == () and "now in the default universe" in additions.warnings[0]
