"""Roles from titles written before a name: "former Labor Minister X", "Norwegian President
Y", "White House press secretary Z", "Estmark's president, W,"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..records import Entity, Mention
from .entity_lexicon import Lexicon, fold
from .registry import DocumentState
from .role_words import (
    JOB_NOUNS,
    NOT_MODIFIERS,
    PARTY_WORDS,
    QUALIFIERS,
    canonical_title,
    clause_word,
    demonym_of,
    finish_role,
    inside_other_name,
    noun_modifiers,
    of_entity,
    office_adjective,
    title_pattern,
)

if TYPE_CHECKING:
    pass


def titles_before(state: DocumentState, entity: Entity, mention: Mention, lex: Lexicon) -> None:
    """'former Labor Minister X', 'Norwegian President Y', 'Secretary of State Z'."""
    text = state.article.text
    sentence = state.parsed.sentence_at(mention.start)
    floor = sentence.start if sentence else max(0, mention.start - 120)
    window = text[max(floor, mention.start - 120) : mention.start]
    base = mention.start - len(window)
    match = title_pattern().search(window)
    if _relative_subject(state, mention):
        return  # "exactly the leader X needs": X needs a leader, X is not one
    if match is not None and re.search(r"\b(?:a|an)\s+$", window[: match.start()]):
        return  # Class: "a President X would face …": a hypothetical holder, no office
    if match is None:
        _lower_title(state, entity, mention, window, base, lex)
        return
    if inside_other_name(state, base + match.start("title"), base + match.end("title"), entity):
        return
    title = canonical_title(match.group("title"), lex)
    mods = match.group("mods").split()
    kept: list[str] = []
    of: Entity | None = None
    party: str | None = None
    offset = base + match.start("mods")
    for word in mods:
        if word in PARTY_WORDS and not kept:
            party = PARTY_WORDS[word]
            offset += len(word) + 1
            continue
        found = of_entity(state, offset, offset + len(word), entity)
        bare = word.rstrip("'’s") if word.endswith(("'s", "’s")) else word
        if found is not None and found.type in {"Country", "Place", "Organization"}:
            of = found
        elif fold(bare) in lex.demonyms or fold(bare) in lex.countries:
            pass
        elif (paired := demonym_of(state, bare, entity)) is not None:
            of = paired
        elif (
            word.endswith(("'s", "’s"))
            or word.lower() in NOT_MODIFIERS
            or clause_word(state, offset)
        ):
            kept = []
        else:
            kept.append(word)
        offset += len(word) + 1
    full = " ".join([*kept, title])
    org = _body_before(state, match, base, mods, entity, lex)
    if org is not None:
        # "Palestinian Authority President X": president of the Authority, not of Palestine.
        body, of = org
        full, kept = f"{title} of the {body}", []
    end = base + match.end("title")
    of_part = match.group("of")
    if of_part:
        of_start = base + match.start("of")
        found = of_entity(state, of_start, of_start + len(of_part), entity)
        if found is not None and found.type in {"Country", "Place", "Organization"}:
            of = found
        else:
            full = f"{full} {of_part.strip()}"
            end = base + match.end("of")
    start = base + match.start("title")
    if kept or org is not None:
        start = base + match.start("mods") + (match.group("mods").index(kept[0]) if kept else 0)
    elif not match.group("mods") and not match.group("qual"):
        # Class: lower-case office words before a capitalised title ("ACLU executive
        # Director X", "deputy Chief of Staff Y") are words of the office.
        lower = re.search(r"(?:[a-z][a-z-]+\s+){1,2}$", window[: match.start("title")])
        if lower is not None:
            words = noun_modifiers(state, base + lower.start(), lower.group(0))
            # Only rank words: "director" in "CIA director Gen. X" is an office of its own.
            if words and all(office_adjective(w) for w in words.split()):
                full = f"{words} {full}"
                start -= len(words) + 1
    finish_role(state, entity, mention, full, (start, end), match.group("qual"), of, party=party)


def _body_before(
    state: DocumentState,
    match: re.Match[str],
    base: int,
    mods: list[str],
    person: Entity,
    lex: Lexicon,
) -> tuple[str, Entity | None] | None:
    """The organisation named by the words before a title ("Palestinian Authority", "Liberty
    Party"): its name and entity, when those words end in an organisation word or are one
    organisation's name."""
    if not mods or any(w.endswith(("'s", "’s")) for w in mods):
        return None
    start = base + match.start("mods")
    end = start + len(match.group("mods").rstrip())
    for entity in state.analysis.entities:
        if entity.type != "Organization" or entity.key == person.key:
            continue
        for mention in entity.mentions:
            if start <= mention.start and mention.end <= end and " " in mention.text.strip():
                return mention.text.strip(), entity
    if mods[-1] in lex.org_words and len(mods) > 1:
        return " ".join(mods), None
    return None


def _lower_title(
    state: DocumentState, entity: Entity, mention: Mention, window: str, base: int, lex: Lexicon
) -> None:
    """'navy admiral X', 'White House press secretary Y', 'Estmark's president, Z,': a
    lower-case title before a name."""
    lower = re.search(
        rf"(?P<qual>{QUALIFIERS}*)\b(?P<mods>(?:[a-z][a-z-]+\s+){{0,2}}?)"
        rf"(?P<title>[a-z][a-z.-]+)\s+$",
        window,
    )
    heads = set(lex.titles_folded)
    if lower is None:
        lower = _OWNED_TITLE.search(window)
        heads |= JOB_NOUNS
    if lower is None or fold(lower.group("title")) not in heads:
        return
    mods = noun_modifiers(state, base + lower.start("mods"), lower.group("mods"))
    title = lex.titles_folded.get(fold(lower.group("title")), lower.group("title"))
    if mods:
        title = f"{mods} {lower.group('title')}"
    begin = base + lower.start("title") - (len(mods) + 1 if mods else 0)
    span = (begin, base + lower.end("title"))
    # "Danish navy admiral X", "White House press secretary Y": a name a few lower-case
    # words before the title is its country or body.
    before = re.search(
        r"(?P<d>(?:[A-Z][\w'’.&-]*\s+){0,3}[A-Z][\w'’.&-]*)\s+(?:[a-z-]+\s+){0,2}$",
        window[: lower.start("title")],
    )
    of = None
    owned = "owner" in lower.re.groupindex
    if owned and lower.group("owner"):
        at = base + lower.start("owner")
        of = of_entity(state, at, base + lower.end("owner"), entity)
        of = of or demonym_of(state, lower.group("owner"), entity)
    elif before is not None:
        at = base + before.start("d")
        found = of_entity(state, at, at + len(before.group("d")), entity)
        if found is not None and found.type in {"Country", "Organization"}:
            of = found
        elif found is None:
            of = demonym_of(state, before.group("d").split()[-1], entity)
    current = True if owned else None
    finish_role(state, entity, mention, title, span, lower.group("qual"), of, current=current)


#: "Marwood's spokesman, X,", "the mayor, Y,": an owned or definite title and a comma.
_OWNED_TITLE = re.compile(
    rf"(?:\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)|(?P<owner>(?:[A-Z][\w.&-]*\s+){{0,3}}[A-Z][\w.&-]*)['’]s)"
    rf"\s+(?P<qual>{QUALIFIERS}*)(?P<mods>(?:[a-z][a-z-]+\s+){{0,2}}?)"
    rf"(?P<title>[a-z][a-z.-]+),\s+$"
)


def _relative_subject(state: DocumentState, mention: Mention) -> bool:
    """True when the name is the subject of a relative clause on the noun before it."""
    sentence = state.parsed.sentence_at(mention.start)
    if sentence is None:
        return False
    for token in sentence.span:
        at = sentence.paragraph.offset + token.idx
        if mention.start <= at < mention.end and token.dep_ in {"nsubj", "nsubjpass"}:
            # The clause hangs on the very noun before the name: "the leader [X needs]".
            first = next(t for t in token.subtree if t.i <= token.i)
            return token.head.dep_ in {"relcl", "acl"} and token.head.head.i == first.i - 1
    return False
