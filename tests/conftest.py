"""Shared test fixtures.

* Every test runs with ``ALLOCATOR_HOME`` (user config) and
  ``ALLOCATOR_CACHE_DIR`` (price cache) pointing into a temporary folder, so no
  test reads or writes the user's real folders.
* ``shared_data`` gives the path of ``../shared/data`` or skips the test with
  a reason when it is absent (the suite must pass without it).
"""

from __future__ import annotations

import os
import socket
import threading
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


@pytest.fixture
def silent_proxy():
    """``http://127.0.0.1:PORT`` of a proxy that accepts every connection and never answers
    (a network blackhole: the drills' hang, issue 16 item 10)."""
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
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
    yield f"http://127.0.0.1:{srv.getsockname()[1]}"
    stop.set()
    t.join(2)
    for c in held:
        c.close()
    srv.close()
