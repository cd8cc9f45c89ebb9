"""Can Qt open a window here?  Check (and on Debian, install) Qt's X11 runtime libraries.

``make run`` calls this before it starts the app.  PySide6's wheel brings Qt
itself but not the system libraries its xcb platform plugin (the X11 window)
links against; a fresh Debian machine lacks several (libxcb-icccm4,
libxcb-keysyms1, libxcb-cursor0, ...), and Qt then aborts with "Could not load
the Qt platform plugin xcb", naming only some of them.

What is missing is read off ``ldd`` of the plugin and its Qt libraries (plus
libxcb-cursor, which Qt opens at run time rather than links), mapped to Debian
package names, and then installed with apt-get when we are root and apt-get
exists, or printed as the one command to run.  No Qt import: this must work
exactly where Qt cannot load.

    python packaging/qt_runtime.py            # check, install if possible
    python packaging/qt_runtime.py --check    # only report (exit 1 when something is missing)
    python packaging/qt_runtime.py --json     # report as JSON (for tests)
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

#: Libraries Qt loads with dlopen (not visible to ldd) that the xcb plugin needs.
RUNTIME_ONLY = ("libxcb-cursor.so.0",)

#: Debian package names that do not follow the usual soname rule.
EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
}


def debian_package(soname: str) -> str:
    """Debian's package for a shared library: libxcb-icccm.so.4 -> libxcb-icccm4, libdbus-1.so.3 -> libdbus-1-3."""
    if soname in EXCEPTIONS:
        return EXCEPTIONS[soname]
    m = re.fullmatch(r"(lib[\w.+-]*?)\.so\.(\d+)(?:\.\d+)*", soname)
    if not m:
        return soname
    name, major = m.group(1).lower(), m.group(2)
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def qt_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "Qt"


def _ldd_missing(path: Path) -> set[str]:
    try:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.split("=>")[0].strip() for line in out.splitlines() if "not found" in line}


def _known_to_loader(soname: str) -> bool:
    try:
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return True  # cannot tell: do not claim it is missing
    return f"{soname} " in out or f"/{soname}\n" in out


def missing_libraries(qt: Path | None = None) -> list[str]:
    """Sonames the xcb platform plugin needs and the dynamic loader cannot find."""
    qt = qt or qt_dir()
    if qt is None or not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    files = [qt / "plugins" / "platforms" / "libqxcb.so", *sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1]]
    missing: set[str] = set()
    for f in files:
        if f.exists():
            missing |= _ldd_missing(f)
    missing |= {lib for lib in RUNTIME_ONLY if not _known_to_loader(lib)}
    return sorted(missing)


def install_command(packages: list[str]) -> str:
    prefix = "" if os.geteuid() == 0 else "sudo "
    return f"{prefix}apt-get install -y {' '.join(packages)}"


def main(argv: list[str]) -> int:
    missing = missing_libraries()
    packages = sorted({debian_package(m) for m in missing})
    if "--json" in argv:
        print(json.dumps({"missing": missing, "packages": packages}))
        return 0
    if not missing:
        return 0
    can_install = os.geteuid() == 0 and shutil.which("apt-get") is not None
    if "--check" in argv or not can_install:
        print(f"make run: Qt cannot open a window: {', '.join(missing)} missing.", file=sys.stderr)
        print(f"Install them with:\n    {install_command(packages)}", file=sys.stderr)
        return 1
    print(f"make run: installing Qt's X11 libraries: {' '.join(packages)}", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    ok = (
        subprocess.run(["apt-get", "update", "-qq"], env=env).returncode == 0
        and subprocess.run(["apt-get", "install", "-y", "-qq", *packages], env=env).returncode == 0
    )
    still = missing_libraries()
    if not ok or still:
        print(f"make run: could not install {' '.join(packages)}; run:\n    {install_command(packages)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
