"""The basis of each claim and quote: which rule made it and how sure that rule is.

Auditing real articles (bench/audit_claims.py) showed where the rules go wrong: most wrong
claims name a participant the sentence does not name (a pronoun or a possessive resolved to
the wrong person, "his meeting with X" said of someone else), rest on a noun rather than a
verb ("a meeting between …"), or come from a sentence that only paraphrases someone. So a
claim's confidence is what the audit measured (bench/calibrate.py, the counts in
`calibration`):

- its rule's precision over judged claims whose participants are all named in the sentence,
  stated by a verb, asserted: right / judged, drawn towards its kind's record by a prior
  worth eight judged claims (a rule seen twice cannot claim 100%);
- times, for each sign of a weaker basis in its sentence (a participant only referred to
  there; a noun carrying the event; a hedged, planned or denied status), how much that sign
  lowered precision across every kind.

`dossier show`, the exports and the web UI leave out claims under `Settings`' minimum
confidence (0.8 by default: a claim shown is meant to be right at least that often, which
leaves most meetings, endorsements and criticism unshown) unless asked for everything.
A quote's basis is its cue: a reporting verb or "according to" with its speaker named
beside it is surer than a quotation whose speaker is carried over from an earlier paragraph.

    >>> 0.0 < rule_precision("position:role") <= 1.0
    True
"""

from __future__ import annotations

from ...nlp.registry import Component, DocumentState, component
from ...records import Claim, Entity, Quote
from ...settings import Settings
from . import calibration

#: How much a sign of a weaker basis takes away.
_UNNAMED_PARTICIPANT = 0.15
_QUOTED_WITHOUT_SPEAKER = 0.2


#: How strongly a rule's own record counts against its kind's: a rule judged `_PRIOR_WEIGHT`
#: times weighs as much as the kind's record (a Beta prior), so a rule seen twice cannot
#: claim 100%.
_PRIOR_WEIGHT = 8.0


def _smoothed(counts: tuple[int, int] | None, prior: float) -> float:
    right, judged = counts or (0, 0)
    return (right + _PRIOR_WEIGHT * prior) / (judged + _PRIOR_WEIGHT)


def _overall() -> float:
    clean = calibration.SIGNS.get("clean", (0, 0))
    return clean[0] / clean[1] if clean[1] else 0.8


#: A rule judged fewer times than this is drawn towards the rules of its kind that are as
#: seldom seen ("amount:advantage" like other rare units, which fared worse than "percent").
SELDOM = 5


def rule_precision(rule: str) -> float:
    """How often a claim of `rule` with every participant named, a verb and an asserted
    status was right in the judged rounds, drawn towards its kind's record when seldom seen,
    and towards the kind's other seldom-seen rules when judged fewer than `SELDOM` times."""
    kind = rule.split(":", 1)[0]
    prior = _smoothed(calibration.KINDS.get(kind), _overall())
    counts = calibration.RULES.get(rule)
    if counts is None or counts[1] < SELDOM:
        prior = _smoothed(calibration.RULES.get(f"{kind}:*"), prior)
    return _smoothed(counts, prior)


def sign_factor(sign: str) -> float:
    """How much a sign lowers the odds of being right: precision with the sign over precision
    of clean claims, every kind together (1.0 for a sign never judged)."""
    counts = calibration.SIGNS.get(sign)
    if not counts or not counts[1]:
        return 1.0
    return min(1.0, _smoothed(counts, _overall()) / _overall())


def status_signs(status: str) -> list[str]:
    """A status other than asserted is a sign of its own: the rules read hedges, plans and
    denials less well than plain statements."""
    return [] if status in ("asserted", "opinion") else [f"status:{status}"]


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
    a noun carries the event ("his attacks on X")."""
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
    """How sure the rule behind `claim` is: its rule's measured precision, lowered by each
    sign of a weaker basis in its sentence as much as that sign lowered precision."""
    return confidence_of(claim.rule or claim_rule(claim), claim.status, claim_signs(claim, state))


def confidence_of(rule: str, status: str, signs: list[str]) -> float:
    """The confidence of a claim made by `rule`, with `status` and the `signs` in its sentence."""
    score = rule_precision(rule)
    for sign in status_signs(status) + signs:
        score *= sign_factor(sign)
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
