"""CSV export (DESIGN §6): columns, exact weights, share counts, safe spreadsheets."""

from __future__ import annotations

import csv
import io
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator import cli
from allocator.discrete import allocate_shares, lot_size
from allocator.document import load_document, save_document
from allocator.errors import InputError
from allocator.export import (
    CAPITAL_COLUMNS,
    COLUMNS,
    EXTRA_COLUMNS,
    export_csv,
    export_text,
    read_export_weights,
    safe_text,
    share_counts,
)
from allocator.universe import Asset
from test_document_support import build_doc, sample_weights, user_universe


@pytest.fixture(scope="module")
def doc():
    return build_doc(sample_weights(), notes="=HYPERLINK(\"http://evil.example\",\"click\")")


def _parse(text: str) -> tuple[list[list[str]], list[list[str]]]:
    """(asset rows with header, summary rows with header) split at the empty line."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    cut = rows.index([])
    return rows[:cut], rows[cut + 1 :]


def _summary(rows, section):
    return {r[1]: r[2] for r in rows if r[0] == section}


# -- layout and exact weights --------------------------------------------------
def test_columns_and_rows(doc):
    assets, summary = _parse(export_text(doc))
    assert assets[0] == COLUMNS + EXTRA_COLUMNS  # DESIGN §6's columns first, by name and order
    held = [t for t, w in doc.weights.items() if w > 0]
    assert [r[0] for r in assets[1:] if not r[0].startswith("hedge:")] == held  # universe order, held only
    assert summary[0] == ["summary", "key", "value"]
    themes = _summary(summary, "theme")
    assert float(themes["defense"]) == pytest.approx(0.35)
    assert sum(map(float, themes.values())) == pytest.approx(1.0, abs=1e-12)
    for k, v in themes.items():
        assert float(v) == pytest.approx(doc.result["theme_weights"][k], abs=1e-12)
    assert set(_summary(summary, "country")) == {"US", "JP"}
    assert "JPY" in _summary(summary, "hedge_ratio")
    assert _summary(summary, "data")["source"] == "CSV: prices.csv"


def test_weights_round_trip_exactly(doc):
    back = read_export_weights(export_text(doc))
    held = {t: w for t, w in doc.weights.items() if w > 0}
    assert back.keys() == held.keys()
    for t in held:
        assert abs(back[t] - held[t]) <= 1e-9
        assert back[t] == held[t]  # repr: bit-exact in fact


def test_crlf_and_no_bom_for_ascii(doc):
    text = export_text(doc)
    assert text.startswith("ticker,") and "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert text.isascii()


def test_bom_when_non_ascii_text():
    uni = user_universe().without_asset("IONQ").with_asset(Asset("IONQ", "イオンキュー", "US", "USD", "quantum", user_added=True))
    text = export_text(build_doc(sample_weights(), uni))
    assert text.startswith("\ufeffticker,")
    assert read_export_weights(text)["IONQ"] == pytest.approx(0.05)
    assert export_text(build_doc(sample_weights(), uni), bom=False).startswith("ticker,")


def test_export_csv_writes_utf8_file(doc, tmp_path):
    p = tmp_path / "out.csv"
    export_csv(doc, p, capital=100_000)
    with open(p, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == COLUMNS + CAPITAL_COLUMNS + EXTRA_COLUMNS


# -- formulas neutralised, numbers untouched ------------------------------------
@pytest.mark.parametrize(
    "text,inert",
    [
        ('=HYPERLINK("http://x","y")', True),
        ("+1+2", True),
        ("-2+3", True),
        ("@SUM(A1)", True),
        ("\t=1", True),
        ("\r=1", True),
        ("  =1+1", True),
        ("＝1+1", True),
        ("Mitsubishi", False),
        ("3M", False),
        ("", False),
    ],
)
def test_safe_text(text, inert):
    out = safe_text(text)
    assert out.startswith("'") == inert
    assert out == ("'" + text if inert else text)


def test_hyperlink_name_and_notes_come_out_inert(doc):
    uni = user_universe().without_asset("IONQ").with_asset(
        Asset("IONQ", '=HYPERLINK("http://evil.example","IonQ")', "US", "USD", "quantum", user_added=True)
    )
    d = build_doc(sample_weights(), uni, notes='-cmd|" /C calc"!A0')
    assets, summary = _parse(export_text(d, capital=50_000))
    name = next(r[1] for r in assets if r[0] == "IONQ")
    assert name == "'" + '=HYPERLINK("http://evil.example","IonQ")'
    notes = next(r[2] for r in summary if r[0] == "notes")
    assert notes.startswith("'-cmd")
    for row in assets[1:] + summary:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            if cell.startswith("-"):
                float(cell)  # only numbers may start with a minus


def test_negative_numbers_stay_numbers(doc):
    assets, _ = _parse(export_text(doc))
    i = COLUMNS.index("expected_return")
    values = [r[i] for r in assets[1:]]
    negatives = [v for v in values if v.startswith("-")]
    d2 = build_doc({"LMT": 0.5, "NVDA": 0.5}, seed=3)
    negatives += [r[i] for r in _parse(export_text(d2))[0][1:] if r[i].startswith("-")]
    assert all(float(v) < 0 for v in negatives)
    assert not any(v.startswith("'") for v in values)


# -- share counts --------------------------------------------------------------
def test_share_counts_lots_and_cash(doc):
    capital = 250_000.0
    assets, summary = _parse(export_text(doc, capital=capital))
    head = assets[0]
    assert head[len(COLUMNS):len(COLUMNS) + 4] == CAPITAL_COLUMNS
    col = {k: head.index(k) for k in head}
    universe = doc.run_settings().universe
    total = 0.0
    for r in assets[1:]:
        if r[0].startswith("hedge:"):
            continue
        a = universe.asset(r[0])
        shares = float(r[col["shares"]])
        if a.country == "JP" and a.kind == "stock":
            assert shares % 100 == 0
        else:
            assert shares == int(shares)
        price = float(r[col["price"]])
        cents = 0.5 if a.currency == "JPY" else 0.005  # yen amounts are whole yen
        assert float(r[col["currency_amount"]]) == pytest.approx(shares * price, abs=cents)
        total += float(r[col["base_amount"]])
    money = {r[0]: float(r[2]) for r in summary if r[0] in ("capital", "invested", "cash")}
    assert money["capital"] == capital
    assert money["invested"] == pytest.approx(total, abs=0.05)
    assert money["invested"] + money["cash"] == pytest.approx(capital, abs=0.02)
    assert money["cash"] >= 0
    usdjpy = [r for r in summary if r[0] == "usdjpy"]
    assert usdjpy and usdjpy[0][1] == doc.data["usdjpy"]["date"]
    assert {r[1] for r in summary if r[0] == "price_date"} == {t for t, w in doc.weights.items() if w > 0}


def test_share_count_amounts_convert_at_stored_rate(doc):
    d = share_counts(doc, 1_000_000)
    rate = doc.data["usdjpy"]["rate"]
    jp = d.by_ticker()["7011.T"]
    assert jp.lot == 100 and jp.shares % 100 == 0
    assert jp.base_amount == pytest.approx(jp.local_amount / rate)
    assert d.leftover >= 0 and d.invested + d.leftover == pytest.approx(1_000_000)


def test_fractional_us_shares(doc):
    d = share_counts(doc, 10_000, fractional=True)
    us = [p for p in d.positions if p.currency == "USD"]
    assert any(p.shares != int(p.shares) for p in us)
    assert all(abs(p.shares * 10_000 - round(p.shares * 10_000)) < 1e-6 for p in us)
    jp = [p for p in d.positions if p.currency == "JPY"]
    assert all(p.shares % 100 == 0 for p in jp)


def test_base_jpy_document():
    d = build_doc(sample_weights(), base="JPY")
    assets, summary = _parse(export_text(d, capital=30_000_000))
    money = {r[0]: r[1:] for r in summary if r[0] in ("capital", "cash")}
    assert money["capital"] == ["JPY", "30000000"]
    s = share_counts(d, 30_000_000)
    lmt = s.by_ticker()["LMT"]
    assert lmt.base_amount == pytest.approx(lmt.local_amount * d.data["usdjpy"]["rate"])


def test_lot_too_expensive_is_noted():
    d = build_doc({"8035.T": 0.5, "LMT": 0.5})
    assets, summary = _parse(export_text(d, capital=1_000))
    notes = [r for r in summary if r[0] == "note" and r[1] == "8035.T"]
    assert notes and "one lot costs more" in notes[0][2]


def test_assumptions_document_gives_amounts_without_shares(tmp_path, capsys):
    d = build_doc(sample_weights(), with_prices=False)
    assets, summary = _parse(export_text(d, capital=100_000))
    col = {k: assets[0].index(k) for k in assets[0]}
    for r in assets[1:]:
        if r[0].startswith("hedge:"):
            continue
        assert r[col["shares"]] == "" and r[col["price"]] == ""
        assert float(r[col["base_amount"]]) == pytest.approx(100_000 * d.weights[r[0]], abs=0.01)
    note = [r for r in summary if r[0] == "note" and r[1] == "unpriced"]
    assert note and "assumptions file" in note[0][2]
    assert float(_summary(summary, "cash")["USD"]) == pytest.approx(0, abs=0.01)
    p = tmp_path / "a.alloc.json"
    save_document(d, p)
    assert cli.main(["export", str(p), "--csv", str(tmp_path / "a.csv"), "--capital", "100000"]) == 0


@pytest.mark.parametrize("bad", [0, -5, float("nan"), float("inf"), 1e20, "abc"])
def test_bad_capital(doc, bad):
    with pytest.raises(InputError, match="--capital"):
        export_text(doc, capital=bad)


def test_cli_bad_capital_exit_2(doc, tmp_path, capsys):
    p = tmp_path / "d.alloc.json"
    save_document(doc, p)
    assert cli.main(["export", str(p), "--csv", str(tmp_path / "o.csv"), "--capital", "-100"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--capital" in err


@settings(max_examples=200, deadline=None)
@given(
    weights=st.lists(st.floats(0.0, 1.0), min_size=6, max_size=6).filter(lambda w: sum(w) > 0.01),
    prices=st.lists(st.floats(0.5, 50_000), min_size=6, max_size=6),
    capital=st.floats(100, 1e8),
    base=st.sampled_from(["USD", "JPY"]),
    fractional=st.booleans(),
)
def test_property_discrete_allocation(weights, prices, capital, base, fractional):
    kinds = [("A", "US", "USD", "stock"), ("B", "US", "USD", "etf"), ("1.T", "JP", "JPY", "stock"),
             ("2.T", "JP", "JPY", "etf"), ("C", "US", "USD", "stock"), ("3.T", "JP", "JPY", "stock")]
    assets = {t: Asset(t, t, c, ccy, "x", k) for t, c, ccy, k in kinds}
    total = sum(weights)
    w = {t: x / total for (t, *_), x in zip(kinds, weights)}
    px = {t: p for (t, *_), p in zip(kinds, prices)}
    d = allocate_shares(w, assets, px, base, capital, 150.0, fractional)
    assert d.leftover >= 0 and d.invested <= capital * (1 + 1e-12)
    for p in d.positions:
        lot = lot_size(assets[p.ticker], fractional)
        units = p.shares / lot
        assert abs(units - round(units)) < 1e-6 * max(1.0, units)
        unit_cost = p.base_amount / units if units else None
        if unit_cost:
            # never more than half a lot above its target
            assert p.base_amount <= p.target_base + unit_cost / 2 + 1e-6
    # no lot that would bring a position closer to target is left affordable
    for p in d.positions:
        lot = lot_size(assets[p.ticker], fractional)
        ccy_price = px[p.ticker] * lot
        cost = ccy_price if assets[p.ticker].currency == base else (ccy_price / 150 if base == "USD" else ccy_price * 150)
        shortfall = p.target_base - p.base_amount
        if cost <= d.leftover - 1e-6:
            assert shortfall <= cost / 2 + 1e-6


# -- property: export -> parse gives the same weights; names inert --------------
_names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=25).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw_w=st.dictionaries(st.sampled_from(sorted(sample_weights())), st.floats(1e-6, 1.0), min_size=1),
    name=_names,
    notes=st.text(max_size=80),
    capital=st.none() | st.floats(1_000, 1e9),
)
def test_property_export_parse_weights(raw_w, name, notes, capital):
    uni = user_universe().without_asset("IONQ").with_asset(Asset("IONQ", name, "US", "USD", "quantum", user_added=True))
    d = build_doc(raw_w, uni, notes=notes)
    text = export_text(d, capital=capital)
    back = read_export_weights(text)
    held = {t: w for t, w in d.weights.items() if w > 0}
    assert back.keys() == held.keys()
    assert all(abs(back[t] - held[t]) <= 1e-9 for t in held)
    assets, summary = _parse(text)
    if "IONQ" in held:
        cell = next(r[1] for r in assets if r[0] == "IONQ")
        assert cell == safe_text(name)
        assert not cell.lstrip(" \u3000").startswith(("=", "+", "-", "@", "\t", "\r", "\n"))


# -- end to end: optimize -> save -> export reproduces the weights --------------
def test_cli_optimize_then_export_reproduces_weights(tmp_path, capsys):
    out = tmp_path / "x.alloc.json"
    code = cli.main(["optimize", "--data", "sample", "--theme", "defense=0.25", "-o", str(out), "--csv", str(tmp_path / "x.csv")])
    assert code == 0, capsys.readouterr().err
    doc = load_document(out)
    assert doc.data["prices"] and doc.data["usdjpy"]["rate"] > 0
    csv_path = tmp_path / "y.csv"
    assert cli.main(["export", str(out), "--csv", str(csv_path), "--capital", "100000"]) == 0
    for path in (tmp_path / "x.csv", csv_path):
        back = read_export_weights(path.read_text(encoding="utf-8-sig"))
        held = {t: w for t, w in doc.weights.items() if w > 0}
        assert back.keys() == held.keys()
        assert max(abs(back[t] - held[t]) for t in held) <= 1e-9
    assert math.isclose(sum(back.values()), 1.0, abs_tol=1e-9)


# -- issue 10, defect 6: columns that say what they hold, the hedge row, hedged figures ----------
def test_hedged_export_has_hedge_row_and_hedged_figures(tmp_path, capsys):
    import json

    import numpy as np

    from allocator.pipeline import RunSettings, build_model

    out, csv_path = tmp_path / "h.alloc.json", tmp_path / "h.csv"
    assert cli.main(["optimize", "--data", "sample", "--hedge", "0.5", "--max-weight", "0.2",
                     "-o", str(out), "--csv", str(csv_path)]) == 0
    capsys.readouterr()
    assets, summary = _parse(csv_path.read_text(encoding="utf-8-sig"))
    head = assets[0]
    col = {k: head.index(k) for k in head}
    assert "risk_share_of_variance" in head and "expected_return_hedged" in head and "volatility_hedged" in head
    rows = assets[1:]
    hedge_rows = [r for r in rows if r[0] == "hedge:JPY"]
    assert len(hedge_rows) == 1
    share = [float(r[col["risk_share_of_variance"]]) for r in rows]
    assert sum(share) == pytest.approx(1.0, abs=1e-9)  # the hedge row closes the sum
    assert [float(r[col["risk_contribution"]]) for r in rows] == share
    assert hedge_rows[0][col["weight"]] == ""  # a notional, not a weight: weights still sum to 1
    assert float(hedge_rows[0][col["hedge_notional"]]) == pytest.approx(
        json.loads(out.read_text())["result"]["hedge_notionals"]["JPY"])
    assert sum(read_export_weights(csv_path.read_text(encoding="utf-8-sig")).values()) == pytest.approx(1.0)
    # Hedged figures against the model's joint covariance, computed here independently.
    model = build_model(RunSettings(data="sample").validate()).model
    n = model.n
    for r in rows:
        if r[0].startswith("hedge:"):
            continue
        i = model.tickers.index(r[0])
        x = np.zeros(n + 1)
        x[i] = 1.0
        h = float(r[col["hedge_ratio"]])
        if r[col["currency"]] == "JPY":
            assert h == pytest.approx(0.5)
            x[n] = h
            assert float(r[col["expected_return_hedged"]]) != pytest.approx(float(r[col["expected_return"]]))
        assert float(r[col["expected_return_hedged"]]) == pytest.approx(model.mu[i] + h * model.mu_hedge[0], abs=1e-12)
        assert float(r[col["volatility_hedged"]]) == pytest.approx(float(np.sqrt(x @ model.cov @ x)), abs=1e-12)
        assert float(r[col["expected_return_se"]]) > 0
    assert _summary(summary, "note")["hedge_expected_return"] == "current carry with zero currency drift"
    assert float(_summary(summary, "metric")["sharpe_se"]) > 0
