"""Roles from phrases around a name: appositions ("X, the marketing director for Quillon
Foods,"), "served as A and B" and copular sentences ("Y was a lieutenant in the army")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..records import Entity, Mention, Role
from .entity_lexicon import Lexicon, fold
from .registry import DocumentState
from .role_time import role_date
from .role_words import (
    DETERMINERS,
    EVALUATIVE,
    JOB_NOUNS,
    QUALIFIERS,
    add_role,
    demonym_of,
    descriptive,
    of_entity,
    owning_entity,
    token_at,
    verb_at,
)

if TYPE_CHECKING:
    pass


_NOW = {"now", "currently", "still"}
_SERVED_PAST = {"served", "has served", "had served", "worked"}

_SERVED = re.compile(
    r"\b(?P<verb>served|serves|serving|has served|had served|was appointed|was named|"
    r"is serving|was elected|worked|works)\s+as\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
)


def apposition_roles(state: DocumentState, entity: Entity, mention: Mention, lex: Lexicon) -> None:
    """'X, the marketing director for Quillon Foods,' and 'Y, Z Group's Vice President for …,'."""
    text = state.article.text
    tail = text[mention.end : mention.end + 140]
    # The phrase ends at a comma or a sentence's full stop, not an initial's or an
    # abbreviation's ("George W. Ames", "a reporter for U.S. News").
    match = re.match(
        r",\s+(?P<phrase>[^,;:()\"“”]{3,120}?)(?=,|(?<![\s.][A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)\.\s|;|$)",
        tail,
    )
    if match is None:
        return
    phrase = match.group("phrase")
    start = mention.end + match.start("phrase")
    later = re.search(r"\s+and\s+(?:now|later|currently)\s+(?:(?:his|her|their)\s+)?", phrase)
    if later:
        # "X, his longtime adviser and now his chief of staff": the office held now.
        phrase, start = phrase[later.end() :], start + later.end()
    now = re.match(r"(?P<when>now|currently|still|once|formerly|previously)\s+", phrase)
    if now:
        # "X, now a federal judge,": the adverb says when, it is no word of the title.
        phrase, start = phrase[now.end() :], start + now.end()
    served = None
    if verb_at(state, start):
        # "X, works as a policy analyst for Y": the title is what follows "works as".
        served = _SERVED.match(phrase)
        if served is None:
            return
        phrase, start = phrase[served.end() :], start + served.end()
    head_part = re.split(r"\s+(?:for|of|at|in|with|from|to|on|as)\s+", phrase, maxsplit=1)
    head_words = head_part[0].split()
    heads = JOB_NOUNS | set(lex.titles_folded)
    if not head_words or fold(head_words[-1]) not in heads:
        return
    if head_words[0].lower() in {"who", "which", "that", "whose"}:
        return
    of: Entity | None = None
    # Only a name that opens the phrase owns the title ("Acme Corp's Vice President"), not
    # one inside it ("the hard-right candidate in Estmark's presidential race").
    possessive = re.match(r"(?P<owner>(?:[A-Z][\w.&-]*\s+){0,4}[A-Z][\w.&-]*)['’]s\s+", phrase)
    title_start = 0
    if possessive:
        of = of_entity(state, start, start + possessive.end("owner"), entity)
        title_start = possessive.end()
    then = re.match(r"(?:then|at the time)\s+(?=(?:the|a|an)\s)", phrase)
    if then:
        # "Kovacs, then a candidate,": the office of the clause's moment, since left.
        title_start = then.end()
    rest = phrase[title_start:].split()
    if rest and rest[0].lower() in DETERMINERS:
        title_start += len(rest[0]) + 1
        rest = rest[1:]
    if rest and rest[0][:1].islower() and rest[0].endswith(("'s", "’s")):
        title_start += len(rest[0]) + 1  # "the company's owner": the owner, of a body unnamed
    qual = re.match(rf"{QUALIFIERS}+", phrase[title_start:])
    past = bool(qual and qual.group(0).split()[0].lower().rstrip("-") in {"former", "ex", "late"})
    past = past or bool(then) or bool(now and now.group("when") not in _NOW)
    if qual:
        title_start += qual.end()
    while (word := re.match(r"[\w'’-]+\s+", phrase[title_start:])) and descriptive(
        word.group(0).strip(), token_at(state, start + title_start)
    ):
        title_start += word.end()  # "the globe-trotting secretary general"
    title = phrase[title_start:].strip()
    inner = re.search(r"(?:^|\s)(?:former|ex-)\s*", title)
    if inner is not None:
        # "his combative former campaign manager": a description, then a past office.
        title_start += inner.end()
        title, past = title[inner.end() :], True
    if of is None and len(head_part) > 1:
        rest_start = start + len(head_part[0])
        if of_entity(state, rest_start, start + len(phrase), entity) is not None:
            # A body named after the title ends it, whether the office is its own or its
            # unit's ("director of Y University's Center for Z": of the centre, unnamed).
            title = head_part[0][title_start:].strip()
            of = owning_entity(state, rest_start, start + len(phrase), entity)
    cut = re.search(r"\s+(?:to\s+(?=[A-Z]|the\s|then-)|at\s+the\s+(?=[a-z]))", title)
    if cut and of is None:
        # Class: whom the office serves or a description of the employer follows the title
        # ("adviser to then-President X", "director for games at the tech giant").
        title = title[: cut.start()]
    if " and " in title:
        # Class: two offices in one apposition ("a former deputy secretary and head of
        # Y"): the first is kept alone; "of Y" belongs to the last.
        title, of = title.split(" and ")[0].strip(), None
    if served is not None and served.group("verb") in _SERVED_PAST:
        past = True  # "X, served as governor of Y before …": an office held then
    if not title or len(title.split()) > 8:
        return
    phrase_span = (start, start + len(phrase))
    date, basis = role_date(state, mention.start, tied=bool(then), span=phrase_span, office=False)
    begin = start + title_start
    role = Role(title, begin, begin + len(title), of.key if of else None, date, basis)
    role.current = not past
    add_role(entity, role)


def served_as_roles(state: DocumentState, lex: Lexicon) -> None:
    """'X … served as Labor Minister and Central Bank Governor in Y's government'."""
    text = state.article.text
    for match in _SERVED.finditer(text):
        sentence = state.parsed.sentence_at(match.start())
        if sentence is None:
            continue
        verb_token = next(
            (t for t in sentence.span if sentence.paragraph.offset + t.idx == match.start("verb")),
            None,
        )
        if verb_token is None:
            continue
        verb = verb_token if verb_token.pos_ in {"VERB", "AUX"} else verb_token.head
        if verb.dep_ == "aux":
            verb = verb.head
        subject = _subject_person(state, verb, sentence.paragraph.offset)
        if subject is None:
            continue
        rest = text[match.end() : sentence.end]
        chunk = re.match(
            r"(?:[A-Z][\w'’.-]*|of|and|for|the)(?:\s+(?:[A-Z][\w'’.-]*|of|and|for|the))*", rest
        )
        if chunk is None:
            continue
        for part_match in re.finditer(r"[^,]+", re.sub(r"\s+and\s+", ",", chunk.group(0))):
            part = part_match.group(0).strip()
            words = part.split()
            if not words or not any(w in lex.titles for w in words):
                continue
            if any(w.endswith(("'s", "’s")) for w in words):
                continue  # Class: "served as President X's sherpa": another's office named
            start = text.find(part, match.end())
            date, basis = role_date(state, match.start())
            past = match.group("verb") in {"served", "has served", "had served", "worked"}
            of = _body_after(state, match.end() + chunk.end(), sentence.end, subject)
            role = Role(part, start, start + len(part), of.key if of else None, date, basis)
            role.current = False if past else None if "was" in match.group("verb") else True
            add_role(subject, role)


_LED_BODY = re.compile(
    r"\s*(?:in|under|for|of)\s+(?:the\s+)?(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}?)"
    r"(?:['’]s?)?\s+(?:government|administration|cabinet|regime|army|navy|military)\b"
)


def _body_after(state: DocumentState, start: int, end: int, person: Entity) -> Entity | None:
    """Whose office it was, from 'in X's government' after it: X itself when X is a country
    or organisation, else the country X's own office in this article is of."""
    found = _LED_BODY.match(state.article.text[start:end])
    if found is None:
        return None
    at = start + found.start("owner")
    owner = of_entity(state, at, start + found.end("owner"), person)
    if owner is None:
        owner = demonym_of(state, found.group("owner").split()[-1], person)
    if owner is None:
        leader = state.entity_at(at, start + found.end("owner"))
        owner = leader if leader is not None and leader.key != person.key else None
    if owner is None or owner.type != "Person":
        return owner
    for role in owner.roles:
        body = state.entity(role.of) if role.of is not None else None
        if body is not None and body.type == "Country":
            return body
    return None


_COPULA = re.compile(
    r"\b(?P<verb>is|was|has been|had been|became|becomes)\s+"
    r"(?:(?:still|already|once|briefly|then|previously)\s+)?(?:a|an|the|its|their)\s+"
    r"(?P<qual>(?:former|then|longtime|senior|junior|deputy|chief)\s+)?"
    r"(?P<title>[a-z][a-z-]+(?:\s+(?!(?:of|for|at|in)\b)[a-z][a-z-]+)?)\b"
    r"(?P<rest>\s+(?:of|for|at|in)\s+(?:the\s+)?)?"
)


def copular_roles(state: DocumentState, lex: Lexicon) -> None:
    """'His father, Y, was a lieutenant in the army' → Y: lieutenant (past)."""
    text = state.article.text
    heads = JOB_NOUNS | set(lex.titles_folded)
    for match in _COPULA.finditer(text):
        words = match.group("title").split()
        while words and fold(words[-1]) not in heads:
            words.pop()
        if not words or any(w.lower() in EVALUATIVE for w in words):
            continue  # "X is a better candidate": a judgement, not an office
        while len(words) > 1 and descriptive(words[0]):
            words.pop(0)
        sentence = state.parsed.sentence_at(match.start())
        if sentence is None:
            continue
        offset = sentence.paragraph.offset
        verb = next((t for t in sentence.span if offset + t.idx == match.start("verb")), None)
        if verb is None:
            continue
        if verb.dep_ == "aux":
            verb = verb.head
        subject = _subject_person(state, verb, offset)
        if subject is None:
            continue
        title = " ".join(words)
        start = match.start("title")
        of: Entity | None = None
        if match.group("rest"):
            # Only the name right after the preposition: "a lieutenant in the navy before
            # fleeing to X" is no office of X.
            of = _body_after(state, match.end("title"), sentence.end, subject)
            name = re.match(r"(?:[A-Z][\w'’.&-]*\s*)+", text[match.end() : sentence.end])
            if of is None and name is not None:
                of = of_entity(state, match.end(), match.end() + name.end(), subject)
        date, basis = role_date(state, match.start())
        role = Role(title, start, start + len(title), of.key if of else None, date, basis)
        past = match.group("verb") in {"was", "had been"} or (match.group("qual") or "").startswith(
            ("former", "then")
        )
        role.current = False if past else True if match.group("verb") == "is" else None
        add_role(subject, role)


def _subject_person(state: DocumentState, verb: object, offset: int) -> Entity | None:
    """The person entity that is the subject of `verb` (its own name or an appositive)."""
    from spacy.tokens import Token

    assert isinstance(verb, Token)
    for child in verb.children:
        if child.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        for token in [child, *[c for c in child.children if c.dep_ in {"appos", "compound"}]]:
            found = state.entity_at(offset + token.idx, offset + token.idx + len(token.text))
            if found is not None and found.type == "Person":
                return found
    return None
