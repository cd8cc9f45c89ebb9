"""Atomic file writes: a crash leaves either the old file or the new one, never half.

Temp file in the same folder, write, fsync, keep the old file's permissions,
``os.replace``, fsync the folder (so the rename itself is durable).  One
implementation for the allocation files, the price cache and the user's
universe.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Mapping


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
    stem = os.fsdecode(os.fsencode(path.name)[: NAME_MAX - 32])
    names = {"." + glob.escape(path.name) + ".*.tmp", "." + glob.escape(stem) + ".*.tmp"}
    for pattern in names:
        for leftover in glob.glob(os.path.join(glob.escape(str(path.parent)), pattern)):
            try:
                if os.stat(leftover).st_mtime < cutoff or _owner_is_gone(leftover):
                    os.unlink(leftover)
            except OSError:
                pass


def _owner_is_gone(temp: str) -> bool:
    """True when the temp's name carries the PID of a process that no longer runs (it was killed)."""
    middle = os.path.basename(temp).rsplit(".", 2)[-2]  # ".NAME.<pid>-<hex>.tmp"
    pid_text = middle.split("-", 1)[0]
    if "-" not in middle or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):  # alive (another user's) or unknown: keep it
        return False
    return False


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


# ----------------------------------------------------------------------------
# A command's outputs as one transaction
#
# ``OutputSet`` is what every command with output files uses (``optimize -o``
# with ``--csv``, ``frontier --json/--csv``, ``export --csv``, new commands):
#
# 1. ``add()`` each target, ``check()`` them all before any work: the name is
#    not empty, not too long, not given twice (also through symlinks, ``..`` or
#    hard links), not one of the command's input files; its folder exists and
#    is writable; an existing target is a regular file (not a device, pipe or
#    folder) and not read-only.
# 2. ``commit()`` re-checks, then writes every file's bytes to an anonymous
#    temp file in its target's folder (Linux ``O_TMPFILE``; a named
#    ``.NAME.XXXX.tmp`` elsewhere) and fsyncs it.  Any failure here (disk full,
#    quota, permissions) discards the temps: every previous file is unchanged.
# 3. Only when all data is on disk: each temp gets a name, then the targets are
#    replaced one after another (``os.replace``) and the folders fsynced.
#
# 4. Before the renames each existing target gets a second hard link (so a
#    rename does not have to free the old file's blocks: ~15 us instead of up to
#    milliseconds); a failed rename puts every old file back from these links.
#
# What remains (documented in the README): a kill -9 between two renames - tens
# of microseconds with nothing but system calls in between - leaves the first
# target new and the second old, plus named temps ``.NAME.PID-XXXX.tmp`` (the
# temps get names just before the renames; on file systems where an
# ``O_TMPFILE`` file cannot be linked they have names from the start).  The
# next save of that target removes such temps at once (their process is gone),
# any later save once they are an hour old.

#: Longest file name most file systems take (bytes, NAME_MAX).
NAME_MAX = 255
#: Longest path Linux takes (bytes, PATH_MAX).
PATH_MAX = 4096


def _fs_name(path: str) -> bytes:
    return os.fsencode(path)


class OutputSet:
    """The output files of one command, written all together or not at all.

    ``add(flag, path)`` registers a target (``flag`` names it in messages,
    e.g. ``"--csv"``); ``protect(label, path)`` names an input file no output
    may overwrite (``label`` e.g. ``"the --from file"``); ``check()`` raises a ``DocumentError`` (exit 2) before any
    work when a target cannot be written; ``commit({flag: bytes})`` writes
    them.  Nothing is written before ``commit``.
    """

    def __init__(self) -> None:
        self._targets: list[tuple[str, str]] = []  # (flag, path as given)
        self._inputs: list[tuple[str, str, tuple[str, ...]]] = []

    def add(self, flag: str, path: "str | os.PathLike[str]") -> None:
        self._targets.append((flag, os.fspath(path)))

    def protect(self, label: str, path: "str | os.PathLike[str] | None", allow: tuple[str, ...] = ()) -> None:
        """No output except those in ``allow`` (e.g. ``-o`` updating its ``--from`` file) may be ``path``."""
        if path:
            self._inputs.append((label, os.fspath(path), allow))

    @property
    def flags(self) -> list[str]:
        return [f for f, _ in self._targets]

    def path(self, flag: str) -> str:
        return dict(self._targets)[flag]

    # -- checks ------------------------------------------------------------
    def check(self) -> list["_Target"]:
        """Every target is writable and distinct; raises ``DocumentError`` otherwise."""
        targets = [_check_target(flag, given) for flag, given in self._targets]
        seen: dict[object, str] = {}
        for t in targets:
            for key in t.identity():
                if key in seen:
                    raise _error(t.given, f"{seen[key]} and {t.flag} name the same file; give each output its own name")
            for key in t.identity():
                seen[key] = t.flag
        for label, given, allow in self._inputs:
            try:
                real = os.path.realpath(given)
                st = os.stat(real)
            except (OSError, ValueError):
                continue
            for key in (("path", real), ("inode", st.st_dev, st.st_ino)):
                if key in seen and seen[key] not in allow:
                    raise _error(
                        given, f"{seen[key]} would overwrite {label}, an input of this command; choose another output name"
                    )
        return targets

    # -- writing -----------------------------------------------------------
    def commit(self, contents: Mapping[str, "bytes | str"]) -> None:
        """Write every target (``contents[flag]``) or none; raises ``DocumentError``."""
        missing = [f for f in self.flags if f not in contents]
        if missing:
            raise ValueError(f"no contents for {', '.join(missing)}")
        targets = self.check()
        temps: list[_Temp] = []
        try:
            for t in targets:
                data = contents[t.flag]
                temps.append(_write_temp(t, data.encode("utf-8") if isinstance(data, str) else bytes(data)))
                _crash_point("temp-written")
            for tmp in temps:  # every byte is on disk: name the temps (a few syscalls)
                tmp.name_it()
        except OSError as exc:
            for tmp in temps:
                tmp.discard()
            raise _write_error(exc, temps[-1].target if len(temps) == len(targets) else targets[len(temps)]) from None
        except BaseException:
            for tmp in temps:
                tmp.discard()
            raise
        # Keep each old file alive under a second name while the renames run: a rename over a
        # file whose last link goes away frees its blocks (~0.2-4 ms on ext4); with the old
        # inode still linked it is ~15 us, so the unavoidable window between the renames is
        # tens of microseconds.  The backups also let a failed rename put everything back.
        backups = [_backup(t) for t in targets]
        done: list[int] = []
        try:
            for i, tmp in enumerate(temps):
                if i:
                    _crash_point("between-replaces")
                os.replace(tmp.name, tmp.target.real)
                tmp.name = None
                done.append(i)
        except OSError as exc:
            failed = temps[len(done)].target
            undone = _roll_back([targets[i] for i in done], [backups[i] for i in done])
            for tmp in temps:
                tmp.discard()
            for b in backups:
                _unlink_quietly(b)
            written = ", ".join(targets[i].given for i in done if targets[i] not in undone)
            raise _error(
                failed.given,
                f"cannot save ({exc.strerror or exc})"
                + (f"; {written} was already written" if written else "; no file was changed"),
            ) from None
        for folder in dict.fromkeys(t.folder for t in targets):
            _fsync_folder(Path(folder))
        for b in backups:
            _unlink_quietly(b)
        for t in targets:
            _remove_stale_temps(Path(t.real))


def _backup(target: "_Target") -> str | None:
    """A hard link to the existing target (None when there is none or links are not supported)."""
    if target.st is None:
        return None
    name = _temp_name(target)[: -len(".tmp")] + "bak.tmp"
    try:
        os.link(target.real, name)
    except OSError:
        return None
    return name


def _roll_back(targets: list["_Target"], backups: list[str | None]) -> list["_Target"]:
    """Put the old files back after a failed rename; returns the targets restored."""
    restored = []
    for t, b in zip(targets, backups):
        try:
            if b is not None:
                os.replace(b, t.real)
                restored.append(t)
            elif t.st is None:  # there was no file before: remove the new one
                os.unlink(t.real)
                restored.append(t)
        except OSError:
            pass
    return restored


def _unlink_quietly(name: str | None) -> None:
    if name is not None:
        try:
            os.unlink(name)
        except OSError:
            pass


class _Target:
    def __init__(self, flag: str, given: str, real: str, folder: str, st: "os.stat_result | None"):
        self.flag, self.given, self.real, self.folder, self.st = flag, given, real, folder, st

    def identity(self) -> list[object]:
        keys: list[object] = [("path", self.real)]
        if self.st is not None:
            keys.append(("inode", self.st.st_dev, self.st.st_ino))
        return keys

    @property
    def mode(self) -> int:
        return stat.S_IMODE(self.st.st_mode) if self.st is not None else _default_mode()


def _error(path: str, message: str):
    from allocator.errors import DocumentError

    return DocumentError(message, file=path)


def _check_target(flag: str, given: str) -> _Target:
    if not given or not given.strip():
        raise _error(flag, "needs a file name (it is empty)")
    if "\x00" in given:
        raise _error(flag, "the file name contains a NUL character")
    try:
        raw = _fs_name(given)
    except UnicodeEncodeError:
        raise _error(flag, "the file name cannot be encoded on this system") from None
    name = os.path.basename(given.rstrip("/\\")) if given.rstrip("/\\") else given
    if given.endswith(("/", os.sep)) or name in ("", ".", ".."):
        raise _error(given, "is a folder; choose a file name")
    if len(_fs_name(name)) > NAME_MAX:
        raise _error(
            given[:40] + "...", f"the file name is {len(_fs_name(name))} bytes; at most {NAME_MAX} are allowed"
        )
    if len(raw) >= PATH_MAX:
        raise _error(given[:40] + "...", f"the path is {len(raw)} bytes; at most {PATH_MAX - 1} are allowed")
    try:
        real = os.path.realpath(given)  # a symlink's target is what gets replaced
    except (OSError, ValueError) as exc:
        raise _error(given, f"cannot resolve the path ({getattr(exc, 'strerror', None) or exc})") from None
    folder = os.path.dirname(real) or "."
    try:
        fst = os.stat(folder)
    except FileNotFoundError:
        raise _error(given, f"cannot save: the folder {folder} does not exist; any previous file is unchanged") from None
    except OSError as exc:
        raise _error(given, f"cannot save: the folder {folder} is not usable ({exc.strerror or exc})") from None
    if not stat.S_ISDIR(fst.st_mode):
        raise _error(given, f"cannot save: {folder} is not a folder")
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _error(given, f"cannot save ({exc.strerror or exc})") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise _error(given, "is a folder; choose a file name")
        if not stat.S_ISREG(st.st_mode):
            raise _error(given, "is not a regular file (a device, pipe or socket); refusing to replace it - choose a file name")
        if not (st.st_mode & 0o222) or not os.access(real, os.W_OK):
            raise _error(
                given, "is read-only; make it writable or choose another name (the file is unchanged)"
            )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _error(
            given,
            f"cannot save: no permission to write in {folder} (choose another folder or check its permissions); "
            "any previous file is unchanged",
        )
    return _Target(flag, given, real, folder, st)


class _Temp:
    """A complete, fsynced temp file for one target; anonymous until ``name_it``."""

    def __init__(self, target: _Target, fd: int, name: str | None, data: bytes):
        self.target, self.fd, self.name, self.data = target, fd, name, data

    def name_it(self) -> None:
        if self.name is None:  # O_TMPFILE: link the anonymous file into the folder
            name = _temp_name(self.target)
            try:
                os.link(f"/proc/self/fd/{self.fd}", name, follow_symlinks=True)
            except OSError:  # no /proc: write a named temp after all
                os.close(self.fd)
                self.fd = -1
                named = _write_temp(self.target, self.data, anonymous=False)
                self.fd, self.name = named.fd, named.name
            else:
                self.name = name
        os.close(self.fd)
        self.fd = -1

    def discard(self) -> None:
        if self.fd >= 0:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = -1
        if self.name is not None:
            try:
                os.unlink(self.name)
            except OSError:
                pass
            self.name = None


def _temp_name(target: _Target) -> str:
    import secrets

    base = os.path.basename(target.real)
    stem = os.fsdecode(_fs_name(base)[: NAME_MAX - 32])  # room for ".", ".XXXXXXXX.tmp"
    # The PID lets a later save remove the temp of a process that was killed (see _remove_stale_temps).
    return os.path.join(target.folder, f".{stem}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _write_temp(target: _Target, data: bytes, anonymous: bool = True) -> _Temp:
    fd = -1
    name: str | None = None
    if anonymous and _anonymous_temps_work(target.folder):
        try:
            fd = os.open(target.folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
        except OSError:  # not supported by this file system: a named temp instead
            fd = -1
    if fd < 0:
        fd, name = tempfile.mkstemp(
            prefix=os.path.basename(_temp_name(target)).rsplit(".", 2)[0] + f".{os.getpid()}-",
            suffix=".tmp",
            dir=target.folder,
        )
    tmp = _Temp(target, fd, name, data)
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        os.fsync(fd)
        try:
            os.fchmod(fd, target.mode)
        except (AttributeError, OSError):  # Windows / unusual file systems
            pass
    except BaseException:
        tmp.discard()
        raise
    return tmp


_ANONYMOUS_OK: dict[int, bool] = {}


def _anonymous_temps_work(folder: str) -> bool:
    """Whether an ``O_TMPFILE`` file in ``folder``'s file system can be given a name (probed once per device).

    Some kernels and sandboxes refuse to link ``/proc/self/fd/N`` (EXDEV); then
    named temps are used from the start.
    """
    if not hasattr(os, "O_TMPFILE"):
        return False
    try:
        dev = os.stat(folder).st_dev
    except OSError:
        return False
    if dev not in _ANONYMOUS_OK:
        ok = False
        try:
            fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
        except OSError:
            fd = -1
        if fd >= 0:
            probe = os.path.join(folder, f".allocator-probe.{os.getpid()}.tmp")
            try:
                os.link(f"/proc/self/fd/{fd}", probe, follow_symlinks=True)
                os.unlink(probe)
                ok = True
            except OSError:
                ok = False
            finally:
                os.close(fd)
        _ANONYMOUS_OK[dev] = ok
    return _ANONYMOUS_OK[dev]


def _write_error(exc: OSError, target: _Target):
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        msg = "cannot save: the disk is full"
    elif code in (errno.EACCES, errno.EPERM):
        msg = f"cannot save: no permission to write in {target.folder}"
    elif code == errno.EROFS:
        msg = f"cannot save: {target.folder} is on a read-only file system"
    else:
        msg = f"cannot save ({exc.strerror or exc})"
    return _error(target.given, msg + "; no output file was changed")


def _crash_point(name: str) -> None:
    """Test hook: ``ALLOCATOR_TEST_CRASH=NAME`` kills the process here (kill -9 tests)."""
    if os.environ.get("ALLOCATOR_TEST_CRASH") == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)
