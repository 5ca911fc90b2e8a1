"""When a role holds: the date the text states for it, and whether it is held now.

A role takes the date its own phrase or clause states, else the document's. The classes of
text that set a title apart from the article's present (a sentence set in an earlier year, a
capacity named with "as", a courtesy title of a former holder) make it not current.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..extract.claims.syntax import governing_verb
from ..records import Entity
from .entity_lexicon import fold
from .registry import DocumentState
from .temporal import document_times

if TYPE_CHECKING:
    from spacy.tokens import Token


def role_date(
    state: DocumentState,
    offset: int,
    *,
    tied: bool = True,
    span: tuple[int, int] | None = None,
    office: bool = True,
) -> tuple[str | None, str | None]:
    """The date the text gives for the role at `offset`, else the document's.

    `tied` roles are stated by their clause ("served as X from 2009", "then-Senator Y hosted Z
    in 2021"), so the clause's date is theirs; a title that only names someone taking part in
    an event ("Foreign Minister X will fly there in March") keeps the document's date unless
    the date is in its own phrase, on a clause about that date ("in 2021, when Senator X …")
    or on an office verb it takes part in ("President X appointed him in 2023"; not for an
    `office=False` apposition: "X, a former colonel, has governed Y since 2019").
    """
    sentence = state.parsed.sentence_at(offset)
    if sentence is not None:
        mode = "clause" if tied else "office" if office else "phrase"
        stated = _nearest_date(state, sentence.start, sentence.end, offset, mode, span)
        if stated:
            return stated, "text"
    published = state.article.published
    return (published, "document") if published else (None, None)


def _nearest_date(
    state: DocumentState,
    start: int,
    end: int,
    offset: int,
    mode: str = "clause",
    span: tuple[int, int] | None = None,
) -> str | None:
    """The date the sentence states closest to the title that belongs to the role; calendar
    dates before relative ones."""
    times = [t for t in document_times(state) if start <= t.start and t.end <= end and t.value]
    times = [t for t in times if _role_time(state, t.start, t.end, offset, mode, span)]
    if not times:
        return None
    best = min(times, key=lambda t: (t.kind == "relative", abs(t.start - offset)))
    return best.value


#: Verbs that state or exercise an office, so their date is the office's too.
_OFFICE_LEMMAS = {"serve", "rule", "govern", "lead", "head", "hold", "chair", "command", "reign"}

_OFFICE_LEMMAS |= {"become", "appoint", "elect", "name", "nominate", "swear", "represent"}


def _role_time(
    state: DocumentState,
    time_start: int,
    time_end: int,
    title_at: int,
    mode: str,
    span: tuple[int, int] | None,
) -> bool:
    """True when the date at [time_start, time_end) is stated for the role at `title_at`:
    in its clause ("clause"), on an office verb it takes part in ("office"), or neither
    ("phrase"); inside the role's own phrase or in a clause about the date, always."""
    if span is not None and span[0] <= time_start and time_end <= span[1]:
        return True
    sentence = state.parsed.sentence_at(title_at)
    if sentence is None:
        return False
    base = sentence.paragraph.offset
    tokens = list(sentence.span)
    inside = [t for t in tokens if time_start <= base + t.idx < time_end]
    title = next((t for t in tokens if base + t.idx + len(t) > title_at), None)
    if not inside or title is None:
        return False
    verb = governing_verb(title)
    if verb is None:
        return False
    if verb.dep_ in {"aux", "auxpass"}:
        verb = verb.head
    # "in 2021, when X was still a senator": a clause about the date itself.
    if verb.dep_ in {"relcl", "advcl", "acl"} and any(verb.head.i == t.i for t in inside):
        return True
    time_verb = governing_verb(inside[-1])
    if time_verb is None:
        return False
    if mode == "clause":
        return any(time_verb.i == v.i for v in _clause_verbs(verb))
    return mode == "office" and time_verb.i == verb.i and verb.lemma_ in _OFFICE_LEMMAS


def _clause_verbs(verb: Token) -> list[Token]:
    """`verb` and the verbs its adverbial clauses hang on ("when X was a senator, he …")."""
    chain = [verb]
    while verb.dep_ == "advcl":
        above = governing_verb(verb.head)
        if above is None or above.i == verb.i:
            break
        verb = above
        chain.append(verb)
    return chain


def _earlier_year(state: DocumentState, date: str | None) -> bool:
    """True when `date` falls in a year before the document's; for an undated document, when
    the sentence names a calendar year at all (a scene set in it, not now)."""
    published = state.article.published
    if not published:
        return bool(date and date[:4].isdigit())
    return bool(date and date[:4].isdigit() and date[:4] < published[:4])


def current_then(
    state: DocumentState, current: bool | None, date: str | None, basis: str | None
) -> bool | None:
    """Class: a title the text dates years before the article ("President X appointed her in
    2003", "in 1999 … against President Y") says what the holder was then; whether it is still
    held is not said."""
    if current and basis == "text" and _earlier_year(state, date):
        return None
    return current


def as_capacity(state: DocumentState, start: int) -> bool:
    """Class: "As Estmark's governor, X declared …", "As Governor, Y signed …": the title names
    the capacity someone acted in, which may be past; it is not stated as current."""
    sentence = state.parsed.sentence_at(start)
    floor = sentence.start if sentence is not None else max(0, start - 60)
    before = state.article.text[max(floor, start - 60) : start]
    found = re.search(
        r"(?<![Ss]uch )(?<!well )\b[Aa]s\s+(?!for\b|of\b|if\b|though\b|well\b)"
        r"(?:[\w'’.-]+\s+){0,3}$",
        before,
    )
    return found is not None and "," not in found.group(0)


def past_scene(state: DocumentState, offset: int) -> str | None:
    """The earlier year a sentence sets its main clause in ("In 1999, a year after managing
    proceedings against President X, Y lined up …", "Rep. Z told him last year …"), when the
    title at `offset` is not inside a relative or reported clause of its own."""
    sentence = state.parsed.sentence_at(offset)
    title = _token_at_or_after(state, offset)
    if sentence is None or title is None:
        return None
    root = sentence.span.root
    node = title
    while node.i != root.i and node.head.i != node.i:
        if node.dep_ in {"relcl", "acl", "ccomp", "xcomp", "parataxis", "conj"}:
            return None
        node = node.head
    base = sentence.paragraph.offset
    for time in document_times(state):
        if not (sentence.start <= time.start and time.end <= sentence.end and time.value):
            continue
        if not _earlier_year(state, time.value):
            continue
        token = _token_at_or_after(state, time.start)
        verb = governing_verb(token) if token is not None else None
        if verb is not None and verb.i == root.i and base + token.idx < time.end:  # type: ignore[union-attr]
            return time.value
    return None


def _token_at_or_after(state: DocumentState, offset: int) -> Token | None:
    sentence = state.parsed.sentence_at(offset)
    if sentence is None:
        return None
    base = sentence.paragraph.offset
    return next((t for t in sentence.span if base + t.idx + len(t) > offset), None)


def courtesy_titles(entity: Entity) -> None:
    """Class: courtesy titles. An article that calls a person a former holder of an office
    ("former Secretary of State X", "X, a former judge") and elsewhere writes the bare title
    before the name ("Secretary X", "Judge X") uses it as a courtesy: not current."""
    former = {fold(w) for r in entity.roles if r.current is False for w in r.title.split()}
    for role in entity.roles:
        if (
            role.current
            and role.date_basis == "document"
            and fold(role.title.split()[-1]) in former
        ):
            role.current = None
