"""Access to the bundled resources (universe, offline sample, icons).

Resources ship as the package ``allocator.resources`` (mapped from the
top-level ``resources/`` folder in pyproject.toml) and are read through
importlib.resources, so an installed wheel or a frozen build finds them
wherever it runs.
"""

from __future__ import annotations

from importlib import resources as _ir
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """The bundled resource at ``parts`` (e.g. ``resource("sample", "prices.csv.gz")``)."""
    node = _ir.files("allocator.resources")
    for part in parts:
        node = node.joinpath(part)
    return node
