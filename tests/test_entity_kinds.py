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
    assert _site_or_body("Varnholm Space Center".split(), lex) == "Place"
    assert _site_or_body("Museum of Coastal Flight".split(), lex) == "Place"
    assert _site_or_body("Centre for Tidal Studies".split(), lex) == "Organization"
    assert _site_or_body("Varnholm Harbour Workers Federation".split(), lex) is None
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
