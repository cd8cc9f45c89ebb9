"""The per-ticker price cache: round trip, atomic writes, damaged files dropped (never a crash)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from allocator.data.cache import PriceCache
from allocator.errors import DataError
from allocator.userdata import cache_dir


def series(n=50, start="2024-01-02", scale=100.0):
    idx = pd.bdate_range(start, periods=n)
    return pd.Series(scale * np.exp(np.cumsum(np.full(n, 0.001))), index=idx)


def test_cache_lives_under_the_overridden_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(tmp_path / "c"))
    assert PriceCache().root.parent == tmp_path / "c" == cache_dir()
    monkeypatch.delenv("ALLOCATOR_CACHE_DIR")
    monkeypatch.setenv("ALLOCATOR_HOME", str(tmp_path / "h"))
    assert cache_dir() == tmp_path / "h" / "cache"


def test_round_trip_and_odd_ticker_names(tmp_path):
    cache = PriceCache(tmp_path)
    for t in ["LMT", "7203.T", "JPY=X", "^N225"]:
        cache.write(t, series(), fetched_at=123.0)
    assert cache.tickers() == sorted(["LMT", "7203.T", "JPY=X", "^N225"])
    e = cache.read("JPY=X")
    assert e.fetched_at == 123.0 and e.rows == 50
    pd.testing.assert_series_equal(e.prices, series().rename("JPY=X"), check_freq=False, check_index_type=False)
    assert not list(tmp_path.rglob("*.tmp"))  # atomic write left no temp file


def test_write_drops_nan_and_tz(tmp_path):
    s = series(5)
    s.iloc[2] = np.nan
    s.index = s.index.tz_localize("Asia/Tokyo")
    e = PriceCache(tmp_path).write("7203.T", s)
    assert e.rows == 4 and e.prices.index.tz is None
    with pytest.raises(DataError, match="empty"):
        PriceCache(tmp_path).write("X", pd.Series([np.nan], index=[pd.Timestamp("2024-01-01")]))


def flip(raw: bytes) -> bytes:
    i = len(raw) // 2
    return raw[:i] + bytes([raw[i] ^ 0xFF]) + raw[i + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b""),
        lambda p: p.write_bytes(b"not a zip at all"),
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        lambda p: p.write_bytes(flip(p.read_bytes())),
        lambda p: p.write_bytes(PriceCache(p.parent.parent).path_for("GD").read_bytes()),
    ],
    ids=["empty", "garbage", "truncated", "bit-flip", "other-ticker"],
)
def test_damaged_file_is_dropped_not_fatal(tmp_path, damage):
    cache = PriceCache(tmp_path)
    cache.write("LMT", series())
    cache.write("GD", series())
    damage(cache.path_for("LMT"))
    assert cache.read("LMT") is None
    assert not cache.path_for("LMT").exists()
    assert cache.dropped and cache.dropped[0][0] == "LMT"


def test_bad_values_inside_a_valid_archive_are_rejected(tmp_path):
    import io
    import json

    cache = PriceCache(tmp_path)
    cache.root.mkdir(parents=True)
    buf = io.BytesIO()
    meta = json.dumps({"ticker": "LMT", "fetched_at": 1.0, "version": 1})
    np.savez(buf, dates=np.array([3, 2], dtype=np.int64), close=np.array([1.0, -1.0]), meta=np.array(meta))
    cache.path_for("LMT").write_bytes(buf.getvalue())
    assert cache.read("LMT") is None and "increasing" in cache.dropped[0][1]


def test_pickled_payload_is_never_loaded(tmp_path):
    cache = PriceCache(tmp_path)
    cache.root.mkdir(parents=True)
    buf = __import__("io").BytesIO()
    np.savez(buf, dates=np.array([object()], dtype=object), close=np.array([1.0]), meta=np.array("{}"))
    cache.path_for("LMT").write_bytes(buf.getvalue())
    assert cache.read("LMT") is None  # allow_pickle=False refuses it


def test_load_as_price_history(tmp_path):
    cache = PriceCache(tmp_path)
    cache.write("LMT", series())
    cache.write("7203.T", series(40, "2024-01-04", 2500))
    cache.write("JPY=X", series(55, "2024-01-01", 141))
    h = cache.load(["LMT", "7203.T"])
    assert h.source == "cache" and h.tickers == ["LMT", "7203.T"]
    assert h.fx is not None and len(h.fx) == 55
    assert h.prices["7203.T"].isna().sum() > 0  # not forward-filled across calendars
    with pytest.raises(DataError, match="no prices for GD; run `allocator fetch`"):
        cache.load(["LMT", "GD"])
    cache.delete("JPY=X")
    assert any("JPY=X" in w for w in cache.load(["LMT"]).warnings)
    with pytest.raises(DataError, match="empty"):
        PriceCache(tmp_path / "none").load(None)


@pytest.mark.parametrize("mask", [0xFF, 0x01, 0x20])
def test_any_single_damaged_byte_is_dropped_or_read_never_an_exception(tmp_path, mask):
    """Fuzz finding (tests/test_fuzz_argv_cache.py, long run): a flipped byte in a
    zip header made zipfile raise NotImplementedError ("That compression method
    is not supported", "compressed patched data (flag bit 5)", "zip file version
    21.0"), which escaped read() as an internal error.  Every offset, three masks."""
    cache = PriceCache(tmp_path)
    cache.write("LMT", series())
    path = cache.path_for("LMT")
    good = path.read_bytes()
    outcomes = {"read": 0, "dropped": 0}
    for i in range(len(good)):
        damaged = bytearray(good)
        damaged[i] ^= mask
        path.write_bytes(bytes(damaged))
        cache = PriceCache(tmp_path)
        entry = cache.read("LMT")  # never raises
        if entry is None:
            assert [t for t, _ in cache.dropped] == ["LMT"], (i, cache.dropped, cache.unreadable)
            assert not path.exists() and path.with_name(path.name + ".damaged").exists()
            outcomes["dropped"] += 1
        else:
            assert entry.rows > 0
            outcomes["read"] += 1
    assert outcomes["dropped"] > len(good) // 2  # most single-byte damage is detected (zip CRC, header checks)
