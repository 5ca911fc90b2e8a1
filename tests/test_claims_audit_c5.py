"""Classes of error found in the fourth audit round (c4-868) and the rounds before it, each on
text written for this project (the sentences and names are fictional)."""

from __future__ import annotations

import pytest

from claim_views import claims_of, name_of, pairs_of

pytestmark = pytest.mark.slow


def test_an_adviser_for_someones_campaign_is_theirs(analyse) -> None:  # type: ignore[no-untyped-def]
    # Wrong direction: "X, adviser for Y's campaign" is Y's adviser (owner Y, other X).
    state = analyse("Ivo Marsh, senior media adviser for Lena Varga's campaign, answered.")
    assert pairs_of(state, "associate") == {("Lena Varga", "Ivo Marsh")}


def test_a_spokeswoman_for_a_campaign_is_the_candidates(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse('"We are ready," said Tessa Quill, a spokeswoman for Tomas Reyes\'s campaign.')
    assert pairs_of(state, "associate") == {("Tomas Reyes", "Tessa Quill")}


def test_a_dateline_place_is_no_residence(analyse) -> None:  # type: ignore[no-untyped-def]
    # Where the story was filed is not where the person lives.
    state = analyse(
        "CASPER, Wyo. - Sen. Lena Varga continued her romp through the state conventions Saturday."
    )
    assert claims_of(state, "residence") == []


def test_second_place_is_no_win(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga rose after she secured second place in the Estmark primary.")
    assert claims_of(state, "election_result") == []


def test_a_candidates_supporters_winning_is_not_the_candidate(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "In the 3rd District, Varga supporters won three delegate slots. "
        "Lena Varga won the Estmark primary in March."
    )
    winners = {name_of(state, c.subject) for c in claims_of(state, "election_result")}
    assert winners == {"Lena Varga"}


def test_numbers_inside_names_are_no_amounts(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "The crew listened to 970 AM on the way to 100 Harbor Avenue and then watched "
        "Channel 125. Survivors of Flight 804 discussed Section 1001 with 120 people and "
        "30 Democrats."
    )
    assert sorted(c.value for c in claims_of(state, "amount")) == [30.0, 120.0]


def test_a_range_is_no_single_amount(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Between 90 and 95 percent of the voters backed Lena Varga, who raised between "
        "$8 billion and $12 billion. About 2,000 to 3,000 soldiers left. Varga led Reyes "
        "46 percent to 44 percent."
    )
    assert sorted(c.value for c in claims_of(state, "amount")) == [44.0, 46.0]


def test_thanking_is_no_support(analyse) -> None:  # type: ignore[no-untyped-def]
    # Trigger in the wrong sense: one thanks those who support one.
    state = analyse("Tomas Reyes thanked the Harbor Guard for their support on Monday.")
    assert [c for c in claims_of(state, "support") if name_of(state, c.subject)] == []


def test_defending_oneself_against_accusations(analyse) -> None:  # type: ignore[no-untyped-def]
    # Reversed sides: the one defending himself is accused; he supports and accuses no one.
    state = analyse(
        "Ivo Marsh defended himself against accusations of cruelty. Lena Varga defended Ivo Marsh."
    )
    assert pairs_of(state, "support") == {("Lena Varga", "Ivo Marsh")}
    critics = {name_of(state, c.subject) for c in claims_of(state, "criticism")}
    assert "Ivo Marsh" not in critics


def test_being_to_blame_is_no_criticism(analyse) -> None:  # type: ignore[no-untyped-def]
    # Reversed sides: "X is to blame" says X is blamed.
    state = analyse("Ivo Marsh's allies say he is not entirely to blame for the bad blood.")
    assert claims_of(state, "criticism") == []
    state = analyse("Lena Varga blamed Tomas Reyes for the defeat.")
    assert pairs_of(state, "criticism") == {("Lena Varga", "Tomas Reyes")}


def test_agreeing_to_meet_is_a_plan(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga and Tomas Reyes agreed to meet again in the coming weeks.")
    assert {c.status for c in claims_of(state, "meeting")} <= {"planned"}


def test_a_sum_raised_by_someone_is_theirs(analyse) -> None:  # type: ignore[no-untyped-def]
    # Wrong participant: the agent of "raised by" owns the sum, not the clause's subject.
    state = analyse(
        "Orvel Foods raised $16 million in 2019, compared with $103 million raised by the "
        "Harbor Fund."
    )
    owners = {name_of(state, c.subject) for c in claims_of(state, "amount") if c.value == 103e6}
    assert owners == {"Harbor Fund"}


def test_a_pledged_or_conditional_amount_is_not_asserted(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Estmark's pledge last month to add almost 7,000 soldiers to its army was welcomed. "
        '"I won\'t do the debate unless they pay me $5 million," Lena Varga said.'
    )
    assert {c.status for c in claims_of(state, "amount")} == {"planned", "hedged"}


def test_a_supporter_is_no_member(analyse) -> None:  # type: ignore[no-untyped-def]
    # Trigger in the wrong sense: one supports a candidate or a cause; membership needs a body.
    state = analyse("Ivo Marsh had been a strong supporter of the Harbor Party for years.")
    assert claims_of(state, "membership") == []


def test_quoted_as_saying_is_the_quoted_persons_words(analyse) -> None:  # type: ignore[no-untyped-def]
    # Wrong speaker: "X quoted Y as saying …" — Y said it; X only passed it on (via).
    state = analyse(
        "The Harbor Times quoted Ivo Marsh, a Dunmore native, as saying that the truck stopped."
    )
    [quote] = state.analysis.quotes
    assert name_of(state, quote.speaker) == "Ivo Marsh"
    assert [name_of(state, k) for k in quote.via] == ["Harbor Times"]


def test_a_relative_after_a_conjunction_is_someone_elses(analyse) -> None:  # type: ignore[no-untyped-def]
    # Wrong participant: "X's daughter and Y's granddaughter" are two relations, not X-Y.
    state = analyse("(Varga's daughter and Reyes's granddaughter were members of the class.)")
    assert ("Varga", "Reyes") not in pairs_of(state, "family")
    state = analyse("Lena Varga's daughter, Mira Varga, came to the harbor on Monday.")
    assert pairs_of(state, "family") == {("Lena Varga", "Mira Varga")}


def test_appearing_at_an_event_is_no_job(analyse) -> None:  # type: ignore[no-untyped-def]
    # Trigger in the wrong sense: "X at the Y Convention" is where X spoke, not an employer.
    state = analyse("Former judge Ivo Marsh at the Estmark National Convention: the plan fails.")
    assert claims_of(state, "employment") == []


def test_criticism_drawn_from_unnamed_quarters_has_no_critic(analyse) -> None:  # type: ignore[no-untyped-def]
    # Wrong participant: the thing criticised is not its own critic.
    state = analyse("The Harbor Party bill has drawn criticism from some other quarters as well.")
    assert claims_of(state, "criticism") == []
    state = analyse("The Harbor Party bill has drawn criticism from Lena Varga.")
    assert {name_of(state, c.subject) for c in claims_of(state, "criticism")} == {"Lena Varga"}


def test_respectively_gives_no_sum_to_the_first_subject_alone(analyse) -> None:  # type: ignore[no-untyped-def]
    # Wrong participant: "X and Y raised $A and $B, respectively" — $B is not X's.
    state = analyse(
        "Lena Varga and Tomas Reyes raised $23 million and $20 million, respectively, in the "
        "last quarter."
    )
    owners = {name_of(state, c.subject) for c in claims_of(state, "amount")}
    assert "Lena Varga" not in owners


def test_a_share_put_at_a_value_is_the_owner_of_the_measure(analyse) -> None:  # type: ignore[no-untyped-def]
    # Wrong participant: "X puts Y's approval at 50 percent" — the share is Y's, not X's.
    state = analyse("The Harbor Poll puts Varga's approval at a solid 50 percent this week.")
    assert {name_of(state, c.subject) for c in claims_of(state, "amount")} == {"Varga"}


def test_citing_something_while_saying_is_ones_own_statement(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Lena Varga cited the harbor report, saying that the port was unsafe.")
    assert {name_of(state, q.speaker) for q in state.analysis.quotes} == {"Lena Varga"}


def test_what_is_called_for_is_the_object_of_for(analyse) -> None:  # type: ignore[no-untyped-def]
    # Trigger in the wrong sense / wrong value: "called a referendum … for June 5" calls for
    # nothing; a fronted "To a standing ovation" is not what is called for.
    state = analyse("To a standing ovation, Ivo Marsh called for the suspension of the deal.")
    assert [c.value for c in claims_of(state, "support")] == ["the suspension of the deal"]
    state = analyse("The Harbor Party has called a referendum for June 5 against the proposals.")
    assert claims_of(state, "support") == []


def test_a_negated_object_states_no_support(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("The Varga campaign has endorsed none of this, but it has not tamped it down.")
    assert claims_of(state, "support") == []
    state = analyse("Lena Varga endorsed Tomas Reyes on Monday.")
    assert pairs_of(state, "support") == {("Lena Varga", "Tomas Reyes")}


def test_a_particle_takes_a_trigger_out_of_its_sense(analyse) -> None:  # type: ignore[no-untyped-def]
    """Audits c6/c7: "blasted out a robocall" is no criticism; "blasted X" still is."""
    state = analyse("Lena Varga blasted out a new robocall touting her campaign.")
    assert claims_of(state, "criticism") == []
    state = analyse("Lena Varga blasted Ivo Marsh for his remarks.")
    assert pairs_of(state, "criticism") == {("Lena Varga", "Ivo Marsh")}


def test_a_county_branch_is_not_the_national_body(analyse) -> None:  # type: ignore[no-untyped-def]
    """Audits c5-c7: "X County GOP chairman" chairs the county party, not the national one the
    name "GOP" resolves to; a national body named alone is still the employer."""
    state = analyse("Dunmore County GOP Chairman Ivo Marsh said the visit helped.")
    assert not [c for c in state.analysis.claims if c.kind in {"employment", "membership"}]
    state = analyse("Lena Varga, chairman of the Republican National Committee, spoke.")
    assert ("Lena Varga", "Republican National Committee") in pairs_of(state, "membership")


def test_a_pronoun_winner_after_another_person_is_unclear(analyse) -> None:  # type: ignore[no-untyped-def]
    """Audits c5-c7: in "X embraced the mogul after he clinched the nomination", "he" is the
    mogul; a pronoun in a time clause after another person wins nothing for X."""
    state = analyse(
        "Senator Ivo Marsh was quick to embrace the mogul after he clinched the nomination "
        "and said this week that he is looking competitive."
    )
    assert claims_of(state, "election_result") == []
    state = analyse("Senator Ivo Marsh thanked his staff after he clinched the nomination.")
    assert pairs_of(state, "election_result") == {("Ivo Marsh", None)}
