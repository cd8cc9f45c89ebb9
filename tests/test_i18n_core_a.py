"""Issue 14: errors built in universe.py, userdata.py and data/prices.py are translatable T() texts
whose English is unchanged and whose template is one the extractor finds (so it gets a translation)."""

from __future__ import annotations

import pandas as pd
import pytest

from allocator.data.prices import SIMULATED_LABEL, PriceHistory
from allocator.errors import DataError, UniverseError
from allocator.text import Text
from allocator.universe import default_universe
from allocator.userdata import load_additions
from tools import i18n as tool

TEMPLATES = {t for t, _, _ in tool.core_templates()}


def _check(exc, english):
    assert isinstance(exc.message, Text)
    assert exc.message.template in TEMPLATES
    assert str(exc.message) == english


def test_universe_unknown_ticker_is_a_text():
    with pytest.raises(UniverseError) as info:
        default_universe().asset("NOPE")
    _check(info.value, "unknown ticker 'NOPE'; it is not in the universe")


def test_userdata_bad_json_is_a_text(tmp_path):
    path = tmp_path / "universe.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(UniverseError) as info:
        load_additions(path)
    _check(info.value, f"{path}: expected a JSON object")


def test_prices_missing_ticker_names_the_source_as_a_text():
    frame = pd.DataFrame({"AAA": [1.0, 1.1]}, index=pd.to_datetime(["2024-01-31", "2024-02-29"]))
    history = PriceHistory.from_frame(frame, "sample", SIMULATED_LABEL, simulated=True)
    with pytest.raises(DataError) as info:
        history.select(["AAA", "BBB"])
    _check(info.value, "simulated sample has no prices for BBB "
                       "(add them by fetching from Yahoo Finance or importing a CSV)")
    assert isinstance(info.value.message.params["source"], Text)  # the label is translated too
    # and the Japanese rendering fills every placeholder
    ja = {"{source} has no prices for {tickers} (add them by fetching from Yahoo Finance or importing a CSV)":
          "{source}には{tickers}の価格がありません", "simulated sample": "サンプル"}
    assert info.value.message.render(ja.get) == "サンプルにはBBBの価格がありません"


def test_currency_rate_history_errors_are_texts(tmp_path):
    from allocator.currency import load_rate_history, parse_base
    from allocator.errors import DocumentError, InputError

    with pytest.raises(InputError) as info:
        parse_base("EUR")
    _check(info.value, "base currency 'EUR' must be USD or JPY")
    path = tmp_path / "rates.csv"
    path.write_text("Date,USD,JPY\n2024-01-31,5.3,0.1\n2024-02-29,5.3,0.1\n", encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load_rate_history(path)  # percents read as fractions: the hint variant
    assert isinstance(info.value.message, Text) and info.value.message.params["message"] is info.value.bare
    _check(type("E", (), {"message": info.value.bare})(), "annual rates must lie between -10% and 100%, found 5.3 "
                       "(the values look like percents: use --rate-units percent)")
