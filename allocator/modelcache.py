"""A disk cache of the market model estimated from the bundled sample (start-up speed).

The first launch on a fresh machine estimates the model from the simulated
sample (Ledoit-Wolf needs scikit-learn: ~0.2-0.4 s of imports and work on the
way to the first allocation).  The estimate depends only on the sample's bytes
and the settings that enter the estimation, so it is kept in the user cache
folder (``userdata.cache_dir()/models``), keyed by a hash of the sample file,
those settings and the app version, and read back on the next launch.

Only the sample is cached (real prices change with every refresh).  The file
is a NumPy ``.npz`` read with ``allow_pickle=False`` (nothing in it can run);
anything unreadable, stale or inconsistent is ignored and estimated afresh.

The estimates of a new document's run in both bases (``SEEDED_RUNS``) also
ship with the app, in ``resources/sample/`` (written by
``tools/seed_models.py``, ``make seed-models``), so even the very first launch
on a fresh machine reads its model instead of estimating it.  Their key holds
the app version and the sample's digest like any other: a stale seed is a
miss, never a wrong model, and ``tests/test_modelcache.py`` fails until the
seeds are written again.
"""

from __future__ import annotations

import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path

import numpy as np

FORMAT = 1
_ARRAYS = ("mu", "cov", "mu_hedge", "carry", "mu_fx", "mu_hist")


@lru_cache(maxsize=1)
def sample_digest() -> str:
    """SHA-256 of the bundled sample's price file (what the model is estimated from)."""
    from allocator.bundled import resource
    from allocator.data.sample import SAMPLE_PRICES

    return hashlib.sha256(resource(*SAMPLE_PRICES).read_bytes()).hexdigest()


def _cacheable(run, history=None) -> bool:
    e = run.estimation
    return (
        (history is None or (history.source == "sample" and history.simulated))
        and run.rate_history is None
        and not e.mean.uses_prior
    )


def cache_key(run) -> str:
    """Everything the estimate depends on: the sample's bytes, the assets, base, rates, estimation."""
    from allocator import __version__

    parts = {
        "format": FORMAT,
        "version": __version__,
        "sample": sample_digest(),
        "assets": [repr(a) for a in run.universe.assets],
        "base": run.base,
        "rates": sorted((str(k), float(v)) for k, v in dict(run.rates).items()),
        "estimation": repr(run.estimation),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def _path(key: str) -> Path:
    from allocator.userdata import cache_dir

    return cache_dir() / "models" / f"sample-{key}.npz"


def seed_name(key: str) -> str:
    """The file name of a shipped estimate in ``resources/sample/``."""
    return f"model-{key}.npz"


def build_estimation(estimation):
    """The estimation the app builds its model with: means around a prior are formed per solve."""
    from dataclasses import replace

    from allocator.estimators import MeanMethod, parse_mean_method

    if parse_mean_method(estimation.mean).uses_prior:
        return replace(estimation, mean=MeanMethod.HISTORICAL)
    return estimation


def seeded_runs():
    """The runs whose estimates ship with the app: a new document in USD and in JPY (``app_default_run``)."""
    from dataclasses import replace

    from allocator.pipeline import app_default_run

    run = app_default_run()
    return [replace(run, base=base, estimation=build_estimation(run.estimation)).validate() for base in ("USD", "JPY")]


def _files(key: str):
    """Where the estimate for ``key`` may be: the user cache first, then the estimates shipped with the app."""
    yield _path(key)
    from allocator.bundled import resource

    yield resource("sample", seed_name(key))


def _read(key: str):
    for path in _files(key):
        try:
            with path.open("rb") as f, np.load(f, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"]))
                arrays = {k: np.asarray(z[k], dtype=float) for k in _ARRAYS}
                mu_local = np.asarray(z["mu_local"], dtype=float) if meta.get("has_mu_local") else None
            return meta, arrays, mu_local
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return None


def _windowed_returns(run, history):
    from allocator.data.returns import to_returns
    from allocator.pipeline import usable_universe

    e = run.estimation
    universe, notes = usable_universe(run, history)
    return universe, notes, to_returns(history.select(universe.tickers).window(e.start, e.end), e.frequency)


def load(run, history):
    """The cached ``ModelBuild`` for ``run`` on the sample ``history``, or None."""
    if not _cacheable(run, history):
        return None
    found = _read(cache_key(run))
    if found is None:
        return None
    meta, arrays, mu_local = found
    from allocator.model import MarketModel
    from allocator.pipeline import ModelBuild

    universe, notes, returns = _windowed_returns(run, history)
    if notes or list(universe.tickers) != meta.get("tickers"):
        return None
    try:
        model = MarketModel(
            assets=tuple(universe.assets),
            base=meta["base"],
            mu=arrays["mu"],
            cov=arrays["cov"],
            hedge_currencies=tuple(meta["hedge_currencies"]),
            mu_hedge=arrays["mu_hedge"],
            carry=arrays["carry"],
            mu_fx=arrays["mu_fx"],
            mu_local=mu_local,
            rf=float(meta["rf"]),
            label=meta["label"],
            start=meta["start"],
            end=meta["end"],
            periods=meta["periods"],
        )
    except Exception:  # noqa: BLE001 - an inconsistent file is a cache miss
        return None
    return ModelBuild(model, history, returns, universe, (), None, arrays["mu_hist"])


def encode(run, build) -> bytes | None:
    """``build`` (estimated from the sample) as the bytes of a cache file; None when it is not cacheable."""
    if not _cacheable(run, build.history) or build.notes or build.prior is not None:
        return None
    m = build.model
    meta = {
        "base": m.base,
        "hedge_currencies": list(m.hedge_currencies),
        "rf": float(m.rf),
        "label": m.label,
        "start": m.start,
        "end": m.end,
        "periods": m.periods,
        "tickers": list(m.tickers),
        "has_mu_local": m.mu_local is not None,
    }
    arrays = {
        "mu": m.mu,
        "cov": m.cov,
        "mu_hedge": m.mu_hedge,
        "carry": m.carry,
        "mu_fx": m.mu_fx,
        "mu_hist": build.mu_hist if build.mu_hist is not None else m.mu,
        "mu_local": m.mu_local if m.mu_local is not None else np.zeros(0),
    }
    buf = io.BytesIO()
    np.savez(buf, meta=np.array(json.dumps(meta)), **{k: np.asarray(v, dtype=float) for k, v in arrays.items()})
    return buf.getvalue()


def store(run, build) -> bool:
    """Keep ``build`` (estimated from the sample) for the next launch; False when not kept."""
    data = encode(run, build)
    if data is None:
        return False
    try:
        from allocator.userdata import atomic_write_bytes

        atomic_write_bytes(_path(cache_key(run)), data)
    except OSError:
        return False
    return True


def build_model(run, history):
    """``pipeline.build_model(run, history)``, from the cache when the sample's estimate is kept."""
    hit = load(run, history)
    if hit is not None:
        return hit
    from allocator.pipeline import build_model as estimate

    build = estimate(run, history)
    store(run, build)
    return build
