"""Cues on candidate names that the tagger's label does not give: what shape and company a
name keeps says whether it is a person, and where its span should end.

One class of real-news text each: a name in apposition with a noun only people are, a name
referred to as "he" or "she", a name coordinated with a person's full name, the shape of a
personal name (middle initial, hyphenated given name); a ministry's field glued to a country
before an office ("Estmark Home" before "Secretary"); the airline of "X Air Flight 574".
`entity_candidates.py` applies them while it collects the candidates.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .entity_lexicon import Lexicon, fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


_SPEECH_LEMMAS = {"say", "tell", "point", "add", "claim", "argue", "state", "note", "explain"}
_SPEECH_LEMMAS |= {"insist", "warn", "write", "deny", "admit", "ask", "reply", "respond"}


#: Words that name a ministry's field inside an office ("Labor Minister", "Foreign Affairs
#: Secretary"), as opposed to a body that employs the office holder ("Acme CEO").
_DEPARTMENT_WORDS = frozenset(
    {"labor", "labour", "foreign", "affairs", "defense", "defence", "trade", "finance"}
    | {"interior", "health", "justice", "education", "economy", "economic", "state", "home"}
    | {"treasury", "transport", "energy", "environment", "agriculture", "culture", "housing"}
    | {"commerce", "industry", "security", "homeland", "development", "tourism", "and", "&"}
    | {"shadow", "emeritus", "junior", "senior"}
)


def _department(text: str) -> bool:
    """True for a ministry's field before an office word ("Labor" Minister), not a company
    or an acronym ("Acme" CEO, "UAW" President)."""
    return all(fold(w) in _DEPARTMENT_WORDS for w in text.split())


#: Nouns only people are ("a miner", "the strategist for X"), for appositions to a name.
_PERSON_NOUNS = frozenset(
    {"miner", "farmer", "worker", "teacher", "student", "player", "officer", "soldier"}
    | {"lawyer", "attorney", "spokesman", "spokeswoman", "spokesperson", "strategist"}
    | {"analyst", "economist", "professor", "researcher", "scientist", "doctor", "nurse"}
    | {"author", "writer", "reporter", "editor", "journalist", "columnist", "activist"}
    | {"candidate", "lawmaker", "executive", "chairman", "chairwoman", "founder", "resident"}
    | {"mother", "father", "son", "daughter", "wife", "husband", "brother", "sister", "aide"}
    | {"adviser", "advisor", "official", "prosecutor", "coach", "actor", "actress", "singer"}
    | {"veteran", "manager", "pilot", "driver", "owner", "nominee", "diplomat", "historian"}
)


def _person_apposition(span: Span, lex: Lexicon) -> bool:
    """Class: a name in apposition with a noun only people are ("Ivo Marsh, a miner from
    Tarlow,", "the senior strategist for X, Ida Brenner"): a person, whatever the tagger's
    label."""
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    return any(
        n.pos_ == "NOUN" and (n.lemma_.lower() in _PERSON_NOUNS or n.text in lex.titles)
        for n in nouns
    )


def _personal_reference(span: Span) -> bool:
    """Class: the text refers to the name as a person: "X said he would …" (a body says
    "it"). ("X, who …" is no such cue: British usage gives bodies "who", and the clause may
    be on the person named before.)"""
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_ not in _SPEECH_LEMMAS:
        return False
    return any(
        c.lower_ in {"he", "she"} and c.dep_ in {"nsubj", "nsubjpass"}
        for clause in root.head.children
        if clause.dep_ == "ccomp"
        for c in clause.children
    )


def _airline_of_flight(doc: Doc, i: int, j: int) -> int:
    """Class: a flight named by its airline and number ("Orsk Air Flight 574", the number
    in the span or cut off): the name is the airline's, which ends before "Flight"."""
    for k in range(i + 1, j):
        if doc[k].text == "Flight" and k + 1 < len(doc) and doc[k + 1].like_num:
            return k
    return j


def _beside_a_person(span: Span, lex: Lexicon) -> bool:
    """Class: a name coordinated with a person's full name ("between Novak Drazic and Ida
    Marsh"), both of two or three capitalised words, neither an organisation's: a person.
    """
    words = span.text.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    if span[0].ent_type_ not in {"ORG", "PERSON"}:
        return False  # "Saratoga, New York and Ida Marsh": a place stays one
    if set(words) & (lex.org_words | lex.outlet_words):
        return False
    root = span.root
    others = [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        others.append(root.head)
    for other in others:
        if other.ent_type_ != "PERSON" or other.i in range(span.start, span.end):
            continue
        given = other.doc[other.i - 1] if other.i > 0 else None
        if given is not None and given.ent_type_ == "PERSON" and given.text in lex.given_names:
            return True
    return False


def _before_department(doc: Doc, i: int, j: int, lex: Lexicon) -> int:
    """Class: a ministry's field glued to a country before an office ("the then Estmark Home
    Secretary", "Tarlow Foreign Minister X"): the tagger's name ends before the field words,
    which belong to the office. Returns the new end (i when nothing is left)."""
    if j >= len(doc) or doc[j].text not in lex.titles:
        return j
    end = j
    while end > i + 1 and fold(doc[end - 1].text) in _DEPARTMENT_WORDS - {"and", "&"}:
        end -= 1
    return end if end < j and fold(doc[end - 1].text) in lex.countries else j


def _shaped_like_a_person(words: list[str], lex: Lexicon) -> bool:
    """Class: the shape of a personal name: given name, middle initial and surname ("Ida K.
    Brenner"), or a hyphenated given name whose parts include a known one ("Jean-Ivo
    Marsh")."""
    if len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[1]) and words[2][:1].isupper():
        return words[0][:1].isupper() and words[0].isalpha()
    parts = words[0].split("-")
    return (
        len(words) == 2
        and len(parts) == 2
        and all(p[:1].isupper() and p[1:].islower() for p in parts)
        and any(p in lex.given_names for p in parts)
    )
