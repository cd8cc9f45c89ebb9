"""The Yahoo layer against a fake with yfinance 1.7's exact result shape and failure habits."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from yf_fake import FakeYahoo, per_ticker_frames  # noqa: E402

from allocator.data import yahoo  # noqa: E402
from allocator.data.yahoo import (  # noqa: E402
    RetryPolicy,
    download_batch,
    download_with_retry,
    extract_closes,
)


@pytest.fixture
def fake():
    return FakeYahoo()


def some_tickers(fake, n=3):
    return sorted(fake.frames)[:n]


def test_yfinance_is_not_imported_by_the_data_layer():
    import subprocess

    code = (
        "import sys; import allocator.data.sources, allocator.data.fetch, allocator.data.cache, "
        "allocator.data.quality, allocator.userdata; print('yfinance' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_only_yahoo_module_imports_yfinance():
    root = Path(__file__).resolve().parents[1] / "allocator"
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if p.name != "yahoo.py" and ("import yfinance" in p.read_text() or "from yfinance" in p.read_text())
    ]
    assert offenders == []


def test_extract_closes_from_real_shape(fake):
    tickers = some_tickers(fake)
    frame = fake(tickers, start=None)
    assert isinstance(frame.columns, pd.MultiIndex) and frame.columns.names == ["Price", "Ticker"]
    assert "Adj Close" not in frame.columns.get_level_values(0)  # auto_adjust=True by default
    prices, errors = extract_closes(frame, [t.lower() for t in tickers])  # yfinance upper-cases
    assert errors == {}
    for t in tickers:
        s = prices[t.lower()]
        src = fake.frames[t]["Adj Close"].dropna()
        assert np.allclose(s.to_numpy(), src.to_numpy())
        assert s.index.tz is None


def test_extract_closes_auto_adjust_false_and_group_by_ticker(fake):
    t = some_tickers(fake, 2)
    frame = fake(t, auto_adjust=False)
    prices, _ = extract_closes(frame, t)
    assert np.allclose(prices[t[0]].to_numpy(), fake.frames[t[0]]["Adj Close"].dropna().to_numpy())
    swapped = frame.swaplevel(0, 1, axis=1).sort_index(axis=1)  # group_by="ticker"
    prices2, _ = extract_closes(swapped, t)
    pd.testing.assert_series_equal(prices[t[1]], prices2[t[1]])


def test_failed_ticker_does_not_hide_others(fake):
    """A failed ticker's empty frame carries an 'Adj Close' column; the others must still be read."""
    t = some_tickers(fake, 2)
    frame = fake([*t, "NOSUCH"])
    assert ("Adj Close", "NOSUCH") in frame.columns
    prices, errors = extract_closes(frame, [*t, "NOSUCH"])
    assert set(prices) == set(t)
    assert "no prices" in errors["NOSUCH"]


def test_single_level_and_tz_aware_frames():
    idx = pd.date_range("2024-01-02", periods=3, freq="B", tz="America/New_York")
    flat = pd.DataFrame({"Close": [1.0, 2.0, np.nan], "Volume": [1, 2, 3]}, index=idx)
    prices, errors = extract_closes(flat, ["AAA"])
    assert list(prices["AAA"].index.strftime("%Y-%m-%d")) == ["2024-01-02", "2024-01-03"]
    assert prices["AAA"].index.tz is None
    assert extract_closes(pd.DataFrame(), ["AAA"])[1] == {"AAA": "Yahoo returned no data"}
    assert extract_closes(None, ["AAA"])[1]["AAA"]


def test_download_batch_reports_logged_reasons(fake):
    t = some_tickers(fake, 2)
    fake.fail = {t[1]}
    res = download_batch(t, None, downloader=fake)
    assert set(res.prices) == {t[0]}
    assert "YFPricesMissingError" in res.errors[t[1]]
    assert not res.rate_limited and res.network_error is None


def test_empty_result(fake):
    fake.last_date = "1999-01-01"
    res = download_batch(some_tickers(fake, 2), pd.Timestamp("1998-01-01"), downloader=fake)
    assert res.prices == {} and len(res.errors) == 2


def test_network_failure_is_recognised(fake):
    fake.offline = True
    res = download_batch(some_tickers(fake), None, downloader=fake)
    assert res.network_error and "Could not resolve host" in res.network_error
    fake.offline = False
    fake.raise_exc = ConnectionError("connection refused")
    res = download_batch(some_tickers(fake), None, downloader=fake)
    assert res.network_error and "ConnectionError" in res.network_error


@pytest.mark.parametrize("mode", ["log", "raise"])
def test_rate_limit_retried_with_capped_backoff(fake, mode):
    fake.rate_limit_calls = 2
    fake.rate_limit_mode = mode
    sleeps: list[float] = []
    res = download_with_retry(some_tickers(fake), None, downloader=fake, sleep=sleeps.append, policy=RetryPolicy(3, 2, 3))
    assert not res.rate_limited and len(res.prices) == 3 and res.errors == {}
    assert sleeps == [2.0, 3.0]  # 2 * 2**k, capped at 3
    assert len(fake.calls) == 3


def test_rate_limit_gives_up_after_retries(fake):
    fake.rate_limit_calls = 99
    sleeps: list[float] = []
    res = download_with_retry(some_tickers(fake), None, downloader=fake, sleep=sleeps.append, policy=RetryPolicy(2, 1, 30))
    assert res.rate_limited
    assert sleeps == [1.0, 2.0]
    assert len(fake.calls) == 3


def test_timeout_abandons_a_hanging_download(fake):
    fake.hang = 5.0
    t0 = time.monotonic()
    res = download_batch(some_tickers(fake), None, downloader=fake, batch_timeout=0.3)
    assert time.monotonic() - t0 < 2.0
    assert res.timed_out and all("did not answer" in r for r in res.errors.values())


def test_cancel_during_download(fake):
    fake.hang = 5.0
    t0 = time.monotonic()
    res = download_batch(some_tickers(fake), None, downloader=fake, cancelled=lambda: time.monotonic() - t0 > 0.2)
    assert res.cancelled and time.monotonic() - t0 < 2.0


def test_yfinance_log_lines_do_not_reach_the_terminal(fake, capsys):
    fake.fail = set(fake.frames)
    download_batch(some_tickers(fake), None, downloader=fake)
    captured = capsys.readouterr()
    assert "Failed download" not in captured.err


def test_check_reachable_reports_a_reason(monkeypatch):
    def refuse(*a, **k):
        raise OSError(111, "Connection refused")

    monkeypatch.setattr(yahoo.socket, "create_connection", refuse)
    monkeypatch.delenv("HTTPS_PROXY", raising=False)
    monkeypatch.delenv("https_proxy", raising=False)
    reason = yahoo.check_reachable(timeout=0.5)
    assert reason and "Connection refused" in reason


def test_real_yfinance_call_signature_matches_ours():
    """The keywords we pass exist in the installed yf.download (no network)."""
    import inspect

    yf = pytest.importorskip("yfinance")
    params = inspect.signature(yf.download).parameters
    for kw in ("start", "end", "interval", "auto_adjust", "actions", "progress", "threads", "group_by",
               "multi_level_index", "timeout"):
        assert kw in params, kw
    assert params["auto_adjust"].default is True
    from yfinance.exceptions import YFRateLimitError

    assert yahoo.is_rate_limit(YFRateLimitError())
