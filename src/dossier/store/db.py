"""The SQLite file: opening it safely, and writing one analysed article atomically."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..errors import StoreError
from ..records import Analysis, Article
from ..resolve import link_entity
from ..resolve.aggregates import note_document
from ..resolve.linker import note_roles
from ..resolve.profiles import NameCache
from .connect import connect
from .migrations import current_version


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

    def __init__(self, path: str | Path, *, create: bool = True, readonly: bool = False) -> None:
        """Open (or, unless `create` is False, create) the database at `path`.

        A file that is not a Dossier database is refused without being changed. `readonly`
        opens it for reading only, as every command that does not write does; see
        `store.connect` for what that leaves behind on disk.
        """
        self.path = str(path)
        self.conn = connect(self.path, create=create, readonly=readonly)
        self.conn.row_factory = sqlite3.Row
        #: Names of stored entities kept between documents, valid while `_stamp` holds.
        self._names = NameCache()
        self._stamp: tuple[int, int] | None = None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query inside sees the database as it was when the first
        one ran, whatever other runs commit meanwhile (WAL gives readers a snapshot)."""
        if self.conn.in_transaction:  # already inside one: it is the snapshot
            yield self.conn
            return
        self.conn.execute("BEGIN DEFERRED")
        try:
            yield self.conn
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

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
            # The write lock is taken before anything is read, so entity resolution sees the
            # entities another `add` run committed, and no run can link against a stale view.
            conn.execute("BEGIN IMMEDIATE")
            if self.has_document(doc_id):  # stored by another run while this one analysed it
                conn.execute("ROLLBACK")
                return doc_id, False
            version = int(conn.execute("PRAGMA data_version").fetchone()[0])
            if self._stamp != (version, conn.total_changes):
                self._names.clear()  # another connection, or other code here, wrote since
            self._stamp = None  # until this document is committed
            self._write(conn, doc_id, sha, article, analysis)
            conn.execute("COMMIT")
            self._stamp = (version, conn.total_changes)
        except sqlite3.IntegrityError:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if self.has_document(doc_id):  # the other run's copy won the unique key
                return doc_id, False
            raise
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
        sentences = [
            (doc_id, i, s.start, s.end, s.paragraph, article.text[s.start : s.end])
            for i, s in enumerate(analysis.sentences)
        ]
        conn.executemany(
            'INSERT INTO sentences (document_id, idx, start, "end", paragraph, text)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            sentences,
        )
        # search_items rows: (kind, text, document_id, sentence_idx, quote_id, doc_entity_id)
        search_rows: list[tuple[str, str, str, int | None, int | None, int | None]] = [
            ("sentence", row[5], doc_id, row[1], None, None) for row in sentences
        ]
        if article.title:
            search_rows.append(("title", article.title, doc_id, None, None, None))
        rowid: dict[int, int] = {}
        for entity in analysis.entities:
            entity_id, reason = link_entity(conn, entity, doc_id, analysis.entities, self._names)
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
                (
                    "entity",
                    " ".join([entity.name, *entity.aliases]),
                    doc_id,
                    None,
                    None,
                    rowid[entity.key],
                )
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
                ' kind, start, "end", cue, cue_start, cue_end, via, sources, rule, confidence)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    refs(quote.sources),
                    quote.rule,
                    quote.confidence,
                ),
            )
            search_rows.append(("quote", quote.text, doc_id, None, cursor.lastrowid, None))
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
                " via, sources, rule, confidence)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    refs(claim.evidence.sources),
                    claim.rule,
                    claim.confidence,
                ),
            )
        conn.executemany(
            'INSERT INTO loaded_spans (document_id, start, "end", text, about_doc_entity_id,'
            " holder, holder_doc_entity_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_id, s.start, s.end, s.text, ref(s.about), s.holder, ref(s.holder_entity))
                for s in analysis.loaded_spans
            ],
        )
        # The triggers on search_items keep its full-text index, search_fts, in step.
        conn.executemany(
            "INSERT INTO search_items (kind, text, document_id, sentence_idx, quote_id,"
            " doc_entity_id) VALUES (?, ?, ?, ?, ?, ?)",
            search_rows,
        )
        note_document(conn, doc_id)  # the dossier pages' per-entity tables
