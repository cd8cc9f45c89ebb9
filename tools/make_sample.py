#!/usr/bin/env python3
"""Generate the bundled offline sample: a *simulated* daily price history.

Usage (from the repository root)::

    python tools/make_sample.py [CALIBRATION_JSON] [--out resources/sample]

``CALIBRATION_JSON`` defaults to ``../shared/data/calibration_2015_2024.json``
(relative to the repository root).  Only the *derived* calibration figures in
that JSON are used; no real price is read or copied.  The output is written to
``resources/sample/prices.csv.gz`` and ``resources/sample/meta.json`` and is
byte-for-byte reproducible (fixed seed, gzip mtime 0) in a given environment.

Dev-only dependency: ``exchange_calendars`` (NYSE ``XNYS`` and Tokyo ``XTKS``
holiday calendars).  The app never imports it; install it with
``pip install exchange_calendars`` before running this script.

Model
-----
* Tickers: all tickers of ``local_currency.correlation_full_window`` (61 US and
  Tokyo assets plus ``JPY=X``, yen per US dollar), each in its own currency.
* Grid: every weekday from ``--start`` to ``--end`` (default 2015-01-02 ..
  2024-12-31).  The simulation runs on this common grid; afterwards the cells
  of days on which a market is closed are blanked (NaN, never forward-filled):
  US tickers keep NYSE sessions, ``.T`` tickers Tokyo sessions, ``JPY=X`` every
  weekday.  A return across a holiday is thus the compound of the grid days.
* Daily log returns are multivariate normal with annual mean ``mean_log_ann``,
  annual volatility ``vol_log_ann`` and the full-window correlation, scaled to
  one grid day (a weekday: there are about 261 a year, not 252, because the
  holidays are inside the grid; scaling by the grid's own days per year keeps
  the annual figures right).
* Approximation: the calibration correlation is the Pearson correlation of
  *monthly simple* returns; it is used here for daily *log* returns.  To make
  the sample's monthly simple-return correlation land on the calibration
  anyway, the log-return correlation target is corrected iteratively (below).
* Moment matching, so the calibration shows through despite sampling noise.
  The daily returns are built as (calendar-month total spread evenly over the
  month's weekdays) + (within-month shocks that sum to zero in every month),
  a Brownian-bridge decomposition that has exactly the law of i.i.d. normal
  daily returns:
  1. the 119 monthly totals are drawn, then whitened and re-coloured so that
     their sample mean and covariance (ddof=1) equal the monthly targets
     exactly;
  2. the within-month shocks are re-coloured (a linear map across tickers
     keeps every month's sum at zero) so that the sample covariance of the
     *daily* returns equals the daily target exactly too (the cross term
     between the two parts is zero by construction);
  3. the calibration took, per ticker, the last available price of each
     calendar month; where a market is closed on the month's last weekday
     (Tokyo on Dec 31, a US holiday on a month-end, ...) its monthly return
     shifts by a day.  The daily returns are therefore mapped by the linear
     map that takes the per-ticker monthly sample covariance onto the target
     (the minimal-distortion, symmetric "transport" map, here close to the
     identity) and shifted so the monthly mean is the target, repeated until
     it converges;
  4. an outer loop nudges the log-return correlation target until the
     correlation of monthly *simple* returns equals the calibration matrix.
  The result: the sample's monthly mean of log returns, volatility of log
  returns and simple-return correlation equal the calibration figures up to
  the 7-significant-digit rounding of the stored prices; the daily mean and
  volatility are within about 2 % of the daily targets (step 3 moves them).
  The simple-return mean and volatility are not targeted: they follow from
  the normal log-return model (real returns have fatter tails).
* Price levels: each simulated path is scaled (a constant factor per ticker,
  which changes no return) so that its last price is the asset's real price
  level at the sample's end, ``END_PRICES`` below: one published figure per
  ticker, the approximate close of the last 2024 session rounded to three
  significant digits.  Share counts and cash left over in an export are then
  realistic (a US stock at $34,000 or a Tokyo stock at 58,000 yen left 27 % of
  10,000,000 in cash, issue 10).  Tickers without a figure (and JPY=X, whose
  simulated path ends near 157 anyway) keep a deterministic start level
  (20-300 USD, 500-10,000 JPY, 120 for JPY=X) from a checksum of the ticker.
  The paths stay simulated: only their last level is real.

This is not market data: it is labelled "simulated sample" everywhere.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import sys
import time
import zlib
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

GENERATOR = "tools/make_sample.py"
VERSION = "1.1.0"
SEED = 20240614
FX_TICKER = "JPY=X"
DEFAULT_START = "2015-01-02"
DEFAULT_END = "2024-12-31"
SIGNIFICANT_DIGITS = 7
MONTHS_PER_YEAR = 12
#: exchange_calendars codes of the two stock markets.
EXCHANGES = {"US": "XNYS", "JP": "XTKS"}

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CALIBRATION = REPO_ROOT.parent / "shared" / "data" / "calibration_2015_2024.json"
DEFAULT_OUT = REPO_ROOT / "resources" / "sample"


#: Real price level of each asset at the sample's end: approximate close of the last
#: 2024 session (New York 2024-12-31, Tokyo 2024-12-30), local currency, 3 significant
#: digits, from public quotes, on the share basis of today's quotes (a later split or spin-off applied).
END_PRICES: dict[str, float] = {
    # US stocks (USD)
    "LMT": 486, "RTX": 116, "NOC": 469, "GD": 263, "NVDA": 134, "AMD": 121, "AVGO": 232,
    "AMAT": 163, "PANW": 182, "FTNT": 94.5, "FCX": 38.1, "ALB": 86.1, "LNG": 215, "XOM": 108,
    "APD": 290, "PLUG": 2.13, "CAT": 363, "ROK": 286, "ETN": 332, "HON": 226, "GE": 167,
    "UNP": 228, "UPS": 126, "FDX": 220,
    # US-listed ETFs (USD)
    "SPY": 586, "ITA": 144, "SMH": 242, "XLI": 132, "XLE": 42.9, "LIT": 40.4, "REMX": 38.6,
    "EWJ": 67.0, "DXJ": 109,
    # Tokyo (JPY)
    "7011.T": 2220, "7012.T": 7280, "7013.T": 9310, "8035.T": 24200, "4704.T": 8760,
    "4063.T": 5300, "6954.T": 4180, "1605.T": 2010, "8088.T": 1800, "7203.T": 3150,
    "8058.T": 2600, "8031.T": 3310, "8306.T": 1850, "9101.T": 5270, "9104.T": 5510,
    "9107.T": 2250, "7267.T": 1540, "1812.T": 2880, "1801.T": 6640, "8001.T": 7830,
    "8053.T": 3430, "8002.T": 2390, "6981.T": 2560, "4543.T": 3060, "6758.T": 3350,
    "6861.T": 64600, "6857.T": 9200, "6501.T": 3940,
}


class SampleError(Exception):
    """A problem the person running the generator has to fix."""


# --------------------------------------------------------------------------- inputs


def load_calibration(path: str | Path) -> dict:
    path = Path(path)
    if not path.is_file():
        raise SampleError(
            f"calibration file not found: {path}\n"
            "  pass its path as the first argument (default: ../shared/data/calibration_2015_2024.json "
            "relative to the repository root)"
        )
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SampleError(f"calibration file {path} cannot be read: {exc}") from None


def calibration_targets(
    calibration: Mapping, tickers: Sequence[str] | None = None
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Tickers, annual mean and volatility of monthly log returns, correlation matrix.

    Reads ``calibration["local_currency"]``: ``stats[ticker]`` and
    ``correlation_full_window`` (``tickers`` and ``matrix``).  ``tickers``
    restricts to a subset (in the calibration's order).
    """
    try:
        block = calibration["local_currency"]
        corr_block = block["correlation_full_window"]
        all_tickers = [str(t) for t in corr_block["tickers"]]
        matrix = np.asarray(corr_block["matrix"], dtype=float)
        stats = block["stats"]
    except (KeyError, TypeError) as exc:
        raise SampleError(f"calibration lacks local_currency.correlation_full_window/stats ({exc})") from None
    if matrix.shape != (len(all_tickers), len(all_tickers)):
        raise SampleError(f"correlation matrix is {matrix.shape}, expected {len(all_tickers)} square")
    if tickers is None:
        keep = list(range(len(all_tickers)))
    else:
        unknown = sorted(set(tickers) - set(all_tickers))
        if unknown:
            raise SampleError(f"not in the calibration's full-window correlation: {', '.join(unknown)}")
        wanted = set(tickers)
        keep = [i for i, t in enumerate(all_tickers) if t in wanted]
    names = [all_tickers[i] for i in keep]
    missing = [t for t in names if t not in stats]
    if missing:
        raise SampleError(f"calibration has no stats for {', '.join(missing)}")
    mu = np.array([float(stats[t]["mean_log_ann"]) for t in names])
    vol = np.array([float(stats[t]["vol_log_ann"]) for t in names])
    corr = matrix[np.ix_(keep, keep)]
    corr = (corr + corr.T) / 2
    np.fill_diagonal(corr, 1.0)
    if np.any(vol <= 0) or not np.all(np.isfinite(mu)):
        raise SampleError("calibration has a non-positive volatility or a non-finite mean")
    if np.linalg.eigvalsh(corr).min() < -1e-10:
        raise SampleError("the correlation matrix is not positive semi-definite")
    return names, mu, vol, corr


def market_of(ticker: str) -> str:
    """``FX`` for JPY=X, ``JP`` for Tokyo (``.T``) tickers, ``US`` otherwise."""
    if ticker == FX_TICKER:
        return "FX"
    return "JP" if ticker.upper().endswith(".T") else "US"


def exchange_sessions(start: str, end: str) -> dict[str, pd.DatetimeIndex]:
    """Trading days of NYSE (``US``) and Tokyo (``JP``) from exchange_calendars."""
    try:
        import exchange_calendars as xcals
    except ImportError:
        raise SampleError(
            "the generator needs the holiday calendars of exchange_calendars (a dev-only dependency): "
            "pip install exchange_calendars"
        ) from None
    out = {}
    for market, code in EXCHANGES.items():
        cal = xcals.get_calendar(code, start=start, end=end)
        out[market] = pd.DatetimeIndex(cal.sessions).tz_localize(None).normalize()
    return out


def start_price(ticker: str) -> float:
    """A plausible, deterministic starting level (2 significant digits)."""
    market = market_of(ticker)
    if market == "FX":
        return 120.0
    lo, hi = (20.0, 300.0) if market == "US" else (500.0, 10_000.0)
    u = zlib.crc32(ticker.encode("utf-8")) / 2**32
    level = math.exp(math.log(lo) + u * (math.log(hi) - math.log(lo)))
    return float(f"{level:.2g}")


# --------------------------------------------------------------------------- linear algebra


def _sym_sqrt(m: np.ndarray, inverse: bool = False) -> np.ndarray:
    w, v = np.linalg.eigh((m + m.T) / 2)
    w = np.clip(w, 1e-300, None)
    w = 1 / np.sqrt(w) if inverse else np.sqrt(w)
    return (v * w) @ v.T


def _transport_map(sample_cov: np.ndarray, target_cov: np.ndarray) -> np.ndarray:
    """Symmetric A with A' S A = T: the least-distorting linear map from cov S to cov T."""
    s_half = _sym_sqrt(sample_cov)
    s_inv_half = _sym_sqrt(sample_cov, inverse=True)
    middle = _sym_sqrt(s_half @ target_cov @ s_half)
    a = s_inv_half @ middle @ s_inv_half
    return (a + a.T) / 2


def _nearest_correlation(c: np.ndarray, floor: float = 1e-6) -> np.ndarray:
    """Symmetrise, clip eigenvalues at ``floor`` and rescale to a unit diagonal."""
    c = (c + c.T) / 2
    w, v = np.linalg.eigh(c)
    if w.min() < floor:
        c = (v * np.clip(w, floor, None)) @ v.T
        d = np.sqrt(np.diag(c))
        c = c / np.outer(d, d)
    np.fill_diagonal(c, 1.0)
    return c


# --------------------------------------------------------------------------- simulation


def _month_end_rows(grid: pd.DatetimeIndex, open_mask: np.ndarray) -> np.ndarray:
    """Row of the last open day of each calendar month, per column: (months, columns) ints."""
    month = grid.year * 12 + grid.month - 1
    months = np.unique(month)
    rows = np.empty((len(months), open_mask.shape[1]), dtype=np.int64)
    positions = np.arange(len(grid))
    for j in range(open_mask.shape[1]):
        s = pd.Series(positions[open_mask[:, j]]).groupby(month[open_mask[:, j]]).max()
        s = s.reindex(months)
        if s.isna().any():
            raise SampleError("a market is closed for a whole calendar month of the grid")
        rows[:, j] = s.to_numpy()
    return rows


def _monthly_log_returns(log_prices: np.ndarray, month_ends: np.ndarray) -> np.ndarray:
    cols = np.arange(log_prices.shape[1])
    levels = log_prices[month_ends, cols]
    return np.diff(levels, axis=0)


def _log_prices(daily: np.ndarray, start_levels: np.ndarray) -> np.ndarray:
    out = np.empty((daily.shape[0] + 1, daily.shape[1]))
    out[0] = np.log(start_levels)
    np.cumsum(daily, axis=0, out=out[1:])
    out[1:] += out[0]
    return out


def simulate(
    calibration: Mapping,
    *,
    seed: int = SEED,
    start: str = DEFAULT_START,
    end: str = DEFAULT_END,
    sessions: Mapping[str, Sequence] | None = None,
    tickers: Sequence[str] | None = None,
    tolerance: float = 1e-11,
    max_iterations: int = 200,
) -> pd.DataFrame:
    """The simulated price table: a ``Date`` index of weekdays, one column per ticker.

    ``calibration`` has the layout of ``calibration_2015_2024.json`` (only
    ``local_currency.stats`` and ``local_currency.correlation_full_window``
    are read).  ``sessions`` maps ``"US"`` and ``"JP"`` to their trading days;
    by default they come from exchange_calendars.  Cells of closed days are NaN.
    """
    names, mu_ann, vol_ann, corr = calibration_targets(calibration, tickers)
    k = len(names)
    grid = pd.bdate_range(start, end, name="Date")
    if len(grid) < 2 * 23:
        raise SampleError("the date range must span at least two months of weekdays")
    if sessions is None:
        sessions = exchange_sessions(start, end)
    markets = [market_of(t) for t in names]
    open_by_market = {"FX": np.ones(len(grid), dtype=bool)}
    for market in ("US", "JP"):
        if market in markets:
            if market not in sessions:
                raise SampleError(f"no trading days given for market {market}")
            open_by_market[market] = grid.isin(pd.DatetimeIndex(sessions[market]))
    open_mask = np.column_stack([open_by_market[m] for m in markets])
    month_ends = _month_end_rows(grid, open_mask)
    n_months = month_ends.shape[0] - 1
    if n_months < k + 2:
        raise SampleError(f"{n_months} monthly returns cannot pin down a {k}x{k} covariance; widen the range")

    years = (grid[-1] - grid[0]).days / 365.25
    steps_per_year = (len(grid) - 1) / years
    mu_m = mu_ann / MONTHS_PER_YEAR
    std_m = vol_ann / math.sqrt(MONTHS_PER_YEAR)
    levels = np.array([start_price(t) for t in names])

    # Calendar-month blocks of grid steps: step t (row t of ``daily``) ends on grid
    # day t + 1 and belongs to that day's month.  Block 0 is the (partial) first
    # month, before the first month-end; blocks 1.. are the calibrated months.
    month_key = np.asarray(grid.year * 12 + grid.month - 1)
    block = np.searchsorted(np.unique(month_key), month_key[1:])
    n_blocks = int(block.max()) + 1
    block_len = np.bincount(block, minlength=n_blocks).astype(float)
    if np.any(block_len[1:] == 0):
        raise SampleError("internal error: a calendar month without weekdays")

    rng = np.random.default_rng(seed)
    z_month = rng.standard_normal((n_blocks, k))
    z_day = rng.standard_normal((len(grid) - 1, k))
    # Whitened monthly shocks: sample mean 0 and sample covariance (ddof=1) I exactly.
    z_cal = z_month[1:] - z_month[1:].mean(axis=0)
    z_cal = z_cal @ _sym_sqrt(np.cov(z_cal, rowvar=False, ddof=1), inverse=True)
    # Within-month shocks: every block sums to zero.
    sums = np.zeros((n_blocks, k))
    np.add.at(sums, block, z_day)
    z_within = z_day - (sums / np.maximum(block_len, 1)[:, None])[block]

    def build(log_corr: np.ndarray) -> np.ndarray:
        """Daily log returns whose calendar-month sums and daily moments hit the targets exactly."""
        cov_m = np.outer(std_m, std_m) * log_corr
        cov_d = cov_m * MONTHS_PER_YEAR / steps_per_year
        totals = np.empty((n_blocks, k))
        totals[1:] = mu_m + z_cal @ _sym_sqrt(cov_m)
        totals[0] = block_len[0] * mu_ann / steps_per_year + np.sqrt(block_len[0]) * (z_month[0] @ _sym_sqrt(cov_d))
        level = totals[block] / block_len[block][:, None]  # each month's total spread evenly
        # Daily sample covariance = (between-month scatter + within-month scatter) / (n - 1);
        # the cross term vanishes because within-month shocks sum to zero in every month.
        centred = level - level.mean(axis=0)
        between = centred.T @ centred
        within_target = (len(level) - 1) * cov_d - between
        if np.linalg.eigvalsh(within_target).min() <= 0:
            raise SampleError("daily and monthly targets are inconsistent; widen the date range")
        w = z_within @ _sym_sqrt(cov_d)
        w = w @ _transport_map(w.T @ w, within_target)
        return level + w

    # Per-ticker span (in grid steps) of the monthly returns, to spread a mean shift.
    span = (month_ends[-1] - month_ends[0]).astype(float)

    def match_monthly(x: np.ndarray, log_corr: np.ndarray) -> np.ndarray:
        """Repair what per-market month-ends (holidays) changed; near-identity maps."""
        target_cov = np.outer(std_m, std_m) * log_corr
        for _ in range(max_iterations):
            r = _monthly_log_returns(_log_prices(x, levels), month_ends)
            s = np.cov(r, rowvar=False, ddof=1)
            m = r.mean(axis=0)
            cov_err = np.max(np.abs(s - target_cov) / np.outer(std_m, std_m))
            mean_err = np.max(np.abs(m - mu_m) / std_m)
            if cov_err < tolerance and mean_err < tolerance:
                return x
            centre = x.mean(axis=0)
            x = (x - centre) @ _transport_map(s, target_cov) + centre
            r = _monthly_log_returns(_log_prices(x, levels), month_ends)
            x = x + (mu_m - r.mean(axis=0)) * n_months / span
        raise SampleError("monthly moment matching did not converge")

    # Steer the log-return correlation until the monthly simple-return correlation
    # equals the calibration's (which is a correlation of simple returns).
    log_corr = corr.copy()
    for _ in range(max_iterations):
        daily = match_monthly(build(log_corr), log_corr)
        r = _monthly_log_returns(_log_prices(daily, levels), month_ends)
        simple_corr = np.corrcoef(np.expm1(r), rowvar=False) if k > 1 else np.ones((1, 1))
        gap = simple_corr - corr
        if np.max(np.abs(gap)) < 1e-9:
            break
        log_corr = _nearest_correlation(log_corr - gap)
    else:
        raise SampleError("correlation steering did not converge")

    prices = np.exp(_log_prices(daily, levels))
    prices[~open_mask] = np.nan
    # Real price levels at the end (a constant factor per path: no return changes).
    for j, t in enumerate(names):
        if t in END_PRICES:
            last = prices[~np.isnan(prices[:, j]), j][-1]
            prices[:, j] *= END_PRICES[t] / last
    frame = pd.DataFrame(prices, index=grid, columns=names)
    frame.index.name = "Date"
    return frame


# --------------------------------------------------------------------------- output


def to_csv_gz_bytes(frame: pd.DataFrame, digits: int = SIGNIFICANT_DIGITS) -> bytes:
    """Gzip CSV (Date, then one column per ticker) with a fixed header: same input, same bytes."""
    text = frame.to_csv(
        float_format=f"%.{digits}g", date_format="%Y-%m-%d", index_label="Date", lineterminator="\n"
    )
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="prices.csv", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def build_meta(frame: pd.DataFrame, calibration: Mapping, calibration_path: Path, seed: int, calendars: str) -> dict:
    fx = [t for t in frame.columns if t == FX_TICKER]
    return {
        "label": "simulated sample",
        "note": (
            "Simulated sample, NOT market data: prices are a random simulation whose monthly means, "
            f"volatilities and correlations are calibrated to statistics of real monthly returns "
            f"({calibration_path.name}); no real price is included. Do not use them for investment decisions."
        ),
        "generator": {"name": GENERATOR, "version": VERSION},
        "seed": seed,
        "model": (
            "multivariate normal daily log returns on a weekday grid; monthly mean and volatility of "
            "log returns and correlation of simple returns moment-matched to the calibration; "
            "holiday cells blank (not forward-filled)"
        ),
        "calibration": {
            "file": calibration_path.name,
            "title": calibration.get("title"),
            "period": calibration.get("period"),
            "block": "local_currency",
            "correlation": "correlation_full_window",
        },
        "calendars": calendars,
        "start": str(frame.index[0].date()),
        "end": str(frame.index[-1].date()),
        "rows": int(len(frame)),
        "n_tickers": int(frame.shape[1]),
        "n_assets": int(frame.shape[1] - len(fx)),
        "fx": {"ticker": FX_TICKER, "unit": "JPY per USD"} if fx else None,
        "currencies": "US tickers in USD, .T tickers in JPY",
        "price_levels": (
            "each simulated path scaled so its last price is the asset's approximate real price at the end "
            "of 2024 (one published figure per ticker, END_PRICES in the generator); the paths themselves "
            "are simulated"
        ),
        "significant_digits": SIGNIFICANT_DIGITS,
        "tickers": list(frame.columns),
    }


def _calendar_description() -> str:
    try:
        from importlib.metadata import version

        v = version("exchange_calendars")
    except Exception:  # pragma: no cover - only for the metadata string
        v = "unknown"
    return f"exchange_calendars {v}: XNYS for US tickers, XTKS for .T tickers, every weekday for JPY=X"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the simulated offline sample (resources/sample).")
    parser.add_argument("calibration", nargs="?", default=str(DEFAULT_CALIBRATION), help="calibration JSON")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default: resources/sample)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--start", default=DEFAULT_START)
    parser.add_argument("--end", default=DEFAULT_END)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    try:
        calibration_path = Path(args.calibration)
        calibration = load_calibration(calibration_path)
        frame = simulate(calibration, seed=args.seed, start=args.start, end=args.end)
    except SampleError as exc:
        print(f"make_sample: {exc}", file=sys.stderr)
        return 2
    data = to_csv_gz_bytes(frame)
    meta = build_meta(frame, calibration, calibration_path, args.seed, _calendar_description())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "prices.csv.gz").write_bytes(data)
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {out / 'prices.csv.gz'} ({len(data) / 1e6:.2f} MB, {frame.shape[0]} days x {frame.shape[1]} tickers)"
        f" in {time.perf_counter() - t0:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
