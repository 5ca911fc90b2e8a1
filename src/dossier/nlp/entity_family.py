"""Family relations and genders of the people in one article, for the entity component.

"his older brother Corwin" and "X's father, Y" are recorded on the relative with its gender;
a father, son or brother named through a surname takes it ("X's brother Ivo" is Ivo X).
Genders also come from given names, honorifics ("Mrs. X") and gendered titles, so that
pronouns can be resolved.
"""

from __future__ import annotations

from ..records import Entity, Mention
from .entity_candidates import _KIN_MODIFIERS, _POSSESSIVE
from .entity_lexicon import Lexicon, fold
from .registry import DocumentState


def find_family(state: DocumentState, lex: Lexicon) -> None:
    """Record "his older brother Corwin" / "X's father, Y" on the relative, and its gender."""
    for entity in state.analysis.entities:
        if entity.type != "Person":
            continue
        for mention in list(entity.mentions):
            if mention.form not in {"name", "surname"}:
                continue
            found = _kin_before(state, mention, lex)
            if found is None:
                continue
            relation, gender, possessor_start, possessor_end = found
            owner = state.entity_at(possessor_start, possessor_end)
            if gender != "-":
                entity.attributes.setdefault("gender", gender)
            if owner is None or owner.key == entity.key or owner.type != "Person":
                continue
            links = entity.attributes.setdefault("family", [])
            assert isinstance(links, list)
            link = {"relation": relation, "of": owner.key}
            if link not in links:
                links.append(link)
            written = state.article.text[possessor_start:possessor_end]
            _take_surname(entity, owner, relation, written)


#: Relatives who share the surname of the one they are named through ("X's brother Ivo").
_SURNAME_KIN = {"father", "son", "brother", "grandfather", "grandson"}


def _take_surname(entity: Entity, owner: Entity, relation: str, written: str) -> None:
    """ "X's older brother Ivo" is Ivo X: a lone given name gets the surname the article
    wrote for its relative, so it is not just any Ivo across documents."""
    surname = owner.name.split()[-1]
    if relation not in _SURNAME_KIN or len(entity.name.split()) != 1:
        return
    if len(owner.name.split()) < 2 or fold(written) != fold(surname):
        return
    if entity.name not in entity.aliases:
        entity.aliases.append(entity.name)
    entity.name = f"{entity.name} {surname}"


def _kin_before(
    state: DocumentState, mention: Mention, lex: Lexicon
) -> tuple[str, str, int, int] | None:
    """(relation, gender, possessor offsets) for "POSS [adj] KIN[,] NAME", else None."""
    sentence = state.parsed.sentence_at(mention.start)
    if sentence is None:
        return None
    doc = sentence.paragraph.doc
    offset = sentence.paragraph.offset
    k = next((t.i for t in sentence.span if offset + t.idx == mention.start), None)
    if k is None:
        return None
    k -= 1
    if k >= sentence.span.start and doc[k].text == ",":
        k -= 1
    if k < sentence.span.start or fold(doc[k].text) not in lex.kinship:
        return None
    relation, gender = lex.kinship[fold(doc[k].text)]
    k -= 1
    while k >= sentence.span.start and doc[k].lower_ in _KIN_MODIFIERS:
        k -= 1
    if k < sentence.span.start:
        return None
    token = doc[k]
    if token.lower_ in {"his", "her"}:
        return relation, gender, offset + token.idx, offset + token.idx + len(token.text)
    if token.text in _POSSESSIVE and k > sentence.span.start:
        owner = doc[k - 1]
        return relation, gender, offset + owner.idx, offset + owner.idx + len(owner.text)
    return relation, gender, -1, -1


def gender_from_titles(state: DocumentState, lex: Lexicon) -> None:
    """Gender from a given name, honorifics ("Mrs. X") and gendered titles, for pronouns."""
    gendered = {"Congressman": "m", "Congresswoman": "f", "King": "m", "Queen": "f"}
    gendered |= {"Prince": "m", "Princess": "f", "Chairman": "m", "Chairwoman": "f"}
    gendered |= {"Spokesman": "m", "Spokeswoman": "f"}
    text = state.article.text
    for entity in state.analysis.entities:
        if entity.type != "Person" or "gender" in entity.attributes:
            continue
        given = lex.given_names.get(entity.name.split()[0])
        if given and len(entity.name.split()) > 1:
            entity.attributes["gender"] = given
            continue
        for mention in entity.mentions:
            before = text[max(0, mention.start - 16) : mention.start].split()
            if not before:
                continue
            word = before[-1]
            gender = lex.honorifics.get(word) or gendered.get(word)
            if gender and gender != "-":
                entity.attributes["gender"] = gender
                break
