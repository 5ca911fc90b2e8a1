"""The Parquet tables `dossier spark` writes, as plain Python (no Spark needed to read this).

One analysed document gives one row of `documents` and rows of the other tables, each with
the document's id. The tables follow the JSON export's contract (`dossier export`), with one
difference: nothing is resolved across documents yet, so an entity is named by its `key` in
its document (as in `Analysis`), not by a database-wide id. `documents.article` and
`documents.analysis` hold the whole records as JSON, so `dossier load` rebuilds exactly what
`dossier add` would have stored, and stores it through the same `Database.add_article`.

Documents are stored in the order of `order_key` (the input's path with its separators put
first in sort order, as `add` walks a folder) and `input_index` (the record in a WARC).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..records import (
    Analysis,
    Article,
    Claim,
    Entity,
    Evidence,
    Mention,
    Quote,
    Role,
    Sentence,
    TimeExpression,
)
from ..store import body_sha256

#: Column name → type ("string", "long", "double", "strings" = list of strings, "longs").
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("id", "string"),
        ("source", "string"),
        ("url", "string"),
        ("title", "string"),
        ("site", "string"),
        ("authors", "strings"),
        ("published", "string"),
        ("published_from", "string"),
        ("published_not_after", "string"),
        ("language", "string"),
        ("loaded_score", "double"),
        ("warnings", "strings"),
        ("text", "string"),
        ("sha256", "string"),
        ("order_key", "string"),
        ("input_index", "long"),
        ("article", "string"),
        ("analysis", "string"),
    ],
    "sentences": [
        ("document_id", "string"),
        ("idx", "long"),
        ("start", "long"),
        ("end", "long"),
        ("paragraph", "long"),
    ],
    "doc_entities": [
        ("document_id", "string"),
        ("key", "long"),
        ("type", "string"),
        ("name", "string"),
        ("aliases", "strings"),
        ("attributes", "string"),
    ],
    "mentions": [
        ("document_id", "string"),
        ("entity_key", "long"),
        ("start", "long"),
        ("end", "long"),
        ("text", "string"),
        ("form", "string"),
    ],
    "roles": [
        ("document_id", "string"),
        ("entity_key", "long"),
        ("title", "string"),
        ("of_key", "long"),
        ("date", "string"),
        ("date_basis", "string"),
        ("current", "string"),
        ("party", "string"),
        ("region", "string"),
        ("start", "long"),
        ("end", "long"),
    ],
    "quotes": [
        ("document_id", "string"),
        ("speaker_key", "long"),
        ("speaker_reason", "string"),
        ("text", "string"),
        ("kind", "string"),
        ("start", "long"),
        ("end", "long"),
        ("cue", "string"),
        ("cue_start", "long"),
        ("cue_end", "long"),
        ("via_keys", "longs"),
    ],
    "claims": [
        ("document_id", "string"),
        ("kind", "string"),
        ("subject_key", "long"),
        ("object_key", "long"),
        ("place_key", "long"),
        ("value_number", "double"),
        ("value_text", "string"),
        ("unit", "string"),
        ("date", "string"),
        ("status", "string"),
        ("plover", "string"),
        ("holder", "string"),
        ("attributes", "string"),
        ("evidence_start", "long"),
        ("evidence_end", "long"),
        ("evidence_text", "string"),
        ("via_keys", "longs"),
    ],
    "bad_inputs": [("source", "string"), ("reason", "string")],
}

Row = tuple[Any, ...]


def order_key(source: str) -> str:
    """A sort key that orders paths as `add` walks a folder (by path parts)."""
    return source.replace("/", "\x01")


def to_json(record: Article | Analysis) -> str:
    return json.dumps(dataclasses.asdict(record), ensure_ascii=False)


def article_from_json(value: str) -> Article:
    return Article(**json.loads(value))


def analysis_from_json(value: str) -> Analysis:
    """The `Analysis` that `to_json` wrote, rebuilt record by record."""
    raw = json.loads(value)
    return Analysis(
        sentences=[Sentence(**s) for s in raw["sentences"]],
        entities=[
            Entity(
                key=e["key"],
                type=e["type"],
                name=e["name"],
                aliases=e["aliases"],
                mentions=[Mention(**m) for m in e["mentions"]],
                roles=[Role(**r) for r in e["roles"]],
                attributes=e["attributes"],
            )
            for e in raw["entities"]
        ],
        quotes=[Quote(**q) for q in raw["quotes"]],
        claims=[Claim(**{**c, "evidence": Evidence(**c["evidence"])}) for c in raw["claims"]],
        times=[TimeExpression(**t) for t in raw["times"]],
        loaded_score=raw["loaded_score"],
        warnings=raw["warnings"],
    )


def document_rows(
    article: Article, analysis: Analysis, path: str, input_index: int
) -> dict[str, list[Row]]:
    """The rows of every table for one analysed document, in `TABLES`' column order; `path`
    is the input file, `input_index` the page's place in it (a WARC holds several)."""
    sha = body_sha256(article.text)
    doc_id = sha[:16]
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    rows["documents"].append(
        (
            doc_id,
            article.source,
            article.url,
            article.title,
            article.site,
            list(article.authors),
            article.published,
            article.published_from,
            article.published_not_after,
            article.language,
            analysis.loaded_score,
            list(analysis.warnings),
            article.text,
            sha,
            order_key(path),
            input_index,
            to_json(article),
            to_json(analysis),
        )
    )
    for i, s in enumerate(analysis.sentences):
        rows["sentences"].append((doc_id, i, s.start, s.end, s.paragraph))
    for e in analysis.entities:
        attributes = json.dumps(e.attributes, ensure_ascii=False)
        rows["doc_entities"].append((doc_id, e.key, e.type, e.name, list(e.aliases), attributes))
        for m in e.mentions:
            rows["mentions"].append((doc_id, e.key, m.start, m.end, m.text, m.form))
        for r in e.roles:
            current = None if r.current is None else str(r.current).lower()
            rows["roles"].append(
                (
                    doc_id,
                    e.key,
                    r.title,
                    r.of,
                    r.date,
                    r.date_basis,
                    current,
                    r.party,
                    r.region,
                    r.start,
                    r.end,
                )
            )
    for q in analysis.quotes:
        rows["quotes"].append(
            (
                doc_id,
                q.speaker,
                q.speaker_reason,
                q.text,
                q.kind,
                q.start,
                q.end,
                q.cue,
                q.cue_start,
                q.cue_end,
                list(q.via),
            )
        )
    for c in analysis.claims:
        number = float(c.value) if isinstance(c.value, int | float) else None
        text = c.value if isinstance(c.value, str) else None
        attributes = json.dumps(c.attributes, ensure_ascii=False)
        rows["claims"].append(
            (
                doc_id,
                c.kind,
                c.subject,
                c.object,
                c.place,
                number,
                text,
                c.unit,
                c.date,
                c.status,
                c.plover,
                c.holder,
                attributes,
                c.evidence.start,
                c.evidence.end,
                c.evidence.text,
                list(c.evidence.via),
            )
        )
    return rows
