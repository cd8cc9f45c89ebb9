"""The minimum capital for whole trading units (the metrics strip's 最低投資額 / Min. capital)."""

from __future__ import annotations

import pytest

from allocator.discrete import minimum_capital
from allocator.universe import default_universe


def test_minimum_capital_is_the_dearest_lot_over_its_weight():
    u = default_universe()
    assets = {a.ticker: a for a in u.assets}
    # Toyota: 100-share lots at 3,000 yen = 300,000 yen; at 10% the portfolio needs 3,000,000 yen.
    # NVDA: one share at $100 = 15,000 yen at 150 yen/$; at 90% it needs ~16,667 yen.
    weights = {"7203.T": 0.10, "NVDA": 0.90}
    prices = {"7203.T": 3000.0, "NVDA": 100.0}
    assert minimum_capital(weights, assets, prices, "JPY", usdjpy=150.0) == pytest.approx(3_000_000.0)
    assert minimum_capital(weights, assets, prices, "USD", usdjpy=150.0) == pytest.approx(20_000.0)


def test_minimum_capital_skips_unpriced_and_tiny_weights():
    u = default_universe()
    assets = {a.ticker: a for a in u.assets}
    assert minimum_capital({"7203.T": 0.5}, assets, {}, "JPY") is None
    assert minimum_capital({"7203.T": 0.0001, "NVDA": 0.9999}, assets, {"7203.T": 3000.0, "NVDA": 100.0}, "USD", 150.0) == pytest.approx(
        100.0 / 0.9999
    )
    assert minimum_capital({"NVDA": 1.0}, assets, {"NVDA": 100.0}, "JPY", usdjpy=None) is None  # no FX rate
