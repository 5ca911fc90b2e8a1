"""Relations stated by noun phrases: relatives, allies, jobs, schooling, parties, where people live.

"Vell's older brother Ivo", "his ally, X", "the marketing manager for Acme", "a graduate
of the University of Y", "X's Republican party", "the group X is pulling together", "Tom
Lane of Denver", "a Boston company". Each rule finds the anchor (whose relative, whose job)
and the other side through the parse, with a surface fallback where small parsers stumble.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...records import Claim
from ..opinion.lexicon import strip_loaded
from .build import make_claim
from .index import EntityIndex
from .lexicon import claim_lexicon
from .places import local_branch, place_claims
from .syntax import in_subtree, is_passive, misparsed_apposition, phrase, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...nlp.parse import SentenceView

_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
_ORG = frozenset({"Organization"})
_PLACE = frozenset({"Place", "Country"})


def _owner(noun: Token, index: EntityIndex) -> int | None:
    """Whose relative/ally/job this is: a possessive ("X's", "his") before the noun."""
    for child in noun.children:
        if child.dep_ == "poss":
            return _possessor(child, index)
    # Surface fallback: "X 's [adjectives] noun" when the parser mislabels the possessive.
    i = noun.i - 1
    doc = noun.doc
    while i >= 0 and doc[i].pos_ in {"ADJ", "ADV", "NOUN"} and doc[i].dep_ in {"amod", "compound"}:
        i -= 1
    if i >= 1 and doc[i].text in _POSSESSIVE_MARKS:
        return index.key_at(doc[i - 1])
    if i >= 0 and doc[i].lower_ in {"his", "her"}:
        return _possessor(doc[i], index)
    return None


def _possessor(token: Token, index: EntityIndex) -> int | None:
    """Who "X's"/"his" is: a sentence-opening "His" is the person the text is about."""
    if token.lower_ in {"his", "her"} and token.i - token.sent.start <= 1:
        topic = index.topic_before(index.offsets(token)[0])
        if topic is not None:
            return topic
    key = index.key_at(token)
    if token.lower_ in {"his", "her"} and key is not None and not index.named_at(token):
        # Unresolved by the entity stage: "X was joined by his aide, Y, and by his brother, Z"
        # means X's brother; a possessive inside a clause leans to that clause's subject.
        subject = _clause_subject(token, index)
        if subject is not None and _gender_fits(subject, token.lower_, index):
            return subject
    return key


def _clause_subject(token: Token, index: EntityIndex) -> int | None:
    """The person who is the grammatical subject of the clause above `token`, if any."""
    verb = token
    while verb.pos_ not in {"VERB", "AUX"}:
        if verb.head.i == verb.i:
            return None
        verb = verb.head
    while True:
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects or verb.dep_ not in {"conj", "xcomp"} or verb.head.i == verb.i:
            break
        verb = verb.head
    for subject in subjects:
        if in_subtree(token, [subject]) or subject.pos_ == "PRON":
            return None
        key = index.key_of(subject)
        if key is not None and index.type_of(key) == "Person":
            return key
    return None


def _gender_fits(key: int, pronoun: str, index: EntityIndex) -> bool:
    """False when the entity stage already knows the person's gender and it differs."""
    gender = index.gender_of(key)
    return gender is None or gender == ("m" if pronoun == "his" else "f")


def _named_after(noun: Token, index: EntityIndex, types: frozenset[str]) -> int | None:
    """The entity a kinship/associate noun names: its apposition, or the name right after it."""
    apposed = misparsed_apposition(noun)
    for child in [*noun.children, *([apposed] if apposed is not None else [])]:
        if child.dep_ in {"appos", "npadvmod"} or child is apposed:
            key = index.key_of(child)
            if key is not None and index.type_of(key) in types:
                return key
    if noun.dep_ in {"compound", "amod", "nmod"} and noun.head.pos_ == "PROPN":
        key = index.key_at(noun.head)
        if key is not None and index.type_of(key) in types:
            return key
    doc = noun.doc
    for j in range(noun.i + 1, min(noun.i + 3, len(doc))):
        if (doc[j].is_punct and doc[j].text != ",") or doc[j].pos_ in {"ADP", "CCONJ"}:
            # "adviser for Y's campaign": a name after a preposition is whose, not who;
            # "X's daughter and Y's granddaughter": after a conjunction, another relation.
            break
        key = index.key_at(doc[j]) if doc[j].pos_ == "PROPN" else None
        if key is not None and index.type_of(key) in types:
            return key
    return None


def _appositive_of(noun: Token, index: EntityIndex) -> int | None:
    """The entity that `noun` describes: "X, his friend" / "X is his friend"."""
    # "his wife, X and the secretary of Y": a title coordinated with a name is someone else.
    listed = noun.dep_ == "conj" and noun.head.pos_ != "PROPN"
    if noun.dep_ == "appos" or (listed and noun.head.dep_ == "appos"):
        head = noun.head if noun.dep_ == "appos" else noun.head.head
        return index.key_of(head)
    if noun.dep_ in {"attr"}:
        subject = subject_of(noun.head)
        return index.key_of(subject) if subject is not None else None
    base = noun.head if noun.dep_ == "conj" else noun
    if base.dep_ == "npadvmod" and base.head.pos_ in {"VERB", "AUX"}:
        # "A former lawyer and a graduate of Y, she won …": a fronted description of the subject.
        subject = next((c for c in base.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and base.i < subject.i:
            return index.key_of(subject)
    return None


#: Relations that read the same both ways ("X, an ally of Y" = "Y, an ally of X").
_SYMMETRIC_RELATIONS = frozenset(
    {"friend", "ally", "partner", "rival", "associate", "confidant", "colleague", "close to",
     "opponent", "classmate", "roommate", "business partner"}
)  # fmt: skip


def _kin_claims(
    noun: Token, relation: str, kind: str, sentence: SentenceView, index: EntityIndex
) -> list[Claim]:
    owner = _owner(noun, index)
    other = _named_after(noun, index, frozenset({"Person"}))
    if other is None:
        other = _appositive_of(noun, index)
    if kind == "associate" and noun.dep_ == "oprd" and noun.head.pos_ == "VERB":
        # "X called him a friend", "X considers Y an ally".
        verb = noun.head
        subject = subject_of(verb)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        owner = index.key_of(subject) if subject is not None else None
        other = index.key_at(objects[0]) if objects else None
    if kind == "associate" and owner is None:
        # "friendship with X", "an ally of X": the owner is the subject of the clause.
        owner = _appositive_of(noun, index)
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in {"with", "of", "to", "for"}:
                targets = [c for c in prep.children if c.dep_ == "pobj"]
                # "a spokeswoman for Y's campaign", "an aide to Y's office": Y's, through the
                # possessive of what the preposition names.
                keys = [k for t in targets for k in index.keys_of(t, via_poss=prep.lower_ != "of")]
                if prep.lower_ == "for" and relation in _SYMMETRIC_RELATIONS:
                    continue  # "a friend for life"
                if keys and relation not in _SYMMETRIC_RELATIONS:
                    # "X, an aide to Y" is Y's aide: the relation belongs to Y, as in "Y's
                    # aide, X" (owner Y, other X).
                    owner, other = keys[0], owner
                elif keys:
                    other = keys[0]
    elif kind == "associate" and other is None:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in {"with"}:
                keys = [k for t in prep.children if t.dep_ == "pobj" for k in index.keys_of(t)]
                other = keys[0] if keys else None
    if owner is None or other is None or owner == other:
        return []
    if index.type_of(other) != "Person" and kind == "family":
        return []
    return [
        make_claim(kind, owner, noun, sentence, index, clausal=False, obj=other, lemma=noun.lemma_,
              attributes={"relation": relation})
    ]  # fmt: skip


def _employer(noun: Token, index: EntityIndex) -> int | None:
    """The organisation a job title is held at: "at Y", "Y's", "for Y", "of Y", "Y spokesman"."""
    preps = {c.lower_: c for c in noun.children if c.dep_ == "prep"}
    order: list[Token] = []
    if "at" in preps:
        order.extend(c for c in preps["at"].children if c.dep_ == "pobj")
    order.extend(c for c in noun.children if c.dep_ == "poss")
    for word in ("for", "of", "with"):
        if word in preps:
            order.extend(c for c in preps[word].children if c.dep_ == "pobj")
    order.extend(c for c in noun.children if c.dep_ in {"compound", "nmod"})
    for token in order:
        key = _org_within(token, index)
        if key is not None:
            return key
    return None


def _org_within(token: Token, index: EntityIndex, depth: int = 0) -> int | None:
    """The organisation a phrase names, looking one step down its own "of/for/at" and
    possessive: "the law firm of Y", "Y's legal division", "daytime programs for Y"."""
    key = index.key_of(token)
    if key is not None:
        return key if index.type_of(key) in _ORG else None
    if depth >= 2 or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    for child in token.children:
        if child.dep_ == "poss":
            key = index.key_of(child)
            if key is not None and index.type_of(key) in _ORG:
                return key
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "for", "at"}:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    key = _org_within(pobj, index, depth + 1)
                    if key is not None:
                        return key
    return None


def _holder(noun: Token, index: EntityIndex) -> int | None:
    """Who holds a job title: the name it is apposed to, the name it precedes, the subject."""
    if noun.dep_ in {"compound"} and noun.head.pos_ == "PROPN":
        key = index.key_at(noun.head)
        if key is not None and index.type_of(key) == "Person":
            return key
    # "…, and the deputy head of Y, Z": the title's own apposition before what it describes.
    for child in noun.children:
        if child.dep_ == "appos":
            key = index.key_of(child)
            if key is not None and index.type_of(key) == "Person":
                return key
    key = _appositive_of(noun, index)
    if key is not None and index.type_of(key) == "Person":
        return key
    return _name_after_phrase(noun, index)


def _name_after_phrase(noun: Token, index: EntityIndex) -> int | None:
    """ "the deputy head of Y, Z": a person named right after the comma that ends the title."""
    end = max(t.i for t in noun.subtree) + 1
    doc = noun.doc
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].pos_ != "PROPN":
        return None
    key = index.key_at(doc[end + 1])
    return key if key is not None and index.type_of(key) == "Person" else None


#: Last words of an event's name: one speaks or appears at it, and works for no one there.
_EVENT_WORDS = frozenset(
    {"convention", "conference", "summit", "forum", "rally", "debate", "festival", "games",
     "olympics", "hearing", "hearings", "gala", "caucuses", "primary", "expo"}
)  # fmt: skip


def _an_event(key: int, index: EntityIndex) -> bool:
    """True for an "organisation" whose name names an event ("X at the Y Convention")."""
    entity = index.entity(key)
    words = entity.name.lower().split() if entity is not None else []
    return bool(words) and words[-1] in _EVENT_WORDS


def _person_at(token: Token, sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    """ "Wang Li at the Institute of X", "Yang Fei of the Y Bureau" → employment; not "X at
    the Y Convention", where X only appears."""
    holder = index.key_at(token)
    if holder is None or index.type_of(holder) != "Person" or token.dep_ == "compound":
        return []
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"at", "of", "with", "from"}:
            for pobj in prep.children:
                key = _org_within(pobj, index)
                if key is not None and not _an_event(key, index):
                    return [
                        make_claim("employment", holder, prep, sentence, index, clausal=False,
                                   obj=key, lemma=prep.lower_)
                    ]  # fmt: skip
    return []


def _employment(noun: Token, sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    employer = _employer(noun, index)
    holder = _holder(noun, index) if employer is not None else None
    if employer is None or holder is None:
        return []
    title = strip_loaded(phrase(noun).text)  # the outlet's "sniveling" is an opinion, not a title
    return [
        make_claim("employment", holder, noun, sentence, index, clausal=False, obj=employer,
                   value=title, lemma=noun.lemma_, attributes={"title": title})
    ]  # fmt: skip


#: Words in the name of a place of learning ("Lehigh University", "the Naval Academy").
_SCHOOL_WORDS = frozenset(
    {"university", "college", "school", "academy", "institute of technology", "seminary",
     "polytechnic", "conservatory", "lycée", "gymnasium", "universidad", "université"}
)  # fmt: skip


def _school(name: str | None) -> bool:
    """True when an organisation's name says it teaches (university, college, school …)."""
    low = (name or "").lower()
    return any(word in low for word in _SCHOOL_WORDS)


def _education(token: Token, sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    lexicon = claim_lexicon()
    if token.pos_ in {"NOUN", "PROPN"} and token.lemma_.lower() in lexicon.words("education"):
        holder = _holder(token, index) or _appositive_of(token, index)
    elif token.pos_ == "VERB" and token.lemma_.lower() in lexicon.words("education_verbs"):
        subject = subject_of(token)
        holder = index.key_of(subject) if subject is not None else None
    else:
        return []
    school = None
    for prep in token.children:
        if prep.dep_ in {"prep", "dobj"}:
            pobjs = (
                [prep] if prep.dep_ == "dobj" else [c for c in prep.children if c.dep_ == "pobj"]
            )
            for pobj in pobjs:
                key = index.key_of(pobj)
                if key is not None and index.type_of(key) in _ORG:
                    school = key
    if holder is None or school is None or index.type_of(holder) != "Person":
        return []
    school_entity = index.entity(school)
    if not _school(school_entity.name if school_entity is not None else None):
        return []  # "attending a convention", "a fellow at an institute": not schooling
    return [
        make_claim(
            "education",
            holder,
            token,
            sentence,
            index,
            clausal=token.pos_ == "VERB",
            obj=school,
            lemma="graduate",
        )
    ]


def _membership(noun: Token, sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    lexicon = claim_lexicon()
    lemma = noun.lemma_.lower()
    claims: list[Claim] = []
    if lemma in lexicon.words("groups"):
        group_key = index.key_of(noun)
        if group_key is not None and index.type_of(group_key) not in _ORG:
            group_key = None
        value = phrase(noun).text if group_key is None else None
        owner = _owner(noun, index)
        # A membership names the organisation: "his legal team", "her party's" name none.
        if group_key is None:
            owner = None
        if owner is not None and index.type_of(owner) == "Person" and owner != group_key:
            claims.append(
                make_claim("membership", owner, noun, sentence, index, clausal=False, obj=group_key,
                      value=value, lemma=lemma, attributes={"group": lemma})
            )  # fmt: skip
        for child in noun.children:
            if child.dep_ == "relcl" and child.lemma_.lower() in lexicon.words("group_verbs"):
                subject = subject_of(child)
                key = index.key_of(subject) if subject is not None else None
                if key is not None and index.type_of(key) == "Person" and group_key is not None:
                    claims.append(
                        make_claim("membership", key, child, sentence, index, obj=group_key,
                              value=phrase(noun).text.split(" that ")[0], lemma=lemma,
                              attributes={"group": lemma, "relation": "organiser"})
                    )  # fmt: skip
    elif lemma in lexicon.words("membership_nouns"):
        holder = _holder(noun, index) or _owner_subject(noun, index)
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in {"of", "in", "for"} and holder is not None:
                keys = [k for t in prep.children if t.dep_ == "pobj" for k in index.keys_of(t)]
                keys = [k for k in keys if index.type_of(k) in _ORG]
                if keys:
                    claims.append(
                        make_claim("membership", holder, noun, sentence, index, clausal=False,
                                   obj=keys[0], lemma=lemma, attributes={"relation": lemma})
                    )  # fmt: skip
    return claims


def _owner_subject(noun: Token, index: EntityIndex) -> int | None:
    """The subject of "X was a member of Y"."""
    if noun.dep_ == "attr":
        subject = subject_of(noun.head)
        return index.key_of(subject) if subject is not None else None
    return None


def relation_claims(sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    """Family, associate, employment, education, membership and place claims of a sentence."""
    lexicon = claim_lexicon()
    claims: list[Claim] = []
    for token in sentence.span:
        lemma = token.lemma_.lower()
        low = token.lower_
        if token.pos_ in {"NOUN", "PROPN"}:
            if low in lexicon.family or lemma in lexicon.family:
                relation = lexicon.family.get(low) or lexicon.family[lemma]
                claims.extend(_kin_claims(token, relation, "family", sentence, index))
            elif low in lexicon.associate or lemma in lexicon.associate:
                relation = lexicon.associate.get(low) or lexicon.associate[lemma]
                claims.extend(_kin_claims(token, relation, "associate", sentence, index))
            if lemma in lexicon.words("titles") or low in lexicon.words("titles"):
                claims.extend(_employment(token, sentence, index))
            if token.pos_ == "PROPN":
                claims.extend(_person_at(token, sentence, index))
            claims.extend(_membership(token, sentence, index))
        elif token.pos_ == "ADJ" and lemma == "close":
            claims.extend(_close_to(token, sentence, index))
        if low in {"married", "wed", "engaged"}:
            claims.extend(_married(token, sentence, index))
        claims.extend(_education(token, sentence, index))
        if token.pos_ == "VERB" and lemma in lexicon.words("work_verbs"):
            claims.extend(_works_at(token, sentence, index))
        if token.pos_ == "VERB" and lemma in lexicon.words("lead_verbs"):
            claims.extend(_leads(token, sentence, index))
    claims.extend(_titled_names(sentence, index))
    claims.extend(place_claims(sentence, index))
    return [c for c in claims if not _not_a_job(c) and not local_branch(c, sentence, index)]


#: Titles that name a standing, not a job with the body named beside them ("Senate candidate",
#: "GOP front-runner", "university student", "an Al Qaeda affiliate").
_NOT_JOBS = frozenset(
    {"student", "candidate", "frontrunner", "front-runner", "nominee", "presidential",
     "affiliate", "hopeful", "contender", "challenger", "member", "supporter", "donor", "voter"}
)  # fmt: skip


def _not_a_job(claim: Claim) -> bool:
    """True for an `employment` claim made from a word that names no job."""
    trigger = str(claim.attributes.get("trigger", "")).lower()
    return claim.kind == "employment" and trigger in _NOT_JOBS


def _title_of(tokens: list[Token], j: int, index: EntityIndex) -> bool:
    """True when the organisation ending at `j` follows "<title> of (the)": "Deputy
    Commander of the Northern Fleet X"."""
    key = index.key_at(tokens[j])
    while j >= 0 and index.key_at(tokens[j]) == key:
        j -= 1
    for _ in range(2):  # "of the Russian Pacific Fleet"
        if j >= 0 and tokens[j].pos_ in {"ADJ", "PROPN"} and index.key_at(tokens[j]) is None:
            j -= 1
    if j >= 0 and tokens[j].lower_ == "the":
        j -= 1
    if j < 1 or tokens[j].lower_ != "of":
        return False
    title = tokens[j - 1]
    titles = claim_lexicon().words("titles")
    return title.lower_ in titles or title.lemma_.lower() in titles


def _titled_names(sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    """ "Coast Guard Lt. X", "Acme floor leader X", "the Trade Ministry's press chief X": an
    organisation, then the words of a title, then the person's name → employment."""
    out: list[Claim] = []
    tokens = list(sentence.span)
    for i, token in enumerate(tokens):
        key = index.key_at(token)
        if key is None or index.type_of(key) != "Person":
            continue
        if i > 0 and index.key_at(tokens[i - 1]) == key:
            continue  # not the name's first word
        words = 0
        for j in range(i - 1, max(i - 7, -1), -1):
            before = tokens[j]
            other = index.key_at(before)
            if other is not None:
                if index.type_of(other) in _ORG and (words or _title_of(tokens, j, index)):
                    out.append(
                        make_claim(_job_kind(other, index), key, tokens[j + 1], sentence, index,
                                   clausal=False, obj=other, lemma="title")
                    )  # fmt: skip
                break
            if before.pos_ in {"NOUN", "PROPN"} and before.text.rstrip(".").isalpha():
                words += 1  # "floor leader", "Lt."
            elif not (before.pos_ == "ADJ" or before.text in _POSSESSIVE_MARKS | {"."}):
                break
    return out


def _married(word: Token, sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    """ "X is married to Y", "X married Y" → family, relation "spouse"."""
    others = [c for c in word.children if c.dep_ == "dobj"]
    for prep in word.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            others.extend(c for c in prep.children if c.dep_ == "pobj")
    verb = word.head if word.dep_ in {"acomp", "amod", "oprd"} else word
    subject = subject_of(verb) if verb.pos_ in {"AUX", "VERB"} else None
    if subject is None and word.pos_ == "VERB":
        subject = next((c for c in word.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    owner = index.key_of(subject) if subject is not None else None
    if owner is None or index.type_of(owner) != "Person":
        return []
    return [
        make_claim("family", owner, word, sentence, index, obj=key, lemma="married",
                   clausal=word.pos_ == "VERB", attributes={"relation": "spouse"})
        for other in others
        for key in index.keys_of(other)
        if key != owner and index.type_of(key) == "Person"
    ]  # fmt: skip


def _close_to(adj: Token, sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    """ "X is close to Y" → associate."""
    for prep in adj.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            others = [k for t in prep.children if t.dep_ == "pobj" for k in index.keys_of(t)]
            verb = adj.head if adj.dep_ in {"acomp", "amod"} else adj
            subject = subject_of(verb) if verb.pos_ in {"AUX", "VERB"} else verb
            owner = index.key_of(subject) if subject is not None else None
            return [
                make_claim("associate", owner, adj, sentence, index, obj=o, lemma="close",
                      attributes={"relation": "close to"})
                for o in others
                if owner is not None and o != owner
            ]  # fmt: skip
    return []


def _job_kind(org: int, index: EntityIndex) -> str:
    """ "membership" for a party, front or movement one leads or speaks for; else "employment"."""
    entity = index.entity(org)
    words = entity.name.lower().split() if entity is not None else []
    return "membership" if words and words[-1] in claim_lexicon().words("groups") else "employment"


def _doer(verb: Token, index: EntityIndex) -> int | None:
    """The person who does `verb`: its subject, the name a "who" stands for, or the name a
    fronted description is apposed to ("X, a Republican who served in Y")."""
    subject = subject_of(verb)
    holder = index.key_of(subject) if subject is not None else None
    if subject is not None and index.type_of(holder) != "Person":
        holder = _appositive_of(subject, index)
    return holder if holder is not None and index.type_of(holder) == "Person" else None


def _leads(verb: Token, sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    """ "X, who heads Y", "X founded Y", "Y was founded by X" → employment (as its head)."""
    holder = _doer(verb, index)
    if holder is None:
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if is_passive(verb):
        objects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return [
        make_claim(_job_kind(key, index), holder, verb, sentence, index, obj=key,
                   lemma=verb.lemma_.lower(), attributes={"relation": "head"})
        for obj in objects
        for key in index.keys_of(obj)
        if index.type_of(key) in _ORG
    ]  # fmt: skip


def _works_at(verb: Token, sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    """ "X works at Y", "X taught at Y", "X served in Y" → employment."""
    holder = _doer(verb, index)
    if holder is None:
        return []
    out: list[Claim] = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in {"at", "for", "in", "with"}:
            for pobj in prep.children:
                for key in index.keys_of(pobj) if pobj.dep_ == "pobj" else []:
                    if index.type_of(key) in _ORG:
                        out.append(
                            make_claim("employment", holder, verb, sentence, index, obj=key,
                                       lemma=verb.lemma_.lower())
                        )  # fmt: skip
    return out
