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
