"""Import cvxpy without scipy.stats (start-up speed).

cvxpy imports ``scipy.stats`` for one function (``entropy``, in its quantum
relative-entropy atom), and scipy.stats is ~40% of cvxpy's import time
(0.4-1.2 s of the GUI's first allocation, bench/RESULTS.md).  While cvxpy
is imported, ``scipy.stats`` is a stand-in whose ``entropy`` imports the real
module when first called and whose every other attribute does the same; the
stand-in is removed right after, so any later ``import scipy.stats`` is the
real one.  Nothing here changes what cvxpy computes.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types

_lock = threading.Lock()


def _real_stats():
    stand_in = sys.modules.get("scipy.stats")
    if isinstance(stand_in, _StandIn):
        del sys.modules["scipy.stats"]
    return importlib.import_module("scipy.stats")


def _entropy(*args, **kwargs):
    return _real_stats().entropy(*args, **kwargs)


class _StandIn(types.ModuleType):
    def __getattr__(self, name):  # anything but entropy: the real module
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real_stats(), name)


def import_cvxpy():
    """``import cvxpy``, skipping the eager scipy.stats import when it is not loaded yet."""
    if "cvxpy" in sys.modules or "scipy.stats" in sys.modules:
        return importlib.import_module("cvxpy")
    with _lock:
        if "cvxpy" in sys.modules:
            return sys.modules["cvxpy"]
        import scipy

        stand_in = _StandIn("scipy.stats", "stand-in while cvxpy is imported (allocator.optimize._cvxpy)")
        stand_in.entropy = _entropy
        sys.modules["scipy.stats"] = stand_in
        try:
            return importlib.import_module("cvxpy")
        finally:
            if sys.modules.get("scipy.stats") is stand_in:
                del sys.modules["scipy.stats"]
            if vars(scipy).get("stats") is stand_in:  # (getattr would import the real one)
                delattr(scipy, "stats")
