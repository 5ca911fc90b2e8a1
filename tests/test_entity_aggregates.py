"""The per-entity tables the dossier page reads (resolve/aggregates.py) always equal a full
recomputation from the stored rows: after documents are added, after a merge, after a split;
and a dossier page read through them is the page read from the rows themselves."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.records import Analysis, Article, Entity, Mention, Sentence
from dossier.resolve import aggregates
from dossier.resolve.judgements import merge, split
from dossier.store import Database
from dossier.web import dossier as pages
from dossier.web.app import create_app
from dossier.web.listing import Filters
from webdb import build_newsroom

#: Merge and split stamp their judgements with the time; nothing they keep may depend on it.
pytestmark = pytest.mark.clock


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {table}"))
        for table in aggregates.TABLES
    }


def recomputed(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """The tables rebuilt from scratch (inside a transaction rolled back after)."""
    conn.execute("SAVEPOINT recompute")
    try:
        aggregates.refresh_all(conn)
        return snapshot(conn)
    finally:
        conn.execute("ROLLBACK TO recompute")
        conn.execute("RELEASE recompute")


@pytest.fixture
def newsroom(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "newsroom.db"
    ids, _ = build_newsroom(path)
    return path, ids


def test_tables_equal_recomputation_after_adding(newsroom: tuple[Path, dict[str, int]]) -> None:
    path, ids = newsroom
    with Database(path) as db:
        kept = snapshot(db.conn)
        assert kept == recomputed(db.conn)
        varga = ids["Ilse Varga"]
        # 63 reports name her; 62 state a meeting with her as subject; she speaks 63 quotes
        assert len([r for r in kept["entity_documents"] if r[0] == varga]) == 63
        assert sum(r[4] for r in kept["entity_claim_counts"] if r[0] == varga) == 62
        assert len([r for r in kept["entity_quotes"] if r[0] == varga]) == 63


def test_tables_equal_recomputation_after_merge_and_split(
    newsroom: tuple[Path, dict[str, int]],
) -> None:
    path, ids = newsroom
    with Database(path) as db:
        conn = db.conn
        merge(conn, "Ilse Varga", "Petr Anholm", "test: one entity")
        merged = snapshot(conn)
        assert merged == recomputed(conn)
        varga = ids["Ilse Varga"]
        assert not [r for t in merged.values() for r in t if r[0] == ids["Petr Anholm"]]
        # a claim with both sides in one entity counts once
        assert sum(r[4] for r in merged["entity_claim_counts"] if r[0] == varga) == 62
        split(conn, "Ilse Varga", "Petr Anholm", "test: two again")
        assert snapshot(conn) == recomputed(conn)
        anholm = int(
            conn.execute("SELECT id FROM entities WHERE name = 'Petr Anholm'").fetchone()[0]
        )
        assert len([r for r in snapshot(conn)["entity_documents"] if r[0] == anholm]) == 63


def _page(conn: sqlite3.Connection, entity_id: int, filters: Filters) -> str:
    return json.dumps(pages.entity_dossier(conn, entity_id, filters), sort_keys=True)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(per_page=20),
        Filters(per_page=7, page=3),
        Filters(per_page=20, kind="meeting"),
        Filters(per_page=20, status="asserted"),
        Filters(per_page=20, confidence="all"),
        Filters(per_page=20, confidence="unsure"),
        Filters(per_page=20, page=99),
    ],
)
def test_page_from_the_tables_is_the_page_from_the_rows(
    newsroom: tuple[Path, dict[str, int]], filters: Filters, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, ids = newsroom
    with Database(path) as db:
        db.conn.row_factory = sqlite3.Row
        for entity_id in ids.values():
            assert pages.by_index(db.conn, filters)
            fast = _page(db.conn, entity_id, filters)
            with monkeypatch.context() as patch:
                patch.setattr(pages, "by_index", lambda conn, filters: False)
                slow = _page(db.conn, entity_id, filters)
            assert fast == slow


def test_filters_the_tables_do_not_hold_read_the_rows() -> None:
    conn = sqlite3.connect(":memory:")
    for narrowed in (Filters(outlet="x"), Filters(since="2024"), Filters(sort="oldest")):
        assert not pages.by_index(conn, narrowed)


def test_tables_follow_rows_rewritten_or_deleted_by_any_program(
    newsroom: tuple[Path, dict[str, int]],
) -> None:
    path, ids = newsroom
    with Database(path) as db:
        conn = db.conn
        conn.execute("UPDATE claims SET confidence = CASE WHEN id % 2 THEN 0.3 ELSE 0.9 END")
        conn.execute("UPDATE claims SET status = 'reported', date = '2023-01-01' WHERE id = 1")
        conn.execute("UPDATE quotes SET confidence = 0.2 WHERE id % 3 = 0")
        assert snapshot(conn) == recomputed(conn)
        varga = ids["Ilse Varga"]
        counts: dict[float, int] = {}
        for r in snapshot(conn)["entity_claim_counts"]:
            if r[0] == varga:
                counts[r[3]] = counts.get(r[3], 0) + r[4]
        assert counts == {0.3: 31, 0.9: 31}
        first = conn.execute("SELECT id FROM documents ORDER BY id LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM documents WHERE id = ?", (first,))
        assert snapshot(conn) == recomputed(conn)


def _article(text: str, name: str) -> tuple[Article, Analysis]:
    start = text.index(name)
    person = Entity(1, "Person", name, [], [Mention(start, start + len(name), name)])
    article = Article(source=text[:24], text=text, site="velo.test")
    return article, Analysis(sentences=[Sentence(0, len(text), 0)], entities=[person])


def test_names_kept_between_documents_are_dropped_when_the_file_changes_elsewhere(
    db_path: Path,
) -> None:
    """A writer keeps candidates' names between documents (resolve/profiles.NameCache) only
    while nothing else wrote: another connection's commit, or a write through its own
    connection outside `add_article`, empties it before the next document is linked."""
    with Database(db_path) as first, Database(db_path) as second:
        first.add_article(*_article("Ivo Brannick spoke at the port.", "Ivo Brannick"))
        first.add_article(*_article("Ivo Brannick left the port.", "Ivo Brannick"))
        assert first._names.entries  # the second document read the first's entity
        second.add_article(*_article("Ivo Brannick came back to Velo.", "Ivo Brannick"))
        first.conn.execute("UPDATE entities SET name = 'Ivo K. Brannick'")
        first.add_article(*_article("Brannick closed the port.", "Brannick"))
        names = next(iter(first._names.entries.values()))[1]
        assert names[0] == "Ivo K. Brannick"  # reread, not the name kept before


def test_an_office_span_lists_its_latest_sources_and_counts_them_all(
    newsroom: tuple[Path, dict[str, int]],
) -> None:
    path, ids = newsroom
    varga = ids["Ilse Varga"]
    with TestClient(create_app(path)) as client:
        span = client.get(f"/entity/{varga}.json").json()["offices"][0]
        assert span["source_total"] == 63 and span["documents"] == 63
        assert len(span["sources"]) == pages.OFFICE_SOURCES_SHOWN
        assert span["sources"][-1]["date"] == span["to"] == "2024-03-05"
        html = client.get(f"/entity/{varga}").text
        assert "63 sentences state it" in html and "43 earlier, not listed here" in html
        rows = client.get(f"/entity/{varga}.csv").text.splitlines()
        assert sum(1 for r in rows if r.startswith("office,")) == 63  # downloads list all
