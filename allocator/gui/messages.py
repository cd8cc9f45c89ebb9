"""One path for user-facing messages (Qt-free).

Any code - a worker, a menu action, the excepthook - calls :func:`post`.
Messages queue until the window attaches a listener (:meth:`MessageBus.listen`),
so nothing said during start-up is lost.  Tests read :attr:`MessageBus.history`.
Unexpected exceptions become one plain sentence for the user; the traceback
goes to stderr (and to the message's ``detail``), never into a dialog's main text.
"""

from __future__ import annotations

import sys
import threading
import traceback
from dataclasses import dataclass
from enum import Enum
from typing import Callable


class Level(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Message:
    level: Level
    text: str
    detail: str = ""
    title: str = ""


Listener = Callable[[Message], None]


class MessageBus:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listener: Listener | None = None
        self._queue: list[Message] = []
        self.history: list[Message] = []

    def post(self, level: Level, text: str, detail: str = "", title: str = "") -> Message:
        msg = Message(Level(level), " ".join(str(text).split()), detail, title)
        with self._lock:
            self.history.append(msg)
            del self.history[:-200]
            listener = self._listener
            if listener is None:
                self._queue.append(msg)
                return msg
        listener(msg)
        return msg

    def listen(self, listener: Listener | None) -> None:
        with self._lock:
            self._listener = listener
            queued, self._queue = self._queue, []
        if listener is not None:
            for msg in queued:
                listener(msg)

    def clear(self) -> None:
        with self._lock:
            self.history.clear()
            self._queue.clear()


bus = MessageBus()

# How an AllocatorError reads on screen: English ``str`` until the GUI's
# i18n module installs its renderer (core messages in the UI language).
_render_error: Callable[[BaseException], str] = str


def set_error_renderer(render: Callable[[BaseException], str], translate: Callable[[str, str], str] | None = None) -> None:
    """The GUI's i18n installs how errors read (core messages) and how this module's own texts translate."""
    global _render_error, _translate
    _render_error = render
    if translate is not None:
        _translate = translate


def _identity(context: str, text: str) -> str:
    return text


_translate: Callable[[str, str], str] = _identity


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the marker lupdate reads (Qt-free here)
    return text


def post(level: Level | str, text: str, detail: str = "", title: str = "") -> Message:
    return bus.post(Level(level), text, detail, title)


def describe(exc: BaseException) -> tuple[str, str]:
    """(one line for the user, detail) for any exception."""
    from allocator.errors import AllocatorError

    if isinstance(exc, AllocatorError):
        try:
            return _render_error(exc), ""
        except Exception:  # noqa: BLE001 - a translation never hides the message
            return str(exc), ""
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    _log_once(exc, detail)
    text = " ".join(str(exc).split()) or type(exc).__name__
    template = _translate("Messages", QT_TRANSLATE_NOOP("Messages", "Something went wrong ({0}: {1}). Your settings are unchanged."))
    try:
        return template.format(type(exc).__name__, text), detail
    except (IndexError, KeyError, ValueError):
        return f"Something went wrong ({type(exc).__name__}: {text}). Your settings are unchanged.", detail


def _log_once(exc: BaseException, detail: str) -> None:
    """An internal error's traceback goes to stderr once, whichever path shows it to the user."""
    if getattr(exc, "_allocator_logged", False):
        return
    try:
        exc._allocator_logged = True  # type: ignore[attr-defined]
    except AttributeError:
        pass
    sys.stderr.write(detail)
    sys.stderr.flush()


def report_exception(exc: BaseException, title: str = "") -> Message:
    text, detail = describe(exc)
    return post(Level.ERROR, text, detail, title)


def excepthook(exc_type, exc, tb) -> None:
    """``sys.excepthook`` for the app: no traceback ever reaches a user."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc is None:
        exc = exc_type()
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    try:
        report_exception(exc)
    except Exception:  # the hook itself must never fail loudly
        sys.__excepthook__(exc_type, exc, tb)


def install_excepthook() -> None:
    sys.excepthook = excepthook
    threading.excepthook = lambda args: excepthook(args.exc_type, args.exc_value, args.exc_traceback)
