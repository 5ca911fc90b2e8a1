"""One statement as the quote passes find it: span, cue, speaker words, then resolved keys."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...records import Quote, QuoteKind
from .speakers import SpeakerSpan


@dataclass
class Attribution:
    """One statement as found in the text, before it becomes a `Quote` record."""

    kind: QuoteKind
    start: int
    end: int
    paragraph: int
    #: "verb", "according", "per", "reportedly", "colon", "continued" or "none".
    cue_type: str
    cue: tuple[int, int] | None = None
    speaker_span: SpeakerSpan | None = None
    #: Outlets or people named as intermediaries ("per The Harbor Ledger").
    via_spans: list[SpeakerSpan] = field(default_factory=list)
    #: Outlets named beside the source ("according to A and B", "per A and B"): parallel.
    source_spans: list[SpeakerSpan] = field(default_factory=list)
    speaker: int | None = None
    speaker_reason: str | None = None
    via: list[int] = field(default_factory=list)
    #: Parallel sources: later reports that state it on their own ("B also reported").
    sources: list[int] = field(default_factory=list)
    #: True for a report that stands beside an earlier one ("B also reported that …").
    parallel: bool = False
    record: Quote | None = None
    #: Lemma of the cue word ("say", "according", "report").
    cue_lemma: str = ""
    #: A turn of a transcript ("VELA: …"): its own span even inside a quoted transcript.
    turn: bool = False

    @property
    def reporting(self) -> bool:
        """True for a statement passed on from a report (an outlet, "reportedly")."""
        return self.cue_type in ("according", "per", "reportedly") or self.cue_lemma == "report"
