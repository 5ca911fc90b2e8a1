"""Building one claim: evidence sentence, stated date, modality and PLOVER type in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...nlp.parse import SentenceView
from ...nlp.temporal import not_before_document
from ...records import Claim, Evidence
from .index import EntityIndex
from .plover import plover_for
from .syntax import governing_verb, in_dateline, in_subtree, modality

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
    plover: str | None = None,
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
        date=_date_near(trigger, sentence, index, planned=status == "planned", clausal=clausal),
        status=status,  # type: ignore[arg-type]
        plover=plover or plover_for(kind, lemma or trigger.lemma_.lower()),
        evidence=Evidence(sentence.start, sentence.end, text[sentence.start : sentence.end]),
        attributes=extra,
    )


def _date_near(
    trigger: Token,
    sentence: SentenceView,
    index: EntityIndex,
    *,
    planned: bool = False,
    clausal: bool = True,
) -> str | None:
    """The stated date closest to the trigger in its sentence (None when it gives none).

    What is planned happens after the article, so a bare "in March" is the next March.
    """
    position, _ = index.offsets(trigger)
    dated = [t for t in index.times_in(sentence.start, sentence.end) if t.value]
    dated = [t for t in dated if not _other_clause(t.start, trigger, sentence, index)]
    if not clausal:
        # "his brother X, a graduate of Y, won in June": June dates the win, not the schooling.
        dated = [t for t in dated if _inside_phrase(t.start, trigger, sentence, index)]
    if not dated:
        return None
    best = min(dated, key=lambda t: min(abs(t.start - position), abs(t.end - position)))
    if planned:
        return not_before_document(best, index.state.article.published)
    return best.value


def _other_clause(offset: int, trigger: Token, sentence: SentenceView, index: EntityIndex) -> bool:
    """True when the date at `offset` is the dateline's, or a clause's that lacks the trigger.

    "X congratulated Y and said she would meet him on Wednesday": Wednesday dates the meeting,
    not the congratulations.
    """
    token = next(
        (t for t in sentence.span if index.offsets(t)[0] <= offset < index.offsets(t)[1]), None
    )
    if token is not None and in_dateline(token):
        return True  # "CITY, Nov 25 (AGENCY) -" dates the dispatch, not the event
    verb = governing_verb(token) if token is not None else None
    if verb is None or in_subtree(trigger, [verb]):
        return False
    # "a friendship with X, which dates back to 2021": a clause inside the trigger's noun phrase.
    about = trigger.pos_ in {"NOUN", "PROPN"} and in_subtree(verb.head, [trigger])
    return not (verb.dep_ in {"relcl", "acl"} and about)


def _inside_phrase(offset: int, trigger: Token, sentence: SentenceView, index: EntityIndex) -> bool:
    """True when the date at `offset` is part of the noun phrase the trigger heads."""
    token = next(
        (t for t in sentence.span if index.offsets(t)[0] <= offset < index.offsets(t)[1]), None
    )
    return token is not None and in_subtree(token, [trigger])
