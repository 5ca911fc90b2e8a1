"""Who is who in one article: unnamed relatives, party names, surnames before a government."""

from __future__ import annotations

import pytest

from dossier.records import Article, Entity
from dossier.settings import Settings


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    from dossier.nlp.pipeline import Pipeline

    pipeline = Pipeline(Settings(pipeline=("entities",)))

    def analyse(text: str):  # type: ignore[no-untyped-def]
        article = Article(source="test", text=text, language="en")
        return pipeline.run(article, pipeline.parse(article)).analysis.entities

    return analyse


def forms(entities: list[Entity], name: str) -> list[str]:
    """The mention texts of the entity called `name`, in order."""
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in entities]
    return [m.text for m in found[0].mentions]


def typed(entities: list[Entity], name: str) -> str:
    return next(e.type for e in entities if e.name == name)


def test_unnamed_relative_takes_the_pronoun_after_it(run) -> None:  # type: ignore[no-untyped-def]
    """'his father was …, until he fled': the father fled, not the man named before."""
    entities = run(
        "Peter Varnholt won the runoff on Sunday. One of Varnholt's secrets is that his father "
        "was a member of the Harbour League, until he fled the country in 1950."
    )
    mentions = forms(entities, "Peter Varnholt")
    assert "his" in mentions  # the only person named before it in its sentence
    assert "he" not in mentions


def test_named_relative_in_apposition_does_not_block(run) -> None:  # type: ignore[no-untyped-def]
    entities = run(
        "Peter Varnholt spoke on Monday. His father, Karl Varnholt, was a sailor before he "
        "settled in Ostrava."
    )
    assert "His" in forms(entities, "Peter Varnholt")
    assert typed(entities, "Karl Varnholt") == "Person"


def _doc(words: list[str], **annotations):  # type: ignore[no-untyped-def]
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, **annotations)


def test_acronym_joined_by_a_hyphen_is_no_personal_name() -> None:
    from dossier.nlp.entity_candidates import _acronym_part

    doc = _doc(["Zelo", "-", "PF", "and", "Karl", "Brandt", "III", "and", "Arkham", "VR"])
    assert _acronym_part(doc[0:3])
    assert not _acronym_part(doc[4:7])  # a generation, not an acronym
    assert not _acronym_part(doc[8:10])  # a product's capitals are left to other cues


def test_double_barrelled_surname_counts_as_two_words() -> None:
    from dossier.nlp.entities import _several_words

    assert _several_words("Ruiz-Tagle")
    assert _several_words("Ana Ruiz")
    assert not _several_words("Zelo-PF")
    assert not _several_words("Brandt")


def test_surname_before_a_government_noun() -> None:
    from dossier.nlp.entity_candidates import _leads_government

    words = ["by", "the", "Okwendo", "government", "and", "Okwendo", "spoke"]
    deps = ["prep", "det", "compound", "pobj", "cc", "nsubj", "ROOT"]
    doc = _doc(words, deps=deps, heads=[6, 3, 3, 0, 6, 6, 6])
    assert _leads_government(doc, 3)
    assert not _leads_government(doc, 6)


def test_counted_plural_is_a_people_not_a_surname() -> None:
    from dossier.nlp.entity_candidates import _counted_plural

    words = ["by", "many", "Africans", "and", "Walker", "Evans", "said"]
    doc = _doc(
        words,
        tags=["IN", "JJ", "NNPS", "CC", "NNP", "NNPS", "VBD"],
        pos=["ADP", "ADJ", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB"],
    )
    assert _counted_plural(doc, 2, 3)
    assert not _counted_plural(doc, 5, 6)


def test_a_people_counted_is_not_an_entity(run) -> None:  # type: ignore[no-untyped-def]
    entities = run(
        "Mr Varnholt, still seen by many Africans as a liberation hero, is reviled in the West."
    )
    assert "Africans" not in [e.name for e in entities]


def test_possessive_owner_is_cut_from_a_party_name() -> None:
    """ "Varnholt’s Likov party": the owner is a person's mention, the body is "Likov party";
    a two-word name ending in a possessive-looking word is left whole."""
    from dossier.nlp.entity_candidates import _trim
    from dossier.nlp.entity_lexicon import lexicon

    words = ["from", "Varnholt", "’s", "Likov", "party", "and", "Dolan", "'s", "Diner", "."]
    deps = ["ROOT", "poss", "case", "compound", "pobj", "cc", "poss", "case", "conj", "punct"]
    doc = _doc(words, deps=deps, heads=[0, 4, 1, 4, 0, 4, 8, 6, 4, 0])
    lex = lexicon()
    assert _trim(doc, 1, 5, "ORG", lex)[:2] == (3, 5)
    assert _trim(doc, 6, 9, "ORG", lex)[:2] == (6, 9)


def test_name_in_a_byline_is_no_antecedent(run) -> None:  # type: ignore[no-untyped-def]
    """'Analysis: X, Outlet, City' names the writer; the pronouns after it are the subject's."""
    entities = run(
        "Mr Peter Varnholt said on Friday that he would stay.\n\n"
        "Analysis: John Brekke, Harbour News, Ostrava\n\n"
        "Nine months ago, the mayor seemed a spent force, and members of his own party "
        "were reluctant to campaign on his record."
    )
    assert [m.text for m in next(e for e in entities if e.name == "John Brekke").mentions] == [
        "John Brekke"
    ]
    assert forms(entities, "Peter Varnholt").count("his") == 2


def test_brother_named_through_a_surname_takes_it(run) -> None:  # type: ignore[no-untyped-def]
    """A brother named through a surname ("Varnholt's older brother Ivo") is Ivo Varnholt,
    kept apart from Peter Varnholt; a wife named through "his" keeps the name she is given."""
    entities = run(
        "Peter Varnholt won the runoff. Varnholt's older brother Ivo, a graduate of the "
        "Ardent Institute, served as Finance Minister. Varnholt and his wife, Mira, voted early."
    )
    ivo = next(e for e in entities if e.name == "Ivo Varnholt")
    assert ivo.aliases == ["Ivo"]
    peter = next(e for e in entities if e.name == "Peter Varnholt")
    assert ivo.key != peter.key
    assert ivo.attributes["family"] == [{"relation": "brother", "of": peter.key}]
    assert "Mira" in [e.name for e in entities]
