"""Classes of role errors found by the precision audits on real news, each on fictional text:
clause words and descriptions kept out of titles, and titles whose time the text sets apart
from the article's."""

from __future__ import annotations

import pytest

from test_entities import MINE

pytestmark = pytest.mark.slow

ARTICLE = """With Governor Talia Brisk and Senator Aldo Menz still in the race, Velk has no money.

In an email, Mara Doyle, Marwood regional security director, informed regional director Pim \
Olander that she would call.

Cato Brell, the globe-trotting secretary general of the Estmark League, sat inside the hotel.

Htay Renn, its acting chairman, told the agency simply, "We lost."

"The plan is a failure," said Freedom Union executive Director Anja Romberg in a statement.

Dora Voss, served as governor of Tarlow before she was elected to the Senate in 1992.

As Tarlow's governor, Dina Kaas declared that she supported the law.

In 1999, a year after managing proceedings against President Rufus Pell, Representative Gil \
Orme lined up with his wife.

Former Secretary of State Nadia Ferro spoke on Friday. "We agree," said Secretary Ferro.

"I think Nadia Ferro is a better candidate because of it," said Ivo Tamm.

Oleg Marr, a former deputy treasury secretary and head of the fund Quillon Partners, was there.

Bo Lind, head of Orsk University's research arm, said so.

The signers: Ivo Bishop, Kim Marsh, Lee Tamm.

As for the very moderate Governor Ulla Kasper, she spent heavily in that small state.

Juan Zarbo, a top terrorism adviser to then-President George W. Bushell, questioned the logic.

One of the biggest challenges for a President Ivo Marsh would be the budget.

Former Orsk director Gen. Dag Petrov was indicted.

Mara Barrow, now a federal judge, was more welcoming. Ola Berg, once a senator, spoke.

"Stadia can do that," says Jack Buserov, director for games at the tech giant.

Yesterday, company CEO Emil Jobbins unveiled the phone. Ada Vell, the company's owner, agreed.

Ida Brenner, a former official in President Tom Marsh's administration, directs the center.

The real Mr. Olf Mannix was the general manager of Metro-Goldwyn-Ames.

Nick Danilo, a reporter for U.S. News and World Report, was arrested.

Ted Crane, the only Republican candidate in Tarlow, spoke. Cory Lindow, his combative former \
campaign manager, said so.

Ada Cameron, the chief executive officer of Orsk, Tarlow-based farming company Mountvale, gave.

"He is an absolute leader of the race," said Ivo Renko."""


@pytest.fixture(scope="module")
def roles():  # type: ignore[no-untyped-def]
    from dossier.nlp.pipeline import Pipeline
    from dossier.records import Article
    from dossier.settings import Settings

    pipeline = Pipeline(Settings(pipeline=MINE))
    article = Article(source="test", text=ARTICLE, published="2016-05-01", language="en")
    state = pipeline.run(article, pipeline.parse(article))
    names = {e.key: e.name for e in state.analysis.entities}
    return {
        e.name: [(r.title, names.get(r.of) if r.of else None, r.date, r.current) for r in e.roles]
        for e in state.analysis.entities
    }


def titles(roles, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [r[0] for r in roles[name]]


def test_a_clause_word_opening_the_sentence_is_no_title_word(roles) -> None:  # type: ignore[no-untyped-def]
    assert titles(roles, "Talia Brisk") == ["Governor"]


def test_a_verb_before_a_lower_case_title_is_no_title_word(roles) -> None:  # type: ignore[no-untyped-def]
    assert titles(roles, "Pim Olander") == ["regional director"]


def test_a_characterising_participle_is_no_title_word(roles) -> None:  # type: ignore[no-untyped-def]
    assert roles["Cato Brell"] == [("secretary general", "Estmark League", "2016-05-01", True)]


def test_a_possessive_determiner_is_no_title_word(roles) -> None:  # type: ignore[no-untyped-def]
    assert not any(t.lower().startswith("its") for t in titles(roles, "Htay Renn"))
    assert titles(roles, "Htay Renn")


def test_lower_case_office_words_before_a_capitalised_title_stay(roles) -> None:  # type: ignore[no-untyped-def]
    assert titles(roles, "Anja Romberg") == ["executive Director"]


def test_served_as_in_an_apposition_is_past(roles) -> None:  # type: ignore[no-untyped-def]
    assert [(t, c) for t, _, _, c in roles["Dora Voss"]] == [("Governor", False)]


def test_as_governor_names_a_capacity_not_a_current_office(roles) -> None:  # type: ignore[no-untyped-def]
    assert [(t, c) for t, _, _, c in roles["Dina Kaas"]] == [("Governor", None)]


def test_a_title_in_a_sentence_set_in_an_earlier_year_is_of_that_year(roles) -> None:  # type: ignore[no-untyped-def]
    assert roles["Rufus Pell"] == [("President", None, "1999", None)]
    assert roles["Gil Orme"] == [("Representative", None, "1999", None)]


def test_a_bare_title_of_a_former_holder_is_a_courtesy(roles) -> None:  # type: ignore[no-untyped-def]
    found = {t: c for t, _, _, c in roles["Nadia Ferro"]}
    assert found == {"Secretary of State": False, "Secretary": None}


def test_a_judgement_is_no_office(roles) -> None:  # type: ignore[no-untyped-def]
    assert "better candidate" not in titles(roles, "Nadia Ferro")


def test_two_offices_in_one_apposition_are_not_one_title(roles) -> None:  # type: ignore[no-untyped-def]
    assert roles["Oleg Marr"] == [("deputy treasury secretary", None, "2016-05-01", False)]


def test_an_office_of_a_unit_is_not_of_its_owner(roles) -> None:  # type: ignore[no-untyped-def]
    (found,) = roles["Bo Lind"]
    assert found[1] != "Orsk University"


def test_a_surname_in_a_list_of_names_is_no_title(roles) -> None:  # type: ignore[no-untyped-def]
    assert roles["Kim Marsh"] == []


def test_an_adjective_describing_the_holder_is_no_title_word(roles) -> None:  # type: ignore[no-untyped-def]
    assert titles(roles, "Ulla Kasper") == ["Governor"]


def test_whom_an_office_serves_is_no_part_of_its_title(roles) -> None:  # type: ignore[no-untyped-def]
    assert titles(roles, "Juan Zarbo") == ["top terrorism adviser"]
    assert titles(roles, "Jack Buserov") == ["director for games"]


def test_a_hypothetical_holder_has_no_office(roles) -> None:  # type: ignore[no-untyped-def]
    assert roles["Ivo Marsh"] == []


def test_an_office_before_another_title_is_not_glued_to_it(roles) -> None:  # type: ignore[no-untyped-def]
    assert titles(roles, "Dag Petrov") == ["General"]


def test_now_and_once_say_when_and_are_no_title_words(roles) -> None:  # type: ignore[no-untyped-def]
    assert [(t, c) for t, _, _, c in roles["Mara Barrow"]] == [("federal judge", True)]
    assert [c for _, _, _, c in roles["Ola Berg"]] == [False]


def test_a_generic_word_for_the_employer_is_no_title_word(roles) -> None:  # type: ignore[no-untyped-def]
    assert titles(roles, "Emil Jobbins") == ["CEO"]
    assert titles(roles, "Ada Vell") == ["owner"]


def test_a_title_naming_its_holders_period_is_not_current(roles) -> None:  # type: ignore[no-untyped-def]
    assert [(t, c) for t, _, _, c in roles["Tom Marsh"]] == [("President", None)]


def test_a_piece_of_a_hyphenated_name_is_no_body_of_an_office(roles) -> None:  # type: ignore[no-untyped-def]
    assert [(t, of) for t, of, _, _ in roles["Olf Mannix"]] == [("general manager", None)]


def test_an_abbreviations_full_stop_does_not_end_an_apposition(roles) -> None:  # type: ignore[no-untyped-def]
    assert titles(roles, "Nick Danilo") == ["reporter"]


def test_words_describing_the_holder_are_no_title_words(roles) -> None:  # type: ignore[no-untyped-def]
    assert titles(roles, "Ted Crane") == ["Republican candidate"]
    assert [(t, c) for t, _, _, c in roles["Cory Lindow"]] == [("campaign manager", False)]


def test_where_a_body_is_based_is_not_the_body(roles) -> None:  # type: ignore[no-untyped-def]
    assert roles["Ada Cameron"]
    assert all(of != "Orsk" for _, of, _, _ in roles["Ada Cameron"])


def test_a_judgement_of_degree_is_no_office(roles) -> None:  # type: ignore[no-untyped-def]
    assert not any("leader" in t for r in roles.values() for t, _, _, _ in r)


UNDATED = """Following the war, in 1848 the Whigs nominated Gen. Ivo Tarrant, a war hero.

Brian Fallow, a spokesman for Mrs. Ferro, called on the senator to take back his words.

Ms. Lael Brainer later served as President Halvard's ''sherpa,'' or liaison, to the group."""


@pytest.fixture(scope="module")
def undated():  # type: ignore[no-untyped-def]
    from dossier.nlp.pipeline import Pipeline
    from dossier.records import Article
    from dossier.settings import Settings

    pipeline = Pipeline(Settings(pipeline=MINE))
    article = Article(source="test", text=UNDATED, language="en")
    state = pipeline.run(article, pipeline.parse(article))
    return {
        e.name: [(r.title, r.date, r.current) for r in e.roles] for e in state.analysis.entities
    }


def test_an_undated_articles_scene_in_a_year_is_not_now(undated) -> None:  # type: ignore[no-untyped-def]
    assert undated["Ivo Tarrant"] == [("General", "1848", None)]


def test_an_honorifics_full_stop_does_not_end_an_apposition(undated) -> None:  # type: ignore[no-untyped-def]
    assert [t for t, _, _ in undated["Brian Fallow"]] == ["spokesman for Mrs. Ferro"]


def test_serving_as_anothers_title_gives_no_office(undated) -> None:  # type: ignore[no-untyped-def]
    assert undated["Lael Brainer"] == []
