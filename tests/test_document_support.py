"""Builders of real, valid allocation documents without running a solver.

An assumptions model (DESIGN §7) gives the market, ``build_allocation`` the
reported figures for chosen weights, and a small ``PriceHistory`` the prices
a document stores for share counts.  Shared by the document and export tests.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from allocator.data.prices import PriceHistory
from allocator.document import AllocationDocument, make_document
from allocator.model import model_from_assumptions
from allocator.optimize.result import build_allocation
from allocator.pipeline import RunSettings
from allocator.universe import Asset, Universe, default_universe


def user_universe() -> Universe:
    """The default universe plus a user theme and a user-added ticker."""
    u = default_universe().with_theme("quantum", "Quantum computing", "user theme")
    return u.with_asset(Asset("IONQ", "IonQ", "US", "USD", "quantum", "stock", user_added=True))


def history_for(assets, seed: int = 0, fx: float = 150.0) -> PriceHistory:
    rng = np.random.default_rng(seed)
    idx = pd.bdate_range("2024-01-01", periods=30)
    cols = {}
    for a in assets:
        level = rng.uniform(800, 9000) if a.currency == "JPY" else rng.uniform(20, 600)
        cols[a.ticker] = level * np.exp(np.cumsum(rng.normal(0, 0.01, len(idx))))
    cols["JPY=X"] = fx * np.exp(np.cumsum(rng.normal(0, 0.003, len(idx))))
    frame = pd.DataFrame(cols, index=idx)
    return PriceHistory.from_frame(frame, "csv", "CSV: prices.csv")


def build_doc(
    weights: dict[str, float],
    universe: Universe | None = None,
    base: str = "USD",
    notes: str = "",
    with_prices: bool = True,
    seed: int = 0,
    hedge: float = 0.5,
) -> AllocationDocument:
    """A valid document holding ``weights`` (normalised) over ``universe``."""
    universe = universe or user_universe()
    run = RunSettings(universe=universe, base=base, data="sample" if with_prices else "assumptions")
    # The settings say the hedge the result holds (a result never contradicts its settings).
    from allocator.optimize.settings import HedgeSetting

    opt = run.optimization
    run = replace(run, optimization=replace(opt, constraints=replace(opt.constraints, hedge=HedgeSetting.fixed(hedge))))
    run = run.validate()
    assets = universe.assets
    n = len(assets)
    rng = np.random.default_rng(seed)
    mu = rng.uniform(-0.05, 0.2, n)
    vols = rng.uniform(0.1, 0.5, n)
    cov = np.outer(vols, vols) * 0.3 + np.diag(vols**2) * 0.7
    model = model_from_assumptions(assets, mu, cov, base, {"expected_return": 0.0, "volatility": 0.1}, {"USD": 0.04, "JPY": 0.005})
    w = np.array([float(weights.get(a.ticker, 0.0)) for a in assets])
    w = w / w.sum()
    exposure = model.exposure_matrix() @ w if model.m else np.zeros(0)
    alloc = build_allocation(model, w, hedge * exposure, model.rf, "max-sharpe")
    history = history_for(assets, seed) if with_prices else None
    return make_document(run, alloc, history, notes=notes)


def sample_weights() -> dict[str, float]:
    return {"LMT": 0.2, "7011.T": 0.15, "NVDA": 0.25, "8035.T": 0.1, "8058.T": 0.2, "EWJ": 0.05, "IONQ": 0.05}


def big_universe(n: int) -> Universe:
    """``n`` assets over the default themes (tickers made up, half in Tokyo)."""
    base = default_universe()
    keys = base.theme_keys
    assets = []
    for i in range(n):
        jp = i % 2 == 1
        t = f"{1000 + i}.T" if jp else f"U{i:04d}"
        assets.append(Asset(t, f"Asset number {i}", "JP" if jp else "US", "JPY" if jp else "USD", keys[i % len(keys)]))
    return replace(base, assets=tuple(assets))
