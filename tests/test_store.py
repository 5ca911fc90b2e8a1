"""The SQLite store: migrations, refusing foreign files, idempotent and atomic writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dossier.errors import NotADossierDatabase, StoreError
from dossier.records import Analysis, Article, Claim, Entity, Evidence, Mention, Quote, Sentence
from dossier.store import Database, document_id
from dossier.store.migrations import MIGRATIONS

BODY = "Minister Ada Quill met Oren Falk in Port Tamsin.\n\nQuill said the talks were useful."


def sample_analysis() -> Analysis:
    quill = Entity(1, "Person", "Ada Quill", mentions=[Mention(9, 18, "Ada Quill")])
    quill.mentions.append(Mention(50, 55, "Quill", form="surname"))
    falk = Entity(2, "Person", "Oren Falk", mentions=[Mention(23, 32, "Oren Falk")])
    evidence = Evidence(0, 48, BODY[0:48])
    return Analysis(
        sentences=[Sentence(0, 48, 0), Sentence(50, 83, 1)],
        entities=[quill, falk],
        quotes=[Quote(1, "the talks were useful", "indirect", 61, 82, cue="said")],
        claims=[Claim("meeting", 1, evidence, object=2, plover="CONSULT")],
    )


def test_new_database_is_at_latest_schema(fresh_db: Database) -> None:
    assert fresh_db.schema_version == max(m.version for m in MIGRATIONS)
    tables = {r[0] for r in fresh_db.conn.execute("SELECT name FROM sqlite_master")}
    assert {"documents", "entities", "doc_entities", "mentions", "quotes", "claims"} <= tables


def test_add_article_stores_everything_once(fresh_db: Database) -> None:
    article = Article(source="a.txt", text=BODY, title="Talks")
    doc_id, new = fresh_db.add_article(article, sample_analysis())
    assert new and doc_id == document_id(BODY)
    again, new_again = fresh_db.add_article(article, sample_analysis())
    assert again == doc_id and not new_again
    count = fresh_db.conn.execute
    assert count("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert count("SELECT count(*) FROM mentions").fetchone()[0] == 3
    assert count("SELECT count(*) FROM claims").fetchone()[0] == 1
    hit = count("SELECT kind FROM search WHERE search MATCH 'useful'").fetchall()
    assert {row[0] for row in hit} == {"sentence", "quote"}


def test_same_name_in_two_documents_is_one_entity(fresh_db: Database) -> None:
    fresh_db.add_article(Article(source="a", text=BODY), sample_analysis())
    other = BODY.replace("Port Tamsin", "Lake Verra")
    fresh_db.add_article(Article(source="b", text=other), sample_analysis())
    names = fresh_db.conn.execute("SELECT name FROM entities ORDER BY name").fetchall()
    assert [r[0] for r in names] == ["Ada Quill", "Oren Falk"]


def test_failed_write_leaves_nothing_behind(fresh_db: Database) -> None:
    analysis = sample_analysis()
    analysis.claims.append(Claim("meeting", 1, Evidence(0, 5, "x"), status="bogus"))  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.add_article(Article(source="a", text=BODY), analysis)
    for table in ("documents", "entities", "mentions", "claims", "search"):
        assert fresh_db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_foreign_sqlite_file_is_refused(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(NotADossierDatabase, match="not a Dossier database"):
        Database(db_path)


def test_non_sqlite_file_is_refused(db_path: Path) -> None:
    db_path.write_text("these are my notes, not a database")
    with pytest.raises(NotADossierDatabase, match="not an SQLite file"):
        Database(db_path)


def test_missing_database_is_not_created_for_reading(db_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Database(db_path, create=False)
    assert not db_path.exists()


def test_reopening_keeps_data(db_path: Path) -> None:
    with Database(db_path) as db:
        db.add_article(Article(source="a", text=BODY), sample_analysis())
    with Database(db_path, create=False) as db:
        assert db.document_count() == 1
