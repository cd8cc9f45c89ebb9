"""Run plain functions off the GUI thread and hand results back to it.

``TaskRunner.submit(fn, ...)`` runs ``fn`` on a ``QThreadPool`` and calls
``on_done(result)`` / ``on_error(exc)`` / ``on_progress(value)`` on the GUI
thread.  ``fn`` receives a :class:`TaskContext` as its only argument: it can
report progress and ask whether it was cancelled.  With ``synchronous=True``
(tests, as Picard does) the function runs at once in the caller's thread.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class TaskContext:
    """What a running task sees: progress reporting and cancellation."""

    def __init__(self, task_id: int, emit_progress: Callable[[int, Any], None]):
        self.task_id = task_id
        self._emit = emit_progress
        self._cancel = threading.Event()

    def progress(self, value: Any) -> None:
        self._emit(self.task_id, value)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    returned = Signal(int, object)
    errored = Signal(int, object)
    progressed = Signal(int, object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskContext], Any], ctx: TaskContext, signals: _Signals):
        super().__init__()
        self.fn, self.ctx, self.signals = fn, ctx, signals
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread
        try:
            result = self.fn(self.ctx)
        except BaseException as exc:  # handed to the GUI thread, never lost
            self.signals.errored.emit(self.ctx.task_id, exc)
        else:
            self.signals.returned.emit(self.ctx.task_id, result)


class TaskRunner(QObject):
    """A small pool of worker threads (or none, when synchronous)."""

    def __init__(self, max_threads: int = 1, synchronous: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.synchronous = synchronous
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self.pool.setExpiryTimeout(2000)
        self._signals = _Signals(self)
        self._signals.returned.connect(self._on_returned)
        self._signals.errored.connect(self._on_errored)
        self._signals.progressed.connect(self._on_progress)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None, Callable | None]] = {}
        self._contexts: dict[int, TaskContext] = {}

    @property
    def active(self) -> int:
        return len(self._callbacks)

    def submit(
        self,
        fn: Callable[[TaskContext], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
    ) -> TaskContext:
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error, on_progress)
        if self.synchronous:
            ctx = TaskContext(task_id, self._on_progress)
            self._contexts[task_id] = ctx
            try:
                result = fn(ctx)
            except BaseException as exc:
                self._on_errored(task_id, exc)
            else:
                self._on_returned(task_id, result)
            return ctx
        ctx = TaskContext(task_id, self._signals.progressed.emit)
        self._contexts[task_id] = ctx
        self.pool.start(_Runnable(fn, ctx, self._signals))
        return ctx

    def cancel_all(self) -> None:
        for ctx in list(self._contexts.values()):
            ctx.cancel()

    def wait(self, msecs: int = 10000) -> bool:
        """Block until every task has finished (shutdown, tests)."""
        return self.pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 10000) -> bool:
        self.cancel_all()
        done = self.pool.waitForDone(msecs)
        self._callbacks.clear()
        self._contexts.clear()
        return done

    # -- GUI thread ------------------------------------------------------------
    @Slot(int, object)
    def _on_returned(self, task_id: int, result: Any) -> None:
        self._contexts.pop(task_id, None)
        on_done, _, _ = self._callbacks.pop(task_id, (None, None, None))
        if on_done is not None:
            on_done(result)

    @Slot(int, object)
    def _on_errored(self, task_id: int, exc: BaseException) -> None:
        self._contexts.pop(task_id, None)
        _, on_error, _ = self._callbacks.pop(task_id, (None, None, None))
        if on_error is not None:
            on_error(exc)
        else:
            from allocator.gui.messages import report_exception

            report_exception(exc)

    @Slot(int, object)
    def _on_progress(self, task_id: int, value: Any) -> None:
        cb = self._callbacks.get(task_id)
        if cb is not None and cb[2] is not None:
            cb[2](value)
