"""Jobs, homes and places read from fictional sentences whose entities are given, so the
tests check the claim rules and not the name finder."""

from __future__ import annotations

import pytest

from dossier.extract.claims.extractor import RuleClaimExtractor, claims_for_document
from dossier.nlp.parse import ParsedDocument
from dossier.nlp.registry import DocumentState
from dossier.records import Analysis, Article, Entity, EntityType, Mention


def _relations(nlp, settings, text: str, names: dict[str, EntityType]):  # type: ignore[no-untyped-def]
    """(kind, subject name, object name) of every claim, with `names` as the entities."""
    entities: list[Entity] = []
    for key, (name, kind) in enumerate(names.items(), start=1):
        start = text.index(name)
        entities.append(Entity(key, kind, name, mentions=[Mention(start, start + len(name), name)]))
    state = DocumentState(
        Article(source="test", text=text),
        ParsedDocument.parse(text, nlp),
        settings,
        analysis=Analysis(entities=entities),
    )
    by_key = {e.key: e.name for e in entities}
    return {
        (c.kind, by_key.get(c.subject), by_key.get(c.object))
        for c in claims_for_document(state, RuleClaimExtractor())
    }


@pytest.mark.slow
def test_an_agency_in_the_dateline_is_based_in_its_places(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    got = _relations(
        nlp, settings, "(Text) Orsk, 12 Feb (VNA) -- The harbour reopened on Monday.",
        {"Orsk": "Place", "VNA": "Organization"},
    )  # fmt: skip
    assert ("location", "VNA", "Orsk") in got
    slug = _relations(
        nlp, settings, "Marlow DAILY COURIER in English 2 May 94 p 3",
        {"Marlow": "Place", "DAILY COURIER": "Organization"},
    )  # fmt: skip
    assert ("location", "DAILY COURIER", "Marlow") in slug
    headline = _relations(
        nlp, settings, "Harbour Reopens After Storm OW0102030494 Marlow TNA Domestic Service 2 May",
        {"Marlow": "Place", "TNA": "Organization"},
    )  # fmt: skip
    assert ("location", "TNA", "Marlow") in headline
    prose = _relations(
        nlp, settings, "Marlow welcomed TNA reporters on Monday.",
        {"Marlow": "Place", "TNA": "Organization"},
    )  # fmt: skip
    assert ("location", "TNA", "Marlow") not in prose


@pytest.mark.slow
def test_headquartered_in(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    got = _relations(
        nlp, settings, "Acme Mills is headquartered in Orsk.",
        {"Acme Mills": "Organization", "Orsk": "Place"},
    )  # fmt: skip
    assert ("location", "Acme Mills", "Orsk") in got


@pytest.mark.slow
def test_a_place_in_another_and_a_list_of_places(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    got = _relations(
        nlp, settings, "The plane flew to Tull from Orsk in eastern Vellany near the border.",
        {"Tull": "Place", "Orsk": "Place", "Vellany": "Place"},
    )  # fmt: skip
    assert ("location", "Orsk", "Vellany") in got
    assert ("location", "Tull", "Vellany") not in got
    listed = _relations(
        nlp, settings, "Floods hit Orsk, Tull, Marlow and Eastport on Sunday.",
        {"Orsk": "Place", "Tull": "Place", "Marlow": "Place", "Eastport": "Place"},
    )  # fmt: skip
    assert not {c for c in listed if c[0] == "location"}


@pytest.mark.slow
def test_lists_the_audit_found_are_no_place_in_another(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    """Audit c4-868: countries side by side, a list ending in "and other", and places each
    placed in their own are lists, while "Orsk, Vellany" still places Orsk."""
    for text, names in [
        ("Her firm worked for Vellany, Marovia, or Tull.",
         {"Vellany": "Country", "Marovia": "Country", "Tull": "Country"}),
        ("The plan drew criticism from Orsk, Tull and other capitals.",
         {"Orsk": "Place", "Tull": "Place"}),
        ("She stopped in Eastport County in Vellany, Tull County in Marovia and Orsk.",
         {"Eastport County": "Place", "Vellany": "Place", "Tull County": "Place",
          "Marovia": "Place", "Orsk": "Place"}),
    ]:  # fmt: skip
        got = {c for c in _relations(nlp, settings, text, names) if c[0] == "location"}
        assert ("location", "Vellany", "Marovia") not in got, text
        assert ("location", "Orsk", "Tull") not in got, text
        assert ("location", "Eastport County", "Tull County") not in got, text
        assert ("location", "Vellany", "Marovia") not in got, text
    placed = _relations(
        nlp, settings, "The mill in Orsk, Vellany, closed on Friday.",
        {"Orsk": "Place", "Vellany": "Country"},
    )  # fmt: skip
    assert ("location", "Orsk", "Vellany") in placed


@pytest.mark.slow
def test_jobs_named_by_verbs_and_nested_phrases(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    taught = _relations(
        nlp, settings, "Ivo Brannock taught at Eastport College for ten years.",
        {"Ivo Brannock": "Person", "Eastport College": "Organization"},
    )  # fmt: skip
    assert ("employment", "Ivo Brannock", "Eastport College") in taught
    nested = _relations(
        nlp, settings, "Mira Dovel, vice president of daytime programs for Halcyon Media, said so.",
        {"Mira Dovel": "Person", "Halcyon Media": "Organization"},
    )  # fmt: skip
    assert ("employment", "Mira Dovel", "Halcyon Media") in nested


@pytest.mark.slow
def test_a_title_after_a_name_belongs_to_the_name_after_it(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    got = _relations(
        nlp, settings,
        "He was joined by his wife, Lena Orlow and the deputy secretary of the Trade Ministry, "
        "Tomas Vell, during the visit.",
        {"Lena Orlow": "Person", "Trade Ministry": "Organization", "Tomas Vell": "Person"},
    )  # fmt: skip
    assert ("employment", "Tomas Vell", "Trade Ministry") in got
    assert ("employment", "Lena Orlow", "Trade Ministry") not in got


@pytest.mark.slow
def test_birthplace_and_home_state(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    born = _relations(
        nlp, settings, "Ivo Brannock was born on May 5, 1931, in Orsk and grew up by the sea.",
        {"Ivo Brannock": "Person", "Orsk": "Place"},
    )  # fmt: skip
    assert ("residence", "Ivo Brannock", "Orsk") in born
    native = _relations(
        nlp, settings, "Mira Dovel easily won the vote on Saturday in her native Vellany.",
        {"Mira Dovel": "Person", "Vellany": "Place"},
    )  # fmt: skip
    assert ("residence", "Mira Dovel", "Vellany") in native


@pytest.mark.slow
def test_who_was_born_where_through_relatives_and_titles(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    relative = _relations(
        nlp, settings, "Actress Mira Dovel, who was born in Orsk, donated a coat to the museum.",
        {"Mira Dovel": "Person", "Orsk": "Place"},
    )  # fmt: skip
    assert ("residence", "Mira Dovel", "Orsk") in relative
    titled = _relations(
        nlp, settings,
        "In 1831, the 20th president of Vellany, Ivo Brannock, was born in Tull.",
        {"Vellany": "Place", "Ivo Brannock": "Person", "Tull": "Place"},
    )  # fmt: skip
    assert ("residence", "Ivo Brannock", "Tull") in titled


@pytest.mark.slow
def test_where_someone_is_from(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    came = _relations(
        nlp, settings, "Mrs. Dovel is from Tull in southern Vellany.",
        {"Mrs. Dovel": "Person", "Tull": "Place", "Vellany": "Place"},
    )  # fmt: skip
    assert {("residence", "Mrs. Dovel", "Tull"), ("location", "Tull", "Vellany")} <= came
    native = _relations(
        nlp, settings, "Brannock is a Marlow native who was hired by Acme.",
        {"Brannock": "Person", "Marlow": "Place", "Acme": "Organization"},
    )  # fmt: skip
    assert ("residence", "Brannock", "Marlow") in native


@pytest.mark.slow
def test_an_organisation_before_a_title_and_name_employs_them(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    got = _relations(
        nlp, settings, "Harbor Guard floor leader Mira Dovel told reporters the port was shut.",
        {"Harbor Guard": "Organization", "Mira Dovel": "Person"},
    )  # fmt: skip
    assert ("employment", "Mira Dovel", "Harbor Guard") in got
    bare = _relations(
        nlp, settings, "Reporters asked Harbor Guard about Mira Dovel on Monday.",
        {"Harbor Guard": "Organization", "Mira Dovel": "Person"},
    )  # fmt: skip
    assert ("employment", "Mira Dovel", "Harbor Guard") not in bare


@pytest.mark.slow
def test_who_heads_or_founded_an_organisation(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    heads = _relations(
        nlp, settings, "Ivo Brannock, who heads the Orsk Weather Institute, said it was dry.",
        {"Ivo Brannock": "Person", "Orsk Weather Institute": "Organization"},
    )  # fmt: skip
    assert ("employment", "Ivo Brannock", "Orsk Weather Institute") in heads
    founded = _relations(
        nlp, settings, "The Tull Opera Company was founded in 1977 by Lena Orlow.",
        {"Tull Opera Company": "Organization", "Lena Orlow": "Person"},
    )  # fmt: skip
    assert ("employment", "Lena Orlow", "Tull Opera Company") in founded


@pytest.mark.slow
def test_a_places_officeholder_and_capital(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    governor = _relations(
        nlp, settings, "He was startled when he saw Vellany's governor, Democrat Ivo Brannock.",
        {"Vellany": "Place", "Ivo Brannock": "Person"},
    )  # fmt: skip
    assert ("residence", "Ivo Brannock", "Vellany") in governor
    capital = _relations(
        nlp, settings, "Vellany's capital, Orsk, is best known for its harbour.",
        {"Vellany": "Place", "Orsk": "Place"},
    )  # fmt: skip
    assert ("location", "Orsk", "Vellany") in capital


@pytest.mark.slow
def test_a_country_lies_in_no_other_place(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    """Audit c5-959: "Like X, Y's relationship with …" set one country inside another."""
    got = _relations(
        nlp, settings, "Like Vellany, Marovia's strategic relationship with Tull mattered more.",
        {"Vellany": "Country", "Marovia": "Country", "Tull": "Place"},
    )  # fmt: skip
    assert not {c for c in got if c[0] == "location" and c[1] in {"Vellany", "Marovia"}}
    placed = _relations(
        nlp, settings, "The mill in Orsk, Vellany, closed on Friday.",
        {"Orsk": "Place", "Vellany": "Country"},
    )  # fmt: skip
    assert ("location", "Orsk", "Vellany") in placed


@pytest.mark.slow
def test_a_place_of_an_event_before_a_name_is_no_home(nlp, settings) -> None:  # type: ignore[no-untyped-def]
    """Audit c7-1163: "Vellany primary winner X", "Tull shooter X" name where a contest or
    a crime happened, not where X is from; "Vellany Sen. X" still says whom X represents."""
    names: dict[str, EntityType] = {"Vellany": "Place", "Ivo Brannock": "Person"}
    titled = _relations(nlp, settings, "Vellany Sen. Ivo Brannock spoke on Monday.", names)
    assert ("residence", "Ivo Brannock", "Vellany") in titled
    for text in (
        "Vellany primary winner Ivo Brannock spoke on Monday.",
        "Vellany shooter Ivo Brannock was arrested on Monday.",
    ):
        assert not {c for c in _relations(nlp, settings, text, names) if c[0] == "residence"}
