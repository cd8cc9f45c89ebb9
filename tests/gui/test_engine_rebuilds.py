"""Issue 15 item 16: stale model rebuilds are cancelled, not queued; frontiers arrive one by one.

Driven the user's way: the base-currency combo box is flipped with the arrow
keys, ten times in a row, as fast as a user holding the key.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

pytestmark = pytest.mark.gui


def _slow_builds(monkeypatch, seconds=0.3):
    import allocator.pipeline as pipeline

    calls = []
    real = pipeline.build_model

    def build_model(run, history=None, *args, **kwargs):
        calls.append(run.base)
        time.sleep(seconds)  # a real estimation takes ~0.3-1 s
        return real(run, history, *args, **kwargs)

    monkeypatch.setattr(pipeline, "build_model", build_model)
    return calls


def _flip(win, qtbot, times):
    combo = win.currency.base
    combo.setFocus()
    for _ in range(times):
        QTest.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() == 0 else Qt.Key.Key_Up)
    return combo


@pytest.mark.parametrize("flips", [9, 10])
def test_base_currency_flips_run_one_or_two_builds_not_ten(make_window, qtbot, monkeypatch, flips):
    calls = _slow_builds(monkeypatch)
    win = make_window(synchronous=False)
    qtbot.waitUntil(lambda: win.allocation is not None, timeout=30000)
    combo = _flip(win, qtbot, flips)
    want = combo.currentData()
    assert want == ("JPY" if flips % 2 else "USD")
    qtbot.waitUntil(
        lambda: not win.engine.busy and win.allocation_run is not None and win.allocation_run.base == want, timeout=30000
    )
    assert win.build.model.base == want
    assert len(calls) <= 2, calls  # queued, it was one build per flip
    assert win.engine.builds_started <= 2


def test_the_current_hedges_frontier_is_drawn_first_the_others_together(make_window, qtbot):
    win = make_window()
    seen = []
    drawn_then = []
    win.engine.frontier_ready.connect(lambda spec, front: seen.append(spec.name))
    win.engine.frontier_ready.connect(lambda spec, front: drawn_then.append(win.frontier.shown_frontiers()))
    sets = []
    win.engine.frontiers_ready.connect(lambda fs: sets.append([spec.name for spec, _ in fs.curves]))
    spin = win.currency.spin
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "50")
    QTest.keyClick(spin, Qt.Key.Key_Return)
    # The unhedged frontier was computed at start (cached); the 50% one is drawn on arrival,
    # before the others are computed; the fully hedged and optimal ones come with the marker.
    assert seen == ["current"]
    assert "current" in [n for n, _ in drawn_then[0]] and "hedged" not in [n for n, _ in drawn_then[0]]
    assert sorted(sets[-1]) == ["current", "hedged", "optimal", "unhedged"]
    assert win.frontier.frontier_count() == 4
