"""Themes and assets: the universe the optimiser allocates across.

The default universe lives in ``resources/universe.toml``; users add tickers
and themes on top of it (the default file is never modified in place).  A
universe is immutable: adding an asset returns a new one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

from allocator.errors import UniverseError
from allocator.bundled import resource
from allocator.text import T

COUNTRIES = ("US", "JP")
CURRENCIES = ("USD", "JPY")
KINDS = ("stock", "etf")
#: The currency each country's listings trade in (used to infer a currency).
COUNTRY_CURRENCY = {"US": "USD", "JP": "JPY"}
#: Yahoo's USD/JPY series: yen per one US dollar.
FX_TICKER = "JPY=X"

_TICKER_RE = re.compile(r"^[A-Za-z0-9^][A-Za-z0-9.\-=^]{0,19}$")
_THEME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def localized(english: str, japanese: str, language: str) -> str:
    """The name to show in ``language`` (``ja`` shows the Japanese form when there is one)."""
    return japanese if language == "ja" and japanese else english


def _default_japanese(kind: str, key: str, english: str) -> str:
    """The default universe's Japanese name for a theme/asset that kept its default English name.

    Japanese names are for display only: allocation files keep the English
    names (their format is unchanged), so a loaded file's assets find their
    Japanese names here.  A renamed asset keeps the user's name.
    """
    try:
        u = default_universe()
    except Exception:  # noqa: BLE001 - a display nicety never fails the caller
        return ""
    if kind == "theme":
        t = next((t for t in u.themes if t.key == key), None)
        return t.name_ja if t is not None and t.name == english else ""
    a = u._index.get(key)
    return a.name_ja if a is not None and a.name == english else ""


@dataclass(frozen=True)
class Theme:
    key: str
    name: str
    description: str = ""
    # the name shown in Japanese (DESIGN §13; empty: the English name).  Display
    # only: not written to files and not part of equality.
    name_ja: str = field(default="", compare=False)
    description_ja: str = field(default="", compare=False)

    def display_name(self, language: str = "en") -> str:
        if language != "ja":
            return self.name
        return localized(self.name, self.name_ja or _default_japanese("theme", self.key, self.name), language)

    def display_description(self, language: str = "en") -> str:
        if language != "ja" or not self.description:
            return self.description
        ja = self.description_ja
        if not ja and _default_japanese("theme", self.key, self.name):
            ja = next((t.description_ja for t in default_universe().themes if t.key == self.key and t.description == self.description), "")
        return localized(self.description, ja, language)

    def to_dict(self) -> dict[str, Any]:  # display names stay out of files (formats unchanged)
        return {"name": self.name, "description": self.description}


@dataclass(frozen=True)
class Asset:
    ticker: str
    name: str
    country: str
    currency: str
    theme: str
    kind: str = "stock"
    user_added: bool = False
    name_ja: str = field(default="", compare=False)  # display only, like Theme.name_ja

    def display_name(self, language: str = "en") -> str:
        if language != "ja":
            return self.name
        return localized(self.name, self.name_ja or _default_japanese("asset", self.ticker, self.name), language)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "ticker": self.ticker,
            "name": self.name,
            "country": self.country,
            "currency": self.currency,
            "theme": self.theme,
            "kind": self.kind,
        }
        if self.user_added:
            d["user_added"] = True
        return d


def infer_country_currency(ticker: str) -> tuple[str, str]:
    """Country and currency a Yahoo ticker trades in, from its suffix (``.T`` is Tokyo)."""
    if ticker.upper().endswith(".T"):
        return "JP", "JPY"
    return "US", "USD"


@dataclass(frozen=True)
class Universe:
    themes: tuple[Theme, ...]
    assets: tuple[Asset, ...]
    _index: dict[str, Asset] = field(default=None, repr=False, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {a.ticker: a for a in self.assets})

    # -- lookups ---------------------------------------------------------
    @property
    def tickers(self) -> list[str]:
        return [a.ticker for a in self.assets]

    @property
    def theme_keys(self) -> list[str]:
        return [t.key for t in self.themes]

    def asset(self, ticker: str) -> Asset:
        try:
            return self._index[ticker]
        except KeyError:
            raise UniverseError(T("unknown ticker {ticker}; it is not in the universe", ticker=repr(ticker))) from None

    def __contains__(self, ticker: object) -> bool:
        return ticker in self._index

    def theme(self, key: str) -> Theme:
        for t in self.themes:
            if t.key == key:
                return t
        known = ", ".join(self.theme_keys)
        raise UniverseError(T("unknown theme {theme}; known themes: {known}", theme=repr(key), known=known))

    def members(self, theme_key: str) -> list[Asset]:
        return [a for a in self.assets if a.theme == theme_key]

    def currencies(self) -> list[str]:
        return sorted({a.currency for a in self.assets})

    def subset(self, tickers: Iterable[str]) -> "Universe":
        """The universe restricted to ``tickers`` (themes kept, order of the universe)."""
        keep = set(tickers)
        for t in keep:
            self.asset(t)
        return Universe(self.themes, tuple(a for a in self.assets if a.ticker in keep))

    # -- user additions --------------------------------------------------
    def with_theme(self, key: str, name: str, description: str = "") -> "Universe":
        if not _THEME_RE.match(key):
            raise UniverseError(
                T("theme key {key} must be lower-case letters, digits and underscores, starting with a letter", key=repr(key))
            )
        if key in self.theme_keys:
            raise UniverseError(T("theme {theme} already exists", theme=repr(key)))
        return replace(self, themes=self.themes + (Theme(key, name or key, description),))

    def with_asset(self, asset: Asset) -> "Universe":
        _check_asset(asset, set(self.theme_keys), T("asset {ticker}", ticker=repr(asset.ticker)))
        if asset.ticker in self._index:
            raise UniverseError(T("ticker {ticker} is already in the universe", ticker=repr(asset.ticker)))
        return replace(self, assets=self.assets + (asset,))

    def without_asset(self, ticker: str) -> "Universe":
        self.asset(ticker)
        return replace(self, assets=tuple(a for a in self.assets if a.ticker != ticker))

    # -- (de)serialisation -----------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "themes": {t.key: t.to_dict() for t in self.themes},
            "assets": [a.to_dict() for a in self.assets],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "universe") -> "Universe":
        return parse_universe(data, source)


def _check_asset(asset: Asset, theme_keys: set[str], where: str) -> None:
    if not isinstance(asset.ticker, str) or not _TICKER_RE.match(asset.ticker):
        raise UniverseError(T("{where}: ticker {ticker} is not a valid Yahoo ticker", where=where, ticker=repr(asset.ticker)))
    if asset.ticker == FX_TICKER:
        raise UniverseError(T("{where}: {fx} is the USD/JPY rate, not an asset", where=where, fx=FX_TICKER))
    if asset.country not in COUNTRIES:
        raise UniverseError(T("{where}: country {country} must be one of {choices}", where=where, country=repr(asset.country), choices=", ".join(COUNTRIES)))
    if asset.currency not in CURRENCIES:
        raise UniverseError(T("{where}: currency {currency} must be one of {choices}", where=where, currency=repr(asset.currency), choices=", ".join(CURRENCIES)))
    if asset.kind not in KINDS:
        raise UniverseError(T("{where}: kind {kind} must be one of {choices}", where=where, kind=repr(asset.kind), choices=", ".join(KINDS)))
    if asset.theme not in theme_keys:
        raise UniverseError(T("{where}: theme {theme} is not defined in [themes]", where=where, theme=repr(asset.theme)))
    if not isinstance(asset.name, str) or not asset.name.strip():
        raise UniverseError(T("{where}: name must be a non-empty string", where=where))


def parse_universe(data: Mapping[str, Any], source: str = "universe") -> Universe:
    """Validate a universe mapping (from TOML or an allocation file)."""
    if not isinstance(data, Mapping):
        raise UniverseError(T("{source}: expected a table of themes and assets", source=source))
    raw_themes = data.get("themes")
    if not isinstance(raw_themes, Mapping) or not raw_themes:
        raise UniverseError(T("{source}: [themes] is missing or empty", source=source))
    themes = []
    for key, t in raw_themes.items():
        if not isinstance(key, str) or not _THEME_RE.match(key):
            raise UniverseError(T("{source}: theme key {key} must be lower-case letters, digits and underscores", source=source, key=repr(key)))
        if not isinstance(t, Mapping):
            raise UniverseError(T("{source}: theme {theme} must be a table with a name", source=source, theme=repr(key)))
        name = t.get("name", key)
        desc = t.get("description", "")
        name_ja = t.get("name_ja", "")
        desc_ja = t.get("description_ja", "")
        if not all(isinstance(v, str) for v in (name, desc, name_ja, desc_ja)):
            raise UniverseError(T("{source}: theme {theme}: name, description, name_ja and description_ja must be text", source=source, theme=repr(key)))
        themes.append(Theme(key, name, desc, name_ja, desc_ja))
    theme_keys = {t.key for t in themes}

    raw_assets = data.get("assets")
    if not isinstance(raw_assets, list) or not raw_assets:
        raise UniverseError(T("{source}: [[assets]] is missing or empty", source=source))
    assets: list[Asset] = []
    seen: set[str] = set()
    for i, a in enumerate(raw_assets):
        where = f"{source}: assets[{i}]"
        if not isinstance(a, Mapping):
            raise UniverseError(T("{where}: expected a table", where=where))
        ticker = a.get("ticker")
        if isinstance(ticker, str):
            where += f" ({ticker})"
        missing = [k for k in ("ticker", "name", "theme") if k not in a]
        if missing:
            raise UniverseError(T("{where}: missing {fields}", where=where, fields=", ".join(missing)))
        unknown = set(a) - {"ticker", "name", "name_ja", "country", "currency", "theme", "kind", "user_added"}
        if unknown:
            raise UniverseError(T("{where}: unknown field(s) {fields}", where=where, fields=", ".join(sorted(map(str, unknown)))))
        country, currency = infer_country_currency(str(ticker))
        asset = Asset(
            ticker=ticker,
            name=a.get("name"),
            country=a.get("country", country),
            currency=a.get("currency", currency),
            theme=a.get("theme"),
            kind=a.get("kind", "stock"),
            user_added=bool(a.get("user_added", False)),
            name_ja=a.get("name_ja", ""),
        )
        if not isinstance(asset.name_ja, str):
            raise UniverseError(T("{where}: name_ja must be text", where=where))
        _check_asset(asset, theme_keys, where)
        if asset.ticker in seen:
            raise UniverseError(T("{where}: duplicate ticker {ticker}", where=where, ticker=repr(asset.ticker)))
        seen.add(asset.ticker)
        assets.append(asset)
    return Universe(tuple(themes), tuple(assets))


def load_universe(path: str | Path) -> Universe:
    """Load and validate a universe TOML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UniverseError(T("{path}: cannot read universe file ({problem})", path=str(path), problem=str(exc.strerror or exc))) from None
    except UnicodeDecodeError:
        raise UniverseError(T("{path}: not a UTF-8 text file", path=str(path))) from None
    return _parse_toml(text, str(path))


def _parse_toml(text: str, source: str) -> Universe:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UniverseError(T("{source}: not valid TOML ({problem})", source=source, problem=str(exc))) from None
    return parse_universe(data, source)


_DEFAULT: Universe | None = None


def default_universe() -> Universe:
    """The bundled default universe (parsed once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = _parse_toml(resource("universe.toml").read_text(encoding="utf-8"), "universe.toml")
    return _DEFAULT
