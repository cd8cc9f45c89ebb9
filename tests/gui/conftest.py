"""GUI test fixtures: one model estimated per session, windows with a synchronous engine.

The market model takes ~1 s to estimate; every window shares the one built
here (``Engine.preload``), so a test only pays for re-solves.  ``QSettings``
point at a temp INI file so the user's preferences are never touched.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))


@pytest.fixture(scope="session")
def sample_run():
    from allocator.pipeline import RunSettings
    from allocator.universe import default_universe

    return RunSettings(universe=default_universe(), data="sample").validate()


@pytest.fixture(scope="session")
def built(sample_run):
    from allocator.pipeline import build_model

    return build_model(sample_run)


@pytest.fixture
def qsettings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _english(qapp):
    """Every GUI test starts in English, with the English locale's number formats as the app
    applies them at launch, and ends in English (a test may switch View ▸ Language to 日本語)."""
    from allocator.gui import i18n

    i18n.set_language("en")
    yield
    if i18n.current() != "en" or i18n.manager().preference != "en":
        i18n.set_language("en")


@pytest.fixture(autouse=True)
def _clean_bus():
    from allocator.gui import messages

    messages.bus.clear()
    yield
    messages.bus.listen(None)
    messages.bus.clear()


def _make_window(qtbot, qsettings, sample_run, built, synchronous=True, start=True):
    from allocator.gui.main_window import MainWindow

    win = MainWindow(settings=qsettings, synchronous=synchronous)
    # Not qtbot.addWidget: pytest-qt would close it before this fixture marks it clean.
    win.engine.preload(sample_run, built)
    if win.prefs.geometry()[0] is None:
        win.resize(1280, 800)
    win.show()
    if start:
        win.start(run=sample_run)
    return win


@pytest.fixture
def make_window(qtbot, qsettings, sample_run, built):
    made = []

    def factory(synchronous=True, start=True):
        w = _make_window(qtbot, qsettings, sample_run, built, synchronous, start)
        made.append(w)
        return w

    yield factory
    for w in made:
        w.shutdown(10000)
        assert w.engine.build_runner.pool.activeThreadCount() == 0
        assert w.engine.solve_runner.pool.activeThreadCount() == 0
        assert w.io_runner.pool.activeThreadCount() == 0
        w.undo.setClean()
        w.close()


@pytest.fixture
def window(make_window):
    return make_window()
