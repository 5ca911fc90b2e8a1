"""The basis of each claim and quote: which rule made it and how sure that rule is.

Auditing real articles (bench/audit_claims.py) showed where the rules go wrong: most wrong
claims name a participant the sentence does not name (a pronoun or a possessive resolved to
the wrong person, "his meeting with X" said of someone else), rest on a noun rather than a
verb ("a meeting between …"), or come from a sentence that only paraphrases someone. So a
claim's confidence starts from how its kind fared in the audit and drops for each such sign:

- `0.9`: every participant is named in the evidence sentence and a verb states it;
- lower by 0.15 when a participant is only referred to there (pronoun, possessive, a name
  from earlier sentences), by 0.1 when a noun carries it ("his attacks on X");
- kinds the audit found weak start lower (see `_KIND_START`).

`dossier show`, the exports and the web UI leave out claims under `Settings`' minimum
confidence (0.6 by default) unless asked for everything. A quote's basis is its cue: a
reporting verb or "according to" with its speaker named beside it is surer than a quotation
whose speaker is carried over from an earlier paragraph.

    >>> round(_kind_start("position"), 2)
    0.9
"""

from __future__ import annotations

from ...nlp.registry import Component, DocumentState, component
from ...records import Claim, Entity, Quote
from ...settings import Settings

#: Where each kind starts: the kinds whose rules the audit found weakest start lower.
_KIND_START: dict[str, float] = {
    "position": 0.9,
    "family": 0.9,
    "location": 0.85,
    "residence": 0.8,
    "employment": 0.85,
    "education": 0.85,
    "amount": 0.85,
    "associate": 0.85,
    "criticism": 0.85,
    "support": 0.85,
    "election_result": 0.85,
    "membership": 0.85,
    "meeting": 0.8,
    "travel": 0.8,
    "opinion": 0.8,
}
#: How much a sign of a weaker basis takes away.
_UNNAMED_PARTICIPANT = 0.15
_NOUN_TRIGGER = 0.1
_QUOTED_WITHOUT_SPEAKER = 0.2
#: "TRENTON, N.J. (AP) —": the wire files from the city, but is seldom based there (4 of 4
#: such claims were wrong in audit round c2), so these are hidden by default.
_DATELINE_AGENCY = 0.4


def _kind_start(kind: str) -> float:
    return _KIND_START.get(kind, 0.8)


def _named_in(entity: Entity | None, start: int, end: int) -> bool:
    """True when the entity is named (not only referred to) between body offsets."""
    if entity is None:
        return False
    return any(m.form != "pronoun" and start <= m.start < end for m in entity.mentions)


def claim_rule(claim: Claim) -> str:
    """Which rule made a claim: its kind and what triggered it ("meeting:met")."""
    how = claim.attributes.get("relation") or claim.attributes.get("trigger")
    if claim.attributes.get("from") == "dateline":
        how = "dateline"
    elif claim.kind == "position":
        how = "role"
    elif claim.kind == "amount":
        how = claim.unit or "count"
    elif claim.kind == "opinion":
        how = "outlet"
    return f"{claim.kind}:{str(how or 'rule').lower()}"


def claim_signs(claim: Claim, state: DocumentState) -> list[str]:
    """The signs of a weaker basis in a claim's sentence: "unnamed" once for each participant
    only referred to there (pronoun, possessive, a name from earlier sentences), "noun" when
    a noun carries the event ("his attacks on X"), "dateline" for a wire's dateline."""
    if claim.attributes.get("from") == "dateline":
        return ["dateline"]
    signs = []
    start, end = claim.evidence.start, claim.evidence.end
    for key in (claim.subject, claim.object):
        if key is not None and not _named_in(state.entity(key), start, end):
            signs.append("unnamed")
    trigger = str(claim.attributes.get("trigger", ""))
    if claim.kind in {"meeting", "support", "criticism", "travel"} and _noun_like(trigger):
        signs.append("noun")
    return signs


def claim_confidence(claim: Claim, state: DocumentState) -> float:
    """How sure the rule behind `claim` is, from its kind and the signs in its sentence."""
    signs = claim_signs(claim, state)
    if "dateline" in signs:
        return _DATELINE_AGENCY
    score = _kind_start(claim.kind)
    score -= _UNNAMED_PARTICIPANT * signs.count("unnamed")
    score -= _NOUN_TRIGGER * signs.count("noun")
    return round(max(score, 0.05), 2)


_NOUN_ENDINGS = ("ing", "ment", "tion", "sion", "ance", "ence", "al", "s")


def _noun_like(trigger: str) -> bool:
    """True for a trigger that is a noun ("meeting", "attacks", "visit"), not a finite verb.

    The claim keeps only the trigger's text; nouns of the event lexicon end this way or are
    the bare forms the lexicon lists for nouns.
    """
    low = trigger.lower()
    return low in {"visit", "talks", "lunch", "dinner", "breakfast", "summit", "attack"} or (
        low.endswith(_NOUN_ENDINGS[:5]) and not low.endswith("ed")
    )


def quote_rule(quote: Quote) -> str:
    """Which rule attributed a quote: how it is marked and cued ("direct:said")."""
    cue = (quote.cue or "none").lower()
    return f"{quote.kind}:{cue}"


def quote_confidence(quote: Quote, state: DocumentState) -> float:
    """How sure the attribution is: a named speaker beside the cue is surest."""
    if quote.speaker is None:
        return 0.9 if quote.speaker_reason else 0.7  # nobody credited: the text names none
    score = 0.9
    start = min(quote.start, quote.cue_start if quote.cue_start is not None else quote.start)
    end = max(quote.end, quote.cue_end if quote.cue_end is not None else quote.end)
    sentence = state.parsed.sentence_at(start)
    if sentence is not None:
        start, end = min(start, sentence.start), max(end, sentence.end)
    if not _named_in(state.entity(quote.speaker), start - 200, end + 200):
        score -= _UNNAMED_PARTICIPANT
    if quote.cue is None:
        score -= _QUOTED_WITHOUT_SPEAKER
    return round(score, 2)


def assess(state: DocumentState) -> None:
    """Give every claim and quote of the document its rule and confidence."""
    for claim in state.analysis.claims:
        claim.rule = claim.rule or claim_rule(claim)
        claim.confidence = claim_confidence(claim, state)
    for quote in state.analysis.quotes:
        quote.rule = quote.rule or quote_rule(quote)
        quote.confidence = quote_confidence(quote, state)


@component("basis")
def make_basis(settings: Settings) -> Component:
    """The last component: records which rule made each claim and quote, and how sure it is."""

    def run(state: DocumentState) -> None:
        assess(state)

    return run
