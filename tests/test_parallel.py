"""`dossier add --workers N`: worker processes analyse, one writer stores, in input order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES
from dbcompare import database_rows, differences
from dossier import api, parallel
from dossier.errors import DossierError

CORPUS = SAMPLES / "corpus"


@pytest.mark.slow
def test_two_workers_store_the_same_database_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Groups of two pages, so both workers get some and results come back interleaved.
    monkeypatch.setattr(parallel, "GROUP", 2)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    report_one = api.add([str(CORPUS)], one, workers=1)
    report_two = api.add([str(CORPUS)], two, workers=2)
    assert report_one.added == report_two.added
    assert len(report_one.added) == 7
    rows = database_rows(two)
    assert len(rows["documents"]) == 7 and rows["entities"] and rows["claims"]
    assert differences(one, two) == []


@pytest.mark.slow
def test_workers_skip_stored_pages_and_report_bad_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "GROUP", 2)
    inputs = tmp_path / "in"
    shutil.copytree(CORPUS, inputs)
    (inputs / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    # The same article twice in one run: analysed by two workers, stored once.
    shutil.copy(CORPUS / "harbor-ledger-marwood-hosts-kovacs.html", inputs / "zz-copy.html")
    db = tmp_path / "d.db"
    first = api.add([str(inputs)], db, workers=2)
    assert len(first.added) == 7
    assert first.already_stored == [str(inputs / "zz-copy.html")]
    assert len(first.failed) == 1 and first.failed[0].startswith(str(inputs / "broken.html.gz"))
    again = api.add([str(inputs)], db, workers=2)
    assert again.added == [] and len(again.already_stored) == 8 and len(again.failed) == 1


@pytest.mark.slow
def test_a_few_pages_are_analysed_without_starting_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("worker processes started for seven pages")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    report = api.add([str(CORPUS)], tmp_path / "d.db")  # workers not given: one per core
    assert len(report.added) == 7
    with pytest.raises(AssertionError, match="worker processes started"):
        api.add([str(CORPUS)], tmp_path / "e.db", workers=2)


def test_at_least_one_worker(tmp_path: Path) -> None:
    with pytest.raises(DossierError, match="at least 1"):
        api.add([str(CORPUS)], tmp_path / "d.db", workers=0)
