"""One entity per person, organisation and country in an article, with every mention of it.

spaCy's small model tags names one at a time: a bare surname comes out as ORG, LOC or PERSON
by chance, a first name is dropped, a newspaper becomes a person. This component gathers
the candidate names (`entity_candidates.py`), votes each entity's type over all its mentions
and the cues around them (titles, honorifics, source phrases, organisation, building and
vehicle words, the country lexicon; a one-word "person" with no cue at all is not one),
links a surname to the full name in scope, finds the mentions the tagger missed (untagged
repeats of known names, bracketed acronyms), turns demonyms and
possessive countries into Country mentions, resolves clear pronouns (`pronouns.py`) and
records family relations and genders (`entity_family.py`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Entity, EntityType, Mention
from ..settings import Settings
from .entity_candidates import (
    _PARTICLES,
    _SPEECH_LEMMAS,
    _Cand,
    _collect,
    initials_of,
)
from .entity_family import find_family, gender_from_titles
from .entity_lexicon import fold, lexicon
from .entity_places import place_votes
from .entity_refine import GENERATIONS, refine, review_speakers
from .registry import Component, DocumentState, component

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class _Cluster:
    """Mentions grouped as one entity, with the votes of all of them."""

    key: int
    name_tokens: list[str]
    cands: list[_Cand] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)
    country: str | None = None

    def add(self, cand: _Cand) -> None:
        cand.cluster = self.key
        self.cands.append(cand)
        self.votes.update(cand.votes)


def _vote(votes: Counter[str]) -> str:
    order = ("Person", "Organization", "Country", "Place", "Other")
    return max(order, key=lambda t: (votes[t], -order.index(t))) if votes else "Other"


def _cluster_type(cluster: _Cluster) -> str:
    """The voted type, except that a one-word "person" only the tagger calls one (no given
    name, title, full name or cue anywhere in the article) takes its next-best type, else
    Other: people in news are introduced, a product or an event tagged PERSON is not."""
    voted = _vote(cluster.votes)
    if voted != "Person" or cluster.country is not None:
        return voted
    if any(_several_words(c.para.doc[c.i : c.j].text) for c in cluster.cands):
        return voted
    if cluster.votes["Person"] > len(cluster.cands):
        return voted
    rest = Counter({k: v for k, v in cluster.votes.items() if k != "Person" and v > 0})
    return _vote(rest) if rest else "Other"


def _several_words(text: str) -> bool:
    """Two words or more, a double-barrelled surname ("Ruiz-Tagle") being two; "Union-PF",
    with its acronym, is one word."""
    if len(text.split()) > 1:
        return True
    parts = text.split("-")
    return len(parts) > 1 and all(p[:1].isupper() and p[1:].islower() for p in parts)


def _name_key(tokens: list[str]) -> tuple[str, ...]:
    return tuple(t for t in tokens if t not in {"the"})


def _cluster(cands: list[_Cand]) -> list[_Cluster]:
    """Group candidates: countries by lexicon name, names by spelling, then surnames to names."""
    clusters: list[_Cluster] = []
    by_key: dict[tuple[str, ...], _Cluster] = {}

    def new(tokens: list[str]) -> _Cluster:
        cluster = _Cluster(len(clusters), tokens)
        clusters.append(cluster)
        return cluster

    groups: dict[tuple[str, ...], list[_Cand]] = {}
    for cand in cands:
        if cand.country is not None:
            key: tuple[str, ...] = ("<country>", cand.country)
        else:
            key = _name_key(cand.tokens)
        groups.setdefault(key, []).append(cand)
    votes = {key: sum((c.votes for c in group), Counter()) for key, group in groups.items()}

    # Full personal names (two tokens or more) become entities first.
    full = [
        k
        for k in groups
        if k and k[0] != "<country>" and len(k) > 1 and _vote(votes[k]) == "Person"
    ]
    full.sort(key=len, reverse=True)
    for key in full:
        # A longer tagged name that only adds words to a known name ("X Y Overjoyed")
        # or a shorter one that ends a known name ("Maren Holt" for "Ida Maren Holt") joins it.
        target = next(
            (
                by_key[other]
                for other in by_key
                if (len(key) < len(other) and other[-len(key) :] == key)
                or (
                    len(groups[key]) == 1
                    and other == key[: len(other)]
                    and len(other) > 1
                    and key[len(other)] not in GENERATIONS
                )
                or _variant_of(key, other)
            ),
            None,
        )
        if target is None:
            target = new(list(key))
            by_key[key] = target
        for cand in groups[key]:
            target.add(cand)
    persons = list(by_key.values())

    for key, group in groups.items():
        if key in full:
            continue
        if key and key[0] == "<country>":
            cluster = new(list(key[1:]))
            cluster.country = key[1]
            for cand in group:
                cluster.add(cand)
            continue
        matches = _surname_matches(key, persons, group)
        if not matches:
            cluster = new(list(key))
            for cand in group:
                cluster.add(cand)
            continue
        for cand in group:
            # The full name decides the type; the tagger's guess on a bare surname does not.
            cand.votes = Counter({"Person": 1})
            _pick(cand, matches).add(cand)
            cand.form = "surname" if cand.form == "name" else cand.form
    _merge_prefixed(persons)
    _merge_acronyms(clusters)
    return [c for c in clusters if c.cands]


def _variant_of(key: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """One person's name written another way in the same article: a middle name or
    initial dropped or a generation written in full style ("Robert S. Lusk III" / "Robert
    Lusk"), or the last of two surnames dropped ("Ana Peña" / "Ana Peña Nieto")."""
    if len(key) < 2 or len(other) < 2:
        return False
    if len(other) == len(key) + 1 and other[: len(key)] == key:
        return other[-1] not in GENERATIONS and other[-1] not in _PARTICLES
    a, b = _without_generation(list(key)), _without_generation(list(other))
    if a[-1] != b[-1] or a[0].rstrip(".") != b[0].rstrip(".") or a == b:
        return False
    if (key[-1] in GENERATIONS) != (other[-1] in GENERATIONS):
        suffixed = a if key[-1] in GENERATIONS else b
        if len(suffixed) < 3:
            return False  # "X Y Jr." is X Y's son
    elif key[-1] in GENERATIONS and key[-1] != other[-1]:
        return False
    short, long_ = (a[1:-1], b[1:-1]) if len(a) <= len(b) else (b[1:-1], a[1:-1])
    rest = iter(long_)
    return all(any(_initial_fits(w, x) for x in rest) for w in short)


def _initial_fits(word: str, other: str) -> bool:
    word, other = word.rstrip("."), other.rstrip(".")
    return word == other or (min(len(word), len(other)) == 1 and word[0] == other[0])


def _merge_acronyms(clusters: list[_Cluster]) -> None:
    """An acronym joins the one longer name whose capitals spell it ("OAS")."""
    longer: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        if cluster.country is None and len(cluster.name_tokens) > 1 and cluster.cands:
            for cand in cluster.cands:
                initials = initials_of(cand.text)
                if len(initials) > 1 and cluster not in longer.get(initials, []):
                    longer.setdefault(initials, []).append(cluster)
    for cluster in clusters:
        if len(cluster.name_tokens) != 1 or not cluster.cands or cluster.country:
            continue
        text = cluster.cands[0].text.replace(".", "")
        targets = longer.get(text, []) if text.isupper() and len(text) > 1 else []
        if len(targets) == 1 and targets[0] is not cluster:
            for cand in cluster.cands:
                cand.form = "acronym"
                targets[0].add(cand)
            cluster.cands = []


def _merge_prefixed(persons: list[_Cluster]) -> None:
    """A name tagged once with a word too many ("X Y Overjoyed") joins the known "X Y"."""
    for cluster in persons:
        if len(cluster.cands) != 1:
            continue
        for other in persons:
            n = len(other.name_tokens)
            if other is cluster or n < 2 or n >= len(cluster.name_tokens) or not other.cands:
                continue
            if cluster.name_tokens[:n] == other.name_tokens:
                if cluster.name_tokens[n] in GENERATIONS:
                    continue  # "X Y Jr." is the son of "X Y", not "X Y" with a word too many
                cand = cluster.cands.pop()
                span = cand.para.doc[cand.i : cand.i + n]
                cand.j = cand.i + n
                cand.text = span.text
                cand.end = cand.start + len(span.text)
                other.add(cand)
                break


def _surname_matches(
    key: tuple[str, ...], persons: list[_Cluster], group: list[_Cand]
) -> list[_Cluster]:
    """Full-name entities a shorter name can stand for (last name first, then first name)."""
    if not key or any(c.country for c in group):
        return []
    if any(c.kind_named for c in group):
        return []
    if _a_body_by_its_tags(group):
        return []
    if len(key) == 1 and group[0].text.isupper() and len(group[0].text) > 1:
        return []  # an acronym is not a surname
    n = len(key)
    last = [p for p in persons if tuple(p.name_tokens[-n:]) == key]
    if last:
        return last
    # "Ashby" for "Corwin Ashby Jr." when no other Ashby is named.
    last = [p for p in persons if tuple(_without_generation(p.name_tokens)[-n:]) == key]
    if last:
        return last
    if n == 1 and key[0] not in _PARTICLES:
        return [p for p in persons if p.name_tokens[0] == key[0]]
    return []


def _a_body_by_its_tags(group: list[_Cand]) -> bool:
    """A company named after a person ("Ashford" beside "Will Ashford"): the tagger calls the
    bare name an organisation three times or more and a person at most once in four, and
    no title stands before it. Then it is the body, not the person's surname."""
    tagged = [c.para.doc[c.i].ent_type_ for c in group]
    bodies = sum(t == "ORG" for t in tagged)
    people = sum(t == "PERSON" for t in tagged)
    titled = any(c.votes["Person"] >= 3 for c in group)
    speaks = any(_speaker(c.para.doc[c.j - 1]) for c in group)
    return bodies >= 3 and people * 3 <= bodies and not titled and not speaks


def _speaker(token: Token) -> bool:
    """The subject of a speech verb ("X said", "X explained") or after "according to"."""
    if token.dep_ == "nsubj" and token.head.lemma_ in _SPEECH_LEMMAS:
        return True
    return token.i >= 2 and token.doc[token.i - 2 : token.i].text.lower() == "according to"


def _without_generation(tokens: list[str]) -> list[str]:
    return tokens[:-1] if len(tokens) > 2 and tokens[-1] in GENERATIONS else tokens


def _pick(cand: _Cand, matches: list[_Cluster]) -> _Cluster:
    """The person a surname stands for: the one named last in its paragraph, else the first."""
    if len(matches) == 1:
        return matches[0]
    best: tuple[int, _Cluster] | None = None
    for cluster in matches:
        for other in cluster.cands:
            before = other.para is cand.para and other.end <= cand.start
            if before and len(other.tokens) > 1 and (best is None or other.start > best[0]):
                best = (other.start, cluster)
    if best is not None:
        return best[1]
    return min(matches, key=lambda c: min(x.start for x in c.cands))


def _surname_as_noun(token: Token, matches: list[_Cluster]) -> bool:
    """A surname the parser took for a common noun ("Holt observed …"): only the surname of
    a full name already seen, and mid-sentence or as the subject of a verb."""
    if not any(len(c.name_tokens) > 1 for c in matches):
        return False
    return not token.is_sent_start or token.dep_ in {"nsubj", "nsubjpass"}


def _propagate(state: DocumentState, cands: list[_Cand], clusters: list[_Cluster]) -> None:
    """Add the surname mentions of known people that the tagger did not tag at all."""
    index: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        if _cluster_type(cluster) == "Person" and cluster.country is None:
            index.setdefault(cluster.name_tokens[-1], []).append(cluster)
    if not index:
        return
    covered = {(id(c.para), k) for c in cands for k in range(c.i, c.j)}
    by_key = {c.key: c for c in clusters}
    for para in state.parsed.paragraphs:
        doc = para.doc
        for token in doc:
            if (id(para), token.i) in covered or not token.is_title:
                continue
            if token.pos_ not in {"PROPN", "NOUN"}:
                continue
            matches = index.get(fold(token.text))
            if not matches:
                continue
            if token.pos_ == "NOUN" and not _surname_as_noun(token, matches):
                continue
            prev = doc[token.i - 1] if token.i > 0 else None
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if prev is not None and prev.pos_ == "PROPN" and prev.is_title:
                continue
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title:
                continue
            start = para.offset + token.idx
            cand = _Cand(para, token.i, token.i + 1, start, start + len(token.text), token.text)
            cand.form = "surname"
            cand.votes["Person"] += 1
            target = _pick(cand, matches)
            by_key[target.key].add(cand)
            cands.append(cand)


def _inside_longer_name(doc: Doc, i: int, j: int) -> bool:
    """True when capitalised proper nouns continue the span on either side."""
    before = doc[i - 1] if i > 0 else None
    after = doc[j] if j < len(doc) else None
    return any(
        t is not None and t.pos_ == "PROPN" and t.is_title and not t.is_sent_start
        for t in (before, after)
    )


def _propagate_names(state: DocumentState, cands: list[_Cand], clusters: list[_Cluster]) -> None:
    """Add the untagged repeats of organisation and site names the tagger found once."""
    wanted: dict[str, _Cluster] = {}
    for cluster in clusters:
        if cluster.country is None and _cluster_type(cluster) in {
            "Organization",
            "Place",
            "Country",
        }:
            for cand in cluster.cands:
                if len(cand.text) > 2 and cand.text[0].isupper():
                    wanted.setdefault(cand.text, cluster)
    if not wanted:
        return
    by_first: dict[str, list[tuple[str, _Cluster]]] = {}
    for name, cluster in wanted.items():
        by_first.setdefault(name.split()[0], []).append((name, cluster))
    covered = {(id(c.para), k) for c in cands for k in range(c.i, c.j)}
    for para in state.parsed.paragraphs:
        doc = para.doc
        for token in doc:
            if (id(para), token.i) in covered or not token.text[:1].isupper():
                continue
            for name, cluster in by_first.get(token.text, ()):
                if not para.text.startswith(name, token.idx):
                    continue
                span = doc.char_span(token.idx, token.idx + len(name))
                if span is None or any(
                    (id(para), k) in covered for k in range(span.start, span.end)
                ):
                    continue
                if _inside_longer_name(doc, span.start, span.end):
                    continue  # "Sydney" in "Sydney Morning Herald"
                start = para.offset + token.idx
                cand = _Cand(para, span.start, span.end, start, start + len(name), name)
                cand.votes[_cluster_type(cluster)] += 1
                cluster.add(cand)
                cands.append(cand)
                covered.update((id(para), k) for k in range(span.start, span.end))
                break


def _canonical(cluster: _Cluster) -> str:
    """The fullest spelling: most words, then accented over plain, then most frequent."""
    if cluster.country:
        return cluster.country
    names = Counter(c.text for c in cluster.cands if c.form != "demonym")
    if not names:
        return cluster.cands[0].text
    if len(names) == 1 and "." in next(iter(names)):
        state = lexicon().us_states.get(next(iter(names)))  # "Ore." → Oregon
        if state:
            return state
    return max(
        names,
        key=lambda n: (len(n.split()), sum(ord(ch) > 127 for ch in n), names[n], -len(n)),
    )


def _to_entities(clusters: list[_Cluster]) -> list[Entity]:
    """Records for the clusters, keyed 1.. in order of first mention."""
    clusters = sorted(clusters, key=lambda c: min(x.start for x in c.cands))
    entities: list[Entity] = []
    for number, cluster in enumerate(clusters, start=1):
        entity_type: EntityType
        voted = _cluster_type(cluster)
        if cluster.country:
            entity_type = "Country"
        elif voted in {"Person", "Organization", "Place", "Country", "Other"}:
            entity_type = voted  # type: ignore[assignment]
        else:
            entity_type = "Other"
        name = _canonical(cluster)
        entity = Entity(key=number, type=entity_type, name=name)
        seen: set[tuple[int, int]] = set()
        for cand in sorted(cluster.cands, key=lambda c: c.start):
            if (cand.start, cand.end) in seen:
                continue
            seen.add((cand.start, cand.end))
            form = cand.form
            end = cand.end
            text = cand.text
            if entity_type == "Person" and form == "name" and len(text.split()) < len(name.split()):
                form = "surname"
            nxt = cand.para.doc[cand.j] if cand.j < len(cand.para.doc) else None
            if form in {"name", "surname"} and nxt is not None and nxt.text in {"'s", "’s"}:
                form = "possessive"
            entity.mentions.append(Mention(cand.start, end, text, form))
            if text != name and form != "demonym" and text not in entity.aliases:
                entity.aliases.append(text)
        entities.append(entity)
    return entities


def _mostly_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) > 40 and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


def find_entities(state: DocumentState) -> list[Entity]:
    """The consolidated entities of the parsed article (pronouns and family included)."""
    from .pronouns import resolve_pronouns

    lex = lexicon()
    cands = refine(state, _collect(state, lex), lex)
    clusters = _cluster(cands)
    capitals = _mostly_capitals(state.article.text)
    place_votes(clusters, state.article.text, lex)
    if not capitals:
        _propagate(state, cands, clusters)
        _propagate_names(state, cands, clusters)
    state.analysis.entities = _to_entities(clusters)
    gender_from_titles(state, lex)
    find_family(state, lex)  # genders of relatives first, for the pronouns
    if not capitals:
        resolve_pronouns(state)
        find_family(state, lex)  # owners named by a pronoun ("his father, …")
    return state.analysis.entities


def english(state: DocumentState) -> bool:
    """False when the article is confidently in another language: its names are left alone.

    Undetermined text ("und": score tables, lists of names) is read as English.
    """
    language = state.article.language
    return language in (None, "en", "und")


@component("entities")
def make_entities(settings: Settings) -> Component:
    def run(state: DocumentState) -> None:
        if not english(state):
            state.analysis.warnings.append(
                f"Entities not extracted: the text is in {state.article.language!r}, not English."
            )
            return
        if _mostly_capitals(state.article.text):
            state.analysis.warnings.append(
                "The text is written in capitals: entity types may be unreliable."
            )
        find_entities(state)
        state.extras["first_speaker_key"] = (
            max((e.key for e in state.analysis.entities), default=0) + 1
        )

    return run


@component("entity_review")
def make_entity_review(settings: Settings) -> Component:
    """Re-check the entities that later components named from speaker phrases."""

    def run(state: DocumentState) -> None:
        first = state.extras.get("first_speaker_key")
        if isinstance(first, int):
            review_speakers(state, first, lexicon())

    return run
