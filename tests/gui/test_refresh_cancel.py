"""Issue 16, item 10 in the app: the refresh dialog can be cancelled at every stage of a stalled refresh.

Stages: the reachability probe waiting on a silent proxy (real probe code,
a local socket that accepts and never answers), and a download that never
returns.  Each time Cancel ends the refresh at once: the report says
"cancelled", nothing is fetched, the dialog can be closed.
"""

from __future__ import annotations

import threading

import pytest

pytestmark = pytest.mark.gui


@pytest.fixture
def fake_yahoo():
    from yf_fake import FakeYahoo

    return FakeYahoo()


@pytest.fixture
def blackhole(silent_proxy, monkeypatch):
    """The silent proxy (tests/conftest.py) as the process's HTTPS proxy."""
    for k in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", silent_proxy)
    monkeypatch.setenv("https_proxy", silent_proxy)
    return silent_proxy


def _cancel_and_wait(qtbot, dlg, started):
    qtbot.waitUntil(started, timeout=20000)
    dlg.cancel_button.click()
    assert "Cancelling" in dlg.label.text()
    with qtbot.waitSignal(dlg.finished_report, timeout=3000) as blocker:  # not the probe's or the batch's timeout
        pass
    report = blocker.args[0]
    assert report is not None and report.cancelled, report
    assert all(r.status.value == "not fetched" for r in report.results)
    assert dlg.close_button.isEnabled()
    dlg.accept()
    return report


def test_cancel_while_the_probe_waits_on_a_silent_proxy(make_window, qtbot, fake_yahoo, blackhole, monkeypatch):
    from allocator.data import yahoo

    probing = threading.Event()
    real = yahoo.check_reachable

    def probe(*a, **k):
        probing.set()
        return real(timeout=30.0)  # the real probe, given far longer than the test waits

    win = make_window(synchronous=False, start=False)
    win.fetch_options = {"downloader": fake_yahoo, "reachable": probe, "sleep": lambda s: None}
    dlg = win.refresh_prices(["LMT", "GD"])
    _cancel_and_wait(qtbot, dlg, probing.is_set)
    assert fake_yahoo.calls == []  # nothing was asked after the cancel


def test_cancel_while_a_download_never_returns(make_window, qtbot, fake_yahoo):
    fake_yahoo.hang = 120.0  # far past the batch timeout the test could wait for
    win = make_window(synchronous=False, start=False)
    win.fetch_options = {"downloader": fake_yahoo, "reachable": lambda: None, "sleep": lambda s: None}
    dlg = win.refresh_prices(["LMT", "GD"])
    _cancel_and_wait(qtbot, dlg, lambda: len(fake_yahoo.calls) > 0)
