"""`--format ftm`: FollowTheMoney entities, one JSON object a line, ready for Aleph and `ftm`.

Articles become `Article`; people `Person`; organisations `Organization` or `PublicBody`
(when the name says ministry, senate, court …); countries and places `Territory`. Offices
become `Position` + `Occupancy`. Claims stated as fact or reported become `Family`,
`Associate`, `Membership`, `Employment`, `Occupancy` or `Event`; planned, hedged and denied
claims become `Event`s whose name starts with that status; opinions and quotes become `Note`s,
never relationships. Every claim's status, holder and reporting chain are kept in
`description` (and `status` where the schema has one); its evidence in `proof` (the article),
`summary` (the sentence), `sourceUrl`, `publisher` and `recordId`. `Mention` and
`Documentation` tie each entity to the articles naming it. docs/ftm.md gives the whole
mapping. Ids are derived from content (see `ftm_names`), so exports of one corpus agree.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from pathlib import PurePath
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy

from ..store import Database
from .contract import build_export
from .ftm_names import content_id, entity_key, proper_name
from .graph import corroboration_by_claim, quote_subjects, sentence_around

#: Words that make an organisation's name a public body.
PUBLIC_BODY_WORDS: frozenset[str] = frozenset(
    {
        "ministry",
        "department",
        "senate",
        "congress",
        "parliament",
        "assembly",
        "government",
        "agency",
        "court",
        "council",
        "police",
        "army",
        "navy",
        "commission",
        "office",
        "administration",
        "embassy",
        "cabinet",
        "municipality",
        "tribunal",
        "force",
        "bureau",
        "authority",
    }
)

_SCHEMA = {"Person": "Person", "Organization": "Organization", "Other": "LegalEntity"}

#: What each claim status means, for the `description` of what the claim became.
STATUS_TEXT: dict[str, str] = {
    "asserted": "stated as fact by the article",
    "reported": "reported: the article attributes it to a source",
    "planned": "planned: the article says it will or is meant to happen, not that it did",
    "hedged": "hedged: the article says it reportedly or allegedly happened",
    "denied": "denied: the article says it did not happen",
    "opinion": "opinion: a characterisation held by its holder, not a fact",
}

#: Statuses under which a claim may become a relationship schema (Family, Employment …).
FACT_STATUSES = frozenset({"asserted", "reported"})

#: Claim kinds that say one party acted towards the other (shown as "A → B").
DIRECTED_KINDS = frozenset({"support", "criticism", "travel", "employment", "membership"})


def entity_schema(entity: dict[str, Any]) -> str:
    """The FtM schema for a Dossier entity."""
    if entity["type"] in {"Country", "Place"}:
        return "Territory"
    if entity["type"] == "Organization":
        words = {w.strip(".,").casefold() for w in entity["name"].split()}
        if words & PUBLIC_BODY_WORDS:
            return "PublicBody"
    return _SCHEMA.get(entity["type"], "LegalEntity")


def _clean_date(date: str | None) -> str | None:
    """A date FtM accepts (full or partial ISO); None for month-day dates without a year."""
    if not date or date.startswith("--"):
        return None
    return date


def file_name(source: str) -> str | None:
    """The input's file name without its folders (a WARC record keeps its `#offset`)."""
    if not source or source == "-" or "://" in source:
        return None
    return PurePath(source.replace("\\", "/")).name or None


class _Builder:
    """Turns one export object into FtM entities."""

    def __init__(
        self, export: dict[str, Any], corroboration: dict[int, tuple[int, str]] | None = None
    ) -> None:
        self.export = export
        self.corroboration = corroboration or {}
        self.docs = {d["id"]: d for d in export["documents"]}
        self.names: dict[int, list[str]] = {}
        self.entities: dict[int, dict[str, Any]] = {}
        for entity in export["entities"]:
            names = self._names(entity)
            if names:  # an entity known only as "he" or "the senator" cannot be identified
                self.entities[entity["id"]] = entity
                self.names[entity["id"]] = names
        self.schemas = {i: entity_schema(e) for i, e in self.entities.items()}
        self.ids = self._entity_ids()
        self.out: dict[str, EntityProxy] = {}

    def _names(self, entity: dict[str, Any]) -> list[str]:
        """The entity's names, the one to show first; pronouns and descriptors left out.

        The name shown is chosen from the names alone (not from which article came first):
        not all capitals, the most words, the most mentions, then alphabetical order."""
        said: Counter[str] = Counter()
        for m in entity["mentions"]:
            doc = self.docs.get(m["document"])
            name = proper_name(doc["text"][m["start"] : m["end"]]) if doc else None
            if name:
                said[name] += 1
        for form in [entity["name"], *entity["aliases"]]:
            name = proper_name(form)
            if name and name not in said:
                said[name] = 0
        return sorted(said, key=lambda n: (n.isupper(), -len(n.split()), -said[n], n.casefold(), n))

    def _entity_ids(self) -> dict[int, str]:
        """Content ids; entities that would share one get their mention offsets added."""
        keys: dict[int, tuple[str, ...]] = {}
        for entity_id, entity in self.entities.items():
            documents = [m["document"] for m in entity["mentions"]]
            keys[entity_id] = entity_key(self.schemas[entity_id], self.names[entity_id], documents)
        seen: dict[tuple[str, ...], int] = defaultdict(int)
        for key in keys.values():
            seen[key] += 1
        ids = {}
        for entity_id, key in keys.items():
            if seen[key] > 1:
                spans = sorted(
                    f"{m['document']}:{m['start']}:{m['end']}"
                    for m in self.entities[entity_id]["mentions"]
                )
                key = (*key, "|".join(spans))
            ids[entity_id] = content_id("entity", *key)
        return ids

    def make(self, schema: str, *key: object) -> EntityProxy:
        proxy = model.make_entity(schema)
        proxy.id = content_id(schema.casefold(), *key)
        if proxy.id in self.out:
            return self.out[proxy.id]
        self.out[proxy.id] = proxy
        return proxy

    def ref(self, entity_id: int | None) -> str | None:
        return self.ids.get(entity_id) if entity_id is not None else None

    def doc_ref(self, doc_id: str) -> str:
        return f"dossier-doc-{doc_id}"

    def name(self, entity_id: int | None) -> str | None:
        return self.names[entity_id][0] if entity_id in self.names else None

    def is_a(self, entity_id: int | None, schema: str) -> bool:
        if entity_id not in self.entities:
            return False
        return model.get(self.schemas[entity_id]).is_a(schema)  # type: ignore[union-attr]

    @staticmethod
    def note(proxy: EntityProxy, text: str) -> None:
        """Add a remark to `notes`, or to `description` where the schema has no notes."""
        proxy.add("notes" if proxy.schema.get("notes") else "description", text)

    def evidence(self, proxy: EntityProxy, ev: dict[str, Any], record: str) -> None:
        doc = self.docs.get(ev["document"], {})
        proxy.add("proof", self.doc_ref(ev["document"]))
        proxy.add("summary", ev.get("text"))
        proxy.add("sourceUrl", doc.get("url"), quiet=True)
        proxy.add("publisher", doc.get("site"))
        if proxy.schema.get("recordId"):  # intervals; a Note has no record id
            proxy.add("recordId", record)

    def documents(self) -> None:
        for doc in self.export["documents"]:
            article = model.make_entity("Article")
            article.id = self.doc_ref(doc["id"])
            article.add("title", doc.get("title") or file_name(doc["source"]) or doc["id"])
            article.add("bodyText", doc["text"])
            article.add("publishedAt", _clean_date(doc.get("published")))
            article.add("sourceUrl", doc.get("url"), quiet=True)
            article.add("publisher", doc.get("site"))
            article.add("author", doc.get("authors") or [])
            article.add("fileName", file_name(doc["source"]))
            article.add("contentHash", hashlib.sha1(doc["text"].encode("utf-8")).hexdigest())
            self.out[article.id] = article

    def people(self) -> None:
        for entity_id, entity in self.entities.items():
            proxy = model.make_entity(self.schemas[entity_id])
            proxy.id = self.ids[entity_id]
            names = self.names[entity_id]
            proxy.add("name", names[0])
            proxy.add("alias", sorted(names[1:]))
            if self.schemas[entity_id] == "Person":
                proxy.add("position", sorted({r["title"] for r in entity["roles"]}))
            self.out[proxy.id] = proxy
            for doc_id in sorted({m["document"] for m in entity["mentions"]}):
                if doc_id not in self.docs:
                    continue
                text = self.docs[doc_id]["text"]
                found = [
                    proper_name(text[m["start"] : m["end"]])
                    for m in entity["mentions"]
                    if m["document"] == doc_id
                ]
                here = sorted({n for n in found if n})
                documentation = self.make("Documentation", doc_id, proxy.id)
                documentation.add("document", self.doc_ref(doc_id))
                documentation.add("entity", proxy.id)
                documentation.add("role", "mentioned")
                documentation.add("summary", here)
                if here and model.get(self.schemas[entity_id]).is_a("LegalEntity"):  # type: ignore[union-attr]
                    mention = self.make("Mention", doc_id, proxy.id)
                    mention.add("document", self.doc_ref(doc_id))
                    mention.add("resolved", proxy.id)
                    mention.add("name", here)
                    mention.add("detectedSchema", self.schemas[entity_id])

    def position(self, title: str, of: int | None) -> EntityProxy:
        of_name = self.name(of)
        label = f"{title}, {of_name}" if of_name else title
        position = self.make("Position", label.casefold(), self.ref(of))
        position.add("name", label)
        if self.is_a(of, "Organization"):
            position.add("organization", self.ref(of))
        return position

    def offices(self) -> None:
        for entity_id, entity in self.entities.items():
            if self.schemas[entity_id] != "Person":
                continue
            for role in entity["roles"]:
                position = self.position(role["title"], role.get("of"))
                holder = self.ids[entity_id]
                occupancy = self.make(
                    "Occupancy", holder, position.id, role["document"], role["start"], role["end"]
                )
                occupancy.add("holder", holder)
                occupancy.add("post", position.id)
                occupancy.add("date", _clean_date(role.get("date")))
                if role.get("current") is not None:
                    occupancy.add("status", "current" if role["current"] else "ended")
                text = self.docs.get(role["document"], {}).get("text", "")
                begin, finish = sentence_around(text, role["start"], role["end"])
                evidence = {"document": role["document"], "text": text[begin:finish]}
                self.evidence(occupancy, evidence, f"role:{role['document']}:{role['start']}")
                occupancy.add("description", f"office stated in the article ({role['title']})")

    def status_line(self, claim: dict[str, Any]) -> str:
        """`status: …; held by …; via …`: what the claim is, in words FtM keeps."""
        parts = [f"status: {STATUS_TEXT.get(claim['status'], claim['status'])}"]
        if claim.get("holder"):
            parts.append(f"held by: {claim['holder']}")
        speaker = self.name((claim.get("attributes") or {}).get("speaker"))
        if speaker:
            parts.append(f"said by: {speaker}")
        via = [n for n in (self.name(v) for v in claim["evidence"].get("via", [])) if n]
        if via:
            parts.append(f"via: {' ← '.join(via)}")
        return "; ".join(parts)

    def relationship(self, claim: dict[str, Any], key: tuple[object, ...]) -> EntityProxy | None:
        """The relationship schema a claim stated as fact becomes, or None."""
        subject, obj, kind = claim["subject"], claim["object"], claim["kind"]
        relation = (claim.get("attributes") or {}).get("relation")
        role = claim.get("value") if isinstance(claim.get("value"), str) else None
        if kind == "family" and self.is_a(subject, "Person") and self.is_a(obj, "Person"):
            proxy = self.make("Family", *key)
            proxy.add("person", self.ref(subject))
            proxy.add("relative", self.ref(obj))
            proxy.add("relationship", relation or "family")
        elif kind == "associate" and self.is_a(subject, "Person") and self.is_a(obj, "Person"):
            proxy = self.make("Associate", *key)
            proxy.add("person", self.ref(subject))
            proxy.add("associate", self.ref(obj))
            proxy.add("relationship", relation or "associate")
        elif (
            kind == "membership"
            and self.is_a(subject, "LegalEntity")
            and self.is_a(obj, "Organization")
        ):
            proxy = self.make("Membership", *key)
            proxy.add("member", self.ref(subject))
            proxy.add("organization", self.ref(obj))
            proxy.add("role", role)
            proxy.add("status", claim["status"])
        elif (
            kind == "employment" and self.is_a(subject, "Person") and self.is_a(obj, "Organization")
        ):
            proxy = self.make("Employment", *key)
            proxy.add("employee", self.ref(subject))
            proxy.add("employer", self.ref(obj))
            proxy.add("role", role)
            proxy.add("status", claim["status"])
        elif kind == "position" and self.is_a(subject, "Person") and claim.get("value"):
            position = self.position(str(claim["value"]), obj)
            proxy = self.make("Occupancy", *key)
            proxy.add("holder", self.ref(subject))
            proxy.add("post", position.id)
        else:
            return None
        return proxy

    def event(self, claim: dict[str, Any], key: tuple[object, ...]) -> EntityProxy:
        """A claim as an `Event`, its status in the name unless stated as fact."""
        subject, obj, kind = claim["subject"], claim["object"], claim["kind"]
        proxy = self.make("Event", *key)
        names = [n for n in (self.name(subject), self.name(obj)) if n]
        joiner = " → " if kind in DIRECTED_KINDS else " – "
        label = kind.replace("_", " ")
        if claim["status"] != "asserted":
            label = f"{claim['status']} {label}"
        proxy.add("name", f"{label}: {joiner.join(names)}" if names else label)
        if self.is_a(subject, "LegalEntity"):
            proxy.add("involved", self.ref(subject))
            if kind in DIRECTED_KINDS:
                proxy.add("organizer", self.ref(subject))
        if self.is_a(obj, "LegalEntity"):
            proxy.add("involved", self.ref(obj))
        place = self.name(claim.get("place"))
        if place:
            proxy.add("location", place)
        return proxy

    def opinion(self, claim: dict[str, Any], key: tuple[object, ...]) -> EntityProxy:
        """An opinion as a `Note` on the entities it characterises."""
        proxy = self.make("Note", *key)
        about = [i for i in (claim["subject"], claim["object"]) if i in self.entities]
        proxy.add("entity", [self.ref(i) for i in about])
        holder = claim.get("holder") or self.name((claim.get("attributes") or {}).get("speaker"))
        words = claim.get("value") or (claim.get("attributes") or {}).get("trigger")
        target = " and ".join(n for n in (self.name(i) for i in about) if n)
        text = f"opinion of {holder or 'an unnamed holder'}"
        if target:
            text += f" about {target}"
        if words:
            text += f": “{words}”"
        proxy.add("name", text[:200])
        proxy.add("description", text)
        return proxy

    def claims(self) -> None:
        for claim in self.export["claims"]:
            ev = claim["evidence"]
            value = claim.get("value")
            key = (
                claim["kind"],
                claim["status"],
                self.ref(claim["subject"]),
                self.ref(claim["object"]),
                ev["document"],
                ev["start"],
                ev["end"],
                value,
                claim.get("date"),
            )
            if claim["status"] == "opinion" or claim["kind"] == "opinion":
                proxy = self.opinion(claim, key)
            else:
                fact = claim["status"] in FACT_STATUSES
                proxy = (fact and self.relationship(claim, key)) or self.event(claim, key)
                proxy.add("date", _clean_date(claim.get("date")))
                proxy.add("description", self.status_line(claim))
            if value is not None:
                unit = f" {claim['unit']}" if claim.get("unit") else ""
                self.note(proxy, f"{claim['kind']} value: {value}{unit}")
            self.evidence(proxy, ev, f"claim:{ev['document']}:{ev['start']}:{claim['kind']}")
            if claim["id"] in self.corroboration:
                count, sources = self.corroboration[claim["id"]]
                self.note(proxy, f"stated by {count} independent source(s): {sources}")

    def quotes(self) -> None:
        subjects = quote_subjects(self.export)
        for quote in self.export["quotes"]:
            doc = quote["document"]
            proxy = self.make("Note", "quote", doc, quote["start"], quote["end"])
            speaker = self.name(quote.get("speaker"))
            about = [i for i in subjects.get(quote["id"], []) if i in self.entities]
            proxy.add(
                "entity", [self.ref(i) for i in [quote.get("speaker"), *about] if self.ref(i)]
            )
            who = speaker or f"unknown speaker ({quote.get('speaker_reason') or 'not stated'})"
            proxy.add("name", f"{quote['kind']} quote by {who}")
            proxy.add("description", f"{who} ({quote['kind']} quote): “{quote['text']}”")
            text = self.docs.get(doc, {}).get("text", "")
            begin, finish = sentence_around(text, quote["start"], quote["end"])
            evidence = {"document": doc, "text": text[begin:finish]}
            self.evidence(proxy, evidence, f"quote:{doc}:{quote['start']}")
            if about:
                names = ", ".join(n for n in (self.name(i) for i in about) if n)
                proxy.add("notes", f"about: {names}")
            via = [n for n in (self.name(v) for v in quote.get("via", [])) if n]
            if via:
                proxy.add("notes", f"via: {' ← '.join(via)}")
            if quote.get("cue"):
                proxy.add("notes", f"cue: {quote['cue']}")


def build_ftm(
    export: dict[str, Any], corroboration: dict[int, tuple[int, str]] | None = None
) -> list[EntityProxy]:
    """FollowTheMoney entities for one export object."""
    builder = _Builder(export, corroboration)
    builder.documents()
    builder.people()
    builder.offices()
    builder.claims()
    builder.quotes()
    return list(builder.out.values())


def write_ftm(db: Database, out: TextIO) -> None:
    """Write the database as FtM entities, one JSON object a line, in id order."""
    proxies = build_ftm(build_export(db), corroboration_by_claim(db))
    for proxy in sorted(proxies, key=lambda p: str(p.id)):
        out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True))
        out.write("\n")
