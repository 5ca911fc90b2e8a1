"""The audit framework's arithmetic and bookkeeping (bench/audit.py), without the data."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "audit", Path(__file__).resolve().parent.parent / "bench" / "audit.py"
)
assert _SPEC and _SPEC.loader
audit = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(audit)


def test_wilson_interval_matches_the_textbook_values() -> None:
    low, high = audit.wilson(38, 40)
    assert low == pytest.approx(0.835, abs=0.001)
    assert high == pytest.approx(0.986, abs=0.001)
    assert audit.wilson(0, 0) == (0.0, 1.0)
    low, high = audit.wilson(40, 40)
    assert high == pytest.approx(1.0) and low == pytest.approx(0.912, abs=0.001)


def test_judge_records_verdicts_and_refuses_unknown_ids(tmp_path: Path) -> None:
    items = [{"id": f"entities-{n}", "judgement": None, "why": ""} for n in range(3)]
    audit.write_items(tmp_path / "entities.jsonl", items)
    done = audit.judge(
        tmp_path, "entities", iter(["entities-0\tright\t", "entities-2\twrong\ttitle in name\n"])
    )
    assert done == 2
    stored = [json.loads(x) for x in (tmp_path / "entities.jsonl").read_text().splitlines()]
    assert [i["judgement"] for i in stored] == ["right", None, "wrong"]
    assert stored[2]["why"] == "title in name"
    with pytest.raises(SystemExit):
        audit.judge(tmp_path, "entities", iter(["entities-9\tright\tx"]))


_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
_ROUND = audit.AUDIT_DIR / "contradictions-2026-12-07-before" / "contradictions.jsonl"


@pytest.mark.data
@pytest.mark.skipif(not (_DATA / "polnear").exists(), reason="needs ../shared/data/polnear")
def test_a_corpus_round_reads_its_pages_back_with_outlet_and_date() -> None:
    item = audit.read_items(_ROUND)[0]
    assert item["doc"].endswith(audit.PAGE)
    art = audit.article(_DATA, item["doc"], audit.Settings())
    assert art.site and art.published
    # The committed hash and offsets still point into the text Dossier reads.
    text = audit.Texts(_DATA).get(item)
    assert text is not None and item["sentence"][1] <= len(text)
