"""Access to the bundled resources (universe, offline sample, icons).

Resources ship as the package ``allocator.resources`` (mapped from the
top-level ``resources/`` folder in pyproject.toml) and are read through
importlib.resources, so an installed wheel or a frozen build finds them
wherever it runs.  In a source checkout (where ``allocator`` is imported from
the repository itself) the same files are the ``resources/`` folder beside the
package.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources as _ir
from importlib.resources.abc import Traversable
from pathlib import Path


@lru_cache(maxsize=1)
def _root() -> Traversable:
    try:
        return _ir.files("allocator.resources")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    """The bundled resource at ``parts`` (e.g. ``resource("sample", "prices.csv.gz")``)."""
    node = _root()
    for part in parts:
        node = node.joinpath(part)
    return node
