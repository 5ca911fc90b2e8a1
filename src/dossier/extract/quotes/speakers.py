"""Who a speaker span stands for: an entity key, or None with the reason the text leaves.

Named speakers map to the entity whose mention covers the speaker's head word. Pronouns go
to the nearest earlier person, preferring the last person quoted; titles ("the senator") to
the nearest earlier person introduced with that title; "the report" to the outlet last cited.
A proper name no entity covers (an outlet spaCy missed) becomes a new entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from ...nlp.registry import DocumentState
from ...records import Entity, EntityType, Mention

FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
PERSONAL = {"he", "she", "him", "her", "his"}
COLLECTIVE = {"they", "them", "it"}
#: "a Norland Democrat", "another senator": someone the text does not name.
INDEFINITE = {"a", "an", "another", "one"}


@lru_cache(maxsize=16)
def lexicon(name: str) -> frozenset[str]:
    """A word list shipped in `dossier/lexicons`, lower-cased, comments dropped."""
    raw = files("dossier").joinpath("lexicons", name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in raw.splitlines() if line.strip() and line[0] != "#"
    )


@dataclass
class SpeakerSpan:
    """The words naming a speaker, as the parse gave them."""

    start: int
    end: int
    #: Offsets of the head word ("Marwood" in "Sen. Lucas Marwood", "senator" in "the senator").
    head_start: int
    head_end: int
    head_lemma: str
    #: Coarse part of speech of the head: PROPN, NOUN, PRON, …
    head_pos: str
    determiner: str | None = None
    #: Other sources named with this one ("El Vigía and La Tribuna").
    conjuncts: list[SpeakerSpan] = field(default_factory=list)


@dataclass
class Resolution:
    key: int | None
    reason: str | None = None


def _strip_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") and name[4:5].isupper() else name


def find_or_add_entity(
    state: DocumentState, span: SpeakerSpan, entity_type: EntityType, form: str = "name"
) -> int:
    """The entity named exactly like `span`, or a new one with this mention."""
    text = state.article.text[span.start : span.end].strip()
    name = _strip_article(text) if entity_type == "Person" else text
    wanted = {name.lower(), _strip_article(text).lower()}
    for entity in state.analysis.entities:
        names = {entity.name.lower(), *(a.lower() for a in entity.aliases)}
        if entity.type == "Person" and " " not in name:
            names.add(entity.name.split()[-1].lower())  # "VELA:" in a transcript
        if names & wanted:
            if not any(m.start == span.start for m in entity.mentions):
                entity.mentions.append(Mention(span.start, span.end, text, form))
            return entity.key
    key = max((e.key for e in state.analysis.entities), default=0) + 1
    mention = Mention(span.start, span.end, text, form)
    state.analysis.entities.append(Entity(key=key, type=entity_type, name=name, mentions=[mention]))
    return key


def _nearest_before(
    state: DocumentState,
    offset: int,
    types: tuple[str, ...],
    window: int,
    subjects: frozenset[int] = frozenset(),
) -> Entity | None:
    """Nearest earlier entity of `types`; one named as a grammatical subject wins if any."""
    best: tuple[bool, int, Entity] | None = None
    for entity in state.analysis.entities:
        if entity.type not in types:
            continue
        for mention in entity.mentions:
            if not offset - window <= mention.end <= offset:
                continue
            is_subject = any(mention.start <= s < mention.end for s in subjects)
            rank = (is_subject, mention.end)
            if best is None or rank > best[:2]:
                best = (is_subject, mention.end, entity)
    return best[2] if best else None


def _by_title(state: DocumentState, title: str, offset: int) -> Entity | None:
    """Nearest earlier person introduced with `title` ("Senator Ana Vela") or holding it."""
    best: tuple[int, Entity] | None = None
    text = state.article.text
    for entity in state.analysis.entities:
        if entity.type != "Person":
            continue
        held = any(title in role.title.lower() for role in entity.roles)
        for mention in entity.mentions:
            if mention.start >= offset:
                continue
            window = text[max(0, mention.start - 60) : mention.start].lower()
            titled = held or title in window.split()[-6:] or title in window[-30:]
            if titled and (best is None or mention.start > best[0]):
                best = (mention.start, entity)
    return best[1] if best else None


def resolve_speaker(
    state: DocumentState,
    span: SpeakerSpan | None,
    *,
    reporting: bool,
    previous: list[tuple[int, int | None]],
    subjects: frozenset[int] = frozenset(),
) -> Resolution:
    """Map a speaker span to an entity key; `previous` is (offset, key) of earlier speakers."""
    if span is None:
        return Resolution(None, "no speaker is named near the statement")
    text = state.article.text[span.start : span.end]
    head = state.article.text[span.head_start : span.head_end]
    lemma = span.head_lemma.lower()
    covering = state.entity_at(span.head_start, span.head_end)
    if covering is not None and span.head_pos != "PRON":
        return Resolution(covering.key)
    if span.head_pos == "PRON" or head.lower() in PERSONAL | FIRST_PERSON | COLLECTIVE:
        return _pronoun(state, span, head.lower(), covering, previous, subjects)
    if lemma in lexicon("report_nouns.txt"):
        outlet = _main_outlet(state, previous)
        if outlet is not None:
            return Resolution(outlet)
        return Resolution(None, f"'{text}' does not say which outlet")
    if lemma in lexicon("speaker_titles.txt") and span.head_pos != "PROPN":
        entity = _by_title(state, lemma, span.start)
        if entity is not None:
            return Resolution(entity.key)
        return Resolution(None, f"'{text}' names no person introduced earlier with that title")
    if span.determiner in INDEFINITE:
        return Resolution(None, f"unnamed source: '{text}'")  # "a Norland Democrat"
    if span.head_pos == "PROPN":
        whole = state.entity_at(span.start, span.end)
        if whole is not None and whole.type in ("Person", "Organization"):
            return Resolution(whole.key)
        kind: EntityType = "Organization" if reporting or span.determiner else "Person"
        return Resolution(find_or_add_entity(state, span, kind))
    return Resolution(None, f"unnamed source: '{text}'")


def _main_outlet(state: DocumentState, previous: list[tuple[int, int | None]]) -> int | None:
    """The organisation cited most often so far; on a tie, the one cited first."""
    counts: dict[int, int] = {}
    for _offset, key in previous:
        entity = state.entity(key)
        if entity is not None and entity.type == "Organization":
            counts[entity.key] = counts.get(entity.key, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda key: counts[key])  # dicts keep first-cited order on ties


def _pronoun(
    state: DocumentState,
    span: SpeakerSpan,
    word: str,
    covering: Entity | None,
    previous: list[tuple[int, int | None]],
    subjects: frozenset[int],
) -> Resolution:
    if covering is not None:
        return Resolution(covering.key)
    if word in FIRST_PERSON:
        return Resolution(None, f"'{word}' is the author or a voice the text does not name")
    wanted: tuple[str, ...] = ("Person",) if word in PERSONAL else ("Organization",)
    window = 600
    for offset, key in reversed(previous):
        entity = state.entity(key)
        if entity is not None and entity.type in wanted and span.start - offset <= window:
            if _no_closer_person(state, entity, offset, span.start, wanted):
                return Resolution(entity.key)
            break
    entity = _nearest_before(state, span.start, wanted, window, subjects)
    if entity is not None:
        return Resolution(entity.key)
    return Resolution(None, f"'{word}' has no earlier {wanted[0].lower()} to refer to")


def _no_closer_person(
    state: DocumentState, speaker: Entity, since: int, until: int, types: tuple[str, ...]
) -> bool:
    """True when no other entity of `types` is named between the last quote and the pronoun."""
    for entity in state.analysis.entities:
        if entity.key == speaker.key or entity.type not in types:
            continue
        if any(since < m.start < until for m in entity.mentions):
            return False
    return True
