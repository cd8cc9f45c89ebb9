"""The allocation file (DESIGN §5): versioned JSON, saved atomically.

Minimal first version: builds, saves and loads version-1 documents.  (The
files issue hardens validation, migrations and error paths.)
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from allocator import __version__
from allocator.data.prices import PriceHistory
from allocator.errors import DocumentError
from allocator.optimize.result import Allocation
from allocator.pipeline import RunSettings

FORMAT = "allocator.allocation"
VERSION = 1


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class AllocationDocument:
    settings: dict[str, Any]
    result: dict[str, Any]
    data: dict[str, Any]
    notes: str = ""
    created: str = field(default_factory=_now)
    modified: str = field(default_factory=_now)
    version: int = VERSION

    def run_settings(self) -> RunSettings:
        return RunSettings.from_dict(self.settings)

    @property
    def weights(self) -> dict[str, float]:
        return dict(self.result.get("weights", {}))

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
            "app_version": __version__,
            "created": self.created,
            "modified": self.modified,
            "settings": self.settings,
            "result": self.result,
            "data": self.data,
            "notes": self.notes,
        }


def result_dict(a: Allocation) -> dict[str, Any]:
    return {
        "weights": {t: w for t, w in a.weights.items()},
        "hedge_ratios": dict(a.hedge_ratios),
        "hedge_notionals": dict(a.hedge_notionals),
        "metrics": {**a.metrics, "base_currency": a.base, "objective": a.objective},
        "theme_weights": dict(a.theme_weights),
        "country_weights": dict(a.country_weights),
        "currency_exposure": dict(a.currency_exposure),
        "risk_contributions": dict(a.risk_contributions),
        "asset_returns": dict(a.asset_returns),
        "asset_vols": dict(a.asset_vols),
        "attribution": dict(a.attribution),
    }


def provenance(history: PriceHistory | None, start: str | None = None, end: str | None = None) -> dict[str, Any]:
    if history is None:
        return {"source": "assumptions", "label": "assumptions file"}
    return {
        "source": "simulated" if history.simulated else history.source,
        "label": history.label,
        "start": start or str(history.prices.index.min().date()),
        "end": end or str(history.prices.index.max().date()),
        "as_of": str(history.as_of) if history.as_of else None,
    }


def make_document(
    run: RunSettings,
    allocation: Allocation,
    history: PriceHistory | None,
    notes: str = "",
    start: str | None = None,
    end: str | None = None,
) -> AllocationDocument:
    return AllocationDocument(run.to_dict(), result_dict(allocation), provenance(history, start, end), notes)


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file in the same folder, fsync and replace."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DocumentError(f"cannot write in {folder} ({exc.strerror or exc})", file=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise DocumentError(f"cannot save ({exc.strerror or exc})", file=str(path)) from None
        raise


def save_document(doc: AllocationDocument, path: str | Path) -> None:
    text = json.dumps(doc.to_json_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    atomic_write_text(path, text)


def load_document(path: str | Path) -> AllocationDocument:
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DocumentError(f"cannot read ({exc.strerror or exc})", file=str(path)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError(f"not a valid allocation file (not JSON: {exc})", file=str(path)) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise DocumentError(f"not an allocation file (format must be {FORMAT!r})", "format", str(path))
    version = raw.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise DocumentError(
            f"file version {version!r} is newer than this app supports ({VERSION}); update Allocator",
            "version",
            str(path),
        )
    for key in ("settings", "result", "data"):
        if not isinstance(raw.get(key), dict):
            raise DocumentError("missing or not an object", key, str(path))
    return AllocationDocument(
        raw["settings"],
        raw["result"],
        raw["data"],
        str(raw.get("notes", "")),
        str(raw.get("created", _now())),
        str(raw.get("modified", _now())),
        version,
    )
