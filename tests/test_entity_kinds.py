"""What a name's own words say it is: buildings and sites are places, bodies organisations."""

from __future__ import annotations

import pytest

from dossier.nlp.entity_lexicon import lexicon
from dossier.records import Article
from dossier.settings import Settings


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    from dossier.nlp.pipeline import Pipeline

    pipeline = Pipeline(Settings(pipeline=("entities",)))

    def analyse(text: str):  # type: ignore[no-untyped-def]
        article = Article(source="test", text=text, language="en")
        return pipeline.run(article, pipeline.parse(article))

    return analyse


def test_building_words_decide_place_or_body() -> None:
    from dossier.nlp.entity_candidates import _site_or_body

    lex = lexicon()
    assert _site_or_body(["Varnholm", "Space", "Center"], lex) == "Place"
    assert _site_or_body(["Museum", "of", "Coastal", "Flight"], lex) == "Place"
    assert _site_or_body(["Centre", "for", "Tidal", "Studies"], lex) == "Organization"
    assert _site_or_body(["Varnholm", "Harbour", "Workers", "Federation"], lex) is None
    assert _site_or_body(["Museum"], lex) is None


@pytest.mark.slow
def test_a_space_center_and_its_acronym_are_one_place(run) -> None:  # type: ignore[no-untyped-def]
    state = run(
        "The shuttle will stay at the Varnholm Space Center (VSC) in Ostrava Bay. "
        "Workers at the Varnholm Space Center said the VSC had waited for years."
    )
    center = next(e for e in state.analysis.entities if e.name == "Varnholm Space Center")
    assert center.type == "Place"
    assert [m.text for m in center.mentions].count("VSC") == 2


def _doc(words: list[str]):  # type: ignore[no-untyped-def]
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words)


def test_vehicle_words_in_or_before_a_name() -> None:
    from dossier.nlp.entity_candidates import _vehicle

    lex = lexicon()
    doc = _doc(["Space", "Shuttle", "Orla", "met", "the", "cruise", "ship", "Marisol"])
    assert _vehicle(doc, 0, 3, lex)
    assert _vehicle(doc, 7, 8, lex)
    assert not _vehicle(_doc(["Ida", "Holt", "left"]), 0, 2, lex)


def test_one_word_person_with_no_cue_is_not_a_person() -> None:
    """Only the tagger calls "Brisklet" a person in every mention: it takes its next type."""
    from collections import Counter

    from dossier.nlp.entities import _Cluster, _cluster_type
    from dossier.nlp.entity_candidates import _Cand
    from dossier.nlp.parse import Paragraph

    para = Paragraph(0, 0, _doc(["Brisklet", "and", "Ida", "Holt", "and", "Holt"]))

    def cluster(spans: list[tuple[int, int]], votes: dict[str, int]) -> _Cluster:
        made = _Cluster(0, [])
        for i, j in spans:
            made.add(_Cand(para, i, j, i, j, "x"))
        made.votes = Counter(votes)
        return made

    assert _cluster_type(cluster([(0, 1)], {"Person": 1})) == "Other"
    assert _cluster_type(cluster([(0, 1)], {"Person": 1, "Place": 1})) == "Place"
    assert _cluster_type(cluster([(0, 1)], {"Person": 3})) == "Person"  # a cue, a given name
    assert _cluster_type(cluster([(2, 4), (5, 6)], {"Person": 2})) == "Person"


def test_kinship_word_before_a_name_marks_a_person() -> None:
    from dossier.nlp.entity_candidates import _kin_before

    doc = _doc(["her", "brother", "Corwin", "and", "his", "wife", ",", "Mira", "met", "Tom"])
    assert _kin_before(doc, 2, lexicon())
    assert _kin_before(doc, 7, lexicon())
    assert not _kin_before(doc, 9, lexicon())


@pytest.mark.slow
def test_article_and_bracketed_acronym_are_not_part_of_the_name(run) -> None:  # type: ignore[no-untyped-def]
    state = run(
        "Inspectors cited a Varnholm Fisheries Authority report on Monday. "
        "The Varnholm Fisheries Authority (VFA) said stocks were falling, "
        "and the VFA asked boats to stay in port."
    )
    body = next(e for e in state.analysis.entities if e.name == "Varnholm Fisheries Authority")
    assert body.type == "Organization"
    texts = [m.text for m in body.mentions]
    assert texts.count("Varnholm Fisheries Authority") == 2
    assert texts.count("VFA") == 2
    assert all("(" not in t and not t.startswith("a ") for t in texts)


def test_surname_the_parser_took_for_a_noun() -> None:
    """A known "Ida Holt" makes "Holt observed …" a mention even when Holt is tagged NOUN."""
    import spacy
    from spacy.tokens import Doc

    from dossier.nlp.entities import _Cluster, _surname_as_noun

    words = ["Holt", "observed", "the", "Holt", "rising", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 1, 3, 1, 3, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "acl", "punct"],
        sent_starts=[True, False, False, False, False, False],
    )
    full, bare = _Cluster(0, ["ida", "holt"]), _Cluster(1, ["holt"])
    assert _surname_as_noun(doc[0], [full])
    assert _surname_as_noun(doc[3], [full])  # mid-sentence
    assert not _surname_as_noun(doc[0], [bare])  # no full name seen


def test_country_name_tagged_as_a_person_is_the_country() -> None:
    """The tagger's PERSON on "Peru" is the country; on "Jordan", a given name, it stays."""
    from types import SimpleNamespace

    import spacy
    from spacy.tokens import Doc, Span

    from dossier.nlp.entity_candidates import _collect
    from dossier.nlp.parse import Paragraph

    words = ["Peru", "beat", "Jordan", "Vale", "and", "Jordan", "."]
    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, 0, 1, "PERSON"), Span(doc, 5, 6, "PERSON")]
    para = Paragraph(0, 0, doc)
    state = SimpleNamespace(
        parsed=SimpleNamespace(paragraphs=[para]), article=SimpleNamespace(text=doc.text)
    )
    found = {c.text: c.country for c in _collect(state, lexicon())}  # type: ignore[arg-type]
    assert found["Peru"] == "Peru"
    assert found["Jordan"] is None
