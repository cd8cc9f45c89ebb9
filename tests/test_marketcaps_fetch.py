"""Market capitalisations refreshed on fetch (DESIGN §10), against fakes shaped like yfinance 1.7's
``Ticker(...).info`` / ``.fast_info``: stocks, ETFs (assets under management), yen listings, a
user-added ticker Yahoo has no figure for, offline, rate limits, a hang, the grace period."""

from __future__ import annotations

import io
import json
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from yf_fake import FakeTickers, FakeYahoo, forbid_network  # noqa: E402

from allocator.data.cache import PriceCache  # noqa: E402
from allocator.data.fetch import CAP_MAX_AGE_DAYS, refresh_cache, refresh_market_caps, run_fetch  # noqa: E402
from allocator.data.yahoo import NoMarketCap, market_cap_of  # noqa: E402
from allocator.marketcaps import _cache_path, bundled_caps, fetched_caps, market_cap_weights  # noqa: E402

TODAY = date(2026, 12, 3)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    forbid_network(monkeypatch)


def test_stocks_etfs_and_yen_listings_are_read_like_yfinance_gives_them():
    t = FakeTickers()
    assert market_cap_of(t("NVDA")) == (3.4e12, "USD")
    assert market_cap_of(t("7203.T")) == (4.1e13, "JPY")
    assert market_cap_of(t("SPY")) == (6.3e11, "USD")  # an ETF: totalAssets
    t.fast_only.add("LMT")
    assert market_cap_of(t("LMT")) == (1.1e11, "USD")  # through fast_info
    with pytest.raises(NoMarketCap, match="only USD and JPY"):
        market_cap_of(t("VOD.L"))
    with pytest.raises(NoMarketCap, match="no market capitalisation"):
        market_cap_of(t("NOPE"))


def test_refresh_stores_figures_that_win_over_the_bundled_ones():
    t = FakeTickers()
    rep = refresh_market_caps(["NVDA", "LMT", "7203.T", "XLI", "JPY=X"], t, today=TODAY)
    assert sorted(rep.updated) == ["7203.T", "LMT", "NVDA", "XLI"] and not rep.failed and not rep.without
    assert "JPY=X" not in t.asked
    got = fetched_caps()
    assert got["7203.T"].value == 4.1e13 and got["7203.T"].currency == "JPY" and got["7203.T"].as_of == "2026-12-03"
    assert json.loads(_cache_path().read_text())["format"] == "allocator.market_caps"
    assert bundled_caps().caps["NVDA"].value != 3.4e12  # the fetched figure is a different one ...
    w, notes = market_cap_weights(["NVDA", "LMT"], ["semis_ai", "defense"], "USD")
    np.testing.assert_allclose(w, np.array([3.4e12, 1.1e11]) / 3.51e12)  # ... and it is the one used
    assert any("Yahoo Finance as of 2026-12-03" in n for n in notes)


def test_a_user_ticker_without_a_figure_gets_equal_weight_in_its_theme_and_it_is_said():
    t = FakeTickers()
    rep = refresh_market_caps(["LMT", "ZZZ9"], t, today=TODAY)
    assert rep.updated == ("LMT",) and rep.failed[0][0] == "ZZZ9" and rep.without == ("ZZZ9",)
    assert "ZZZ9 has none yet: equal weight inside its theme" in rep.summary()
    w, notes = market_cap_weights(["LMT", "NOC", "ZZZ9"], ["defense", "defense", "defense"], "USD")
    caps = [fetched_caps()["LMT"].value, bundled_caps().caps["NOC"].value]
    assert w[2] == pytest.approx(np.mean(caps) / (sum(caps) + np.mean(caps)))
    assert any("no market capitalisation yet for ZZZ9" in n and "equal weight inside its theme" in n for n in notes)
    # once Yahoo has it, the next refresh picks it up
    t.info["ZZZ9"] = {"currency": "USD", "marketCap": 5e9}
    rep = refresh_market_caps(["LMT", "ZZZ9"], t, today=TODAY)
    assert rep.updated == ("ZZZ9",) and rep.recent == 1 and not rep.without
    _, notes = market_cap_weights(["LMT", "ZZZ9"], ["defense", "defense"], "USD")
    assert not any("no market capitalisation yet" in n for n in notes)


def test_recent_figures_are_not_asked_again_unless_forced():
    t = FakeTickers()
    refresh_market_caps(["LMT", "NVDA"], t, today=TODAY)
    t.asked.clear()
    rep = refresh_market_caps(["LMT", "NVDA"], t, today=date.fromordinal(TODAY.toordinal() + CAP_MAX_AGE_DAYS - 1))
    assert t.asked == [] and rep.recent == 2
    refresh_market_caps(["LMT", "NVDA"], t, today=date.fromordinal(TODAY.toordinal() + CAP_MAX_AGE_DAYS))
    assert sorted(t.asked) == ["LMT", "NVDA"]
    t.asked.clear()
    refresh_market_caps(["LMT"], t, today=TODAY, force=True)
    assert t.asked == ["LMT"]


@pytest.mark.parametrize("mode, words", [("offline", "cannot reach Yahoo Finance"), ("rate_limit", "rate-limiting")])
def test_offline_or_rate_limited_stores_nothing_and_says_why(mode, words):
    t = FakeTickers()
    setattr(t, mode, True)
    rep = refresh_market_caps(["LMT", "NVDA", "7203.T"], t, today=TODAY)
    assert words in (rep.stopped or "") and rep.updated == ()
    assert fetched_caps() == {} and not _cache_path().exists()
    assert words in rep.summary()


def test_a_hanging_yahoo_is_abandoned_within_the_time_limit():
    t = FakeTickers()
    t.hang = 5.0
    t0 = time.monotonic()
    rep = refresh_market_caps(["LMT", "NVDA"], t, today=TODAY, timeout=0.5)
    assert time.monotonic() - t0 < 3.0
    assert "no answer within 0.5 s" in rep.stopped and rep.updated == ()


def test_fetch_refreshes_caps_after_the_prices_and_prints_it(tmp_path):
    fake, t = FakeYahoo(), FakeTickers()
    tickers = sorted(x for x in fake.frames if x != "JPY=X")[:2] + ["LMT"]
    out, err = io.StringIO(), io.StringIO()
    run_fetch(tickers, out, downloader=fake, err=err, cache=PriceCache(tmp_path / "c"), ticker_factory=t,
              sleep=lambda s: None)
    assert sorted(t.asked) == sorted(tickers)  # every ticker asked, JPY=X not
    assert "market capitalisations: " in out.getvalue()
    assert "LMT" in fetched_caps()


def test_fetch_with_a_fake_downloader_and_no_fake_tickers_leaves_caps_alone(tmp_path):
    fake = FakeYahoo()
    report = refresh_cache(sorted(fake.frames)[:1], cache=PriceCache(tmp_path / "c"), downloader=fake, sleep=lambda s: None)
    assert report.caps is None and fetched_caps() == {}


def test_a_cancelled_or_unreachable_fetch_does_not_ask_for_caps(tmp_path):
    t = FakeTickers()
    report = refresh_cache(["LMT"], cache=PriceCache(tmp_path / "c"), downloader=FakeYahoo(), ticker_factory=t,
                           reachable=lambda: "no route to host")
    assert report.unreachable and report.caps is None and t.asked == []
    report = refresh_cache(["LMT"], cache=PriceCache(tmp_path / "c"), downloader=FakeYahoo(), ticker_factory=t,
                           cancelled=lambda: True)
    assert report.cancelled and report.caps is None and t.asked == []
