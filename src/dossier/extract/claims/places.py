"""Where people live and where organisations and places are: `residence` and `location` claims.

"Tom Vale of Eastport", "who lives in Marlow", "a native of Orsk" → residence;
"Orsk, Vellany", "the Marlow-based Acme", "Acme of Orsk", "Orsk's Acme" → location
(`attributes["relation"]` is "based_in" for an organisation, "located_in" for a place;
for a person it is "lives_in", or "from" when only a modifier says so: "Vellany's X").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...records import Claim
from .build import make_claim
from .datelines import dateline_places
from .index import EntityIndex
from .lexicon import claim_lexicon
from .syntax import in_dateline, is_time, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...nlp.parse import SentenceView

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


#: Nouns of an event, or of a part in one, between a place and a name: the place is where it
#: happened, not where the person is from ("Tull shooter X", "Vellany primary winner X").
_EVENT_WORDS = frozenset(
    {"primary", "caucus", "caucuses", "race", "contest", "shooter", "gunman", "bomber",
     "attacker", "killer", "winner", "victor", "loser", "rally", "debate", "shooting",
     "attack", "bombing", "massacre", "survivor", "victim", "crash", "runoff"}
)  # fmt: skip


def _event_between(modifier: Token, name: Token) -> bool:
    return any(t.lower_ in _EVENT_WORDS for t in name.doc[modifier.i + 1 : name.i])


def _other_name(appos: Token, key: int, index: EntityIndex) -> bool:
    """True for an apposed proper name that is someone else, or "B's Y" after "A's X"."""
    if appos.pos_ != "PROPN":
        return False
    other = index.key_at(appos)
    return (other is not None and other != key) or any(c.dep_ == "poss" for c in appos.children)


#: Marks that end a modifier run: a list, a bracket, a dateline's dash ("ORSK, Y — Z's …").
_BREAKS = frozenset({",", ";", "(", ")", "—", "–", "--"})


def _left_places(token: Token, index: EntityIndex) -> list[int]:
    """Places named among the left modifiers of a phrase ("Soviet historian X", "a Hong Kong
    firm")."""
    out: list[int] = []
    for child in token.lefts:
        if any(t.text in _BREAKS for t in token.doc[child.i : token.i]):
            continue
        if child.lower_ in _EVENT_WORDS or _event_between(child, token):
            continue  # "Tull shooter X": where it happened (`_EVENT_WORDS`)
        if child.dep_ in {"compound", "amod", "nmod", "poss"}:
            key = _named(child, index)
            if key is not None and index.type_of(key) in _PLACE:
                out.append(key)
            out.extend(_left_places(child, index))
    return out


_RELATIVE = frozenset({"who", "that", "whom"})


def _who_lives(verb: Token, index: EntityIndex) -> int | None:
    """The person a verb of living is about: its subject, the name a relative pronoun
    stands for ("X, who was born in Y"), or a name apposed inside a title subject ("the
    20th president of Z, X, was born in Y")."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    found = subject_of(verb)
    if found is not None and found not in subjects:
        subjects.insert(0, found)
    for subject in subjects:
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            subject = verb.head
        key = index.key_of(subject)
        if key is not None and index.type_of(key) == "Person":
            return key
        if subject.pos_ == "NOUN":
            for token in subject.subtree:
                key = index.key_at(token) if token.dep_ == "appos" else None
                if key is not None and index.type_of(key) == "Person":
                    return key
    return None


def _where_preps(verb: Token) -> list[Token]:
    """The "in/at" phrases of a verb of living, also where a parser hung them on the date or
    on a second name ("was born on May 5, 1907, in Y", "was born X in Y")."""
    out: list[Token] = []
    stack = [verb]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "at"}:
                out.append(child)
            elif _holds_where(child):
                stack.append(child)
    return out


def _holds_where(token: Token) -> bool:
    """A second name ("born X in Y"), "on" and a date: where a parser may hang the place."""
    if token.dep_ == "oprd" or (token.dep_ == "prep" and token.lower_ == "on"):
        return True
    return token.dep_ in {"pobj", "npadvmod"} and is_time(token)


def _home_of(token: Token, index: EntityIndex) -> list[tuple[int | None, int | None]]:
    """(person, place) for "X's hometown, Y", "Y, X's home state", "his native Y"."""
    low = token.lower_
    if low == "native" and token.dep_ == "amod":
        owner = next((c for c in token.head.children if c.dep_ == "poss"), None)
        if owner is not None:
            return [(index.key_of(owner), _named(token.head, index))]
        return []
    home = low in {"hometown", "birthplace"} or (
        low in {"state", "town", "city", "country"}
        and any(c.lower_ == "home" for c in token.children if c.dep_ in {"compound", "amod"})
    )
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if not home or owner is None:
        return []
    places = [c for c in token.children if c.dep_ == "appos"]
    # "his hometown of Y", "his Y hometown"
    places.extend(c for p in token.children if p.lower_ == "of" for c in p.children)
    places.extend(c for c in token.children if c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN")
    if token.dep_ == "appos":
        places.append(token.head)
    if token.dep_ == "attr":
        subject = subject_of(token.head)
        places.extend([subject] if subject is not None else [])
    return [(index.key_of(owner), _named(p, index)) for p in places]


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


def _only_in_dateline(place: int, sentence: SentenceView, index: EntityIndex) -> bool:
    """True when the sentence names `place` only in its leading dateline ("CITY, State -")."""
    tokens = list(sentence.span)
    if not tokens or not in_dateline(tokens[0]):
        return False
    after = next((t for t in tokens if not in_dateline(t)), None)
    end = index.offsets(after)[0] if after is not None else sentence.end
    entity = index.entity(place)
    mentions = entity.mentions if entity is not None else []
    here = [m.start for m in mentions if sentence.start <= m.start < sentence.end]
    return bool(here) and all(start < end for start in here)


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
        if found[0] == "location" and index.type_of(subject) == "Country":
            # A country lies in no other place a news sentence names beside it: "Like X, Y's
            # relationship …", "X, Y and Z" are contrasts and lists (audit c5-959).
            return
        if found[0] == "residence" and _only_in_dateline(place, sentence, index):
            return  # "CITY, State - X …": where the story was filed, not where X lives
        seen.add((subject, place))
        relation = found[1]
        if relation == "lives_in" and trigger.pos_ in {"PROPN", "ADJ"}:
            relation = "from"  # "Brazil's X", "Soviet historian X": origin, not an address
        claims.append(_pair(found[0], subject, place, trigger, sentence, index, relation))

    tokens = list(sentence.span)
    for token in tokens:
        key = _named(token, index)
        # "X of Y", "X in Y", "X, based in Y", "X (Y)": a preposition right on the name.
        if key is not None and (token.pos_ == "PROPN" or index.key_at(token) == key):
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in {"of", "in", "from", "at"}:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            add(key, _named(pobj, index), prep)
                apposed = prep.dep_ in {"appos", "npadvmod"} and prep.pos_ == "PROPN"
                if apposed and index.type_of(key) in _PLACE and not _in_list(token, prep, index):
                    add(key, _named(prep, index), prep)
                modifier = prep.dep_ in {"compound", "poss", "nmod"} and _adjacent(prep, token)
                if modifier and not _event_between(prep, token):
                    add(key, _named(prep, index), prep)
                if prep.dep_ == "acl" and prep.lemma_ in {"base", "headquarter", "locate"}:
                    for p2 in prep.children:
                        for pobj in p2.children:
                            if pobj.dep_ == "pobj":
                                add(key, _named(pobj, index), prep)
        # "X is headquartered in Y", "X is based in Y".
        if token.pos_ == "VERB" and token.lemma_ in {"base", "headquarter", "locate"}:
            for sited in (c for c in token.children if c.dep_ == "nsubjpass"):
                for prep in token.children:
                    if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
                        for pobj in prep.children:
                            add(index.key_of(sited), _named(pobj, index), token)
        # "Y-based X": the place is a compound/amod on the organisation's head.
        if token.lower_ == "based" and token.head.pos_ in {"PROPN", "NOUN"}:
            for child in token.children:
                add(_named(token.head, index), _named(child, index), token)
        # A verb of living: "X lives in Y", "X was born in Y", "X grew up in Y".
        if token.pos_ == "VERB" and token.lemma_ in lexicon.words("residence_verbs"):
            who = _who_lives(token, index)
            if who is not None:
                for prep in _where_preps(token):
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
                if prep.dep_ in {"compound", "nmod"} and prep.pos_ == "PROPN":
                    add(who, index.key_at(prep), token)  # "a Marlow native"
        # "X is from Y": where a person comes from.
        if token.lemma_ == "be" and token.pos_ == "AUX":
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            who = index.key_of(subject) if subject is not None else None
            if who is not None and index.type_of(who) == "Person":
                for prep in token.children:
                    if prep.dep_ == "prep" and prep.lower_ == "from":
                        for pobj in prep.children:
                            add(who, _named(pobj, index), prep)
        # "Vellany's governor, X", "Orsk's deputy envoy, X": a place's officeholder is from it.
        if token.pos_ == "NOUN" and index.key_at(token) is None:
            owners = [c for c in token.children if c.dep_ == "poss"]
            names = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            for owner in owners:
                for name in names:
                    add(index.key_at(name), _named(owner, index), owner)
        # "X's hometown, Y", "Y, X's home town", "in his native Y".
        for who, where in _home_of(token, index):
            add(who, where, token)
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
    # "DAYTON, Ohio (AP)": an agency after the dateline's places is based in each of them.
    for agency, places in dateline_places(sentence.span, index):
        for where in places:
            before = len(claims)
            add(agency, where, tokens[0])
            for claim in claims[before:]:
                # A wire files from the city; audits found it is rarely based there.
                claim.attributes["from"] = "dateline"
    # "Orsk, Vellany": two places side by side, the second holding the first.
    for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if b.text != ",":
            continue
        first, second = index.key_at(a), index.key_at(c)
        placed = first is not None and index.type_of(first) in _PLACE
        if placed and second is not None and not _in_list(a, c, index):
            add(first, second, b)
    for holder, place, trigger in _inside(tokens, index):
        add(holder, place, trigger)
    return claims + _closure(claims, sentence, index)


def _place_key(token: Token | None, index: EntityIndex) -> int | None:
    key = index.key_at(token) if token is not None else None
    return key if key is not None and index.type_of(key) in _PLACE else None


def _in_list(first: Token, second: Token, index: EntityIndex) -> bool:
    """True for "Orsk, Marlow, Eastport and Tull": places listed, not one inside another.

    Audit c4-868 found 5 of 40 located-in claims were lists: two countries side by side
    ("Vellany, Marovia, or Tull"; a country never lies in another), a list that ends in "and
    other capitals" ("Orsk, Tull and other cities"), and places each placed in their own
    ("Eastport in Vellany, Tull in Marovia")."""
    if index.type_of(index.key_at(first)) == "Country" == index.type_of(index.key_at(second)):
        return True
    doc = first.doc
    start = first.i
    while start > 0 and index.key_at(doc[start - 1]) == index.key_at(first):
        start -= 1
    end = second.i
    while end + 1 < len(doc) and index.key_at(doc[end + 1]) == index.key_at(second):
        end += 1
    if end + 1 < len(doc) and doc[end + 1].lower_ in {"and", "or", "in"}:
        return True  # "Orsk, Tull and other cities", "Eastport in X, Tull in Y"
    before = doc[start - 2] if start >= 2 and doc[start - 1].text == "," else None
    after = doc[end + 2] if end + 2 < len(doc) and doc[end + 1].text in {",", "and", "or"} else None
    if after is not None and after.lower_ in {"and", "or"} and doc[end + 1].text == ",":
        after = None  # "Orsk, Vellany, and …": a new item, not part of the place
    return _place_key(before, index) is not None or _place_key(after, index) is not None


#: Words that may stand between "in" and the place that holds another ("in the south of Y").
_REGION_WORDS = frozenset(
    {"the", "part", "area", "region", "of", "suburban", "nearby", "downtown", "rural"}
)


def _inside(tokens: list[Token], index: EntityIndex) -> list[tuple[int, int, Token]]:
    """ "Orsk in eastern Vellany", "Tull, in Marlow": a place or site named "in" another."""
    out: list[tuple[int, int, Token]] = []
    for i, token in enumerate(tokens[:-2]):
        first = _place_key(token, index)
        if first is None or _place_key(tokens[i + 1], index) == first:
            continue
        j = i + 1
        if tokens[j].text == ",":
            j += 1
        if j >= len(tokens) or tokens[j].lower_ != "in":
            continue
        for k in range(j + 1, min(j + 6, len(tokens))):
            other = _place_key(tokens[k], index)
            if other is not None:
                out.append((first, other, tokens[j]))
                break
            if tokens[k].pos_ != "ADJ" and tokens[k].lower_ not in _REGION_WORDS:
                break
    return out


#: A county, city or state word right before a body's name: "Dunmore County GOP chairman".
_LOCAL_WORD = re.compile(r"\b(?:County|Parish|City|State|Township|Borough)\s+$")


def local_branch(claim: Claim, sentence: SentenceView, index: EntityIndex) -> bool:
    """True for a job or membership in a body named right after a place ("Dunmore County GOP
    chairman", "Vellany House speaker", "Vellany Senate"): the body is that place's branch — a
    county party, a state chamber — not the national one the name resolves to (audits
    c5-c7). Precision first: such claims are left out rather than stored against the
    national body."""
    if claim.kind not in {"employment", "membership"} or claim.object is None:
        return False
    body = index.entity(claim.object)
    if body is None:
        return False
    text = index.state.article.text
    for mention in body.mentions:
        if not sentence.start <= mention.start < sentence.end:
            continue
        before = text[max(sentence.start, mention.start - 40) : mention.start]
        if _LOCAL_WORD.search(before):
            return True
        word = re.search(r"(?P<w>[A-Z][\w.'-]*)\s+$", before)
        if word is None:
            continue
        at = mention.start - len(before) + word.start("w")
        place = index.state.entity_at(at, at + len(word.group("w")))
        if place is not None and place.key != body.key and place.type == "Place":
            return True
    return False
