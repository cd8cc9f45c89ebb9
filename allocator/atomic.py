"""Atomic file writes: a crash leaves either the old file or the new one, never half.

Temp file in the same folder, write, fsync, keep the old file's permissions,
``os.replace``, fsync the folder (so the rename itself is durable).  One
implementation for the allocation files, the price cache and the user's
universe.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``; raises OSError (the caller words it for users)."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = _default_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        try:
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
            try:
                os.fchmod(fd, mode)
            except (AttributeError, OSError):  # Windows / unusual file systems
                pass
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(folder)
    _remove_stale_temps(path)


def _default_mode() -> int:
    """0o666 minus the process umask, read without changing it (``os.umask`` is process-wide)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644


#: Temp files of saves killed mid-way are removed by a later save once this old (seconds).
STALE_TEMP_SECONDS = 3600


def _remove_stale_temps(path: Path) -> None:
    """Delete our own leftovers (``.NAME.*.tmp``) from saves that were killed long ago."""
    import glob
    import time

    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in glob.glob(os.path.join(glob.escape(str(path.parent)), "." + glob.escape(path.name) + ".*.tmp")):
        try:
            if os.stat(leftover).st_mtime < cutoff:
                os.unlink(leftover)
        except OSError:
            pass


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless to skip where unsupported."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
