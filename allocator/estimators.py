"""Expected returns and covariance models (per period in, annual out).

Expected returns: historical mean, EWMA mean, and a James-Stein estimator that
shrinks each asset's mean toward the cross-sectional average.  Covariance:
sample, Ledoit-Wolf (scikit-learn's implementation, imported lazily: it costs
~2 s at import) and EWMA (RiskMetrics).  Every covariance is symmetrised and,
when not positive definite, repaired to the nearest positive-definite matrix.
"""

from __future__ import annotations

from enum import Enum

import numpy as np
import pandas as pd

from allocator.errors import InputError


class MeanMethod(str, Enum):
    HISTORICAL = "historical"
    EWMA = "ewma"
    SHRUNK = "shrunk"  # James-Stein toward the grand mean
    # Around an equilibrium prior (allocator.views, DESIGN §10); the history
    # they are estimated from gives historical means (for the implied delta).
    EQUILIBRIUM = "equilibrium"
    BLACK_LITTERMAN = "black-litterman"

    @property
    def uses_prior(self) -> bool:
        return self in (MeanMethod.EQUILIBRIUM, MeanMethod.BLACK_LITTERMAN)


class CovMethod(str, Enum):
    SAMPLE = "sample"
    LEDOIT_WOLF = "ledoit-wolf"
    EWMA = "ewma"


def _parse(enum, value):
    if isinstance(value, enum):
        return value
    try:
        text = str(value).lower()
        return enum(text.replace("_", "-") if enum is CovMethod or text == "black_litterman" else text)
    except ValueError:
        choices = ", ".join(m.value for m in enum)
        raise InputError(f"estimator {value!r} is not one of: {choices}") from None


def parse_mean_method(value) -> MeanMethod:
    return _parse(MeanMethod, value)


def parse_cov_method(value) -> CovMethod:
    return _parse(CovMethod, value)


def ewma_weights(n: int, halflife: float) -> np.ndarray:
    """Normalised exponential weights, oldest first, newest largest."""
    if halflife <= 0:
        raise InputError("EWMA half-life must be positive")
    decay = 0.5 ** (1.0 / halflife)
    w = decay ** np.arange(n - 1, -1, -1, dtype=float)
    return w / w.sum()


def expected_returns(
    returns: pd.DataFrame,
    periods_per_year: int,
    method: MeanMethod | str = MeanMethod.HISTORICAL,
    halflife: float | None = None,
) -> pd.Series:
    """Annual expected simple returns, one per column of ``returns``."""
    method = parse_mean_method(method)
    x = returns.to_numpy(dtype=float)
    if method is MeanMethod.HISTORICAL or method.uses_prior:
        mu = x.mean(axis=0)
    elif method is MeanMethod.EWMA:
        w = ewma_weights(len(x), halflife or periods_per_year)
        mu = w @ x
    else:
        mu = james_stein(x)
    return pd.Series(mu * periods_per_year, index=returns.columns)


def james_stein(x: np.ndarray) -> np.ndarray:
    """Per-period means shrunk toward their average (positive-part James-Stein).

    The shrinkage intensity uses the average sampling variance of a mean,
    ``s_i^2 / T``, against the dispersion of the means around their average.
    """
    t, n = x.shape
    means = x.mean(axis=0)
    if n < 3:
        return means
    grand = means.mean()
    noise = (x.var(axis=0, ddof=1) / t).mean()
    spread = ((means - grand) ** 2).sum()
    if spread <= 0:
        return np.full(n, grand)
    shrink = min(1.0, max(0.0, (n - 3) * noise / spread))
    return grand + (1.0 - shrink) * (means - grand)


def covariance(
    returns: pd.DataFrame,
    periods_per_year: int,
    method: CovMethod | str = CovMethod.LEDOIT_WOLF,
    halflife: float | None = None,
) -> pd.DataFrame:
    """Annual covariance of the columns of ``returns``, positive definite."""
    method = parse_cov_method(method)
    x = returns.to_numpy(dtype=float)
    if len(x) < 2:
        raise InputError("at least two return periods are needed for a covariance")
    if method is CovMethod.SAMPLE:
        cov = np.cov(x, rowvar=False, ddof=1)
    elif method is CovMethod.LEDOIT_WOLF:
        from sklearn.covariance import ledoit_wolf  # lazy: heavy import

        cov, _ = ledoit_wolf(x, assume_centered=False)
    else:
        w = ewma_weights(len(x), halflife or periods_per_year / 2)
        mean = w @ x
        d = x - mean
        cov = (d * w[:, None]).T @ d / (1.0 - (w**2).sum())
    cov = np.atleast_2d(cov) * periods_per_year
    return pd.DataFrame(nearest_positive_definite(cov), index=returns.columns, columns=returns.columns)


def nearest_positive_definite(a: np.ndarray, min_eig: float = 1e-10) -> np.ndarray:
    """Symmetrise ``a`` and, if needed, lift its eigenvalues to a small positive floor.

    Eigenvalue clipping gives the nearest (Frobenius) positive semi-definite
    matrix; the floor, relative to the largest eigenvalue, keeps a Cholesky
    factor well defined.
    """
    a = 0.5 * (a + a.T)
    vals, vecs = np.linalg.eigh(a)
    floor = max(min_eig, 1e-12 * max(vals.max(), 0.0))
    if vals.min() >= floor:
        return a
    vals = np.clip(vals, floor, None)
    fixed = (vecs * vals) @ vecs.T
    return 0.5 * (fixed + fixed.T)


def correlation_from(vols: np.ndarray, corr: np.ndarray) -> np.ndarray:
    """Covariance from volatilities and a correlation matrix."""
    return corr * np.outer(vols, vols)
