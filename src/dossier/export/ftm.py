"""`--format ftm`: FollowTheMoney entities, one JSON object a line, ready for Aleph.

Articles become `Article`; people `Person`; organisations `Organization` or `PublicBody`
(when the name says ministry, senate, court …); countries and places `Territory`. Offices
become `Position` + `Occupancy`; claims become `Family`, `Associate`, `Membership`,
`Employment`, `Occupancy` or `Event` (with the entities involved). Every interval carries its
evidence: `proof` (the article), `summary` (the sentence), `sourceUrl`, `publisher`,
`recordId`. `Mention` and `Documentation` tie each entity to the articles naming it.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy

from ..store import Database
from .contract import build_export
from .graph import corroboration_by_claim, sentence_around

PREFIX = "dossier"

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


class _Builder:
    """Turns one export object into FtM entities."""

    def __init__(
        self, export: dict[str, Any], corroboration: dict[int, tuple[int, str]] | None = None
    ) -> None:
        self.export = export
        self.corroboration = corroboration or {}
        self.docs = {d["id"]: d for d in export["documents"]}
        self.entities = {e["id"]: e for e in export["entities"]}
        self.schemas = {i: entity_schema(e) for i, e in self.entities.items()}
        self.out: dict[str, EntityProxy] = {}

    def make(self, schema: str, *key: object) -> EntityProxy:
        proxy = model.make_entity(schema)
        proxy.make_id(PREFIX, schema, *key)
        if proxy.id in self.out:
            return self.out[proxy.id]
        self.out[str(proxy.id)] = proxy
        return proxy

    def ref(self, entity_id: int | None) -> str | None:
        return f"{PREFIX}-entity-{entity_id}" if entity_id in self.entities else None

    def is_a(self, entity_id: int | None, schema: str) -> bool:
        if entity_id not in self.entities:
            return False
        return model.get(self.schemas[entity_id]).is_a(schema)  # type: ignore[union-attr]

    def evidence(self, proxy: EntityProxy, ev: dict[str, Any], record: str) -> None:
        doc = self.docs.get(ev["document"], {})
        proxy.add("proof", f"{PREFIX}-doc-{ev['document']}")
        proxy.add("summary", ev.get("text"))
        proxy.add("sourceUrl", doc.get("url"), quiet=True)
        proxy.add("publisher", doc.get("site"))
        proxy.add("recordId", record)
        proxy.add("description", f"characters {ev['start']}-{ev['end']} of the article")

    def documents(self) -> None:
        for doc in self.export["documents"]:
            article = model.make_entity("Article")
            article.id = f"{PREFIX}-doc-{doc['id']}"
            article.add("title", doc.get("title") or doc["source"])
            article.add("bodyText", doc["text"])
            article.add("publishedAt", _clean_date(doc.get("published")))
            article.add("sourceUrl", doc.get("url"), quiet=True)
            article.add("publisher", doc.get("site"))
            article.add("author", doc.get("authors") or [])
            article.add("fileName", doc["source"])
            article.add("contentHash", doc.get("sha256"), quiet=True)
            self.out[article.id] = article

    def people(self) -> None:
        for entity_id, entity in self.entities.items():
            proxy = model.make_entity(self.schemas[entity_id])
            proxy.id = self.ref(entity_id)
            proxy.add("name", entity["name"])
            proxy.add("alias", entity["aliases"])
            if self.schemas[entity_id] == "Person":
                proxy.add("position", [r["title"] for r in entity["roles"]])
            self.out[str(proxy.id)] = proxy
            for doc_id in dict.fromkeys(m["document"] for m in entity["mentions"]):
                names = [
                    self.docs[doc_id]["text"][m["start"] : m["end"]]
                    for m in entity["mentions"]
                    if m["document"] == doc_id and doc_id in self.docs
                ]
                documentation = self.make("Documentation", doc_id, entity_id)
                documentation.add("document", f"{PREFIX}-doc-{doc_id}")
                documentation.add("entity", proxy.id)
                documentation.add("role", "mentioned")
                documentation.add("summary", sorted(set(names)))
                if model.get(self.schemas[entity_id]).is_a("LegalEntity"):  # type: ignore[union-attr]
                    mention = self.make("Mention", doc_id, entity_id)
                    mention.add("document", f"{PREFIX}-doc-{doc_id}")
                    mention.add("resolved", proxy.id)
                    mention.add("name", sorted(set(names)) or entity["name"])
                    mention.add("detectedSchema", self.schemas[entity_id])

    def offices(self) -> None:
        for entity_id, entity in self.entities.items():
            if self.schemas[entity_id] != "Person":
                continue
            for n, role in enumerate(entity["roles"]):
                of = role.get("of")
                of_name = self.entities[of]["name"] if of in self.entities else None
                title = f"{role['title']}, {of_name}" if of_name else role["title"]
                position = self.make("Position", title.casefold())
                position.add("name", title)
                if self.is_a(of, "Organization"):
                    position.add("organization", self.ref(of))
                occupancy = self.make("Occupancy", entity_id, role["document"], n, title)
                occupancy.add("holder", self.ref(entity_id))
                occupancy.add("post", position.id)
                occupancy.add("date", _clean_date(role.get("date")))
                if role.get("current") is not None:
                    occupancy.add("status", "current" if role["current"] else "ended")
                text = self.docs.get(role["document"], {}).get("text", "")
                begin, finish = sentence_around(text, role["start"], role["end"])
                evidence = {
                    "document": role["document"],
                    "start": begin,
                    "end": finish,
                    "text": text[begin:finish],
                }
                self.evidence(occupancy, evidence, f"role:{entity_id}:{n}")

    def claims(self) -> None:
        for claim in self.export["claims"]:
            subject, obj, kind = claim["subject"], claim["object"], claim["kind"]
            relation = (claim.get("attributes") or {}).get("relation")
            record = f"claim:{claim['id']}"
            if kind == "family" and self.is_a(subject, "Person") and self.is_a(obj, "Person"):
                proxy = self.make("Family", claim["id"])
                proxy.add("person", self.ref(subject))
                proxy.add("relative", self.ref(obj))
                proxy.add("relationship", relation or "family")
            elif (
                kind in {"associate", "support"}
                and self.is_a(subject, "Person")
                and self.is_a(obj, "Person")
            ):
                proxy = self.make("Associate", claim["id"])
                proxy.add("person", self.ref(subject))
                proxy.add("associate", self.ref(obj))
                proxy.add("relationship", relation or kind)
            elif (
                kind == "membership"
                and self.is_a(subject, "LegalEntity")
                and self.is_a(obj, "Organization")
            ):
                proxy = self.make("Membership", claim["id"])
                proxy.add("member", self.ref(subject))
                proxy.add("organization", self.ref(obj))
                proxy.add(
                    "role", claim.get("value") if isinstance(claim.get("value"), str) else None
                )
            elif (
                kind == "employment"
                and self.is_a(subject, "Person")
                and self.is_a(obj, "Organization")
            ):
                proxy = self.make("Employment", claim["id"])
                proxy.add("employee", self.ref(subject))
                proxy.add("employer", self.ref(obj))
                proxy.add(
                    "role", claim.get("value") if isinstance(claim.get("value"), str) else None
                )
            elif kind == "position" and self.is_a(subject, "Person") and claim.get("value"):
                position = self.make("Position", str(claim["value"]).casefold())
                position.add("name", str(claim["value"]))
                if self.is_a(obj, "Organization"):
                    position.add("organization", self.ref(obj))
                proxy = self.make("Occupancy", claim["id"])
                proxy.add("holder", self.ref(subject))
                proxy.add("post", position.id)
            else:
                proxy = self.make("Event", claim["id"])
                names = [self.entities[i]["name"] for i in (subject, obj) if i in self.entities]
                proxy.add("name", f"{kind}: {' – '.join(names)}" if names else kind)
                for party in (subject, obj):
                    if self.is_a(party, "LegalEntity"):
                        proxy.add("involved", self.ref(party))
                place = claim.get("place")
                if place in self.entities:
                    proxy.add("location", self.entities[place]["name"])
                value = claim.get("value")
                if value is not None:
                    unit = f" {claim['unit']}" if claim.get("unit") else ""
                    proxy.add("notes", f"{kind} value: {value}{unit}")
            proxy.add("date", _clean_date(claim.get("date")))
            proxy.add("status", claim["status"], quiet=True)
            self.evidence(proxy, claim["evidence"], record)
            if claim["id"] in self.corroboration:
                count, sources = self.corroboration[claim["id"]]
                proxy.add(
                    "notes", f"stated by {count} independent source(s): {sources}", quiet=True
                )


def build_ftm(
    export: dict[str, Any], corroboration: dict[int, tuple[int, str]] | None = None
) -> list[EntityProxy]:
    """FollowTheMoney entities for one export object."""
    builder = _Builder(export, corroboration)
    builder.documents()
    builder.people()
    builder.offices()
    builder.claims()
    return list(builder.out.values())


def write_ftm(db: Database, out: TextIO) -> None:
    """Write the database as FtM entities, one JSON object a line."""
    for proxy in build_ftm(build_export(db), corroboration_by_claim(db)):
        out.write(json.dumps(proxy.to_dict(), ensure_ascii=False))
        out.write("\n")
