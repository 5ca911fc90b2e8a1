"""Countries and towns the country lexicon does not know, typed from how the article uses them.

The tagger calls an unfamiliar one-word place a person or an organisation. The text says what
it is: a demonym formed on the name ("Estmarkian" beside "Estmark"), or an office or body the
name owns ("Estmark's president", "Estmark's parliament"), makes it a country; a preposition
of place or motion ("in Kessa", "a visit to Varnholm", "flew to Kessa") or "the capital, X"
makes it a place. These add votes to the name's cluster, so a real person cue still wins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Protocol

from .entity_candidates import _Cand
from .entity_lexicon import Lexicon, fold

#: Nouns a country owns and a person or a company does not ("X's parliament").
_STATE_NOUNS = {"parliament", "president", "constitution", "capital", "embassy", "economy"}
_STATE_NOUNS |= {"borders", "border", "citizens", "currency", "prime", "foreign", "legislature"}
#: Nouns a country owns and so does its leader ("X's government"): a cue only for a name
#: nothing else calls a person.
_LED_NOUNS = {"government", "army", "military", "navy", "presidency", "regime", "cabinet"}
#: Words heading a place a preposition points into or towards.
_MOTION = {"go", "fly", "travel", "return", "move", "head", "flee", "arrive", "come", "send"}
_MOTION |= {"deport", "emigrate", "drive", "sail", "visit", "trip", "journey", "flight", "way"}
_MOTION |= {"tour", "mission", "delegation", "road", "route", "invite", "welcome", "bring"}
#: Nouns whose "of X" is a town ("the mayor of X", "the streets of X").
_TOWN_NOUNS = {"mayor", "streets", "outskirts", "residents", "suburbs", "port", "centre"}
_TOWN_NOUNS |= {"center", "city", "town", "village", "harbour", "harbor", "downtown"}
_INTO = {"in", "into", "across", "throughout", "near", "inside", "outside"}
#: Head nouns after which "in X" is an organisation ("a stake in X"), not a place.
_NOT_PLACE = {"stake", "interest", "interests", "share", "shares", "role", "job", "faith"}
_NOT_PLACE |= {"confidence", "trust", "investment", "position", "seat", "member", "career"}


def demonym_forms(name: str) -> set[str]:
    """The usual English demonyms of a folded place name (estmark → estmarkian)."""
    forms = {name + "ian", name + "ish", name + "ese", name + "i"}
    if name.endswith("a"):
        forms |= {name + "n", name[:-1] + "ian"}
    elif name.endswith("y"):
        forms.add(name[:-1] + "ian")
    else:
        forms.add(name + "an")
    return forms


class _Named(Protocol):
    """What place typing needs of an entity cluster."""

    cands: list[_Cand]
    votes: Counter[str]
    country: str | None
    name_tokens: list[str]


def place_votes(clusters: Iterable[_Named], text: str, lex: Lexicon) -> None:
    """Add Country and Place votes to one-word clusters the country lexicon does not hold."""
    words = {fold(w.strip(".,;:!?\"“”'’()")) for w in text.split() if w[:1].isupper()}
    for cluster in clusters:
        if cluster.country is not None or len(cluster.name_tokens) != 1 or not cluster.cands:
            continue
        name = cluster.name_tokens[0]
        if len(name) < 4 or name in lex.countries or name in lex.demonyms:
            continue
        if any(cand.kind_named for cand in cluster.cands):
            continue  # "… Party", "… Museum": the name says what it is
        if words & demonym_forms(name):
            cluster.votes["Country"] += 3
        for cand in cluster.cands:
            kind, weight = _usage(cand, led=cluster.votes["Person"] == 0)
            if kind is not None:
                cluster.votes[kind] += weight


def _usage(cand: _Cand, *, led: bool) -> tuple[str | None, int]:
    """'Country' or 'Place' when the words around this mention say so, with how strongly
    ("flew to X" outweighs the tagger, "in X" only adds to it)."""
    doc = cand.para.doc
    after = doc[cand.j] if cand.j < len(doc) else None
    if after is not None and after.text in {"'s", "’s"} and cand.j + 1 < len(doc):
        owned = doc[cand.j + 1 : cand.j + 4]
        nouns = [t for t in owned if t.pos_ in {"NOUN", "PROPN"}]
        owner_of = nouns[0].lemma_.lower() if nouns else ""
        if owner_of in _STATE_NOUNS or (led and owner_of in _LED_NOUNS):
            return "Country", 3
        return None, 0
    head = doc[cand.j - 1]
    if head.dep_ == "dobj" and head.head.lemma_.lower() in {"govern", "rule", "invade", "annex"}:
        return "Country", 2  # "has governed X since 2019"
    if head.dep_ == "dobj" and head.head.lemma_.lower() in {"visit", "tour"}:
        return "Place", 2  # "will visit X"
    before = doc[cand.i - 1] if cand.i > 0 else None
    if before is None:
        return None, 0
    if before.text == "," and cand.i > 1 and doc[cand.i - 2].lower_ == "capital":
        return "Place", 2  # "the capital, X"
    if before.lower_ == "of" and cand.i > 1:
        owner = doc[cand.i - 2].lower_
        if owner in {"capital", "parliament", "government", "constitution"} and led:
            return "Country", 3  # "the capital of X", "the government of X"
        if owner in _TOWN_NOUNS:
            return "Place", 2  # "the mayor of X"
        return None, 0
    if before.lower_ == "to" and before.head.lemma_.lower() in _MOTION:
        return "Place", 2
    if before.lower_ in _INTO and before.head.lemma_.lower() not in _NOT_PLACE:
        return "Place", 1
    return None, 0
