"""How uncertain the inputs and the headline figure are: standard errors.

Two figures, both annual and in the base currency:

* ``asset_return_se`` - the standard error of each asset's expected return,
  from the estimator that produced it:

  - historical mean of T periods: ``s_i / sqrt(T) * P`` (``s_i`` the
    per-period sample standard deviation, ``P`` periods per year);
  - EWMA mean with weights ``w_t`` (sum 1): ``s_i * sqrt(sum w_t^2) * P``;
  - James-Stein (shrunk toward a common target): the historical SE times
    ``1 - intensity``, the intensity read off the estimates themselves
    (dispersion of the shrunk means over that of the historical means);
  - equilibrium prior: ``sqrt(diag(tau Sigma))``; Black-Litterman posterior:
    ``sqrt(diag(M))`` with ``M = tau Sigma - tau Sigma P' (P tau Sigma P' +
    Omega)^-1 P tau Sigma`` (He & Litterman 1999; PyPortfolioOpt's
    ``bl_cov() - Sigma``).

  With the currency's expected return *set* (``--fx-mean zero``), a foreign
  asset's mean is that of ``R_i - f`` plus a constant, so its SE is that of
  ``R_i - f``: the currency's own sampling error is not counted.

* ``sharpe_se`` - the standard error of the portfolio's Sharpe ratio, by Lo
  (2002), "The Statistics of Sharpe Ratios", Financial Analysts Journal
  58(4), section "Non-IID returns": GMM with the moment conditions
  ``(r_t - mu, (r_t - mu)^2 - sigma^2)``, their long-run covariance by
  Newey-West (Bartlett weights, lag ``floor(4 (T/100)^(2/9))``), and the
  delta method on ``g = mu / sigma``.  This carries serial correlation (and
  fat tails) into the standard error; for IID normal returns it reduces to
  ``sqrt((1 + SR^2/2) / T)``.  The per-period figure is scaled by
  ``sqrt(P)``, as the app annualises the Sharpe ratio itself.  The portfolio
  history is the held weights (and hedge notionals) applied to the
  estimation window's returns in the base currency; the hedge earns the
  current carry less the currency's return.

Core only (no Qt); the CLI, the allocation file and the GUI show these.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from allocator.currency import Rates, currency_return, foreign_currency, translate
from allocator.estimators import MeanMethod, ewma_weights, expected_returns, parse_mean_method


@dataclass(frozen=True)
class Uncertainty:
    """Standard errors of an allocation's inputs and of its Sharpe ratio (annual, base currency)."""

    asset_return_se: dict[str, float] = field(default_factory=dict)
    sharpe_se: float | None = None
    periods: int | None = None
    method: str = ""

    def to_json(self) -> dict[str, Any]:
        return {t: float(v) for t, v in self.asset_return_se.items()}


def newey_west_lag(t: int) -> int:
    """The usual automatic lag, ``floor(4 (T/100)^(2/9))`` (Newey & West 1994)."""
    return int(math.floor(4.0 * (max(t, 1) / 100.0) ** (2.0 / 9.0)))


def _long_run_cov(phi: np.ndarray, lags: int) -> np.ndarray:
    """Newey-West (Bartlett) long-run covariance of the rows of ``phi`` (T x k, mean zero)."""
    t = phi.shape[0]
    s = phi.T @ phi / t
    for j in range(1, min(lags, t - 1) + 1):
        g = phi[j:].T @ phi[:-j] / t
        s += (1.0 - j / (lags + 1.0)) * (g + g.T)
    return s


def sharpe_se_per_period(excess: np.ndarray, sharpe: float | None = None, lags: int | None = None) -> float:
    """Lo's (2002) GMM standard error of a per-period Sharpe ratio from excess returns.

    ``sharpe`` is the per-period Sharpe ratio at which the delta method is
    evaluated (default: the sample's own mean / standard deviation).
    """
    x = np.asarray(excess, dtype=float)
    x = x[np.isfinite(x)]
    t = len(x)
    if t < 3:
        return float("nan")
    mu = x.mean()
    var = x.var()
    if var <= 0:
        return float("nan")
    sigma = math.sqrt(var)
    sr = mu / sigma if sharpe is None else float(sharpe)
    phi = np.column_stack([x - mu, (x - mu) ** 2 - var])
    s = _long_run_cov(phi, newey_west_lag(t) if lags is None else lags)
    # g(mu, sigma^2) = mu / sigma: dg/dmu = 1/sigma, dg/dsigma^2 = -mu / (2 sigma^3) = -SR / (2 sigma^2)
    d = np.array([1.0 / sigma, -sr / (2.0 * var)])
    v = float(d @ s @ d)
    return math.sqrt(max(v, 0.0) / t)


def sharpe_se_annual(excess: np.ndarray, sharpe_annual: float, periods_per_year: float) -> float:
    """SE of an annual Sharpe ratio ``sqrt(P) * SR_period`` (see the module docstring)."""
    root = math.sqrt(periods_per_year)
    return root * sharpe_se_per_period(excess, sharpe_annual / root)


# ----------------------------------------------------------------------------
# The model's return history in the base currency
def base_returns(returns, model, fx_fixed: bool) -> tuple[pd.DataFrame, pd.Series | None]:
    """(assets' base-currency returns, the foreign currency's return) over the estimation window."""
    tickers = model.tickers
    local = returns.local[tickers]
    currencies = [a.currency for a in model.assets]
    R = translate(local, currencies, returns.fx_jpy, model.base)
    f = currency_return(returns.fx_jpy, model.base).reindex(R.index) if model.m else None
    return R, f


def asset_return_se(
    returns,
    model,
    mean_method: MeanMethod | str = MeanMethod.HISTORICAL,
    halflife: float | None = None,
    fx_fixed: bool = True,
    prior=None,
    prior_cov_terms: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """SE of each asset's annual expected return (module docstring), in the model's order.

    ``prior`` is the ``PriorResult`` of an equilibrium / Black-Litterman run;
    ``prior_cov_terms`` its ``(P, Omega)`` when views were used.
    """
    method = parse_mean_method(mean_method)
    if method.uses_prior and prior is not None:
        tau_s = float(prior.tau) * model.asset_cov
        if prior_cov_terms is None or len(prior_cov_terms[0]) == 0:
            return np.sqrt(np.clip(np.diag(tau_s), 0.0, None))
        P, omega = prior_cov_terms
        a = P @ tau_s @ P.T + omega
        m = tau_s - tau_s @ P.T @ np.linalg.solve(a, P @ tau_s)
        return np.sqrt(np.clip(np.diag(m), 0.0, None))
    ppy = float(returns.periods_per_year)
    R, f = base_returns(returns, model, fx_fixed)
    x = R.copy()
    if fx_fixed and f is not None:
        foreign = foreign_currency(model.base)
        for a in model.assets:
            if a.currency == foreign:
                x[a.ticker] = x[a.ticker] - f
    arr = x.to_numpy(dtype=float)
    t = arr.shape[0]
    sd = arr.std(axis=0, ddof=1)
    if method is MeanMethod.EWMA:
        w = ewma_weights(t, halflife or ppy)
        return sd * math.sqrt(float(np.sum(w**2))) * ppy
    se = sd / math.sqrt(t) * ppy
    if method is MeanMethod.SHRUNK:
        hist = arr.mean(axis=0) * ppy
        shrunk = expected_returns(x, returns.periods_per_year, method, halflife).to_numpy()
        spread_h = float(np.std(hist))
        keep = float(np.std(shrunk)) / spread_h if spread_h > 0 else 1.0
        se = se * min(1.0, keep)
    return se


def portfolio_excess_history(returns, model, weights: np.ndarray, hedge_notionals: np.ndarray, rf: float) -> np.ndarray:
    """Per-period excess returns of the allocation over the estimation window (base currency)."""
    ppy = float(returns.periods_per_year)
    R, f = base_returns(returns, model, True)
    p = R.to_numpy(dtype=float) @ np.asarray(weights, dtype=float)
    if model.m and f is not None:
        k = float(model.carry[0]) / ppy
        p = p + float(np.asarray(hedge_notionals, dtype=float)[0]) * (k - f.to_numpy(dtype=float))
    return p - rf / ppy


class BuildUncertainty:
    """The per-model part computed once (asset SEs, the return history); per allocation only the Sharpe SE.

    The GUI keeps one per model build, so a slider move costs one matrix-vector
    product and the HAC sums (well under a millisecond at N=48, 520 weeks).
    """

    METHOD = "Lo (2002), GMM with Newey-West"

    def __init__(self, build, run):
        model = build.model
        returns = build.returns
        e = run.estimation
        method = parse_mean_method(e.mean)
        terms = None
        prior = getattr(build, "prior", None)
        if method.uses_prior and prior is not None and prior.views:
            from allocator.views import idzorek_omega, pick_matrix

            P, _Q, conf = pick_matrix(
                prior.views, model.tickers, [a.theme for a in model.assets], prior.w_ref, run.universe.theme_keys
            )
            terms = (P, idzorek_omega(P, model.asset_cov, conf, prior.tau))
        se = asset_return_se(returns, model, method, e.halflife, e.fx_mean == "zero", prior, terms)
        self.model = model
        self.asset_return_se = {t: float(v) for t, v in zip(model.tickers, se)}
        self.ppy = float(returns.periods_per_year)
        self.periods = len(returns.local)
        R, f = base_returns(returns, model, True)
        self._R = R.to_numpy(dtype=float)
        self._hedge = None
        if model.m and f is not None:
            self._hedge = float(model.carry[0]) / self.ppy - f.to_numpy(dtype=float)

    def for_allocation(self, allocation) -> Uncertainty:
        model = self.model
        w = np.array([allocation.weights.get(t, 0.0) for t in model.tickers])
        p = self._R @ w
        if self._hedge is not None:
            p = p + float(allocation.hedge_notionals.get(model.hedge_currencies[0], 0.0)) * self._hedge
        excess = p - allocation.rf / self.ppy
        sse = sharpe_se_annual(excess, allocation.sharpe, self.ppy)
        return Uncertainty(
            asset_return_se=self.asset_return_se,
            sharpe_se=float(sse) if math.isfinite(sse) else None,
            periods=self.periods,
            method=self.METHOD,
        )


def allocation_uncertainty(build, allocation, run) -> Uncertainty:
    """Standard errors for an allocation made from ``build`` (a ``pipeline.ModelBuild``) under ``run``."""
    return BuildUncertainty(build, run).for_allocation(allocation)

