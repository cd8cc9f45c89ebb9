"""Issue 16, item 10 in the app: the refresh dialog can be cancelled at every stage of a stalled refresh.

Stages: the reachability probe waiting on a silent proxy (real probe code,
a local socket that accepts and never answers), and a download that never
returns.  Each time Cancel ends the refresh at once: the report says
"cancelled", nothing is fetched, the dialog can be closed.
"""

from __future__ import annotations

import socket
import threading

import pytest

pytestmark = pytest.mark.gui


@pytest.fixture
def fake_yahoo():
    from yf_fake import FakeYahoo

    return FakeYahoo()


@pytest.fixture
def blackhole(monkeypatch):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(srv.accept()[0])  # accepted, never answered
            except OSError:
                continue

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    proxy = f"http://127.0.0.1:{srv.getsockname()[1]}"
    for k in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    monkeypatch.setenv("https_proxy", proxy)
    yield proxy
    stop.set()
    t.join(2)
    for c in held:
        c.close()
    srv.close()


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
