"""Issue 16, quality: property-based fuzz of CSV price imports, through the command line.

Each case writes a price file (or a folder of them) - any of the four
layouts, with mutations drawn from what real files and hostile users give:
dates out of range, in the future, on weekends, duplicated, far from the
rest; prices that are negative, zero, denormal, huge, typed x1,000; text in
number cells; short and ragged rows; BOMs, semicolons, CRLF, NULs, Latin-1;
gzip whole, truncated or followed by junk; a few rows or none - then runs
``optimize --data csv:FILE -o ... [--csv ...]`` or ``frontier --data csv:FILE
--json ... --csv ...``.  Properties, for every case:

* exit 0, or 2/3/4 with exactly one ``allocator: error: ...`` line (notes
  aside) on stderr; never ``internal error``, never a Python or numpy warning;
* a few seconds at most;
* a failed command leaves every previous output byte-identical and adds no
  file to the output folder; a successful one leaves no temp file.

``make test`` runs a few dozen cases; ``make fuzz`` sets
``ALLOCATOR_FUZZ_EXAMPLES`` (2,000+) - counts in bench/RESULTS.md.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator.cli import main

EXAMPLES = int(os.environ.get("ALLOCATOR_FUZZ_EXAMPLES", "30"))
SLOW_SECONDS = 8.0  # CPU seconds per command (wall-clock time on a shared, overloaded machine says little)
HANG_SECONDS = 90.0  # wall-clock: a command blocked on something (a pipe, the network) ends far sooner or never
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 100,  # make test: the same cases every run
    database=None,
)
STATS: dict[str, dict[int, int]] = {}

TICKERS = ["LMT", "RTX", "NOC", "GD", "7011.T", "8306.T"]
ODD_TICKERS = ["ZZZZ", "", "bad ticker", "=1+1", "lmt", "Unnamed: 3", "A" * 30, "LMT"]


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    if os.environ.get("ALLOCATOR_FUZZ_REPORT"):
        with open(os.environ["ALLOCATOR_FUZZ_REPORT"], "a", encoding="utf-8") as fh:
            fh.write(json.dumps(STATS) + "\n")


@pytest.fixture(autouse=True)
def _no_confirmations():
    from allocator.data.csv_import import forget_acceptances

    forget_acceptances()
    yield
    forget_acceptances()


# -- generating a price file ----------------------------------------------------------------------
DATE_MUTATIONS = ["future", "year0", "1600", "weekend", "text", "empty", "duplicate", "far-before", "far-after",
                  "slashes", "with-time", "unpadded", "1899", "tomorrow"]
PRICE_MUTATIONS = ["typo1000", "typo1e6", "typo10", "div1000", "negative", "zero", "denormal", "huge", "inf",
                   "nan-text", "text", "empty", "comma-decimal", "1e309", "jump60"]


@st.composite
def price_file(draw):
    """(relative name, bytes) of one price file, or of several in a folder."""
    layout = draw(st.sampled_from(["wide", "wide", "long", "yfinance", "single"]))
    n_tickers = 1 if layout == "single" else draw(st.integers(1, 4))
    tickers = draw(st.lists(st.sampled_from(TICKERS), min_size=n_tickers, max_size=n_tickers, unique=True))
    if draw(st.integers(0, 9)) == 0:
        tickers[draw(st.integers(0, len(tickers) - 1))] = draw(st.sampled_from(ODD_TICKERS))
    with_fx = layout != "single" and draw(st.booleans())
    # Mostly enough rows to estimate from (so the output transaction is exercised), sometimes a handful.
    n = draw(st.sampled_from([400, 300, 220, 400, 150, 300, 80, 400, 30, 5, 3, 2, 1, 0]))  # first = simplest
    freq = draw(st.sampled_from(["B", "B", "B", "B", "W-FRI", "ME", "D"]))
    start = pd.Timestamp("2012-01-02") + pd.Timedelta(days=draw(st.integers(0, 4000)))
    stamps = list(pd.date_range(start, periods=n, freq=freq))
    days = [d.strftime("%Y-%m-%d") for d in stamps]
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    cols = tickers + (["JPY=X"] if with_fx else [])
    level = {t: float(rng.choice([0.05, 1.0, 100.0, 5000.0, 150.0])) for t in cols}
    prices = {t: [f"{v:.6g}" for v in level[t] * np.exp(np.cumsum(rng.normal(0.0003, 0.015, n)))] for t in cols}
    # sparse holes: a ticker that did not trade
    for t in cols:
        for i in rng.choice(n, size=min(n, int(draw(st.integers(0, 3)))), replace=False) if n else []:
            prices[t][int(i)] = ""
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2]))):
        kind = draw(st.sampled_from(DATE_MUTATIONS))
        if not days:
            break
        i = draw(st.integers(0, len(days) - 1))
        d = stamps[i]
        days[i] = {
            "future": "2099-01-05", "year0": "0000-01-03", "1600": "1600-02-01", "1899": "1899-12-29",
            "weekend": (d + pd.Timedelta(days=(5 - d.day_of_week) % 7)).strftime("%Y-%m-%d"),
            "text": "yesterday", "empty": "", "duplicate": days[max(0, i - 1)],
            "far-before": "1990-06-01", "far-after": "2025-06-02", "slashes": d.strftime("%Y/%m/%d"),
            "with-time": d.strftime("%Y-%m-%d 00:00:00-05:00"), "unpadded": f"{d.year}-{d.month}-{d.day}",
            "tomorrow": (pd.Timestamp.today() + pd.Timedelta(days=1)).strftime("%Y-%m-%d"),
        }[kind]
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2]))):
        kind = draw(st.sampled_from(PRICE_MUTATIONS))
        if not n or not cols:
            break
        t = draw(st.sampled_from(cols))
        i = draw(st.integers(0, n - 1))
        try:
            v = float(prices[t][i])
        except ValueError:
            v = 100.0
        if not np.isfinite(v) or v == 0:
            v = 100.0
        prices[t][i] = {
            "typo1000": f"{v * 1000:.6g}", "typo1e6": f"{v * 1e6:.6g}", "typo10": f"{v * 10:.6g}",
            "div1000": f"{v / 1000:.6g}", "negative": f"{-v:.6g}", "zero": "0", "denormal": "5e-324",
            "huge": "1e200", "inf": "inf", "nan-text": "nan", "text": "n/a?", "empty": "",
            "comma-decimal": f"{v:.2f}".replace(".", ","), "1e309": "1e309", "jump60": f"{v * 1.6:.6g}",
        }[kind]
    sep = ";" if draw(st.integers(0, 9)) == 0 else ","
    if layout == "long":
        head = [draw(st.sampled_from(["date", "Date", "timestamp"])), draw(st.sampled_from(["ticker", "symbol"])),
                draw(st.sampled_from(["close", "adj close", "price"]))]
        rows = [head] + [[days[i], t, prices[t][i]] for i in range(n) for t in cols]
    elif layout == "yfinance":
        field = draw(st.sampled_from(["Close", "Adj Close"]))
        rows = [["Price"] + [field] * len(cols), ["Ticker"] + cols, ["Date"] + [""] * len(cols)]
        rows += [[days[i]] + [prices[t][i] for t in cols] for i in range(n)]
    elif layout == "single":
        rows = [["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"]]
        rows += [[days[i], "1", "1", "1", prices[cols[0]][i], prices[cols[0]][i], "1000"] for i in range(n)]
    else:
        rows = [[draw(st.sampled_from(["Date", "date", "", "Datetime"]))] + cols]
        rows += [[days[i]] + [prices[t][i] for t in cols] for i in range(n)]
    # ragged rows: a cell more or less than the header
    for _ in range(draw(st.sampled_from([0, 0, 0, 1]))):
        if len(rows) > 1:
            r = draw(st.integers(1, len(rows) - 1))
            rows[r] = rows[r] + ["9"] if draw(st.booleans()) else rows[r][:-1]
    text = "\n".join(sep.join(r) for r in rows) + ("\n" if draw(st.booleans()) else "")
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    enc = draw(st.sampled_from(["plain"] * 8 + ["bom", "latin1", "nul", "garbage-tail"]))
    if enc == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif enc == "latin1":
        raw = raw.replace(b"Date", "Dat\u00e9".encode("latin-1"), 1)
    elif enc == "nul":
        raw = raw[: len(raw) // 2] + b"\x00" + raw[len(raw) // 2 :]
    elif enc == "garbage-tail":
        raw = raw + draw(st.binary(min_size=1, max_size=40))
    name = f"{cols[0]}.csv" if layout == "single" and cols[0] else "prices.csv"
    gz = draw(st.sampled_from(["no"] * 8 + ["gz", "truncated-gz", "gz-junk"]))
    if gz != "no":
        name += ".gz"
        raw = gzip.compress(raw)
        if gz == "truncated-gz":
            raw = raw[: max(1, len(raw) * draw(st.integers(1, 9)) // 10)]
        elif gz == "gz-junk":
            raw = raw + b"junk"
    files = {name: raw}
    if draw(st.integers(0, 7)) == 0:  # a folder: this file plus a second one
        other = draw(st.sampled_from([t for t in TICKERS if t not in cols] or ["GD"]))
        body = "".join(f"{d.date()},{100 + i % 7}\n" for i, d in enumerate(pd.bdate_range("2016-01-04", periods=300)))
        files[f"{other}.csv" if draw(st.booleans()) else "more.csv"] = f"Date,{other}\n{body}".encode()
    return files


@st.composite
def command(draw, data: Path, out: Path):
    spec = f"csv:{data}" if len(os.listdir(data)) > 1 else f"csv:{data / os.listdir(data)[0]}"
    extra = []
    if draw(st.booleans()):
        extra += ["--objective", draw(st.sampled_from(["min-variance", "max-sharpe", "max-utility"]))]
    if draw(st.integers(0, 3)) == 0:
        extra += ["--frequency", draw(st.sampled_from(["daily", "weekly", "monthly"]))]
    if draw(st.integers(0, 4)) == 0:
        extra += ["--accept-outliers"]
    if draw(st.integers(0, 4)) == 0:
        extra += ["--max-weight", draw(st.sampled_from(["0.5", "1", "0.2"]))]
    if draw(st.booleans()):
        argv = ["optimize", "--data", spec, *extra, "-o", str(out / "F.alloc.json")]
        if draw(st.booleans()):
            argv += ["--csv", str(out / "F.csv")]
    else:
        argv = ["frontier", "--data", spec, *extra, "--points", "3", "--json", str(out / "F.json"),
                "--csv", str(out / "F.csv")]
    return argv


# -- running ---------------------------------------------------------------------------------------
def _state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _record(family: str, code: int) -> None:
    STATS.setdefault(family, {})
    STATS[family][code] = STATS[family].get(code, 0) + 1


def _warm_up(folder: Path, capsys) -> None:
    """A valid file first: imports and compiles are paid once, and a clean file must succeed."""
    folder.mkdir()
    days = pd.bdate_range("2016-01-04", periods=400)
    rng = np.random.default_rng(1)
    body = "".join(f"{d.date()},{100 * np.exp(0.01 * i + rng.normal(0, 0.01)):.4f},{50 + rng.random():.4f}\n"
                   for i, d in enumerate(days))
    (folder / "p.csv").write_text("Date,LMT,RTX\n" + body)
    code = main(["optimize", "--data", f"csv:{folder / 'p.csv'}", "--objective", "min-variance",
                 "-o", str(folder / "F.alloc.json"), "--csv", str(folder / "F.csv")])
    err = capsys.readouterr().err
    assert code == 0, err


def test_fuzz_csv_import(tmp_path, capsys):
    data = tmp_path / "data"
    out = tmp_path / "out"
    _warm_up(tmp_path / "warm", capsys)

    @FUZZ
    @given(st.data())
    def run(draw):
        for folder in (data, out):
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
        for name, raw in draw.draw(price_file()).items():
            (data / name).write_bytes(raw)
        (out / "F.alloc.json").write_text('{"previous": true}\n')
        (out / "F.csv").write_text("previous csv\n")
        (out / "F.json").write_text("{}\n")
        argv = draw.draw(command(data, out))
        before = _state(out)
        t, cpu = time.monotonic(), time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a Python/numpy/pandas warning reaching the user is a failure
            warnings.simplefilter("ignore", DeprecationWarning)  # hidden from users by Python's defaults
            code = main(argv)
        took, cpu = time.monotonic() - t, time.process_time() - cpu
        _, err = capsys.readouterr()
        _record("csv", code)
        if os.environ.get("ALLOCATOR_FUZZ_MESSAGES") and code:
            with open(os.environ["ALLOCATOR_FUZZ_MESSAGES"], "a", encoding="utf-8") as fh:
                fh.write(err.strip().splitlines()[-1].replace(str(tmp_path), "WS")[:140] + "\n")
        shown = f"argv={argv!r}\nfiles={ {n: (data / n).read_bytes()[:300] for n in os.listdir(data)} }\nexit {code}\nstderr={err!r}"
        assert code in (0, 2, 3, 4), shown
        assert "internal error" not in err and "Traceback" not in err, shown
        assert "Warning" not in err, shown
        assert cpu < SLOW_SECONDS and took < HANG_SECONDS, f"{cpu:.1f} s CPU, {took:.1f} s\n{shown}"
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert all(ln.startswith("allocator: ") for ln in lines), shown
        if code != 0:
            assert len([ln for ln in lines if not ln.startswith("allocator: note:")]) == 1, shown
            assert lines[-1].startswith("allocator: error:"), shown
            assert _state(out) == before, f"a failed command changed the outputs\n{shown}"
        else:
            assert sorted(os.listdir(out)) == ["F.alloc.json", "F.csv", "F.json"], f"temp files left\n{shown}"
            assert _state(out) != before, shown

    run()
