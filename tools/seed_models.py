"""Write the estimates that ship with the app (``resources/sample/model-*.npz``).

A new document's model, estimated from the bundled sample in USD and in JPY
(``allocator.modelcache.seeded_runs``), so the first launch on a fresh machine
reads it instead of importing scikit-learn and estimating (issue 15 item 15).
Run after changing the sample, the estimators, the default universe or the
app version (``make seed-models``); ``tests/test_modelcache.py`` fails while a
shipped estimate is stale.  Old ``model-*.npz`` files are removed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "sample"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from allocator import modelcache
    from allocator.pipeline import build_model, load_history

    keep = set()
    for run in modelcache.seeded_runs():
        build = build_model(run, load_history(run))
        data = modelcache.encode(run, build)
        if data is None:
            print(f"seed-models: the {run.base} run is not cacheable", file=sys.stderr)
            return 1
        name = modelcache.seed_name(modelcache.cache_key(run))
        (OUT / name).write_bytes(data)
        keep.add(name)
        print(f"seed-models: {name} ({run.base}, {len(build.model.tickers)} assets, {len(data):,} bytes)")
    for old in OUT.glob("model-*.npz"):
        if old.name not in keep:
            old.unlink()
            print(f"seed-models: removed stale {old.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
