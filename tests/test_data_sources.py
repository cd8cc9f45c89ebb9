"""open_source: sample, cache, yahoo, csv:PATH and the default choice (cache, else sample, saying which)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from yf_fake import LOCAL_YF, FakeYahoo, forbid_network, per_ticker_frames  # noqa: E402

from allocator.data import fetch as fetch_mod  # noqa: E402
from allocator.data.cache import PriceCache  # noqa: E402
from allocator.data.sources import open_source  # noqa: E402
from allocator.errors import DataError, InputError  # noqa: E402
from allocator.universe import default_universe  # noqa: E402


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    """The real downloader and probe must never run in tests."""
    forbid_network(monkeypatch)


def fill_cache(tickers, with_fx=True):
    """Cache prices for ``tickers`` (copied from the small fixture files, renamed)."""
    fake = FakeYahoo(per_ticker_frames(LOCAL_YF))
    src = fake.frames["AAA"]["Adj Close"]
    cache = PriceCache()
    for t in tickers:
        cache.write(t, src, fetched_at=time.time())
    if with_fx:
        cache.write("JPY=X", fake.frames["JPY=X"]["Adj Close"], fetched_at=time.time())
    return cache


def test_unknown_spec_is_bad_input():
    with pytest.raises(InputError, match="unknown data source 'web'"):
        open_source("web", ["LMT"])


def test_sample_spec():
    h = open_source("sample", ["LMT", "7203.T"])
    assert h.simulated and h.label == "simulated sample" and h.tickers == ["LMT", "7203.T"]


def test_default_uses_cache_when_complete():
    fill_cache(["LMT", "7203.T"])
    h = open_source(None, ["LMT", "7203.T"])
    assert h.source == "cache" and not h.simulated
    assert any("cached Yahoo Finance prices" in w for w in h.warnings)


def test_default_falls_back_to_sample_and_says_why():
    fill_cache(["LMT"])
    h = open_source(None, ["LMT", "7203.T"])
    assert h.simulated
    (w,) = [w for w in h.warnings if "simulated sample" in w]
    assert "7203.T" in w and "allocator fetch" in w
    h = open_source(None, None)  # whole universe, empty cache
    assert h.simulated and set(h.tickers) <= set(default_universe().tickers)


def test_default_needs_fx_in_cache():
    fill_cache(["LMT"], with_fx=False)
    h = open_source(None, ["LMT"])
    assert h.simulated and any("JPY=X" in w for w in h.warnings)


def test_cache_spec_errors_name_missing_tickers():
    fill_cache(["LMT"])
    assert open_source("cache", ["LMT"]).fx is not None
    with pytest.raises(DataError, match="no prices for GD"):
        open_source("cache", ["LMT", "GD"])


def test_yahoo_offline_fails_fast():
    t0 = time.monotonic()
    with pytest.raises(DataError, match="^cannot reach Yahoo Finance: offline"):
        open_source("yahoo", ["LMT"])
    assert time.monotonic() - t0 < 2


def test_yahoo_spec_refreshes_then_reads(monkeypatch):
    fake = FakeYahoo(per_ticker_frames(LOCAL_YF))
    fake.frames["LMT"] = fake.frames["AAA"]
    monkeypatch.setattr(fetch_mod, "yf_download", fake)
    monkeypatch.setattr(fetch_mod, "check_reachable", lambda *a, **k: None)
    h = open_source("yahoo", ["LMT"])
    assert h.source == "yahoo" and h.label == "Yahoo Finance" and h.fx is not None
    assert fake.calls and PriceCache().read("LMT") is not None


def test_csv_spec_takes_fx_from_cache_when_missing():
    fill_cache([])
    h = open_source(f"csv:{LOCAL_YF / 'AAA.csv'}", ["AAA"])
    assert h.fx is not None and any("taken from the price cache" in w for w in h.warnings)


def test_yahoo_spec_names_tickers_yahoo_has_no_prices_for(monkeypatch):
    fake = FakeYahoo(per_ticker_frames(LOCAL_YF))
    monkeypatch.setattr(fetch_mod, "yf_download", fake)
    monkeypatch.setattr(fetch_mod, "check_reachable", lambda *a, **k: None)
    with pytest.raises(DataError, match=r"^Yahoo Finance gave no prices for NOSUCH: YFPricesMissingError"):
        open_source("yahoo", ["AAA", "NOSUCH"])
