"""One bounded reader for every file a user names (or a file names).

``read_user_file`` is what the rate history, the assumptions file, the
allocation file, CSV price imports and the price cache read through:

* the file is opened with ``O_NONBLOCK`` (a FIFO never blocks the open) and
  checked on the open descriptor (no race between check and read): it must be
  a regular file - not a folder, device (``/dev/zero``), pipe or socket, also
  when reached through a symlink;
* at most ``max_bytes`` are read, whatever the size claims to be;
* gzip data (``.gz`` name or gzip magic bytes, when ``gzip_ok``) is
  decompressed incrementally up to ``max_bytes`` of output (a "zip bomb" stops
  there), and a truncated or damaged archive is reported as such;
* messages name the file and what is wrong - never the file's content.

Problems raise ``DocumentError`` (exit 2); ``UserFileError`` (a subclass)
carries ``reason`` so a caller such as the price cache can tell "missing",
"unreadable" (permissions, not a regular file, too big) and "damaged" (bad
gzip) apart.
"""

from __future__ import annotations

import errno
import os
import stat
import zlib
from pathlib import Path
from typing import Callable

from allocator.errors import DocumentError
from allocator.text import T

MB = 1 << 20
#: Default size limit for user files (after decompression).
DEFAULT_MAX_BYTES = 64 * MB

_GZIP_MAGIC = b"\x1f\x8b"


class UserFileError(DocumentError):
    """A user file that cannot be read; ``reason`` is ``missing``, ``unreadable`` or ``damaged``."""

    def __init__(self, message: str, file: str, reason: str = "unreadable"):
        super().__init__(message, file=file)
        self.reason = reason


def _mb(n: int) -> str:
    return T("{n} MB", n=f"{n / MB:.0f}") if n >= MB else T("{n} kB", n=n // 1024)


def read_user_file(
    path: str | os.PathLike[str],
    *,
    what: str = T("file"),
    max_bytes: int = DEFAULT_MAX_BYTES,
    gzip_ok: bool = False,
    too_big: "Callable[[int], str] | None" = None,
) -> bytes:
    """The bytes of the regular file ``path`` (decompressed when gzip), at most ``max_bytes``.

    ``too_big(size)`` words the message for a file over the limit.
    """
    given = os.fspath(path)
    if not given or not str(given).strip():
        raise UserFileError(T("the {what} name is empty", what=what), file=repr(given))
    file = str(given)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        if not hasattr(os, "O_NONBLOCK"):  # Windows: no FIFOs to block on, but check before opening
            pre = os.stat(given)
            if not stat.S_ISREG(pre.st_mode):
                raise _not_regular(pre.st_mode, what, file)
        fd = os.open(given, flags)
    except FileNotFoundError:
        raise UserFileError(T("no such file"), file, "missing") from None
    except PermissionError:
        raise UserFileError(T("no permission to read this {what}", what=what), file) from None
    except IsADirectoryError:
        raise UserFileError(T("is a folder, not a {what}", what=what), file) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise UserFileError(T("the file name is too long"), file[:40] + "...") from None
        raise UserFileError(T("cannot read ({why})", why=str(exc.strerror or exc)), file) from None
    except ValueError:  # embedded NUL
        raise UserFileError(T("the file name contains a NUL character"), repr(given)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(st.st_mode, what, file)
        if st.st_size > max_bytes:
            raise UserFileError(
                too_big(st.st_size) if too_big else T("is {size}; a {what} is at most {most}", size=_mb(st.st_size), what=what, most=_mb(max_bytes)), file
            )
        raw = _read_at_most(fd, max_bytes + 1, file)
    finally:
        os.close(fd)
    if len(raw) > max_bytes:  # the size lied (/proc and friends)
        raise UserFileError(
            too_big(len(raw)) if too_big else T("is larger than {most}, the limit for a {what}", most=_mb(max_bytes), what=what), file
        )
    if gzip_ok and (raw[:2] == _GZIP_MAGIC or file.lower().endswith(".gz")):
        return gunzip_bounded(raw, max_bytes, file, what)
    return raw


def _not_regular(mode: int, what: str, file: str) -> UserFileError:
    if stat.S_ISDIR(mode):
        return UserFileError(T("is a folder, not a {what}", what=what), file)
    kind = (T("a pipe") if stat.S_ISFIFO(mode) else T("a device") if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else T("a socket") if stat.S_ISSOCK(mode) else T("special"))
    return UserFileError(T("is not a regular file ({kind}); give the path of a {what}", kind=kind, what=what), file)


def _read_at_most(fd: int, limit: int, file: str) -> bytes:
    chunks: list[bytes] = []
    got = 0
    while got < limit:
        try:
            chunk = os.read(fd, min(1 << 20, limit - got))
        except BlockingIOError:  # cannot happen for regular files; never wait
            raise UserFileError(T("is not ready to be read (not a regular file?)"), file) from None
        except OSError as exc:
            raise UserFileError(T("cannot read ({why})", why=str(exc.strerror or exc)), file) from None
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def gunzip_bounded(raw: bytes, max_bytes: int, file: str = "data", what: str = T("file")) -> bytes:
    """Decompress gzip ``raw`` (all members) into at most ``max_bytes``."""
    out: list[bytes] = []
    size = 0
    data = raw
    if not data:
        raise UserFileError(T("the .gz file is empty"), file, "damaged")
    while data:
        d = zlib.decompressobj(wbits=31)  # gzip header and trailer checked
        try:
            while True:
                piece = d.decompress(data, max(1, max_bytes + 1 - size))
                size += len(piece)
                out.append(piece)
                if size > max_bytes:
                    raise UserFileError(
                        T("decompresses to more than {most}, the limit for a {what}", most=_mb(max_bytes), what=what), file
                    )
                data = d.unconsumed_tail
                if d.eof or not data:
                    break
        except zlib.error:
            raise UserFileError(T("is not a valid gzip file (damaged)"), file, "damaged") from None
        if not d.eof:
            raise UserFileError(T("the .gz file is truncated (incomplete download?)"), file, "damaged")
        data = d.unused_data
        while data[:1] == b"\x00":  # padding after the last member
            data = data.lstrip(b"\x00")
    return b"".join(out)


def read_user_text(path: str | os.PathLike[str], *, what: str = T("file"), max_bytes: int = DEFAULT_MAX_BYTES,
                   gzip_ok: bool = False) -> str:
    """``read_user_file`` decoded as UTF-8 (a BOM is dropped)."""
    raw = read_user_file(path, what=what, max_bytes=max_bytes, gzip_ok=gzip_ok)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserFileError(T("is not UTF-8 text (save it as UTF-8)"), str(Path(path))) from None
