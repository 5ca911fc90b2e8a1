"""How each outlet told it: documents about the same event grouped into stories.

Two documents tell the same story when they were published within `DAYS` days of each other
and share their actors (people, organisations, countries and places, rarer ones weighing
more) or their headline's words (rarer words weighing more). Pairs are merged strongest
first, only while the two groups stay alike on average, and a story never spans more than
`SPAN_DAYS` days, so one busy name cannot chain a month of news together.
A story needs two outlets. The story page gives each outlet a column: what its articles
assert, whom they quote, their loaded words, and the facts the other outlets state that it
leaves out.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sqlite3
from collections import defaultdict
from typing import Any

from ..errors import NotFound
from ..extract.opinion.lexicon import _loaded_pattern, subjectivity_lexicon
from .listing import Filters, database_state, has_table, outlets, paging
from .queries import Row, _claim_rows, _format_claims, _quotes, _rows, _sentence_link

#: Most days between two documents of one story, and between its first and last.
DAYS = 2
SPAN_DAYS = 4
#: How alike two stories' documents must be on average (0–1: shared actors and headline
#: words) to become one story. Averaging over every pair, rather than taking the best pair,
#: keeps one busy name from chaining unrelated articles together.
THRESHOLD = 0.1
#: Actors two documents share must weigh at least this share of the weight of an actor
#: named in one document only: a single ubiquitous name (a front-runner, a country) is
#: not an event.
SHARED_ACTORS = 0.5
#: Most documents in one story.
MOST = 12
#: Entity types that make an event: who acted, and where.
ACTOR_TYPES = ("Person", "Organization", "Country", "Place")
#: Headline words that say nothing about the event.
_FILLER_WORDS = (
    "a about after again against all also amid an and are as at be been before being but by"
    " can could did do does for from had has have he her here his how i if in into is it its"
    " just latest look may more most new no not now of on one or our out over says said she"
    " so some than that the their them then there these they this those to up us was we were"
    " what when where which who why will with would you your"
)
_FILLER = frozenset(_FILLER_WORDS.split())
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?")

_cache: dict[tuple[Any, ...], list[list[Row]]] = {}
#: Each actor's rarity among all documents, from the last grouping.
_actor_weight: dict[int, float] = {}


def _day(published: str | None) -> dt.date | None:
    if not published or len(published) < 10 or published.startswith("-"):
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def headline_words(title: str | None) -> set[str]:
    """The words of a headline that can name an event: lower case, possessives and
    abbreviation dots dropped, filler words left out."""
    words = set()
    for found in _WORD.findall(title or ""):
        w = re.sub(r"['’]s$", "", found.lower())
        if "." in w:  # an abbreviation ("U.S.") is a name, never filler
            w = w.replace(".", "")
        elif w in _FILLER:
            continue
        if len(w) > 1:
            words.add(w)
    return words


def _documents(conn: sqlite3.Connection) -> list[Row]:
    docs = {
        r["id"]: {
            **r,
            "day": _day(r["published"]),
            "actors": set(),
            "words": headline_words(r["title"]),
        }
        for r in _rows(conn, "SELECT id, title, site, url, published FROM documents")
    }
    marks = ",".join("?" * len(ACTOR_TYPES))
    for doc_id, entity_id in conn.execute(
        "SELECT DISTINCT de.document_id, de.entity_id FROM doc_entities de"
        f" JOIN entities e ON e.id = de.entity_id WHERE e.type IN ({marks})",
        ACTOR_TYPES,
    ):
        docs[doc_id]["actors"].add(entity_id)
    return [d for d in docs.values() if d["day"] is not None]


def _rarity(docs: list[Row], field: str) -> dict[Any, float]:
    """Each actor's or word's weight: the rarer among the documents, the heavier."""
    counts: dict[Any, int] = defaultdict(int)
    for d in docs:
        for x in d[field]:
            counts[x] += 1
    return {x: math.log(1 + len(docs) / n) for x, n in counts.items()}


def _overlap(a: set[Any], b: set[Any], weight: dict[Any, float]) -> tuple[float, float]:
    """Weighted Jaccard of two sets, and the weight they share."""
    shared = sum(weight[x] for x in a & b)
    return shared / (sum(weight[x] for x in a | b) or 1), shared


def _likeness(a: Row, b: Row, weights: dict[str, dict[Any, float]], least: float) -> float:
    """Shared actors (rare actors count more) and shared headline words (rare words count
    more); actors count only when they weigh at least `least` together."""
    actors, shared = _overlap(a["actors"], b["actors"], weights["actors"])
    if shared < least:
        actors = 0.0
    title, _ = _overlap(a["words"], b["words"], weights["words"])
    return 0.65 * actors + 0.35 * title


def group_stories(conn: sqlite3.Connection) -> list[list[Row]]:
    """Every story in the database (two outlets or more), newest first; cached until the
    database changes.

    Documents published within `DAYS` of each other are scored pairwise; groups are merged,
    most alike first, while the average likeness of every pair across the two groups stays
    at `THRESHOLD` or more (a pair too far apart in time counts as 0) and the story spans
    at most `SPAN_DAYS`."""
    key = database_state(conn)
    if key in _cache:
        return _cache[key]
    docs = sorted(_documents(conn), key=lambda d: d["day"])
    weights = {field: _rarity(docs, field) for field in ("actors", "words")}
    least = SHARED_ACTORS * math.log(1 + len(docs))
    score: dict[tuple[str, str], float] = {}
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            if (b["day"] - a["day"]).days > DAYS:
                break
            alike = _likeness(a, b, weights, least)
            if alike > 0:
                score[a["id"], b["id"]] = score[b["id"], a["id"]] = alike
    groups: dict[str, list[Row]] = {d["id"]: [d] for d in docs}
    for (x, y), alike in sorted(score.items(), key=lambda p: (-p[1], p[0])):
        gx, gy = groups[x], groups[y]
        if alike < THRESHOLD or gx is gy or len(gx) + len(gy) > MOST:
            continue
        days = [d["day"] for d in gx + gy]
        if (max(days) - min(days)).days > SPAN_DAYS:
            continue
        mean = sum(score.get((p["id"], q["id"]), 0.0) for p in gx for q in gy) / (len(gx) * len(gy))
        if mean < THRESHOLD:
            continue
        gx.extend(gy)
        for d in gy:
            groups[d["id"]] = gx
    found = {id(g): g for g in groups.values() if len({d["site"] for d in g}) >= 2}
    stories = [sorted(g, key=lambda d: (d["published"], d["id"])) for g in found.values()]
    stories.sort(key=lambda g: (g[-1]["published"], len(g)), reverse=True)
    _cache.clear()
    _cache[key] = stories
    _actor_weight.clear()
    _actor_weight.update(weights["actors"])
    return stories


def _central(group: list[Row]) -> Row:
    """The document that shares most actors and headline words with the others: its
    headline names the story better than whichever article came first."""

    def shared(d: Row) -> tuple[int, int, str]:
        others = [o for o in group if o is not d]
        words = sum(len(d["words"] & o["words"]) for o in others)
        return sum(len(d["actors"] & o["actors"]) for o in others) + 2 * words, words, d["id"]

    return max(group, key=shared)


def _actors(conn: sqlite3.Connection, group: list[Row], most: int = 6) -> list[Row]:
    """Who is in the story: the people and organisations named in at least two of its
    documents (then places), the most named first and, among equals, the rarer elsewhere."""
    counts: dict[int, int] = defaultdict(int)
    for d in group:
        for x in d["actors"]:
            counts[x] += 1
    common = [x for x, n in counts.items() if n >= 2]
    if not common:
        return []
    rows = _rows(
        conn,
        f"SELECT id, name, type FROM entities WHERE id IN ({','.join('?' * len(common))})",
        tuple(common),
    )
    rows.sort(
        key=lambda r: (
            r["type"] not in ("Person", "Organization"),
            -counts[r["id"]],
            -_actor_weight.get(r["id"], 0.0),
            r["id"],
        )
    )
    return [{**r, "documents": counts[r["id"]]} for r in rows[:most]]


def _summary(conn: sqlite3.Connection, group: list[Row], actors: bool = True) -> Row:
    """A story's id, headline, dates, outlets, documents and (with `actors`) who is in it."""
    ids = sorted(d["id"] for d in group)
    return {
        "id": ids[0],
        "title": _central(group)["title"],
        "from": group[0]["published"],
        "to": group[-1]["published"],
        "outlets": sorted({d["site"] or "outlet unknown" for d in group}),
        "actors": _actors(conn, group) if actors else [],
        "documents": [
            {"id": d["id"], "title": d["title"], "site": d["site"], "published": d["published"]}
            for d in group
        ],
    }


def stories(conn: sqlite3.Connection, filters: Filters, entity: int | None = None) -> Row:
    """One page of stories, newest first, optionally only those an outlet took part in, or
    those that name `entity` (an entity id) in two of their documents or more."""
    groups = group_stories(conn)
    about = None
    if entity is not None:
        row = conn.execute("SELECT id, name, type FROM entities WHERE id = ?", (entity,))
        found_entity = row.fetchone()
        if found_entity is None:
            raise NotFound(f"No entity with id {entity}.")
        about = dict(found_entity)
        groups = [g for g in groups if sum(entity in d["actors"] for d in g) >= 2]
    found = [_summary(conn, g, actors=False) for g in groups]
    if filters.outlet:
        found = [s for s in found if filters.outlet in s["outlets"]]
    if filters.since:
        found = [s for s in found if s["to"] >= filters.since]
    if filters.until:
        found = [s for s in found if s["from"][: len(filters.until)] <= filters.until]
    shown = found[filters.offset : filters.offset + filters.per_page]
    by_id = {min(d["id"] for d in g): g for g in groups}
    for s in shown:
        s["actors"] = _actors(conn, by_id[s["id"]])
    return {
        "stories": shown,
        "filters": filters.active(),
        "entity": about,
        "outlets": outlets(conn),
        "paging": paging(filters, len(found)),
    }


#: Claim kinds that give a person's background (an office, an employer, a party, kin)
#: rather than what happened: an article that does not repeat them leaves nothing out.
BACKGROUND = frozenset(
    ("position", "employment", "membership", "family", "education", "residence", "associate")
)


def _fact_key(claim: Row) -> tuple[Any, ...] | None:
    """What a claim states, independent of its wording: kind, who, whom or what; None for
    opinions and background facts, which no outlet can be said to leave out."""
    if claim["status"] == "opinion" or not claim["subject"] or claim["kind"] in BACKGROUND:
        return None
    other = claim["object"]["id"] if claim["object"] else None
    return (claim["kind"], claim["subject"]["id"], other, claim["value"])


def _loaded_spans(conn: sqlite3.Connection, doc_ids: list[str]) -> dict[str, list[Row]]:
    """Each document's loaded words: the spans `add` stored with who uses them (the outlet,
    or a speaker inside a quote), and the strong verdicts of the subjectivity lexicon that
    no stored span covers (databases from before the spans were stored have only these)."""
    marks = ",".join("?" * len(doc_ids))
    found: dict[str, list[Row]] = defaultdict(list)
    if has_table(conn, "loaded_spans"):
        for r in conn.execute(
            'SELECT l.document_id, l.start, l."end", l.holder, d.site FROM loaded_spans l'
            f" JOIN documents d ON d.id = l.document_id WHERE l.document_id IN ({marks})",
            doc_ids,
        ):
            outlet = r[3] is None or r[3] == r[4]
            found[r[0]].append({"start": r[1], "end": r[2], "holder": None if outlet else r[3]})
    if subjectivity_lexicon():
        pattern = _loaded_pattern()
        for doc_id, text in conn.execute(
            f"SELECT id, text FROM documents WHERE id IN ({marks})", doc_ids
        ):
            spans = found[doc_id]
            for m in pattern.finditer(text):
                if not any(x["start"] < m.end() and m.start() < x["end"] for x in spans):
                    spans.append({"start": m.start(), "end": m.end(), "holder": None})
    return found


def loaded_sentences(conn: sqlite3.Connection, doc_ids: list[str]) -> list[Row]:
    """Sentences with loaded words, the words marked; each piece names who uses the words
    (`holder`: None when it is the outlet itself, else the speaker it quotes)."""
    if not doc_ids:
        return []
    spans = _loaded_spans(conn, doc_ids)
    found = []
    marks = ",".join("?" * len(doc_ids))
    for doc_id, idx, start, text in conn.execute(
        'SELECT s.document_id, s.idx, s.start, substr(d.text, s.start + 1, s."end" - s.start)'
        " FROM sentences s JOIN documents d ON d.id = s.document_id"
        f" WHERE s.document_id IN ({marks})"
        " ORDER BY d.published, s.document_id, s.idx",
        doc_ids,
    ):
        end = start + len(text)
        hits = sorted(
            (x for x in spans.get(doc_id, []) if start <= x["start"] and x["end"] <= end),
            key=lambda x: x["start"],
        )
        if not hits:
            continue
        pieces: list[Row] = []
        at = 0
        for x in hits:
            begin, stop = x["start"] - start, x["end"] - start
            if begin < at:  # overlapping spans: the first one marked wins
                continue
            pieces.append({"text": text[at:begin], "loaded": False})
            pieces.append({"text": text[begin:stop], "loaded": True, "holder": x["holder"]})
            at = stop
        pieces.append({"text": text[at:], "loaded": False})
        marked = [p for p in pieces if p["loaded"]]
        found.append(
            {
                "words": [p["text"] for p in marked],
                "pieces": [p for p in pieces if p["text"]],
                "link": _sentence_link(doc_id, idx),
                "outlet_words": [p["text"] for p in marked if p["holder"] is None],
                "holders": sorted({p["holder"] for p in marked if p["holder"]}),
            }
        )
    return found


def story_of(conn: sqlite3.Connection, doc_id: str) -> str | None:
    """The id of the story a document belongs to, if any."""
    for group in group_stories(conn):
        if any(d["id"] == doc_id for d in group):
            return str(min(d["id"] for d in group))
    return None


def story(conn: sqlite3.Connection, doc_id: str) -> Row:
    """The story a document belongs to, one column per outlet."""
    group = next((g for g in group_stories(conn) if any(d["id"] == doc_id for d in g)), None)
    if group is None:
        raise NotFound(
            f"Document {doc_id!r} belongs to no story: no other outlet wrote about the same "
            "event within a few days."
        )
    summary = _summary(conn, group)
    ids = [d["id"] for d in group]
    marks = ",".join("?" * len(ids))
    claims = _format_claims(
        conn,
        _claim_rows(
            conn, f"c.document_id IN ({marks}) ORDER BY c.document_id, c.evidence_start", tuple(ids)
        ),
        sources=False,
    )
    quotes = _quotes(conn, f"q.document_id IN ({marks})", tuple(ids), "d.published")
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for d in group:
        by_outlet[d["site"] or "outlet unknown"].append(d["id"])
    facts: dict[str, dict[tuple[Any, ...], Row]] = {}
    for outlet, docs in by_outlet.items():
        facts[outlet] = {}
        for c in claims:
            key = _fact_key(c)
            if key and c["evidence"]["document"] in docs:
                facts[outlet].setdefault(key, c)
    columns = []
    for outlet, docs in sorted(by_outlet.items()):
        mine = [c for c in claims if c["evidence"]["document"] in docs]
        said = [q for q in quotes if q["document"]["id"] in docs]
        speakers: dict[str, Row] = {}
        for q in said:
            name = q["speaker"]["name"] if q["speaker"] else "speaker unknown"
            entry = speakers.setdefault(name, {"speaker": q["speaker"], "name": name, "count": 0})
            entry["count"] += 1
        left_out: dict[tuple[Any, ...], Row] = {}
        for other, stated in facts.items():
            if other == outlet:
                continue
            for key, c in stated.items():
                if key not in facts[outlet]:
                    entry = left_out.setdefault(key, {"claim": c, "outlets": []})
                    entry["outlets"].append(other)
        columns.append(
            {
                "outlet": outlet,
                "documents": [d for d in summary["documents"] if d["id"] in docs],
                "asserted": [c for c in mine if c["status"] == "asserted"],
                "opinions": [c for c in mine if c["status"] == "opinion"],
                "quoted": sorted(speakers.values(), key=lambda s: (-s["count"], s["name"])),
                "quotes": said,
                "loaded": loaded_sentences(conn, docs),
                "left_out": list(left_out.values()),
            }
        )
    return {"story": summary, "columns": columns, "background": sorted(BACKGROUND)}
