"""Theme views: an equilibrium prior moved by the user's convictions (Black-Litterman, DESIGN §10).

An estimator of expected returns beside ``estimators.py``: it takes the
model's asset covariance (base currency, hedge instruments excluded) and a
reference portfolio, and returns expected returns.  The optimiser does not
know where ``mu`` came from.

* Prior: ``pi = rf + delta * Sigma @ w_ref`` (annual, base currency, total).
  ``delta`` is given, or market-implied ``(w_ref'mu_hist - rf) / w_ref'Sigma w_ref``
  clipped to [1, 10] (``DELTA_BOUNDS``); 2.5 for an assumptions file.
* Views: absolute on a theme, relative between two themes, or on one asset.
  A theme's pick row spreads 1 over its assets in proportion to their
  reference weights (equal when those are all zero).
* Omega by Idzorek's method, ``omega_k = tau (1-c)/c p_k Sigma p_k'``, so a
  confidence of 1 makes the view hold exactly and a confidence near 0 leaves
  the prior.
* Posterior (He-Litterman), computed in the equivalent solve form
  ``mu = pi + tau Sigma P' (P tau Sigma P' + Omega)^-1 (Q - P pi)``, which stays
  defined at 100 % confidence (Omega = 0).

The currency under the prior: **zero expected excess currency return**
(uncovered interest parity), ``E[f_c] = k_c``, the forward rate is the
expected spot rate.  The hedge instrument (return ``k - f_c``) then has an
expected return of zero, so the hedge decision follows from risk alone: the
optimiser hedges exactly as much as lowers the portfolio's variance (with the
hedge fixed at 0, the CLI default, the reference is optimal: DESIGN §10's
identity).  The assets' prior returns are unhedged base-currency returns, so
a foreign asset's local expected return is ``pi_i - k_c``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from allocator.errors import InputError
from allocator.text import T

#: Market-implied risk aversion is clipped to this range (DESIGN §10).
DELTA_BOUNDS = (1.0, 10.0)
#: Risk aversion of the prior for an assumptions file without ``risk_aversion``.
DEFAULT_ASSUMPTIONS_DELTA = 2.5
DEFAULT_TAU = 0.05
#: Reference portfolios by name; anything else is the path of an allocation file.
REFERENCE_KINDS = ("market-cap", "equal")
_VIEW_RE = re.compile(r"^\s*(?P<lhs>[^=@]+?)\s*=\s*(?P<r>[^@]+?)\s*@\s*(?P<c>\S+)\s*$")


# ----------------------------------------------------------------------------
# Views
@dataclass(frozen=True)
class View:
    """One conviction: ``ret`` (annual) on a theme, a theme pair, or one asset, with a confidence in (0, 1]."""

    ret: float
    confidence: float
    theme: str | None = None  # absolute view on a theme
    long: str | None = None  # relative view: long theme ...
    short: str | None = None  # ... minus short theme
    ticker: str | None = None  # view on one asset

    @property
    def kind(self) -> str:
        if self.ticker is not None:
            return "asset"
        if self.long is not None:
            return "relative"
        return "theme"

    @property
    def subject(self) -> str:
        if self.kind == "asset":
            return str(self.ticker)
        if self.kind == "relative":
            return f"{self.long}-{self.short}"
        return str(self.theme)

    @property
    def label(self) -> str:
        """The view as the CLI spells it: ``semis_ai=0.12@0.6``."""
        return f"{self.subject}={self.ret:g}@{self.confidence:g}"

    def to_dict(self) -> dict[str, Any]:
        if self.kind == "asset":
            d: dict[str, Any] = {"ticker": self.ticker}
        elif self.kind == "relative":
            d = {"long": self.long, "short": self.short}
        else:
            d = {"theme": self.theme}
        d["return"] = self.ret
        d["confidence"] = self.confidence
        return d

    @classmethod
    def from_dict(cls, d: Any, where: str = "views[0]") -> "View":
        """A view from its file form; ``InputError`` names ``where`` and the field."""
        if not isinstance(d, Mapping):
            raise InputError(T("{where}: must be an object like {example}", where=where, example='{"theme": "semis_ai", "return": 0.12, "confidence": 0.6}'))
        keys = set(d)
        unknown = keys - {"theme", "long", "short", "ticker", "return", "confidence"}
        if unknown:
            raise InputError(T("{where}: unknown field(s) {fields}", where=where, fields=", ".join(sorted(map(str, unknown)))))
        subjects = [k for k in ("theme", "ticker") if k in d] + (["long/short"] if ("long" in d or "short" in d) else [])
        if len(subjects) != 1:
            raise InputError(T("{where}: give exactly one of theme, ticker, or long and short", where=where))
        for k in ("theme", "ticker", "long", "short"):
            if k in d and (not isinstance(d[k], str) or not d[k].strip()):
                raise InputError(T("{where}: must be a non-empty string", where=f"{where}.{k}"))
        if ("long" in d) != ("short" in d):
            raise InputError(T("{where}: a relative view needs both long and short", where=where))
        ret = _number(d.get("return"), f"{where}.return")
        conf = _number(d.get("confidence"), f"{where}.confidence")
        return cls(ret, conf, d.get("theme"), d.get("long"), d.get("short"), d.get("ticker")).validated(where)

    def validated(self, where: str | None = None) -> "View":
        """Range checks that need no universe (return, confidence, long != short)."""
        name = where or f"--view {self.label}"
        if not math.isfinite(self.ret) or abs(self.ret) > 1.0:
            raise InputError(T("{where}: return {value} is out of range (an annual fraction in [-1, 1], e.g. 0.12)", where=name, value=f"{self.ret:g}"))
        if not math.isfinite(self.confidence) or not 0.0 < self.confidence <= 1.0:
            raise InputError(T("{where}: confidence {value} must be in (0, 1] (e.g. 0.6 for 60%)", where=name, value=f"{self.confidence:g}"))
        if self.kind == "relative" and self.long == self.short:
            raise InputError(T("{where}: a relative view needs two different themes", where=name))
        return self


def _number(x: Any, where: str) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise InputError(T("{where}: must be a number", where=where))
    return float(x)


def parse_view(text: str, themes: Iterable[str], tickers: Iterable[str]) -> View:
    """``THEME=R@C``, ``THEME1-THEME2=R@C`` or ``TICKER=R@C`` (a theme or ticker name wins over a split at '-')."""
    m = _VIEW_RE.match(text or "")
    if not m:
        raise InputError(T("--view {text}: expected THEME=R@C, THEME1-THEME2=R@C or TICKER=R@C, e.g. semis_ai=0.12@0.6", text=repr(text)))
    lhs = m.group("lhs").strip()
    try:
        ret, conf = float(m.group("r")), float(m.group("c"))
    except ValueError:
        raise InputError(T("--view {text}: the return and the confidence must be numbers, e.g. semis_ai=0.12@0.6", text=repr(text))) from None
    themes, tickers = set(themes), set(tickers)
    if lhs in themes:
        view = View(ret, conf, theme=lhs)
    elif lhs in tickers:
        view = View(ret, conf, ticker=lhs)
    elif "-" in lhs:
        a, b = (s.strip() for s in lhs.split("-", 1))
        view = View(ret, conf, long=a, short=b)
    else:
        raise InputError(T("--view {text}: {name} is neither a theme nor a ticker of the universe", text=repr(text), name=repr(lhs)))
    return view.validated(f"--view {text}")


# ----------------------------------------------------------------------------
# Settings stored in the allocation file
@dataclass(frozen=True)
class PriorSettings:
    """How the equilibrium prior and the posterior are formed.

    ``reference``: ``market-cap``, ``equal``, ``file`` (weights from a saved
    allocation, kept in ``reference_weights``) or ``assumptions`` (the
    assumptions file's ``reference_weights``).  ``risk_aversion`` None means
    market-implied (price data) or 2.5 (assumptions file).
    """

    reference: str = "market-cap"
    reference_file: str | None = None
    reference_weights: Mapping[str, float] | None = None
    risk_aversion: float | None = None
    tau: float = DEFAULT_TAU
    views: tuple[View, ...] = ()

    def validate(self) -> "PriorSettings":
        if self.reference not in (*REFERENCE_KINDS, "file", "assumptions"):
            raise InputError(T("reference {reference} must be market-cap, equal or an allocation file", reference=repr(self.reference)))
        if self.reference in ("file", "assumptions") and not self.reference_weights:
            raise InputError(T("reference {reference}: the reference weights are missing", reference=self.reference))
        if self.risk_aversion is not None:
            d = _number(self.risk_aversion, "prior risk aversion")
            if not math.isfinite(d) or not 0 < d <= 100:
                raise InputError(T("--prior-risk-aversion {value}: must be a positive number (typical 1 to 10)", value=self.risk_aversion))
        tau = _number(self.tau, "tau")
        if not math.isfinite(tau) or not 0 < tau <= 1:
            raise InputError(T("--tau {value}: must be in (0, 1] (typical 0.025 to 0.1)", value=self.tau))
        weights = None
        if self.reference_weights is not None:
            weights = {}
            for t, w in dict(self.reference_weights).items():
                wf = _number(w, f"reference weight {t}")
                if not math.isfinite(wf) or wf < 0:
                    raise InputError(T("reference weight {ticker}={value}: must be a non-negative number", ticker=t, value=w))
                weights[str(t)] = wf
        views = tuple(v.validated() for v in self.views)
        return replace(self, tau=tau, reference_weights=weights, views=views)

    def to_dict(self) -> dict[str, Any]:
        """The ``settings.reference`` / ``prior_risk_aversion`` / ``tau`` / ``views`` sections."""
        return {
            "reference": {
                "source": self.reference,
                "file": self.reference_file,
                "weights": dict(self.reference_weights) if self.reference_weights is not None else None,
            },
            "prior_risk_aversion": self.risk_aversion,
            "tau": self.tau,
            "views": [v.to_dict() for v in self.views],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "PriorSettings":
        ref = d.get("reference") or {"source": "market-cap"}
        if isinstance(ref, str):
            ref = {"source": ref}
        if not isinstance(ref, Mapping):
            raise InputError(T("settings.reference: must be an object {fields}", fields="{source, file, weights}"))
        views = d.get("views") or []
        if not isinstance(views, list):
            raise InputError(T("settings.views: must be a list"))
        return cls(
            reference=ref.get("source", "market-cap"),
            reference_file=ref.get("file"),
            reference_weights=ref.get("weights"),
            risk_aversion=d.get("prior_risk_aversion"),
            tau=d.get("tau", DEFAULT_TAU),
            views=tuple(View.from_dict(v, f"settings.views[{i}]") for i, v in enumerate(views)),
        ).validate()


# ----------------------------------------------------------------------------
# Reference portfolios
def normalise(weights: np.ndarray, what: str = "reference portfolio") -> np.ndarray:
    w = np.clip(np.asarray(weights, dtype=float), 0.0, None)
    s = w.sum()
    if not np.isfinite(s) or s <= 0:
        raise InputError(T("the {what} has no weight on any asset of the universe", what=what))
    return w / s


def equal_weights(n: int) -> np.ndarray:
    return np.full(n, 1.0 / n)


def weights_from_mapping(tickers: Sequence[str], weights: Mapping[str, float], what: str) -> tuple[np.ndarray, list[str]]:
    """Weights aligned to ``tickers`` (missing: 0), renormalised; notes say what was dropped or missing."""
    w = np.array([float(weights.get(t, 0.0)) for t in tickers])
    notes = []
    extra = [t for t in weights if t not in set(tickers) and weights[t] > 0]
    if extra:
        notes.append(T("{what}: {tickers} not in the model; left out", what=what, tickers=", ".join(extra[:6]) + (" ..." if len(extra) > 6 else "")))
    missing = [t for t in tickers if t not in weights]
    if missing:
        notes.append(T("{what}: no weight for {tickers}; taken as 0", what=what, tickers=", ".join(missing[:6]) + (" ..." if len(missing) > 6 else "")))
    return normalise(w, what), notes


# ----------------------------------------------------------------------------
# Prior and posterior (plain numbers; ``apply_prior`` below wires them to a model)
def market_implied_risk_aversion(w_ref: np.ndarray, mu_hist: np.ndarray, cov: np.ndarray, rf: float, clip: bool = True) -> float:
    """``(w_ref'mu_hist - rf) / (w_ref' Sigma w_ref)``, clipped to ``DELTA_BOUNDS``."""
    var = float(w_ref @ cov @ w_ref)
    delta = (float(w_ref @ mu_hist) - rf) / var
    if clip:
        lo, hi = DELTA_BOUNDS
        delta = min(hi, max(lo, delta)) if math.isfinite(delta) else lo
    return delta


def equilibrium_returns(cov: np.ndarray, w_ref: np.ndarray, delta: float, rf: float) -> np.ndarray:
    """``pi = rf + delta * Sigma @ w_ref``."""
    return rf + delta * (np.asarray(cov) @ np.asarray(w_ref))


def pick_matrix(
    views: Sequence[View],
    tickers: Sequence[str],
    themes_of: Sequence[str],
    w_ref: np.ndarray,
    theme_keys: Iterable[str] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``P`` (k x n), ``Q`` (k) and the confidences (k); a view that cannot be placed raises, naming it."""
    tickers = list(tickers)
    themes_of = np.asarray(list(themes_of))
    known_themes = set(theme_keys) if theme_keys is not None else set(themes_of)
    n = len(tickers)

    def theme_row(key: str, view: View) -> np.ndarray:
        if key not in known_themes:
            raise InputError(T("view {view}: unknown theme {theme}; known themes: {themes}", view=view.label, theme=repr(key), themes=", ".join(sorted(known_themes))))
        mask = themes_of == key
        if not mask.any():
            raise InputError(T("view {view}: theme {theme} has no assets in the model", view=view.label, theme=repr(key)))
        ww = np.where(mask, w_ref, 0.0)
        if ww.sum() <= 0:
            ww = mask.astype(float)
        return ww / ww.sum()

    P = np.zeros((len(views), n))
    for k, v in enumerate(views):
        v.validated(f"view {v.label}")
        if v.kind == "asset":
            if v.ticker not in tickers:
                raise InputError(T("view {view}: unknown ticker {ticker}; it is not in the model", view=v.label, ticker=repr(v.ticker)))
            P[k, tickers.index(v.ticker)] = 1.0
        elif v.kind == "relative":
            P[k] = theme_row(str(v.long), v) - theme_row(str(v.short), v)
        else:
            P[k] = theme_row(str(v.theme), v)
    Q = np.array([v.ret for v in views], dtype=float)
    conf = np.array([v.confidence for v in views], dtype=float)
    return P, Q, conf


def idzorek_omega(P: np.ndarray, cov: np.ndarray, confidences: np.ndarray, tau: float) -> np.ndarray:
    """Diagonal Omega from confidences (Walters' closed form of Idzorek's method)."""
    c = np.asarray(confidences, dtype=float)
    alpha = (1.0 - c) / c
    return np.diag(tau * alpha * np.einsum("ij,jk,ik->i", P, cov, P))


def posterior_returns(pi: np.ndarray, cov: np.ndarray, P: np.ndarray, Q: np.ndarray, omega: np.ndarray, tau: float) -> np.ndarray:
    """He-Litterman posterior mean in its solve form (no inverse of Sigma, defined at Omega = 0)."""
    if len(Q) == 0:
        return np.asarray(pi, dtype=float).copy()
    ts_p = tau * cov @ P.T
    A = P @ ts_p + omega
    b = Q - P @ pi
    try:
        x = np.linalg.solve(A, b)
    except np.linalg.LinAlgError:
        x = np.linalg.lstsq(A, b, rcond=None)[0]
    return pi + ts_p @ x


# ----------------------------------------------------------------------------
@dataclass(frozen=True)
class PriorResult:
    """What the estimator produced, for reports, the chart and the file."""

    tickers: tuple[str, ...]
    w_ref: np.ndarray
    delta: float
    delta_source: str  # "given" | "market-implied" | "market-implied (clipped)" | "assumptions default"
    tau: float
    prior: np.ndarray
    posterior: np.ndarray
    views: tuple[View, ...] = ()
    notes: tuple[str, ...] = field(default=())


def implied_delta(w_ref: np.ndarray, mu_hist: np.ndarray, cov: np.ndarray, rf: float) -> tuple[float, str]:
    raw = market_implied_risk_aversion(w_ref, mu_hist, cov, rf, clip=False)
    d = market_implied_risk_aversion(w_ref, mu_hist, cov, rf)
    return d, T("market-implied") if d == raw else T("market-implied (clipped from {raw})", raw=f"{raw:.2f}")


def compute_prior(
    cov: np.ndarray,
    w_ref: np.ndarray,
    rf: float,
    tickers: Sequence[str],
    themes_of: Sequence[str],
    settings: PriorSettings,
    mu_hist: np.ndarray | None = None,
    use_views: bool = True,
    theme_keys: Iterable[str] | None = None,
    notes: Sequence[str] = (),
) -> PriorResult:
    """Prior, and posterior when ``use_views``; ``mu_hist`` feeds the market-implied delta (else 2.5)."""
    if settings.risk_aversion is not None:
        delta, src = float(settings.risk_aversion), T("given")
    elif mu_hist is not None:
        delta, src = implied_delta(w_ref, mu_hist, cov, rf)
    else:
        delta, src = DEFAULT_ASSUMPTIONS_DELTA, T("assumptions default")
    pi = equilibrium_returns(cov, w_ref, delta, rf)
    views = tuple(settings.views) if use_views else ()
    if views:
        P, Q, conf = pick_matrix(views, tickers, themes_of, w_ref, theme_keys)
        omega = idzorek_omega(P, cov, conf, settings.tau)
        post = posterior_returns(pi, cov, P, Q, omega, settings.tau)
    else:
        post = pi.copy()
    return PriorResult(tuple(tickers), np.asarray(w_ref, float), delta, src, settings.tau, pi, post, views, tuple(notes))


def apply_prior(model, result: PriorResult):
    """The model with its asset returns replaced by ``result.posterior`` and the currency at parity.

    Uncovered parity: the expected currency return is the carry, so the hedge
    instrument's expected return is zero and local expected returns are the
    base-currency ones less the currency's.
    """
    mu = np.asarray(result.posterior, dtype=float)
    mu_fx = np.asarray(model.carry, dtype=float).copy()
    mu_hedge = np.zeros(model.m)
    mu_local = mu.copy()
    for c, ccy in enumerate(model.hedge_currencies):
        for i, a in enumerate(model.assets):
            if a.currency == ccy:
                mu_local[i] = mu[i] - mu_fx[c]
    return replace(model, mu=mu, mu_hedge=mu_hedge, mu_fx=mu_fx, mu_local=mu_local,
                   hedge_convention=("uncovered interest parity: expected currency return = current carry, "
                                     "the hedge expects zero") if model.m else "")


# ----------------------------------------------------------------------------
# Wiring to the market model
def reference_portfolio(model, settings: PriorSettings, usdjpy: float | None = None) -> tuple[np.ndarray, list[str]]:
    """``w_ref`` over the model's assets, and notes saying where it came from."""
    tickers = model.tickers
    if settings.reference == "equal":
        return equal_weights(len(tickers)), [T("reference portfolio: equal weights")]
    if settings.reference == "market-cap":
        from allocator.marketcaps import market_cap_weights

        w, notes = market_cap_weights(tickers, [a.theme for a in model.assets], model.base, usdjpy)
        return w, [T("reference portfolio: market capitalisation")] + notes
    what = f"reference portfolio ({settings.reference_file or settings.reference})"
    w, notes = weights_from_mapping(tickers, settings.reference_weights or {}, what)
    return w, [what] + notes


def reference_from_file(path: str) -> PriorSettings:
    """``--reference FILE.alloc.json``: the saved allocation's weights become the reference."""
    from allocator.document import load_document

    doc = load_document(path)
    weights = {t: float(w) for t, w in doc.weights.items() if float(w) > 0}
    if not weights:
        raise InputError(T("--reference {path}: the allocation holds no asset", path=path))
    return PriorSettings(reference="file", reference_file=str(path), reference_weights=weights)


def restrict_reference(settings: PriorSettings, tickers: Iterable[str]) -> PriorSettings:
    """Keep only the reference weights of ``tickers`` (a saved allocation may hold others)."""
    if settings.reference_weights is None:
        return settings
    keep = set(tickers)
    w = {t: v for t, v in settings.reference_weights.items() if t in keep}
    if not any(v > 0 for v in w.values()):
        raise InputError(
            T("reference portfolio ({reference}) holds none of the universe's assets", reference=settings.reference_file or settings.reference)
        )
    return replace(settings, reference_weights=w)


def prior_for_model(
    model,
    settings: PriorSettings,
    use_views: bool,
    mu_hist: np.ndarray | None = None,
    usdjpy: float | None = None,
    theme_keys: Iterable[str] | None = None,
    w_ref: np.ndarray | None = None,
    ref_notes: Sequence[str] = (),
) -> PriorResult:
    """Prior (and posterior) for ``model``: its asset covariance, its rf, its themes."""
    if w_ref is None:
        w_ref, ref_notes = reference_portfolio(model, settings, usdjpy)
    return compute_prior(
        model.asset_cov,
        w_ref,
        model.rf,
        model.tickers,
        [a.theme for a in model.assets],
        settings,
        mu_hist=mu_hist,
        use_views=use_views,
        theme_keys=theme_keys,
        notes=ref_notes,
    )
