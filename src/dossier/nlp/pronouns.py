"""Third-person personal pronouns linked to the person they stand for, where grammar says so.

Resolved: he/him/his/himself and she/her/hers/herself, when, among the people named in the
same sentence before the pronoun and in the two sentences before it, exactly one fits the
pronoun's gender and binding (an object pronoun is never the subject of its own clause, a
reflexive always is); or, when several fit, when the choice is the subject of the same
sentence with nobody else named in between, or the only person named before the pronoun in
its sentence, known to be of its gender; or, with nobody fitting earlier in the same
sentence, when the last sentence naming anyone fitting names only one, or (for a subject
pronoun) has only one fitting person as the subject of its main verb (else its first
subject); and a pronoun in a
phrase fronted before the main subject ("Before his run, X …") is that subject. People
named inside a quotation are not candidates for a pronoun outside it, nor are those named
in a line with no verb (a byline, a caption). An unnamed relative
who is the subject of a clause between the name and the pronoun ("his father … until he
fled") is a person too: the pronoun may be theirs, so it is left alone. Everything else is
left unresolved: "they", "it", "I"/"we" inside quotes, and pronouns with two plausible
people and no grammatical tie-break.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Entity, Mention
from .entity_lexicon import fold, lexicon
from .registry import DocumentState

if TYPE_CHECKING:
    from spacy.tokens import Token

_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m"}
_GENDER |= {"she": "f", "her": "f", "hers": "f", "herself": "f"}
_REFLEXIVE = {"himself", "herself"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_OBJECT_DEPS = {"dobj", "pobj", "dative", "obj", "iobj"}
_WINDOW = 2
_QUOTED = re.compile(r"“[^”\n]*”?|\"[^\"\n]*\"?")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Body spans inside quotation marks (a missing closing mark runs to the line's end)."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    i = bisect_right(spans, (offset, 1 << 62)) - 1
    return i >= 0 and spans[i][0] < offset < spans[i][1]


@dataclass(order=True)
class _Ref:
    """A person mention already known, in text order."""

    start: int
    end: int
    key: int
    sentence: int
    subject: bool
    #: Subject of the sentence's main verb.
    main: bool = False


def _clause_subjects(token: Token) -> list[Token]:
    """Subjects of the clause an object pronoun sits in (following xcomp/advcl upwards)."""
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    seen = 0
    while seen < 6:
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            return subjects
        if verb.dep_ in {"xcomp", "advcl", "conj", "acl"} and verb.head is not verb:
            verb = verb.head
            seen += 1
            continue
        return []
    return []


def _is_subject(token: Token) -> bool:
    return token.dep_ in _SUBJECT_DEPS


def _is_main_subject(token: Token) -> bool:
    return token.dep_ in _SUBJECT_DEPS and token.head.dep_ == "ROOT"


def _fronted_subject(token: Token) -> Token | None:
    """The main subject a pronoun in a fronted phrase points forward to ("Before his run, X …")."""
    root = token.sent.root
    subjects = [c for c in root.children if c.dep_ in _SUBJECT_DEPS and c.i > token.i]
    if len(subjects) != 1:
        return None
    for child in root.children:
        fronted = child.i < subjects[0].i and child.dep_ in {"prep", "advcl", "npadvmod", "advmod"}
        if fronted and child.left_edge.i <= token.i <= child.right_edge.i:
            return subjects[0]
    return None


def _unnamed_relatives(state: DocumentState) -> list[tuple[int, str]]:
    """(offset, gender) of kinship nouns that are a clause's subject with no name of their
    own ("his father was …", not "his father, Ivo Brandt, was …")."""
    kinship = lexicon().kinship
    found: list[tuple[int, str]] = []
    for sentence in state.parsed.sentences:
        offset = sentence.paragraph.offset
        for token in sentence.span:
            kin = kinship.get(fold(token.text))
            if kin is None or token.pos_ != "NOUN" or not _is_subject(token):
                continue
            named = any(
                t.pos_ == "PROPN" for c in token.children if c.dep_ != "poss" for t in c.subtree
            )
            if not named:
                found.append((offset + token.idx, kin[1]))
    return found


def resolve_pronouns(state: DocumentState) -> None:
    """Add a `pronoun` mention to the person each clear pronoun refers to."""
    persons = {e.key: e for e in state.analysis.entities if e.type == "Person"}
    if not persons:
        return
    sentences = state.parsed.sentences
    starts = [s.start for s in sentences]
    refs: list[_Ref] = []
    token_at: dict[int, Token] = {}
    for sentence in sentences:
        offset = sentence.paragraph.offset
        for token in sentence.span:
            token_at[offset + token.idx] = token
    verbless = {
        k for k, s in enumerate(sentences) if not any(t.pos_ in {"VERB", "AUX"} for t in s.span)
    }
    for entity in persons.values():
        for mention in entity.mentions:
            index = max(0, bisect_left(starts, mention.start + 1) - 1)
            if index in verbless:
                continue  # a byline or caption ("Analysis: X, Outlet, City") is no antecedent
            last = _last_token(token_at, mention)
            subject = last is not None and _is_subject(last)
            main = last is not None and _is_main_subject(last)
            refs.append(_Ref(mention.start, mention.end, entity.key, index, subject, main))
    refs.sort()
    quotes = _quote_spans(state.article.text)
    relatives = _unnamed_relatives(state)
    for index, sentence in enumerate(sentences):
        offset = sentence.paragraph.offset
        for token in sentence.span:
            gender = _GENDER.get(token.lower_)
            if gender is None or token.pos_ not in {"PRON", "DET", "PROPN"}:
                continue
            start = offset + token.idx
            lo = bisect_left(refs, _Ref(starts[max(0, index - _WINDOW)], -1, -1, -1, False))
            hi = bisect_left(refs, _Ref(sentence.end, -1, -1, -1, False), lo)
            usable = refs[lo:hi]  # none after this sentence counts: a window, not the whole rest
            if not _inside(quotes, start):
                # Outside a quotation, a name inside one belongs to another speaker's frame.
                usable = [r for r in usable if not _inside(quotes, r.start)]
            key = _choose(token, start, index, gender, usable, persons)
            if key is None or _relative_between(relatives, usable, key, start, gender):
                continue
            entity = persons[key]
            entity.mentions.append(Mention(start, start + len(token.text), token.text, "pronoun"))
            entity.attributes.setdefault("gender", gender)
            ref = _Ref(start, start + len(token.text), key, index, _is_subject(token))
            ref.main = _is_main_subject(token)
            insort(refs, ref)
    for entity in persons.values():
        entity.mentions.sort(key=lambda m: m.start)


def _relative_between(
    relatives: list[tuple[int, str]], refs: list[_Ref], key: int, start: int, gender: str
) -> bool:
    """True when an unnamed relative of the pronoun's gender is a subject after the chosen
    person's last mention and before the pronoun."""
    last = max((r.start for r in refs if r.key == key and r.start < start), default=-1)
    return any(last < at < start and g in {gender, "-"} for at, g in relatives)


def _last_token(token_at: dict[int, Token], mention: Mention) -> Token | None:
    token = token_at.get(mention.start)
    if token is None:
        return None
    doc = token.doc
    i = token.i
    while i + 1 < len(doc) and doc[i + 1].idx < token.idx + (mention.end - mention.start):
        i += 1
    return doc[i]


def _choose(
    token: Token,
    start: int,
    sentence: int,
    gender: str,
    refs: list[_Ref],
    persons: dict[int, Entity],
) -> int | None:
    """The key of the person this pronoun refers to, or None when it is not clear."""
    fronted = _fronted_subject(token)
    if fronted is not None:
        offset = start - token.idx + fronted.idx
        ahead = [r for r in refs if r.start <= offset < r.end]
        if ahead and persons[ahead[0].key].attributes.get("gender", gender) == gender:
            return ahead[0].key
    window: list[_Ref] = []
    for ref in refs:
        if ref.start >= start:
            break
        if sentence - _WINDOW <= ref.sentence <= sentence:
            window.append(ref)
    excluded: set[int] = set()
    required: set[int] | None = None
    if token.lower_ in _REFLEXIVE or token.dep_ in _OBJECT_DEPS:
        subjects = _clause_subjects(token)
        keys = {
            r.key
            for r in window
            for s in subjects
            if r.start <= s.idx + (start - token.idx) < r.end and r.sentence == sentence
        }
        if token.lower_ in _REFLEXIVE:
            required = keys
        else:
            excluded = keys
    fitting = [
        r
        for r in window
        if r.key not in excluded
        and (required is None or r.key in required)
        and persons[r.key].attributes.get("gender", gender) == gender
    ]
    keys = {r.key for r in fitting}
    if len(keys) == 1:
        return keys.pop()
    if not keys:
        return None
    same = [r for r in fitting if r.sentence == sentence]
    same_subjects = [r for r in same if r.subject]
    if same_subjects:
        chosen = same_subjects[-1]
        between = {r.key for r in same if r.start > chosen.start}
        if between <= {chosen.key}:
            return chosen.key
        return None
    if same:
        # "One of X's secrets is that his …": the only person named before it in its sentence.
        only = {r.key for r in same}
        if len(only) == 1 and persons[same[0].key].attributes.get("gender") == gender:
            return same[0].key
        return None
    latest = max(r.sentence for r in fitting)
    previous = [r for r in fitting if r.sentence == latest]
    if len({r.key for r in previous}) == 1:
        return previous[0].key  # the only person in the sentence before
    mains = [r for r in previous if r.main] or [r for r in previous if r.subject][:1]
    if _is_subject(token) and len({r.key for r in mains}) == 1:
        return mains[0].key  # subject continues subject
    return None
