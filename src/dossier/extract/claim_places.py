"""Where people live and where organisations and places are: `residence` and `location` claims.

"Tom Vale of Eastport", "who lives in Marlow", "a native of Orsk" → residence;
"Orsk, Vellany", "the Marlow-based Acme", "Acme of Orsk", "Orsk's Acme" → location
(`attributes["relation"]` is "based_in" for an organisation, "located_in" for a place;
for a person it is "lives_in", or "from" when only a modifier says so: "Vellany's X").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Claim
from .claim_build import make_claim
from .claim_index import EntityIndex
from .claim_lexicon import claim_lexicon
from .claim_syntax import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..nlp.parse import SentenceView

_PLACE = frozenset({"Place", "Country"})
_ORG = frozenset({"Organization"})
_HOME_NOUNS = frozenset({"native", "resident", "citizen", "home", "hometown", "mayor", "governor"})


def _pair(
    kind: str, subject: int, place: int, trigger: Token, sentence: SentenceView,
    index: EntityIndex, relation: str,
) -> Claim:  # fmt: skip
    return make_claim(
        kind, subject, trigger, sentence, index, obj=place, place=place,
        clausal=trigger.pos_ == "VERB",
        attributes={"relation": relation},
    )  # fmt: skip


def _kind_for(subject: int, index: EntityIndex) -> tuple[str, str] | None:
    kind = index.type_of(subject)
    if kind == "Person":
        return "residence", "lives_in"
    if kind in _ORG:
        return "location", "based_in"
    if kind in _PLACE:
        return "location", "located_in"
    return None


def _named(token: Token, index: EntityIndex) -> int | None:
    """The entity a name token belongs to (itself only: an apposition is another entity)."""
    if token.pos_ == "PROPN":
        return index.key_at(token)
    return index.key_of(token) if token.pos_ in {"NOUN", "ADJ"} else None


def _adjacent(modifier: Token, name: Token) -> bool:
    """True when only name words, titles or a possessive stand between `modifier` and `name`."""
    if not 0 < name.i - modifier.i <= 5:
        return False
    between = name.doc[modifier.i + 1 : name.i]
    return all(
        t.pos_ in {"PROPN", "NOUN", "ADJ"} or t.dep_ == "case" or t.text in {"'s", "’s", "."}
        for t in between
    )


def _other_name(appos: Token, key: int, index: EntityIndex) -> bool:
    """True for an apposed proper name that is someone else, or "B's Y" after "A's X"."""
    if appos.pos_ != "PROPN":
        return False
    other = index.key_at(appos)
    return (other is not None and other != key) or any(c.dep_ == "poss" for c in appos.children)


def _left_places(token: Token, index: EntityIndex) -> list[int]:
    """Places named among the left modifiers of a phrase ("Soviet historian X", "a Hong Kong
    firm")."""
    out: list[int] = []
    for child in token.lefts:
        if any(t.text in {",", ";", "(", ")"} for t in token.doc[child.i : token.i]):
            continue
        if child.dep_ in {"compound", "amod", "nmod", "poss"}:
            key = _named(child, index)
            if key is not None and index.type_of(key) in _PLACE:
                out.append(key)
            out.extend(_left_places(child, index))
    return out


def _closure(claims: list[Claim], sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    """X in A and A in B gives X in B ("of Bethany, Conn." → also Conn.), marked inferred."""
    inside = {(c.subject, c.object) for c in claims if c.kind == "location"}
    added: list[Claim] = []
    for claim in claims:
        for a, b in inside:
            if (
                claim.object == a
                and (claim.subject, b) not in {(c.subject, c.object) for c in [*claims, *added]}
                and claim.subject != b
            ):
                added.append(
                    Claim(
                        kind=claim.kind, subject=claim.subject, object=b, place=b,
                        date=claim.date, status=claim.status, evidence=claim.evidence,
                        attributes={**claim.attributes, "inferred": True},
                    )
                )  # fmt: skip
    return added


def place_claims(sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    """Residence and location claims of one sentence."""
    lexicon = claim_lexicon()
    claims: list[Claim] = []
    seen: set[tuple[int, int]] = set()

    def add(subject: int | None, place: int | None, trigger: Token) -> None:
        if subject is None or place is None or subject == place:
            return
        if index.type_of(place) not in _PLACE or (subject, place) in seen:
            return
        found = _kind_for(subject, index)
        if found is None:
            return
        seen.add((subject, place))
        relation = found[1]
        if relation == "lives_in" and trigger.pos_ in {"PROPN", "ADJ"}:
            relation = "from"  # "Brazil's X", "Soviet historian X": origin, not an address
        claims.append(_pair(found[0], subject, place, trigger, sentence, index, relation))

    tokens = list(sentence.span)
    for token in tokens:
        key = _named(token, index)
        # "X of Y", "X in Y", "X, based in Y", "X (Y)": a preposition right on the name.
        if key is not None and token.pos_ == "PROPN":
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in {"of", "in", "from", "at"}:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            add(key, _named(pobj, index), prep)
                apposed = prep.dep_ in {"appos", "npadvmod"} and prep.pos_ == "PROPN"
                if apposed and index.type_of(key) in _PLACE:
                    add(key, _named(prep, index), prep)
                if prep.dep_ in {"compound", "poss", "nmod"} and _adjacent(prep, token):
                    add(key, _named(prep, index), prep)
                if prep.dep_ == "acl" and prep.lemma_ in {"base", "headquarter", "locate"}:
                    for p2 in prep.children:
                        for pobj in p2.children:
                            if pobj.dep_ == "pobj":
                                add(key, _named(pobj, index), prep)
        # "Y-based X": the place is a compound/amod on the organisation's head.
        if token.lower_ == "based" and token.head.pos_ in {"PROPN", "NOUN"}:
            for child in token.children:
                add(_named(token.head, index), _named(child, index), token)
        # A verb of living: "X lives in Y", "X was born in Y", "X grew up in Y".
        if token.pos_ == "VERB" and token.lemma_ in lexicon.words("residence_verbs"):
            subject = subject_of(token)
            if subject is None:
                subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            who = index.key_of(subject) if subject is not None else None
            if who is not None and index.type_of(who) == "Person":
                for prep in token.children:
                    if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
                        for pobj in prep.children:
                            add(who, _named(pobj, index), token)
        # "a native of Y", "a resident of Y" said of a person.
        if token.lemma_.lower() in _HOME_NOUNS and token.pos_ == "NOUN":
            who = None
            if token.dep_ == "appos":
                who = index.key_of(token.head)
            elif token.dep_ == "attr":
                subject = subject_of(token.head)
                who = index.key_of(subject) if subject is not None else None
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:
                    for pobj in prep.children:
                        add(who, _named(pobj, index), token)
        # "Soviet historian X", "Texas Gov. X": a place among the modifiers of a name or title.
        if key is not None and token.pos_ == "PROPN" and token.dep_ != "compound":
            for place in _left_places(token, index):
                add(key, place, token)
            for child in token.children:
                if child.dep_ == "appos" and _other_name(child, key, index):
                    continue  # "A's X, B's Y": a list of names the parser read as apposition
                if child.dep_ == "appos":
                    for place in _left_places(child, index):
                        add(key, place, child)
                    # "X, a Republican from Chicago"
                    for prep in child.children:
                        if prep.dep_ == "prep" and prep.lower_ in {"from", "of", "in", "based"}:
                            for pobj in prep.children:
                                add(key, _named(pobj, index), prep)
        # "Rolling Fork, where X was born": a living verb in a relative clause on a place.
        if token.dep_ == "relcl" and token.lemma_ in lexicon.words("residence_verbs"):
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None and any(c.lower_ == "where" for c in token.children):
                add(index.key_of(subject), _named(token.head, index), token)
    # "DAYTON, Ohio (AP)": an agency in brackets right after a place is based there.
    for i, token in enumerate(tokens[:-2]):
        if token.text != "(" or i == 0:
            continue
        org = _named(tokens[i + 1], index)
        where = _named(tokens[i - 1], index)
        if org is not None and index.type_of(org) in _ORG:
            add(org, where, token)
    # "Orsk, Vellany": two places side by side, the second holding the first.
    for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if b.text != ",":
            continue
        first, second = _named(a, index), _named(c, index)
        if first is not None and second is not None and index.type_of(first) in _PLACE:
            add(first, second, b)
    return claims + _closure(claims, sentence, index)
