"""Refresh the price cache from Yahoo Finance: the logic behind ``allocator fetch`` and the GUI's refresh.

``refresh_cache`` is Qt-free and safe to run in a worker thread: it reports
progress through ``progress(done, total, ticker)``, checks ``cancelled()``
between and during downloads, never raises for network trouble, and returns
a :class:`FetchReport` with a status and reason per ticker.

Policy:

* a ticker fetched less than ``grace`` seconds ago is not asked again
  (``force=True`` overrides) - repeated refreshes do not hammer Yahoo;
* a cached ticker is refreshed incrementally from ``overlap_days`` before its
  last cached date; if the overlapping prices differ (Yahoo rescales all
  earlier adjusted closes after each dividend or split) the ticker's whole
  history is downloaded again, so the cache never splices two adjustment
  levels together;
* a damaged cache file is dropped and the ticker downloaded in full;
* rate limits are retried with capped backoff, then the refresh stops and
  says so; a batch that does not answer in time stops the refresh too;
* results are written to the cache batch by batch, so a cancel or a stop
  keeps everything fetched so far;
* after the prices, the market capitalisations of the same tickers (the
  market-cap reference portfolio, DESIGN §10) are refreshed when older than
  ``CAP_MAX_AGE_DAYS`` (or missing: a user-added ticker), within what is left
  of the deadline; a ticker Yahoo has no figure for keeps the bundled one or,
  without one, equal weight inside its theme - the report says which.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Callable, Sequence, TextIO

import pandas as pd

from allocator.data.cache import PriceCache
from allocator.data.csv_import import _TICKER_RE
from allocator.data.yahoo import (
    Downloader,
    ProxyError,
    TickerFactory,
    download_market_caps,
    RetryPolicy,
    check_reachable,
    download_with_retry,
    proxy_from_env,
    yf_download,
)
from allocator.errors import AllocatorError, InputError
from allocator.text import T
from allocator.universe import FX_TICKER
from allocator.userdata import load_user_universe

#: First date asked for when a ticker is not cached yet.
DEFAULT_HISTORY_START = "2005-01-01"
#: Seconds after a download during which the same ticker is not asked again.
DEFAULT_GRACE = 6 * 3600.0
#: The whole refresh (every batch, retry and back-off) ends within this many seconds.
DEFAULT_DEADLINE = 90.0
#: Calendar days re-downloaded before the last cached date, to catch revisions.
DEFAULT_OVERLAP_DAYS = 10
#: Relative difference on the overlap above which the cached history counts as revised.
REVISION_TOLERANCE = 1e-6
#: Market capitalisations fetched less than this many days ago are not asked again.
CAP_MAX_AGE_DAYS = 7

Progress = Callable[[int, int, str], None]


class FetchStatus(str, Enum):
    UPDATED = "updated"  # new prices downloaded and cached
    CURRENT = "up to date"  # asked Yahoo; nothing new since the cache
    CACHED = "cached"  # downloaded recently (grace period); not asked again
    STALE = "stale"  # this refresh failed; older cached prices are kept
    FAILED = "failed"  # no prices at all
    SKIPPED = "not fetched"  # cancelled or stopped before its turn (nothing cached)

    @property
    def has_fresh_data(self) -> bool:
        return self in (FetchStatus.UPDATED, FetchStatus.CURRENT, FetchStatus.CACHED)


@dataclass(frozen=True)
class TickerResult:
    ticker: str
    status: FetchStatus
    rows: int = 0
    first: date | None = None
    last: date | None = None
    new_rows: int = 0
    message: str = ""


@dataclass(frozen=True)
class FetchReport:
    """Outcome of one refresh, ticker by ticker (in request order)."""

    results: tuple[TickerResult, ...]
    cancelled: bool = False
    stopped: str | None = None  # why the refresh stopped early, one line
    unreachable: bool = False  # Yahoo could not be reached at all
    elapsed: float = 0.0
    dropped: tuple[tuple[str, str], ...] = field(default=())  # damaged cache files found
    caps: "CapReport | None" = None  # market capitalisations (None: not refreshed this time)

    @property
    def ok(self) -> bool:
        return not self.cancelled and self.stopped is None and all(r.status.has_fresh_data for r in self.results)

    @property
    def exit_code(self) -> int:
        """0 when every ticker has fresh prices, else 4 (data unavailable)."""
        return 0 if self.ok else 4

    @property
    def failed(self) -> list[TickerResult]:
        return [r for r in self.results if not r.status.has_fresh_data]

    def result(self, ticker: str) -> TickerResult:
        for r in self.results:
            if r.ticker == ticker:
                return r
        raise KeyError(ticker)

    def summary(self) -> str:
        counts: dict[FetchStatus, int] = {}
        for r in self.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        parts = [f"{n} {s.value}" for s, n in counts.items()]
        head = f"{len(self.results)} tickers: " + ", ".join(parts)
        if self.cancelled:
            head += "; cancelled"
        if self.stopped:
            head += f"; stopped: {self.stopped}"
        return head


@dataclass(frozen=True)
class CapReport:
    """What a refresh did to the market capitalisations."""

    updated: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()  # (ticker, why)
    recent: int = 0  # fetched within CAP_MAX_AGE_DAYS: not asked again
    stopped: str | None = None
    without: tuple[str, ...] = ()  # no figure at all (neither fetched nor bundled): equal weight in the theme

    def summary(self) -> str:
        parts = []
        if self.updated:
            parts.append(f"{len(self.updated)} updated from Yahoo Finance")
        if self.recent:
            parts.append(f"{self.recent} fetched recently")
        if self.failed:
            parts.append(f"{len(self.failed)} not found ({', '.join(t for t, _ in self.failed[:6])}{' ...' if len(self.failed) > 6 else ''})")
        text = "market capitalisations: " + (", ".join(parts) or "nothing to do")
        if self.stopped:
            text += f"; stopped: {self.stopped}"
        if self.without:
            names = ", ".join(self.without[:6]) + (" ..." if len(self.without) > 6 else "")
            text += (
                f"; {names} {'has' if len(self.without) == 1 else 'have'} none yet: equal weight inside "
                f"{'its' if len(self.without) == 1 else 'their'} theme in the market-cap reference"
            )
        return text


def refresh_market_caps(
    tickers: Sequence[str],
    ticker_factory: TickerFactory | None = None,
    *,
    force: bool = False,
    today: date | None = None,
    timeout: float = 30.0,
    cancelled: Callable[[], bool] | None = None,
) -> CapReport:
    """Fetch the capitalisations of ``tickers`` older than ``CAP_MAX_AGE_DAYS`` and store them (user cache)."""
    from allocator.marketcaps import MarketCap, bundled_caps, fetched_caps, store_fetched_caps

    today = today or date.today()
    have = fetched_caps()
    wanted = [t for t in dict.fromkeys(tickers) if t != FX_TICKER]
    todo, recent = [], 0
    for t in wanted:
        c = have.get(t)
        try:
            age = (today - date.fromisoformat(c.as_of)).days if c is not None else None
        except ValueError:
            age = None
        if not force and age is not None and 0 <= age < CAP_MAX_AGE_DAYS:
            recent += 1
        else:
            todo.append(t)
    batch = download_market_caps(todo, ticker_factory, timeout=timeout, cancelled=cancelled) if todo else None
    new = {}
    if batch is not None:
        new = {t: MarketCap(v, ccy, today.isoformat(), "Yahoo Finance") for t, (v, ccy) in batch.caps.items()}
        try:
            store_fetched_caps(new)
        except OSError as exc:
            return CapReport(stopped=f"cannot store them: {exc}")
    known = set(have) | set(new) | set(bundled_caps().caps)
    return CapReport(
        updated=tuple(t for t in todo if t in new),
        failed=tuple(sorted(batch.errors.items())) if batch is not None else (),
        recent=recent,
        stopped=batch.stopped if batch is not None else None,
        without=tuple(t for t in wanted if t not in known),
    )


def _resolve_tickers(tickers: Sequence[str] | None) -> list[str]:
    if tickers is None:
        wanted = load_user_universe().tickers
    else:
        wanted = []
        for t in tickers:
            if not isinstance(t, str) or not t.strip():
                raise InputError(T("--tickers: empty ticker"))
            t = t.strip().upper()
            if not _TICKER_RE.match(t):
                raise InputError(T("--tickers: {ticker} is not a valid Yahoo ticker", ticker=repr(t)))
            wanted.append(t)
    out: list[str] = []
    for t in [*wanted, FX_TICKER]:
        if t not in out:
            out.append(t)
    return out


_CANCELLED = object()


def _ask_reachable(reachable: Callable[[], str | None], cancelled: Callable[[], bool] | None):
    """``reachable()``, or ``_CANCELLED`` as soon as ``cancelled()`` turns true (the probe may take seconds).

    The probe runs in a daemon thread, so a cancel is honoured within ~0.1 s
    even while the probe waits on a silent proxy; the abandoned probe ends by
    its own timeout.
    """
    if cancelled is None:
        return reachable()
    box: list = []

    def probe() -> None:
        try:
            box.append((reachable(), None))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            box.append((None, exc))

    t = threading.Thread(target=probe, name="allocator-reachable", daemon=True)
    t.start()
    while t.is_alive():
        t.join(0.05)
        if t.is_alive() and cancelled():
            return _CANCELLED
    value, exc = box[0]
    if exc is not None:
        raise exc
    return value


def _revised(old: pd.Series, new: pd.Series) -> bool | None:
    """True when ``new`` disagrees with ``old`` on their common dates; None when they share none."""
    common = old.index.intersection(new.index)
    if len(common) == 0:
        return None
    a = old.loc[common].to_numpy()
    b = new.loc[common].to_numpy()
    return bool((abs(b / a - 1.0) > REVISION_TOLERANCE).any())


def refresh_cache(
    tickers: Sequence[str] | None = None,
    *,
    cache: PriceCache | None = None,
    downloader: Downloader | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    force: bool = False,
    grace: float = DEFAULT_GRACE,
    history_start: str | date = DEFAULT_HISTORY_START,
    overlap_days: int = DEFAULT_OVERLAP_DAYS,
    batch_size: int = 10,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
    timeout: float = 10.0,
    batch_timeout: float = 60.0,
    deadline: float = DEFAULT_DEADLINE,
    reachable: Callable[[], str | None] | None = None,
    ticker_factory: TickerFactory | None = None,
    caps: bool | None = None,
) -> FetchReport:
    """Bring the cache up to date for ``tickers`` (None: the user's universe); JPY=X is always included.

    ``downloader`` defaults to yfinance (and then a quick reachability probe
    runs first, so an offline machine fails in seconds); tests pass a fake
    with ``yf.download``'s signature and result shape.  ``reachable`` may
    replace the probe (return None when reachable, else a reason).
    ``caps`` (default: with the real downloader, or when ``ticker_factory``
    - a fake ``yfinance.Ticker`` - is given) also refreshes the market
    capitalisations once the prices are in.
    """
    started = time.monotonic()
    give_up_at = started + deadline  # one deadline for the whole refresh, not per ticker or batch
    wanted = _resolve_tickers(tickers)
    if downloader is None:
        try:
            proxy_from_env()
        except ProxyError as exc:
            raise InputError(str(exc)) from None
    cache = cache or PriceCache()
    real = downloader is None
    downloader = downloader or yf_download
    if reachable is None and real:
        reachable = check_reachable
    policy = policy or RetryPolicy()
    now = clock()
    start_full = pd.Timestamp(history_start)
    total = len(wanted)
    done = 0
    results: dict[str, TickerResult] = {}
    old: dict[str, pd.Series] = {}

    def finish(r: TickerResult) -> None:
        nonlocal done
        results[r.ticker] = r
        done += 1
        if progress is not None:
            try:
                progress(done, total, r.ticker)
            except Exception:  # a broken progress hook must not lose the download
                pass

    def from_entry(t: str, status: FetchStatus, message: str = "", new_rows: int = 0) -> TickerResult:
        s = old.get(t)
        if s is None or s.empty:
            return TickerResult(t, FetchStatus.FAILED if status is FetchStatus.STALE else status, message=message)
        return TickerResult(t, status, len(s), s.index[0].date(), s.index[-1].date(), new_rows, message)

    # 1. What needs asking: group by start date (incremental tickers share one).
    groups: dict[pd.Timestamp, list[str]] = {}
    dropped_before = len(cache.dropped)
    for t in wanted:
        entry = cache.read(t)
        if entry is not None:
            old[t] = entry.prices
            if not force and 0 <= now - entry.fetched_at < grace:
                finish(from_entry(t, FetchStatus.CACHED, "fetched recently; not asked again"))
                continue
            start = max(entry.last - pd.Timedelta(days=overlap_days), start_full)
            if entry.first > start_full + pd.Timedelta(days=7) and force:
                start = start_full  # a forced refresh also fills a short history's beginning
        else:
            start = start_full
        groups.setdefault(start, []).append(t)
    dropped = tuple(cache.dropped[dropped_before:])
    dropped_names = {t for t, _ in dropped}

    queue: list[tuple[pd.Timestamp, list[str]]] = []
    for start in sorted(groups):
        members = groups[start]
        for i in range(0, len(members), batch_size):
            queue.append((start, members[i : i + batch_size]))

    stopped: str | None = None
    unreachable = False
    was_cancelled = False

    def stop_all(reason_status: str, pending: Sequence[str]) -> None:
        for t in pending:
            if t in results:
                continue
            finish(from_entry(t, FetchStatus.STALE if t in old else FetchStatus.SKIPPED, reason_status))

    if queue and reachable is not None:
        reason = _ask_reachable(reachable, cancelled)
        if reason is _CANCELLED:
            was_cancelled = True
            stop_all("cancelled", [t for _, batch in queue for t in batch])
            queue = []
        elif reason is not None:
            stopped = f"cannot reach Yahoo Finance: {reason}"
            unreachable = True
            stop_all(stopped, [t for _, batch in queue for t in batch])
            queue = []

    while queue:
        start, batch = queue.pop(0)
        pending = [t for _, b in [(start, batch), *queue] for t in b]
        if cancelled is not None and cancelled():
            was_cancelled = True
            stop_all("cancelled", pending)
            break
        if time.monotonic() - started > deadline:
            stopped = f"time limit of {deadline:g} s reached; run the refresh again to continue"
            stop_all(stopped, pending)
            break
        res = download_with_retry(
            batch,
            start,
            downloader=downloader,
            policy=policy,
            sleep=sleep,
            cancelled=cancelled,
            timeout=timeout,
            batch_timeout=batch_timeout,
            give_up_at=give_up_at,
        )
        if not res.prices and res.errors and reachable is not None and not (
            res.network_error or res.rate_limited or res.timed_out or res.cancelled
        ):
            # Every ticker failed: yfinance words a dropped connection as "possibly delisted;
            # no timezone found", so ask the network before blaming the tickers.
            reason = _ask_reachable(reachable, cancelled)
            if reason is _CANCELLED:
                res.cancelled = True
            elif reason is not None:
                res.network_error = reason
        fetched_at = clock()
        refetch: list[str] = []
        for t in batch:
            s_new = res.prices.get(t)
            if s_new is None:
                continue
            s_old = old.get(t)
            try:
                if s_old is None or start <= start_full:
                    cache.write(t, s_new, fetched_at)
                    old[t] = cache_series(s_new)
                    note = "damaged cache file replaced" if t in dropped_names else ""
                    finish(from_entry(t, FetchStatus.UPDATED, note, new_rows=len(old[t])))
                    continue
                revised = _revised(s_old, s_new)
                if revised is None or revised:
                    refetch.append(t)  # Yahoo revised the history (or we cannot tell): take it all again
                    continue
                merged = pd.concat([s_old[s_old.index < s_new.index[0]], s_new])
                added = int((s_new.index > s_old.index[-1]).sum())
                cache.write(t, merged, fetched_at)
                old[t] = cache_series(merged)
                finish(from_entry(t, FetchStatus.UPDATED if added else FetchStatus.CURRENT, new_rows=added))
            except AllocatorError as exc:
                finish(from_entry(t, FetchStatus.STALE, str(exc)))
        # A ticker with an empty incremental answer is simply up to date (weekend, holiday) ...
        for t in batch:
            if t in results or t in refetch or t in res.prices:
                continue
            reason = res.errors.get(t, "no prices returned")
            if t in old and start > start_full and not (res.rate_limited or res.timed_out or res.cancelled or res.network_error):
                if "no prices returned" in reason or "no data" in reason.lower() or "no price data" in reason.lower():
                    cache.touch(t, fetched_at)
                    finish(from_entry(t, FetchStatus.CURRENT, "no new prices"))
                    continue
            if res.cancelled or res.rate_limited or res.timed_out or res.network_error:
                continue  # handled below, together with the rest of the queue
            finish(from_entry(t, FetchStatus.STALE if t in old else FetchStatus.FAILED, reason))
        if refetch:
            queue.insert(0, (start_full, refetch))
        if res.cancelled:
            was_cancelled = True
            stop_all("cancelled", [t for t in batch] + [t for _, b in queue for t in b])
            break
        if res.rate_limited or res.timed_out or res.network_error:
            if res.rate_limited:
                stopped = (
                    f"Yahoo Finance is rate-limiting requests (still after {policy.retries} retries); "
                    "try again in a few minutes"
                )
            elif res.timed_out and time.monotonic() >= give_up_at - 0.5:
                stopped = f"Yahoo Finance did not answer within the time limit of {deadline:g} s for the whole refresh"
            elif res.timed_out:
                stopped = f"Yahoo Finance did not answer within {batch_timeout:g} s"
            else:
                stopped = f"cannot reach Yahoo Finance: {res.network_error}"
                unreachable = not any(r.status in (FetchStatus.UPDATED, FetchStatus.CURRENT) for r in results.values())
            stop_all(stopped, [t for t in batch] + [t for _, b in queue for t in b])
            break

    cap_report = None
    if caps is None:
        caps = real or ticker_factory is not None
    left = give_up_at - time.monotonic()
    if caps and not (was_cancelled or unreachable or stopped) and left > 1.0:
        cap_report = refresh_market_caps(
            wanted, ticker_factory, force=force, timeout=min(left, 30.0), cancelled=cancelled
        )
    ordered = tuple(results[t] for t in wanted)
    return FetchReport(
        ordered,
        cancelled=was_cancelled,
        stopped=stopped,
        unreachable=unreachable,
        elapsed=time.monotonic() - started,
        dropped=dropped,
        caps=cap_report,
    )


def cache_series(s: pd.Series) -> pd.Series:
    """The series as the cache stores it (for the report's rows/first/last)."""
    s = s.dropna()
    return s[s > 0]


# -- the `allocator fetch` command --------------------------------------------


def format_report(report: FetchReport) -> str:
    """A per-ticker table: ticker, status, rows, first, last, new rows, note."""
    head = ("ticker", "status", "rows", "first", "last", "new", "note")
    rows = [
        (
            r.ticker,
            r.status.value,
            str(r.rows) if r.rows else "-",
            str(r.first) if r.first else "-",
            str(r.last) if r.last else "-",
            str(r.new_rows) if r.new_rows else "-",
            r.message,
        )
        for r in report.results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(head)]
    lines = []
    for row in [head, *rows]:
        cells = [row[i].ljust(widths[i]) if i in (0, 1, 3, 4, 6) else row[i].rjust(widths[i]) for i in range(len(head))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def run_fetch(
    tickers: list[str] | None,
    out: TextIO,
    *,
    downloader: Downloader | None = None,
    err: TextIO | None = None,
    force: bool = False,
    **options,
) -> int:
    """``allocator fetch``: refresh the cache, print a per-ticker summary, return the exit code.

    0 when every ticker has fresh prices; 4 when any has none (failed,
    stale, not fetched) or Yahoo could not be reached - then a one-line
    reason goes to ``err`` (stderr).  Bad tickers raise InputError (exit 2).
    """
    err = err if err is not None else sys.stderr
    cache = options.pop("cache", None) or PriceCache()
    report = refresh_cache(tickers, cache=cache, downloader=downloader, force=force, **options)
    if report.unreachable:
        cached = sum(1 for r in report.results if r.rows)
        print(f"allocator fetch: {report.stopped}", file=err)
        print(
            f"price cache unchanged ({cached} of {len(report.results)} tickers cached, in {cache.root})", file=out
        )
        return 4
    print(format_report(report), file=out)
    print(f"\n{report.summary()} in {report.elapsed:.1f} s; cache: {cache.root}", file=out)
    if report.caps is not None:
        print(report.caps.summary(), file=out)
    for t, why in report.dropped:
        print(f"note: the cache file of {t} was damaged ({why}); it was dropped and downloaded again", file=out)
    if report.stopped:
        print(f"allocator fetch: {report.stopped}", file=err)
    elif not report.ok:
        bad = report.failed
        names = ", ".join(r.ticker for r in bad[:10]) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
        print(f"allocator fetch: no fresh prices for {names}", file=err)
    return report.exit_code
