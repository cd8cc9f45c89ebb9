"""Yahoo Finance through yfinance - the only module that imports yfinance.

yfinance is imported lazily (it costs ~1 s) and only when a download really
happens.  This module deals with yfinance as it really behaves (checked
against yfinance 1.7):

* ``yf.download`` catches per-ticker exceptions itself: a failed ticker comes
  back as an all-NaN (or missing) column and its reason is only *logged* on
  the ``yfinance`` logger (``"['FOO']: YFPricesMissingError(...)"``).  We
  capture those log records to report a reason per ticker (and keep
  yfinance's own chatter off the user's terminal).
* Rate limiting surfaces either as ``YFRateLimitError`` raised (older/other
  code paths) or as that error's text in the log; both count as "rate
  limited" and are retried with capped backoff by the caller.
* Columns are a MultiIndex ``(Price, Ticker)``, sorted (request order is not
  kept), tickers upper-cased; ``Close`` is adjusted by default
  (``auto_adjust=True``); ``Adj Close`` exists only with ``auto_adjust=False``.
* The index is tz-naive for daily bars (``ignore_tz``), but we strip any tz
  and normalise to midnight anyway.
* Every HTTP request has a ``timeout``; the whole call additionally runs in a
  daemon thread with a watchdog so a stuck download can be abandoned (and a
  cancel honoured) instead of hanging the app.
"""

from __future__ import annotations

import ast
import logging
import os
import re
import socket
import threading
import time
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from allocator.text import T

#: ``downloader(tickers, **kwargs) -> DataFrame``, shaped like ``yfinance.download``'s result.
Downloader = Callable[..., pd.DataFrame]

YAHOO_HOST = "query2.finance.yahoo.com"
_RATE_LIMIT_RE = re.compile(r"rate ?limit|too many requests|YFRateLimitError", re.I)
_NETWORK_RE = re.compile(
    r"resolve host|name or service not known|nodename nor servname|temporary failure in name resolution|"
    r"connection (?:refused|reset|aborted|error)|failed to (?:perform|connect)|network is unreachable|"
    r"no route to host|timed? ?out|timeout|ssl|proxy|curl: \(\d+\)|max retries exceeded",
    re.I,
)
_LOG_LINE_RE = re.compile(r"^\s*(\[.*?\])\s*:\s*(.*)$", re.S)


def yf_download(tickers: Sequence[str], **kwargs: Any) -> pd.DataFrame:
    """The real downloader: ``yfinance.download`` (imported here, on first use)."""
    import yfinance  # noqa: PLC0415 - deliberately lazy

    _keep_yfinance_caches_with_ours(yfinance)
    _daemon_threads_for_yfinance()
    # yfinance's own deprecation chatter (e.g. pandas 3 "inplace") is not for our users.
    warnings.filterwarnings("ignore", module=r"yfinance(\.|$)")
    return yfinance.download(list(tickers), **kwargs)


def _daemon_threads_for_yfinance() -> None:
    """yfinance's per-ticker threads (``multitasking``) as daemons: an abandoned download never keeps
    the process alive after we gave up on it (a proxy that accepts and never answers)."""
    try:
        import multitasking  # noqa: PLC0415 - yfinance's own dependency

        setter = getattr(multitasking, "set_daemon", None)
        if setter is not None:
            setter(True)
    except Exception:  # an older multitasking: our own thread is a daemon anyway
        pass


def quiet_yfinance_logger() -> None:
    """yfinance logs its reasons ("Failed to get ticker ...") at ERROR; they are captured and
    reworded per ticker, never printed by Python's last-resort handler on the user's stderr -
    also when an abandoned download logs after we stopped listening."""
    yf_logger = logging.getLogger("yfinance")
    if not any(isinstance(h, logging.NullHandler) for h in yf_logger.handlers):
        yf_logger.addHandler(logging.NullHandler())
    yf_logger.propagate = False


class ProxyError(ValueError):
    """HTTPS_PROXY (or https_proxy) is not a usable proxy URL."""


def proxy_from_env() -> tuple[str, int] | None:
    """(host, port) of the HTTPS proxy from the environment, None when there is none.

    Raises ``ProxyError`` with a message that does not repeat the value (it may
    hold a password) when the variable is malformed.
    """
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        proxy = os.environ.get(name)
        if proxy is None or not proxy.strip():
            continue
        proxy = proxy.strip()
        try:
            parsed = urlparse(proxy if "://" in proxy else f"http://{proxy}")
            host, port = parsed.hostname, parsed.port
        except ValueError:
            host = port = None
            parsed = None
        if parsed is None or not host or parsed.scheme.lower() not in ("http", "https", "socks5", "socks5h", "socks4"):
            raise ProxyError(f"{name} is not a valid proxy URL (expected e.g. http://proxy.example.com:8080)")
        return host, port or (443 if parsed.scheme.lower() == "https" else 1080 if parsed.scheme.lower().startswith("socks") else 8080)
    return None


_YF_CACHE_SET = False


def _keep_yfinance_caches_with_ours(yfinance) -> None:
    """yfinance keeps small caches (timezones, cookies) in its own folder; keep them in ours."""
    global _YF_CACHE_SET
    if _YF_CACHE_SET:
        return
    _YF_CACHE_SET = True
    try:
        from allocator.userdata import cache_dir

        folder = cache_dir() / "yfinance"
        folder.mkdir(parents=True, exist_ok=True)
        setter = getattr(yfinance, "set_cache_location", None) or getattr(yfinance, "set_tz_cache_location", None)
        if setter is not None:
            setter(str(folder))
    except Exception:  # only a nicety: yfinance falls back to its own folder
        pass


def is_rate_limit(exc_or_text: BaseException | str) -> bool:
    if isinstance(exc_or_text, BaseException):
        if type(exc_or_text).__name__ == "YFRateLimitError":
            return True
        exc_or_text = f"{type(exc_or_text).__name__}: {exc_or_text}"
    return bool(_RATE_LIMIT_RE.search(exc_or_text))


def is_network_error(exc_or_text: BaseException | str) -> bool:
    if isinstance(exc_or_text, BaseException):
        if isinstance(exc_or_text, (ConnectionError, TimeoutError, socket.gaierror)):
            return True
        exc_or_text = f"{type(exc_or_text).__name__}: {exc_or_text}"
    return bool(_NETWORK_RE.search(exc_or_text))


def one_line(text: object, limit: int = 160) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# -- reachability ------------------------------------------------------------


def check_reachable(timeout: float = 4.0, host: str = YAHOO_HOST, port: int = 443) -> str | None:
    """None when Yahoo (or the configured HTTPS proxy) answers within ``timeout``; otherwise a short reason.

    Through an HTTP proxy the probe sends ``CONNECT`` and waits for the
    proxy's first reply bytes, so a proxy that accepts connections and never
    answers (a "blackhole") is found in seconds, not after every ticker's own
    timeouts.  Runs in a daemon thread so a stalled DNS lookup cannot exceed
    the timeout either.  Raises ``ProxyError`` for a malformed proxy variable.
    """
    proxy = proxy_from_env()
    target = (host, port)
    via_proxy = proxy is not None
    if via_proxy:
        host, port = proxy
    result: list[str | None] = []

    ends = time.monotonic() + timeout  # connect and the proxy's reply share one timeout

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                if via_proxy and not _proxy_scheme_is_socks():
                    sock.settimeout(max(0.05, ends - time.monotonic()))
                    sock.sendall(
                        f"CONNECT {target[0]}:{target[1]} HTTP/1.1\r\nHost: {target[0]}:{target[1]}\r\n\r\n".encode()
                    )
                    if not sock.recv(1):
                        result.append("the proxy closed the connection without answering")
                        return
                result.append(None)
        except socket.timeout:
            result.append(f"no answer within {timeout:g} s" + (" (the proxy accepted the connection but never replied)" if via_proxy else ""))
        except OSError as exc:
            result.append(one_line(exc.strerror or exc) or type(exc).__name__)

    t = threading.Thread(target=probe, name="allocator-yahoo-probe", daemon=True)
    t.start()
    t.join(timeout + 0.5)
    if not result:
        return f"no answer from {host} within {timeout:g} s"
    return None if result[0] is None else f"{'proxy ' if via_proxy else ''}{host}: {result[0]}"


def _proxy_scheme_is_socks() -> bool:
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        v = (os.environ.get(name) or "").strip()
        if v:
            return v.lower().startswith("socks")
    return False


# -- one batch ---------------------------------------------------------------


@dataclass
class BatchResult:
    """What one ``yf.download`` call gave: prices per ticker, or why not."""

    prices: dict[str, pd.Series] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    rate_limited: bool = False
    timed_out: bool = False
    cancelled: bool = False
    network_error: str | None = None


class _LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.records.append(record.getMessage())
        except Exception:  # a malformed record must not break a download
            pass


def _errors_from_log(lines: Sequence[str], requested: Sequence[str]) -> dict[str, str]:
    """Map yfinance's ``"['A', 'B']: Reason"`` log lines to {ticker: reason}."""
    upper = {t.upper(): t for t in requested}
    out: dict[str, str] = {}
    for line in lines:
        m = _LOG_LINE_RE.match(line)
        if not m:
            continue
        try:
            syms = ast.literal_eval(m.group(1))
        except (ValueError, SyntaxError):
            continue
        if isinstance(syms, str):
            syms = [syms]
        for s in syms if isinstance(syms, (list, tuple)) else []:
            t = upper.get(str(s).upper())
            if t is not None:
                out[t] = one_line(m.group(2))
    return out


def extract_closes(frame: pd.DataFrame | None, requested: Sequence[str]) -> tuple[dict[str, pd.Series], dict[str, str]]:
    """Adjusted closes per requested ticker from a ``yf.download`` frame, and a reason for each one missing.

    Handles both column orders (``group_by='column'`` or ``'ticker'``), a
    flat frame for a single ticker, ``Adj Close`` (auto_adjust=False) before
    ``Close``, tz-aware indexes, duplicate rows and upper-cased tickers.
    """
    prices: dict[str, pd.Series] = {}
    errors: dict[str, str] = {}
    if frame is None or not isinstance(frame, pd.DataFrame) or frame.shape[1] == 0 or frame.shape[0] == 0:
        return prices, {t: "Yahoo returned no data" for t in requested}
    cols = frame.columns
    if isinstance(cols, pd.MultiIndex):
        field_level = None
        for lvl in range(cols.nlevels):
            values = {str(v) for v in cols.get_level_values(lvl)}
            if values & {"Close", "Adj Close"}:
                field_level = lvl
                break
        if field_level is None or cols.nlevels != 2:
            return prices, {t: "Yahoo's answer has no Close column" for t in requested}
        # Per ticker: "Adj Close" when it holds numbers (auto_adjust=False), else "Close".  Not one
        # choice for all: yfinance gives a failed ticker an empty frame that *has* an Adj Close
        # column, so its presence says nothing about the other tickers.
        picked: dict[str, pd.Series] = {}
        for (a, b) in cols:
            fld, tkr = (a, b) if field_level == 0 else (b, a)
            fld, tkr = str(fld), str(tkr)
            if fld not in ("Adj Close", "Close"):
                continue
            col = frame[(a, b)]
            if isinstance(col, pd.DataFrame):
                col = col.iloc[:, 0]
            if fld == "Adj Close" and col.notna().any():
                picked[tkr] = col
            elif fld == "Close" and (tkr not in picked or not picked[tkr].notna().any()):
                picked[tkr] = col
        closes = pd.DataFrame(picked, index=frame.index) if picked else pd.DataFrame(index=frame.index)
    else:
        names = {str(c) for c in cols}
        wanted = "Adj Close" if "Adj Close" in names and frame["Adj Close"].notna().any() else (
            "Close" if "Close" in names else None
        )
        if wanted is not None and len(requested) == 1:
            closes = frame[[wanted]].set_axis([requested[0]], axis=1)
        else:
            closes = frame
    idx = pd.DatetimeIndex(pd.to_datetime(closes.index))
    if idx.tz is not None:
        idx = idx.tz_localize(None)  # keep the exchange's local trading day
    closes = closes.set_axis(idx.normalize(), axis=0)
    by_upper = {str(c).upper(): c for c in closes.columns}
    for t in requested:
        col = by_upper.get(t.upper())
        if col is None:
            errors[t] = "Yahoo returned no column for this ticker"
            continue
        s = pd.to_numeric(closes[col], errors="coerce") if not pd.api.types.is_numeric_dtype(closes[col]) else closes[col]
        if isinstance(s, pd.DataFrame):  # duplicated column label
            s = s.iloc[:, 0]
        s = s.astype(float).replace([np.inf, -np.inf], np.nan).dropna()
        s = s[s > 0]
        s = s[~s.index.duplicated(keep="last")].sort_index()
        if s.empty:
            errors[t] = "no prices returned (unknown or delisted ticker, or no trading in the period)"
        else:
            prices[t] = s.rename(t)
    return prices, errors


def download_batch(
    tickers: Sequence[str],
    start: pd.Timestamp | None,
    *,
    downloader: Downloader,
    timeout: float = 10.0,
    batch_timeout: float = 60.0,
    cancelled: Callable[[], bool] | None = None,
    poll: float = 0.05,
) -> BatchResult:
    """One ``downloader`` call for ``tickers`` from ``start`` (inclusive) to today.

    Never raises for anything yfinance or the network does: the outcome is
    in the result.  A call still running after ``batch_timeout`` seconds (or
    when ``cancelled()`` turns true) is abandoned in its daemon thread.
    """
    tickers = list(tickers)
    box: dict[str, Any] = {}
    capture = _LogCapture()
    yf_logger = logging.getLogger("yfinance")

    def work() -> None:
        try:
            box["frame"] = downloader(
                tickers,
                start=None if start is None else start.strftime("%Y-%m-%d"),
                end=None,
                interval="1d",
                auto_adjust=True,
                actions=False,
                progress=False,
                threads=True,
                group_by="column",
                multi_level_index=True,
                timeout=timeout,
            )
        except BaseException as exc:  # reported, never re-raised into the app
            box["error"] = exc

    quiet_yfinance_logger()
    yf_logger.addHandler(capture)
    try:
        thread = threading.Thread(target=work, name="allocator-yahoo-download", daemon=True)
        thread.start()
        waited = 0.0
        while thread.is_alive():
            thread.join(poll)
            waited += poll
            if not thread.is_alive():
                break  # finished: its answer counts even if a cancel arrived meanwhile
            if cancelled is not None and cancelled():
                return BatchResult(errors={t: "cancelled" for t in tickers}, cancelled=True)
            if waited >= batch_timeout and thread.is_alive():
                return BatchResult(
                    errors={t: f"Yahoo Finance did not answer within {batch_timeout:g} s" for t in tickers},
                    timed_out=True,
                )
    finally:
        yf_logger.removeHandler(capture)

    exc = box.get("error")
    if exc is not None:
        reason = one_line(f"{type(exc).__name__}: {exc}")
        result = BatchResult(errors={t: reason for t in tickers})
        if is_rate_limit(exc):
            result.rate_limited = True
        elif is_network_error(exc):
            result.network_error = reason
        return result

    prices, errors = extract_closes(box.get("frame"), tickers)
    logged = _errors_from_log(capture.records, tickers)
    for t in list(errors):
        if t in logged:
            errors[t] = logged[t]
    result = BatchResult(prices=prices, errors=errors)
    if errors and any(is_rate_limit(r) for r in errors.values()):
        result.rate_limited = True
    if errors and not prices and all(is_network_error(r) for r in errors.values()):
        result.network_error = next(iter(errors.values()))
    return result


@dataclass
class RetryPolicy:
    """Capped exponential backoff for rate limits: ``base * 2**k`` seconds, at most ``cap``."""

    retries: int = 3
    base: float = 2.0
    cap: float = 30.0

    def delay(self, attempt: int) -> float:
        return float(min(self.cap, self.base * (2**attempt)))


def download_with_retry(
    tickers: Sequence[str],
    start: pd.Timestamp | None,
    *,
    downloader: Downloader,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    cancelled: Callable[[], bool] | None = None,
    timeout: float = 10.0,
    batch_timeout: float = 60.0,
    give_up_at: float | None = None,
) -> BatchResult:
    """``download_batch`` retrying only rate-limited tickers, with capped backoff.

    When the retries are used up the result still says ``rate_limited``: the
    caller stops the whole refresh and tells the user to try later.
    ``give_up_at`` (``time.monotonic()`` value) is the whole operation's
    deadline: no attempt or backoff runs past it.
    """
    policy = policy or RetryPolicy()
    pending = list(tickers)
    merged = BatchResult()
    for attempt in range(policy.retries + 1):
        allowed = batch_timeout
        if give_up_at is not None:
            allowed = min(batch_timeout, give_up_at - time.monotonic())
            if allowed <= 0:
                merged.timed_out = True
                merged.errors.update({t: "time limit reached" for t in pending})
                return merged
        result = download_batch(
            pending, start, downloader=downloader, timeout=min(timeout, max(allowed, 0.1)), batch_timeout=allowed,
            cancelled=cancelled,
        )
        merged.prices.update(result.prices)
        for t in result.prices:
            merged.errors.pop(t, None)
        merged.errors.update(result.errors)
        merged.timed_out, merged.cancelled, merged.network_error = (
            result.timed_out,
            result.cancelled,
            result.network_error,
        )
        merged.rate_limited = result.rate_limited
        if not result.rate_limited or result.cancelled or result.timed_out:
            break
        limited = [t for t, r in result.errors.items() if is_rate_limit(r)] or list(result.errors) or pending
        if attempt == policy.retries:
            break
        wait = policy.delay(attempt)
        if give_up_at is not None and time.monotonic() + wait >= give_up_at:
            break  # no time left for another attempt: still rate-limited, said so by the caller
        if cancelled is None:
            sleep(wait)
        slept = wait if cancelled is None else 0.0
        # With a cancel hook, sleep in slices so a cancel is honoured during the backoff too.
        while slept < wait:
            step = min(0.25, wait - slept)
            sleep(step)
            slept += step
            if cancelled is not None and cancelled():
                merged.cancelled = True
                return merged
        pending = limited
    return merged


# -- market capitalisations (DESIGN §10: the market-cap reference portfolio) ----------

#: ``ticker_factory(symbol) -> object`` shaped like ``yfinance.Ticker`` (``.info``, ``.fast_info``).
TickerFactory = Callable[[str], Any]


def yf_ticker(symbol: str):
    """The real ``yfinance.Ticker`` (yfinance imported here, on first use)."""
    import yfinance  # noqa: PLC0415 - deliberately lazy

    _keep_yfinance_caches_with_ours(yfinance)
    _daemon_threads_for_yfinance()
    quiet_yfinance_logger()
    warnings.filterwarnings("ignore", module=r"yfinance(\.|$)")
    return yfinance.Ticker(symbol)


class NoMarketCap(LookupError):
    """Yahoo answered but has no usable capitalisation for the ticker (the reason is the message)."""


def market_cap_of(ticker: Any) -> tuple[float, str]:
    """``(value, currency)`` of a ``yfinance.Ticker``-shaped object.

    ``info["marketCap"]`` for stocks, ``info["totalAssets"]`` (assets under
    management) for ETFs - what the bundled figures count - in
    ``info["currency"]``; ``fast_info`` (shares x last price) when ``info``
    has neither.  Network trouble and rate limits propagate (the caller
    stops); a missing or unusable figure raises ``NoMarketCap``.
    """
    info: dict = {}
    try:
        info = dict(ticker.info or {})
    except Exception as exc:  # noqa: BLE001 - yfinance raises many kinds
        if is_rate_limit(exc) or is_network_error(exc):
            raise
    value = info.get("marketCap") or info.get("totalAssets")
    currency = info.get("currency")
    if not value:
        try:
            fast = ticker.fast_info
            value = fast["marketCap"]
            currency = currency or fast["currency"]
        except Exception as exc:  # noqa: BLE001
            if is_rate_limit(exc) or is_network_error(exc):
                raise
            value = None
    try:
        value = float(value) if value is not None else float("nan")
    except (TypeError, ValueError):
        value = float("nan")
    if not np.isfinite(value) or value <= 0:
        raise NoMarketCap(T("Yahoo Finance has no market capitalisation for it"))
    currency = str(currency or "").upper()
    if currency not in ("USD", "JPY"):
        raise NoMarketCap(T("quoted in {currency}; only USD and JPY are supported", currency=currency) if currency
                          else T("quoted in an unknown currency; only USD and JPY are supported"))
    return value, currency


@dataclass
class CapBatch:
    """What a market-cap download gave: ``{ticker: (value, currency)}`` or why not."""

    caps: dict[str, tuple[float, str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    stopped: str | None = None  # rate limit, network, time limit, cancel: the rest was not asked


def download_market_caps(
    tickers: Sequence[str],
    ticker_factory: TickerFactory | None = None,
    *,
    workers: int = 4,
    timeout: float = 30.0,
    cancelled: Callable[[], bool] | None = None,
) -> CapBatch:
    """Capitalisations of ``tickers``, a few at a time in daemon threads, all within ``timeout`` s.

    Never raises for network trouble: the first rate limit or network error
    stops the rest (``stopped`` says why); tickers not answered in time are
    abandoned (their threads are daemons).
    """
    factory = ticker_factory or yf_ticker
    out = CapBatch()
    todo = list(dict.fromkeys(tickers))
    lock = threading.Lock()
    stop = threading.Event()
    ends = time.monotonic() + timeout

    def work() -> None:
        while not stop.is_set():
            with lock:
                if not todo:
                    return
                t = todo.pop(0)
            try:
                value = market_cap_of(factory(t))
            except NoMarketCap as exc:
                with lock:
                    out.errors[t] = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)  # a T() stays one
                continue
            except Exception as exc:  # noqa: BLE001 - anything yfinance raises
                with lock:
                    if is_rate_limit(exc):
                        out.stopped = out.stopped or "Yahoo Finance is rate-limiting requests"
                        stop.set()
                    elif is_network_error(exc):
                        out.stopped = out.stopped or f"cannot reach Yahoo Finance: {one_line(exc)}"
                        stop.set()
                    else:
                        out.errors[t] = one_line(f"{type(exc).__name__}: {exc}")
                continue
            with lock:
                if not stop.is_set():
                    out.caps[t] = value

    threads = [threading.Thread(target=work, name=f"allocator-caps-{i}", daemon=True) for i in range(max(1, min(workers, len(todo))))]
    for th in threads:
        th.start()
    while any(th.is_alive() for th in threads):
        if cancelled is not None and cancelled():
            with lock:
                out.stopped = out.stopped or "cancelled"
            stop.set()
            break
        if time.monotonic() >= ends:
            with lock:
                out.stopped = out.stopped or f"no answer within {timeout:g} s"
            stop.set()
            break
        for th in threads:
            th.join(0.05)
    with lock:
        return CapBatch(dict(out.caps), dict(out.errors), out.stopped)
