"""Entity mentions from spaCy's NER, grouped into one entity per name in the document.

This is the baseline grouping: exact names, and a one-word name joined to the longer name
in the same document that ends with it. The entity issue replaces it with full
consolidation (labels voted by all mentions, titles, possessives, pronouns, demonyms).
"""

from __future__ import annotations

from ..records import Entity, EntityType, Mention
from ..settings import Settings
from .registry import Component, DocumentState, component

_LABELS: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}


def _clean_name(text: str) -> str:
    text = text.strip()
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


@component("entities")
def make_entities(settings: Settings) -> Component:
    def run(state: DocumentState) -> None:
        by_name: dict[tuple[str, str], Entity] = {}
        found: list[tuple[str, EntityType, Mention]] = []
        for paragraph in state.parsed.paragraphs:
            for ent in paragraph.doc.ents:
                entity_type = _LABELS.get(ent.label_)
                name = _clean_name(ent.text)
                if entity_type is None or not name:
                    continue
                start, _ = state.parsed.span_offsets(paragraph, ent)
                mention = Mention(start, start + len(name), name)
                found.append((name, entity_type, mention))
        full_names = sorted({n for n, _, _ in found if " " in n}, key=len, reverse=True)
        for name, entity_type, mention in found:
            canonical = name
            if " " not in name:
                canonical = next((f for f in full_names if f.split()[-1] == name), name)
                if canonical != name:
                    mention.form = "surname"
            key = (entity_type, canonical)
            entity = by_name.get(key)
            if entity is None:
                entity = Entity(key=len(by_name) + 1, type=entity_type, name=canonical)
                by_name[key] = entity
            if name != canonical and name not in entity.aliases:
                entity.aliases.append(name)
            entity.mentions.append(mention)
        state.analysis.entities.extend(by_name.values())

    return run
