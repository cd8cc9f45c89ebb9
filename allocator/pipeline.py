"""From settings to a market model: prices -> returns -> estimates -> model.

``RunSettings`` is everything needed to reproduce a run (it is what an
allocation file stores under ``settings``); ``build_model`` turns it into the
``MarketModel`` the optimiser works on.  The CLI and the GUI both call this.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from allocator.costs import Costs, parse_costs
from allocator.currency import DEFAULT_RATES, Rates, parse_base
from allocator.data.prices import PriceHistory
from allocator.data.returns import Frequency, ReturnSeries, to_returns
from allocator.errors import DataError, InputError
from allocator.estimators import CovMethod, MeanMethod, parse_cov_method, parse_mean_method
from allocator.holdings import Holdings
from allocator.model import MarketModel, model_from_returns
from allocator.optimize.settings import Constraints, HedgeSetting, Objective, OptimizationSettings
from allocator.universe import Universe, default_universe
from allocator.views import PriorResult, PriorSettings, apply_prior, prior_for_model
from allocator.text import T


@dataclass(frozen=True)
class EstimationSettings:
    frequency: Frequency = Frequency.WEEKLY
    mean: MeanMethod = MeanMethod.HISTORICAL
    covariance: CovMethod = CovMethod.LEDOIT_WOLF
    halflife: float | None = None  # periods, for EWMA estimators
    start: str | None = None  # ISO dates of the estimation window
    end: str | None = None
    fx_mean: str = "zero"  # "zero" (default, see DESIGN §8) or "historical"

    def validate(self) -> "EstimationSettings":
        if self.fx_mean not in ("zero", "historical"):
            raise InputError(T("fx_mean must be 'zero' or 'historical'"))
        for name in ("start", "end"):
            v = getattr(self, name)
            if v is not None:
                import pandas as pd

                try:
                    pd.Timestamp(v)
                except (ValueError, TypeError):
                    raise InputError(T("--{name} {value} is not a date (use YYYY-MM-DD)", name=name, value=repr(v))) from None
        if self.start and self.end and self.start >= self.end:
            raise InputError(T("the estimation window starts ({start}) after it ends ({end})", start=str(self.start), end=str(self.end)))
        if self.halflife is not None and not (self.halflife > 0):
            raise InputError(T("halflife must be a positive number of periods"))
        return replace(
            self,
            frequency=Frequency.parse(self.frequency),
            mean=parse_mean_method(self.mean),
            covariance=parse_cov_method(self.covariance),
        )


@dataclass(frozen=True)
class RunSettings:
    universe: Universe = field(default_factory=default_universe)
    data: str | None = None  # "sample" | "cache" | "yahoo" | "csv:PATH" | None (cache, else sample)
    base: str = "USD"
    rates: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_RATES))
    # Monthly short-rate history (CSV: Date,USD,JPY) for historical hedged returns;
    # ``rate_units`` is "fraction" or "percent".  None: the current rates throughout.
    rate_history: str | None = None
    rate_units: str = "fraction"
    estimation: EstimationSettings = field(default_factory=EstimationSettings)
    optimization: OptimizationSettings = field(default_factory=OptimizationSettings)
    # Reference portfolio, prior risk aversion, tau and views (used by the
    # equilibrium and black-litterman mean methods; stored whatever the method).
    prior: PriorSettings = field(default_factory=PriorSettings)
    # What the user holds and what trading costs (DESIGN §12): with holdings
    # the optimiser pays ``costs`` to get from them to the result.
    holdings: Holdings | None = None
    costs: Costs | None = None
    max_turnover: float | None = None

    def validate(self) -> "RunSettings":
        rates = {}
        for k, v in dict(self.rates).items():
            try:
                fv = float(v)
            except (TypeError, ValueError):
                raise InputError(T("short rate {currency} must be a number", currency=k)) from None
            if not -0.1 <= fv <= 1.0:
                raise InputError(T("short rate {currency}={value} is out of range (annual fraction, e.g. 0.04)", currency=k, value=str(v)))
            rates[str(k).upper()] = fv
        if self.rate_history is not None and not isinstance(self.rate_history, str):
            raise InputError(T("rate history must be the path of a CSV file (Date,USD,JPY)"))
        if self.rate_units not in ("fraction", "percent"):
            raise InputError(T("rate units {units} must be fraction or percent", units=repr(self.rate_units)))
        costs = parse_costs(self.costs) if self.costs is not None else None
        turnover = self.max_turnover
        if turnover is not None:
            try:
                turnover = float(turnover)
            except (TypeError, ValueError):
                raise InputError(T("max turnover must be a number, got {value}", value=repr(turnover))) from None
            if not 0.0 <= turnover <= 2.0:
                raise InputError(
                    T("max turnover {value} must be between 0 and 2 (sum of |trades|, 0.3 means 30%)", value=f"{turnover:g}")
                )
        if turnover is not None and self.holdings is None:
            raise InputError(T("--max-turnover needs --holdings (the turnover is measured from what you hold)"))
        return replace(
            self,
            base=parse_base(self.base),
            rates=rates,
            estimation=self.estimation.validate(),
            optimization=self.optimization.validate(),
            prior=self.prior.validate(),
            costs=costs,
            max_turnover=turnover,
        )

    # -- plain data for files ----------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        o = self.optimization
        c = o.constraints
        e = self.estimation
        return {
            "universe": self.universe.to_dict(),
            "theme_targets": dict(c.theme_targets),
            "theme_tolerance": c.theme_tolerance,
            "objective": Objective.parse(o.objective).value,
            "target": o.target,
            "risk_aversion": o.risk_aversion,
            "max_weight": c.max_weight,
            "country_bounds": {k: [lo, hi] for k, (lo, hi) in c.country_bounds.items()},
            "base_currency": self.base,
            "hedge": c.hedge.to_text(),
            "rf": o.rf,
            "rates": dict(self.rates),
            "rate_history": self.rate_history,
            "rate_units": self.rate_units,
            "estimation": {
                "frequency": Frequency.parse(e.frequency).value,
                "mean": parse_mean_method(e.mean).value,
                "covariance": parse_cov_method(e.covariance).value,
                "halflife": e.halflife,
                "start": e.start,
                "end": e.end,
                "fx_mean": e.fx_mean,
            },
            "data_source": self.data or "auto",
            **self.prior.to_dict(),
            "holdings": self.holdings.to_json() if self.holdings is not None else None,
            "costs": self.costs.to_json() if self.costs is not None else None,
            "max_turnover": self.max_turnover,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "RunSettings":
        """Inverse of ``to_dict`` (the document layer validates types and reports paths)."""
        est = d.get("estimation") or {}
        uni = Universe.from_dict(d["universe"], "settings.universe") if "universe" in d else default_universe()
        data = d.get("data_source")
        cons = Constraints(
            theme_targets=dict(d.get("theme_targets") or {}),
            theme_tolerance=d.get("theme_tolerance", 0.0),
            max_weight=d.get("max_weight", 1.0),
            country_bounds={k: tuple(v) for k, v in (d.get("country_bounds") or {}).items()},
            hedge=HedgeSetting.parse(d.get("hedge", "0")),
        )
        opt = OptimizationSettings(
            objective=Objective.parse(d.get("objective", "max-sharpe")),
            target=d.get("target"),
            risk_aversion=d.get("risk_aversion", 3.0),
            constraints=cons,
            rf=d.get("rf"),
        )
        return cls(
            universe=uni,
            data=None if data in (None, "auto") else data,
            base=d.get("base_currency", "USD"),
            rates=dict(d.get("rates") or DEFAULT_RATES),
            rate_history=d.get("rate_history"),
            rate_units=d.get("rate_units", "fraction"),
            estimation=EstimationSettings(
                frequency=est.get("frequency", "weekly"),
                mean=est.get("mean", "historical"),
                covariance=est.get("covariance", "ledoit-wolf"),
                halflife=est.get("halflife"),
                start=est.get("start"),
                end=est.get("end"),
                fx_mean=est.get("fx_mean", "zero"),
            ),
            optimization=opt,
            prior=PriorSettings.from_dict(d),
            holdings=(
                Holdings.from_json(d["holdings"], uni, "settings.holdings") if d.get("holdings") is not None else None
            ),
            costs=Costs.from_json(d["costs"], "settings.costs") if d.get("costs") is not None else None,
            max_turnover=d.get("max_turnover"),
        ).validate()


#: What a new document in the app starts from (README "Defaults"); the CLI keeps DESIGN §4's.
APP_MAX_WEIGHT = 0.10


#: The prior risk aversion of a new document in the app (see ``app_default_run``).
APP_PRIOR_RISK_AVERSION = 2.5


def app_default_run(universe: Universe | None = None) -> RunSettings:
    """A new document in the app: the equilibrium prior around market caps, δ 2.5, a 10% cap, no views.

    The first portfolio is then a diversified one (the reference portfolio
    trimmed to the cap), not a bet on the last decade's winners; historical
    means are one click away.  The prior's risk aversion is the long-run 2.5
    (He & Litterman's figure, DESIGN §10's default for assumptions files), not
    the market-implied one: implied δ divides the reference portfolio's
    *historical* excess return by its variance, so a decade's bull market
    comes back into the prior (on the sample δ 5.5, and the first portfolio
    promised 30.8 % a year at Sharpe 1.36; with 2.5 the same weights are shown
    at 16.0 %, Sharpe 0.62).  The weights do not depend on δ under max-Sharpe;
    the promise does.  "implied" is one click away in the Estimation panel.
    The CLI's defaults stay those of DESIGN §4 (historical means, no cap) so
    scripts keep their meaning.
    """
    from allocator.estimators import MeanMethod

    run = RunSettings(universe=universe or default_universe())
    cons = replace(run.optimization.constraints, max_weight=APP_MAX_WEIGHT)
    return replace(
        run,
        estimation=replace(run.estimation, mean=MeanMethod.EQUILIBRIUM),
        optimization=replace(run.optimization, constraints=cons),
        prior=PriorSettings(reference="market-cap", risk_aversion=APP_PRIOR_RISK_AVERSION),
    ).validate()


@dataclass(frozen=True)
class ModelBuild:
    model: MarketModel
    history: PriceHistory
    returns: ReturnSeries
    universe: Universe | None = None  # the assets actually used (a CSV may hold fewer)
    notes: tuple[str, ...] = ()
    #: Equilibrium prior / posterior when the mean method uses one (the model's mu is then its posterior).
    prior: PriorResult | None = None
    #: The historical means (base currency) the model would have had, for comparison.
    mu_hist: "object | None" = None


def load_history(run: RunSettings) -> PriceHistory:
    from allocator.data.sources import open_source

    if run.data and run.data.startswith("csv:"):
        # A CSV holds what the user has; the universe is narrowed to it below.
        return open_source(run.data, None)
    return open_source(run.data, run.universe.tickers)


def usable_universe(run: RunSettings, history: PriceHistory) -> tuple[Universe, list[str]]:
    """The universe narrowed to the assets ``history`` has prices for (CSV files), with notes."""
    have = set(history.prices.columns)
    tickers = [t for t in run.universe.tickers if t in have]
    notes = []
    if history.source == "cache" and tickers and len(tickers) < len(run.universe.tickers):
        # Damaged or unreadable cache files were left out (the history's notes say which).
        return run.universe.subset(tickers), notes
    if history.source != "csv" or len(tickers) == len(run.universe.tickers):
        return run.universe, notes
    if not tickers:
        raise DataError(
            T(
                "{source} has no prices for any asset of the universe (it has {tickers}); add them as custom tickers first",
                source=history.label,
                tickers=", ".join(sorted(have)[:8]),
            )
        )
    left = [t for t in run.universe.tickers if t not in have]
    if left:
        notes.append(
            T(
                "{source} has prices for {have} of {total} assets; allocating across {tickers} (without {left} others)",
                source=history.label, have=len(tickers), total=len(run.universe.tickers), tickers=", ".join(tickers), left=len(left),
            )
        )
    else:
        notes.append(
            T(
                "{source} has prices for {have} of {total} assets; allocating across {tickers}",
                source=history.label, have=len(tickers), total=len(run.universe.tickers), tickers=", ".join(tickers),
            )
        )
    unknown = sorted(have - set(run.universe.tickers))
    if unknown:
        notes.append(
            T("{source}: {tickers} not in the universe (add them as custom tickers to use them)", source=history.label, tickers=", ".join(unknown))
        )
    return run.universe.subset(tickers), notes


def build_model(run: RunSettings, history: PriceHistory | None = None, rate_history=None) -> ModelBuild:
    """Estimate the market model for ``run`` (loading prices unless given).

    ``rate_history`` (a DataFrame of monthly USD/JPY rates in decimals) wins
    over ``run.rate_history`` (a CSV path, loaded here).
    """
    if history is None:
        history = load_history(run)
    e = run.estimation
    universe, notes = usable_universe(run, history)
    windowed = history.select(universe.tickers).window(e.start, e.end)
    returns = to_returns(windowed, e.frequency)
    if rate_history is None and run.rate_history:
        from allocator.currency import load_rate_history

        rate_history = load_rate_history(run.rate_history, run.rate_units)
    rates = Rates(dict(run.rates), rate_history)
    model = model_from_returns(
        returns,
        universe.assets,
        base=run.base,
        mean_method=e.mean,
        cov_method=e.covariance,
        rates=rates,
        fx_expected=0.0 if e.fx_mean == "zero" else None,
        halflife=e.halflife,
    )
    notes.extend(model.notes)  # repairs and too-few-periods warnings (estimators.CovarianceEstimate)
    prior = None
    mu_hist = model.mu
    if e.mean.uses_prior:
        prior = prior_for_model(
            model,
            run.prior,
            use_views=e.mean is MeanMethod.BLACK_LITTERMAN,
            mu_hist=model.mu,
            usdjpy=latest_usdjpy(history),
            theme_keys=run.universe.theme_keys,
        )
        model = apply_prior(model, prior)
        notes.extend(prior.notes)
    return ModelBuild(model, history, returns, universe, tuple(notes), prior, mu_hist)


def estimate_notes(build: "ModelBuild") -> list:
    """Facts about the estimate the user should see but need not act on (CLI note, file ``data.notes``,
    the GUI's data tooltip and quality report): the return periods left out."""
    from allocator.data.returns import dropped_note

    note = dropped_note(build.returns)
    return [note] if note is not None else []


def check_theme_data(run: RunSettings, model: MarketModel) -> None:
    """A theme target on a theme of the universe that has no asset with data: say so by name (exit 2).

    (The optimiser only knows the model's themes and would call it unknown.)
    """
    have = {a.theme for a in model.assets}
    for key in run.optimization.constraints.theme_targets:
        if key in run.universe.theme_keys and key not in have:
            members = [a.ticker for a in run.universe.assets if a.theme == key]
            raise InputError(
                T("theme {theme} has no assets with data in {source}{members}; drop its target or add prices for them",
                  theme=key, source=model.label or T("the data"),
                  members=T(" (its assets: {tickers})", tickers=", ".join(members)) if members else T(" (it has no assets)"))
            )


def latest_usdjpy(history: PriceHistory) -> float | None:
    """The last real USD/JPY of ``history`` (None for simulated data: the bundled as-of rate is used)."""
    if history.simulated or history.fx is None or history.fx.dropna().empty:
        return None
    return float(history.fx.dropna().iloc[-1])
