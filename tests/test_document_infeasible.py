"""Allocation files may record infeasible settings (work in progress; issue 15 item 7), still version 2."""

from __future__ import annotations

import json

import pytest

from allocator.document import VERSION, load_document, loads_document, save_document
from allocator.errors import DocumentError
from test_document_support import build_doc, sample_weights


def _over_100(raw: dict) -> dict:
    themes = list(raw["settings"]["universe"]["themes"])[:2]
    raw["settings"]["theme_targets"] = {themes[0]: 0.7, themes[1]: 0.5}
    return raw


def test_targets_past_100_percent_need_the_infeasible_mark():
    raw = _over_100(build_doc(sample_weights()).to_json_dict())
    with pytest.raises(DocumentError, match="more than 100%"):
        loads_document(json.dumps(raw))
    raw["infeasible"] = "theme targets sum to 120% (defense=70% + semis_ai=50%), more than 100%"
    doc = loads_document(json.dumps(raw))
    assert doc.infeasible.startswith("theme targets sum to 120%")
    assert doc.version == VERSION == 2


def test_infeasible_mark_round_trips_and_sits_after_modified(tmp_path):
    raw = _over_100(build_doc(sample_weights()).to_json_dict())
    raw["infeasible"] = "theme targets sum to 120%"
    doc = loads_document(json.dumps(raw))
    save_document(doc, tmp_path / "w.alloc.json")
    back = load_document(tmp_path / "w.alloc.json")
    assert back == doc and back.infeasible == "theme targets sum to 120%"
    keys = list(json.loads((tmp_path / "w.alloc.json").read_text(encoding="utf-8")))
    assert keys.index("infeasible") == keys.index("modified") + 1


@pytest.mark.parametrize("bad", ["", 3, ["x"], {"a": 1}])
def test_infeasible_mark_must_be_a_sentence(bad):
    raw = build_doc(sample_weights()).to_json_dict()
    raw["infeasible"] = bad
    with pytest.raises(DocumentError) as e:
        loads_document(json.dumps(raw))
    assert "infeasible" in str(e.value)
