"""The allocation file (DESIGN §5): versioned JSON, validated, saved atomically.

An ``AllocationDocument`` is immutable and always valid: its constructor
validates every field (and deep-freezes the nested mappings), so a document
that exists can be saved, exported and re-run.  Loading is the only way a file
becomes a document: size check before parsing, strict JSON (no NaN, no
duplicate keys), format and version check, migrations from older versions,
then the same validation.  Every problem ends in one ``DocumentError`` whose
``field_path`` names the field (``result.weights.LMT``).  Nothing in a file is
ever executed.

Saving writes a temp file in the same folder, fsyncs it and replaces the old
file in one step, so a crash mid-save leaves the previous version intact.
"""

from __future__ import annotations

import copy
import errno
import functools
import json
import math
import os
import re
import stat
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from allocator import __version__
from allocator.data.prices import PriceHistory
from allocator.atomic import write_atomic
from allocator.errors import AllocatorError, DocumentError
from allocator.text import T, Text
from allocator.optimize.result import Allocation
from allocator.pipeline import RunSettings
from allocator.schema import Attribution, HoldingsSetting, Metrics, ReferenceSetting, SchemaError, ViewSetting, check
from allocator.universe import COUNTRIES, CURRENCIES, FX_TICKER, KINDS, UniverseError

FORMAT = "allocator.allocation"
#: The schema version this app writes and the newest it reads.
VERSION = 2
#: Files larger than this are refused before parsing (a 500-asset file is ~0.3 MB).
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_ASSETS = 5000
MAX_NOTES_CHARS = 100_000
MAX_TEXT_CHARS = 2_000
MAX_NESTING = 12
#: A stored close outside this range is a typo or corruption (share counts would overflow).
MIN_PRICE, MAX_PRICE = 1e-6, 1e12

#: Tolerance on "weights sum to one" (the optimiser renormalises to ~1e-15).
WEIGHT_SUM_TOL = 1e-6

_TOP_KEYS = ("format", "version", "app_version", "created", "modified", "settings", "result", "data", "notes")
#: Written only when set (after "modified"): ``infeasible`` - why saved settings cannot be solved.
_OPTIONAL_TOP_KEYS = ("infeasible",)

#: Migrations: ``MIGRATIONS[v]`` turns a version-``v`` mapping into version ``v + 1``.
#: Each step receives a deep copy and returns the upgraded mapping.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def _v1_to_v2(d: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds optional settings sections; a version-1 file has none of them (their defaults)."""
    settings = d.get("settings")
    if isinstance(settings, dict):
        # DESIGN §12 (holdings, trading costs, turnover cap): none in a v1 file.
        for key in ("holdings", "costs", "max_turnover"):
            settings.setdefault(key, None)
        # DESIGN §10 (views around an equilibrium prior): a v1 file has none; the defaults.
        settings.setdefault("reference", {"source": "market-cap", "file": None, "weights": None})
        settings.setdefault("prior_risk_aversion", None)
        settings.setdefault("tau", 0.05)
        settings.setdefault("views", [])
    return d


MIGRATIONS[1] = _v1_to_v2


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# ----------------------------------------------------------------------------
# Deep-frozen containers: a document's nested data cannot be changed in place.
class FrozenDict(dict):
    """A ``dict`` that refuses changes (``copy.deepcopy`` gives a plain, editable dict)."""

    __slots__ = ()

    def _readonly(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("allocation documents are immutable; use dataclasses.replace or thaw() for an editable copy")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]
    __ior__ = _readonly  # type: ignore[assignment]

    def copy(self) -> dict:  # type: ignore[override]
        return thaw(self)

    def __deepcopy__(self, memo: dict) -> dict:
        return thaw(self)

    def __copy__(self) -> dict:
        return thaw(self)

    def __reduce__(self):
        return (_frozen_from_plain, (thaw(self),))


class FrozenList(list):
    """A ``list`` that refuses changes."""

    __slots__ = ()

    def _readonly(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("allocation documents are immutable; use dataclasses.replace or thaw() for an editable copy")

    __setitem__ = __delitem__ = append = extend = insert = pop = remove = clear = sort = reverse = _readonly  # type: ignore[assignment]
    __iadd__ = __imul__ = _readonly  # type: ignore[assignment]

    def copy(self) -> list:  # type: ignore[override]
        return thaw(self)

    def __deepcopy__(self, memo: dict) -> list:
        return thaw(self)

    def __copy__(self) -> list:
        return thaw(self)

    def __reduce__(self):
        return (_frozen_from_plain, (thaw(self),))


_CONTAINERS = (dict, list, tuple, FrozenDict, FrozenList)


def freeze(value: Any) -> Any:
    """Deep-frozen copy of plain JSON-like data (scalars are shared, containers copied)."""
    if isinstance(value, dict):
        return FrozenDict({k: (freeze(v) if type(v) in _CONTAINERS else v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return FrozenList([freeze(v) if type(v) in _CONTAINERS else v for v in value])
    return value


def _frozen_from_plain(value: Any) -> Any:
    return freeze(value)


def thaw(value: Any) -> Any:
    """A plain, editable deep copy of frozen document data."""
    if isinstance(value, dict):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, list):
        return [thaw(v) for v in value]
    return value


# ----------------------------------------------------------------------------
# Validation helpers: every failure is a _Bad(path, message).
class _Bad(Exception):
    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_^=:-][A-Za-z0-9_.^=:-]{0,39}$")


def _join(path: str, key: Any) -> str:
    """``path`` + one key: ``result.weights.LMT``, ``assets[3]``, ``["odd key"]``."""
    if isinstance(key, str) and len(key) > 64:
        return _join_uncached(path, key[:64])
    return _join_cached(path, key)


def _join_uncached(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    k = str(key)
    part = k if _PLAIN_KEY.match(k) else "[" + json.dumps(k[:40], ensure_ascii=True) + "]"
    if not path:
        return part
    return path + part if part.startswith("[") else f"{path}.{part}"


_join_cached = functools.lru_cache(maxsize=1 << 14)(_join_uncached)


def _show(value: Any) -> str:
    """A short, one-line rendering of a bad value for a message."""
    try:
        s = json.dumps(value, ensure_ascii=True, allow_nan=True, default=repr)
    except (TypeError, ValueError, RecursionError):
        s = type(value).__name__
    return s if len(s) <= 60 else s[:57] + "..."


def _kind(value: Any) -> str:
    """What a value is, in words (a ``T()`` text: the GUI shows it in its language)."""
    if isinstance(value, (dict, FrozenDict)):
        return T("an object")
    if isinstance(value, (list, FrozenList)):
        return T("a list")
    if isinstance(value, str):
        return T("text")
    if isinstance(value, bool):
        return T("true/false")
    if isinstance(value, (int, float)):
        return T("a number")
    if value is None:
        return "null"
    return type(value).__name__


def _quoted(keys: Iterable[str]) -> str:
    """``"a", "b"``: the file's own keys quoted, for a translation (``{keys}``; the English lists them bare)."""
    return ", ".join(json.dumps(k, ensure_ascii=False) for k in sorted(keys))


def _obj(value: Any, path: str) -> dict:
    if not isinstance(value, dict):
        raise _Bad(path, T("must be an object, got {kind}", kind=_kind(value)))
    return value


def _keys(d: Mapping, path: str, required: Iterable[str], optional: Iterable[str] = (), extra_ok: bool = False) -> None:
    for k in required:
        if k not in d:
            raise _Bad(_join(path, k), T("is missing"))
    if not extra_ok:
        known = set(required) | set(optional)
        for k in d:
            if k not in known:
                raise _Bad(_join(path, k), T("unknown field (known: {known})", known=", ".join(sorted(known)), keys=_quoted(known)))


def _num(value: Any, path: str, lo: float | None = None, hi: float | None = None, what: str = "") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Bad(path, T("must be a number, got {kind} {value}", kind=_kind(value), value=_show(value)))
    v = float(value) if not isinstance(value, int) or abs(value) < 2**63 else math.inf
    if not math.isfinite(v):
        raise _Bad(path, T("must be a finite number, got {value}", value=_show(value)))
    if lo is not None and v < lo:
        raise _Bad(path, T("{value} is below {lo}{what}", value=_show(value), lo=f"{lo:g}", what=what))
    if hi is not None and v > hi:
        raise _Bad(path, T("{value} is above {hi}{what}", value=_show(value), hi=f"{hi:g}", what=what))
    return v


def _opt_num(value: Any, path: str, lo: float | None = None, hi: float | None = None) -> float | None:
    return None if value is None else _num(value, path, lo, hi)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _unicode_ok(value: str, path: str) -> None:
    """Text a UTF-8 file can hold: no lone surrogates (bytes that were not UTF-8, or a broken escape)."""
    if not value.isascii():
        m = _LONE_SURROGATE.search(value)
        if m is not None:
            raise _Bad(
                path,
                T("is not valid Unicode text (character {n} is a lone surrogate - bytes that were not "
                  "UTF-8?); retype it or save it as UTF-8", n=m.start() + 1),
            )


def _text(value: Any, path: str, max_chars: int = MAX_TEXT_CHARS, nonempty: bool = False) -> str:
    if not isinstance(value, str):
        raise _Bad(path, T("must be text, got {kind} {value}", kind=_kind(value), value=_show(value)))
    if len(value) > max_chars:
        raise _Bad(path, T("is {n} characters long; at most {most} are allowed", n=len(value), most=max_chars))
    _unicode_ok(value, path)
    if nonempty and not value.strip():
        raise _Bad(path, T("must not be empty"))
    return value


def _choice(value: Any, path: str, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        raise _Bad(path, T("must be one of {choices}, got {value}", choices=", ".join(choices), value=_show(value)))
    return value


def _iso_date(value: Any, path: str, nullable: bool = True) -> None:
    if value is None and nullable:
        return
    s = _text(value, path, 40)
    try:
        date.fromisoformat(s[:10])
        if len(s) > 10:
            datetime.fromisoformat(s)
    except ValueError:
        raise _Bad(path, T("{value} is not an ISO date (YYYY-MM-DD)", value=_show(value))) from None


def _timestamp(value: Any, path: str) -> None:
    s = _text(value, path, 40)
    try:
        datetime.fromisoformat(s)
    except ValueError:
        raise _Bad(path, T("{value} is not an ISO-8601 timestamp (e.g. 2025-01-31T09:30:00+00:00)", value=_show(value))) from None


def _json_value(value: Any, path: str, keys: tuple = ()) -> None:
    """Free-form data (e.g. attribution): plain JSON, finite numbers, bounded depth.

    The path is only spelled out when something is wrong (this runs over
    thousands of numbers).
    """
    t = type(value)
    if t is float:
        if value - value != 0.0:  # inf or nan
            _num(value, _spell(path, keys))
    elif t is dict or t is FrozenDict:
        if len(keys) >= MAX_NESTING:
            raise _Bad(_spell(path, keys), T("is nested more than {n} levels deep", n=MAX_NESTING))
        for k, v in value.items():
            if not k.isascii():
                _unicode_ok(k, _spell(path, keys))
            _json_value(v, path, keys + (k,))
    elif t is list or t is FrozenList:
        if len(keys) >= MAX_NESTING:
            raise _Bad(_spell(path, keys), T("is nested more than {n} levels deep", n=MAX_NESTING))
        for i, v in enumerate(value):
            _json_value(v, path, keys + (i,))
    elif t is str:
        if len(value) > MAX_NOTES_CHARS or not value.isascii():
            _text(value, _spell(path, keys), MAX_NOTES_CHARS)
    elif t is int:
        if abs(value) >= 2**63:
            _num(value, _spell(path, keys))
    elif value is not None and t is not bool:
        raise _Bad(_spell(path, keys), T("must be plain JSON data, got {kind}", kind=_kind(value)))


def _spell(path: str, keys: tuple) -> str:
    for k in keys:
        path = _join(path, k)
    return path


#: What a map's keys are, in words (``unknown currency "EUR"``).
_KEY_WORDS = {"currency": T("currency"), "theme": T("theme"), "country": T("country"), "ticker": T("ticker")}


def _num_map(value: Any, path: str, keys_ok: Callable[[str], bool] | None = None, what_key: str = "",
             lo: float | None = None, hi: float | None = None) -> dict[str, float]:
    d = _obj(value, path)
    lo_ = -math.inf if lo is None else lo
    hi_ = math.inf if hi is None else hi
    for k, v in d.items():
        if keys_ok is not None and not keys_ok(k):
            raise _Bad(_join(path, k), T("unknown {what} {key}", what=_KEY_WORDS.get(what_key, what_key), key=_show(k)))
        if type(v) is not float or not lo_ <= v <= hi_:  # fast path: an in-range float
            _num(v, _join(path, k), lo, hi)
    return d


# ----------------------------------------------------------------------------
# The schema, section by section.
_DEFAULT_SETTINGS_KEYS: tuple[str, ...] | None = None


def _settings_keys() -> tuple[str, ...]:
    """Keys ``RunSettings.to_dict`` writes (taken from it, so new settings are known at once)."""
    global _DEFAULT_SETTINGS_KEYS
    if _DEFAULT_SETTINGS_KEYS is None:
        _DEFAULT_SETTINGS_KEYS = tuple(RunSettings().to_dict())
    return _DEFAULT_SETTINGS_KEYS


_ASSET_KEYS = ("ticker", "name", "country", "currency", "theme", "kind", "user_added")


def _check_universe(value: Any, path: str) -> tuple[set[str], set[str]]:
    u = _obj(value, path)
    _keys(u, path, ("themes", "assets"))
    themes = _obj(u["themes"], _join(path, "themes"))
    if not themes:
        raise _Bad(_join(path, "themes"), T("must define at least one theme"))
    for key, t in themes.items():
        p = _join(_join(path, "themes"), key)
        if not isinstance(key, str) or not re.match(r"^[a-z][a-z0-9_]{0,39}$", key):
            raise _Bad(p, T("theme keys must be lower-case letters, digits and underscores, starting with a letter"))
        t = _obj(t, p)
        _keys(t, p, (), ("name", "description"))
        if "name" in t:
            _text(t["name"], _join(p, "name"), nonempty=True)
        if "description" in t:
            _text(t["description"], _join(p, "description"))
    assets = u["assets"]
    ap = _join(path, "assets")
    if not isinstance(assets, list):
        raise _Bad(ap, T("must be a list, got {kind}", kind=_kind(assets)))
    if not assets:
        raise _Bad(ap, T("must list at least one asset"))
    if len(assets) > MAX_ASSETS:
        raise _Bad(ap, T("has {n} assets; at most {most} are supported", n=len(assets), most=MAX_ASSETS))
    tickers: set[str] = set()
    for i, a in enumerate(assets):
        p = _join(ap, i)
        a = _obj(a, p)
        _keys(a, p, ("ticker", "name", "theme"), _ASSET_KEYS)
        t = _text(a["ticker"], _join(p, "ticker"), 20, nonempty=True)
        if t in tickers:
            raise _Bad(_join(p, "ticker"), T("duplicate ticker {ticker}", ticker=_show(t)))
        tickers.add(t)
        _text(a["name"], _join(p, "name"), nonempty=True)
        if _text(a["theme"], _join(p, "theme"), 40) not in themes:
            raise _Bad(_join(p, "theme"), T("unknown theme {theme} (not in settings.universe.themes)", theme=_show(a["theme"])))
        if "country" in a:
            _choice(a["country"], _join(p, "country"), COUNTRIES)
        if "currency" in a:
            _choice(a["currency"], _join(p, "currency"), CURRENCIES)
        if "kind" in a:
            _choice(a["kind"], _join(p, "kind"), KINDS)
        if "user_added" in a and not isinstance(a["user_added"], bool):
            raise _Bad(_join(p, "user_added"), T("must be true or false"))
    return tickers, set(themes)  # the universe module's own rules run in RunSettings.from_dict


def _check_settings(value: Any, infeasible: bool = False) -> tuple[set[str], set[str], Any]:
    s = _obj(value, "settings")
    known = _settings_keys()
    _keys(s, "settings", ("universe",), known)
    tickers, themes = _check_universe(s["universe"], "settings.universe")
    if "theme_targets" in s:
        # Whether the targets fit together is the optimiser's own check (below), so a file
        # accepts exactly what the optimiser accepts (bands: the lower ends must fit).
        _num_map(s["theme_targets"], "settings.theme_targets", lambda k: k in themes, "theme", 0.0, 1.0)
    for key in ("theme_tolerance", "max_weight"):
        if key in s:
            _num(s[key], f"settings.{key}", 0.0, 1.0)
    if "objective" in s:
        _choice(s["objective"], "settings.objective", ("max-sharpe", "min-variance", "target-return", "target-vol", "max-utility"))
    if "target" in s:
        _opt_num(s["target"], "settings.target", -10, 10)
    if "risk_aversion" in s:
        _num(s["risk_aversion"], "settings.risk_aversion", 0.0, 1e4)
    if "country_bounds" in s:
        cb = _obj(s["country_bounds"], "settings.country_bounds")
        for c, band in cb.items():
            p = _join("settings.country_bounds", c)
            _choice(c, p, COUNTRIES)
            if not isinstance(band, list) or len(band) != 2:
                raise _Bad(p, T("must be [low, high], got {value}", value=_show(band)))
            lo, hi = _num(band[0], _join(p, 0), 0, 1), _num(band[1], _join(p, 1), 0, 1)
            if lo > hi:
                raise _Bad(p, T("the lower bound {lo} is above the upper bound {hi}", lo=f"{lo:g}", hi=f"{hi:g}"))
    if "base_currency" in s:
        _choice(s["base_currency"], "settings.base_currency", CURRENCIES)
    if "hedge" in s:
        h = s["hedge"]
        if isinstance(h, bool) or not isinstance(h, (str, int, float)):
            raise _Bad("settings.hedge", T("must be a ratio, 'optimal' or 'LO:HI', got {kind}", kind=_kind(h)))
        _text(str(h), "settings.hedge", 40)
    if "rf" in s:
        _opt_num(s["rf"], "settings.rf", -1, 1)
    if "rates" in s:
        _num_map(s["rates"], "settings.rates", lambda k: k in CURRENCIES, "currency", -0.1, 1.0)
    if "estimation" in s:
        e = _obj(s["estimation"], "settings.estimation")
        _keys(e, "settings.estimation", (), ("frequency", "mean", "covariance", "halflife", "start", "end", "fx_mean"))
        for k in ("frequency", "mean", "covariance", "fx_mean"):
            if k in e:
                _text(e[k], f"settings.estimation.{k}", 40)
        if "halflife" in e:
            _opt_num(e["halflife"], "settings.estimation.halflife", 0, 1e6)
        for k in ("start", "end"):
            if k in e and e[k] is not None:
                _text(e[k], f"settings.estimation.{k}", 40)
    if "data_source" in s:
        _text(s["data_source"], "settings.data_source", 4096)
    _check_prior(s, tickers, themes)
    if s.get("holdings") is not None:
        _typed(HoldingsSetting, _obj(s["holdings"], "settings.holdings"), "settings.holdings")
    for k in s:
        if k not in ("universe", "theme_targets", "theme_tolerance", "max_weight", "objective", "target",
                     "risk_aversion", "country_bounds", "base_currency", "hedge", "rf", "rates", "estimation",
                     "data_source"):
            _json_value(s[k], _join("settings", k))  # a setting added later by the pipeline
    try:
        run = RunSettings.from_dict(s)
    except UniverseError as exc:  # the universe module's own rules (ticker syntax, ...)
        raise _Bad("settings.universe", str(exc).removeprefix("settings.universe: ")) from None
    except AllocatorError as exc:
        msg = str(exc)
        head, sep, rest = msg.partition(": ")
        if sep and head.startswith("settings."):  # the message names its field already
            raise _Bad(head, rest) from None
        raise _Bad("settings", msg) from None
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise _Bad("settings", T("cannot be used ({kind}: {why})", kind=type(exc).__name__, why=str(exc))) from None
    if not infeasible:  # work in progress saved as it is, marked ``infeasible``
        _check_feasible(run)
    return tickers, themes, run


def _check_feasible(run: RunSettings) -> None:
    """The optimiser's feasibility check (``optimize.diagnose``) on the file's universe and constraints."""
    c = run.optimization.constraints
    if not c.theme_targets and not c.country_bounds and c.max_weight >= 1.0:
        return  # nothing that could conflict
    from allocator.errors import InfeasibleError
    from allocator.optimize.diagnose import check_feasible
    from allocator.optimize.problem import Structure

    try:
        check_feasible(Structure.of(run.universe.assets, ()), c)
    except InfeasibleError as exc:
        where = "settings.theme_targets" if c.theme_targets and "theme" in str(exc) else "settings"
        raise _Bad(where, T("the settings cannot all hold: {why}", why=_conflicts(exc))) from None
    except AllocatorError as exc:
        raise _Bad("settings", str(exc)) from None


def _conflicts(exc: AllocatorError) -> str:
    """An infeasible setting's conflicts as one text (``T()`` parts kept for the GUI), as ``str(exc)`` reads."""
    parts = list(getattr(exc, "conflicts", None) or [])
    if not parts or "; ".join(map(str, parts)) != str(exc):
        return str(exc)
    out = parts[-1]
    for part in reversed(parts[:-1]):
        out = T("{first}; {rest}", first=part, rest=out)
    return out


def _check_prior(s: Mapping, tickers: set[str], themes: set[str]) -> None:
    """settings.reference, prior_risk_aversion, tau and views (DESIGN §10)."""
    if s.get("reference") is not None:
        p = "settings.reference"
        r = _obj(s["reference"], p)
        _typed(ReferenceSetting, r, p)
        _keys(r, p, ("source",), ("file", "weights"))
        src = _choice(r["source"], _join(p, "source"), ("market-cap", "equal", "file", "assumptions"))
        if r.get("file") is not None:
            _text(r["file"], _join(p, "file"), 4096)
        if r.get("weights") is not None:
            w = _num_map(r["weights"], _join(p, "weights"), lambda k: k in tickers, "ticker", 0.0, 1e15)
            if not sum(w.values()) > 0:
                raise _Bad(_join(p, "weights"), T("must give a positive weight to at least one asset"))
        elif src in ("file", "assumptions"):
            raise _Bad(_join(p, "weights"), T("a {source} reference needs its weights", source=src))
    if s.get("prior_risk_aversion") is not None:
        _num(s["prior_risk_aversion"], "settings.prior_risk_aversion", 1e-6, 100)
    if "tau" in s:
        _num(s["tau"], "settings.tau", 1e-9, 1.0)
    if s.get("views") is not None:
        vs = s["views"]
        if not isinstance(vs, list):
            raise _Bad("settings.views", T("must be a list, got {kind}", kind=_kind(vs)))
        for i, v in enumerate(vs):
            p = _join("settings.views", i)
            v = _obj(v, p)
            _typed(ViewSetting, v, p)
            _keys(v, p, ("return", "confidence"), ("theme", "long", "short", "ticker"))
            _num(v["return"], _join(p, "return"), -1.0, 1.0)
            c = _num(v["confidence"], _join(p, "confidence"), 0.0, 1.0)
            if c <= 0:
                raise _Bad(_join(p, "confidence"), T("must be above 0 (a confidence in (0, 1])"))
            for k in ("theme", "long", "short"):
                if k in v and _text(v[k], _join(p, k), 40) not in themes:
                    raise _Bad(_join(p, k), T("unknown theme {theme} (not in settings.universe.themes)", theme=_show(v[k])))
            if "ticker" in v and _text(v["ticker"], _join(p, "ticker"), 20) not in tickers:
                raise _Bad(_join(p, "ticker"), T("ticker {ticker} is not in settings.universe", ticker=_show(v["ticker"])))


_RESULT_REQUIRED = ("weights", "hedge_ratios", "metrics")
_RESULT_OPTIONAL = (
    "hedge_notionals", "theme_weights", "country_weights", "currency_exposure", "risk_contributions",
    "asset_returns", "asset_vols", "attribution", "asset_return_se", "asset_vol_se",
    # issue 10 (optional in version 2): hedged per-asset figures, the hedge
    # instruments' own figures and the carry/drift convention used.
    "asset_returns_hedged", "asset_vols_hedged", "hedge_returns", "hedge_vols", "hedge_convention",
)


def _check_result(value: Any, tickers: set[str], themes: set[str]) -> dict[str, float]:
    r = _obj(value, "result")
    _keys(r, "result", _RESULT_REQUIRED, _RESULT_OPTIONAL)
    weights = _obj(r["weights"], "result.weights")
    if not weights:
        raise _Bad("result.weights", T("is empty"))
    for t, w in weights.items():
        p = _join("result.weights", t)
        if t not in tickers:
            raise _Bad(p, T("ticker {ticker} is not in settings.universe", ticker=_show(t)))
        _num(w, p, 0.0, 1.0 + WEIGHT_SUM_TOL, T(" (weights are fractions between 0 and 1)"))
    total = math.fsum(weights.values())
    if abs(total - 1.0) > WEIGHT_SUM_TOL:
        raise _Bad("result.weights", T("weights sum to {total}, not 1 (fractions: 0.25 means 25%)", total=f"{total:.9g}"))
    is_ccy = lambda k: k in CURRENCIES  # noqa: E731
    _num_map(r["hedge_ratios"], "result.hedge_ratios", is_ccy, "currency", -1e-6, 1 + 1e-6)
    if "hedge_notionals" in r:
        _num_map(r["hedge_notionals"], "result.hedge_notionals", is_ccy, "currency", -1e-6, 1 + 1e-6)
    m = _obj(r["metrics"], "result.metrics")
    _keys(m, "result.metrics", ("expected_return", "volatility", "sharpe"), extra_ok=True)
    _typed(Metrics, m, "result.metrics")
    for k, v in m.items():
        p = _join("result.metrics", k)
        if k in ("objective", "solver", "status"):
            _text(v, p, 100)
        elif k not in Metrics.model_fields:  # a figure added later: a finite number
            _opt_num(v, p)
    if "theme_weights" in r:
        _num_map(r["theme_weights"], "result.theme_weights", lambda k: k in themes, "theme", -1e-6, 1 + 1e-6)
    if "country_weights" in r:
        _num_map(r["country_weights"], "result.country_weights", lambda k: k in COUNTRIES, "country", -1e-6, 1 + 1e-6)
    if "currency_exposure" in r:
        _num_map(r["currency_exposure"], "result.currency_exposure", is_ccy, "currency", -1e-6, 1 + 1e-6)
    if "risk_contributions" in r:
        _num_map(r["risk_contributions"], "result.risk_contributions",
                 lambda k: k in tickers or (k.startswith("hedge:") and k[6:] in CURRENCIES), "ticker")
    for k in ("asset_returns", "asset_vols", "asset_returns_hedged", "asset_vols_hedged"):
        if k in r:
            _num_map(r[k], f"result.{k}", lambda t: t in tickers, "ticker",
                     0.0 if k in ("asset_vols", "asset_vols_hedged") else None)
    for k in ("asset_return_se", "asset_vol_se"):  # standard errors (issue 10), optional
        if k in r and r[k] is not None:
            _num_map(r[k], f"result.{k}", lambda t: t in tickers, "ticker", 0.0)
    for k in ("hedge_returns", "hedge_vols"):
        if k in r:
            _num_map(r[k], f"result.{k}", is_ccy, "currency", 0.0 if k == "hedge_vols" else None)
    if "hedge_convention" in r:
        _text(r["hedge_convention"], "result.hedge_convention", 200)
    if "attribution" in r:
        a = _obj(r["attribution"], "result.attribution")
        if a:  # {} when it was not computed
            _typed(Attribution, a, "result.attribution")
            for k in a.get("assets", {}):
                if k not in tickers:
                    raise _Bad(_join("result.attribution.assets", k), T("ticker {ticker} is not in settings.universe", ticker=_show(k)))
            for k in a.get("themes", {}):
                if k not in themes:
                    raise _Bad(_join("result.attribution.themes", k), T("theme {theme} is not in settings.universe", theme=_show(k)))
    return weights


def _typed(model: Any, value: Any, path: str) -> Any:
    """``value`` through the typed schema ``model`` (``allocator.schema``), errors as ``_Bad``."""
    try:
        return check(model, value, path)
    except SchemaError as exc:
        raise _Bad(exc.path or path, exc.message) from None


_DATA_KEYS = ("source", "label", "start", "end", "as_of", "prices", "usdjpy", "notes")


def _check_data(value: Any, tickers: set[str], currencies: Mapping[str, str]) -> None:
    d = _obj(value, "data")
    _keys(d, "data", ("source",), _DATA_KEYS)
    _text(d["source"], "data.source", 100, nonempty=True)
    if "label" in d:
        _text(d["label"], "data.label", 500)
    for k in ("start", "end", "as_of"):
        if k in d:
            _iso_date(d[k], f"data.{k}")
    if "prices" in d:
        prices = _obj(d["prices"], "data.prices")
        for t, q in prices.items():
            p = _join("data.prices", t)
            if t not in tickers:
                raise _Bad(p, T("ticker {ticker} is not in settings.universe", ticker=_show(t)))
            q = _obj(q, p)
            _keys(q, p, ("close", "date"), ("currency",))
            close = _num(q["close"], _join(p, "close"), 0.0)
            if not MIN_PRICE <= close <= MAX_PRICE:
                raise _Bad(
                    _join(p, "close"),
                    T("{value} is not a plausible price (a close lies between {lo} and {hi})",
                      value=_show(q["close"]), lo=f"{MIN_PRICE:g}", hi=f"{MAX_PRICE:g}"),
                )
            _iso_date(q["date"], _join(p, "date"), nullable=False)
            if "currency" in q and q["currency"] != currencies.get(t):
                raise _Bad(_join(p, "currency"), T("{value} does not match the asset's currency {currency}", value=_show(q["currency"]), currency=currencies.get(t)))
    if "notes" in d:
        # What the estimate's user should know (covariance repaired, too few periods, periods left out,
        # a target met as a bound): optional, version 2.
        if not isinstance(d["notes"], list) or len(d["notes"]) > 100:
            raise _Bad("data.notes", T("must be a list of at most 100 texts"))
        for i, text in enumerate(d["notes"]):
            _text(text, f"data.notes[{i}]", 2000)
    if "usdjpy" in d and d["usdjpy"] is not None:
        fx = _obj(d["usdjpy"], "data.usdjpy")
        _keys(fx, "data.usdjpy", ("rate", "date"), ("ticker",))
        rate = _num(fx["rate"], "data.usdjpy.rate", 0.0)
        if not 1.0 <= rate <= 10_000.0:
            raise _Bad("data.usdjpy.rate", T("{rate} yen per dollar is not plausible", rate=f"{rate:g}"))
        _iso_date(fx["date"], "data.usdjpy.date", nullable=False)
        if "ticker" in fx:
            _text(fx["ticker"], "data.usdjpy.ticker", 20)


#: Derived figures must match what the weights give to this (they are computed from them in float64).
DERIVED_TOL = 1e-6
#: Constraints hold to the solver's tolerance (weights below 1e-7 are dropped and the rest renormalised).
BAND_TOL = 1e-5


def _pct(x: float) -> str:
    return f"{100 * x:.4g}%"


def _close(a: float, b: float, tol: float = DERIVED_TOL) -> bool:
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


class _Contradiction(_Bad):
    """A result that contradicts its own settings or weights; ``kind`` and ``facts`` say what,
    for a front end that words it itself (the GUI's "recomputed" banner, issue 16)."""

    def __init__(self, path: str, message, kind: str, facts: Mapping[str, Any]):
        super().__init__(path, message)
        self.kind = kind
        self.facts = dict(facts)


def _contradiction(path: str, message, kind: str = "figures", **facts: Any) -> _Contradiction:
    """``kind``: "cap" (ticker, weight, cap), "theme" (theme, got, lo, hi, target, tolerance),
    "country" (country, got, lo, hi), "hedge" (currency, ratio, lo, hi), "base" (stored, base),
    or "figures" (a derived figure that does not match the weights; ``field`` names it)."""
    facts.setdefault("field", path)
    return _Contradiction(
        path, T("{what} - the result contradicts its own settings or weights; re-run the optimisation", what=message),
        kind, facts,
    )


@dataclass(frozen=True)
class Contradiction:
    """One way a stored result contradicted its settings (see ``open_for_editing``)."""

    field_path: str
    message: str
    kind: str
    facts: Mapping[str, Any]


def _check_consistency(r: Mapping, run: RunSettings, constraints: bool = True,
                       found: list[_Contradiction] | None = None) -> None:
    """A result must be what its weights and settings give: never half-trusted.

    Derived sections (theme, country and currency weights, hedge notionals,
    metrics, risk contributions, attribution) are recomputed from the weights
    where the file holds what they need, and the weights are held to the
    settings' constraints (cap, theme bands, country bounds, hedge setting) -
    unless ``constraints`` is False: a file saved as ``infeasible`` holds the
    last feasible result beside settings that cannot be solved.  The first
    contradiction is raised, or, with a ``found`` list, every one is appended to it.
    """
    assets = {a.ticker: a for a in run.universe.assets}
    w = r["weights"]
    c = run.optimization.constraints
    cap = c.max_weight
    themes: dict[str, float] = {}
    countries: dict[str, float] = {}
    ccys: dict[str, float] = {}
    for t, x in w.items():
        a = assets[t]
        if constraints and x > cap + BAND_TOL:
            _report(found, _contradiction(_join("result.weights", t), T("{value} is above the cap settings.max_weight = {cap}", value=f"{x:.6g}", cap=f"{cap:g}"),
                                          "cap", ticker=t, weight=x, cap=cap))
        themes[a.theme] = themes.get(a.theme, 0.0) + x
        countries[a.country] = countries.get(a.country, 0.0) + x
        ccys[a.currency] = ccys.get(a.currency, 0.0) + x
    for key, computed in (("theme_weights", themes), ("country_weights", countries), ("currency_exposure", ccys)):
        for k, v in (r.get(key) or {}).items():
            if not _close(v, computed.get(k, 0.0)):
                _report(found, _contradiction(
                    _join(f"result.{key}", k), T("{value} does not match the weights, which give {want}", value=f"{v:.6g}", want=f"{computed.get(k, 0.0):.6g}")
                ))
    for k in c.theme_targets if constraints else ():
        lo, hi = c.theme_band(k)
        got = themes.get(k, 0.0)
        if not lo - BAND_TOL <= got <= hi + BAND_TOL:
            band = _pct(c.theme_targets[k]) + (f" +/- {_pct(c.theme_tolerance)}" if c.theme_tolerance else "")
            _report(found, _contradiction(
                _join("settings.theme_targets", k), T("the weights give theme {theme} {got}, off its target {band}", theme=k, got=_pct(got), band=band),
                "theme", theme=k, got=got, lo=lo, hi=hi, target=c.theme_targets[k], tolerance=c.theme_tolerance,
            ))
    for k, (lo, hi) in c.country_bounds.items() if constraints else ():
        got = countries.get(k, 0.0)
        if not lo - BAND_TOL <= got <= hi + BAND_TOL:
            _report(found, _contradiction(
                _join("settings.country_bounds", k), T("the weights give {country} {got}, outside {lo}:{hi}", country=k, got=_pct(got), lo=_pct(lo), hi=_pct(hi)),
                "country", country=k, got=got, lo=lo, hi=hi,
            ))
    ratios = r.get("hedge_ratios") or {}
    notionals = r.get("hedge_notionals") or {}
    for ccy, h in ratios.items():
        exposure = ccys.get(ccy, 0.0) if ccy != run.base else 0.0
        if constraints and exposure > 1e-6 and not c.hedge.lo - BAND_TOL <= h <= c.hedge.hi + BAND_TOL:
            _report(found, _contradiction(
                _join("result.hedge_ratios", ccy), T("{value} is outside the hedge setting {hedge}", value=f"{h:.6g}", hedge=repr(c.hedge.to_text())),
                "hedge", currency=ccy, ratio=h, lo=c.hedge.lo, hi=c.hedge.hi,
            ))
        if ccy in notionals and exposure > 1e-9 and not _close(notionals[ccy], h * exposure, BAND_TOL):
            _report(found, _contradiction(
                _join("result.hedge_notionals", ccy),
                T("{value} is not the hedge ratio {ratio} times the {currency} exposure {exposure}",
                  value=f"{notionals[ccy]:.6g}", ratio=f"{h:.6g}", currency=ccy, exposure=f"{exposure:.6g}"),
            ))
    m = r["metrics"]
    if constraints and m.get("base_currency") is not None and m["base_currency"] != run.base:
        _report(found, _contradiction("result.metrics.base_currency", T("{value} is not settings.base_currency {base}", value=m["base_currency"], base=run.base),
                                      "base", stored=m["base_currency"], base=run.base))
    er, vol, sharpe = m["expected_return"], m["volatility"], m["sharpe"]
    rf = m.get("rf")
    if rf is not None:
        want = (er - rf) / vol if vol > 1e-12 else 0.0
        if not _close(sharpe, want):
            _report(found, _contradiction("result.metrics.sharpe", T("{value} is not (expected_return - rf) / volatility = {want}", value=f"{sharpe:.6g}", want=f"{want:.6g}")))
    attr = r.get("attribution") or {}
    mu_hedge: dict[str, float] | None = {}
    for ccy, h in notionals.items():
        if abs(h) > 1e-9:
            cur = (attr.get("currencies") or {}).get(ccy)
            if cur is None:
                mu_hedge = None  # the hedge's mean is not in the file: the return cannot be rebuilt
                break
            mu_hedge[ccy] = cur["carry"] - cur["expected_fx_return"]
    ar = r.get("asset_returns")
    if ar is not None and mu_hedge is not None and all(t in ar for t, x in w.items() if x > 0):
        want = math.fsum(x * ar[t] for t, x in w.items() if x > 0) + math.fsum(
            notionals[ccy] * mu for ccy, mu in mu_hedge.items()
        )
        if not _close(er, want):
            _report(found, _contradiction(
                "result.metrics.expected_return",
                T("{value} does not match the weights and result.asset_returns, which give {want}", value=f"{er:.6g}", want=f"{want:.6g}"),
            ))
    rc = r.get("risk_contributions")
    if rc and vol > 1e-6:
        total = math.fsum(rc.values())
        if not _close(total, 1.0, 1e-5):
            _report(found, _contradiction("result.risk_contributions", T("shares of variance sum to {total}, not 1", total=f"{total:.6g}")))
    if attr:
        _check_attribution(attr, er, vol, run.base if constraints else attr.get("base"), found)


def _report(found: list[_Contradiction] | None, bad: _Contradiction) -> None:
    if found is None:
        raise bad
    found.append(bad)


def _check_attribution(a: Mapping, er: float, vol: float, base: str, found: list[_Contradiction] | None = None) -> None:
    p = "result.attribution"
    if a["base"] != base:
        _report(found, _contradiction(_join(p, "base"), T("{value} is not settings.base_currency {base}", value=a["base"], base=base),
                                      "base", stored=a["base"], base=base))
    from allocator.attribution import KEYS, PARTS

    def row_ok(row: Mapping, where: str) -> None:
        for kind in ("return", "risk"):
            parts = math.fsum(row[f"{kind}_{x}"] for x in PARTS)
            if not _close(row[f"{kind}_total"], parts):
                _report(found, _contradiction(_join(where, f"{kind}_total"), T("{value} is not the sum of its parts {parts}", value=f"{row[f'{kind}_total']:.6g}", parts=f"{parts:.6g}")))

    total = a["total"]
    row_ok(total, _join(p, "total"))
    if not _close(total["return_total"], er):
        _report(found, _contradiction(_join(p, "total.return_total"), T("{value} is not result.metrics.expected_return {want}", value=f"{total['return_total']:.6g}", want=f"{er:.6g}")))
    if not _close(total["risk_total"], vol):
        _report(found, _contradiction(_join(p, "total.risk_total"), T("{value} is not result.metrics.volatility {want}", value=f"{total['risk_total']:.6g}", want=f"{vol:.6g}")))
    for section in ("assets", "themes"):
        rows = a.get(section) or {}
        for k, row in rows.items():
            row_ok(row, _join(_join(p, section), k))
        if rows:
            for key in KEYS:
                s = math.fsum(row[key] for row in rows.values())
                if not _close(s, total[key]):
                    _report(found, _contradiction(_join(p, section), T("the {key} of its rows sum to {sum}, not the total {total}", key=key, sum=f"{s:.6g}", total=f"{total[key]:.6g}")))


def _validate(settings: Any, result: Any, data: Any, notes: Any, created: Any, modified: Any,
              infeasible: Any = None, found: list[_Contradiction] | None = None) -> RunSettings:
    """Every check; with a ``found`` list, contradictions between the result and its settings are
    appended to it instead of raised (every other problem is raised all the same)."""
    if infeasible is not None:
        _text(infeasible, "infeasible", nonempty=True)
    tickers, themes, run = _check_settings(settings, infeasible is not None)
    _check_result(result, tickers, themes)
    _check_consistency(result, run, constraints=infeasible is None, found=found)
    _check_data(data, tickers, {a.ticker: a.currency for a in run.universe.assets})
    _text(notes, "notes", MAX_NOTES_CHARS)
    _timestamp(created, "created")
    _timestamp(modified, "modified")
    return run


# ----------------------------------------------------------------------------
@dataclass(frozen=True)
class AllocationDocument:
    """One saved allocation: settings to reproduce the run, its result, data provenance, notes.

    Immutable and valid by construction (``DocumentError`` otherwise); use
    ``dataclasses.replace`` (or ``with_notes``) for a changed copy.
    """

    settings: dict[str, Any]
    result: dict[str, Any]
    data: dict[str, Any]
    notes: str = ""
    created: str = field(default_factory=_now)
    modified: str = field(default_factory=_now)
    version: int = VERSION
    #: The version the file had before migration (equal to ``version`` unless upgraded).
    loaded_version: int = field(default=VERSION, compare=False)
    #: Why the settings are infeasible, when they are (saved as work in progress; optional in
    #: version 2): ``result`` is then the last feasible allocation, not one of these settings.
    infeasible: str | None = None

    def __post_init__(self) -> None:
        if self.version != VERSION:
            raise DocumentError(T("documents in memory are version {version}; got {got}", version=VERSION, got=repr(self.version)), "version")
        try:
            run = _validate(self.settings, self.result, self.data, self.notes, self.created, self.modified, self.infeasible)
        except _Bad as bad:
            raise DocumentError(bad.message, bad.path) from None
        except RecursionError:
            raise DocumentError(T("is nested too deeply"), "document") from None
        for name in ("settings", "result", "data"):
            object.__setattr__(self, name, freeze(getattr(self, name)))
        object.__setattr__(self, "_run", run)

    def run_settings(self) -> RunSettings:
        """The validated settings of the run (universe included, user additions too)."""
        return self._run  # type: ignore[attr-defined]

    @property
    def weights(self) -> dict[str, float]:
        return dict(self.result["weights"])

    @property
    def held(self) -> dict[str, float]:
        """Weights above zero, in universe order."""
        return {t: w for t, w in self.result["weights"].items() if w > 0}

    @property
    def base_currency(self) -> str:
        return self._run.base  # type: ignore[attr-defined]

    def with_notes(self, notes: str) -> "AllocationDocument":
        return replace(self, notes=notes, modified=_now())

    def touched(self) -> "AllocationDocument":
        """A copy with ``modified`` set to now (call before saving an edited document)."""
        return replace(self, modified=_now())

    def to_json_dict(self) -> dict[str, Any]:
        """Plain, editable data in the file's key order."""
        out: dict[str, Any] = {
            "format": FORMAT,
            "version": self.version,
            "app_version": __version__,
            "created": self.created,
            "modified": self.modified,
        }
        if self.infeasible is not None:  # written only when set: feasible files are as before
            out["infeasible"] = self.infeasible
        out.update(settings=thaw(self.settings), result=thaw(self.result), data=thaw(self.data), notes=self.notes)
        return out


def hedged_figures(a: Allocation, model) -> dict[str, Any]:
    """Per-asset expected return and volatility at the allocation's hedge ratio, and the hedge instruments'.

    For an asset in hedged currency c at ratio h: ``R_h = R + h (k - f_c)``, so
    ``E = mu_i + h mu_hedge`` and ``Var = S_ii + 2 h S_i,hedge + h^2 S_hedge``
    from the model's joint covariance.  Home-currency assets are unchanged.
    """
    if model is None or not model.m:
        return {}
    import numpy as np

    n = model.n
    rets, vols = {}, {}
    for i, asset in enumerate(model.assets):
        mu, var = float(model.mu[i]), float(model.cov[i, i])
        if asset.currency in model.hedge_currencies:
            c = model.hedge_currencies.index(asset.currency)
            h = float(a.hedge_ratios.get(asset.currency, 0.0))
            mu += h * float(model.mu_hedge[c])
            var += 2 * h * float(model.cov[i, n + c]) + h * h * float(model.cov[n + c, n + c])
        rets[asset.ticker] = mu
        vols[asset.ticker] = float(np.sqrt(max(var, 0.0)))
    return {
        "asset_returns_hedged": rets,
        "asset_vols_hedged": vols,
        "hedge_returns": {c: float(model.mu_hedge[k]) for k, c in enumerate(model.hedge_currencies)},
        "hedge_vols": {c: float(np.sqrt(max(model.cov[n + k, n + k], 0.0))) for k, c in enumerate(model.hedge_currencies)},
        **({"hedge_convention": model.hedge_convention} if getattr(model, "hedge_convention", "") else {}),
    }


def result_dict(a: Allocation, model=None, uncertainty=None) -> dict[str, Any]:
    """The ``result`` section; ``model`` adds the hedged figures, ``uncertainty`` the standard errors."""
    out = _result_dict(a)
    out.update(hedged_figures(a, model))
    if uncertainty is not None:
        if uncertainty.sharpe_se is not None:
            out["metrics"]["sharpe_se"] = float(uncertainty.sharpe_se)
        if uncertainty.asset_return_se:
            out["asset_return_se"] = {t: float(v) for t, v in uncertainty.asset_return_se.items()}
    return out


def _result_dict(a: Allocation) -> dict[str, Any]:
    return {
        "weights": {t: float(w) for t, w in a.weights.items()},
        "hedge_ratios": {c: float(v) for c, v in a.hedge_ratios.items()},
        "hedge_notionals": {c: float(v) for c, v in a.hedge_notionals.items()},
        "metrics": {**{k: (None if v is None else float(v)) for k, v in a.metrics.items()},
                    "base_currency": a.base, "objective": a.objective,
                    **({"turnover": float(a.turnover), "trading_cost": float(a.trading_cost)}
                       if a.turnover is not None else {})},
        "theme_weights": {k: float(v) for k, v in a.theme_weights.items()},
        "country_weights": {k: float(v) for k, v in a.country_weights.items()},
        "currency_exposure": {k: float(v) for k, v in a.currency_exposure.items()},
        "risk_contributions": {k: float(v) for k, v in a.risk_contributions.items()},
        "asset_returns": {k: float(v) for k, v in a.asset_returns.items()},
        "asset_vols": {k: float(v) for k, v in a.asset_vols.items()},
        "attribution": _plain(dict(a.attribution)),
    }


def _plain(value: Any) -> Any:
    """numpy scalars/arrays, tuples and enums turned into plain JSON data."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):  # numpy array or scalar
        return _plain(value.tolist())
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if hasattr(value, "value") and isinstance(value.value, (str, int, float)):  # Enum
        return value.value
    return str(value)


def _last_valid(series) -> tuple[float, str] | None:
    s = series.dropna()
    s = s[s > 0]
    if s.empty:
        return None
    return round(float(s.iloc[-1]), 6), str(s.index[-1].date())


def provenance(
    history: PriceHistory | None,
    start: str | None = None,
    end: str | None = None,
    held: Iterable[str] = (),
    currencies: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The ``data`` section: where the numbers came from, and the last prices of the held assets.

    Prices are the latest close in the history (not the estimation window's
    end: share counts are for buying now), each with its own date, since
    Tokyo and New York close on different days.
    """
    if history is None:
        return {"source": "assumptions", "label": "assumptions file"}
    out: dict[str, Any] = {
        "source": "simulated" if history.simulated else history.source,
        "label": history.label,
        "start": start or str(history.prices.index.min().date()),
        "end": end or str(history.prices.index.max().date()),
        "as_of": str(history.as_of) if history.as_of else None,
    }
    prices: dict[str, Any] = {}
    for t in held:
        if t in history.prices.columns:
            last = _last_valid(history.prices[t])
            if last is not None:
                entry: dict[str, Any] = {"close": last[0], "date": last[1]}
                if currencies and t in currencies:
                    entry["currency"] = currencies[t]
                prices[t] = entry
    out["prices"] = prices
    if history.fx is not None:
        last = _last_valid(history.fx)
        if last is not None:
            out["usdjpy"] = {"rate": last[0], "date": last[1], "ticker": FX_TICKER}
    return out


def make_document(
    run: RunSettings,
    allocation: Allocation,
    history: PriceHistory | None,
    notes: str = "",
    start: str | None = None,
    end: str | None = None,
    model=None,
    uncertainty=None,
    infeasible: str | None = None,
    data_notes: Iterable[str] = (),
) -> AllocationDocument:
    """The document of one optimisation run (validated; ``DocumentError`` if the result is unusable).

    ``model`` (the ``MarketModel`` solved) adds hedged per-asset figures; ``uncertainty``
    (``allocator.uncertainty.Uncertainty``) the standard errors.
    ``data_notes`` (the model's warnings and the run's facts) go to ``data.notes``.
    ``infeasible``: why ``run`` cannot be solved; ``allocation`` is then the last feasible one.
    """
    held = [t for t, w in allocation.weights.items() if w > 0]
    if run.holdings is not None:  # their prices too: a rebalance from this file values them
        held += [t for t in run.holdings.positions if t in run.universe and t not in held]
    ccy = {a.ticker: a.currency for a in run.universe.assets}
    data = provenance(history, start, end, held, ccy)
    data_notes = [str(n) for n in data_notes]
    if data_notes:
        data["notes"] = data_notes
    return AllocationDocument(run.to_dict(), result_dict(allocation, model, uncertainty), data, notes,
                              infeasible=infeasible)


# ----------------------------------------------------------------------------
# Reading
def migrate(raw: dict[str, Any], migrations: Mapping[int, Callable[[dict], dict]] | None = None) -> dict[str, Any]:
    """Upgrade a parsed file to ``VERSION`` step by step; refuse newer versions."""
    steps = MIGRATIONS if migrations is None else migrations
    v = raw.get("version")
    if isinstance(v, bool) or not isinstance(v, int):
        raise _Bad("version", T("must be a whole number, got {kind} {value}", kind=_kind(v), value=_show(v)))
    if v > VERSION:
        raise _Bad(
            "version",
            T("this file is format version {v}, written by a newer Allocator; this app supports version "
              "{supported} and older - update Allocator to open it", v=v, supported=VERSION),
        )
    while v < VERSION:
        step = steps.get(v)
        if step is None:
            oldest = min([VERSION, *steps])
            raise _Bad("version", T("format version {v} is not supported (this app reads versions {oldest} to {newest})", v=v, oldest=oldest, newest=VERSION))
        try:
            raw = step(copy.deepcopy(raw))
        except _Bad:
            raise
        except Exception as exc:  # a malformed old file: report, never crash
            raise _Bad("version", T("cannot upgrade this version-{v} file ({kind}: {why})", v=v, kind=type(exc).__name__, why=str(exc))) from None
        if not isinstance(raw, dict):
            raise _Bad("version", T("upgrading from version {v} did not give an object", v=v))
        v += 1
        raw["version"] = v
    return raw


def _document_fields(raw: Any, migrations: Mapping[int, Callable[[dict], dict]] | None) -> dict[str, Any]:
    """The ``AllocationDocument`` fields of a parsed file (format, version and top keys checked)."""
    if not isinstance(raw, dict):
        raise _Bad("document", T("must be a JSON object, got {kind}", kind=_kind(raw)))
    if raw.get("format") != FORMAT:
        raise _Bad("format", T("must be {format} - this is not an allocation file (got {value})", format=repr(FORMAT), value=_show(raw.get("format"))))
    loaded_version = raw.get("version")
    raw = migrate(raw, migrations)
    _keys(raw, "", ("format", "version", "settings", "result", "data"), _TOP_KEYS + _OPTIONAL_TOP_KEYS)
    if "app_version" in raw:
        _text(raw["app_version"], "app_version", 40)
    created = raw.get("created", _now())
    return dict(
        settings=raw["settings"],
        result=raw["result"],
        data=raw["data"],
        notes=raw.get("notes", ""),
        created=created,
        modified=raw.get("modified", created),
        version=VERSION,
        loaded_version=loaded_version,
        infeasible=raw.get("infeasible"),
    )


def document_from_dict(raw: Any, migrations: Mapping[int, Callable[[dict], dict]] | None = None) -> AllocationDocument:
    """Validate (and migrate) a parsed allocation file."""
    try:
        return AllocationDocument(**_document_fields(raw, migrations))
    except _Bad as bad:
        raise DocumentError(bad.message, bad.path) from None
    except RecursionError:
        raise DocumentError(T("is nested too deeply"), "document") from None


def loads_document(data: str | bytes, migrations: Mapping[int, Callable[[dict], dict]] | None = None) -> AllocationDocument:
    """Parse allocation-file text (or UTF-8 bytes; a BOM is accepted).

    Strict JSON (``allocator.jsonfile``): NaN/Infinity, numbers that overflow,
    duplicate keys, lone surrogates and deep nesting are refused naming the
    field and the line.
    """
    return document_from_dict(_parse(data), migrations)


def _parse(data: str | bytes) -> Any:
    """The parsed JSON of allocation-file text (bounded, strict); problems as ``DocumentError``."""
    from allocator.jsonfile import JsonProblem, decode_text, loads_strict

    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(_too_big(len(data)), "document")
    try:
        text = decode_text(data)
    except JsonProblem as exc:
        raise DocumentError(T("{why} - not an allocation file", why=exc.message)) from None
    if not text.strip():
        raise DocumentError(T("the file is empty"))
    try:
        return loads_strict(text, max_depth=MAX_NESTING + 8)
    except JsonProblem as exc:
        raise DocumentError(T("{why} (line {line})", why=exc.message, line=exc.line) if exc.line else exc.message, exc.path) from None


def _too_big(n: int) -> str:
    return T(
        "the file is {size} MB; allocation files are at most {most} MB - this is not an allocation file",
        size=f"{n / 1e6:.1f}", most=f"{MAX_FILE_BYTES / 1e6:.0f}",
    )


def load_document(path: str | Path, migrations: Mapping[int, Callable[[dict], dict]] | None = None) -> AllocationDocument:
    """Read, check and migrate an allocation file; any problem is a ``DocumentError``."""
    from allocator.userfile import read_user_file

    path = Path(path)
    # Regular files only (a pipe or device could block or never end), bounded even if the size lies.
    blob = read_user_file(path, what=T("allocation file"), max_bytes=MAX_FILE_BYTES, too_big=_too_big)
    try:
        return loads_document(blob, migrations)
    except DocumentError as exc:
        raise DocumentError(_bare(exc), exc.field_path, str(path)) from None


@dataclass(frozen=True)
class OpenedFile:
    """An allocation file opened for editing (``open_for_editing``).

    ``document`` is the file as it is when it is valid.  When its stored result
    contradicted its own settings, ``document`` is None, ``contradictions``
    lists every contradiction found, and ``run`` (the file's settings, fully
    checked) is what the result must be recomputed from.
    """

    run: RunSettings
    notes: str
    created: str
    document: AllocationDocument | None
    contradictions: tuple[Contradiction, ...] = ()


def open_for_editing(path: str | Path,
                     migrations: Mapping[int, Callable[[dict], dict]] | None = None) -> OpenedFile:
    """Open an allocation file to edit it (the GUI's File > Open).

    As ``load_document`` - every problem is refused the same way - except one:
    a stored result that contradicts the file's own settings (weights above
    the cap, themes off target, metrics that do not match the weights: an older
    or hand-edited file) does not refuse the file.  Its settings are kept and
    the contradictions returned, so the caller recomputes the result from the
    settings and says so.  The CLI reads files with ``load_document`` and keeps
    refusing such a file (exit 2): it never re-runs what it was asked to read.
    """
    from allocator.userfile import read_user_file

    path = Path(path)
    blob = read_user_file(path, what="allocation file", max_bytes=MAX_FILE_BYTES, too_big=_too_big)
    try:
        try:
            fields = _document_fields(_parse(blob), migrations)
            found: list[_Contradiction] = []
            run = _validate(fields["settings"], fields["result"], fields["data"], fields["notes"], fields["created"],
                            fields["modified"], fields["infeasible"], found=found)
            if not found:
                doc = AllocationDocument(**fields)
                return OpenedFile(doc.run_settings(), doc.notes, doc.created, doc)
        except _Bad as bad:
            raise DocumentError(bad.message, bad.path) from None
        except RecursionError:
            raise DocumentError(T("is nested too deeply"), "document") from None
    except DocumentError as exc:
        raise DocumentError(_bare(exc), exc.field_path, str(path)) from None
    contradictions = tuple(Contradiction(c.path, c.message, c.kind, c.facts) for c in found)
    return OpenedFile(run, fields["notes"], fields["created"], None, contradictions)


def _bare(exc: DocumentError) -> str:
    """The message without its field (``exc.bare``: a ``T()`` text keeps its template)."""
    return exc.bare


# ----------------------------------------------------------------------------
# Writing
def dumps_document(doc: AllocationDocument) -> str:
    """The file text: indented, key order stable, UTF-8 text (not \\u escapes), fractions."""
    return json.dumps(doc.to_json_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _save_error(exc: OSError, path: Path, folder: Path) -> DocumentError:
    code = exc.errno
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        msg = T("is a folder; choose a file name")
    elif code == errno.ENOENT:
        msg = T("cannot save: the folder {folder} does not exist", folder=str(folder))
    elif code in (errno.EACCES, errno.EPERM):
        msg = T("cannot save: no permission to write in {folder} (choose another folder or check its permissions)", folder=str(folder))
    elif code == errno.EROFS:
        msg = T("cannot save: {folder} is on a read-only file system", folder=str(folder))
    elif code == errno.ENOSPC:
        msg = T("cannot save: the disk is full")
    elif code == errno.ENOTDIR:
        msg = T("cannot save: {folder} is not a folder", folder=str(folder))
    else:
        msg = T("cannot save ({why})", why=str(exc.strerror or exc))
    return DocumentError(T("{why}; any previous file is unchanged", why=msg), file=str(path))


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically (see ``allocator.atomic``).

    A failure at any point (including a crash) leaves any previous file intact;
    OS errors become a ``DocumentError`` saying what to do.  A symlink is
    followed (its target is replaced), and an existing file keeps its
    permissions.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise DocumentError(T("is a folder; choose a file name"), file=str(path))
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise _save_error(exc, path, folder) from None


def save_document(doc: AllocationDocument, path: str | Path) -> None:
    """Save atomically (the document is valid by construction, so what is written loads back)."""
    atomic_write_text(path, dumps_document(doc))
