"""Random hedged problems through ``allocator optimize --assumptions`` against an
independent solver.

The reference shares no code with the app: the portfolio's mean and variance
are written here straight from DESIGN §7 in terms of the local returns ``r``
and the yen's dollar return ``f`` - the portfolio loads ``w`` on ``r`` and
``±(E - H)`` on ``f`` (the unhedged exposure), earns ``H k`` of carry - and
scipy's SLSQP optimises over the weights ``w`` and the hedge notional ``H``
from several starts.  Objective values must agree to 1e-4 relative, for both
base currencies and for fixed, optimal and banded hedges; the optimum is
unique (the variance is strictly convex in ``(w, H)``), so weights and hedge
ratios must agree too.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy.optimize import minimize

from allocator.cli import main

CAP = 0.45
JP_BAND = (0.15, 0.75)
GAMMA = 4.0


def random_assumptions(seed: int, n: int = 6) -> dict:
    rng = np.random.default_rng(seed)
    while True:
        jp = rng.random(n) < 0.5
        jp[0], jp[1] = True, False  # both currencies present
        vols = rng.uniform(0.15, 0.40, n)
        B = rng.normal(0, 1, (n, 2))
        c = B @ B.T + np.diag(rng.uniform(0.5, 1.5, n))
        d = np.sqrt(np.diag(c))
        corr = c / np.outer(d, d)
        s_f = float(rng.uniform(0.07, 0.13))
        rho = rng.uniform(-0.5, 0.4, n)
        joint = np.zeros((n + 1, n + 1))
        joint[:n, :n] = corr * np.outer(vols, vols)
        joint[:n, n] = joint[n, :n] = rho * vols * s_f
        joint[n, n] = s_f**2
        if np.linalg.eigvalsh(joint).min() > 1e-4:
            break
    tickers = [f"J{i}.T" if j else f"U{i}" for i, j in enumerate(jp)]
    return {
        "assets": [
            {
                "ticker": t,
                "name": t,
                "theme": ["alpha", "beta"][i % 2],
                "country": "JP" if j else "US",
                "currency": "JPY" if j else "USD",
            }
            for i, (t, j) in enumerate(zip(tickers, jp))
        ],
        "expected_returns": {t: float(m) for t, m in zip(tickers, rng.uniform(0.03, 0.16, n))},
        "volatilities": {t: float(v) for t, v in zip(tickers, vols)},
        "correlations": corr.tolist(),
        "fx": {
            "expected_return": float(rng.uniform(-0.02, 0.02)),
            "volatility": s_f,
            "correlations": {t: float(r) for t, r in zip(tickers, rho)},
        },
        "rates": {"USD": float(rng.uniform(0.02, 0.05)), "JPY": float(rng.uniform(-0.001, 0.01))},
    }


class Reference:
    """DESIGN §7 written out: P = w'r + sign*(E - H)*f + H*k."""

    def __init__(self, raw: dict, base: str):
        a = raw["assets"]
        self.tickers = [x["ticker"] for x in a]
        n = len(a)
        vols = np.array([raw["volatilities"][t] for t in self.tickers])
        corr = np.array(raw["correlations"])
        fx = raw["fx"]
        self.joint = np.zeros((n + 1, n + 1))
        self.joint[:n, :n] = corr * np.outer(vols, vols)
        rho = np.array([fx["correlations"][t] for t in self.tickers])
        self.joint[:n, n] = self.joint[n, :n] = rho * vols * fx["volatility"]
        self.joint[n, n] = fx["volatility"] ** 2
        self.mu = np.array([raw["expected_returns"][t] for t in self.tickers])
        self.m_f = fx["expected_return"]
        foreign = "JPY" if base == "USD" else "USD"
        self.sign = 1.0 if base == "USD" else -1.0
        self.foreign = np.array([x["currency"] == foreign for x in a], dtype=float)
        self.jp = np.array([x["country"] == "JP" for x in a], dtype=float)
        self.k = raw["rates"][base] - raw["rates"][foreign]
        self.rf = raw["rates"][base]
        self.n = n

    def loadings(self, w, H):
        E = self.foreign @ w
        return np.concatenate([w, [self.sign * (E - H)]])

    def mean(self, w, H):
        E = self.foreign @ w
        return float(w @ self.mu + self.sign * self.m_f * (E - H) + H * self.k)

    def var(self, w, H):
        a = self.loadings(w, H)
        return float(a @ self.joint @ a)

    def objective(self, name, w, H):
        """Value to MAXIMISE."""
        if name == "min-variance":
            return -self.var(w, H)
        if name == "max-utility":
            return self.mean(w, H) - GAMMA / 2 * self.var(w, H)
        if name == "max-sharpe":
            return (self.mean(w, H) - self.rf) / np.sqrt(self.var(w, H))
        raise ValueError(name)

    def solve(self, name, lo, hi, seeds=8):
        n = self.n
        cons = [
            {"type": "eq", "fun": lambda z: z[:n].sum() - 1.0},
            {"type": "ineq", "fun": lambda z: z[n] - lo * (self.foreign @ z[:n])},
            {"type": "ineq", "fun": lambda z: hi * (self.foreign @ z[:n]) - z[n]},
            {"type": "ineq", "fun": lambda z: self.jp @ z[:n] - JP_BAND[0]},
            {"type": "ineq", "fun": lambda z: JP_BAND[1] - self.jp @ z[:n]},
        ]
        bounds = [(0.0, CAP)] * n + [(None, None)]
        rng = np.random.default_rng(0)
        best = None
        for s in range(seeds):
            w0 = np.full(n, 1.0 / n) if s == 0 else rng.dirichlet(np.ones(n))
            z0 = np.concatenate([w0, [0.5 * (lo + hi) * (self.foreign @ w0)]])
            res = minimize(
                lambda z: -self.objective(name, z[:n], z[n]),
                z0,
                method="SLSQP",
                bounds=bounds,
                constraints=cons,
                options={"ftol": 1e-14, "maxiter": 2000},
            )
            if not res.success:
                continue
            z = res.x
            feasible = (
                abs(z[:n].sum() - 1) < 1e-7
                and z[:n].min() > -1e-8
                and z[:n].max() < CAP + 1e-8
                and all(c["fun"](z) > -1e-7 for c in cons[1:])
            )
            if feasible and (best is None or -res.fun > best[0]):
                best = (-res.fun, z[:n].copy(), float(z[n]))
        assert best is not None, "reference solver failed"
        return best


CASES = [
    (seed, base, hedge, objective)
    for seed, (base, hedge) in enumerate(
        [(b, h) for b in ("USD", "JPY") for h in ("0.5", "optimal", "0.2:0.7", "1")]
    )
    for objective in ("min-variance", "max-utility", "max-sharpe")
]


@pytest.mark.parametrize("seed,base,hedge,objective", CASES)
def test_cli_matches_independent_solver(tmp_path, capsys, seed, base, hedge, objective):
    raw = random_assumptions(100 + seed)
    path = tmp_path / "assumptions.json"
    path.write_text(json.dumps(raw))
    out = tmp_path / "out.alloc.json"
    argv = [
        "optimize", "--assumptions", str(path), "--base", base, "--hedge", hedge, "--objective", objective,
        "--max-weight", str(CAP), "--country", f"JP={JP_BAND[0]}:{JP_BAND[1]}", "-o", str(out),
    ]
    if objective == "max-utility":
        argv += ["--risk-aversion", str(GAMMA)]
    code = main(argv)
    _, err = capsys.readouterr()
    assert code == 0, err
    doc = json.loads(out.read_text())
    res = doc["result"]
    ref = Reference(raw, base)
    w = np.array([res["weights"][t] for t in ref.tickers])
    foreign_ccy = "JPY" if base == "USD" else "USD"
    H = res["hedge_notionals"][foreign_ccy]

    if hedge == "optimal":
        lo, hi = 0.0, 1.0
    elif ":" in hedge:
        lo, hi = map(float, hedge.split(":"))
    else:
        lo = hi = float(hedge)
    best_value, w_ref, H_ref = ref.solve(objective, lo, hi)
    ours = ref.objective(objective, w, H)
    assert ours == pytest.approx(best_value, rel=1e-4, abs=1e-9)
    assert ours >= best_value - 1e-4 * abs(best_value)  # never worse than the reference
    # The reported figures are the reference formulas at our weights.
    assert res["metrics"]["expected_return"] == pytest.approx(ref.mean(w, H), abs=1e-9)
    assert res["metrics"]["volatility"] == pytest.approx(np.sqrt(ref.var(w, H)), abs=1e-9)
    # Unique optimum: the same portfolio and hedge.
    np.testing.assert_allclose(w, w_ref, atol=2e-3)
    E = ref.foreign @ w
    ratio = res["hedge_ratios"][foreign_ccy]
    assert ratio == pytest.approx(H / E, abs=1e-6)
    assert lo - 1e-6 <= ratio <= hi + 1e-6
    assert H == pytest.approx(H_ref, abs=2e-3)
    # Constraints hold.
    assert w.max() <= CAP + 1e-6 and JP_BAND[0] - 1e-6 <= ref.jp @ w <= JP_BAND[1] + 1e-6
    # Attribution adds up to the reported figures.
    tot = res["attribution"]["total"]
    assert tot["return_total"] == pytest.approx(res["metrics"]["expected_return"], abs=1e-9)
    assert tot["risk_total"] == pytest.approx(res["metrics"]["volatility"], abs=1e-9)
    assert tot["return_carry"] == pytest.approx(H * ref.k, abs=1e-9)
    assert tot["return_currency"] == pytest.approx(ref.sign * ref.m_f * (E - H), abs=1e-9)


@pytest.mark.parametrize("base", ["USD", "JPY"])
def test_target_return_matches_independent_solver(tmp_path, capsys, base):
    raw = random_assumptions(7)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(raw))
    ref = Reference(raw, base)
    # A target between the min-variance and the max-return portfolio.
    _, w0, H0 = ref.solve("min-variance", 0.0, 1.0)
    target = ref.mean(w0, H0) + 0.01
    out = tmp_path / "o.alloc.json"
    code = main(
        ["optimize", "--assumptions", str(path), "--base", base, "--hedge", "optimal", "--objective",
         "target-return", "--target", repr(target), "--max-weight", str(CAP),
         "--country", f"JP={JP_BAND[0]}:{JP_BAND[1]}", "-o", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    res = json.loads(out.read_text())["result"]
    w = np.array([res["weights"][t] for t in ref.tickers])
    H = res["hedge_notionals"]["JPY" if base == "USD" else "USD"]
    n = ref.n
    cons = [
        {"type": "eq", "fun": lambda z: z[:n].sum() - 1.0},
        {"type": "ineq", "fun": lambda z: z[n]},
        {"type": "ineq", "fun": lambda z: ref.foreign @ z[:n] - z[n]},
        {"type": "ineq", "fun": lambda z: ref.jp @ z[:n] - JP_BAND[0]},
        {"type": "ineq", "fun": lambda z: JP_BAND[1] - ref.jp @ z[:n]},
        {"type": "ineq", "fun": lambda z: ref.mean(z[:n], z[n]) - target},
    ]
    z0 = np.concatenate([w0, [H0]])
    r = minimize(lambda z: ref.var(z[:n], z[n]), z0, method="SLSQP", bounds=[(0, CAP)] * n + [(None, None)],
                 constraints=cons, options={"ftol": 1e-15, "maxiter": 2000})
    assert r.success
    assert ref.var(w, H) == pytest.approx(r.fun, rel=1e-4)
    assert ref.mean(w, H) >= target - 1e-6
