"""Standard errors on screen (issue 10): "Sharpe 1.56 ± 0.44" and each expected return's ± s.e.

``UncertaintyTracker`` keeps the per-model part (``allocator.uncertainty.BuildUncertainty``:
asset standard errors and the return history) for the engine's current model build,
so a slider move only adds the Sharpe ratio's standard error of the new weights.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


class UncertaintyTracker:
    def __init__(self, engine):
        self.engine = engine
        self._build = None
        self._per_build = None

    def for_allocation(self, allocation, run):
        """``allocator.uncertainty.Uncertainty`` for ``allocation``, or None (no history, e.g. a file's result)."""
        build = self.engine.build
        if allocation is None or run is None or build is None or getattr(build, "returns", None) is None:
            return None
        if build is not self._build:
            from allocator.uncertainty import BuildUncertainty

            try:
                self._per_build = BuildUncertainty(build, run)
            except Exception:  # noqa: BLE001 - a missing figure, never a failed draw
                self._per_build = None
            self._build = build
        if self._per_build is None or any(t not in self._per_build.asset_return_se for t in allocation.held()):
            return None
        try:
            return self._per_build.for_allocation(allocation)
        except Exception:  # noqa: BLE001
            return None


def sharpe_text(widget, allocation, uncertainty) -> tuple[str, str]:
    """The metrics strip's Sharpe text and tooltip: "1.56 ± 0.44" when the standard error is known."""
    base = QCoreApplication.translate("MetricsStrip", "(return - risk-free) / volatility")
    se = uncertainty.sharpe_se if uncertainty is not None else None
    if se is None:
        return f"{allocation.sharpe:.2f}", base
    tip = QCoreApplication.translate(
        "MetricsStrip",
        "{base}\n± one standard error: Lo (2002), GMM with Newey-West (serial correlation), {n} return periods",
    ).format(base=base, n=uncertainty.periods)
    return f"{allocation.sharpe:.2f} ± {se:.2f}", tip
