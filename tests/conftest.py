"""Shared test fixtures.

* Every test runs with ``ALLOCATOR_HOME`` (user config) and
  ``ALLOCATOR_CACHE_DIR`` (price cache) pointing into a temporary folder, so no
  test reads or writes the user's real folders.
* ``shared_data`` gives the path of ``../shared/data`` or skips the test with
  a reason when it is absent (the suite must pass without it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("allocator_home")
    monkeypatch.setenv("ALLOCATOR_HOME", str(home / "config"))
    monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(home / "cache"))
    yield


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED_DATA / "prices_daily.csv").exists():
        pytest.skip(f"real price data not available ({SHARED_DATA} is absent); this check needs ../shared/data")
    return SHARED_DATA
