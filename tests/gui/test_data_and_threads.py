"""Refresh with a fake Yahoo (partial failure, cancel), the real thread pool, and the screenshot mode."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from allocator.gui import messages

pytestmark = pytest.mark.gui


@pytest.fixture
def fake_yahoo():
    from yf_fake import FakeYahoo

    return FakeYahoo()


def _options(fake, **kw):
    return {"downloader": fake, "reachable": lambda: None, "sleep": lambda s: None, **kw}


def test_refresh_lists_per_ticker_failures(window, fake_yahoo):
    tickers = sorted(t for t in fake_yahoo.frames if t != "JPY=X")[:2]
    window.fetch_options = _options(fake_yahoo)
    dlg = window.refresh_prices(tickers + ["NOSUCH"])
    report = dlg.report
    assert report is not None and not report.cancelled
    assert report.result("NOSUCH").status.value == "failed"
    assert all(report.result(t).status.has_fresh_data for t in tickers)
    assert dlg.table.item(0, 0).text() == "NOSUCH"  # failures first
    assert "failed" in dlg.table.item(0, 1).text()
    assert dlg.close_button.isEnabled() and not dlg.cancel_button.isEnabled()
    assert window.run.data == "sample"  # a partial refresh never switches the source by itself
    dlg.accept()


def test_refresh_failure_outright_is_a_message_not_a_crash(window, fake_yahoo):
    window.fetch_options = _options(fake_yahoo, reachable=lambda: "no route to host")
    dlg = window.refresh_prices(["AAA"])
    assert dlg.report is not None and dlg.report.unreachable
    assert "cannot reach" in dlg.label.text().lower()
    dlg.accept()


def test_refresh_cancel_through_the_thread_pool(make_window, qtbot, fake_yahoo):
    win = make_window(synchronous=False, start=False)
    fake_yahoo.hang = 0.3  # each batch takes a while: time to press Cancel
    tickers = [t for t in fake_yahoo.frames if t != "JPY=X"]
    win.fetch_options = _options(fake_yahoo, batch_size=1)
    dlg = win.refresh_prices(tickers)
    qtbot.waitUntil(lambda: dlg.bar.maximum() > 0 or len(fake_yahoo.calls) > 0, timeout=10000)
    dlg.cancel_button.click()
    with qtbot.waitSignal(dlg.finished_report, timeout=15000) as blocker:
        pass
    report = blocker.args[0]
    assert report.cancelled
    assert any(r.status.value == "not fetched" for r in report.results)
    assert "cancelled" in dlg.label.text()
    assert len(fake_yahoo.calls) < len(tickers) + 1
    dlg.accept()


def test_real_thread_pool_first_result_and_slider(make_window, qtbot):
    win = make_window(synchronous=False, start=False)
    with qtbot.waitSignal(win.first_result_drawn, timeout=30000):
        win.start(run=win.engine.run or _sample_run())
    assert win.allocation is not None
    row = win.themes.rows["semis_ai"]
    row.check.setChecked(True)
    with qtbot.waitSignal(win.results_drawn, timeout=30000):
        pass
    with qtbot.waitSignal(win.results_drawn, timeout=30000):
        for v in range(100, 300, 20):  # a drag: many requests, only the last one is drawn
            row.slider.setValue(v)
    qtbot.waitUntil(lambda: not win.engine.busy, timeout=30000)
    assert win.allocation.theme_weights["semis_ai"] == pytest.approx(0.28, abs=1e-4)
    assert win.allocation_run == win.run
    # the frontier on screen is the one of the last settings, its marker the last allocation
    x, y = win.frontier.current.getData()
    assert (x[0], y[0]) == pytest.approx((win.allocation.volatility, win.allocation.expected_return))


def test_real_thread_pool_drag_skips_stale_frontiers(make_window, qtbot):
    win = make_window(synchronous=False, start=False)
    with qtbot.waitSignal(win.first_result_drawn, timeout=30000):
        win.start(run=_sample_run())
    drawn = []
    win.engine.frontiers_ready.connect(lambda fs: drawn.append(fs.run))
    row = win.themes.rows["defense"]
    row.check.setChecked(True)
    for v in range(100, 300, 10):  # 20 requests faster than they can be solved
        row.slider.setValue(v)
    qtbot.waitUntil(lambda: not win.engine.busy, timeout=30000)
    assert drawn and drawn[-1] == win.run  # the last request's frontier is drawn ...
    assert len(drawn) < 20  # ... and most stale ones were never drawn


def _sample_run():
    from allocator.pipeline import RunSettings
    from allocator.universe import default_universe

    return RunSettings(universe=default_universe(), data="sample").validate()


def test_messages_queue_until_a_listener(qtbot):
    bus = messages.MessageBus()
    bus.post(messages.Level.ERROR, "early")
    got = []
    bus.listen(got.append)
    assert [m.text for m in got] == ["early"]


def test_screenshot_mode_writes_a_picture(tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    r = subprocess.run(
        [sys.executable, "-m", "allocator", "gui", "--screenshot", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=str(Path(__file__).resolve().parents[2]),
    )
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert (img.width(), img.height()) == (1440, 900)
