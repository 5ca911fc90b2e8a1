"""The outlet's loaded language becomes opinion claims held by the outlet, never facts."""

from __future__ import annotations

import pytest

from claim_views import name_of
from dossier.extract.opinion.lexicon import subjectivity_lexicon


def test_subjectivity_lexicon_loads_phrases() -> None:
    lexicon = subjectivity_lexicon()
    assert lexicon["lunatic"] == "insult"
    assert "dirty secrets" in lexicon
    assert "right-wing extremist" in lexicon
    assert all(word == word.lower() for word in lexicon)


@pytest.mark.slow
def test_loaded_words_are_opinions_of_the_outlet(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Daniel Harwick will fly to Veldoria to meet with his lunatic ally, Peter Olsen.",
        site="Marovia Daily",
    )
    opinions = [c for c in state.analysis.claims if c.kind == "opinion"]
    assert len(opinions) == 1
    opinion = opinions[0]
    assert opinion.status == "opinion"
    assert opinion.holder == "Marovia Daily"
    assert opinion.value == "lunatic ally"
    assert name_of(state, opinion.subject) == "Peter Olsen"
    facts = [c for c in state.analysis.claims if c.kind != "opinion"]
    assert ("associate", "Peter Olsen") in {(c.kind, name_of(state, c.object)) for c in facts}
    for fact in facts:
        assert "lunatic" not in str(fact.value or "").lower()
        assert fact.status != "opinion"


@pytest.mark.slow
def test_loaded_appositive_is_not_a_position(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Daniel Harwick, right-wing extremist and devoted follower of the late general "
        "Thomas Grey, won the runoff election."
    )
    opinions = {c.value for c in state.analysis.claims if c.kind == "opinion"}
    assert "right-wing extremist" in opinions
    assert any(str(v).startswith("devoted follower") for v in opinions)
    for claim in state.analysis.claims:
        if claim.kind in {"position", "employment", "associate", "membership"}:
            assert "extremist" not in str(claim.value or "").lower()
            assert "follower" not in str(claim.value or "").lower()
    holders = {c.holder for c in state.analysis.claims if c.kind == "opinion"}
    assert holders == {"the outlet"}


@pytest.mark.slow
def test_loaded_score(analyse) -> None:  # type: ignore[no-untyped-def]
    neutral = analyse("Daniel Harwick met Peter Olsen in Veldoria. They discussed trade.")
    assert neutral.analysis.loaded_score == 0.0
    assert not [c for c in neutral.analysis.claims if c.kind == "opinion"]
    loaded = analyse(
        "Daniel Harwick met Peter Olsen in Veldoria. One of Harwick's dirty secrets is his debt."
    )
    assert loaded.analysis.loaded_score == pytest.approx(0.5)
    secrets = [c for c in loaded.analysis.claims if c.value == "dirty secrets"]
    assert secrets and name_of(loaded, secrets[0].subject) == "Daniel Harwick"


@pytest.mark.slow
def test_a_word_someone_calls_another_is_theirs(analyse) -> None:  # type: ignore[no-untyped-def]
    """ "X called Y a liar": the caller holds the word, not the outlet."""
    state = analyse("Senator Tomas Reyes called Lena Varga a liar on Monday.", site="Marovia Daily")
    holders = {c.holder for c in state.analysis.claims if c.kind == "opinion"}
    assert holders == {"Tomas Reyes"}
    spans = state.analysis.loaded_spans
    assert [(s.text, s.holder, name_of(state, s.about)) for s in spans] == [
        ("liar", "Tomas Reyes", "Lena Varga")
    ]


@pytest.mark.slow
def test_a_word_inside_a_paraphrase_is_the_speakers(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Tomas Reyes said that the lunatic plan of Lena Varga would ruin the harbor.",
        site="Marovia Daily",
    )
    holders = {c.holder for c in state.analysis.claims if c.kind == "opinion"}
    assert holders == {"Tomas Reyes"}


@pytest.mark.slow
def test_loaded_words_in_a_name_are_not_loaded(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Fans call the judge Notorious Vela.", site="Marovia Daily")
    assert [c for c in state.analysis.claims if c.kind == "opinion"] == []
