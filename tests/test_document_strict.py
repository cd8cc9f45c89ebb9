"""Issue 16 items 6, 13, 14: allocation files that crashed `export`, or were half-trusted.

Each reproducer runs the CLI (`export`, `optimize --from`) on a file made from
a real `optimize` run and expects exit 2 with one line naming the field -
never an internal error, and no output written.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from allocator.cli import main


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict:
    """A real allocation (sample data, half the yen hedged): the base of every mutation."""
    d = tmp_path_factory.mktemp("strict")
    out = d / "base.alloc.json"
    assert main(["optimize", "--data", "sample", "--hedge", "0.5", "--max-weight", "0.2", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _at(d: dict, path: list, value) -> dict:
    d = copy.deepcopy(d)
    node = d
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    return d


def _held(raw: dict) -> str:
    return max(raw["result"]["weights"], key=raw["result"]["weights"].get)


def _export(tmp_path: Path, text: str, capsys, capital: str | None = "100000") -> tuple[int, str]:
    f = tmp_path / "f.alloc.json"
    f.write_text(text, encoding="utf-8")
    csv = tmp_path / "f.csv"
    code = main(["export", str(f), "--csv", str(csv)] + (["--capital", capital] if capital else []))
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err, err
    if code:
        assert not csv.exists() and len(err.strip().splitlines()) == 1, err
    return code, err


def test_the_base_file_exports(made, tmp_path, capsys):
    code, err = _export(tmp_path, json.dumps(made), capsys)
    assert code == 0, err


CASES = [
    # wrong JSON types in result.attribution (181 accepted mutations broke export)
    ("attr-bool", lambda r: _at(r, ["result", "attribution", "assets", _held(r)], True), "result.attribution.assets."),
    ("attr-str", lambda r: _at(r, ["result", "attribution", "total", "return_local"], "x"),
     'result.attribution.total.return_local: must be a number, got text "x"'),
    ("attr-list", lambda r: _at(r, ["result", "attribution", "themes"], [1, 2]), "result.attribution.themes: must be an object"),
    ("attr-null", lambda r: _at(r, ["result", "attribution", "total"], None), "result.attribution.total: must be an object"),
    ("attr-unknown", lambda r: _at(r, ["result", "attribution", "surprise"], 1), "result.attribution.surprise: unknown field"),
    ("attr-total-off", lambda r: _at(r, ["result", "attribution", "total", "return_total"], 0.9), "result.attribution.total.return_total"),
    # a price of 5e-324 (share counts overflowed)
    ("denormal-price", lambda r: _at(r, ["data", "prices", _held(r), "close"], 5e-324), "not a plausible price"),
    # results contradicting their settings
    ("above-cap", lambda r: _at(r, ["settings", "max_weight"], 0.05), "is above the cap settings.max_weight"),
    ("theme-off-target", lambda r: _at(r, ["settings", "theme_targets"], {"defense": 0.5}), "settings.theme_targets.defense: the weights give"),
    ("country-off", lambda r: _at(r, ["settings", "country_bounds"], {"JP": [0.9, 1.0]}), "settings.country_bounds.JP"),
    ("hedge-off", lambda r: _at(r, ["settings", "hedge"], "1"), "result.hedge_ratios.JPY: 0.5 is outside the hedge setting"),
    ("metric-off", lambda r: _at(r, ["result", "metrics", "expected_return"], 5.0), "result.metrics"),
    ("sharpe-off", lambda r: _at(r, ["result", "metrics", "sharpe"], 166132.0), "result.metrics.sharpe"),
    ("theme-weights-off", lambda r: _at(r, ["result", "theme_weights", "defense"], 0.9), "result.theme_weights.defense: 0.9 does not match"),
    ("country-weights-off", lambda r: _at(r, ["result", "country_weights", "US"], 0.01), "result.country_weights.US"),
    ("notional-off", lambda r: _at(r, ["result", "hedge_notionals", "JPY"], 0.9), "result.hedge_notionals.JPY"),
    ("asset-return-off", lambda r: _at(r, ["result", "asset_returns", _held(r)], 3.0), "result.metrics.expected_return"),
    ("base-off", lambda r: _at(r, ["result", "metrics", "base_currency"], "JPY"), "result.metrics.base_currency"),
    ("metric-text", lambda r: _at(r, ["result", "metrics", "volatility"], "0.2"), "result.metrics.volatility: must be a number"),
    ("metric-se-negative", lambda r: _at(r, ["result", "metrics", "sharpe_se"], -1), "result.metrics.sharpe_se"),
]


@pytest.mark.parametrize("name,mutate,words", CASES, ids=[c[0] for c in CASES])
def test_bad_allocation_file_is_exit_2_naming_the_field(made, tmp_path, capsys, name, mutate, words):
    code, err = _export(tmp_path, json.dumps(mutate(made)), capsys)
    assert code == 2, err
    assert words in err, err


@pytest.mark.parametrize(
    "old,new,words",
    [
        ('"sharpe": ', '"sharpe": 1e309, "x": ', "result.metrics.sharpe: 1e309 is too large"),
        ('"sharpe": ', '"sharpe": NaN, "x": ', "result.metrics.sharpe: NaN is not allowed (numbers must be finite) (line "),
        ('"sharpe": ', '"sharpe": ' + "9" * 400 + ', "x": ', "result.metrics.sharpe: 999"),
        ('"notes": "', '"notes": "\\ud800', "notes: contains a lone surrogate"),
    ],
)
def test_literals_that_overflow_or_are_not_text_name_field_and_line(made, tmp_path, capsys, old, new, words):
    text = json.dumps(made, indent=2).replace(old, new, 1)
    code, err = _export(tmp_path, text, capsys)
    assert code == 2 and words in err, err


def test_nan_line_is_the_line_of_the_literal(made, tmp_path, capsys):
    text = json.dumps(made, indent=2).replace('"sharpe": ', '"sharpe": NaN, "x": ', 1)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "NaN" in ln)
    code, err = _export(tmp_path, text, capsys)
    assert f"(line {line})" in err, err


def test_non_utf8_notes_on_the_command_line_are_exit_2(tmp_path, capsys):
    out = tmp_path / "n.alloc.json"
    notes = b"\xff\xfe".decode("utf-8", "surrogateescape")  # what Python makes of non-UTF-8 argv bytes
    code = main(["optimize", "--data", "sample", "-o", str(out), "--notes", notes])
    err = capsys.readouterr().err
    assert code == 2 and "notes: is not valid Unicode text" in err and not out.exists(), err


def test_optional_v2_fields_of_other_rounds_are_accepted(made, tmp_path, capsys):
    r = _at(made, ["result", "metrics", "sharpe_se"], 0.31)
    r["result"]["asset_return_se"] = {t: 0.05 for t in r["result"]["weights"]}
    code, err = _export(tmp_path, json.dumps(r), capsys)
    assert code == 0, err


def test_feasible_banded_targets_save(tmp_path, capsys):
    """Item 13: lower ends sum to 95%, so the optimiser accepts it; the file must too."""
    out = tmp_path / "b.alloc.json"
    code = main(["optimize", "--data", "sample", "--theme", "defense=0.6", "--theme", "semis_ai=0.45",
                 "--theme-tolerance", "0.05", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert main(["export", str(out), "--csv", str(tmp_path / "b.csv")]) == 0
    assert main(["optimize", "--from", str(out), "-o", str(tmp_path / "c.alloc.json")]) == 0


def test_infeasible_targets_in_a_file_use_the_optimisers_words(made, tmp_path, capsys):
    r = _at(made, ["settings", "theme_targets"], {"defense": 0.7, "semis_ai": 0.5})
    code, err = _export(tmp_path, json.dumps(r), capsys)
    assert code == 2 and "theme targets sum to 120%" in err, err


def test_backtest_end_empty_is_exit_2(capsys):
    code = main(["backtest", "--data", "sample", "--end", ""])
    err = capsys.readouterr().err
    assert code == 2 and "--end needs a value" in err, err


# -- item 14: CSV cells and rows ---------------------------------------------------------------
@pytest.mark.parametrize("lead", ["\u00a0", "\u200b", "\v", "\f", "\u00a0\u200b ", "\ufeff", "\u2060", " \u3000\u00a0"])
@pytest.mark.parametrize("formula", ["=1+1", "+1", "-1+A1", "@SUM(A1)", "\uff1d1"])
def test_invisible_blanks_before_a_formula_are_neutralised(lead, formula):
    from allocator.export import safe_text

    assert safe_text(lead + formula) == "'" + lead + formula


@pytest.mark.parametrize("text", ["\u00a0Toyota", "\u200bLMT", "a=b", "\vplain"])
def test_ordinary_text_with_blanks_is_left_alone(text):
    from allocator.export import safe_text

    assert safe_text(text) == text


def test_holdings_row_with_more_cells_than_the_header_is_refused_naming_the_row():
    from allocator.errors import InputError
    from allocator.holdings import parse_holdings_csv

    with pytest.raises(InputError, match=r"h.csv: row 3: has 3 cells but the header has 2 columns"):
        parse_holdings_csv("ticker,shares\nLMT,10\nNVDA,1,000\n", None, "h.csv")
    assert parse_holdings_csv("ticker,shares\nLMT,10,\n", None, "h.csv").positions == {"LMT": 10}  # a trailing comma


def test_rate_history_row_with_more_cells_than_the_header_is_refused_naming_the_row(tmp_path):
    from allocator.currency import load_rate_history
    from allocator.errors import DocumentError

    p = tmp_path / "rates.csv"
    p.write_text("Date,USD,JPY\n2024-01-31,0.05,0.001\n2024-02-29,0.05,0.001,0.9\n")
    with pytest.raises(DocumentError, match="row 3: has 4 cells but the header has 3 columns"):
        load_rate_history(p)


# -- the new sections of this round go through the same typed schema ---------------------------
@pytest.mark.parametrize(
    "path,value,words",
    [
        (["settings", "views"], [{"theme": "defense", "return": "0.1", "confidence": 0.5}], 'settings.views[0].return: must be a number, got text "0.1"'),
        (["settings", "views"], [{"theme": "defense", "return": 0.1, "confidence": 0.5, "x": 1}], "settings.views[0].x: unknown field"),
        (["settings", "views"], [{"theme": True, "return": 0.1, "confidence": 0.5}], "settings.views[0].theme: must be text"),
        (["settings", "reference"], {"source": "market-cap", "weights": {"LMT": "1"}}, "settings.reference.weights.LMT: must be a number"),
        (["settings", "holdings"], {"positions": {"LMT": "10"}, "cash": {}}, "settings.holdings.positions.LMT: must be a number"),
        (["settings", "holdings"], {"positions": {"LMT": 10}, "cash": {"EUR": 5}}, "settings.holdings.cash"),
        (["settings", "holdings"], {"positions": {"LMT": 1e300}}, "settings.holdings.positions.LMT"),
    ],
)
def test_views_reference_and_holdings_sections_are_typed(made, tmp_path, capsys, path, value, words):
    code, err = _export(tmp_path, json.dumps(_at(made, path, value)), capsys)
    assert code == 2 and words in err, err
