"""Classes of error found by auditing real articles, each on text written for this project.

Every test names the class of text a rule handles (bench/audit_claims.py found them on real
news); the sentences are fictional.
"""

from __future__ import annotations

import pytest

from claim_views import claims_of, name_of, pairs_of

pytestmark = pytest.mark.slow


def _status(state, kind: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.status for c in claims_of(state, kind)}


def test_a_question_asserts_no_meeting(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Will Lena Varga meet Tomas Reyes in Port Alder on Friday?")
    assert _status(state, "meeting") <= {"hedged"}


def test_a_condition_asserts_no_meeting(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("If Lena Varga had met Tomas Reyes earlier, the treaty would have passed.")
    assert "asserted" not in _status(state, "meeting")


def test_would_is_not_asserted(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga would endorse Tomas Reyes.")
    assert _status(state, "support") <= {"hedged"}


def test_declining_to_meet_is_no_meeting(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga declined to meet Tomas Reyes during his visit.")
    assert _status(state, "meeting") <= {"denied"}


def test_disavowing_an_endorsement_is_no_support(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga refused to endorse Tomas Reyes.")
    assert _status(state, "support") <= {"denied"}


def test_going_on_to_say_is_no_travel(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Tomas Reyes went on to say in Port Alder that the budget was sound.")
    assert claims_of(state, "travel") == []


def test_leaving_a_body_is_no_travel(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Tomas Reyes left the Harbor Guard in 2019 and joined Orvel Foods in Estmark.")
    assert claims_of(state, "travel") == []


def test_flying_to_a_place_is_travel(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga flew to Valdoria on Monday to meet the president.")
    assert [name_of(state, c.place) for c in claims_of(state, "travel")] == ["Valdoria"]


def test_beating_up_on_a_rival_is_no_election(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga beat up on Tomas Reyes during the debate in Port Alder.")
    assert claims_of(state, "election_result") == []


def test_a_forecast_is_no_election_result(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga expects to win the Estmark primary.")
    assert claims_of(state, "election_result") == []


def test_pounds_are_weight_without_sterling(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("The harbor crew unloaded 300 pounds of salt for Lena Varga.")
    assert {c.unit for c in claims_of(state, "amount")} == {"pound"}


def test_pounds_sterling_are_money(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Orvel Foods paid 300 pounds sterling to Lena Varga.")
    assert "GBP" in {c.unit for c in claims_of(state, "amount")}


def test_references_and_ranks_are_no_amounts(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga quoted Proverbs 3:5 and named the top 10 exporters of Estmark.")
    assert {c.value for c in claims_of(state, "amount")} & {3.0, 5.0, 10.0} == set()


def test_a_legal_team_is_no_membership(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Tomas Reyes and his legal team met prosecutors in Port Alder.")
    assert claims_of(state, "membership") == []


def test_an_aide_to_someone_is_theirs(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Mira Holt, a longtime aide to Lena Varga, declined to comment.")
    assert ("Lena Varga", "Mira Holt") in pairs_of(state, "associate")
    assert ("Mira Holt", "Lena Varga") not in pairs_of(state, "associate")


def test_a_candidate_is_not_employed_by_the_body(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("State Senate candidate Mira Holt spoke in Port Alder.")
    assert claims_of(state, "employment") == []


def test_surviving_criticism_makes_one_the_target(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga survived criticism over her budget.")
    assert all(name_of(state, c.subject) != "Lena Varga" for c in claims_of(state, "criticism"))


def test_an_agency_dateline_acts_for_no_one(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Port Alder (HNS) – Lena Varga on Monday accused Tomas Reyes of lying.")
    assert pairs_of(state, "criticism") == {("Lena Varga", "Tomas Reyes")}


def test_spelled_tens_and_proportions_are_no_small_counts(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Seventy-four percent of voters and one in three farmers backed Lena Varga.")
    assert {c.value for c in claims_of(state, "amount")} & {1.0, 3.0, 4.0} == set()


def test_a_count_after_in_is_still_a_count(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("The Harbor Guard won 1,200 seats in 40 districts.")
    assert 40.0 in {c.value for c in claims_of(state, "amount")}


def test_a_spokesman_for_someone_is_theirs(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Brendan Holt, a spokesman for Lena Varga, declined to comment.")
    assert ("Lena Varga", "Brendan Holt") in pairs_of(state, "associate")


def test_a_visit_that_is_a_trips_aim_is_planned(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga was traveling to Valdoria to visit her daughter Mira Holt.")
    assert _status(state, "meeting") <= {"planned"}


def test_a_meeting_said_to_be_something_still_happened(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga said her meeting with Tomas Reyes in Orsk was not political.")
    assert "denied" not in _status(state, "meeting")


def test_visiting_one_place_is_no_meeting_between_visitors(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga and Tomas Reyes both visited the Orvel Foods plant.")
    assert ("Lena Varga", "Tomas Reyes") not in pairs_of(state, "meeting")


def test_heading_someones_division_is_no_trip(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Mira Holt, who headed Valdoria's intelligence service for a decade, spoke.")
    assert claims_of(state, "travel") == []


def test_returning_to_a_body_is_no_trip(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Tomas Reyes is returning to the Harbor Guard as its commander.")
    assert claims_of(state, "travel") == []
