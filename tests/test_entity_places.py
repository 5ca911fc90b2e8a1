"""Unfamiliar countries and towns typed from how the article uses them."""

from __future__ import annotations

import pytest

from dossier.nlp.entity_places import demonym_forms
from dossier.records import Article
from dossier.settings import Settings


@pytest.fixture(scope="module")
def types():  # type: ignore[no-untyped-def]
    from dossier.nlp.pipeline import Pipeline

    pipeline = Pipeline(Settings(pipeline=("entities",)))

    def analyse(text: str) -> dict[str, str]:
        article = Article(source="test", text=text, language="en")
        state = pipeline.run(article, pipeline.parse(article))
        return {e.name: e.type for e in state.analysis.entities}

    return analyse


def test_demonym_forms() -> None:
    assert "estmarkian" in demonym_forms("estmark")
    assert "valdorian" in demonym_forms("valdoria")
    assert "tarnovan" in demonym_forms("tarnova")
    assert "estmarkian" not in demonym_forms("valdoria")


@pytest.mark.slow
def test_a_demonym_makes_its_place_a_country(types) -> None:  # type: ignore[no-untyped-def]
    found = types(
        "The Estmark Observer reported that Estmark will hold a vote. Estmarkian voters are tired."
    )
    assert found["Estmark"] == "Country"


@pytest.mark.slow
def test_a_parliament_owner_is_a_country(types) -> None:  # type: ignore[no-untyped-def]
    found = types("Tarnova's parliament approved the budget on Friday, officials said.")
    assert found["Tarnova"] == "Country"


@pytest.mark.slow
def test_towns_after_motion_are_places(types) -> None:  # type: ignore[no-untyped-def]
    found = types(
        "Dario Pell invited Emil Varga to Kessa. After a visit to Varnholm, Varga flew home."
    )
    assert found["Kessa"] == "Place"
    assert found["Varnholm"] == "Place"
    assert found["Dario Pell"] == "Person"


@pytest.mark.slow
def test_the_mayor_of_a_town_is_of_a_place(types) -> None:  # type: ignore[no-untyped-def]
    found = types("Voters will choose Hana Lindqvist, the mayor of Kellby, in a runoff.")
    assert found["Kellby"] == "Place"


@pytest.mark.slow
def test_a_governed_name_is_a_country(types) -> None:  # type: ignore[no-untyped-def]
    found = types("Dario Pell, a former army colonel, has governed Morvania since 2019.")
    assert found["Morvania"] == "Country"


@pytest.mark.slow
def test_a_visited_name_is_a_place(types) -> None:  # type: ignore[no-untyped-def]
    found = types("Hana Lindqvist will visit Kessa next week, her office said.")
    assert found["Kessa"] == "Place"
