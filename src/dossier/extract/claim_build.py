"""Building one claim: evidence sentence, stated date, modality and PLOVER type in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp.parse import SentenceView
from ..records import Claim, Evidence
from .claim_index import EntityIndex
from .claim_syntax import modality
from .plover import plover_for

if TYPE_CHECKING:
    from spacy.tokens import Token


def make_claim(
    kind: str,
    subject: int | None,
    trigger: Token,
    sentence: SentenceView,
    index: EntityIndex,
    *,
    obj: int | None = None,
    value: float | str | None = None,
    unit: str | None = None,
    place: int | None = None,
    lemma: str | None = None,
    attributes: dict[str, object] | None = None,
    clausal: bool = True,
) -> Claim:
    """A claim stated by `sentence` at `trigger`, with its modality, date and PLOVER type."""
    # A relation stated by a noun phrase ("his brother X") holds whatever the clause does.
    status, cues = modality(trigger) if clausal else ("asserted", [])
    extra: dict[str, object] = {"trigger": trigger.text, "_at": index.offsets(trigger)[0]}
    if cues:
        extra["cues"] = cues
    extra.update(attributes or {})
    text = index.state.article.text
    return Claim(
        kind=kind,
        subject=subject,
        object=obj,
        value=value,
        unit=unit,
        place=place,
        date=_date_near(trigger, sentence, index),
        status=status,  # type: ignore[arg-type]
        plover=plover_for(kind, lemma or trigger.lemma_.lower()),
        evidence=Evidence(sentence.start, sentence.end, text[sentence.start : sentence.end]),
        attributes=extra,
    )


def _date_near(trigger: Token, sentence: SentenceView, index: EntityIndex) -> str | None:
    """The stated date closest to the trigger in its sentence (None when it gives none)."""
    position, _ = index.offsets(trigger)
    dated = [t for t in index.times_in(sentence.start, sentence.end) if t.value]
    if not dated:
        return None
    best = min(dated, key=lambda t: min(abs(t.start - position), abs(t.end - position)))
    return best.value
