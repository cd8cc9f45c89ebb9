"""Refreshing the cache: full and incremental fetches, grace period, revisions, partial failures,
rate limits, timeouts, cancellation, damaged cache files, and the `allocator fetch` summary."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from yf_fake import FakeYahoo, forbid_network  # noqa: E402

from allocator.data import fetch as fetch_mod  # noqa: E402
from allocator.data.cache import PriceCache  # noqa: E402
from allocator.data.fetch import FetchStatus, refresh_cache, run_fetch  # noqa: E402
from allocator.data.yahoo import RetryPolicy  # noqa: E402
from allocator.errors import InputError  # noqa: E402


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """The real downloader and probe must never run in tests."""
    forbid_network(monkeypatch)


@pytest.fixture
def fake():
    return FakeYahoo()


@pytest.fixture
def cache(tmp_path):
    return PriceCache(tmp_path / "cache")


def assets(fake):
    return sorted(t for t in fake.frames if t != "JPY=X")


class Clock:
    def __init__(self, t=1_000_000.0):
        self.t = t

    def __call__(self):
        return self.t


def refresh(fake, cache, tickers=None, **kw):
    return refresh_cache(tickers or assets(fake), cache=cache, downloader=fake, sleep=lambda s: None, **kw)


def test_first_fetch_downloads_everything_plus_fx(fake, cache):
    report = refresh(fake, cache)
    assert report.ok and report.exit_code == 0
    assert [r.ticker for r in report.results] == [*assets(fake), "JPY=X"]
    for r in report.results:
        assert r.status is FetchStatus.UPDATED
        assert r.rows == fake.frames[r.ticker]["Adj Close"].notna().sum()
    h = cache.load(assets(fake))
    t = assets(fake)[0]
    assert h.prices[t].dropna().iloc[-1] == pytest.approx(fake.frames[t]["Adj Close"].dropna().iloc[-1])


def test_grace_period_skips_recent_tickers(fake, cache):
    clock = Clock()
    refresh(fake, cache, clock=clock)
    calls = len(fake.calls)
    clock.t += 3600
    report = refresh(fake, cache, clock=clock)
    assert len(fake.calls) == calls
    assert {r.status for r in report.results} == {FetchStatus.CACHED} and report.exit_code == 0
    report = refresh(fake, cache, clock=clock, force=True)
    assert len(fake.calls) > calls


def test_incremental_refresh_fetches_only_new_rows_with_overlap(fake, cache):
    t = assets(fake)[0]
    full = fake.frames[t].dropna()
    cut = full.index[-30]
    fake.last_date = str(cut.date())
    clock = Clock()
    refresh(fake, cache, [t], clock=clock)
    fake.last_date = None
    fake.calls.clear()
    clock.t += 7 * 86400
    report = refresh(fake, cache, [t], clock=clock)
    r = report.result(t)
    assert r.status is FetchStatus.UPDATED and r.new_rows == 29
    (tickers, start), = [c for c in fake.calls if t in c[0]]
    assert pd.Timestamp(start) == cut - pd.Timedelta(days=10)  # small overlap, not the whole history
    assert cache.read(t).rows == len(full)
    # nothing new since: "up to date", and the grace period restarts
    clock.t += 7 * 86400
    report = refresh(fake, cache, [t], clock=clock)
    assert report.result(t).status is FetchStatus.CURRENT
    assert cache.read(t).fetched_at == clock.t


def test_revised_history_triggers_a_full_refetch(fake, cache):
    t = assets(fake)[0]
    idx = fake.frames[t]["Adj Close"].dropna().index
    fake.last_date = str(idx[-20].date())
    clock = Clock()
    refresh(fake, cache, [t], clock=clock)
    # A dividend goes ex inside the new rows: Yahoo rescales every earlier adjusted price.
    fake.last_date = None
    fake.scale_before(t, str(idx[-10].date()), 0.97)
    fake.calls.clear()
    clock.t += 7 * 86400
    report = refresh(fake, cache, [t], clock=clock)
    assert report.result(t).status is FetchStatus.UPDATED
    starts = [pd.Timestamp(s) for tk, s in fake.calls if t in tk]
    assert len(starts) == 2 and starts[1] == pd.Timestamp(fetch_mod.DEFAULT_HISTORY_START)
    cached = cache.read(t).prices
    expected = fake.frames[t]["Adj Close"].dropna()
    assert cached.to_numpy() == pytest.approx(expected.to_numpy())  # one adjustment level throughout


def test_partial_failure_reports_each_ticker(fake, cache):
    a, b = assets(fake)[:2]
    fake.fail = {b}
    report = refresh(fake, cache, [a, b, "NOSUCH"])
    assert report.result(a).status is FetchStatus.UPDATED
    assert report.result(b).status is FetchStatus.FAILED and "YFPricesMissingError" in report.result(b).message
    assert report.result("NOSUCH").status is FetchStatus.FAILED
    assert report.exit_code == 4 and not report.ok
    # a later failure keeps the older cached prices and says so
    fake.fail = {a}
    report = refresh(fake, cache, [a], force=True)
    assert report.result(a).status is FetchStatus.STALE and report.result(a).rows > 0


def test_rate_limit_retries_then_stops_and_says_so(fake, cache):
    fake.rate_limit_calls = 1
    sleeps = []
    report = refresh_cache(assets(fake), cache=cache, downloader=fake, sleep=sleeps.append)
    assert report.ok and sleeps == [2.0]
    fake.rate_limit_calls = 100
    sleeps.clear()
    t0 = time.monotonic()
    report = refresh_cache(
        assets(fake), cache=cache, downloader=fake, sleep=sleeps.append, force=True, policy=RetryPolicy(3, 2, 5)
    )
    assert time.monotonic() - t0 < 5  # the sleeps were injected, not waited
    assert sleeps == [2.0, 4.0, 5.0]
    assert "rate-limiting" in report.stopped and report.exit_code == 4
    assert all(r.status is FetchStatus.STALE for r in report.results)  # cached prices kept


def test_rate_limit_stop_leaves_later_batches_unfetched(fake, cache):
    fake.rate_limit_calls = 100
    report = refresh(fake, cache, batch_size=1, policy=RetryPolicy(0))
    assert len(fake.calls) == 1  # stopped after the first batch
    assert {r.status for r in report.results} == {FetchStatus.SKIPPED}


def test_timeout_stops_the_refresh(fake, cache):
    fake.hang = 3.0
    t0 = time.monotonic()
    report = refresh(fake, cache, batch_timeout=0.2)
    assert time.monotonic() - t0 < 2.5
    assert "did not answer" in report.stopped and report.exit_code == 4


def test_offline_fails_fast_with_the_probe(cache):
    t0 = time.monotonic()
    report = refresh_cache(["LMT"], cache=cache, downloader=FakeYahoo(), reachable=lambda: "no route to host")
    assert time.monotonic() - t0 < 1
    assert report.unreachable and report.stopped == "cannot reach Yahoo Finance: no route to host"


def test_offline_detected_from_the_downloads_too(fake, cache):
    fake.offline = True
    report = refresh(fake, cache)
    assert report.unreachable and "Could not resolve host" in report.stopped
    assert len(fake.calls) == 1


def test_damaged_cache_file_is_refetched(fake, cache):
    t = assets(fake)[0]
    refresh(fake, cache, [t])
    cache.path_for(t).write_bytes(b"\x00garbage")
    report = refresh(fake, cache, [t])
    r = report.result(t)
    assert r.status is FetchStatus.UPDATED and "damaged" in r.message
    assert report.dropped and report.dropped[0][0] == t
    assert cache.read(t).rows == r.rows


def test_progress_and_cancel(fake, cache):
    seen = []
    report = refresh(fake, cache, batch_size=1, progress=lambda d, n, t: seen.append((d, n, t)))
    assert [d for d, _, _ in seen] == list(range(1, len(report.results) + 1))
    assert all(n == len(report.results) for _, n, _ in seen)
    fake.calls.clear()
    report = refresh(fake, cache, batch_size=1, force=True, cancelled=lambda: len(fake.calls) >= 2)
    assert report.cancelled and report.exit_code == 4
    statuses = [r.status for r in report.results]
    assert sum(s.has_fresh_data for s in statuses) == 2  # what finished before the cancel is kept
    assert statuses[2:] == [FetchStatus.STALE] * (len(statuses) - 2)


def test_run_fetch_prints_a_summary(fake, monkeypatch, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    code = run_fetch(assets(fake)[:1], out, downloader=fake, err=err)
    text = out.getvalue()
    assert code == 0 and err.getvalue() == ""
    assert text.splitlines()[0].split() == ["ticker", "status", "rows", "first", "last", "new", "note"]
    assert assets(fake)[0] in text and "JPY=X" in text and "updated" in text


def test_run_fetch_offline_exits_4_with_one_line(monkeypatch):
    monkeypatch.setattr(fetch_mod, "check_reachable", lambda *a, **k: "query2.finance.yahoo.com: Name or service not known")
    out, err = io.StringIO(), io.StringIO()
    t0 = time.monotonic()
    code = run_fetch(None, out, err=err)  # the real downloader: stopped by the probe before any call
    assert code == 4 and time.monotonic() - t0 < 5
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("allocator fetch: cannot reach Yahoo Finance:")


def test_run_fetch_validates_tickers(fake):
    with pytest.raises(InputError, match="not a valid Yahoo ticker"):
        run_fetch(["LMT", "no good!"], io.StringIO(), downloader=fake)


def test_default_tickers_are_the_user_universe(fake, cache):
    from allocator.userdata import load_user_universe

    fake.fail = set()
    report = refresh_cache(None, cache=cache, downloader=fake, sleep=lambda s: None)
    assert [r.ticker for r in report.results] == [*load_user_universe().tickers, "JPY=X"]


def test_all_failed_batch_asks_the_network_before_blaming_tickers(fake, cache):
    """yfinance reports a dropped connection as 'possibly delisted; no timezone found'."""
    fake.fail = set(fake.frames)
    answers = iter([None, "connection refused"])
    report = refresh(fake, cache, reachable=lambda: next(answers))
    assert report.unreachable and report.stopped == "cannot reach Yahoo Finance: connection refused"
