"""The bundled offline sample (a *simulated* price history) and its generator.

The sample is made by ``tools/make_sample.py`` from the calibration figures in
``../shared/data/calibration_2015_2024.json``.  Tests that compare with that
file skip when ``../shared`` is absent; the rest need only the repository.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from allocator.data.prices import SIMULATED_LABEL
from allocator.data.sample import load_sample, sample_meta
from allocator.universe import FX_TICKER, default_universe

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_FILE = ROOT / "resources" / "sample" / "prices.csv.gz"
GENERATOR_FILE = ROOT / "tools" / "make_sample.py"
CALIBRATION_FILE = ROOT.parent / "shared" / "data" / "calibration_2015_2024.json"

#: The generator matches the monthly moments exactly; what is left is the
#: rounding of the stored prices to 7 significant digits (a relative error of at
#: most 5e-7 per price, i.e. about 1e-6 per monthly return and < 1e-5 on any
#: annualised figure; measured: mean 4e-8, vol 2e-7, correlation 2.4e-6).
#: The tolerances are the calibration file's own rounding unit (4 decimals), so a
#: pass means the sample reproduces the calibration as precisely as it is
#: published, while leaving headroom for a regeneration with another numpy/BLAS.
TOL_MEAN = 1e-4  # annualised mean of monthly log returns
TOL_VOL = 1e-4  # annualised volatility of monthly log returns
TOL_CORR = 1e-4  # correlation of monthly simple returns


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_sample", GENERATOR_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator():
    return _load_generator()


@pytest.fixture(scope="module")
def history():
    return load_sample()


@pytest.fixture(scope="module")
def frame(history):
    """Assets and JPY=X on the sample's full weekday grid (as stored)."""
    return history.prices.join(history.fx.rename(FX_TICKER), how="outer")


@pytest.fixture(scope="module")
def calibration():
    if not CALIBRATION_FILE.is_file():
        pytest.skip(f"needs the calibration figures in ../shared/data ({CALIBRATION_FILE} is absent)")
    return json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))


def monthly_returns(frame: pd.DataFrame, first: str = "2015-01", last: str = "2024-12"):
    """Monthly log and simple returns the way the calibration computed them.

    Month-end = last available price of each calendar month, per ticker.
    """
    month_end = frame.resample("ME").last()
    month_end = month_end[(month_end.index >= pd.Period(first).start_time) & (month_end.index <= pd.Period(last).end_time)]
    return np.log(month_end).diff().iloc[1:], month_end.pct_change().iloc[1:]


# --------------------------------------------------------------------------- the bundled file


def test_sample_loads_and_is_labelled_simulated(history):
    assert history.simulated
    assert history.label == SIMULATED_LABEL == "simulated sample"
    assert history.fx is not None and len(history.fx) > 2500
    assert history.prices.index.min() <= pd.Timestamp("2015-01-06")
    assert history.prices.index.max() >= pd.Timestamp("2024-12-30")
    assert history.prices.min().min() > 0 and history.prices.notna().sum().min() > 2400
    assert history.fx.between(60, 250).all(), "JPY=X is yen per dollar and starts near 120"
    assert abs(history.fx.iloc[0] - 120) < 5


def test_every_default_universe_ticker_is_present(history):
    missing = [t for t in default_universe().tickers if t not in history.tickers]
    assert not missing, f"sample lacks {missing}"


def test_all_calibration_tickers_are_simulated(history):
    # 61 assets of the full-window correlation + JPY=X, so users can add any of them offline.
    assert len(history.tickers) == 61
    assert sum(t.endswith(".T") for t in history.tickers) == 28


def test_file_is_small():
    size = SAMPLE_FILE.stat().st_size
    assert size <= 3_000_000, f"sample is {size / 1e6:.2f} MB, limit 3 MB"
    with SAMPLE_FILE.open("rb") as fh:
        header = fh.read(10)
    assert header[:2] == b"\x1f\x8b" and header[4:8] == b"\0\0\0\0", "gzip with mtime 0 (reproducible)"


def test_meta_describes_a_simulation(history):
    meta = sample_meta()
    assert meta["label"] == "simulated sample"
    assert "not market data" in meta["note"].lower()
    assert meta["calibration"]["file"] == "calibration_2015_2024.json"
    assert isinstance(meta["seed"], int)
    assert meta["n_tickers"] == len(history.tickers) + 1  # + JPY=X
    assert meta["start"] == str(history.fx.index[0].date())
    assert meta["end"] == str(history.fx.index[-1].date())


@pytest.mark.parametrize(
    "day, us_open, jp_open",
    [
        ("2019-07-04", False, True),  # Independence Day
        ("2019-11-28", False, True),  # Thanksgiving
        ("2018-12-05", False, True),  # NYSE closed for President Bush's funeral
        ("2019-01-02", True, False),  # Tokyo new-year closure (Jan 1-3)
        ("2019-05-01", True, False),  # Golden Week 2019 (enthronement holidays)
        ("2019-12-31", True, False),  # Tokyo closes on Dec 31
        ("2020-10-01", True, False),  # TSE system outage, no trading all day
        ("2019-07-05", True, True),
    ],
)
def test_market_holidays_are_blank(frame, day, us_open, jp_open):
    row = frame.loc[pd.Timestamp(day)]
    us = [t for t in frame.columns if t != FX_TICKER and not t.endswith(".T")]
    jp = [t for t in frame.columns if t.endswith(".T")]
    assert row[us].notna().all() if us_open else row[us].isna().all()
    assert row[jp].notna().all() if jp_open else row[jp].isna().all()
    assert not math.isnan(row[FX_TICKER]), "JPY=X trades on every weekday"


def test_each_market_shares_one_calendar(frame):
    us = [t for t in frame.columns if t != FX_TICKER and not t.endswith(".T")]
    jp = [t for t in frame.columns if t.endswith(".T")]
    for cols, per_year in ((us, (250, 253)), (jp, (240, 248))):
        open_ = frame[cols].notna()
        assert (open_.eq(open_.iloc[:, 0], axis=0)).all().all(), "same blank days within a market"
        days = open_.iloc[:, 0].groupby(frame.index.year).sum()
        assert days.between(*per_year).all(), days.to_dict()
    weekdays = pd.bdate_range(frame.index[0], frame.index[-1])
    assert frame.index.equals(weekdays) and frame[FX_TICKER].notna().all()


# --------------------------------------------------------------------------- against the calibration


@pytest.mark.shared_data
def test_monthly_statistics_match_the_calibration(frame, calibration):
    block = calibration["local_currency"]
    tickers = block["correlation_full_window"]["tickers"]
    target_corr = np.asarray(block["correlation_full_window"]["matrix"], dtype=float)
    stats = block["stats"]
    log_r, simple_r = monthly_returns(frame[tickers])
    assert len(log_r) == block["n_returns_full_window"] == 119

    mean = 12 * log_r.mean()
    vol = math.sqrt(12) * log_r.std(ddof=1)
    mean_err = max(abs(mean[t] - stats[t]["mean_log_ann"]) for t in tickers)
    vol_err = max(abs(vol[t] - stats[t]["vol_log_ann"]) for t in tickers)
    corr_err = np.abs(simple_r.corr().to_numpy() - target_corr).max()
    assert mean_err < TOL_MEAN, f"annual mean off by {mean_err:.2g}"
    assert vol_err < TOL_VOL, f"annual volatility off by {vol_err:.2g}"
    assert corr_err < TOL_CORR, f"correlation off by {corr_err:.2g}"


@pytest.mark.shared_data
def test_committed_sample_is_what_the_generator_makes(generator, frame, calibration):
    pytest.importorskip("exchange_calendars", reason="the generator's holiday calendars (dev-only dependency)")
    fresh = generator.simulate(calibration)
    stored = frame[fresh.columns]
    assert fresh.index.equals(stored.index)
    assert fresh.isna().equals(stored.isna())
    np.testing.assert_allclose(stored.to_numpy(), fresh.to_numpy(), rtol=2e-6)


# --------------------------------------------------------------------------- the generator (no ../shared needed)


def _synthetic_calibration() -> dict:
    tickers = ["AAA", "1111.T", FX_TICKER]
    stats = {
        "AAA": {"mean_log_ann": 0.10, "vol_log_ann": 0.25},
        "1111.T": {"mean_log_ann": 0.05, "vol_log_ann": 0.30},
        FX_TICKER: {"mean_log_ann": 0.02, "vol_log_ann": 0.09},
    }
    corr = [[1.0, 0.4, 0.1], [0.4, 1.0, 0.3], [0.1, 0.3, 1.0]]
    return {
        "period": {"month_end_prices": "2019-01..2020-12"},
        "local_currency": {"stats": stats, "correlation_full_window": {"tickers": tickers, "matrix": corr}},
    }


def _synthetic_sessions() -> dict:
    weekdays = pd.bdate_range("2019-01-01", "2020-12-31")
    us_closed = pd.to_datetime(["2019-01-01", "2019-07-04", "2019-12-25", "2020-01-01", "2020-05-29", "2020-12-25"])
    jp_closed = pd.to_datetime(["2019-01-01", "2019-01-02", "2019-01-03", "2019-04-30", "2019-12-31", "2020-10-01"])
    return {"US": weekdays.difference(us_closed), "JP": weekdays.difference(jp_closed)}


SYNTH = dict(start="2019-01-01", end="2020-12-31")


def test_generator_is_deterministic(generator):
    calib, sessions = _synthetic_calibration(), _synthetic_sessions()
    one = generator.to_csv_gz_bytes(generator.simulate(calib, seed=7, sessions=sessions, **SYNTH))
    two = generator.to_csv_gz_bytes(generator.simulate(calib, seed=7, sessions=sessions, **SYNTH))
    other = generator.to_csv_gz_bytes(generator.simulate(calib, seed=8, sessions=sessions, **SYNTH))
    assert one == two
    assert one != other
    assert one[4:8] == b"\0\0\0\0", "gzip mtime must be 0"
    text = gzip.decompress(one).decode("utf-8")
    assert text.startswith("Date,AAA,1111.T,JPY=X\n2019-01-01,")


def test_generator_blanks_holidays_and_hits_its_targets(generator):
    calib, sessions = _synthetic_calibration(), _synthetic_sessions()
    frame = generator.simulate(calib, seed=3, sessions=sessions, **SYNTH)
    assert frame.index.equals(pd.bdate_range("2019-01-01", "2020-12-31"))
    assert frame["AAA"].isna().sum() == 6 and math.isnan(frame.at[pd.Timestamp("2019-07-04"), "AAA"])
    assert frame["1111.T"].isna().sum() == 6 and math.isnan(frame.at[pd.Timestamp("2020-10-01"), "1111.T"])
    assert frame[FX_TICKER].notna().all() and frame[FX_TICKER].iloc[0] == pytest.approx(120.0)

    log_r, simple_r = monthly_returns(frame, "2019-01", "2020-12")
    assert len(log_r) == 23
    stats = calib["local_currency"]["stats"]
    for t, s in stats.items():
        assert 12 * log_r[t].mean() == pytest.approx(s["mean_log_ann"], abs=1e-9)
        assert math.sqrt(12) * log_r[t].std(ddof=1) == pytest.approx(s["vol_log_ann"], abs=1e-9)
    target = np.asarray(calib["local_currency"]["correlation_full_window"]["matrix"])
    np.testing.assert_allclose(simple_r.corr().to_numpy(), target, atol=1e-8)


def test_generator_subset_and_clear_errors(generator, tmp_path, capsys):
    calib, sessions = _synthetic_calibration(), _synthetic_sessions()
    sub = generator.simulate(calib, tickers=["AAA", FX_TICKER], sessions=sessions, **SYNTH)
    assert list(sub.columns) == ["AAA", FX_TICKER]
    with pytest.raises(generator.SampleError, match="ZZZ"):
        generator.simulate(calib, tickers=["ZZZ"], sessions=sessions, **SYNTH)

    missing = tmp_path / "nowhere" / "calibration.json"
    assert generator.main([str(missing), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "calibration file not found" in err and str(missing) in err
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- realistic price levels (issue 10, defect 10)


def test_last_prices_are_the_published_levels(generator, frame):
    """Each path ends at its ticker's real price level (END_PRICES), so share counts are realistic."""
    last = frame.ffill().iloc[-1]
    assert set(generator.END_PRICES) == set(frame.columns) - {FX_TICKER}
    for t, level in generator.END_PRICES.items():
        assert last[t] == pytest.approx(level, rel=1e-6), t
    us = [t for t in frame.columns if t != FX_TICKER and not t.endswith(".T")]
    jp = [t for t in frame.columns if t.endswith(".T")]
    assert last[us].max() < 1000 and last[jp].max() < 100_000  # no $34,000 US stock any more


@pytest.mark.shared_data
def test_last_prices_near_the_real_ones(frame, shared_data):
    """Against the real closes of ../shared/data (adjusted, hence a few % lower): within 15%."""
    real = pd.read_csv(shared_data / "prices_daily.csv", index_col=0, parse_dates=True)
    last = frame.ffill().iloc[-1]
    for t in frame.columns:
        if t == FX_TICKER or t not in real.columns:
            continue
        ratio = last[t] / real[t].dropna().iloc[-1]
        assert 0.95 < ratio < 1.15, (t, ratio)


@pytest.mark.parametrize("base, capital", [("JPY", 10_000_000), ("USD", 100_000)])
def test_export_of_the_sample_invests_nearly_everything(tmp_path, capsys, base, capital):
    """The audit's case: 10,000,000 on the sample left 27% in cash (whole shares of absurd prices)."""
    import csv
    import io

    from allocator import cli

    out, csv_path = tmp_path / "s.alloc.json", tmp_path / "s.csv"
    assert cli.main(["optimize", "--data", "sample", "--base", base, "--max-weight", "0.1", "-o", str(out)]) == 0
    assert cli.main(["export", str(out), "--csv", str(csv_path), "--capital", str(capital)]) == 0
    capsys.readouterr()
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"), newline="")))
    cash = next(float(r[2]) for r in rows if r and r[0] == "cash")
    assert cash / capital < 0.05
