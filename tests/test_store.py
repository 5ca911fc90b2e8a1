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
    hit = count(
        "SELECT i.kind, i.sentence_idx, i.quote_id FROM search_fts"
        " JOIN search_items i ON i.id = search_fts.rowid WHERE search_fts MATCH 'useful'"
    ).fetchall()
    assert {row[0] for row in hit} == {"sentence", "quote"}
    quote_id = count("SELECT id FROM quotes").fetchone()[0]
    assert {(r[1], r[2]) for r in hit} == {(1, None), (None, quote_id)}
    texts = count("SELECT text FROM sentences ORDER BY idx").fetchall()
    assert [r[0] for r in texts] == [BODY[0:48], BODY[50:83]]


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
    for table in ("documents", "entities", "mentions", "claims", "search_items", "search_fts"):
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


def _version_2_file(path: Path) -> None:
    """A file as Dossier left it at schema 2: one article naming a person and a union."""
    from dossier.resolve.linker import register_keys
    from dossier.store.migrations import apply_migrations

    conn = sqlite3.connect(path, isolation_level=None)
    assert apply_migrations(conn, upto=2) == [1, 2]
    conn.execute(
        "INSERT INTO documents (id, sha256, source, text, added_at)"
        " VALUES ('d1', 'sha-d1', 'a.txt', ?, '')",
        (BODY,),
    )
    for key, (kind, name) in enumerate(
        [("Person", "Ivo Brannick"), ("Organization", "Veloria Labour Front")], start=1
    ):
        conn.execute(
            "INSERT INTO entities (id, type, name, name_key, created_at) VALUES (?, ?, ?, ?, '')",
            (key, kind, name, name.lower()),
        )
        conn.execute(
            "INSERT INTO doc_entities (document_id, local_key, entity_id, type, name)"
            " VALUES ('d1', ?, ?, ?, ?)",
            (key, key, kind, name),
        )
        register_keys(conn, key, kind, [name])
    conn.execute(
        'INSERT INTO mentions (doc_entity_id, document_id, start, "end", text, form)'
        " VALUES (1, 'd1', 0, 12, 'Ivo Brannick', 'name')"
    )
    conn.close()


def test_a_version_2_file_is_upgraded_with_indexes_and_co_mentions(db_path: Path) -> None:
    _version_2_file(db_path)
    with Database(db_path) as db:
        assert db.schema_version == max(m.version for m in MIGRATIONS)
        for table in ("mentions", "roles", "quotes", "claims"):
            indexed = {
                db.conn.execute(f"PRAGMA index_info({r['name']})").fetchone()["name"]
                for r in db.conn.execute(f"PRAGMA index_list({table})")
            }
            assert "document_id" in indexed, table
        pairs = db.conn.execute("SELECT entity_id, other_id FROM co_mentions ORDER BY 1")
        assert [tuple(r) for r in pairs] == [(1, 2), (2, 1)]
        # The upgraded file resolves as a new one would: the union named beside a bare
        # surname, as in the stored article, is the evidence that joins them.
        brannick = Entity(1, "Person", "Brannick", mentions=[Mention(0, 8, "Brannick")])
        union = Entity(2, "Organization", "Veloria Labour Front", mentions=[Mention(13, 33, "x")])
        text = "Brannick and Veloria Labour Front spoke."
        doc_id, _ = db.add_article(
            Article(source="b", text=text), Analysis(entities=[union, brannick])
        )
        row = db.conn.execute(
            "SELECT entity_id FROM doc_entities WHERE document_id = ? AND name = 'Brannick'",
            (doc_id,),
        ).fetchone()
        assert row[0] == 1
        assert db.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 3


def test_a_version_3_file_gets_sentence_text_and_a_linked_search_index(db_path: Path) -> None:
    from dossier.store.migrations import apply_migrations

    conn = sqlite3.connect(db_path, isolation_level=None)
    assert apply_migrations(conn, upto=3) == [1, 2, 3]
    conn.execute(
        "INSERT INTO documents (id, sha256, source, title, text, added_at)"
        " VALUES ('d1', 'sha-d1', 'a.txt', 'Talks in Port Tamsin', ?, '')",
        (BODY,),
    )
    conn.executemany(
        'INSERT INTO sentences (document_id, idx, start, "end", paragraph) VALUES (?,?,?,?,?)',
        [("d1", 0, 0, 48, 0), ("d1", 1, 50, 83, 1)],
    )
    conn.execute(
        "INSERT INTO entities (id, type, name, name_key, created_at)"
        " VALUES (7, 'Person', 'Ada Quill', 'ada quill', '')"
    )
    conn.execute(
        "INSERT INTO doc_entities (id, document_id, local_key, entity_id, type, name, aliases)"
        " VALUES (3, 'd1', 1, 7, 'Person', 'Ada Quill', '[\"Quill\"]')"
    )
    conn.execute(
        'INSERT INTO quotes (id, document_id, speaker_doc_entity_id, text, kind, start, "end")'
        " VALUES (5, 'd1', 3, 'the talks were useful', 'indirect', 61, 82)"
    )
    conn.execute(
        "INSERT INTO search (text, kind, ref, document_id) VALUES ('x', 'title', 'd1', 'd1')"
    )
    conn.close()
    with Database(db_path) as db:
        tables = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master")}
        assert "search" not in tables and {"search_items", "search_fts"} <= tables
        texts = db.conn.execute("SELECT text FROM sentences ORDER BY idx").fetchall()
        assert [r[0] for r in texts] == [BODY[0:48], BODY[50:83]]

        def found(query: str) -> set[tuple]:
            return {
                tuple(r)
                for r in db.conn.execute(
                    "SELECT i.kind, i.sentence_idx, i.quote_id, i.doc_entity_id FROM search_fts"
                    " JOIN search_items i ON i.id = search_fts.rowid WHERE search_fts MATCH ?",
                    (query,),
                )
            }

        assert found("useful") == {("sentence", 1, None, None), ("quote", None, 5, None)}
        assert found("quill") == {
            ("sentence", 0, None, None),
            ("sentence", 1, None, None),
            ("entity", None, None, 3),
        }
        assert found("tamsin") == {("sentence", 0, None, None), ("title", None, None, None)}
        # the index follows its content table: a deleted document leaves no hits behind
        db.conn.execute("DELETE FROM documents WHERE id = 'd1'")
        assert found("useful") == set()
        assert db.conn.execute("SELECT count(*) FROM search_items").fetchone()[0] == 0


def test_version_6_keeps_the_basis_of_claims_and_quotes_and_loaded_spans(db_path: Path) -> None:
    """Rows stored before migration 6 read back with no rule and no confidence."""
    with Database(db_path) as db:
        columns = {r[1] for r in db.conn.execute("PRAGMA table_info(claims)")}
        assert {"rule", "confidence", "sources"} <= columns
        columns = {r[1] for r in db.conn.execute("PRAGMA table_info(quotes)")}
        assert {"rule", "confidence", "sources"} <= columns
        columns = {r[1] for r in db.conn.execute("PRAGMA table_info(loaded_spans)")}
        assert {"document_id", "start", "end", "text", "about_doc_entity_id", "holder"} <= columns


def test_a_version_3_file_gets_its_entities_offices(db_path: Path) -> None:
    from dossier.store.migrations import apply_migrations

    conn = sqlite3.connect(db_path, isolation_level=None)
    apply_migrations(conn, upto=3)
    conn.execute(
        "INSERT INTO documents (id, sha256, source, text, added_at) VALUES"
        " ('d1', 'x', 's', 't', 'now')"
    )
    conn.execute(
        "INSERT INTO entities (id, type, name, name_key, created_at) VALUES"
        " (1, 'Person', 'Ivo Brannick', 'ivo brannick', 'now')"
    )
    conn.execute(
        "INSERT INTO doc_entities (id, document_id, local_key, entity_id, type, name)"
        " VALUES (1, 'd1', 0, 1, 'Person', 'Ivo Brannick')"
    )
    conn.execute(
        'INSERT INTO roles (doc_entity_id, document_id, title, start, "end") VALUES'
        " (1, 'd1', 'the Foreign Minister', 0, 3)"
    )
    conn.close()
    with Database(db_path) as db:
        rows = db.conn.execute("SELECT entity_id, role_key FROM entity_roles").fetchall()
        assert [tuple(r) for r in rows] == [(1, "foreign minister")]
