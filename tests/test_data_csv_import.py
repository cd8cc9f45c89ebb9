"""CSV import: the three layouts (plus Yahoo's single-ticker file), and errors naming file, row and column."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from yf_fake import LOCAL_YF, SHARED_DATA  # noqa: E402

from allocator.data.csv_import import import_prices, read_price_csv  # noqa: E402
from allocator.data.sources import load_csv, open_source  # noqa: E402
from allocator.errors import DataError, DocumentError, InputError  # noqa: E402

needs_shared = pytest.mark.skipif(
    not (SHARED_DATA / "prices_daily.csv").is_file(),
    reason=f"real test data not found at {SHARED_DATA} (../shared/data is only present in the development workspace)",
)


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLOCATOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ALLOCATOR_CACHE_DIR", raising=False)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- layouts -------------------------------------------------------------------


def test_yfinance_layout_prefers_adj_close(tmp_path):
    frame, layout = read_price_csv(LOCAL_YF / "9999.T.csv")
    raw = pd.read_csv(LOCAL_YF / "9999.T.csv", header=[0, 1], index_col=0)
    assert layout == "yfinance"
    assert list(frame.columns) == ["9999.T"]
    assert np.allclose(frame["9999.T"].to_numpy(), raw[("Adj Close", "9999.T")].to_numpy())
    assert frame.index.dtype == "datetime64[ns]" or str(frame.index.dtype).startswith("datetime64")


def test_yfinance_layout_auto_adjusted_uses_close():
    frame, layout = read_price_csv(LOCAL_YF / "AAA.csv")
    raw = pd.read_csv(LOCAL_YF / "AAA.csv", header=[0, 1], index_col=0)
    assert layout == "yfinance"
    assert np.allclose(frame["AAA"].to_numpy(), raw[("Close", "AAA")].to_numpy())


def test_yfinance_multi_ticker_file_with_timezones(tmp_path):
    p = write(
        tmp_path / "two.csv",
        "Price,Close,Close,Volume,Volume\n"
        "Ticker,AAA,7203.T,AAA,7203.T\n"
        "Date,,,,\n"
        "2024-01-04 00:00:00-05:00,10.5,,100,\n"
        "2024-01-05 00:00:00-05:00,10.7,2500,100,5\n",
    )
    frame, layout = read_price_csv(p)
    assert layout == "yfinance"
    assert frame.loc["2024-01-05", "7203.T"] == 2500
    assert list(frame.index.strftime("%Y-%m-%d")) == ["2024-01-04", "2024-01-05"]


def test_wide_layout(tmp_path):
    p = write(tmp_path / "w.csv", "Date,LMT,7203.T,JPY=X\n2024-01-02,450.1,,141.0\n2024-01-04,451,2500,142.5\n")
    frame, layout = read_price_csv(p)
    assert layout == "wide"
    assert frame.shape == (2, 3)
    assert np.isnan(frame.loc["2024-01-02", "7203.T"])


def test_long_layout(tmp_path):
    p = write(
        tmp_path / "long.csv",
        "date,ticker,close\n2024-01-02,LMT,450.1\n2024-01-02,JPY=X,141\n2024-01-04,lmt,451\n2024-01-04,7203.T,2500\n",
    )
    frame, layout = read_price_csv(p)
    assert layout == "long"
    assert sorted(frame.columns) == ["7203.T", "JPY=X", "LMT"]  # lower-case ticker normalised
    assert frame.loc["2024-01-04", "LMT"] == 451


def test_single_ticker_yahoo_web_layout(tmp_path):
    p = write(
        tmp_path / "SPY.csv",
        "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,1,1,472.6,470.1,10\n2024-01-03,1,1,1,468.8,466.3,10\n",
    )
    frame, layout = read_price_csv(p)
    assert layout == "single"
    assert list(frame.columns) == ["SPY"]
    assert frame["SPY"].iloc[0] == 470.1


def test_semicolon_bom_gzip(tmp_path):
    p = tmp_path / "eu.csv.gz"
    with gzip.open(p, "wt", encoding="utf-8-sig") as fh:
        fh.write("Date;LMT\n2024-01-02;450.1\n2024-01-03;451.0\n")
    frame, layout = read_price_csv(p)
    assert layout == "wide" and frame["LMT"].iloc[-1] == 451.0


def test_folder_combines_files_and_fx(tmp_path):
    h = load_csv(LOCAL_YF)
    assert set(h.tickers) == {"AAA", "BBB", "9999.T"}
    assert h.fx is not None and h.fx.index[0] == pd.Timestamp("2024-01-01")
    assert h.source == "csv" and h.label == "CSV: yfinance"


def test_open_source_csv_spec_and_selection(tmp_path):
    h = open_source(f"csv:{LOCAL_YF / 'AAA.csv'}", ["AAA"])
    assert h.tickers == ["AAA"]
    assert any("JPY=X" in w for w in h.warnings)  # says the file has no USD/JPY
    with pytest.raises(DataError, match="BBB"):
        open_source(f"csv:{LOCAL_YF / 'AAA.csv'}", ["AAA", "BBB"])
    with pytest.raises(InputError, match="needs a file"):
        open_source("csv:", None)


# -- errors name file, row and column --------------------------------------------


@pytest.mark.parametrize(
    "text, where, what",
    [
        ("Date,LMT\n2024-01-02,450\n2024-13-03,451\n", "row 3, column 'Date'", "not a date"),
        ("Date,LMT\n2024-01-02,450\nyesterday,451\n", "row 3, column 'Date'", "'yesterday' is not a date"),
        ("Date,LMT,GD\n2024-01-02,450,1\n2024-01-03,45O,2\n", "row 3, column 'LMT'", "'45O' is not a number"),
        ("Date,LMT\n2024-01-02,450\n2024-01-03,-4\n", "row 3, column 'LMT'", "not a positive number"),
        ("Date,LMT\n2024-01-02,450\n2024-01-02,451\n", "row 3, column 'Date'", "appears twice (also on row 2)"),
        ("Date,LMT,\n2024-01-02,450,1\n", "row 1, column 3", "no ticker"),
        ("Date,LMT,not a ticker!\n2024-01-02,450,1\n", "row 1, column 3", "not a valid Yahoo ticker"),
        ("Date,LMT,LMT\n2024-01-02,450,1\n", "row 1, column 3", "two columns"),
        ("date,ticker,close\n2024-01-02,LMT,1\n2024-01-02,LMT,2\n", "row 3, column 'date'", "LMT on 2024-01-02 appears twice"),
        ("date,ticker,close\n2024-01-02,LMT,1\n2024-01-03,,2\n", "row 3, column 'ticker'", "empty cell"),
        ("date,ticker,close\n2024-01-02,LMT,1\n2024-01-03,GD,x\n", "row 3, column 'close'", "'x' is not a number"),
        (
            "Price,Close\nTicker,AAA\nDate,\n2024-01-02,1\n2024-01-03,abc\n",
            "row 5, column 'AAA'",
            "'abc' is not a number",
        ),
    ],
)
def test_errors_name_file_row_column(tmp_path, text, where, what):
    p = write(tmp_path / "bad.csv", text)
    with pytest.raises(DocumentError) as info:
        import_prices(p)
    msg = str(info.value)
    assert msg.startswith(str(p)), msg
    assert where in msg and what in msg, msg
    assert "\n" not in msg
    assert info.value.exit_code == 2


def test_blank_lines_keep_true_row_numbers(tmp_path):
    p = write(tmp_path / "gaps.csv", "Date,LMT\n2024-01-02,450\n\n2024-01-04,oops\n")
    with pytest.raises(DocumentError, match=r"row 4, column 'LMT'"):
        import_prices(p)


def test_empty_and_missing_files(tmp_path):
    with pytest.raises(DocumentError, match="empty"):
        import_prices(write(tmp_path / "e.csv", ""))
    with pytest.raises(DocumentError, match="no data rows"):
        import_prices(write(tmp_path / "h.csv", "Date,LMT\n"))
    with pytest.raises(DocumentError, match="no such file"):
        import_prices(tmp_path / "nope.csv")
    (tmp_path / "empty_dir").mkdir()
    with pytest.raises(DocumentError, match="no .csv files"):
        import_prices(tmp_path / "empty_dir")
    bad = tmp_path / "latin.csv"
    bad.write_bytes("Date,LMT\n2024-01-02,4\xe9\n".encode("latin-1"))
    with pytest.raises(DocumentError, match="UTF-8"):
        import_prices(bad)


def test_same_ticker_in_two_files_is_an_error(tmp_path):
    write(tmp_path / "a.csv", "Date,LMT\n2024-01-02,450\n")
    write(tmp_path / "b.csv", "date,ticker,close\n2024-01-03,LMT,451\n")
    with pytest.raises(DocumentError, match=r"b\.csv: ticker LMT is also in a\.csv"):
        import_prices(tmp_path)


def test_unknown_tickers_are_left_out_with_a_warning(tmp_path):
    p = write(tmp_path / "w.csv", "Date,LMT,ZZZZ\n2024-01-02,450,1\n")
    imported = import_prices(p, known={"LMT"})
    assert list(imported.frame.columns) == ["LMT"]
    assert "ZZZZ (w.csv)" in imported.warnings[0]


# -- the real data (test-only, never copied into the project) -----------------------


@needs_shared
def test_real_yfinance_files_import_and_match_prices_daily():
    """Every file in yfinance_format/ imports, and its returns equal those of prices_daily.csv."""
    daily = pd.read_csv(SHARED_DATA / "prices_daily.csv", index_col=0, parse_dates=True)
    folder = SHARED_DATA / "yfinance_format"
    h = open_source(f"csv:{folder}", None)
    assert set(h.tickers) | {"JPY=X"} == {p.name[:-4] for p in folder.glob("*.csv")}
    imported = pd.concat([h.prices, h.fx.rename("JPY=X")], axis=1, sort=True)
    for t in imported.columns:
        mine = imported[t].dropna()
        ref = daily[t].dropna()
        common = mine.index.intersection(ref.index)
        assert len(common) == len(mine) > 2900, t  # every imported date is a real trading date
        r_mine = mine.loc[common].pct_change().dropna()
        r_ref = ref.loc[common].pct_change().dropna()
        # prices_daily.csv holds 7 significant digits (and SPY/XLI come from a second Yahoo
        # vintage agreeing to ~1e-6, per its README), so returns agree to a few 1e-6.
        diff = (r_mine - r_ref).abs()
        assert diff.max() < 5e-6, (t, diff.max())


@needs_shared
def test_real_prices_daily_imports_as_wide_csv():
    h = open_source(f"csv:{SHARED_DATA / 'prices_daily.csv'}", ["LMT", "7203.T", "CRWD"])
    daily = pd.read_csv(SHARED_DATA / "prices_daily.csv", index_col=0, parse_dates=True)
    for t in ["LMT", "7203.T", "CRWD"]:
        pd.testing.assert_series_equal(
            h.prices[t].dropna().pct_change().dropna(), daily[t].dropna().pct_change().dropna(), check_names=False
        )
    assert h.fx is not None and len(h.fx) == daily["JPY=X"].notna().sum()
