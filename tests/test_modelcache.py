"""Issue 15 item 15: the sample's estimated model is kept in the user cache; cvxpy loads without scipy.stats."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from allocator import modelcache
from allocator.pipeline import RunSettings, build_model, load_history
from allocator.universe import default_universe


@pytest.fixture(scope="module")
def run():
    """A sample run whose estimate does not ship with the app (sample covariance), so its first build estimates."""
    from dataclasses import replace

    from allocator.estimators import CovMethod

    run = RunSettings(universe=default_universe(), data="sample").validate()
    run = replace(run, estimation=replace(run.estimation, covariance=CovMethod.SAMPLE)).validate()
    assert modelcache.cache_key(run) not in {modelcache.cache_key(r) for r in modelcache.seeded_runs()}
    return run


def _same_model(a, b):
    assert a.tickers == b.tickers and a.base == b.base and a.hedge_currencies == b.hedge_currencies
    for k in ("mu", "cov", "mu_hedge", "carry", "mu_fx"):
        np.testing.assert_array_equal(getattr(a, k), getattr(b, k))
    assert (a.rf, a.label, a.start, a.end, a.periods) == (b.rf, b.label, b.start, b.end, b.periods)


def test_second_build_reads_the_cached_estimate_and_equals_a_fresh_one(run, monkeypatch):
    import allocator.pipeline as pipeline

    calls = []
    real = pipeline.build_model
    monkeypatch.setattr(pipeline, "build_model", lambda r, h=None: calls.append(1) or real(r, h))
    history = load_history(run)
    first = modelcache.build_model(run, history)
    assert calls == [1]
    files = list((modelcache._path("x").parent).glob("sample-*.npz"))
    assert len(files) == 1
    second = modelcache.build_model(run, history)
    assert calls == [1]  # no estimation the second time
    _same_model(second.model, real(run, history).model)
    _same_model(second.model, first.model)
    assert second.universe.tickers == first.universe.tickers
    from allocator.optimize import Optimizer

    a1 = Optimizer(first.model).optimize(run.optimization)
    a2 = Optimizer(second.model).optimize(run.optimization)
    assert a1.weights == a2.weights


def test_key_follows_the_settings_and_a_damaged_file_is_a_miss(run):
    from allocator.gui.controls import with_estimation
    from dataclasses import replace

    jpy = replace(run, base="JPY").validate()
    assert modelcache.cache_key(jpy) != modelcache.cache_key(run)
    monthly = with_estimation(run, frequency="monthly").validate()
    assert modelcache.cache_key(monthly) != modelcache.cache_key(run)
    history = load_history(run)
    modelcache.build_model(run, history)
    path = modelcache._path(modelcache.cache_key(run))
    path.write_bytes(b"not an npz file")
    assert modelcache.load(run, history) is None
    rebuilt = modelcache.build_model(run, history)  # estimated again, and kept again
    _same_model(rebuilt.model, build_model(run, history).model)
    assert modelcache.load(run, history) is not None


def test_real_prices_are_never_cached(run, tmp_path):
    from allocator.data.prices import PriceHistory

    history = load_history(run)
    csv_like = PriceHistory(history.prices, history.fx, "csv", "CSV: x.csv", history.as_of, False)
    assert modelcache.load(run, csv_like) is None
    build = build_model(run, csv_like)
    assert modelcache.store(run, build) is False


def test_cvxpy_is_imported_without_scipy_stats_and_entropy_still_works():
    code = (
        "import sys\n"
        "import allocator.optimize\n"
        "assert 'cvxpy' in sys.modules\n"
        "assert 'scipy.stats' not in sys.modules, 'scipy.stats was imported with cvxpy'\n"
        "import importlib; q = importlib.import_module('cvxpy.atoms.quantum_rel_entr')\n"
        "import numpy as np\n"
        "assert abs(q.entropy([0.5, 0.5]) - np.log(2)) < 1e-12\n"
        "import scipy.stats\n"
        "assert hasattr(scipy.stats, 'norm') and scipy.stats.entropy is not q.entropy\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_a_new_documents_estimate_ships_with_the_app_and_equals_a_fresh_one():
    """The first launch reads a new document's model from resources/sample/ (USD and JPY), not an estimate."""
    from allocator.bundled import resource

    shipped = set()
    for seeded in modelcache.seeded_runs():
        name = modelcache.seed_name(modelcache.cache_key(seeded))
        shipped.add(name)
        assert resource("sample", name).is_file(), (
            f"the shipped estimate for a new {seeded.base} document ({name}) is missing or stale: run `make seed-models`"
        )
        history = load_history(seeded)
        assert not any(modelcache._path(modelcache.cache_key(seeded)).parent.glob("*.npz"))  # user cache empty
        hit = modelcache.load(seeded, history)
        assert hit is not None
        fresh = build_model(seeded, history).model
        assert hit.model.tickers == fresh.tickers and hit.model.hedge_currencies == fresh.hedge_currencies
        for k in ("mu", "cov", "mu_hedge", "carry", "mu_fx"):
            # another machine's BLAS may differ in the last bits; anything larger is a stale seed
            np.testing.assert_allclose(getattr(hit.model, k), getattr(fresh, k), rtol=1e-10, atol=1e-14, err_msg=k)
        assert (hit.model.rf, hit.model.label, hit.model.start, hit.model.end, hit.model.periods) == (
            fresh.rf, fresh.label, fresh.start, fresh.end, fresh.periods
        )
    folder = resource("sample")
    extra = {p.name for p in folder.iterdir() if p.name.startswith("model-")} - shipped
    assert not extra, f"stale shipped estimates {sorted(extra)}: run `make seed-models`"
