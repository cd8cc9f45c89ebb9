"""One short, typed hierarchy of errors the user may see.

Every error carries a message written for a person: what is wrong and, where
possible, what to do.  The CLI maps each family to an exit code (DESIGN §4);
the GUI shows the message.  Nothing else should reach a user.
"""

from __future__ import annotations

from allocator.text import T, Text


class AllocatorError(Exception):
    """Base of every error meant for the user."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always
        return " ".join(str(self.message).split())


class InputError(AllocatorError):
    """Bad input: a flag, a value, a file that is not what it should be."""

    exit_code = 2


class UniverseError(InputError):
    """The universe file (themes and assets) is invalid."""


class DocumentError(InputError):
    """An allocation, assumptions or CSV file is unreadable or invalid.

    ``path`` names the field (e.g. ``result.weights.LMT``) when known.
    """

    def __init__(self, message: str, path: str | None = None, file: str | None = None):
        # The framing "FILE: FIELD: message" is a T() template too, so the GUI shows it in
        # its language; a field path stays the file's own JSON key (quoted there), a place
        # that is a phrase (``T("row {row}, column {col}")``) is translated with the rest.
        if file and path:
            full = (T("{file}: {where}: {message}", file=file, where=path, message=message) if isinstance(path, Text)
                    else T("{file}: {path}: {message}", file=file, path=path, message=message))
        elif file:
            full = T("{file}: {message}", file=file, message=message)
        elif path:
            full = (T("{where}: {message}", where=path, message=message) if isinstance(path, Text)
                    else T("{path}: {message}", path=path, message=message))
        else:
            full = message
        super().__init__(full)
        #: The message without the file and field it is about.
        self.bare = message
        self.field_path = path
        self.file = file


class DataError(AllocatorError):
    """Prices or rates are unavailable or unusable."""

    exit_code = 4


class OptimizationError(AllocatorError):
    """The optimiser could not produce a portfolio."""

    exit_code = 3


class InfeasibleError(OptimizationError):
    """The settings contradict each other; ``conflicts`` names them."""

    def __init__(self, message: str, conflicts: list[str] | None = None):
        super().__init__(message)
        self.conflicts = list(conflicts or [message])


class SolverError(OptimizationError):
    """The solver failed (numerical trouble) even after the fallback."""
