"""Offices and titles the article gives its people, as `Role`s on their entities.

Read from titles before a name ("former Labor Minister X", "Norwegian President Y",
"Sen. Z (D-Ore.)"), appositions after it ("X, the marketing director for Quillon Foods,") and
"served as A and B". A role is *of* the country or organisation the text ties it to (a
demonym, a possessive, "of/for X"); its date is the date its sentence states, else the
document's date (`date_basis="document"`); "former" and "served" roles are not current.
When exactly one person holds a title, "the senator" becomes a mention of that person.

This module runs the finders and registers the component; `role_titles.py` reads titles
before names, `role_phrases.py` appositions, "served as" and copular sentences,
`role_words.py` what words make an office, `role_time.py` when a role holds.
"""

from __future__ import annotations

import re

from ..records import Mention
from ..settings import Settings
from .entities import english
from .entity_lexicon import Lexicon, fold, lexicon
from .registry import Component, DocumentState, component
from .role_phrases import apposition_roles, copular_roles, served_as_roles
from .role_time import courtesy_titles
from .role_titles import titles_before


def _title_mentions(state: DocumentState, lex: Lexicon) -> None:
    """'the senator' as a mention of the one person in the article who is a senator."""
    holders: dict[str, set[int]] = {}
    for entity in state.analysis.entities:
        if entity.type != "Person":
            continue
        for role in entity.roles:
            head = role.title.split()[-1].lower()
            if fold(head) in lex.titles_folded:  # "Senator", "Labor Minister"; not "… Relations"
                holders.setdefault(head, set()).add(entity.key)
    if not holders:
        return
    heads = "|".join(re.escape(h) for h in holders if h.isalpha())
    if not heads:
        return
    pattern = re.compile(rf"\b[Tt]he\s+(?:former\s+)?(?P<head>{heads})\b(?!\s+(?:of\b|[A-Z]))")
    text = state.article.text
    for match in pattern.finditer(text):
        keys = holders[match.group("head").lower()]
        if len(keys) != 1:
            continue
        holder = state.entity(next(iter(keys)))
        if holder is None or state.entity_at(match.start(), match.end()) is not None:
            continue
        holder.mentions.append(Mention(match.start(), match.end(), match.group(0), "title"))
        holder.mentions.sort(key=lambda m: m.start)


def find_roles(state: DocumentState) -> None:
    """Attach every role the text states to the people of `state.analysis.entities`."""
    lex = lexicon()
    for entity in state.analysis.entities:
        if entity.type != "Person":
            continue
        for mention in list(entity.mentions):
            if mention.form in {"pronoun", "title", "demonym"}:
                continue
            titles_before(state, entity, mention, lex)
            apposition_roles(state, entity, mention, lex)
    served_as_roles(state, lex)
    copular_roles(state, lex)
    for entity in state.analysis.entities:
        courtesy_titles(entity)
    _title_mentions(state, lex)


@component("roles")
def make_roles(settings: Settings) -> Component:
    def run(state: DocumentState) -> None:
        if english(state):
            find_roles(state)

    return run
