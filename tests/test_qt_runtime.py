"""make run's check of Qt's X11 runtime libraries (packaging/qt_runtime.py)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "packaging" / "qt_runtime.py"


def _load():
    spec = importlib.util.spec_from_file_location("qt_runtime", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    "soname, package",
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libEGL.so.1", "libegl1"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
    ],
)
def test_debian_package_names(soname, package):
    assert _load().debian_package(soname) == package


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="needs Linux and ldd")
def test_check_reports_exactly_what_the_loader_cannot_find():
    """The check's list is ldd's own 'not found' list for the xcb plugin (plus libxcb-cursor when absent)."""
    mod = _load()
    qt = mod.qt_dir()
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        pytest.skip("this PySide6 has no xcb plugin")
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    ldd_missing = {l.split("=>")[0].strip() for l in out.splitlines() if "not found" in l}
    cursor = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    if "libxcb-cursor.so.0 " not in cursor:
        ldd_missing.add("libxcb-cursor.so.0")
    r = subprocess.run([sys.executable, str(SCRIPT), "--json"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert ldd_missing <= set(report["missing"])
    assert report["packages"] == sorted({mod.debian_package(m) for m in report["missing"]})
    check = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=120)
    if report["missing"]:
        assert check.returncode == 1
        assert "apt-get install -y " + " ".join(report["packages"]) in check.stderr
    else:
        assert check.returncode == 0 and check.stderr == ""


@pytest.mark.skipif(shutil.which("apt-get") is None, reason="needs apt-get (Debian)")
def test_every_package_the_check_may_install_exists_in_apt():
    """The names make run would pass to apt-get are real packages (checked against the apt cache)."""
    mod = _load()
    names = sorted({mod.debian_package(s) for s in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0",
                                                    "libxcb-image.so.0", "libxcb-render-util.so.0", "libxkbcommon-x11.so.0")})
    r = subprocess.run(["apt-cache", "show", *names], capture_output=True, text=True, timeout=60)
    if r.returncode != 0 and "No packages found" in r.stderr and not any(n in r.stdout for n in names):
        pytest.skip("apt lists not downloaded on this machine (apt-get update never ran)")
    for n in names:
        assert f"Package: {n}\n" in r.stdout, n
