"""A target the portfolio could not meet from the other side (issue 10, defect 9).

``target-vol`` maximises the return at a volatility of at most the target and
``target-return`` minimises the variance at a return of at least the target.
A target beyond the reachable range on the *other* side - a 50% volatility
target when the riskiest efficient portfolio has 20%, a 2% return target when
the least-risk portfolio already earns 8% - is then met as a bound, not as an
equality: the result is the max-return (or min-variance) portfolio.  That is a
sensible answer but not what the user asked for, so it is said (CLI, file
``data.notes``, GUI banner) rather than passed over.
"""

from __future__ import annotations

from allocator.optimize.diagnose import pcts
from allocator.optimize.settings import Objective
from allocator.text import T

#: Distance (annual) below which the target counts as met.
TOLERANCE = 1e-5


def target_note(settings, allocation):
    """A message when ``allocation`` did not reach ``settings``' target from the other side, else None."""
    if allocation is None or settings.target is None:
        return None
    obj = Objective.parse(settings.objective)
    target = float(settings.target)
    if obj is Objective.TARGET_VOL and allocation.volatility < target - TOLERANCE:
        t, v = pcts(target, allocation.volatility)
        return T(
            "target volatility {target} is above the highest volatility an efficient portfolio reaches "
            "under these constraints ({vol}): the result is the highest-return portfolio, at {vol}",
            target=t, vol=v,
        )
    if obj is Objective.TARGET_RETURN and allocation.expected_return > target + TOLERANCE:
        t, r = pcts(target, allocation.expected_return)
        return T(
            "target return {target} is below the return of the least-risk portfolio under these "
            "constraints ({ret}): the result is the minimum-variance portfolio, at {ret}",
            target=t, ret=r,
        )
    return None
