"""The bundled offline sample: a *simulated* price history.

Generated reproducibly by ``tools/make_sample.py`` (fixed seed) from published
calibration figures (means, volatilities and correlations of monthly returns,
2015-2024).  It is not market data and is labelled "simulated sample" wherever
its numbers appear.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache

import pandas as pd

from allocator.data.prices import SIMULATED_LABEL, PriceHistory
from allocator.errors import DataError
from allocator.text import T
from allocator.bundled import resource

SAMPLE_PRICES = ("sample", "prices.csv.gz")
SAMPLE_META = ("sample", "meta.json")


@lru_cache(maxsize=1)
def _read_sample() -> pd.DataFrame:
    node = resource(*SAMPLE_PRICES)
    try:
        with node.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            frame = pd.read_csv(fh, index_col=0, parse_dates=True)
    except (OSError, ValueError, EOFError) as exc:
        raise DataError(T("the bundled offline sample cannot be read ({problem}); reinstall Allocator", problem=str(exc))) from None
    return frame


def sample_meta() -> dict:
    """Generator metadata (seed, calibration source, dates) stored beside the sample."""
    try:
        return json.loads(resource(*SAMPLE_META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class SampleSource:
    """Price source backed by the bundled simulated sample."""

    name = "sample"

    def load(self, tickers=None) -> PriceHistory:
        history = PriceHistory.from_frame(_read_sample(), "sample", SIMULATED_LABEL, simulated=True)
        return history.select(list(tickers)) if tickers is not None else history


def load_sample(tickers=None) -> PriceHistory:
    return SampleSource().load(tickers)
