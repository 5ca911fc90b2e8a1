"""Schema migrations, applied in order and recorded in `dossier_migrations`.

Each migration is a function decorated with `@migration(version, description)`. A
database is at the highest version recorded; `apply_migrations` brings it up to date inside
one transaction per migration. Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


MIGRATIONS: list[Migration] = []


Step = Callable[[sqlite3.Connection], None]


def migration(version: int, description: str) -> Callable[[Step], Step]:
    """Register `fn` as the migration to schema `version`."""

    def register(fn: Step) -> Step:
        MIGRATIONS.append(Migration(version, description, fn))
        MIGRATIONS.sort(key=lambda m: m.version)
        return fn

    return register


def current_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(version) FROM dossier_migrations").fetchone()
    return int(row[0] or 0)


def apply_migrations(conn: sqlite3.Connection, upto: int | None = None) -> list[int]:
    """Apply every migration newer than the database (up to version `upto`, when given, as
    tests of upgrades need); returns the versions applied."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS dossier_migrations ("
        " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    done = current_version(conn)
    applied = []
    for step in MIGRATIONS:
        if step.version <= done or (upto is not None and step.version > upto):
            continue
        conn.execute("BEGIN IMMEDIATE")
        if current_version(conn) >= step.version:
            # another process (two `add` runs on a new file) applied it while this one waited
            conn.execute("ROLLBACK")
            continue
        try:
            step.apply(conn)
            conn.execute(
                "INSERT INTO dossier_migrations (version, description, applied_at)"
                " VALUES (?, ?, ?)",
                (step.version, step.description, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(step.version)
    return applied


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run several statements inside the caller's transaction (executescript would commit)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"Incomplete SQL statement in migration: {statement[:60]!r}")


@migration(1, "documents, sentences, entities, mentions, roles, quotes, claims, search")
def _initial(conn: sqlite3.Connection) -> None:
    run_script(conn, SCHEMA_V1)


SCHEMA_V1 = """
-- One row per article. `id` is derived from the clean body, so the same article stored
-- twice (another copy, another capture) is one row. Dates are ISO, possibly partial
-- (YYYY-MM, YYYY, --MM-DD); `published_from` says where the date came from.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    title TEXT,
    site TEXT,
    authors TEXT NOT NULL DEFAULT '[]',          -- JSON list of names
    published TEXT,
    published_from TEXT CHECK (published_from IN ('html', 'warc', 'text', 'user')),
    published_not_after TEXT,                     -- upper bound (e.g. a copyright year)
    language TEXT,
    text TEXT NOT NULL,                           -- the clean body; all offsets point here
    loaded_score REAL,                            -- share of sentences with loaded language
    warnings TEXT NOT NULL DEFAULT '[]',          -- JSON list of sentences for the user
    added_at TEXT NOT NULL
);

-- Sentences of each body, by character offsets into documents.text.
CREATE TABLE sentences (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);

-- People, organisations and places across all documents (after resolution).
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('Person', 'Organization', 'Country', 'Place', 'Other')),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,                       -- lower-case, accent-free name for lookups
    created_at TEXT NOT NULL
);
CREATE INDEX entities_name_key ON entities(name_key);

-- An entity as one document knows it; `entity_id` links it to its entity across documents.
-- Quotes, claims and roles point at these rows, so re-resolving only rewrites `entity_id`.
CREATE TABLE doc_entities (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    local_key INTEGER NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',           -- JSON list of other surface forms
    attributes TEXT NOT NULL DEFAULT '{}',        -- JSON object
    resolution TEXT,                              -- why it was linked to entity_id
    UNIQUE (document_id, local_key)
);
CREATE INDEX doc_entities_entity ON doc_entities(entity_id);

-- Every place a document names an entity.
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    doc_entity_id INTEGER NOT NULL REFERENCES doc_entities(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    form TEXT NOT NULL
);
CREATE INDEX mentions_doc_entity ON mentions(doc_entity_id);

-- Offices and titles a document gives an entity, with the date they are stated for.
CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    doc_entity_id INTEGER NOT NULL REFERENCES doc_entities(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    of_doc_entity_id INTEGER REFERENCES doc_entities(id),
    date TEXT,
    date_basis TEXT,                              -- 'text' or 'document'
    current INTEGER,                              -- 1 current, 0 former, NULL unknown
    party TEXT,
    region TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX roles_doc_entity ON roles(doc_entity_id);

-- Statements attributed to a speaker, directly or in paraphrase, and the outlets or people
-- they came through (`via`, JSON list of doc_entities ids, nearest first).
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_doc_entity_id INTEGER REFERENCES doc_entities(id),
    speaker_reason TEXT,
    text TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    via TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX quotes_speaker ON quotes(speaker_doc_entity_id);

-- Typed facts and opinions, each with the sentence that states it (evidence_start/end).
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject_doc_entity_id INTEGER REFERENCES doc_entities(id),
    object_doc_entity_id INTEGER REFERENCES doc_entities(id),
    place_doc_entity_id INTEGER REFERENCES doc_entities(id),
    value_number REAL,
    value_text TEXT,
    unit TEXT,
    date TEXT,
    status TEXT NOT NULL
        CHECK (status IN ('asserted', 'reported', 'planned', 'hedged', 'denied', 'opinion')),
    plover TEXT,
    holder TEXT,
    attributes TEXT NOT NULL DEFAULT '{}',
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_text TEXT NOT NULL,
    via TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX claims_subject ON claims(subject_doc_entity_id);
CREATE INDEX claims_object ON claims(object_doc_entity_id);

-- A researcher's judgement that two entities are or are not the same; survives re-ingest.
CREATE TABLE judgements (
    id INTEGER PRIMARY KEY,
    left_name TEXT NOT NULL,
    left_type TEXT NOT NULL,
    right_name TEXT NOT NULL,
    right_type TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('same', 'different')),
    created_at TEXT NOT NULL
);

-- Full-text search over sentences, quotes and names (kind: sentence, quote, entity).
CREATE VIRTUAL TABLE search USING fts5(
    text, kind UNINDEXED, ref UNINDEXED, document_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


@migration(2, "entity_keys for cross-document resolution; reasons on judgements")
def _resolution(conn: sqlite3.Connection) -> None:
    from ..resolve.names import lookup_keys, name_key

    run_script(conn, SCHEMA_V2)
    rows = set()
    for entity_id, entity_type, name, aliases in conn.execute(
        "SELECT d.entity_id, e.type, d.name, d.aliases FROM doc_entities d"
        " JOIN entities e ON e.id = d.entity_id"
    ):
        for alias in [name, *json.loads(aliases or "[]")]:
            rows.add((entity_id, f"exact:{name_key(alias)}"))
            rows.update((entity_id, key) for key in lookup_keys(alias, entity_type))
    conn.executemany("INSERT OR IGNORE INTO entity_keys (entity_id, key) VALUES (?, ?)", rows)


SCHEMA_V2 = """
-- Keys under which resolution finds an entity again: `name:` its comparable name (titles and
-- company suffixes dropped, or its acronym), `surname:` a person's surname, `exact:` a name
-- as written (lower-case, accent-free). Rebuilt by merges and splits.
CREATE TABLE entity_keys (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    PRIMARY KEY (entity_id, key)
);
CREATE INDEX entity_keys_key ON entity_keys(key);

-- Why the researcher judged so (free text), and which command recorded it.
ALTER TABLE judgements ADD COLUMN reason TEXT;
ALTER TABLE judgements ADD COLUMN source TEXT NOT NULL DEFAULT 'cli';
"""


@migration(3, "indexes on document_id; co_mentions so resolution need not rescan documents")
def _scale(conn: sqlite3.Connection) -> None:
    run_script(conn, SCHEMA_V3)
    conn.execute(
        "INSERT OR IGNORE INTO co_mentions (entity_id, other_id)"
        " SELECT DISTINCT d.entity_id, o.entity_id FROM doc_entities d"
        " JOIN doc_entities o ON o.document_id = d.document_id AND o.entity_id != d.entity_id"
    )


SCHEMA_V3 = """
-- Reading or deleting one document's rows must not scan every document's.
CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document_id);
CREATE INDEX IF NOT EXISTS roles_document ON roles(document_id);
CREATE INDEX IF NOT EXISTS quotes_document ON quotes(document_id);
CREATE INDEX IF NOT EXISTS claims_document ON claims(document_id);

-- Pairs of entities named in one document, both ways round: the context resolution weighs,
-- kept as documents are linked so it never rereads an entity's documents. Rebuilt for the
-- entities a merge or split touches.
CREATE TABLE co_mentions (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    other_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (entity_id, other_id)
) WITHOUT ROWID;
CREATE INDEX co_mentions_other ON co_mentions(other_id);
"""


@migration(
    4, "sentences keep their text; search_items with typed references, indexed by search_fts"
)
def _search_items(conn: sqlite3.Connection) -> None:
    run_script(conn, SCHEMA_V4)
    conn.execute(
        "UPDATE sentences SET text = (SELECT substr(d.text, sentences.start + 1,"
        ' sentences."end" - sentences.start) FROM documents d WHERE d.id = sentences.document_id)'
    )
    conn.execute(
        "INSERT INTO search_items (kind, text, document_id, sentence_idx)"
        " SELECT 'sentence', text, document_id, idx FROM sentences ORDER BY document_id, idx"
    )
    conn.execute(
        "INSERT INTO search_items (kind, text, document_id)"
        " SELECT 'title', title, id FROM documents WHERE title IS NOT NULL AND title != ''"
    )
    conn.execute(
        "INSERT INTO search_items (kind, text, document_id, quote_id)"
        " SELECT 'quote', text, document_id, id FROM quotes ORDER BY id"
    )
    for row_id, doc_id, name, aliases in conn.execute(
        "SELECT id, document_id, name, aliases FROM doc_entities ORDER BY id"
    ).fetchall():
        conn.execute(
            "INSERT INTO search_items (kind, text, document_id, doc_entity_id)"
            " VALUES ('entity', ?, ?, ?)",
            (" ".join([name, *json.loads(aliases or "[]")]), doc_id, row_id),
        )
    conn.execute("DROP TABLE search")


SCHEMA_V4 = """
-- The sentence itself, documents.text[start:end], so a sentence row reads on its own.
ALTER TABLE sentences ADD COLUMN text TEXT;

-- What full-text search finds: one row per sentence, title, quote and entity name of each
-- document. `kind` says which; exactly the reference of that kind is set: `sentence_idx`
-- (with document_id, the sentence), `quote_id`, or `doc_entity_id` (the entity as this
-- document knows it; its `entity_id` follows merges and splits). A title refers to its
-- document only. Replaces the standalone `search` index of version 1, whose `ref` column
-- meant a different thing for each kind.
CREATE TABLE search_items (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('sentence', 'title', 'quote', 'entity')),
    text TEXT NOT NULL,                           -- what is indexed
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx INTEGER,                         -- kind 'sentence': sentences.idx
    quote_id INTEGER REFERENCES quotes(id) ON DELETE CASCADE,
    doc_entity_id INTEGER REFERENCES doc_entities(id) ON DELETE CASCADE,
    CHECK ((kind = 'sentence') = (sentence_idx IS NOT NULL)),
    CHECK ((kind = 'quote') = (quote_id IS NOT NULL)),
    CHECK ((kind = 'entity') = (doc_entity_id IS NOT NULL))
);
CREATE INDEX search_items_document ON search_items(document_id);
CREATE INDEX search_items_quote ON search_items(quote_id);
CREATE INDEX search_items_doc_entity ON search_items(doc_entity_id);

-- The full-text index of search_items.text (an external-content FTS5 table: it stores only
-- the index, and reads the text from search_items by rowid = search_items.id). Kept in step
-- by the triggers below, so rows written by any program stay searchable.
CREATE VIRTUAL TABLE search_fts USING fts5(
    text, content="search_items", content_rowid="id",
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER search_items_ai AFTER INSERT ON search_items BEGIN
    INSERT INTO search_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER search_items_ad AFTER DELETE ON search_items BEGIN
    INSERT INTO search_fts (search_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER search_items_au AFTER UPDATE ON search_items BEGIN
    INSERT INTO search_fts (search_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO search_fts (rowid, text) VALUES (new.id, new.text);
END;
"""


@migration(5, "indexes for the web UI's filters by outlet and date")
def _browsing(conn: sqlite3.Connection) -> None:
    run_script(conn, SCHEMA_V5)


SCHEMA_V5 = """
-- `documents.url` (since version 1) now holds the page's original address: `dossier add --url`,
-- else the page's canonical link or og:url, else the WARC record's target URI; NULL for a
-- local file that states none (`source` keeps the file path). The web UI filters documents,
-- claims and quotes by outlet (`site`) and by date, and pages every list by them.
CREATE INDEX IF NOT EXISTS documents_site ON documents(site, published);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
"""


@migration(6, "the basis of claims and quotes (rule, confidence), parallel sources, loaded_spans")
def _basis(conn: sqlite3.Connection) -> None:
    run_script(conn, SCHEMA_V6)


SCHEMA_V6 = """
-- Which rule made a claim or attributed a quote (e.g. 'event:meet', 'relation:kin-noun',
-- 'cue-after-quote'), and how sure that rule is: 0..1, the precision measured for its class
-- of text on audited real articles (bench/audit_claims.py). NULL for rows stored before.
-- `dossier show` and the exports leave out rows under the minimum confidence unless asked.
ALTER TABLE claims ADD COLUMN rule TEXT;
ALTER TABLE claims ADD COLUMN confidence REAL;
ALTER TABLE quotes ADD COLUMN rule TEXT;
ALTER TABLE quotes ADD COLUMN confidence REAL;

-- Parallel sources (JSON list of doc_entities ids): outlets that each report the statement
-- on their own ('according to A … B and C also reported'), as opposed to `via`, the chain
-- of relays a statement passed through, nearest first. Neither ever holds the speaker.
ALTER TABLE claims ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
ALTER TABLE quotes ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';

-- Loaded words and phrases of each document (the outlet's or a speaker's characterisations),
-- by character offsets into documents.text; `about_doc_entity_id` is the entity they
-- characterise when the sentence makes it clear; `holder` is who uses the words: the outlet
-- (the document's site) or, inside a quote or paraphrase, the speaker's name, with
-- `holder_doc_entity_id` the speaker's row.
CREATE TABLE loaded_spans (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    about_doc_entity_id INTEGER REFERENCES doc_entities(id),
    holder TEXT,
    holder_doc_entity_id INTEGER REFERENCES doc_entities(id)
);
CREATE INDEX loaded_spans_document ON loaded_spans(document_id);
CREATE INDEX loaded_spans_about ON loaded_spans(about_doc_entity_id);
"""


@migration(7, "entity_roles: each entity's offices by key, so resolution never rereads them")
def _entity_roles(conn: sqlite3.Connection) -> None:
    from ..resolve.linker import note_roles

    run_script(conn, SCHEMA_V7)
    found: dict[int, list[str]] = {}
    for entity_id, title in conn.execute(
        "SELECT DISTINCT d.entity_id, r.title FROM doc_entities d"
        " JOIN roles r ON r.doc_entity_id = d.id"
    ):
        found.setdefault(int(entity_id), []).append(str(title))
    for entity_id, titles in found.items():
        note_roles(conn, entity_id, titles)


SCHEMA_V7 = """
-- The offices documents give each entity, by comparison key (lower case, no "the"/"a", no
-- dots: "secretary of state"), kept as documents are stored: resolution compares offices
-- without reading every document of an entity. Rebuilt for the entities a merge or split
-- touches.
CREATE TABLE entity_roles (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    role_key TEXT NOT NULL,
    PRIMARY KEY (entity_id, role_key)
) WITHOUT ROWID;
"""


@migration(8, "per-entity tables for dossier pages: documents, claims and their counts, quotes")
def _entity_pages(conn: sqlite3.Connection) -> None:
    from ..resolve.aggregates import refresh_all

    run_script(conn, SCHEMA_V8)
    refresh_all(conn)


SCHEMA_V8 = """
-- What an entity's dossier page lists, one row per entity and item, kept as documents are
-- stored (resolve/aggregates.py) and recomputed for the entities a merge or split touches,
-- so a page reads the rows it shows through an index instead of sorting all of a busy
-- entity's rows. `sort_date` is the date the page sorts by, '' when unknown.

-- Each document naming the entity: its date (documents.published) and outlet (site).
CREATE TABLE entity_documents (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sort_date TEXT NOT NULL,
    site TEXT,
    PRIMARY KEY (entity_id, document_id)
) WITHOUT ROWID;
CREATE INDEX entity_documents_date ON entity_documents(entity_id, sort_date DESC, document_id);
CREATE INDEX entity_documents_site ON entity_documents(entity_id, site);

-- Each claim with the entity as subject or object (once if both): the claim's date, else
-- its document's; kind, status and confidence copied from claims for the page's filters.
CREATE TABLE entity_claims (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    sort_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    confidence REAL,
    PRIMARY KEY (entity_id, claim_id)
) WITHOUT ROWID;
CREATE INDEX entity_claims_date
    ON entity_claims(entity_id, sort_date DESC, claim_id, kind, status, confidence);
CREATE INDEX entity_claims_claim ON entity_claims(claim_id);

-- How many rows of entity_claims each entity has per kind, status and confidence (NULL:
-- a claim stored before claims carried one), for totals without counting them each time;
-- kept by the triggers below, whatever writes entity_claims.
CREATE TABLE entity_claim_counts (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    confidence REAL,
    n INTEGER NOT NULL
);
CREATE INDEX entity_claim_counts_entity ON entity_claim_counts(entity_id, kind, status);
CREATE TRIGGER entity_claims_ai AFTER INSERT ON entity_claims BEGIN
    INSERT INTO entity_claim_counts (entity_id, kind, status, confidence, n)
        SELECT new.entity_id, new.kind, new.status, new.confidence, 0
        WHERE NOT EXISTS (SELECT 1 FROM entity_claim_counts WHERE entity_id = new.entity_id
            AND kind = new.kind AND status = new.status AND confidence IS new.confidence);
    UPDATE entity_claim_counts SET n = n + 1 WHERE entity_id = new.entity_id
        AND kind = new.kind AND status = new.status AND confidence IS new.confidence;
END;
CREATE TRIGGER entity_claims_ad AFTER DELETE ON entity_claims BEGIN
    UPDATE entity_claim_counts SET n = n - 1 WHERE entity_id = old.entity_id
        AND kind = old.kind AND status = old.status AND confidence IS old.confidence;
    DELETE FROM entity_claim_counts WHERE entity_id = old.entity_id AND n <= 0;
END;
CREATE TRIGGER entity_claims_au AFTER UPDATE ON entity_claims BEGIN
    UPDATE entity_claim_counts SET n = n - 1 WHERE entity_id = old.entity_id
        AND kind = old.kind AND status = old.status AND confidence IS old.confidence;
    DELETE FROM entity_claim_counts WHERE entity_id = old.entity_id AND n <= 0;
    INSERT INTO entity_claim_counts (entity_id, kind, status, confidence, n)
        SELECT new.entity_id, new.kind, new.status, new.confidence, 0
        WHERE NOT EXISTS (SELECT 1 FROM entity_claim_counts WHERE entity_id = new.entity_id
            AND kind = new.kind AND status = new.status AND confidence IS new.confidence);
    UPDATE entity_claim_counts SET n = n + 1 WHERE entity_id = new.entity_id
        AND kind = new.kind AND status = new.status AND confidence IS new.confidence;
END;
-- A claim rewritten in place (a new confidence, say) is rewritten in entity_claims too.
CREATE TRIGGER claims_au_entity_claims AFTER UPDATE OF kind, status, confidence, date ON claims
BEGIN
    UPDATE entity_claims SET kind = new.kind, status = new.status, confidence = new.confidence,
        sort_date = coalesce(new.date,
            (SELECT published FROM documents WHERE id = new.document_id), '')
        WHERE claim_id = new.id;
END;

-- Each quote the entity is the speaker of: its document's date, the quote's confidence.
CREATE TABLE entity_quotes (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    sort_date TEXT NOT NULL,
    confidence REAL,
    PRIMARY KEY (entity_id, quote_id)
) WITHOUT ROWID;
CREATE INDEX entity_quotes_date ON entity_quotes(entity_id, sort_date DESC, quote_id, confidence);
CREATE INDEX entity_quotes_quote ON entity_quotes(quote_id);
CREATE TRIGGER quotes_au_entity_quotes AFTER UPDATE OF confidence ON quotes BEGIN
    UPDATE entity_quotes SET confidence = new.confidence WHERE quote_id = new.id;
END;
"""
