"""Price sources behind one small interface, and ``open_source`` which picks one.

``open_source(spec, tickers)`` is what the CLI and the GUI call:

* ``"sample"`` - the bundled simulated sample;
* ``"csv:PATH"`` - a CSV file (or a folder of them) in yfinance's, a wide or
  a long layout (see ``allocator.data.csv_import``);
* ``"cache"`` - the local price cache (Yahoo downloads);
* ``"yahoo"`` - refresh the cache from Yahoo Finance, then read it; fails
  fast with a DataError when Yahoo cannot be reached;
* ``None`` - the cache when it holds every ticker and JPY=X, else the
  sample; ``warnings`` says which was used and why.

``tickers=None`` means the user's universe (default plus custom tickers) for
the cache, Yahoo and the default choice, and "everything in the file" for CSV
and "everything in the sample" for the sample.  Every source returns a
:class:`PriceHistory`; every failure is an InputError (bad spec or file,
exit 2) or a DataError (no data, exit 4).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Sequence


from allocator.data.cache import PriceCache
from allocator.data.csv_import import check_extreme_moves, import_prices
from allocator.data.prices import PriceHistory
from allocator.data.sample import load_sample
from allocator.text import T, Text
from allocator.errors import DataError, InputError
from allocator.universe import FX_TICKER

SPECS = ("sample", "cache", "yahoo", "csv:PATH")


def load_csv(path: str | Path, tickers: Sequence[str] | None = None) -> PriceHistory:
    """Prices from a CSV file or a folder of CSV files (any supported layout).

    Missing JPY=X is taken from the price cache when it has it (with a
    warning) - never from the simulated sample, whose numbers are not real.
    A one-day move by a factor of 10 or more is an error (exit 2, naming the
    row) unless the user accepted it (``csv_import.accept_moves`` or
    ``--accept-outliers``); smaller outlier moves are a warning.
    """
    path = Path(path)
    imported = import_prices(path)
    check_extreme_moves(imported)
    frame = imported.frame
    warnings = list(imported.warnings)
    label = f"CSV: {path.name}"
    if tickers is not None:
        missing = [t for t in tickers if t not in frame.columns]
        if missing:
            held = sorted(t for t in frame.columns if t != FX_TICKER)
            if len(missing) > 1:
                raise DataError(T("{file}: no prices for {tickers} in the CSV data (of {n} asked for); it holds {held}",
                                  file=str(path), tickers=_names(missing), n=len(tickers), held=_names(held)))
            raise DataError(T("{file}: no prices for {tickers} in the CSV data; it holds {held}",
                              file=str(path), tickers=_names(missing), held=_names(held)))
    if FX_TICKER not in frame.columns:
        fx = PriceCache().read(FX_TICKER)
        if fx is not None:
            frame = frame.join(fx.prices.rename(FX_TICKER), how="outer")
            warnings.append(T("{file} has no {fx} column; USD/JPY taken from the price cache", file=path.name, fx=FX_TICKER))
        else:
            warnings.append(T("{file} has no {fx} (USD/JPY) column; add one to translate currencies", file=path.name, fx=FX_TICKER))
    history = PriceHistory.from_frame(frame, "csv", label, warnings=warnings)
    return history.select(list(tickers)) if tickers is not None else history


def _names(tickers: Sequence[str], limit: int = 8) -> str:
    """"A, B, C and 12 more" - error messages stay one readable line."""
    if not tickers:
        return T("nothing")
    shown = ", ".join(tickers[:limit])
    return T("{shown} and {more} more", shown=shown, more=len(tickers) - limit) if len(tickers) > limit else shown


def _universe_tickers() -> list[str]:
    from allocator.userdata import load_user_universe

    return load_user_universe().tickers


def _with_warning(history: PriceHistory, *notes: str) -> PriceHistory:
    return replace(history, warnings=tuple(history.warnings) + tuple(n for n in notes if n))


def _default(tickers: Sequence[str] | None) -> PriceHistory:
    wanted = list(tickers) if tickers is not None else _universe_tickers()
    cache = PriceCache()
    why: str
    try:
        history = cache.load(wanted, partial=True)
    except DataError as exc:
        message = getattr(exc, "message", None)
        if isinstance(message, Text) and "why" in message.params:
            why = message.params["why"]  # the reason alone, translatable
        else:
            why = str(exc).replace("; run `allocator fetch` to download them", "").replace(
                "; run `allocator fetch` to download prices", ""
            )
    else:
        # One damaged or unreadable file costs that ticker, not the real prices of the
        # rest; a cache that merely lacks tickers (never fetched) still means the sample.
        lacking = [t for t in wanted if t not in history.prices.columns]
        explained = {t for t, _ in (*cache.dropped, *cache.unreadable)}
        if lacking and not set(lacking) <= explained:
            why = T("the price cache has no prices for {tickers}", tickers=_names(lacking))
            if cache.problems():
                why = T("{why} ({problems})", why=why, problems="; ".join(cache.problems()[:3]))
        elif history.fx is not None:
            return _with_warning(
                history, T("using cached Yahoo Finance prices (to {date}); `allocator fetch` refreshes them", date=history.as_of)
            )
        else:
            why = T("the price cache has no {fx} (USD/JPY)", fx=FX_TICKER)
    sample = load_sample(None)
    note = T("using the simulated sample because {why}; run `allocator fetch` for real prices", why=why)
    if tickers is None:
        have = [t for t in wanted if t in sample.prices.columns]
        lost = [t for t in wanted if t not in sample.prices.columns]
        if lost:
            note = T("{note}; the sample has no prices for {tickers}, left out", note=note, tickers=", ".join(lost))
        return _with_warning(sample.select(have), note)
    return _with_warning(sample.select(wanted), note)


def _yahoo(tickers: Sequence[str] | None) -> PriceHistory:
    from allocator.data.fetch import refresh_cache

    wanted = list(tickers) if tickers is not None else _universe_tickers()
    cache = PriceCache()
    report = refresh_cache(wanted, cache=cache)
    if report.unreachable:
        raise DataError(report.stopped or T("cannot reach Yahoo Finance"))
    lost = [r for r in report.failed if not r.rows]
    if lost:
        names = _names([r.ticker for r in lost])
        if lost[0].message:
            raise DataError(T("Yahoo Finance gave no prices for {tickers}: {why}", tickers=names, why=lost[0].message))
        raise DataError(T("Yahoo Finance gave no prices for {tickers}", tickers=names))
    notes = []
    for r in report.failed:
        if r.rows:
            notes.append(T("{ticker}: refresh failed ({why}); using cached prices to {last}", ticker=r.ticker, why=r.message, last=r.last))
    if report.stopped:
        notes.append(report.stopped)
    history = cache.load(wanted, warnings=notes)
    return replace(history, source="yahoo", label="Yahoo Finance")


def open_source(spec: str | None, tickers: Sequence[str] | None = None) -> PriceHistory:
    """Load prices for ``tickers`` from the source named by ``spec`` (see module doc)."""
    if spec is None:
        return _default(tickers)
    if not isinstance(spec, str):
        raise InputError(T("--data: expected text, got {kind}", kind=type(spec).__name__))
    spec = spec.strip()
    if spec == "sample":
        return load_sample(tickers)
    if spec.startswith("csv:"):
        path = spec[4:].strip()
        if not path:
            raise InputError(T("--data csv:PATH needs a file or folder after 'csv:'"))
        return load_csv(Path(path).expanduser(), tickers)
    if spec == "cache":
        return PriceCache().load(tickers)
    if spec == "yahoo":
        return _yahoo(tickers)
    raise InputError(T("unknown data source {spec}; use sample, cache, yahoo or csv:PATH", spec=repr(spec)))
