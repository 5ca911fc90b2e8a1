"""Typed claims from fictional sentences: kinds, direction, coordination, modality, dates."""

from __future__ import annotations

import pytest

from claim_views import claims_of, name_of, pairs_of
from dossier.extract.claims.lexicon import claim_lexicon
from dossier.extract.claims.plover import plover_for, to_current
from dossier.records import CLAIM_KINDS, CLAIM_STATUSES, Claim


def test_lexicon_kinds_are_in_the_vocabulary() -> None:
    lexicon = claim_lexicon()
    kinds = {t.kind for t in [*lexicon.verbs.values(), *lexicon.nouns.values()] if t.kind}
    assert kinds <= set(CLAIM_KINDS)
    assert lexicon.verbs["meet"].kind == "meeting"
    assert lexicon.family["brother"] == "brother"


def test_plover_types_for_event_kinds() -> None:
    assert plover_for("meeting", "met") == "CONSULT"
    assert plover_for("support", "praise") == "SUPPORT"
    assert plover_for("criticism", "accuse") == "ACCUSE"
    assert plover_for("family") is None
    assert to_current("DISAPPROVE") == "ACCUSE"
    assert to_current("AGREE") == "AGREE"


@pytest.mark.slow
def test_meeting_with_coordinated_objects(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Daniel Harwick met with Laura Mendez and Thomas Grey in Marovia on Tuesday.")
    pairs = pairs_of(state, "meeting")
    assert ("Daniel Harwick", "Laura Mendez") in pairs
    assert ("Daniel Harwick", "Thomas Grey") in pairs
    for claim in claims_of(state, "meeting"):
        assert claim.status == "asserted"
        assert claim.plover == "CONSULT"
        text = state.article.text
        assert claim.evidence.text == text[claim.evidence.start : claim.evidence.end]


@pytest.mark.slow
def test_planned_travel_and_meeting(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Daniel Harwick will fly to Veldoria to meet with his old ally, Peter Olsen.")
    travel = claims_of(state, "travel")
    assert travel and travel[0].status == "planned"
    assert name_of(state, travel[0].place) == "Veldoria"
    meetings = [c for c in claims_of(state, "meeting") if name_of(state, c.object) == "Peter Olsen"]
    assert meetings and meetings[0].status == "planned"
    assert ("Daniel Harwick", "Peter Olsen") in pairs_of(state, "associate")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Daniel Harwick did not meet Peter Olsen in Marovia.", "denied"),
        ("Daniel Harwick reportedly had lunch with Peter Olsen in Marovia.", "hedged"),
        ("Daniel Harwick intends to meet Peter Olsen in Marovia.", "planned"),
        ("Daniel Harwick met Peter Olsen in Marovia.", "asserted"),
    ],
)
def test_meeting_modality(analyse, sentence: str, status: str) -> None:  # type: ignore[no-untyped-def]
    state = analyse(sentence)
    meetings = [c for c in claims_of(state, "meeting") if name_of(state, c.object) == "Peter Olsen"]
    assert [c.status for c in meetings] == [status]


@pytest.mark.slow
def test_support_and_criticism_direction(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Governor Clara Dunmore congratulated Peter Olsen on his victory. "
        "Senator Daniel Harwick condemned Clara Dunmore for the decision."
    )
    assert ("Clara Dunmore", "Peter Olsen") in pairs_of(state, "support")
    assert ("Daniel Harwick", "Clara Dunmore") in pairs_of(state, "criticism")
    assert {c.plover for c in claims_of(state, "criticism")} == {"ACCUSE"}


@pytest.mark.slow
def test_family_employment_education(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Peter Olsen's older brother Henrik Olsen, a graduate of the University of Marovia, "
        "joined the cabinet. Laura Mendez, the marketing manager for Delmont Foods, attended."
    )
    family = claims_of(state, "family")
    assert [(name_of(state, c.subject), name_of(state, c.object)) for c in family] == [
        ("Peter Olsen", "Henrik Olsen")
    ]
    assert family[0].attributes["relation"] == "brother"
    assert ("Henrik Olsen", "University of Marovia") in pairs_of(state, "education")
    assert ("Laura Mendez", "Delmont Foods") in pairs_of(state, "employment")


@pytest.mark.slow
def test_election_result(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Peter Olsen won the March 3 runoff, garnering 54.20% of the vote over "
        "former minister Clara Dunmore's 45.80%.",
        published="2024-03-05",
    )
    results = claims_of(state, "election_result")
    assert len(results) == 1
    result = results[0]
    assert name_of(state, result.subject) == "Peter Olsen"
    assert name_of(state, result.object) == "Clara Dunmore"
    assert result.value == pytest.approx(54.2)
    assert result.unit == "percent"
    assert result.attributes["opponent_share"] == pytest.approx(45.8)
    assert result.attributes["round"] == "runoff"
    assert result.date is not None and result.date.endswith("03-03")


@pytest.mark.slow
def test_reported_claim_carries_its_source(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "According to The Marovia Herald, Daniel Harwick met with Peter Olsen in Veldoria."
    )
    meetings = claims_of(state, "meeting")
    assert meetings and meetings[0].status == "reported"
    # The outlet said it: it is the claim's speaker, not a relay in its `via`.
    assert name_of(state, meetings[0].attributes["speaker"]) == "The Marovia Herald"
    assert meetings[0].evidence.via == []


@pytest.mark.slow
def test_every_claim_is_well_formed(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Daniel Harwick, a lunatic demagogue, met with Peter Olsen on Tuesday. "
        "Olsen's wife, Anna Olsen, praised Harwick."
    )
    claims: list[Claim] = state.analysis.claims
    assert claims
    for claim in claims:
        assert claim.kind in CLAIM_KINDS
        assert claim.status in CLAIM_STATUSES
        assert not any(k.startswith("_") for k in claim.attributes)
        assert claim.evidence.text == state.article.text[claim.evidence.start : claim.evidence.end]


@pytest.mark.slow
def test_spouse_coordinated_meeting_and_defeat(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Karl Dahl is married to Eva Dahl, a lawyer.\n\n"
        "Anna Berg and Karl Dahl met in Veldoria on Monday.\n\n"
        "Karl Dahl defeated Anna Berg in the election with 52 percent of the vote."
    )
    family = claims_of(state, "family")
    assert [(name_of(state, c.subject), name_of(state, c.object)) for c in family] == [
        ("Karl Dahl", "Eva Dahl")
    ]
    assert family[0].attributes["relation"] == "spouse"
    assert ("Anna Berg", "Karl Dahl") in pairs_of(state, "meeting")
    (result,) = claims_of(state, "election_result")
    assert (name_of(state, result.subject), name_of(state, result.object)) == (
        "Karl Dahl",
        "Anna Berg",
    )
    assert result.value == pytest.approx(52.0)
    assert "opponent_share" not in result.attributes


@pytest.mark.slow
def test_passive_support_keeps_direction(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse("Anna Berg was endorsed by Thomas Grey on Friday.")
    assert pairs_of(state, "support") == {("Thomas Grey", "Anna Berg")}


@pytest.mark.slow
def test_pardon_proposal_supports_a_described_group(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Daniel Harwick submitted a proposal that would grant pardons to former members "
        "of Thomas Grey's government."
    )
    support = claims_of(state, "support")
    assert [(name_of(state, c.subject), c.object) for c in support] == [("Daniel Harwick", None)]
    assert str(support[0].value).startswith("former members of Thomas Grey")


@pytest.mark.slow
def test_called_him_a_friend(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Thomas Grey, who hosted Peter Olsen for lunch in Marovia, has called him a friend."
    )
    assert ("Thomas Grey", "Peter Olsen") in pairs_of(state, "associate")
    meetings = claims_of(state, "meeting")
    assert [(name_of(state, c.object), name_of(state, c.place)) for c in meetings] == [
        ("Peter Olsen", "Marovia")
    ]


@pytest.mark.slow
def test_stored_plover_type_reads_the_mood(analyse) -> None:  # type: ignore[no-untyped-def]
    """Claims carry the mood-coded type the events benchmark scores, not only the kind's."""
    state = analyse(
        "Senator Daniel Harwick refused to meet Governor Clara Dunmore. "
        "Peter Olsen will back Clara Dunmore in the runoff."
    )
    meetings = claims_of(state, "meeting")
    assert meetings and {c.plover for c in meetings} == {"REJECT"}
    support = claims_of(state, "support")
    assert support and {c.plover for c in support} == {"AGREE"}
    assert {c.status for c in support} == {"planned"}


@pytest.mark.slow
def test_a_lower_case_party_after_its_name_is_the_party(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Lena Varga's Republican party won't have a majority in the assembly. "
        "Tom Reyes attended a Christmas party in Port Alder."
    )
    kinds = {e.name: e.type for e in state.analysis.entities}
    assert kinds.get("Republican party") == "Organization"
    assert "Christmas party" not in kinds
    assert ("Lena Varga", "Republican party") in pairs_of(state, "membership")
