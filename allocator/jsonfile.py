"""Strict JSON for the files users hand us (allocation and assumptions files).

``loads_strict`` is ``json.loads`` with the traps closed, each reported with
the field path and the line where it is:

* ``NaN``, ``Infinity`` and numbers that overflow a float (``1e309``,
  ``10**400`` written out) - numbers must be finite;
* duplicate keys in one object (JSON keeps the last one silently);
* text with a lone surrogate escape (``"\\ud800"``), which no file can hold
  as UTF-8 and which would fail at the next save;
* nesting deeper than ``max_depth`` (a 100,000-deep list would blow Python's
  stack in the parser or in any later walk);
* bytes that are not UTF-8 (a byte-order mark is accepted and dropped).

Problems raise ``JsonProblem(message, path, line)``; callers turn it into
their own error type (``DocumentError``) with the file name.
"""

from __future__ import annotations

import json
import re
from typing import Any

from allocator.text import T

#: Deeper nesting than this is refused before parsing (the schemas need 6 levels).
DEFAULT_MAX_DEPTH = 64
_FLOAT_MAX_DIGITS = 309  # an integer literal longer than this cannot be a finite float


class JsonProblem(ValueError):
    """What is wrong, where: ``path`` (``result.weights.LMT``) and ``line`` when known."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        at = f" (line {self.line})" if self.line else ""
        return f"{where}{self.message}{at}"


class _Marker:
    """Stands in for a rejected literal until the walk finds where it sits."""

    __slots__ = ("message", "literal")

    def __init__(self, message: str, literal: str):
        self.message = message
        self.literal = literal


class _DupDict(dict):
    """An object that had a duplicate key (the first repeated key is kept for the message)."""

    __slots__ = ("dup",)


_STRING_OR_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN|-?\d[\d.eE+-]*)')
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_text(data: str | bytes | bytearray) -> str:
    """UTF-8 text (a BOM dropped); ``JsonProblem`` when the bytes are not UTF-8."""
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = bytes(data)[: exc.start].count(b"\n") + 1
            raise JsonProblem(T("not a UTF-8 text file (bad byte at offset {offset})", offset=exc.start), None, line) from None
    return data.removeprefix("\ufeff")


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")  # a pair with nothing inside


def _too_deep(text: str, max_depth: int) -> bool:
    """Whether brackets outside strings nest deeper than ``max_depth`` (C-speed: one level per pass)."""
    if text.count("[") + text.count("{") <= max_depth:
        return False
    s = _NOT_BRACKET.sub("", _STRING.sub("", text))
    for _ in range(max_depth):
        # Innermost pairs become a mark first, so each pass removes exactly one level.
        t = s.replace("[]", "\0").replace("{}", "\0").replace("\0", "")
        if t == s or not t:  # done (or unbalanced: the parser reports that)
            return False
        s = t
    return _INNERMOST.search(s) is not None


def _depth_ok(text: str, max_depth: int) -> int | None:
    """The offset where nesting passes ``max_depth`` (brackets inside strings ignored), else None."""
    if not _too_deep(text, max_depth):
        return None
    depth = 0
    # Strings are skipped whole; only brackets outside them count.
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        tok = m.group()
        if tok in "[{":
            depth += 1
            if depth > max_depth:
                return m.start()
        elif tok in "]}":
            depth -= 1
    return None


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def join_path(path: str, key: Any) -> str:
    """``path`` + one key: ``result.weights.LMT``, ``assets[3]``, ``x["odd key"]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    k = str(key)
    if re.fullmatch(r"[A-Za-z0-9_^=:-][A-Za-z0-9_.^=:-]{0,39}", k):
        return f"{path}.{k}" if path else k
    shown = json.dumps(k[:40], ensure_ascii=True)
    return f"{path}[{shown}]"


def _find(node: Any, path: str = "") -> tuple[str, str, Any] | None:
    """The first problem in the parsed tree: (path, message, literal or key)."""
    stack = [(node, path)]
    while stack:
        value, p = stack.pop()
        if isinstance(value, _Marker):
            return p, value.message, value.literal
        if isinstance(value, str):
            if _LONE_SURROGATE.search(value):
                return p, T("contains a lone surrogate escape (\\ud800-\\udfff); this is not valid Unicode text"), _SURROGATE
        elif isinstance(value, dict):
            if isinstance(value, _DupDict):
                return join_path(p, value.dup), T("duplicate key {key} (JSON would keep only the last value)", key=json.dumps(value.dup, ensure_ascii=True)[:60]), value.dup
            items = list(value.items())
            for k, v in reversed(items):
                if _LONE_SURROGATE.search(k):
                    return p, T("a key contains a lone surrogate escape (\\ud800-\\udfff); this is not valid Unicode text"), _SURROGATE
                stack.append((v, join_path(p, k)))
        elif isinstance(value, list):
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], join_path(p, i)))
    return None


#: Python's parser's reasons, as ``T()`` texts (the GUI shows them in its language).
_JSON_WHY = {
    "Expecting value": T("Expecting value"),
    "Expecting ',' delimiter": T("Expecting ',' delimiter"),
    "Expecting ':' delimiter": T("Expecting ':' delimiter"),
    "Expecting property name enclosed in double quotes": T("Expecting property name enclosed in double quotes"),
    "Unterminated string starting at": T("Unterminated string starting at"),
    "Extra data": T("Extra data"),
    "Invalid control character at": T("Invalid control character at"),
    "Invalid \\escape": T("Invalid \\escape"),
    "Illegal trailing comma before end of object": T("Illegal trailing comma before end of object"),
    "Illegal trailing comma before end of array": T("Illegal trailing comma before end of array"),
}


def loads_strict(data: str | bytes | bytearray, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """Parse JSON text (or UTF-8 bytes) strictly; ``JsonProblem`` names the field and line."""
    text = decode_text(data)
    deep = _depth_ok(text, max_depth)
    if deep is not None:
        raise JsonProblem(T("nested more than {n} levels deep", n=max_depth), None, _line_of(text, deep))
    flagged = False

    def constant(name: str) -> Any:
        nonlocal flagged
        flagged = True
        return _Marker(T("{value} is not allowed (numbers must be finite)", value=name), name)

    def number(s: str) -> Any:
        nonlocal flagged
        v = float(s)
        if v - v != 0.0:  # overflowed to inf
            flagged = True
            return _Marker(T("{value} is too large (numbers must be finite)", value=s[:40] + ("..." if len(s) > 40 else "")), s)
        return v

    def integer(s: str) -> Any:
        nonlocal flagged
        if len(s.lstrip("-")) > 18:  # beyond int64: kept as a float if one can hold it
            if len(s.lstrip("-")) > _FLOAT_MAX_DIGITS:
                flagged = True
                return _Marker(T("{value}... ({n} digits) is too large (numbers must be finite)", value=s[:24], n=len(s.lstrip("-"))), s)
            return number(s)
        return int(s)

    def pairs(items: list[tuple[str, Any]]) -> dict:
        nonlocal flagged
        d = dict(items)
        if len(d) != len(items):
            flagged = True
            seen: set[str] = set()
            for k, _ in items:
                if k in seen:
                    dd = _DupDict(items)
                    dd.dup = k
                    return dd
                seen.add(k)
        return d

    try:
        raw = json.loads(text, parse_constant=constant, parse_float=number, parse_int=integer, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        where = dict(why=_JSON_WHY.get(exc.msg, exc.msg), line=exc.lineno, column=exc.colno)
        if exc.pos >= len(text.rstrip()):
            raise JsonProblem(T("not valid JSON: {why} at line {line} column {column} (the file looks truncated)", **where)) from None
        raise JsonProblem(T("not valid JSON: {why} at line {line} column {column}", **where)) from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise JsonProblem(T("nested too deeply")) from None
    if flagged or _SURROGATE_ESCAPE.search(text):
        found = _find(raw)
        if found is not None:
            path, message, literal = found
            raise JsonProblem(message, path or None, _locate(text, literal))
    return raw


_SURROGATE = object()


def _locate(text: str, literal: Any) -> int | None:
    """The line of the first occurrence of a rejected literal or duplicated key, outside strings."""
    if literal is None:
        return None
    if literal is _SURROGATE:  # the first escape that is not half of a pair
        escapes = list(_SURROGATE_ESCAPE.finditer(text))
        i = 0
        while i < len(escapes):
            m = escapes[i]
            high = m.group()[2].lower() == "d" and m.group()[3].lower() in "89ab"
            nxt = escapes[i + 1] if i + 1 < len(escapes) else None
            if high and nxt is not None and nxt.start() == m.end() and nxt.group()[3].lower() in "cdef":
                i += 2
                continue
            return _line_of(text, m.start())
        return None
    if isinstance(literal, str) and re.fullmatch(r"-?Infinity|NaN|-?\d[\d.eE+-]*", literal):
        for m in _STRING_OR_TOKEN.finditer(text):
            if m.group(1) == literal:
                return _line_of(text, m.start())
        return None
    key = json.dumps(literal, ensure_ascii=False)
    first = text.find(key)
    if first < 0:
        return None
    second = text.find(key, first + len(key))
    return _line_of(text, second if second >= 0 else first)


__all__ = ["DEFAULT_MAX_DEPTH", "JsonProblem", "decode_text", "join_path", "loads_strict"]
