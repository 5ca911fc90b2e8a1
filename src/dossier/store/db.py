"""The SQLite file: opening it safely, and writing one analysed article atomically."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from ..errors import NotADossierDatabase, StoreError
from ..records import Analysis, Article
from ..resolve import link_entity
from ..resolve.linker import note_roles
from .migrations import apply_migrations, current_version

_SQLITE_MAGIC = b"SQLite format 3\x00"


def body_sha256(text: str) -> str:
    """Hash of the body with whitespace collapsed, so re-extractions of one page agree."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def document_id(text: str) -> str:
    """Stable short id of a document, derived from its clean body."""
    return body_sha256(text)[:16]


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class Database:
    """A Dossier database file (created on first use).

    >>> db = Database(":memory:")
    >>> db.document_count()
    0
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            self._check_file(Path(self.path), create)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise NotADossierDatabase(f"{self.path}: not a Dossier database ({exc}).") from exc
        if tables and "dossier_migrations" not in tables:
            self.conn.close()
            raise NotADossierDatabase(
                f"{self.path}: this SQLite file holds other tables and is not a Dossier "
                "database; choose another --db file."
            )
        apply_migrations(self.conn)
        self.conn.row_factory = sqlite3.Row

    @staticmethod
    def _check_file(path: Path, create: bool) -> None:
        if not path.exists():
            if not create:
                raise StoreError(f"{path}: no such database; run `dossier add` first.")
            if not path.parent.exists():
                raise StoreError(f"{path}: the folder {path.parent} does not exist.")
            return
        if path.is_dir():
            raise NotADossierDatabase(f"{path}: is a folder, not a database file.")
        with path.open("rb") as handle:
            head = handle.read(16)
        if head and head != _SQLITE_MAGIC:
            raise NotADossierDatabase(f"{path}: not a Dossier database (not an SQLite file).")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return current_version(self.conn)

    def document_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def has_document(self, doc_id: str) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            is not None
        )

    def add_article(self, article: Article, analysis: Analysis) -> tuple[str, bool]:
        """Store an article and everything found in it in one transaction.

        Returns (document id, True if newly stored). An article already stored is left as is.
        """
        sha = body_sha256(article.text)
        doc_id = sha[:16]
        if self.has_document(doc_id):
            return doc_id, False
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            self._write(conn, doc_id, sha, article, analysis)
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(
                f"{self.path}: could not store {article.source} ({exc}); nothing of it was kept."
            ) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return doc_id, True

    def _write(
        self, conn: sqlite3.Connection, doc_id: str, sha: str, article: Article, analysis: Analysis
    ) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute(
            "INSERT INTO documents (id, sha256, source, url, title, site, authors, published,"
            " published_from, published_not_after, language, text, loaded_score, warnings,"
            " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                sha,
                article.source,
                article.url,
                article.title,
                article.site,
                _dumps(article.authors),
                article.published,
                article.published_from,
                article.published_not_after,
                article.language,
                article.text,
                analysis.loaded_score,
                _dumps(analysis.warnings),
                now,
            ),
        )
        conn.executemany(
            'INSERT INTO sentences (document_id, idx, start, "end", paragraph) VALUES (?,?,?,?,?)',
            [(doc_id, i, s.start, s.end, s.paragraph) for i, s in enumerate(analysis.sentences)],
        )
        search_rows = [
            (article.text[s.start : s.end], "sentence", str(i), doc_id)
            for i, s in enumerate(analysis.sentences)
        ]
        if article.title:
            search_rows.append((article.title, "title", doc_id, doc_id))
        rowid: dict[int, int] = {}
        for entity in analysis.entities:
            entity_id, reason = link_entity(conn, entity, doc_id, analysis.entities)
            cursor = conn.execute(
                "INSERT INTO doc_entities (document_id, local_key, entity_id, type, name, aliases,"
                " attributes, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc_id,
                    entity.key,
                    entity_id,
                    entity.type,
                    entity.name,
                    _dumps(entity.aliases),
                    _dumps(entity.attributes),
                    reason,
                ),
            )
            rowid[entity.key] = int(cursor.lastrowid or 0)
            conn.executemany(
                'INSERT INTO mentions (doc_entity_id, document_id, start, "end", text, form)'
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (rowid[entity.key], doc_id, m.start, m.end, m.text, m.form)
                    for m in entity.mentions
                ],
            )
            search_rows.append(
                (" ".join([entity.name, *entity.aliases]), "entity", str(entity_id), doc_id)
            )

        def ref(key: int | None) -> int | None:
            return rowid.get(key) if key is not None else None

        def refs(keys: list[int]) -> str:
            return _dumps([rowid[k] for k in keys if k in rowid])

        for entity in analysis.entities:
            if entity.roles:
                linked = conn.execute(
                    "SELECT entity_id FROM doc_entities WHERE id = ?", (rowid[entity.key],)
                ).fetchone()[0]
                note_roles(conn, int(linked), [role.title for role in entity.roles])
            for role in entity.roles:
                conn.execute(
                    "INSERT INTO roles (doc_entity_id, document_id, title, of_doc_entity_id, date,"
                    ' date_basis, current, party, region, start, "end")'
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        rowid[entity.key],
                        doc_id,
                        role.title,
                        ref(role.of),
                        role.date,
                        role.date_basis,
                        None if role.current is None else int(role.current),
                        role.party,
                        role.region,
                        role.start,
                        role.end,
                    ),
                )
        for quote in analysis.quotes:
            cursor = conn.execute(
                "INSERT INTO quotes (document_id, speaker_doc_entity_id, speaker_reason, text,"
                ' kind, start, "end", cue, cue_start, cue_end, via)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc_id,
                    ref(quote.speaker),
                    quote.speaker_reason,
                    quote.text,
                    quote.kind,
                    quote.start,
                    quote.end,
                    quote.cue,
                    quote.cue_start,
                    quote.cue_end,
                    refs(quote.via),
                ),
            )
            search_rows.append((quote.text, "quote", str(cursor.lastrowid), doc_id))
        for claim in analysis.claims:
            attributes = dict(claim.attributes)
            if isinstance(attributes.get("speaker"), int):
                # The speaker of a reported claim is an entity of this document, like its subject.
                attributes["speaker"] = ref(attributes["speaker"])
            number = claim.value if isinstance(claim.value, int | float) else None
            text_value = claim.value if isinstance(claim.value, str) else None
            conn.execute(
                "INSERT INTO claims (document_id, kind, subject_doc_entity_id,"
                " object_doc_entity_id, place_doc_entity_id, value_number, value_text, unit, date,"
                " status, plover, holder, attributes, evidence_start, evidence_end, evidence_text,"
                " via)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc_id,
                    claim.kind,
                    ref(claim.subject),
                    ref(claim.object),
                    ref(claim.place),
                    number,
                    text_value,
                    claim.unit,
                    claim.date,
                    claim.status,
                    claim.plover,
                    claim.holder,
                    _dumps(attributes),
                    claim.evidence.start,
                    claim.evidence.end,
                    claim.evidence.text,
                    refs(claim.evidence.via),
                ),
            )
        conn.executemany(
            "INSERT INTO search (text, kind, ref, document_id) VALUES (?, ?, ?, ?)", search_rows
        )
