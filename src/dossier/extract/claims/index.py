"""What the claim rules need to know about one document: token → entity, dates, attributions.

`EntityIndex` wraps the `DocumentState` so the extractors never search entity lists
themselves, and so a stronger backend gets the same view of the document.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from ...nlp.registry import DocumentState
from ...records import Entity, Quote, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...nlp.parse import Paragraph

_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
_REFLEXIVE = frozenset({"himself", "herself", "itself", "themselves", "myself", "ourselves"})


class EntityIndex:
    """Maps tokens of one parsed paragraph to entity keys, and offsets to dates and sources."""

    def __init__(self, state: DocumentState) -> None:
        self.state = state
        self.paragraph: Paragraph | None = None
        #: The two sides of the last meeting read and its sentence, for a following "the two".
        self.last_pair: list[int] = []
        self.last_pair_sentence = -10
        self.current_sentence = 0
        #: (start, end, key) of every mention, by start: token lookups bisect this list.
        self._mentions = sorted(
            (mention.start, mention.end, entity.key)
            for entity in state.analysis.entities
            for mention in entity.mentions
        )
        self._starts = [m[0] for m in self._mentions]
        self._longest = max((m[1] - m[0] for m in self._mentions), default=0)
        self._types = {entity.key: entity for entity in state.analysis.entities}
        #: key_at's answers by token start: the claim rules ask about each token many times.
        self._key_at: dict[int, int | None] = {}
        self._person_starts = sorted(
            (mention.start, entity.key)
            for entity in state.analysis.entities
            if entity.type == "Person"
            for mention in entity.mentions
            if mention.form != "pronoun"
        )

    def offsets(self, token: Token) -> tuple[int, int]:
        """Body offsets of a token of the current paragraph."""
        base = self.paragraph.offset if self.paragraph is not None else 0
        return base + token.idx, base + token.idx + len(token.text)

    def entity(self, key: int | None) -> Entity | None:
        return self._types.get(key) if key is not None else None

    def type_of(self, key: int | None) -> str | None:
        entity = self.entity(key)
        return entity.type if entity is not None else None

    def named_at(self, token: Token) -> bool:
        """True when an entity mention (a name, or a pronoun the entity stage resolved) is here."""
        return self._entity_at(*self.offsets(token)) is not None

    def gender_of(self, key: int | None) -> str | None:
        """The gender the entity stage learnt from resolved pronouns ("m", "f"), if any."""
        entity = self.entity(key)
        gender = entity.attributes.get("gender") if entity is not None else None
        return gender if isinstance(gender, str) else None

    def _entity_at(self, start: int, end: int) -> int | None:
        """Key of the mention overlapping [start, end) most (as `DocumentState.entity_at`)."""
        best: tuple[int, int] | None = None
        i = bisect_left(self._starts, end)
        while i > 0:
            i -= 1
            m_start, m_end, key = self._mentions[i]
            if m_start < start - self._longest:
                break
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, key)
        return best[1] if best else None

    def key_at(self, token: Token) -> int | None:
        """The entity a single token belongs to (a name, a surname, a resolved pronoun)."""
        start, end = self.offsets(token)
        if start not in self._key_at:
            self._key_at[start] = self._find_key_at(token, start, end)
        return self._key_at[start]

    def _find_key_at(self, token: Token, start: int, end: int) -> int | None:
        if token.lower_ in _REFLEXIVE:
            return None
        found = self._entity_at(start, end)
        if found is not None:
            return found
        if token.lower_ in _PERSON_PRONOUNS:
            return self._governing_subject(token) or self._previous_person(start)
        return None

    def _governing_subject(self, pronoun: Token) -> int | None:
        """ "X congratulated Y and said she would meet him": the subject pronoun of a clause
        that X's verb governs is X, when X is a named person whose gender does not clash."""
        if pronoun.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        verb = pronoun.head
        for _ in range(4):
            if verb.dep_ not in {"ccomp", "conj", "xcomp"} or verb.head.i == verb.i:
                return None
            verb = verb.head
            subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not subjects:
                continue
            if subjects[0].pos_ == "PRON":
                return None
            key = self.key_of(subjects[0])
            wanted = "m" if pronoun.lower_ in {"he", "him", "his", "himself"} else "f"
            if self.type_of(key) != "Person" or self.gender_of(key) not in {None, wanted}:
                return None
            return key
        return None

    def key_of(self, token: Token, *, via_poss: bool = False) -> int | None:
        """The entity a phrase head stands for: itself, its apposition, its name compound."""
        key = self.key_at(token)
        if key is not None:
            return key
        for child in token.children:
            if child.dep_ == "appos":
                key = self.key_at(child)
                if key is not None:
                    return key
        if token.dep_ in {"compound", "amod"} and token.head.pos_ == "PROPN":
            key = self.key_at(token.head)
            if key is not None:
                return key
        for child in token.children:
            if child.dep_ in {"compound", "nmod"} and child.pos_ == "PROPN":
                key = self.key_at(child)
                if key is not None:
                    return key
        if via_poss:
            for child in token.children:
                if child.dep_ == "poss":
                    return self.key_at(child)
        return None

    def keys_of(self, token: Token, *, via_poss: bool = False) -> list[int]:
        """Entity keys of a head and every head coordinated with it, without repeats."""
        out: list[int] = []
        for item in sorted([token, *token.conjuncts], key=lambda t: t.i):
            key = self.key_of(item, via_poss=via_poss)
            if key is not None and key not in out:
                out.append(key)
        return out

    def topic_before(self, offset: int, depth: int = 3) -> int | None:
        """The person the text is about just before `offset`: the subject (or the subject's
        owner, "X's family history") of the nearest earlier sentence that has one.

        A sentence-initial "His father, …" refers to this topic far more often than to the
        last person named ("an officer in General Y's police. His brother …").
        """
        sentences = self.state.parsed.sentences
        current = next((s for s in sentences if s.start <= offset < s.end), None)
        if current is None:
            return None
        saved = self.paragraph
        try:
            for sentence in reversed(sentences[max(0, current.index - depth) : current.index]):
                self.paragraph = sentence.paragraph
                root = sentence.span.root
                for subject in (c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}):
                    for token in [subject, *(c for c in subject.children if c.dep_ == "poss")]:
                        if token.pos_ == "PRON":
                            if token.lower_ in _PERSON_PRONOUNS and depth > 1:
                                return self.topic_before(self.offsets(token)[0], depth - 1)
                            continue
                        key = self._entity_at(*self.offsets(token))
                        if key is not None and self.type_of(key) == "Person":
                            return key
        finally:
            self.paragraph = saved
        return None

    def _previous_person(self, offset: int) -> int | None:
        """The person named last before `offset` (a stand-in until pronouns are resolved)."""
        before = bisect_left(self._person_starts, (offset,))  # starts are sorted
        return self._person_starts[before - 1][1] if before else None

    def times_in(self, start: int, end: int) -> list[TimeExpression]:
        """Dates the text states inside [start, end), in text order."""
        return [t for t in self.state.analysis.times if start <= t.start and t.end <= end]

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The quote or attribution whose span holds [start, end), innermost first."""
        best: Quote | None = None
        for quote in self.state.analysis.quotes:
            if (
                quote.start <= start
                and end <= quote.end
                and (best is None or quote.end - quote.start < best.end - best.start)
            ):
                best = quote
        return best
