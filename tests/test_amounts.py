"""Amounts tied to what they measure, as `amount` claims."""

from __future__ import annotations

import pytest

from test_entities import ARTICLE, MINE, named

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    from dossier.nlp.pipeline import Pipeline
    from dossier.records import Article
    from dossier.settings import Settings

    pipeline = Pipeline(Settings(pipeline=MINE))

    def analyse(text: str, **fields):  # type: ignore[no-untyped-def]
        article = Article(source="test", text=text, **fields)
        return pipeline.run(article, pipeline.parse(article))

    return analyse


@pytest.fixture(scope="module")
def state(run):  # type: ignore[no-untyped-def]
    return run(ARTICLE, published="2024-03-05")


def amounts(state):  # type: ignore[no-untyped-def]
    return {c.attributes["text"]: c for c in state.analysis.claims if c.kind == "amount"}


def test_vote_share_belongs_to_the_winner(state) -> None:  # type: ignore[no-untyped-def]
    claim = amounts(state)["54.20%"]
    assert claim.subject == named(state, "Talia Voskresen").key
    assert (claim.value, claim.unit) == (54.2, "percent")
    assert claim.attributes["measure"] == "vote"
    assert claim.date == "2024-03-03"
    assert state.article.text[claim.evidence.start : claim.evidence.end] == claim.evidence.text


def test_possessive_share_belongs_to_its_owner(state) -> None:  # type: ignore[no-untyped-def]
    assert amounts(state)["45.80%"].subject == named(state, "Odran Pelk").key


def test_intended_count_is_planned(state) -> None:  # type: ignore[no-untyped-def]
    claim = amounts(state)["2,000"]
    assert (claim.value, claim.status) == (2000.0, "planned")
    assert claim.attributes["qualifier"] == "more than"
    assert claim.subject == named(state, "Talia Voskresen").key


def test_dates_are_not_amounts(state) -> None:  # type: ignore[no-untyped-def]
    assert not {"3", "9", "2019"} & set(amounts(state))


def test_people_and_money(run) -> None:  # type: ignore[no-untyped-def]
    state = run("Mayor Talia Voskresen plans to deport 4,500 migrants. The port paid $3.5 million.")
    found = amounts(state)
    assert (found["4,500"].unit, found["4,500"].status) == ("people", "planned")
    assert (found["$3.5 million"].value, found["$3.5 million"].unit) == (3_500_000.0, "USD")


def test_compound_words_are_not_counts(run) -> None:  # type: ignore[no-untyped-def]
    state = run("Make a one-time gift to the Quillon Foods fund for two-year-old children.")
    assert amounts(state) == {}


def test_the_second_share_of_a_pair_is_not_the_leaders(run) -> None:  # type: ignore[no-untyped-def]
    """Audit c4-868: "X leading Y, 46 percent to 44 percent" gave X the 44 percent."""
    state = run("Talia Voskresen leads Ivo Brannick, 46 percent to 44 percent, in the new poll.")
    found = amounts(state)
    assert found["44 percent"].subject is None
    assert found["46 percent"].subject == named(state, "Talia Voskresen").key


def test_an_estimate_of_a_fortune_belongs_to_its_owner(run) -> None:  # type: ignore[no-untyped-def]
    """The class: "Y puts X's net worth at $N" names the estimator Y as the clause subject;
    the sum is X's net worth, and a qualifier ("exceeds", "just under") is kept as a bound."""
    text = (
        "The Kestrel Ledger puts Anselm Dorrik's net worth at $2.9 billion. "
        "Anselm Dorrik says his net worth exceeds $10 billion. "
        "Talia Voskresen is worth just under $40 billion, according to Marlow Research. "
        "The campaign bought $500,000 worth of radio ads."
    )
    state = run(text)
    found = amounts(state)
    dorrik = named(state, "Anselm Dorrik").key
    assert found["$2.9 billion"].subject == dorrik
    assert found["$2.9 billion"].attributes["measure"] == "net worth"
    assert (found["$10 billion"].subject, found["$10 billion"].attributes["qualifier"]) == (
        dorrik,
        "exceeds",
    )
    assert found["$40 billion"].subject == named(state, "Talia Voskresen").key
    assert found["$40 billion"].attributes["qualifier"] == "just under"
    assert found["$500,000"].attributes.get("measure") != "net worth"


def test_requirements_margins_and_ranks_are_no_amounts_held(run) -> None:  # type: ignore[no-untyped-def]
    """Classes from audits c5/c6: a share someone must reach is no share they have ("must win",
    "needs to win", "all she has to do is win"); "by 12 percentage points" is a margin; "the
    No. 2 Republican" is a rank."""
    state = run(
        "Lena Varga must win 58 percent of the remaining delegates. "
        "Ivo Marsh needs to win 60 percent of the vote. "
        "All Tomas Reyes has to do is win 40 percent of the vote. "
        "Odran Pelk won the Estmark primary by 12 percentage points. "
        "Talia Voskresen is the No. 2 Republican in the Senate."
    )
    found = amounts(state)
    assert {found[k].status for k in ("58 percent", "60 percent", "40 percent")} == {"hedged"}
    assert "12 percentage points" not in found
    assert "2" not in found


def test_a_date_dates_only_the_amount_of_its_own_clause(run) -> None:  # type: ignore[no-untyped-def]
    state = run("Lena Varga won 47 percent in 2009, but her approval now stands at 39 percent.")
    found = amounts(state)
    assert found["47 percent"].date == "2009"  # "in 2009" is no proportion ("one in three")
    assert found["39 percent"].date is None


def test_values_offered_as_alternatives_are_hedged(run) -> None:  # type: ignore[no-untyped-def]
    """Contradiction audit 2026-12-08: "worth either less than $1 billion or more than $42
    billion" states neither value, so neither may disagree with an estimate."""
    state = run("Odran Pelk is worth either less than $1 billion or more than $40 billion.")
    found = amounts(state)
    assert {found["$1 billion"].status, found["$40 billion"].status} == {"hedged"}


def test_thresholds_and_periods(run) -> None:  # type: ignore[no-untyped-def]
    """Audit c7-1163: "the 1,237 delegates needed to capture the nomination" is a threshold,
    not the subject's count; "from 2009 to 2012" is a period, not the amount's date."""
    state = run(
        "Lena Varga is optimistic about reaching the 1,237 delegates needed to capture the "
        "nomination. Ivo Marsh found that the top 1 percent took 91 percent of all income "
        "gains from 2009 to 2012."
    )
    found = amounts(state)
    assert found["1,237"].subject is None
    assert found["91 percent"].date is None
