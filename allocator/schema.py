"""Typed schemas (pydantic) of the sections users' files hold, with errors that name the field.

``check(Model, raw, root)`` validates plain JSON data strictly (no string
"0.5" taken for a number, no ``true`` for 1, finite numbers only, unknown
fields refused) and raises ``SchemaError(path, message)`` for the first
problem, e.g. ``result.attribution.total.return_local: must be a number, got
text "x"``.  The allocation file (``allocator.document``) and the assumptions
file (``allocator.assumptions``) both go through here; cross-field rules
(sums, ticker sets, consistency with the weights) stay with their owners.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from allocator.jsonfile import join_path
from allocator.text import T

M = TypeVar("M", bound=BaseModel)


class SchemaError(ValueError):
    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


class Strict(BaseModel):
    """Base of every schema: strict types, unknown fields refused, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


def Num(lo: float | None = None, hi: float | None = None) -> Any:  # noqa: N802 - reads like a type
    """A finite number (an integer is fine) within [lo, hi]."""
    return Annotated[float, Field(ge=lo, le=hi, allow_inf_nan=False)]


Finite = Num()
Fraction = Num(-1e-6, 1 + 1e-6)
Currency = Literal["USD", "JPY"]


def _show(value: Any) -> str:
    try:
        s = json.dumps(value, ensure_ascii=True, default=repr)
    except (TypeError, ValueError, RecursionError):
        s = type(value).__name__
    return s if len(s) <= 60 else s[:57] + "..."


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return T("true/false")
    if isinstance(value, (int, float)):
        return T("a number")
    if isinstance(value, dict):
        return T("an object")
    if isinstance(value, list):
        return T("a list")
    if isinstance(value, str):
        return T("text")
    return "null" if value is None else type(value).__name__


def _message(err: dict[str, Any], model: type[BaseModel], loc: tuple) -> str:
    t = err["type"]
    inp = err.get("input")
    ctx = err.get("ctx") or {}
    if t == "missing":
        return T("is missing")
    if t == "extra_forbidden":
        owner = _owner(model, loc[:-1])
        known = ", ".join(sorted(owner.model_fields)) if owner is not None else ""
        keys = ", ".join(json.dumps(k) for k in sorted(owner.model_fields)) if owner is not None else ""
        # ``keys``: the same names quoted, for a translation (T() ignores a parameter its template does not use)
        return T("unknown field (known: {known})", known=known, keys=keys) if known else T("unknown field")
    if t in ("float_type", "int_type", "float_parsing", "int_parsing", "int_from_float"):
        return T("must be a number, got {kind} {value}", kind=_kind(inp), value=_show(inp))
    if t == "finite_number":
        return T("must be a finite number, got {value}", value=_show(inp))
    if t in ("dict_type", "model_type", "model_attributes_type"):
        return T("must be an object, got {kind} {value}", kind=_kind(inp), value=_show(inp))
    if t == "list_type":
        return T("must be a list, got {kind} {value}", kind=_kind(inp), value=_show(inp))
    if t == "string_type":
        return T("must be text, got {kind} {value}", kind=_kind(inp), value=_show(inp))
    if t == "bool_type":
        return T("must be true or false, got {value}", value=_show(inp))
    if t == "greater_than_equal":
        return T("{value} is below {lo}{what}", value=_show(inp), lo=f"{ctx.get('ge'):g}", what="")
    if t == "less_than_equal":
        return T("{value} is above {hi}{what}", value=_show(inp), hi=f"{ctx.get('le'):g}", what="")
    if t == "greater_than":
        return T("must be above {lo}, got {value}", lo=f"{ctx.get('gt'):g}", value=_show(inp))
    if t == "literal_error":
        return T("must be one of {choices}, got {value}", choices=str(ctx.get("expected")), value=_show(inp))
    if t == "too_short":
        return T("must have at least {n} entries", n=ctx.get("min_length"))
    if t == "too_long":
        return T("has {n} entries; at most {most} are allowed", n=ctx.get("actual_length"), most=ctx.get("max_length"))
    if t == "string_too_long":
        return T("is too long (at most {most} characters)", most=ctx.get("max_length"))
    return str(err.get("msg", "is not valid")).replace("Input should be", "must be")


def _owner(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class at ``loc`` (for the list of known fields)."""
    cur: Any = model
    for part in loc:
        if not (isinstance(cur, type) and issubclass(cur, BaseModel)):
            return None
        if isinstance(part, str) and part in cur.model_fields:
            cur = _model_in(cur.model_fields[part].annotation)
        else:
            cur = _model_in(cur) if isinstance(part, int) else None
    return cur if isinstance(cur, type) and issubclass(cur, BaseModel) else None


def _model_in(annotation: Any) -> Any:
    """The BaseModel inside an annotation such as ``Row | None`` or ``dict[str, Row]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def check(model: type[M], raw: Any, root: str = "") -> M:
    """``model`` validated from plain JSON data; ``SchemaError`` names the first bad field."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # The deepest problem first is the most specific one (a union reports each branch).
        err = errors[0]
        loc = tuple(err["loc"])
        if loc and loc[-1] == "[key]":  # a dict key of the wrong kind
            loc = loc[:-1]
            msg = T("unknown key {key} - {why}", key=_show(loc[-1]) if loc else "", why=_message(err, model, loc))
        else:
            msg = _message(err, model, loc)
        path = root
        for part in loc:
            if isinstance(part, str) and part in ("function-after", "function-before", "union", "lax-or-strict"):
                continue
            path = join_path(path, part)
        raise SchemaError(path, msg) from None


# ----------------------------------------------------------------------------
# result.attribution of an allocation file (allocator.attribution.attribute)
class AttributionRow(Strict):
    return_local: Finite
    return_currency: Finite
    return_carry: Finite
    return_total: Finite
    risk_local: Finite
    risk_currency: Finite
    risk_carry: Finite
    risk_total: Finite


class CurrencyAttribution(Strict):
    exposure: Num(-1e-6, 1 + 1e-6)
    hedge_ratio: Num(-1e-6, 1 + 1e-6)
    hedge_notional: Num(-1e-6, 1 + 1e-6)
    carry: Num(-1.0, 1.0)
    expected_fx_return: Num(-1.0, 1.0)


class WhatIf(Strict):
    expected_return: Finite
    volatility: Num(0.0)


class WhatIfs(Strict):
    unhedged: WhatIf
    fully_hedged: WhatIf


class Attribution(Strict):
    base: Currency
    units: Annotated[str, Field(max_length=500)] = ""
    total: AttributionRow
    assets: dict[Annotated[str, Field(max_length=40)], AttributionRow] = {}
    themes: dict[Annotated[str, Field(max_length=40)], AttributionRow] = {}
    currencies: dict[Currency, CurrencyAttribution] = {}
    what_if: WhatIfs | None = None


# ----------------------------------------------------------------------------
# result.metrics: the figures every file has, and the optional ones of later rounds.
class Metrics(Strict):
    model_config = ConfigDict(strict=True, extra="allow", frozen=True, allow_inf_nan=False)

    expected_return: Num(-100.0, 100.0)
    volatility: Num(0.0, 100.0)
    sharpe: Num(-1e6, 1e6)
    rf: Num(-1.0, 1.0) | None = None
    base_currency: Currency | None = None
    objective: Annotated[str, Field(max_length=100)] | None = None
    solver: Annotated[str, Field(max_length=100)] | None = None
    status: Annotated[str, Field(max_length=100)] | None = None
    turnover: Num(0.0, 2.0 + 1e-6) | None = None
    trading_cost: Num(-1e-9, 1.0) | None = None
    net_return: Num(-100.0, 100.0) | None = None
    # Standard errors of the estimates (issue 10): optional, non-negative.
    sharpe_se: Num(0.0) | None = None
    expected_return_se: Num(0.0) | None = None
    volatility_se: Num(0.0) | None = None


# ----------------------------------------------------------------------------
# The settings sections of this round (version 2): views and their reference, holdings.
Text40 = Annotated[str, Field(max_length=40)]


class ViewSetting(Strict):
    """One Black-Litterman view (DESIGN §10): on a theme, a theme pair, or a ticker."""

    return_: Num(-1.0, 1.0) = Field(alias="return")
    confidence: Num(0.0, 1.0)
    theme: Text40 | None = None
    long: Text40 | None = None
    short: Text40 | None = None
    ticker: Annotated[str, Field(max_length=20)] | None = None


class ReferenceSetting(Strict):
    source: Literal["market-cap", "equal", "file", "assumptions"]
    file: Annotated[str, Field(max_length=4096)] | None = None
    weights: dict[Annotated[str, Field(max_length=20)], Num(0.0, 1e15)] | None = None


class HoldingsSetting(Strict):
    """What the user holds (DESIGN §12): shares per ticker, cash per currency."""

    # Types here; the ranges and lot rules are ``Holdings.from_json``'s (messages that say why).
    positions: dict[Annotated[str, Field(max_length=20)], Finite] | None = None
    cash: dict[Annotated[str, Field(max_length=20)], Finite] | None = None


# ----------------------------------------------------------------------------
# The assumptions file (DESIGN §7)
class FxAssumptions(Strict):
    expected_return: Num(-1.0, 1.0) = 0.0
    volatility: Num(0.0, 2.0)
    correlations: dict[str, Num(-1.0, 1.0)] | None = None


class AssumptionsFile(Strict):
    assets: Annotated[list[dict[str, Any]], Field(min_length=1, max_length=5000)]
    expected_returns: dict[str, Num(-1.0, 10.0)] | None = None
    covariance: list[list[Num(-100.0, 100.0)]] | None = None
    volatilities: dict[str, Num(0.0, 10.0)] | None = None
    correlations: list[list[Num(-1.0 - 1e-9, 1.0 + 1e-9)]] | None = None
    fx: FxAssumptions | None = None
    rates: dict[Currency, Num(-0.1, 1.0)] | None = None
    reference_weights: dict[str, Num(0.0, 1e15)] | None = None
    risk_aversion: Num(1e-6, 100.0) | None = None
    views: list[dict[str, Any]] | None = None
    name: Annotated[str, Field(max_length=2000)] | None = None
    description: Annotated[str, Field(max_length=100_000)] | None = None


__all__ = ["Attribution", "AssumptionsFile", "HoldingsSetting", "Metrics", "ReferenceSetting", "SchemaError", "Strict",
           "ViewSetting", "check"]
