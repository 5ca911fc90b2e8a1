"""Each claim and quote records the rule that made it and how sure that rule is."""

from __future__ import annotations

import pytest

from claim_views import claims_of
from dossier.extract.claims.basis import claim_confidence, claim_rule
from dossier.records import Claim, Evidence
from dossier.settings import Settings

pytestmark = pytest.mark.slow


def test_named_participants_make_a_surer_claim(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse(
        "Lena Varga met Tomas Reyes in Port Alder on Monday. Later he met her again in Orsk."
    )
    meetings = sorted(claims_of(state, "meeting"), key=lambda c: c.evidence.start)
    assert len(meetings) == 2
    named, referred = meetings
    assert named.rule == "meeting:met"
    assert named.confidence is not None and referred.confidence is not None
    assert named.confidence > referred.confidence


def test_every_claim_and_quote_has_a_basis(analyse) -> None:  # type: ignore[no-untyped-def]
    state = analyse('"The harbor will reopen," Lena Varga said. Tomas Reyes praised Lena Varga.')
    assert state.analysis.claims and state.analysis.quotes
    for record in [*state.analysis.claims, *state.analysis.quotes]:
        assert record.rule
        assert record.confidence is not None and 0 < record.confidence <= 1


def test_a_wire_dateline_is_an_unsure_location(analyse) -> None:  # type: ignore[no-untyped-def]
    """ "ORSK (HNS) —" puts the agency in Orsk: kept, but under the default minimum."""
    state = analyse("Lena Varga met Tomas Reyes on Monday.")
    text = state.article.text
    wire = Claim(
        "location", 1, Evidence(0, len(text), text), object=2, attributes={"from": "dateline"}
    )
    assert claim_rule(wire) == "location:dateline"
    assert claim_confidence(wire, state) < Settings().min_confidence
