"""Where a portfolio's expected return and risk come from: local, currency, carry.

For an asset i held with weight ``w_i`` in a foreign currency c whose
exposure is hedged at ratio ``h_c = H_c / E_c`` (the hedge notional is
attributed to the assets of that currency pro rata), the base-currency return
of the position is (DESIGN §8)

    w_i R_i + h_c w_i (k_c - f_c),     R_i = r_i + f_c + r_i f_c

and splits into three parts:

* **local**    ``w_i (R_i - f_c)`` - the asset in its own currency (with the
  small ``r f`` cross term, which is not separately hedgeable);
* **currency** ``w_i (1 - h_c) f_c`` - the currency move left unhedged;
* **carry**    ``w_i h_c k_c`` - the rate differential earned (or paid) by
  the forwards.

Home-currency assets are all local.  Expected returns use the model's means:
``E[R_i] - E[f_c]`` local, ``(1 - h) E[f_c]`` currency (zero under the default
zero-FX assumption), ``h k`` carry; the parts sum to the portfolio's expected
return exactly.

Risk is split with Euler contributions to volatility, ``part x cov(part, P) /
sigma_P``, which sum to ``sigma_P`` exactly.  ``cov(f_c, P)`` is read off the
hedge instrument (``-cov(k_c - f_c, P)``): within a period the forward's carry
is locked in when the hedge is struck, so carry contributes no risk (with a
rate history the small month-to-month drift of ``k`` is counted as currency
risk).  A negative contribution diversifies: for a Japanese exporter the yen
usually moves against the stock, so its currency part *lowers* dollar risk.

Everything returned is a plain, JSON-serialisable dict of floats.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from allocator.model import MarketModel

PARTS = ("local", "currency", "carry")
KEYS = tuple(f"return_{p}" for p in PARTS) + ("return_total",) + tuple(f"risk_{p}" for p in PARTS) + ("risk_total",)


def _row(ret: tuple[float, float, float], risk: tuple[float, float, float]) -> dict[str, float]:
    vals = list(ret) + [sum(ret)] + list(risk) + [sum(risk)]
    return {k: float(v) for k, v in zip(KEYS, vals)}


def _add(into: dict[str, float], row: dict[str, float]) -> None:
    for k, v in row.items():
        into[k] = into.get(k, 0.0) + v


def attribute(model: MarketModel, w: np.ndarray, h: np.ndarray, tol: float = 1e-12) -> dict[str, Any]:
    """Return and risk of the portfolio ``x = [w, H]`` split into local, currency and carry.

    ``w`` are asset weights (fractions), ``h`` hedge notionals per currency of
    ``model.hedge_currencies``.  Keys: ``total``, ``assets`` (held assets),
    ``themes``, ``currencies`` and ``what_if`` (the same weights unhedged and
    fully hedged).  Returns and risks are annual, in the base currency; risk
    figures are contributions to volatility and sum to it.
    """
    w = np.asarray(w, dtype=float)
    h = np.asarray(h, dtype=float)
    n, m = model.n, model.m
    x = np.concatenate([w, h])
    cov = model.cov
    g = cov @ x
    var = float(x @ g)
    sigma = float(np.sqrt(max(var, 0.0)))
    inv = 1.0 / sigma if sigma > tol else 0.0

    exposure = model.exposure_matrix() @ w if m else np.zeros(0)
    ratio = np.array([h[c] / exposure[c] if exposure[c] > tol else 0.0 for c in range(m)])
    ccy_index = {c: i for i, c in enumerate(model.hedge_currencies)}
    mu_fx = np.asarray(model.mu_fx, dtype=float) if len(model.mu_fx) == m else np.zeros(m)
    carry = np.asarray(model.carry, dtype=float) if len(model.carry) == m else np.zeros(m)
    # The hedge earns k - f, so E[f] is carry minus the hedge's mean, whatever the model stored.
    mu_fx = carry - np.asarray(model.mu_hedge, dtype=float) if m else mu_fx

    assets: dict[str, dict[str, float]] = {}
    themes: dict[str, dict[str, float]] = {}
    total: dict[str, float] = {}
    for i, a in enumerate(model.assets):
        wi = float(w[i])
        c = ccy_index.get(a.currency)
        if c is None:  # home currency: all local
            row = _row((wi * model.mu[i], 0.0, 0.0), (wi * g[i] * inv, 0.0, 0.0))
        else:
            hc = float(ratio[c])
            cov_f = -float(g[n + c])  # cov(f_c, P)
            row = _row(
                (wi * (model.mu[i] - mu_fx[c]), wi * (1.0 - hc) * mu_fx[c], wi * hc * carry[c]),
                (wi * (g[i] + g[n + c]) * inv, wi * (1.0 - hc) * cov_f * inv, 0.0),
            )
        if abs(wi) > tol:
            assets[a.ticker] = row
            _add(themes.setdefault(a.theme, {}), row)
        _add(total, row)
    if not total:
        total = _row((0.0, 0.0, 0.0), (0.0, 0.0, 0.0))

    currencies = {
        ccy: {
            "exposure": float(exposure[c]),
            "hedge_ratio": float(ratio[c]),
            "hedge_notional": float(h[c]),
            "carry": float(carry[c]),
            "expected_fx_return": float(mu_fx[c]),
        }
        for ccy, c in ccy_index.items()
    }

    def stats(hn: np.ndarray) -> dict[str, float]:
        xx = np.concatenate([w, hn])
        r = float(model.mu @ w + (model.mu_hedge @ hn if m else 0.0))
        return {"expected_return": r, "volatility": float(np.sqrt(max(float(xx @ cov @ xx), 0.0)))}

    return {
        "base": model.base,
        "units": "annual, base currency; risk = contribution to volatility (sums to it)",
        "total": total,
        "assets": assets,
        "themes": themes,
        "currencies": currencies,
        "what_if": {"unhedged": stats(np.zeros(m)), "fully_hedged": stats(exposure.copy())},
    }


def format_attribution(attr: dict[str, Any], by: str = "themes") -> list[str]:
    """Text table of an attribution (for the CLI): one row per theme (or asset), then the total."""
    if not attr:
        return []
    head = f"  {'':<18} {'return: local':>13} {'currency':>9} {'carry':>7} {'total':>7}   {'risk: local':>11} {'currency':>9} {'total':>7}"
    lines = [f"Attribution ({attr.get('base', '')}, annual; risk = contribution to volatility):", head]

    def fmt(name: str, r: dict[str, float]) -> str:
        p = lambda v: f"{100 * v:6.2f}%"  # noqa: E731
        return (
            f"  {name:<18} {p(r['return_local']):>13} {p(r['return_currency']):>9} {p(r['return_carry']):>7} "
            f"{p(r['return_total']):>7}   {p(r['risk_local']):>11} {p(r['risk_currency']):>9} {p(r['risk_total']):>7}"
        )

    for name, r in attr.get(by, {}).items():
        lines.append(fmt(name, r))
    lines.append(fmt("total", attr["total"]))
    wi = attr.get("what_if", {})
    if attr.get("currencies") and wi:
        u, f = wi["unhedged"], wi["fully_hedged"]
        lines.append(
            f"  same weights unhedged: {100 * u['expected_return']:.2f}% / vol {100 * u['volatility']:.2f}%; "
            f"fully hedged: {100 * f['expected_return']:.2f}% / vol {100 * f['volatility']:.2f}%"
        )
    return lines
