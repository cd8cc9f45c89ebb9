"""Issue 16, items 7 and 11: CSV imports that used to crash or be accepted in silence.

Item 7 (each was ``allocator: internal error``): a date outside pandas' range
(year 0000), a denormal price, a file of 2-5 rows, a file of weekend rows only.
(A truncated .gz and a gzip bomb: tests/test_userfile.py.)  Item 11: dates
after today or far from the rest of the file are rejected naming the row;
price typos x1,000 .. x1,000,000 are an error naming the row unless
``--accept-outliers``; smaller outlier moves are a note.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from allocator.cli import main
from allocator.data.csv_import import (
    EXTREME_FACTOR,
    accept_moves,
    forget_acceptances,
    import_prices,
    set_accept_all,
    unaccepted,
)
from allocator.data.sources import load_csv
from allocator.errors import DocumentError


@pytest.fixture(autouse=True)
def _no_confirmations():
    forget_acceptances()
    yield
    forget_acceptances()


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _days(n=500, start="2019-01-01"):
    return pd.bdate_range(start, periods=n)


def _prices(n=500, seed=3):
    rng = np.random.default_rng(seed)
    return {t: 100 * np.exp(np.cumsum(rng.normal(0.0004, 0.01, n))) for t in ("LMT", "RTX")}


def write_wide(path, days=None, prices=None, extra=()):
    days = _days() if days is None else days
    prices = _prices(len(days)) if prices is None else prices
    lines = ["Date,LMT,RTX"]
    lines += [f"{d.date()},{prices['LMT'][i]:.4f},{prices['RTX'][i]:.4f}" for i, d in enumerate(days)]
    lines += list(extra)
    path.write_text("\n".join(lines) + "\n")
    return path


def optimize(capsys, tmp_path, csv_path, *more):
    return run(capsys, "optimize", "--data", f"csv:{csv_path}", "--objective", "min-variance",
               "-o", tmp_path / "F.alloc.json", *more)


def assert_clean_failure(code, err, expected_codes=(2,)):
    assert code in expected_codes, err
    lines = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith("allocator: note:")]
    assert len(lines) == 1 and lines[0].startswith("allocator: error:"), err
    assert "internal error" not in err and "Traceback" not in err


# -- item 7 ------------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["0000-01-03", "0001-01-01", "1600-01-03", "1899-12-29"])
def test_dates_outside_pandas_or_before_1900_name_the_row(tmp_path, capsys, bad):
    p = write_wide(tmp_path / "p.csv", extra=[f"{bad},100,50"])
    code, _, err = optimize(capsys, tmp_path, p)
    assert_clean_failure(code, err)
    assert "p.csv: row 502, column 'Date'" in err and bad in err


@pytest.mark.parametrize("bad", ["5e-324", "1e-300", "2.2e-308", "1e300"])
def test_denormal_and_absurd_prices_name_the_cell(tmp_path, capsys, bad):
    days = _days()
    prices = _prices()
    text = write_wide(tmp_path / "p.csv", days, prices).read_text().splitlines()
    cells = text[301].split(",")
    text[301] = ",".join([cells[0], bad, cells[2]])
    (tmp_path / "p.csv").write_text("\n".join(text) + "\n")
    code, _, err = optimize(capsys, tmp_path, tmp_path / "p.csv")
    assert_clean_failure(code, err)
    assert "row 302, column 'LMT'" in err and "outside the range of prices" in err


@pytest.mark.parametrize("rows", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("frequency", ["daily", "weekly", "monthly"])
def test_files_of_a_few_rows_are_a_clean_exit(tmp_path, capsys, rows, frequency):
    p = write_wide(tmp_path / "few.csv", _days(rows), {k: v[:rows] for k, v in _prices().items()})
    code, _, err = optimize(capsys, tmp_path, p, "--frequency", frequency)
    assert_clean_failure(code, err, (2, 4))
    assert not (tmp_path / "F.alloc.json").exists()


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_weekend_only_rows_are_refused(tmp_path, capsys, layout):
    days = pd.date_range("2019-01-05", periods=300, freq="D")
    days = days[days.day_of_week >= 5]
    p = tmp_path / "weekend.csv"
    if layout == "wide":
        write_wide(p, days, {k: v[: len(days)] for k, v in _prices().items()})
    else:
        p.write_text("date,ticker,close\n" + "".join(f"{d.date()},LMT,{100 + i % 7}\n" for i, d in enumerate(days)))
    code, _, err = optimize(capsys, tmp_path, p)
    assert_clean_failure(code, err)
    assert "weekend.csv" in err and "Saturday or Sunday" in err


# -- item 11: dates ------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["9999-12-31", "2099-01-05", str(date.today() + timedelta(days=30))])
def test_future_dates_are_refused_naming_the_row(tmp_path, capsys, bad):
    p = write_wide(tmp_path / "p.csv", extra=[f"{bad},150,150"])
    before = (tmp_path / "F.alloc.json")
    before.write_text("previous\n")
    code, _, err = optimize(capsys, tmp_path, p)
    assert_clean_failure(code, err)
    assert "row 502, column 'Date'" in err and "after today" in err and bad in err
    assert before.read_text() == "previous\n"


def test_tomorrow_is_accepted_for_tokyo_time(tmp_path):
    days = pd.bdate_range(end=pd.Timestamp(date.today()), periods=300)
    p = write_wide(tmp_path / "p.csv", days, {k: v[:300] for k, v in _prices().items()},
                   extra=[f"{date.today() + timedelta(days=1)},100,50"])
    assert len(import_prices(p).frame) == 301


@pytest.mark.parametrize("where, bad, word", [("first", "2001-03-05", "far before"), ("middle", "2001-03-05", "far before"),
                                                ("last", "2023-03-06", "far after")])
def test_a_row_far_from_the_rest_is_a_typo(tmp_path, capsys, where, bad, word):
    """2019-2020 data with one row typed as 2001 (or 2023): rejected naming that row."""
    days = list(_days(400).strftime("%Y-%m-%d"))
    i = {"first": 0, "middle": 200, "last": 399}[where]
    days[i] = bad
    p = write_wide(tmp_path / "p.csv", pd.DatetimeIndex(days), _prices(400))
    code, _, err = optimize(capsys, tmp_path, p)
    assert_clean_failure(code, err)
    assert f"row {i + 2}, column 'Date'" in err and word in err and bad in err


def test_a_real_gap_of_weeks_is_not_a_typo(tmp_path):
    days = _days(400)
    days = days[(days < "2019-06-01") | (days > "2019-07-15")]
    p = write_wide(tmp_path / "p.csv", days, _prices(len(days)))
    assert len(import_prices(p).frame) == len(days)


def test_long_layout_far_date_names_its_row(tmp_path):
    days = _days(300)
    body = "".join(f"{d.date()},LMT,{100 + i % 9}\n" for i, d in enumerate(days))
    p = tmp_path / "long.csv"
    p.write_text("date,ticker,close\n" + body + "2031-05-05,LMT,101\n")
    with pytest.raises(DocumentError, match=r"row 302, column 'date'.*2031-05-05"):
        import_prices(p)


# -- item 11: price typos ------------------------------------------------------------------------
def _typo_file(tmp_path, factor, row_index=300, name="typo.csv"):
    days = _days()
    prices = _prices()
    prices["LMT"] = prices["LMT"].copy()
    prices["LMT"][row_index] *= factor
    return write_wide(tmp_path / name, days, prices), days[row_index].date()


@pytest.mark.parametrize("factor", [1_000, 10_000, 1_000_000, 1e-3])
def test_price_typos_are_an_error_naming_the_row(tmp_path, capsys, factor):
    p, day = _typo_file(tmp_path, factor)
    code, _, err = optimize(capsys, tmp_path, p)
    assert_clean_failure(code, err)
    assert "typo.csv: row 302, LMT" in err and str(day) in err and "--accept-outliers" in err
    assert not (tmp_path / "F.alloc.json").exists()


def test_accept_outliers_uses_the_file_and_still_says_so(tmp_path, capsys):
    p, day = _typo_file(tmp_path, 1_000)
    code, _, err = optimize(capsys, tmp_path, p, "--accept-outliers")
    assert code == 0, err
    assert "one-day move(s) above the data-quality outlier threshold" in err and "row 302" in err
    # the flag is for that command only
    code, _, err = optimize(capsys, tmp_path, p)
    assert code == 2 and "--accept-outliers" in err


def test_moderate_outlier_moves_are_a_note_only(tmp_path, capsys):
    p, day = _typo_file(tmp_path, 1.6)  # +60 % one day, -37 % the next: odd, not impossible
    code, _, err = optimize(capsys, tmp_path, p)
    assert code == 0, err
    notes = [ln for ln in err.splitlines() if "outlier threshold" in ln]
    assert len(notes) == 1 and "row 302, LMT" in notes[0] and str(day) in notes[0]


def test_long_and_yfinance_layouts_name_the_typo_row(tmp_path):
    days = _days(200)
    rows = [f"{d.date()},{t},{100 + (i % 5) if t == 'LMT' else 50}" for i, d in enumerate(days) for t in ("LMT", "RTX")]
    rows[151] = rows[151].rsplit(",", 1)[0] + ",50000"  # line 153: RTX on days[75]
    p = tmp_path / "long.csv"
    p.write_text("date,ticker,close\n" + "\n".join(rows) + "\n")
    (m, *_) = [m for m in import_prices(p).extreme_moves if m.ticker == "RTX"]
    assert (m.row, m.date, m.price, m.previous) == (153, days[75].date(), 50000.0, 50.0)
    y = tmp_path / "yf.csv"
    y.write_text("Price,Close\nTicker,LMT\nDate,\n" + "".join(
        f"{d.date()},{100000 if i == 10 else 100 + i % 3}\n" for i, d in enumerate(days)))
    moves = import_prices(y).extreme_moves
    assert [(mv.row, mv.previous_row) for mv in moves][:1] == [(14, 13)]


def test_a_confirmation_is_bound_to_the_file_content(tmp_path):
    p, _ = _typo_file(tmp_path, 1_000)
    imported = import_prices(p)
    assert unaccepted(imported.moves)
    accept_moves(imported.extreme_moves)
    assert load_csv(p).prices.shape[1] == 2  # accepted as it is
    p.write_text(p.read_text().replace("Date,LMT,RTX", "Date,LMT,RTX", 1) + "\n")  # edited (a blank line)
    assert hashlib.sha256(p.read_bytes()).hexdigest() != imported.moves[0].digest
    with pytest.raises(DocumentError, match="a typo"):
        load_csv(p)


def test_accept_all_is_restored(tmp_path):
    p, _ = _typo_file(tmp_path, 1_000, name="t2.csv")
    before = set_accept_all(True)
    try:
        load_csv(p)
    finally:
        set_accept_all(before)
    with pytest.raises(DocumentError):
        load_csv(p)


def test_extreme_factor_bounds(tmp_path):
    """A move just under the factor is a note; at the factor it needs a confirmation."""
    for factor, extreme in ((EXTREME_FACTOR * 0.98, False), (EXTREME_FACTOR * 1.02, True)):
        p, _ = _typo_file(tmp_path, factor, name=f"f{factor:.0f}.csv")
        assert bool(import_prices(p).extreme_moves) is extreme


def test_real_prices_have_no_extreme_moves(shared_data):
    imported = import_prices(shared_data / "prices_daily.csv")
    assert imported.extreme_moves == ()
    assert 0 < len(imported.moves) < 100  # the quality report's outliers: real crashes and jumps
