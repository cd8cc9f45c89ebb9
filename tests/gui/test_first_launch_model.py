"""Issue 15 item 15: a first launch on a fresh machine reads a new document's model shipped with the app."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("base", ["USD", "JPY"])
def test_first_launch_estimates_nothing(qtbot, qsettings, monkeypatch, base):
    import allocator.pipeline as pipeline
    from allocator import modelcache
    from allocator.gui import i18n
    from allocator.gui.main_window import MainWindow

    calls = []
    real = pipeline.build_model
    monkeypatch.setattr(pipeline, "build_model", lambda r, h=None: calls.append(r) or real(r, h))
    monkeypatch.setattr(i18n, "default_base", lambda: base)
    assert not any(modelcache._path("x").parent.glob("*.npz"))  # a fresh machine: nothing in the user cache
    win = MainWindow(settings=qsettings, synchronous=True)
    win.resize(1280, 800)
    win.show()
    try:
        win.start()  # what launch() does: a new document
        qtbot.waitUntil(lambda: win.allocation is not None, timeout=20000)
        assert win.run.base == base
        assert calls == []  # the model came from resources/sample/, not from an estimate
        assert win.allocation.weights  # and it allocates
    finally:
        win.undo.setClean()
        win.close()
