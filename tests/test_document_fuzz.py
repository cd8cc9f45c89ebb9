"""Fuzz: mutated allocation files end in DocumentError (with a field path), never a crash.

Mutations are drawn with a fixed seed, so a failure is reproducible: the test
prints the mutation that broke it.
"""

from __future__ import annotations

import copy
import json
import random

import pytest

from allocator.document import AllocationDocument, dumps_document, loads_document
from allocator.errors import DocumentError
from test_document_support import build_doc, sample_weights

JUNK = [
    None, True, False, "", " ", "=cmd|'/c calc'!A0", "NaN", "1e999", -1, -1e308, 1e308, 0, 2, 10**30,
    -0.0001, 1.5, [], {}, [1, 2], {"a": 1}, {"": None}, "x" * 3000, "\x00\x01", "２０２４-01-01", [[[[]]]],
]


def _paths(node, prefix=()):
    """Every (path, value) in the JSON tree."""
    yield prefix, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _parent(root, path):
    node = root
    for k in path[:-1]:
        node = node[k]
    return node


def mutate(raw: dict, rng: random.Random) -> tuple[dict, str]:
    d = copy.deepcopy(raw)
    paths = [p for p, _ in _paths(d) if p]
    schema = [p for p in paths if p[:2] != ("result", "attribution")]  # free-form: mostly still valid
    path = rng.choice(schema if rng.random() < 0.9 else paths)
    parent = _parent(d, path)
    key = path[-1]
    op = rng.choice(["junk", "junk", "junk", "delete", "add", "rename", "retype", "scale", "negate"])
    if op == "junk":
        parent[key] = copy.deepcopy(rng.choice(JUNK))
    elif op == "delete":
        if isinstance(parent, dict):
            del parent[key]
        else:
            parent.pop(key)
    elif op == "add":
        target = parent[key] if isinstance(parent[key], dict) else parent
        if isinstance(target, dict):
            target[rng.choice(["surprise", "ZZZZ", "__class__", "eval", "LMT "])] = rng.choice(JUNK)
        else:
            target.append(rng.choice(JUNK))
    elif op == "rename" and isinstance(parent, dict):
        parent[str(key) + rng.choice(["_", "X", ".T", " "])] = parent.pop(key)
    elif op == "retype":
        v = parent[key]
        parent[key] = list(v.values()) if isinstance(v, dict) else {"0": v} if isinstance(v, list) else [v]
    elif op == "scale" and isinstance(parent[key], (int, float)) and not isinstance(parent[key], bool):
        parent[key] = parent[key] * rng.choice([-1, 100, 1e12, 1e-12]) + rng.choice([0, 1])
    elif op == "negate" and isinstance(parent[key], (int, float)) and not isinstance(parent[key], bool):
        parent[key] = -abs(parent[key]) - 1e-3
    else:
        parent[key] = None
    return d, f"{op} at {'/'.join(map(str, path))}"


@pytest.fixture(scope="module")
def raw() -> dict:
    return build_doc(sample_weights(), notes="fuzz base").to_json_dict()


def test_fuzz_structural_mutations(raw):
    rng = random.Random(20250101)
    rejected = accepted = 0
    tops = set(raw) | {"document"}
    for i in range(1300):
        mutated, what = mutate(raw, rng)
        text = json.dumps(mutated, ensure_ascii=False)
        try:
            doc = loads_document(text)
        except DocumentError as exc:
            assert exc.field_path, f"#{i} {what}: no field path in {exc}"
            head = exc.field_path.split(".")[0].split("[")[0]
            known = tops | (set(mutated) if isinstance(mutated, dict) else set())
            assert head in known or exc.field_path.startswith('["'), f"#{i} {what}: odd path {exc.field_path}"
            assert "\n" not in str(exc) and len(str(exc)) < 400, f"#{i} {what}: message not one short line"
            rejected += 1
        except Exception as exc:  # pragma: no cover - the failure being hunted
            pytest.fail(f"#{i} {what}: {type(exc).__name__}: {exc}")
        else:
            # Still valid (e.g. new notes): it must then be a full, stable document.
            assert isinstance(doc, AllocationDocument)
            assert loads_document(dumps_document(doc)) == doc
            assert abs(sum(doc.weights.values()) - 1) < 1e-6
            accepted += 1
    assert rejected >= 1000, (rejected, accepted)


def test_fuzz_bytes(raw):
    """Truncations, flipped bytes and inserted junk: a DocumentError or a valid document, nothing else."""
    rng = random.Random(7)
    blob = dumps_document(loads_document(json.dumps(raw))).encode("utf-8")
    outcomes = {"error": 0, "ok": 0}
    for i in range(400):
        b = bytearray(blob)
        op = rng.choice(["truncate", "flip", "insert", "delete"])
        pos = rng.randrange(len(b))
        if op == "truncate":
            b = b[:pos]
        elif op == "flip":
            for _ in range(rng.randint(1, 8)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif op == "insert":
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        else:
            del b[pos : pos + rng.randint(1, 64)]
        try:
            loads_document(bytes(b))
            outcomes["ok"] += 1
        except DocumentError as exc:
            assert "\n" not in str(exc)
            outcomes["error"] += 1
        except Exception as exc:  # pragma: no cover
            pytest.fail(f"#{i} {op} at {pos}: {type(exc).__name__}: {exc}")
    assert outcomes["error"] > 300
