"""The user's own files: where they live, and the user's universe.

Folders come from platformdirs (``user_config_dir`` / ``user_cache_dir`` for
"Allocator"), overridable for tests, portable installs and CI:

* ``ALLOCATOR_HOME`` - config in ``$ALLOCATOR_HOME/config``, cache in
  ``$ALLOCATOR_HOME/cache``;
* ``ALLOCATOR_CACHE_DIR`` - the cache folder alone (wins over ALLOCATOR_HOME).

The user's universe is the bundled default plus the user's additions (custom
tickers and themes), kept in ``user_universe.json`` in the config folder.  The
default file is never modified; only the additions are saved, atomically
(temp file + fsync + ``os.replace``), with a format version so a newer file is
refused rather than misread.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from allocator.atomic import write_atomic
from allocator.errors import UniverseError
from allocator.text import T
from allocator.universe import (
    FX_TICKER,
    Asset,
    Theme,
    Universe,
    default_universe,
    infer_country_currency,
    parse_universe,
)

APP_NAME = "Allocator"
USER_UNIVERSE_FILE = "user_universe.json"
USER_UNIVERSE_FORMAT = "allocator.user_universe"
USER_UNIVERSE_VERSION = 1


# -- folders -----------------------------------------------------------------


def config_dir() -> Path:
    """Folder for the user's settings and universe (not created here)."""
    home = os.environ.get("ALLOCATOR_HOME")
    if home:
        return Path(home).expanduser() / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Folder for re-downloadable data such as the price cache (not created here)."""
    explicit = os.environ.get("ALLOCATOR_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    home = os.environ.get("ALLOCATOR_HOME")
    if home:
        return Path(home).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a crash leaves either the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)


# -- the user's additions ----------------------------------------------------


@dataclass(frozen=True)
class UserAdditions:
    """What the user added on top of the default universe."""

    themes: tuple[Theme, ...] = ()
    assets: tuple[Asset, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": USER_UNIVERSE_FORMAT,
            "version": USER_UNIVERSE_VERSION,
            "themes": {t.key: {"name": t.name, "description": t.description} for t in self.themes},
            "assets": [{k: v for k, v in a.to_dict().items() if k != "user_added"} for a in self.assets],
        }


def user_universe_path() -> Path:
    return config_dir() / USER_UNIVERSE_FILE


def load_additions(path: Path | None = None) -> UserAdditions:
    """The user's additions; none when the file does not exist yet.

    A damaged or newer-version file is an error naming the file (the user's
    custom tickers are never dropped silently).
    """
    path = path or user_universe_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return UserAdditions()
    except (OSError, UnicodeDecodeError) as exc:
        raise UniverseError(T("{path}: cannot read your universe file ({problem})", path=str(path), problem=str(exc))) from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UniverseError(T("{path}: not valid JSON ({problem}); fix or delete the file", path=str(path), problem=str(exc))) from None
    return _parse_additions(data, str(path))


def _parse_additions(data: Any, source: str) -> UserAdditions:
    if not isinstance(data, Mapping):
        raise UniverseError(T("{source}: expected a JSON object", source=source))
    if data.get("format") != USER_UNIVERSE_FORMAT:
        raise UniverseError(T("{source}: format must be {format}", source=source, format=repr(USER_UNIVERSE_FORMAT)))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UniverseError(T("{source}: version must be a positive integer", source=source))
    if version > USER_UNIVERSE_VERSION:
        raise UniverseError(
            T("{source}: version {version} was written by a newer Allocator (this one reads up to "
              "{newest}); update Allocator", source=source, version=version, newest=USER_UNIVERSE_VERSION)
        )
    raw_themes = data.get("themes", {})
    raw_assets = data.get("assets", [])
    if not isinstance(raw_themes, Mapping):
        raise UniverseError(T("{source}: themes must be an object", source=source))
    if not isinstance(raw_assets, list):
        raise UniverseError(T("{source}: assets must be a list", source=source))
    base = default_universe()
    # Validate by building the merged universe; parse_universe names the bad field.
    merged = {
        "themes": {**{t.key: t.to_dict() for t in base.themes}, **raw_themes},
        "assets": [a.to_dict() for a in base.assets],
    }
    warnings: list[str] = []
    extra_assets: list[dict] = []
    for i, a in enumerate(raw_assets):
        if isinstance(a, Mapping) and a.get("ticker") in base:
            warnings.append(T("{ticker} is now in the default universe; your copy is ignored", ticker=a.get("ticker")))
            continue
        if isinstance(a, Mapping):
            extra_assets.append(dict(a))
        else:
            raise UniverseError(T("{source}: assets[{i}]: expected an object", source=source, i=i))
    merged["assets"] = merged["assets"] + extra_assets
    universe = parse_universe(merged, source)
    themes = tuple(t for t in universe.themes if t.key in raw_themes and t.key not in base.theme_keys)
    for key in raw_themes:
        if key in base.theme_keys:
            warnings.append(T("theme {theme} is now in the default universe; your copy is ignored", theme=repr(key)))
    extra = {a["ticker"] for a in extra_assets}
    assets = tuple(replace(a, user_added=True) for a in universe.assets if a.ticker in extra)
    return UserAdditions(themes, assets, tuple(warnings))


def save_additions(additions: UserAdditions, path: Path | None = None) -> Path:
    """Save the additions atomically; returns the file written."""
    path = path or user_universe_path()
    text = json.dumps(additions.to_dict(), indent=2, ensure_ascii=False) + "\n"
    try:
        atomic_write_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise UniverseError(T("{path}: cannot save your universe ({problem})", path=str(path), problem=str(exc.strerror or exc))) from None
    return path


def merge(base: Universe, additions: UserAdditions) -> Universe:
    universe = base
    for t in additions.themes:
        if t.key not in universe.theme_keys:
            universe = universe.with_theme(t.key, t.name, t.description)
    for a in additions.assets:
        if a.ticker not in universe:
            universe = universe.with_asset(replace(a, user_added=True))
    return universe


def load_user_universe(path: Path | None = None) -> Universe:
    """The default universe plus the user's saved additions."""
    return merge(default_universe(), load_additions(path))


def normalize_ticker(ticker: str) -> str:
    """Yahoo tickers are case-insensitive; we keep them upper-case (as yfinance returns them)."""
    if not isinstance(ticker, str) or not ticker.strip():
        raise UniverseError(T("ticker must be non-empty text"))
    return ticker.strip().upper()


def add_custom_ticker(
    ticker: str,
    theme: str,
    *,
    name: str | None = None,
    country: str | None = None,
    currency: str | None = None,
    kind: str = "stock",
    theme_name: str | None = None,
    prices=None,
    path: Path | None = None,
) -> Universe:
    """Add ``ticker`` to the user's universe under ``theme`` and save; returns the new universe.

    ``theme`` may be new: it is created (named ``theme_name``).  Country and
    currency default from the suffix (``.T`` is Tokyo/JPY).  When ``prices``
    (a PriceHistory) is given the ticker must have prices in it - that is how
    a ticker is validated against data when data is available.
    """
    ticker = normalize_ticker(ticker)
    if ticker == FX_TICKER:
        raise UniverseError(T("{fx} is the USD/JPY rate, not an asset", fx=FX_TICKER))
    inferred_country, inferred_ccy = infer_country_currency(ticker)
    country = (country or inferred_country).upper()
    currency = (currency or inferred_ccy).upper()
    if prices is not None:
        from allocator.data.prices import label_text

        column = prices.prices.get(ticker) if ticker in prices.prices.columns else None
        if column is None or column.dropna().empty:
            raise UniverseError(T("ticker {ticker}: no prices for it in {source}; check the symbol on Yahoo Finance", ticker=repr(ticker), source=label_text(prices.label)))
    additions = load_additions(path)
    universe = merge(default_universe(), additions)
    themes = additions.themes
    if theme not in universe.theme_keys:
        universe = universe.with_theme(theme, theme_name or theme.replace("_", " ").title())
        themes = themes + (universe.theme(theme),)
    asset = Asset(ticker, name or ticker, country, currency, theme, kind, user_added=True)
    universe = universe.with_asset(asset)
    save_additions(UserAdditions(themes, additions.assets + (asset,)), path)
    return universe


def remove_custom_ticker(ticker: str, path: Path | None = None) -> Universe:
    """Remove a ticker the user added (default assets cannot be removed here)."""
    ticker = normalize_ticker(ticker)
    additions = load_additions(path)
    if ticker not in {a.ticker for a in additions.assets}:
        if ticker in default_universe():
            raise UniverseError(T("{ticker} is part of the default universe and cannot be removed", ticker=ticker))
        raise UniverseError(T("{ticker} is not one of your added tickers", ticker=ticker))
    kept = tuple(a for a in additions.assets if a.ticker != ticker)
    save_additions(UserAdditions(additions.themes, kept), path)
    return merge(default_universe(), UserAdditions(additions.themes, kept))
