"""An interrupted `add` leaves no half-written document, and a re-run completes the batch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dossier import api, parallel
from dossier.nlp.pipeline import Pipeline
from dossier.store import Database

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def test_rerun_after_interruption_completes_without_duplicates(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(ARTICLES, folder)
    real_run = Pipeline.run
    calls = {"n": 0}

    def run_then_stop(self, article, parsed):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real_run(self, article, parsed)

    # Pages are analysed in groups; groups of one make the first page stored before the stop.
    monkeypatch.setattr(parallel, "GROUP", 1)
    monkeypatch.setattr(Pipeline, "run", run_then_stop)
    with pytest.raises(KeyboardInterrupt):
        api.add([str(folder)], db_path)
    with Database(db_path, create=False) as db:
        assert db.document_count() == 1

    monkeypatch.setattr(Pipeline, "run", real_run)
    report = api.add([str(folder)], db_path)
    assert len(report.added) == 1 and len(report.already_stored) == 1
    with Database(db_path, create=False) as db:
        assert db.document_count() == 2
        rows = db.conn.execute(
            "SELECT d.id, count(s.idx) FROM documents d LEFT JOIN sentences s"
            " ON s.document_id = d.id GROUP BY d.id"
        ).fetchall()
    assert all(count > 0 for _, count in rows)


def test_write_failure_mid_document_keeps_earlier_documents(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(ARTICLES, folder)
    real_write = Database._write
    calls = {"n": 0}

    def write_then_fail(self, conn, *args):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        real_write(self, conn, *args)
        if calls["n"] == 2:
            raise OSError("disk full")

    monkeypatch.setattr(Database, "_write", write_then_fail)
    with pytest.raises(OSError, match="disk full"):
        api.add([str(folder)], db_path)
    with Database(db_path, create=False) as db:
        assert db.document_count() == 1
        orphans = db.conn.execute(
            "SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
    assert orphans == 0
