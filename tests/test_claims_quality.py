"""Claims a careful reader would not accept, on fictional text: hedges, future months,
whose relative, datelines, loaded titles, coordinated objects, dates from another clause."""

from __future__ import annotations

import pytest

from claim_views import claims_of, name_of, pairs_of
from dossier.extract.opinion.lexicon import is_loaded, strip_loaded
from dossier.nlp.temporal import find_times, not_before_document
from dossier.records import TimeExpression


def test_a_future_month_is_the_next_one() -> None:
    times = find_times("Ivo Brannock will fly to Ostland in March.", "2025-12-18")
    assert [t.value for t in times] == ["2026-03"]
    past = find_times("Ivo Brannock flew to Ostland in March.", "2025-12-18")
    assert [t.value for t in past] == ["2025-03"]


def test_a_future_month_without_a_document_date_stays_partial() -> None:
    assert [t.value for t in find_times("She will visit in March.", None)] == ["--03"]


def test_since_a_month_looks_back_even_in_a_future_sentence() -> None:
    times = find_times("He has lived there since March and will stay.", "2025-12-18")
    assert [t.value for t in times] == ["2025-03"]


def test_would_after_a_report_points_forward() -> None:
    times = find_times("Mira Dovel said she would meet him on Wednesday.", "2025-12-15")
    assert [t.value for t in times] == ["2025-12-17"]  # 2025-12-15 is a Monday
    said = find_times("He said on Tuesday that he would resign.", "2025-12-15")
    assert [t.value for t in said] == ["2025-12-09"]


def test_planned_claims_move_a_bare_month_after_the_document() -> None:
    march = TimeExpression(0, 8, "in March", "2025-03", "month")
    assert not_before_document(march, "2025-12-17") == "2026-03"
    assert not_before_document(march, "2025-02-01") == "2025-03"
    stated = TimeExpression(0, 10, "March 2024", "2024-03", "month")
    assert not_before_document(stated, "2025-12-17") == "2024-03"
    weekday = TimeExpression(0, 9, "Wednesday", "2025-12-10", "relative")
    assert not_before_document(weekday, "2025-12-15") == "2025-12-10"


def test_loaded_words_leave_the_title() -> None:
    assert strip_loaded("the sniveling chair of the harbor committee") == (
        "the chair of the harbor committee"
    )
    assert strip_loaded("Labor Minister") == "Labor Minister"
    assert is_loaded("lunatic ally") and not is_loaded("familiar face")


@pytest.mark.slow
def test_allegedly_received_is_hedged(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Oren Tarrow works for the Quorn Institute, a think tank that allegedly received "
        "$40,000 from a donor in 2022.",
        published="2025-12-18",
    )
    amounts = [c for c in claims_of(state, "amount") if c.value == 40000]
    assert amounts and amounts[0].status == "hedged"
    assert name_of(state, amounts[0].subject) == "Quorn Institute"


@pytest.mark.slow
def test_planned_sum_takes_the_next_month(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "The two leaders said they would sign a pact worth 1.2 billion crowns once "
        "Ansel Varga takes office in March.",
        published="2025-12-17",
    )
    amounts = [c for c in claims_of(state, "amount") if c.value == 1.2e9]
    assert amounts and amounts[0].status == "planned"
    assert amounts[0].date == "2026-03"


@pytest.mark.slow
def test_his_brother_is_the_subjects_brother(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Ansel Varga was accompanied by his chief adviser, Liv Osterman, and by his older "
        "brother, Tomas Varga."
    )
    family = pairs_of(state, "family")
    assert ("Ansel Varga", "Tomas Varga") in family
    assert ("Liv Osterman", "Tomas Varga") not in family


@pytest.mark.slow
def test_a_dateline_city_meets_nobody(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "BRELLA, Ostland — Ostland's president-elect, Ansel Varga, traveled to Brella on "
        "Tuesday to meet Morvish President Dario Quell.",
        published="2025-12-17",
    )
    meetings = claims_of(state, "meeting")
    assert meetings
    assert {name_of(state, c.subject) for c in meetings} == {"Ansel Varga"}
    assert all(c.date == "2025-12-16" for c in meetings)


@pytest.mark.slow
def test_dateline_date_is_not_the_events(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "KELLBY, Ostland, Nov 25 (CPA) - Ostish Sen. Ivo Brannock met candidate Mira Dovel "
        "over lunch in Kellby on Tuesday, the senator's office confirmed on Thursday.",
        published="2021-11-25",
    )
    meetings = claims_of(state, "meeting")
    assert meetings
    assert {name_of(state, c.subject) for c in meetings} <= {"Ivo Brannock", "Mira Dovel"}
    assert {c.date for c in meetings} == {"2021-11-23"}


@pytest.mark.slow
def test_loaded_adjective_is_not_part_of_the_office(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Daniel Harwick, the sniveling chair of the Harbor Commission, praised Laura Mendez.",
        published="2021-11-25",
    )
    person = next(e for e in state.analysis.entities if e.name == "Daniel Harwick")
    assert person.roles and all("sniveling" not in r.title.lower() for r in person.roles)
    jobs = [c for c in state.analysis.claims if c.kind in {"employment", "position"}]
    assert all("sniveling" not in str(c.value).lower() for c in jobs)
    opinions = [c for c in claims_of(state, "opinion") if "sniveling" in str(c.value).lower()]
    assert opinions and opinions[0].status == "opinion"


@pytest.mark.slow
def test_spoke_with_two_people(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Ansel Varga spoke by phone on Sunday night with Foreign Minister Ivo Brannock and "
        "with President Dario Quell."
    )
    pairs = pairs_of(state, "meeting")
    assert ("Ansel Varga", "Ivo Brannock") in pairs
    assert ("Ansel Varga", "Dario Quell") in pairs


@pytest.mark.slow
def test_a_date_in_another_clause_is_not_the_claims(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Mira Dovel congratulated Ansel Varga in a brief statement and said she would meet "
        "him on Wednesday.",
        published="2025-12-15",
    )
    support = claims_of(state, "support")
    assert support and support[0].date is None


@pytest.mark.slow
def test_a_clause_about_the_trigger_dates_it(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "This is no surprise given Daniel Harwick's close friendship with Laura Mendez, "
        "which dates back to 2019.",
        published="2025-12-15",
    )
    friends = claims_of(state, "associate")
    assert friends and friends[0].date == "2019"


@pytest.mark.slow
def test_apposition_titles_read_only_the_office(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Sen. Lucas Brannock hosted Emil Varga, the hard-right candidate in Ostland's "
        "presidential race, at a lunch. The couple's son, Jonah Brannock, works as a policy "
        "analyst for the Harbor Institute.",
        published="2021-11-24",
    )
    titles = {e.name: [r.title for r in e.roles] for e in state.analysis.entities}
    assert titles["Emil Varga"] == ["hard-right candidate"]
    assert titles["Jonah Brannock"] == ["policy analyst"]


@pytest.mark.slow
def test_drawing_criticism_is_being_criticised(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Daniel Harwick has drawn criticism for his remarks. Laura Mendez won praise from "
        "Daniel Harwick."
    )
    assert not claims_of(state, "criticism")
    assert pairs_of(state, "support") == {("Daniel Harwick", "Laura Mendez")}


@pytest.mark.slow
def test_anaphoric_and_article_numbers_are_not_amounts(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "The two leaders met for three hours. The north will speak with one voice. "
        "They will build three prisons and hire one thousand guards.",
        published="2025-12-17",
    )
    assert sorted(c.value for c in claims_of(state, "amount")) == [3, 1000]


@pytest.mark.slow
def test_a_plans_sum_belongs_to_the_plans_owner(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Laura Mendez said her party would fight Daniel Harwick's plan to deport more than "
        "200,000 people.",
        published="2025-12-15",
    )
    amounts = [c for c in claims_of(state, "amount") if c.value == 200000]
    assert amounts and name_of(state, amounts[0].subject) == "Daniel Harwick"


@pytest.mark.slow
def test_role_dates_and_elect_titles(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Lucas Brannock, 62, represented Kellby in the Senate from 2009 until 2023, when Prime "
        "Minister Elena Bright appointed him foreign minister. He will attend the inauguration "
        "of President-elect Laura Mendez.",
        published="2025-12-18",
    )
    roles = {e.name: [(r.title, r.date) for r in e.roles] for e in state.analysis.entities}
    assert roles["Elena Bright"] == [("Prime Minister", "2023")]
    assert [title for title, _ in roles["Laura Mendez"]] == ["President-elect"]


@pytest.mark.slow
def test_a_list_of_names_is_not_an_apposition(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Valdoria is a small country. Others of Varga’s ilk are Norland’s Javier Mele, "
        "Valdoria’s Jair Bolso, Paravian President Santiago Pena, and now Bolvanian President "
        "Rodrigo Pas."
    )
    places = {
        (name_of(state, c.subject), name_of(state, c.object)) for c in claims_of(state, "residence")
    }
    assert ("Javier Mele", "Valdoria") not in places


@pytest.mark.slow
def test_a_name_after_a_comma_is_the_subject_nouns_apposition(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Sen. Lucas Brannock has called Daniel Harwick a serious partner. His unhinged ally in "
        "the Senate, Sen. Greta Holm (L-Eastwater), went further, praising Daniel Harwick as "
        "the leader the country needs."
    )
    assert ("Greta Holm", "Daniel Harwick") in pairs_of(state, "support")
    allies = {frozenset(p) for p in pairs_of(state, "associate")}
    assert frozenset({"Lucas Brannock", "Greta Holm"}) in allies


@pytest.mark.slow
def test_she_who_said_she_would_meet_him(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Outgoing President Laura Mendez congratulated Emil Varga in a brief statement and "
        "said she would meet him on Wednesday to begin the handover.",
        published="2025-12-15",
    )
    meetings = claims_of(state, "meeting")
    assert [(name_of(state, c.subject), name_of(state, c.object)) for c in meetings] == [
        ("Laura Mendez", "Emil Varga")
    ]
    assert meetings[0].date == "2025-12-17"
    person = next(e for e in state.analysis.entities if e.name == "Laura Mendez")
    assert [(r.title, r.date) for r in person.roles] == [("President", "2025-12-15")]


@pytest.mark.slow
def test_a_fronted_description_is_the_subjects(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Laura Mendez conceded on Sunday. A former union lawyer and a graduate of the "
        "University of Kellby, she won the party nomination in June.",
        published="2025-12-15",
    )
    schooling = claims_of(state, "education")
    assert [(name_of(state, c.subject), name_of(state, c.object)) for c in schooling] == [
        ("Laura Mendez", "University of Kellby")
    ]
    assert schooling[0].date is None  # June dates the nomination, not the degree


@pytest.mark.slow
def test_the_two_are_the_pair_just_named(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Sen. Lucas Brannock met Daniel Harwick on Tuesday. The two reportedly ate with "
        "Laura Mendez and about twenty executives."
    )
    with_her = [
        c for c in claims_of(state, "meeting") if name_of(state, c.object) == "Laura Mendez"
    ]
    assert {name_of(state, c.subject) for c in with_her} == {"Lucas Brannock", "Daniel Harwick"}
    assert all(c.status == "hedged" for c in with_her)


@pytest.mark.slow
def test_lunch_with_an_envoy_is_not_with_the_body_he_is_sent_to(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Daniel Harwick met Laura Mendez on Tuesday. The two reportedly had lunch with the "
        "ambassador to the League of Northern States."
    )
    league = [c for c in claims_of(state, "meeting") if "League" in str(name_of(state, c.object))]
    assert league == []


@pytest.mark.slow
def test_a_guests_interests_are_not_where_they_met(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Daniel Harwick met Laura Mendez on Tuesday. The two reportedly had lunch with nearly "
        "two dozen executives from companies with interests in Veldoria. Daniel Harwick hosted "
        "Laura Mendez at a private lunch in Kellby."
    )
    places = {c.attributes["trigger"]: name_of(state, c.place) for c in claims_of(state, "meeting")}
    assert places == {"met": None, "had": None, "hosted": "Kellby"}
