"""The GUI's link to the core: estimate the model once, re-optimise on every change.

``Engine.submit(run)`` is called whenever a setting changes.  A change of
data, universe, base currency, short rates or estimation re-estimates the
market model on the build worker (~1-2 s); any other change only re-solves
with the already-built model on the solve worker (one thread, so the cvxpy
problems the ``Optimizer`` compiled are never touched by two threads).

While a solve runs, further requests coalesce into one pending request (the
latest wins), so the window answers at once when idle and never queues up
work when the user drags a slider.  A result that a newer request has made
stale is dropped, not drawn; the previous result stays until a new one
arrives.  Frontiers depend only on the constraints (not on the objective), so
they are cached: moving the target-return slider never recomputes them.

Expected returns around an equilibrium prior (DESIGN §10) never rebuild the
model: it is estimated with historical means, and every solve forms the prior
and the posterior from its covariance (a few small matrix operations,
``prior_model``), so a view, its confidence, the reference portfolio, delta
and even the switch between historical means and the prior are re-solves.

The solve worker hands the allocation over first and computes the frontier
only once the window has drawn (and painted) it: run side by side, the two
fight over the GIL and both finish later than one after the other.  If a
newer request arrives meanwhile, the stale frontier is not computed at all.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal

from allocator.gui.workers import TaskContext, TaskRunner
from allocator.modelcache import build_estimation


HANDOVER_TIMEOUT = 0.25  # s: the worker never waits longer than this for the window to paint
_PAINTED = QEvent.Type(QEvent.registerEventType())


class _Stale(Exception):
    """A model build stopped because a newer one was requested."""


_BLAS_LIMIT = None


def single_threaded_blas() -> None:
    """One BLAS thread for the app's small dense linear algebra (n ~ 50).

    On 2 shared cores a multi-threaded OpenBLAS spends its time spinning:
    bench/gui_slider.py measures a 12 ms re-solve at 2 threads against 2 ms
    at 1 (bench/RESULTS.md).  Called on the workers once numpy/scipy are loaded
    (threadpoolctl limits the libraries loaded so far; process-wide).
    """
    global _BLAS_LIMIT
    if _BLAS_LIMIT is not None:
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn brings it
        _BLAS_LIMIT = False
        return
    _BLAS_LIMIT = threadpool_limits(limits=1, user_api="blas")


class _PaintedEvent(QEvent):
    """Posted at low priority after a result is drawn: delivered after Qt's paint requests."""

    def __init__(self, handover: threading.Event):
        super().__init__(_PAINTED)
        self.handover = handover


@dataclass(frozen=True)
class FrontierSpec:
    name: str  # "unhedged" | "hedged" | "optimal" | "current"
    label: str
    hedge: Any  # HedgeSetting


@dataclass
class SolveOutcome:
    run: Any  # RunSettings solved
    model: Any
    allocation: Any = None  # Allocation | None
    error: BaseException | None = None
    seconds: float = 0.0
    prior: Any = None  # PriorResult for the run's prior settings (also when historical means are used)
    build: Any = None  # the ModelBuild solved on (historical means: ``mu_hist``)


@dataclass
class FrontierSet:
    run: Any
    model: Any
    curves: list[tuple[FrontierSpec, Any]] = field(default_factory=list)  # (spec, Frontier)
    error: BaseException | None = None
    seconds: float = 0.0  # time spent computing (0 when all came from the cache)


def model_key(run) -> tuple:
    """Everything that changes the estimated model (not the optimisation, not the prior)."""
    return (
        run.universe,
        run.data,
        run.base,
        tuple(sorted(dict(run.rates).items())),
        build_estimation(run.estimation),
    )


def prior_key(run) -> tuple:
    """What the prior and posterior depend on, beyond the model."""
    import json

    mean = run.estimation.mean
    return (getattr(mean, "value", str(mean)), json.dumps(run.prior.to_dict(), sort_keys=True))


def prior_model(run, build, w_ref_cache: dict | None = None):
    """``(model, prior)``: the model to optimise for ``run`` and its ``PriorResult``.

    The prior is formed whatever the mean method (the Expected returns chart
    shows it next to history); the model's returns are replaced by it only
    for ``equilibrium`` / ``black-litterman``.  ``w_ref_cache`` keeps the
    reference portfolio per reference setting (market caps come from files).
    A prior that cannot be formed (a view on a theme with no assets) raises
    an ``InputError`` only when it is used.
    """
    from allocator.errors import AllocatorError
    from allocator.estimators import MeanMethod
    from allocator.pipeline import latest_usdjpy
    from allocator.views import apply_prior, prior_for_model, reference_portfolio

    model = build.model
    mean = run.estimation.mean
    uses = getattr(mean, "uses_prior", False)
    key = (id(build), json_key(run.prior.reference, run.prior.reference_file, run.prior.reference_weights))
    try:
        cached = w_ref_cache.get(key) if w_ref_cache is not None else None
        if cached is None:
            cached = reference_portfolio(model, run.prior, latest_usdjpy(build.history))
            if w_ref_cache is not None:
                w_ref_cache.clear()
                w_ref_cache[key] = cached
        w_ref, notes = cached
        prior = prior_for_model(
            model, run.prior, use_views=mean is MeanMethod.BLACK_LITTERMAN or not uses, mu_hist=build.mu_hist,
            theme_keys=run.universe.theme_keys, w_ref=w_ref, ref_notes=notes,
        )
    except AllocatorError:
        if uses:
            raise
        return model, None
    return (apply_prior(model, prior) if uses else model), prior


def json_key(*parts) -> str:
    import json

    return json.dumps(parts, sort_keys=True, default=str)


def history_key(run) -> tuple:
    return (run.data, tuple(run.universe.tickers))


def constraints_key(c, rf) -> tuple:
    return (
        tuple(sorted(c.theme_targets.items())),
        float(c.theme_tolerance),
        float(c.max_weight),
        tuple(sorted((k, tuple(v)) for k, v in c.country_bounds.items())),
        rf,
    )


def trading_key(run) -> tuple:
    """What makes the frontier holdings-aware (DESIGN §12): holdings, costs, turnover cap."""
    import json

    h = run.holdings
    return (
        json.dumps(h.to_json(), sort_keys=True) if h is not None else None,
        tuple(sorted(run.costs.to_json().items())) if run.costs is not None else None,
        run.max_turnover,
    )


def cost_aware(run, model, history, settings):
    """``settings`` paying the cost of getting there from ``run.holdings`` (as they are without)."""
    if run.holdings is None or run.holdings.is_empty:
        return settings
    from allocator.holdings import trading_for

    trading, _ = trading_for(run, model, history)
    return replace(settings, trading=trading)


_FRONTIER_LABELS = {
    "unhedged": QT_TRANSLATE_NOOP("Frontier", "Unhedged"),
    "hedged": QT_TRANSLATE_NOOP("Frontier", "Fully hedged"),
    "optimal": QT_TRANSLATE_NOOP("Frontier", "Optimal hedge"),
}


def frontier_label(spec) -> str:
    """A frontier's name in the UI language (the spec's ``label`` stays English, for files and tests)."""
    if spec.name in _FRONTIER_LABELS:
        return QCoreApplication.translate("Frontier", _FRONTIER_LABELS[spec.name])
    h = spec.hedge
    if spec.label == "Efficient frontier" or h is None:
        return QCoreApplication.translate("Frontier", "Efficient frontier")
    from allocator.gui import i18n

    if h.is_fixed:
        return QCoreApplication.translate("Frontier", "{0} hedged").format(i18n.percent(h.lo, 0))
    return QCoreApplication.translate("Frontier", "Hedged {0}–{1}").format(i18n.percent(h.lo, 0), i18n.percent(h.hi, 0))


def frontier_specs(model, hedge) -> list[FrontierSpec]:
    """Which frontiers to draw: one without a foreign currency or hedging; else three (or four)."""
    from allocator.optimize.settings import HedgeSetting

    if model.m == 0:
        return [FrontierSpec("current", "Efficient frontier", hedge)]
    none, full, best = HedgeSetting.fixed(0.0), HedgeSetting.fixed(1.0), HedgeSetting.optimal()
    if hedge == none:
        return [FrontierSpec("unhedged", "Unhedged", none)]
    specs = [
        FrontierSpec("unhedged", "Unhedged", none),
        FrontierSpec("hedged", "Fully hedged", full),
        FrontierSpec("optimal", "Optimal hedge", best),
    ]
    if hedge not in (none, full, best):
        text = f"{hedge.lo:.0%} hedged" if hedge.is_fixed else f"hedged {hedge.lo:.0%}-{hedge.hi:.0%}"
        specs.append(FrontierSpec("current", text.capitalize(), hedge))
    return specs


class Engine(QObject):
    model_building = Signal()
    model_ready = Signal(object)  # ModelBuild
    model_failed = Signal(object)  # exception
    allocation_ready = Signal(object)  # SolveOutcome with .allocation
    allocation_failed = Signal(object)  # SolveOutcome with .error
    frontier_ready = Signal(object, object)  # (FrontierSpec, Frontier): one curve, as soon as it is computed
    frontiers_ready = Signal(object)  # FrontierSet
    busy_changed = Signal(bool)

    def __init__(self, synchronous: bool = False, frontier_points: int = 25, parent: QObject | None = None):
        super().__init__(parent)
        self.synchronous = synchronous
        self.build_runner = TaskRunner(1, synchronous, self)
        self.solve_runner = TaskRunner(1, synchronous, self)
        self.frontier_points = frontier_points
        self.run = None
        self.build = None  # ModelBuild of the model in use
        self._model_key: tuple | None = None
        self._model_serial = 0
        self._building_key: tuple | None = None
        self._build_gen = 0
        self._build_ctx: TaskContext | None = None  # the model build running, if any
        self._build_next = None  # (run, key) requested while it runs: started when it ends
        self.builds_started = 0
        self._history = None
        self._history_key: tuple | None = None
        self._optimizer = None  # created and used on the solve thread only
        self._solve_busy = False
        self._solve_pending = None
        self._solve_ctx: TaskContext | None = None
        self._handover: threading.Event | None = None
        self._frontiers: dict[tuple, Any] = {}
        self._w_ref_cache: dict = {}
        self.last_solve_seconds = 0.0
        self.last_frontier_seconds = 0.0

    # -- public ------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._solve_busy or self._building_key is not None

    def preload(self, run, build) -> None:
        """Use an already-built model for ``run`` (tests and benches share one)."""
        self._history = build.history
        self._history_key = history_key(run)
        self._set_model(model_key(run), build)
        self.model_ready.emit(build)

    def submit(self, run) -> None:
        self.run = run
        key = model_key(run)
        if self._building_key is not None:
            if key == self._model_key:
                # Back to the model in use (a flip and a flip back): drop the builds.
                self._build_gen += 1
                self._build_next = None
                if self._build_ctx is not None:
                    self._build_ctx.cancel()
                self._building_key = None
                self._request_solve(run)
            elif key != self._building_key:
                self._start_build(run, key)
            return
        if key != self._model_key:
            self._start_build(run, key)
        else:
            self._request_solve(run)

    def reload(self) -> None:
        """Prices changed on disk (refresh, import): load them again and re-estimate."""
        self._history = None
        self._history_key = None
        self._model_key = None
        if self.run is not None:
            self.submit(self.run)

    def shutdown(self, msecs: int = 10000) -> None:
        if self._handover is not None:
            self._handover.set()
        self.solve_runner.cancel_all()
        self.build_runner.shutdown(msecs)
        self.solve_runner.shutdown(msecs)

    def wait(self, msecs: int = 10000) -> bool:
        return self.build_runner.wait(msecs) and self.solve_runner.wait(msecs)

    # -- model -------------------------------------------------------------------
    def _set_model(self, key: tuple, build) -> None:
        self.build = build
        self._model_key = key
        self._model_serial += 1
        self._frontiers.clear()

    def _start_build(self, run, key: tuple) -> None:
        self._build_gen += 1
        gen = self._build_gen
        self._building_key = key
        if self._build_ctx is not None:
            # One build at a time: a newer request cancels the running one (it
            # stops at its next step) and waits; ten quick base-currency flips
            # are one or two builds, not ten queued ones.
            self._build_ctx.cancel()
            self._build_next = (run, key)
            return
        self._build_next = None
        hkey = history_key(run)
        history = self._history if hkey == self._history_key else None
        self.model_building.emit()
        self.busy_changed.emit(True)

        def job(ctx: TaskContext):
            from allocator import modelcache
            from allocator.pipeline import load_history

            single_threaded_blas()
            if ctx.cancelled():
                raise _Stale()
            h = history if history is not None else load_history(run)
            if ctx.cancelled():
                raise _Stale()
            # The sample's estimate comes from the user cache after the first launch
            # (no scikit-learn import, no estimation on the way to the first allocation).
            return modelcache.build_model(replace(run, estimation=build_estimation(run.estimation)), h)

        def finished() -> bool:
            """The build slot is free again; start the newest waiting request, if any (True)."""
            self._build_ctx = None
            waiting, self._build_next = self._build_next, None
            if waiting is not None and gen != self._build_gen:
                self._start_build(*waiting)
                return True
            return False

        def done(build) -> None:
            if gen != self._build_gen:
                finished()
                return  # a newer build was requested; this one is stale
            self._build_ctx = None
            self._building_key = None
            self._history, self._history_key = build.history, hkey
            self._set_model(key, build)
            self.model_ready.emit(build)
            self._request_solve(self.run)

        def failed(exc: BaseException) -> None:
            if finished() or gen != self._build_gen:
                return
            self._building_key = None
            self.busy_changed.emit(self.busy)
            if not isinstance(exc, _Stale):
                self.model_failed.emit(exc)

        ctx = self.build_runner.submit(job, done, failed)
        self.builds_started += 1
        if not self.synchronous:
            self._build_ctx = ctx

    # -- solve -------------------------------------------------------------------
    def _request_solve(self, run) -> None:
        if self.build is None:
            return
        self._solve_pending = run
        if not self._solve_busy:
            self._start_solve()
        elif self._solve_ctx is not None:
            self._solve_ctx.cancel()  # its frontier would be dropped as stale: skip it

    def _frontier_key(self, serial: int, run, spec: FrontierSpec) -> tuple:
        c = run.optimization.constraints
        return (serial, constraints_key(c, run.optimization.rf), spec.hedge.lo, spec.hedge.hi, trading_key(run), prior_key(run))

    def _start_solve(self) -> None:
        run, self._solve_pending = self._solve_pending, None
        build, serial = self.build, self._model_serial
        from allocator.errors import AllocatorError

        try:
            model, prior = prior_model(run, build, self._w_ref_cache)
        except AllocatorError as exc:
            self.allocation_failed.emit(SolveOutcome(run, build.model, None, exc, build=build))
            self.busy_changed.emit(self.busy)
            return
        settings = run.optimization
        specs = frontier_specs(model, settings.constraints.hedge)
        keys = [self._frontier_key(serial, run, s) for s in specs]
        todo = [(k, s) for k, s in zip(keys, specs) if k not in self._frontiers]
        # The frontier of the hedge in use first: it is drawn while the others are computed.
        todo.sort(key=lambda ks: ks[1].hedge != settings.constraints.hedge)
        points = self.frontier_points
        handover = threading.Event()
        if self.synchronous:
            handover.set()  # one thread: the window draws before the frontier anyway
        self._solve_busy = True
        self.busy_changed.emit(True)

        def job(ctx: TaskContext):
            from allocator.errors import AllocatorError
            from allocator.optimize import Optimizer

            single_threaded_blas()
            if self._optimizer is None:
                self._optimizer = Optimizer(model)
            elif self._optimizer.model is not model:
                self._optimizer.set_model(model)
            opt = self._optimizer
            t0 = time.perf_counter()
            nonlocal settings
            try:
                settings = cost_aware(run, model, build.history, settings)
                alloc, err = opt.optimize(settings), None
            except AllocatorError as exc:
                alloc, err = None, exc
            ctx.progress(SolveOutcome(run, model, alloc, err, time.perf_counter() - t0, prior, build))
            out: dict[tuple, Any] = {}
            ferr = None
            if todo:
                handover.wait(HANDOVER_TIMEOUT)
            t1 = time.perf_counter()
            # One pass over the shared compiled problems: between the frontiers
            # only the hedge band's Parameters change (the rest are not re-set).
            try:
                for key, _hedge, front in opt.frontiers(settings, [(k, s.hedge) for k, s in todo], points, ctx.cancelled):
                    if not out:
                        # The frontier of the hedge in use is drawn at once; the others
                        # together with the marker when all are done.  Drawing each on
                        # arrival painted the plot while the next one was computed, and
                        # the two threads traded the GIL (bench/gui_slider.py --hedge 0.5
                        # under Xvfb: 63 ms -> 58 ms for the four, same run of changes).
                        ctx.progress((key, spec_of[key], front))
                    out[key] = front
            except AllocatorError as exc:
                ferr = exc
            return out, ferr, time.perf_counter() - t1

        spec_of = dict(todo)

        def progress(value) -> None:
            if isinstance(value, tuple):
                key, spec, front = value
                if serial == self._model_serial:
                    self._frontiers[key] = front
                if self._solve_pending is None and serial == self._model_serial:
                    self.frontier_ready.emit(spec, front)
                return
            outcome: SolveOutcome = value
            if self._solve_pending is not None or serial != self._model_serial:
                handover.set()
                return  # stale: a newer request is waiting
            self.last_solve_seconds = outcome.seconds
            try:
                if outcome.error is None:
                    self.allocation_ready.emit(outcome)
                else:
                    self.allocation_failed.emit(outcome)
            finally:
                if not handover.is_set():
                    QCoreApplication.postEvent(self, _PaintedEvent(handover), Qt.EventPriority.LowEventPriority.value)

        def done(result) -> None:
            computed, ferr, seconds = result
            if serial == self._model_serial:
                self._frontiers.update(computed)
            stale = self._solve_pending is not None or serial != self._model_serial
            self._finish_solve()
            if not stale:
                curves = [(s, self._frontiers[k]) for k, s in zip(keys, specs) if k in self._frontiers]
                if computed:
                    self.last_frontier_seconds = seconds
                self.frontiers_ready.emit(FrontierSet(run, model, curves, ferr, seconds if computed else 0.0))

        def failed(exc: BaseException) -> None:
            handover.set()
            stale = self._solve_pending is not None
            self._finish_solve()
            if not stale:
                self.allocation_failed.emit(SolveOutcome(run, model, None, exc))

        self._handover = handover
        ctx = self.solve_runner.submit(job, done, failed, progress)
        if not self.synchronous:
            self._solve_ctx = ctx

    def event(self, e: QEvent) -> bool:
        if e.type() == _PAINTED:
            e.handover.set()
            return True
        return super().event(e)

    def _finish_solve(self) -> None:
        self._solve_busy = False
        self._solve_ctx = None
        if self._solve_pending is not None and self.build is not None and self._building_key is None:
            self._start_solve()
        else:
            self._solve_pending = None if self._building_key is None else self._solve_pending
            self.busy_changed.emit(self.busy)
