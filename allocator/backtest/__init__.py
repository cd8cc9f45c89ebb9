"""Walk-forward backtest of the user's settings against simple benchmarks (DESIGN §11).

Qt-free; the CLI (``backtest/cli.py``) and the GUI's Backtest tab both call
``run_backtest``.
"""

from allocator.backtest.calendar import Rebalance
from allocator.backtest.engine import (
    BENCHMARKS,
    BacktestCancelled,
    BacktestResult,
    BacktestSettings,
    StrategyResult,
    parse_benchmarks,
    run_backtest,
)

__all__ = [
    "BENCHMARKS",
    "BacktestCancelled",
    "BacktestResult",
    "BacktestSettings",
    "Rebalance",
    "StrategyResult",
    "parse_benchmarks",
    "run_backtest",
]
