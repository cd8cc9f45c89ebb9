"""Benchmark: load and validate a 500-asset allocation document (target < 50 ms).

Run: ``.venv/bin/python bench/document_load.py [N_ASSETS]``.  Builds a
500-asset document (weights on every asset, prices stored, attribution as the
optimiser writes it), saves it, then times ``load_document`` (read, parse,
migrate, validate, freeze) and, separately, ``save_document``.  Prints the
median and worst of repeated runs and the machine it ran on.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from allocator.document import load_document, save_document  # noqa: E402
from test_document_support import big_universe, build_doc  # noqa: E402


def main(n: int = 500, repeat: int = 30) -> None:
    uni = big_universe(n)
    weights = {a.ticker: 1.0 + (i % 7) for i, a in enumerate(uni.assets)}
    doc = build_doc(weights, uni, notes="benchmark")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.alloc.json"
        save_document(doc, path)
        size = path.stat().st_size
        load_document(path)  # warm-up (imports, regex caches)
        loads = []
        for _ in range(repeat):
            t = time.perf_counter()
            back = load_document(path)
            loads.append(time.perf_counter() - t)
        assert back == doc
        saves = []
        for _ in range(max(5, repeat // 3)):
            t = time.perf_counter()
            save_document(doc, path)
            saves.append(time.perf_counter() - t)
    ms = lambda xs: f"median {1e3 * statistics.median(xs):.1f} ms, worst {1e3 * max(xs):.1f} ms"  # noqa: E731
    print(f"document: {n} assets, {size / 1e3:.0f} kB on disk")
    print(f"load+validate: {ms(loads)} over {repeat} runs (target < 50 ms)")
    print(f"save (incl. fsync): {ms(saves)}")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
