"""Offices and titles: before names, appositions, "served as", party tags, dates, "the senator"."""

from __future__ import annotations

import pytest

from test_entities import ARTICLE, MINE, named

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def state():  # type: ignore[no-untyped-def]
    from dossier.nlp.pipeline import Pipeline
    from dossier.records import Article
    from dossier.settings import Settings

    pipeline = Pipeline(Settings(pipeline=MINE))
    article = Article(source="test", text=ARTICLE, published="2024-03-05", language="en")
    return pipeline.run(article, pipeline.parse(article))


def roles(state, name: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {r.title: r for r in named(state, name).roles}


def test_demonym_title_gives_the_country(state) -> None:  # type: ignore[no-untyped-def]
    role = roles(state, "Halvard Brekkestad")["President"]
    assert role.of == named(state, "Norway").key  # type: ignore[attr-defined]
    # "will meet … on March 9" dates the meeting, not the presidency: the document's date.
    assert (role.date, role.date_basis) == ("2024-03-05", "document")  # type: ignore[attr-defined]


def test_a_runoff_date_is_not_a_former_ministers(state) -> None:  # type: ignore[no-untyped-def]
    role = roles(state, "Odran Pelk")["Trade Minister"]
    assert (role.date, role.date_basis) == ("2024-03-05", "document")  # type: ignore[attr-defined]


def test_former_title_is_not_current(state) -> None:  # type: ignore[no-untyped-def]
    role = roles(state, "Odran Pelk")["Trade Minister"]
    assert role.current is False  # type: ignore[attr-defined]


def test_party_tag_and_document_date(state) -> None:  # type: ignore[no-untyped-def]
    role = roles(state, "Brann Ostrowe")["Senator"]
    assert (role.party, role.region) == ("Republican", "Florida")  # type: ignore[attr-defined]
    assert (role.date, role.date_basis) == ("2024-03-05", "document")  # type: ignore[attr-defined]
    assert role.current is True  # type: ignore[attr-defined]


def test_served_as_gives_past_roles(state) -> None:  # type: ignore[no-untyped-def]
    found = roles(state, "Corwin Voskresen")
    assert {"Finance Minister", "Harbour Authority Governor"} <= set(found)
    assert all(r.current is False for r in found.values())  # type: ignore[attr-defined]


def test_apposition_role_is_of_the_company(state) -> None:  # type: ignore[no-untyped-def]
    role = roles(state, "Anna Marrow")["marketing director"]
    assert role.of == named(state, "Quillon Foods").key  # type: ignore[attr-defined]


def test_the_senator_is_a_mention_of_the_only_senator(state) -> None:  # type: ignore[no-untyped-def]
    ostrowe = named(state, "Brann Ostrowe")
    titles = [m for m in ostrowe.mentions if m.form == "title"]
    assert [m.text for m in titles] == ["The senator"]
    assert state.entity_at(titles[0].start, titles[0].end) is ostrowe


def test_role_offsets_point_at_the_title(state) -> None:  # type: ignore[no-untyped-def]
    role = roles(state, "Odran Pelk")["Trade Minister"]
    assert state.article.text[role.start : role.end] == "Trade Minister"  # type: ignore[attr-defined]


def test_the_title_is_ambiguous_with_two_holders() -> None:
    from dossier.nlp.pipeline import Pipeline
    from dossier.records import Article
    from dossier.settings import Settings

    pipeline = Pipeline(Settings(pipeline=MINE))
    text = "Sen. Brann Ostrowe met Sen. Lia Dorrance. The senator left early."
    article = Article(source="test", text=text)
    state = pipeline.run(article, pipeline.parse(article))
    assert all(m.form != "title" for e in state.analysis.entities for m in e.mentions)


def test_copular_and_descriptive_roles() -> None:
    from dossier.nlp.pipeline import Pipeline
    from dossier.records import Article
    from dossier.settings import Settings

    pipeline = Pipeline(Settings(pipeline=MINE))
    text = (
        "Critics of Norwegian navy admiral Halvard Brekkestad spoke out. "
        "His partner, Oscar Fenn, was a lieutenant in the navy."
    )
    article = Article(source="test", text=text, published="2024-03-05")
    state = pipeline.run(article, pipeline.parse(article))
    fenn = {r.title: r for r in named(state, "Oscar Fenn").roles}
    # Written the lexicon's way, so "was a lieutenant" and "Lt. X" are one office.
    assert fenn["Lieutenant"].current is False
    admiral = {r.title: r for r in named(state, "Halvard Brekkestad").roles}
    assert admiral["navy admiral"].of == named(state, "Norway").key


def _run(text: str, published: str = "2024-03-05"):  # type: ignore[no-untyped-def]
    from dossier.nlp.pipeline import Pipeline
    from dossier.records import Article
    from dossier.settings import Settings

    pipeline = Pipeline(Settings(pipeline=MINE))
    article = Article(source="test", text=text, published=published, language="en")
    return pipeline.run(article, pipeline.parse(article))


def test_a_role_takes_only_the_date_stated_for_it() -> None:
    state = _run(
        "Foreign Minister Lucas Brannock will fly to Tarnova in March. In 2021 he hosted "
        "Emil Varga, then a candidate, at a lunch. Marta Solvik served as Labor Minister from "
        "2022 to 2024. Brannock met Varga in 2019 when Brannock was still a senator. "
        "Dario Pell, a former army colonel, has governed Morvania since 2019."
    )
    # 2019 dates Pell's rule, not the colonel's rank he no longer holds.
    colonel = roles(state, "Dario Pell")["army colonel"]
    assert (colonel.date_basis, colonel.current) == ("document", False)
    brannock = roles(state, "Lucas Brannock")
    # "will fly … in March" dates the trip, not the office.
    assert (brannock["Foreign Minister"].date, brannock["Foreign Minister"].date_basis) == (
        "2024-03-05",
        "document",
    )
    # "when X was still a senator" is about the clause's date; the copula gives "Senator".
    assert (brannock["Senator"].date, brannock["Senator"].date_basis) == ("2019", "text")
    candidate = roles(state, "Emil Varga")["Candidate"]
    assert (candidate.date, candidate.current) == ("2021", False)
    assert roles(state, "Marta Solvik")["Labor Minister"].date == "2022"


def test_an_office_in_a_leaders_government_is_of_the_leaders_country() -> None:
    state = _run(
        "The Estmark Observer said Estmark will vote. Estmarkian dictator Radek Horvath ruled "
        "for years. Viktor Varga served as Finance Minister in Horvath's government."
    )
    estmark = named(state, "Estmark")
    assert estmark.type == "Country"
    assert roles(state, "Radek Horvath")["Dictator"].of == estmark.key
    assert roles(state, "Viktor Varga")["Finance Minister"].of == estmark.key


def test_a_body_before_the_title_is_what_the_office_is_of() -> None:
    state = _run(
        "Tarnovan Authority President Omar Kessler met Dario Pell. Harbor Council press "
        "secretary Mara Lenz said the talks went well."
    )
    assert "President of the Tarnovan Authority" in roles(state, "Omar Kessler")
    press = roles(state, "Mara Lenz")["press secretary"]
    assert press.of == named(state, "Harbor Council").key


def test_capitalised_qualifiers_and_the_office_held_now() -> None:
    state = _run(
        "Outgoing President Hana Lindqvist met Nadia Fenwick, the senator's longtime adviser "
        "and now her chief of staff, on Monday."
    )
    assert set(roles(state, "Hana Lindqvist")) == {"President"}
    assert roles(state, "Nadia Fenwick")["chief of staff"].current is True


def test_an_owned_title_before_a_comma_and_a_name() -> None:
    state = _run(
        "Tarnova's parliament met. Tarnova's president, Hana Lindqvist, will visit Kessa. "
        "The senator, Lia Dorrance, agreed."
    )
    president = roles(state, "Hana Lindqvist")["President"]
    assert (president.of, president.current) == (named(state, "Tarnova").key, True)
    assert "Senator" in roles(state, "Lia Dorrance")


def test_a_party_before_a_title_is_the_roles_party_and_ousted_is_past() -> None:
    """Classes: "GOP Sen. X" (the party glued into the title) and "Ousted Acme CEO X"
    (an adjective that ends the office kept in the title and the office called current)."""
    from dossier.nlp.pipeline import Pipeline
    from dossier.records import Article
    from dossier.settings import Settings

    pipeline = Pipeline(Settings(pipeline=MINE))
    article = Article(
        source="test",
        text="GOP Sen. Corwin Ashby is squeezed between two challengers. Ousted Quillon CEO "
        "Ida Brenner can still name directors.",
        language="en",
    )
    state = pipeline.run(article, pipeline.parse(article))
    senator = named(state, "Corwin Ashby").roles[0]
    assert (senator.title, senator.party) == ("Senator", "Republican")
    ceo = named(state, "Ida Brenner").roles[0]
    assert "Ousted" not in ceo.title and ceo.current is False


def test_a_clause_word_before_a_title_is_no_part_of_it() -> None:
    """Class: "While President X has …": the sentence's first word glued to the office."""
    from dossier.nlp.pipeline import Pipeline
    from dossier.records import Article
    from dossier.settings import Settings

    pipeline = Pipeline(Settings(pipeline=MINE))
    article = Article(
        source="test",
        text="While President Halvard Brekke has cautioned against haste, he ordered a review.",
        language="en",
    )
    state = pipeline.run(article, pipeline.parse(article))
    assert [r.title for r in named(state, "Halvard Brekke").roles] == ["President"]
