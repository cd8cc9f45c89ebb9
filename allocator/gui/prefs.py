"""Preferences, window geometry and recent files in ``QSettings``.

Typed options with defaults (as Picard does); preferences are kept apart from
window geometry.  Tests pass their own ``QSettings`` (an INI file in a temp
folder) so the user's settings are never touched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from allocator import APP_NAME, ORG_NAME

MAX_RECENT = 8
SCHEMA = 1


class Prefs:
    def __init__(self, settings: QSettings | None = None):
        self.qs = settings if settings is not None else QSettings(ORG_NAME, APP_NAME)
        if int(self.qs.value("schema", 0) or 0) < SCHEMA:
            self.qs.setValue("schema", SCHEMA)

    # -- preferences ---------------------------------------------------------
    @property
    def frontier_points(self) -> int:
        try:
            return max(5, min(200, int(self.qs.value("prefs/frontier_points", 25))))
        except (TypeError, ValueError):
            return 25

    @property
    def last_dir(self) -> str:
        return str(self.qs.value("prefs/last_dir", str(Path.home())))

    @last_dir.setter
    def last_dir(self, value: str) -> None:
        self.qs.setValue("prefs/last_dir", value)

    @property
    def show_all_assets(self) -> bool:
        return str(self.qs.value("prefs/show_all_assets", "false")).lower() == "true"

    @show_all_assets.setter
    def show_all_assets(self, value: bool) -> None:
        self.qs.setValue("prefs/show_all_assets", "true" if value else "false")

    @property
    def last_capital(self) -> float:
        try:
            return float(self.qs.value("prefs/last_capital", 100000.0))
        except (TypeError, ValueError):
            return 100000.0

    @last_capital.setter
    def last_capital(self, value: float) -> None:
        self.qs.setValue("prefs/last_capital", float(value))

    #: What the capital dialog offers first, per base currency (¥100,000 is about $640).
    DEFAULT_CAPITAL = {"USD": 100_000.0, "JPY": 10_000_000.0}

    def capital(self, currency: str) -> float:
        """The last capital entered for ``currency`` (else a default of that currency's scale)."""
        default = self.DEFAULT_CAPITAL.get(currency, 100_000.0)
        try:
            return float(self.qs.value(f"prefs/last_capital_{currency}", default))
        except (TypeError, ValueError):
            return default

    def set_capital(self, currency: str, value: float) -> None:
        self.qs.setValue(f"prefs/last_capital_{currency}", float(value))

    @property
    def language(self) -> str:
        """View ▸ Language: ``system`` (follow the system), ``en`` or ``ja``."""
        value = str(self.qs.value("prefs/language", "system") or "system").lower()
        return value if value in ("system", "en", "ja") else "system"

    @language.setter
    def language(self, value: str) -> None:
        self.qs.setValue("prefs/language", value)

    # -- recent files ----------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.qs.value("recent/files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent(self, path: str) -> list[str]:
        path = str(Path(path).resolve())
        files = [f for f in self.recent_files() if f != path]
        files.insert(0, path)
        files = files[:MAX_RECENT]
        self.qs.setValue("recent/files", files)
        return files

    def clear_recent(self) -> None:
        self.qs.setValue("recent/files", [])

    # -- window ------------------------------------------------------------------
    def geometry(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self.qs.value("window/geometry"), self.qs.value("window/state")

    def save_geometry(self, geometry: QByteArray, state: QByteArray) -> None:
        self.qs.setValue("window/geometry", geometry)
        self.qs.setValue("window/state", state)

    def sync(self) -> None:
        self.qs.sync()
