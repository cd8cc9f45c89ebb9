"""Cost-aware optimisation and trade-list rounding: how long a solve takes (README "Rebalancing from holdings").

Run: .venv/bin/python bench/rebalance.py  (sample universe, N=48, one hedge currency).
* optimiser: 50 re-solves per objective without holdings (DAQP fast path) and
  with costs and a new random holding each time (Clarabel: the trade
  variable makes the Hessian singular);
* rounding: 10 random holdings/targets, without and with a minimum trade.
"""
import time, numpy as np
from dataclasses import replace
from allocator.pipeline import RunSettings, build_model
from allocator.universe import default_universe
from allocator.optimize import Optimizer, OptimizationSettings, Objective
from allocator.optimize.settings import Trading
from allocator.costs import Costs
from allocator.holdings import latest_prices, Holdings
from allocator.rebalance import plan_rebalance
run = RunSettings(universe=default_universe(), data="sample").validate()
b = build_model(run); m = b.model
print("N =", m.n, "hedge ccy", m.m)
rng = np.random.default_rng(0)
for obj in (Objective.MAX_SHARPE, Objective.MIN_VARIANCE, Objective.MAX_UTILITY):
    opt = Optimizer(m)
    s = OptimizationSettings(objective=obj)
    opt.optimize(s)
    t0=time.perf_counter(); 
    for _ in range(50): a=opt.optimize(s)
    plain=(time.perf_counter()-t0)/50
    w0 = rng.dirichlet(np.ones(m.n))
    st = replace(s, trading=Trading(dict(zip(m.tickers, w0)), Costs.flat(10)))
    opt.optimize(st)
    t0=time.perf_counter()
    for i in range(50):
        w0 = rng.dirichlet(np.ones(m.n))
        a2=opt.optimize(replace(s, trading=Trading(dict(zip(m.tickers, w0)), Costs.flat(10))))
    costly=(time.perf_counter()-t0)/50
    print(f"{obj.value}: plain {plain*1e3:.2f} ms/solve ({a.solver}); with costs, new holdings each solve {costly*1e3:.2f} ms ({a2.solver})")
prices, fx = latest_prices(b.history, m.tickers)
ts=[]
for seed in range(10):
    r = np.random.default_rng(seed)
    pos = {t: float(r.integers(1, 30) * (100 if t.endswith('.T') else 1)) for t in m.tickers if r.random() < 0.5}
    w = r.dirichlet(np.ones(m.n))
    h = Holdings(pos, {"USD": 20000.0, "JPY": 1e6})
    t0=time.perf_counter()
    tl = plan_rebalance(run.universe, dict(zip(m.tickers, w)), {"JPY": 0.5}, h, prices, "USD", fx, Costs(US=5, JP=10), min_trade=0)
    ts.append(time.perf_counter()-t0)
print("rebalance N=%d (MIP, no min trade): median %.0f ms, max %.0f ms" % (m.n, np.median(ts)*1e3, max(ts)*1e3))
ts=[]
for seed in range(10):
    r = np.random.default_rng(seed)
    pos = {t: float(r.integers(1, 30) * (100 if t.endswith('.T') else 1)) for t in m.tickers if r.random() < 0.5}
    w = r.dirichlet(np.ones(m.n))
    h = Holdings(pos, {"USD": 20000.0, "JPY": 1e6})
    t0=time.perf_counter()
    tl = plan_rebalance(run.universe, dict(zip(m.tickers, w)), {"JPY": 0.5}, h, prices, "USD", fx, Costs(US=5, JP=10), min_trade=2000)
    ts.append(time.perf_counter()-t0)
print("rebalance N=%d (MIP, min trade 2000): median %.0f ms, max %.0f ms" % (m.n, np.median(ts)*1e3, max(ts)*1e3))
