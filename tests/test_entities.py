"""Entities of one article: consolidation, types, demonyms, outlets, family, pronouns."""

from __future__ import annotations

import pytest

from dossier.nlp.entity_lexicon import fold, lexicon
from dossier.records import Article, Entity
from dossier.settings import Settings

ARTICLE = """Mayor Talia Voskresen won the March 3 runoff, garnering 54.20% of the vote over \
former Trade Minister Odran Pelk's 45.80%. Voskresen will meet Norwegian \
President Halvard Brekkestad on March 9.

Voskresen's older brother Corwin, a graduate of the Ardent Institute, served as Finance Minister \
and Harbour Authority Governor in the Mallory government. Voskresen intends to hire more than \
2,000 teachers.

According to The Lantern Courier, Pelk met Voskresen in 2019. Pelk said he would not concede. \
"His father, Aldo Pelk, was a shipbuilder," The Lantern Courier reports.

Sen. Brann Ostrowe (R-Fla.) praised the result. The senator said turnout was high. Anna Marrow, \
the marketing director for Quillon Foods, did not comment."""

MINE = ("entities", "roles", "temporal", "amounts")


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    """Runs only this area's components over a text (the model is loaded once)."""
    from dossier.nlp.pipeline import Pipeline

    pipeline = Pipeline(Settings(pipeline=MINE))

    def analyse(text: str, **fields):  # type: ignore[no-untyped-def]
        article = Article(source="test", text=text, **fields)
        return pipeline.run(article, pipeline.parse(article))

    return analyse


@pytest.fixture(scope="module")
def state(run):  # type: ignore[no-untyped-def]
    return run(ARTICLE, published="2024-03-05", language="en")


def named(state, name: str) -> Entity:  # type: ignore[no-untyped-def]
    found = [e for e in state.analysis.entities if e.name == name]
    assert len(found) == 1, [e.name for e in state.analysis.entities]
    return found[0]


def test_fold_matches_accentless_spellings() -> None:
    assert fold("José Ñandú’s") == fold("Jose Nandu's")


def test_lexicon_maps_demonyms_and_aliases_to_countries() -> None:
    lex = lexicon()
    assert lex.demonyms[fold("Peruvian")] == "Peru"
    assert lex.countries[fold("U.S.")] == "United States"
    assert lex.kinship["brother"] == ("brother", "m")
    assert lex.titles["Sen."] == "Senator"


@pytest.mark.slow
def test_surnames_and_possessives_join_the_full_name(state) -> None:  # type: ignore[no-untyped-def]
    voskresen = named(state, "Talia Voskresen")
    assert voskresen.type == "Person"
    forms = {(m.text, m.form) for m in voskresen.mentions}
    assert ("Voskresen", "surname") in forms
    assert ("Voskresen", "possessive") in forms
    assert len([m for m in voskresen.mentions if m.form != "pronoun"]) == 5
    text = state.article.text
    assert all(text[m.start : m.end] == m.text for m in voskresen.mentions)


@pytest.mark.slow
def test_each_person_is_one_entity(state) -> None:  # type: ignore[no-untyped-def]
    names = [e.name for e in state.analysis.entities if e.type == "Person"]
    assert len(names) == len(set(names))
    assert "Voskresen" not in names and "Pelk" not in names


@pytest.mark.slow
def test_same_surname_relatives_stay_apart(state) -> None:  # type: ignore[no-untyped-def]
    son, father = named(state, "Odran Pelk"), named(state, "Aldo Pelk")
    assert son.key != father.key
    assert father.attributes["family"] == [{"relation": "father", "of": son.key}]
    corwin = named(state, "Corwin Voskresen")  # the surname written for his brother
    assert "Corwin" in corwin.aliases
    assert corwin.attributes["family"] == [
        {"relation": "brother", "of": named(state, "Talia Voskresen").key}
    ]


@pytest.mark.slow
def test_demonym_is_a_country_mention(state) -> None:  # type: ignore[no-untyped-def]
    norway = named(state, "Norway")
    assert norway.type == "Country"
    assert [(m.text, m.form) for m in norway.mentions] == [("Norwegian", "demonym")]


@pytest.mark.slow
def test_outlet_cited_as_source_is_an_organization(state) -> None:  # type: ignore[no-untyped-def]
    outlet = named(state, "The Lantern Courier")
    assert outlet.type == "Organization"
    assert len(outlet.mentions) == 2


@pytest.mark.slow
def test_offices_are_not_organisations(state) -> None:  # type: ignore[no-untyped-def]
    names = {e.name for e in state.analysis.entities}
    assert "Harbour Authority Governor" not in names
    assert "Trade" not in names


@pytest.mark.slow
def test_clear_pronouns_are_mentions_of_their_person(state) -> None:  # type: ignore[no-untyped-def]
    pelk = named(state, "Odran Pelk")
    pronouns = [m.text for m in pelk.mentions if m.form == "pronoun"]
    assert pronouns == ["he", "His"]
    found = state.entity_at(*next((m.start, m.end) for m in pelk.mentions if m.text == "he"))
    assert found is pelk


@pytest.mark.slow
def test_pronoun_with_two_candidates_and_no_tie_break_is_left_alone(run) -> None:  # type: ignore[no-untyped-def]
    state = run("Oskar Fenn thanked Piet Lauder. Later that day, a reporter asked him to leave.")
    assert all(m.form != "pronoun" for e in state.analysis.entities for m in e.mentions)


@pytest.mark.slow
def test_object_pronoun_is_not_its_own_clause_subject(run) -> None:  # type: ignore[no-untyped-def]
    state = run("Piet Lauder praised Oskar Fenn. Lauder flew south to meet him.")
    fenn = named(state, "Oskar Fenn")
    assert [m.text for m in fenn.mentions if m.form == "pronoun"] == ["him"]


@pytest.mark.slow
def test_no_entities_is_fine(run) -> None:  # type: ignore[no-untyped-def]
    state = run("It rained all day and the roads were wet.")
    assert state.analysis.entities == []


@pytest.mark.slow
def test_non_english_text_is_left_alone_with_a_warning(run) -> None:  # type: ignore[no-untyped-def]
    state = run("Talia Voskresen ganó la segunda vuelta el domingo.", language="es")
    assert state.analysis.entities == []
    assert any("not English" in w for w in state.analysis.warnings)


@pytest.mark.slow
def test_undetermined_language_still_gets_entities(run) -> None:  # type: ignore[no-untyped-def]
    state = run(ARTICLE, published="2024-03-05", language="und")
    assert state.analysis.entities
    assert not any("not extracted" in w for w in state.analysis.warnings)


@pytest.mark.slow
def test_all_capitals_text_does_not_crash(run) -> None:  # type: ignore[no-untyped-def]
    state = run(ARTICLE.upper(), published="2024-03-05")
    assert any("capitals" in w for w in state.analysis.warnings)
    for entity in state.analysis.entities:
        for mention in entity.mentions:
            assert state.article.text[mention.start : mention.end] == mention.text


@pytest.mark.slow
def test_thousands_of_entities(run) -> None:  # type: ignore[no-untyped-def]
    first = ["Anna", "Oskar", "Marta", "Piet", "Lena", "Tomas", "Ida", "Karl", "Vera", "Emil"]
    last = [f"Vold{chr(97 + i)}{chr(97 + j)}" for i in range(26) for j in range(8)]
    sentences = [f"{f} {s.capitalize()} met the council." for f in first for s in last]
    state = run("\n".join(sentences))
    people = [e for e in state.analysis.entities if e.type == "Person"]
    assert len(people) > 1000


def test_untagged_names_after_titles_and_given_names() -> None:
    """The rules that add names the tagger missed, on a hand-built Doc with no entities."""
    import spacy
    from spacy.tokens import Doc

    from dossier.nlp.entity_candidates import _given_name_spans, _titled_spans
    from dossier.nlp.parse import Paragraph

    words = ["Sen.", "Oduya", "and", "Anna", "Kvistborg", "met", "General", "Motors", "staff"]
    pos = ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "NOUN"]
    para = Paragraph(0, 10, Doc(spacy.blank("en").vocab, words=words, pos=pos))
    covered: set[int] = set()
    titled = _titled_spans(para, covered, lexicon())
    given = _given_name_spans(para, covered, lexicon())
    assert [(c.text, c.start) for c in titled] == [("Oduya", 15)]
    assert [c.text for c in given] == ["Anna Kvistborg"]
    assert all(c.votes["Person"] > 0 for c in titled + given)


@pytest.mark.slow
def test_acronym_joins_its_long_name(run) -> None:  # type: ignore[no-untyped-def]
    state = run(
        "The Harbour Workers Federation (HWF) called a strike. "
        "The HWF said the Ministry of Ports had ignored it."
    )
    federation = named(state, "Harbour Workers Federation")
    assert federation.type == "Organization"
    assert [m.form for m in federation.mentions].count("acronym") == 2
    assert "HWF" in federation.aliases


@pytest.mark.slow
def test_accentless_spelling_is_the_same_person(run) -> None:  # type: ignore[no-untyped-def]
    state = run("Dalia Ferrón spoke first. Later Dalia Ferron spoke again, and Ferrón left.")
    people = [e for e in state.analysis.entities if e.type == "Person"]
    assert [p.name for p in people] == ["Dalia Ferrón"]
    assert len(people[0].mentions) == 3


@pytest.mark.slow
def test_gender_from_given_names_picks_the_antecedent(run) -> None:  # type: ignore[no-untyped-def]
    state = run("Oscar Fenn met Anna Kvistborg in Varnholm. She said the talks went well.")
    anna = named(state, "Anna Kvistborg")
    assert [m.text for m in anna.mentions if m.form == "pronoun"] == ["She"]
    assert all(m.form != "pronoun" for m in named(state, "Oscar Fenn").mentions)


def test_possessive_kinship_marks_a_person() -> None:
    import spacy
    from spacy.tokens import Doc

    from dossier.nlp.entity_candidates import _kin_after

    doc = Doc(spacy.blank("en").vocab, words=["Paris", "'s", "older", "sister", "left", "Paris"])
    assert _kin_after(doc, 1, lexicon())
    assert not _kin_after(doc, 6, lexicon())
    assert not _kin_after(doc, 4, lexicon())


def test_untagged_names_ending_in_an_organisation_word() -> None:
    import spacy
    from spacy.tokens import Doc

    from dossier.nlp.entity_candidates import _org_word_spans
    from dossier.nlp.parse import Paragraph

    words = [
        "He",
        "joined",
        "the",
        "Civic",
        "Harbour",
        "Party",
        "as",
        "Central",
        "Bank",
        "Governor",
    ]
    pos = ["PRON", "VERB", "DET", "PROPN", "PROPN", "PROPN", "ADP", "PROPN", "PROPN", "PROPN"]
    para = Paragraph(0, 0, Doc(spacy.blank("en").vocab, words=words, pos=pos))
    found = _org_word_spans(para, set(), lexicon())
    assert [(c.text, c.votes["Organization"] > 0) for c in found] == [("Civic Harbour Party", True)]
