"""Quotations no reporting clause claimed: the cue, colon, byline or quotation beside them.

A mixin of the quote finder: it reads the finder's text, quotations and statements found so
far, and adds a statement for each quotation it can attribute (or that is long enough to be
one without a cue).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

from ...nlp.parse import Paragraph
from ...nlp.registry import DocumentState
from ...records import QuoteKind
from .marks import ALL_MARKS, Quoted
from .record import Attribution
from .speakers import SpeakerSpan
from .syntax import (
    WHEN_ENTS,
    cue_bounds,
    in_complement,
    is_evaluation_verb,
    is_speech_verb,
    narrator_aside,
    opens_other_clause,
    said_end,
    speaker_of,
    speaker_span,
    token_end,
    token_start,
    trim,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Token

#: What may stand between the end of the narrator's words and an opening mark.
_LEAD_TAIL = re.compile(r"[\s'\"“‘]+$")
_BYLINE = re.compile(r"\s*([―—–-])\s*[A-Z]")
#: Short quotations with no cue beside them are scare quotes or titles, not statements.
MIN_UNCUED_WORDS = 4
#: … and words quoted inside the narrator's sentence with no cue are a phrase or a title.
MIN_EMBEDDED_WORDS = 8


class LeftoverQuotes:
    """The pass over quotations left over after the reporting clauses."""

    state: DocumentState
    text: str
    quoted: list[Quoted]
    found: list[Attribution]
    #: Starts of the quotations' outer spans, sorted, and the furthest outer end so far.
    quote_starts: list[int]
    quote_reach: list[int]

    def index_quotes(self) -> None:
        """Sort the quotations' spans once, so `in_quote` is a binary search."""
        spans = sorted((q.outer_start, q.outer_end) for q in self.quoted)
        self.quote_starts = [start for start, _ in spans]
        self.quote_reach = list(accumulate((end for _, end in spans), max))

    def in_quote(self, offset: int) -> bool:
        """True inside a quotation, marks included: exactly when the furthest end among the
        quotations that start at or before `offset` lies after it."""
        index = bisect_right(self.quote_starts, offset) - 1
        return index >= 0 and self.quote_reach[index] > offset

    def said_by_verb(
        self, kind: QuoteKind, start: int, end: int, at: int, cue_in: Paragraph, verb: Token
    ) -> Attribution:
        """A statement (body offsets, found in paragraph `at`) cued by the speech verb `verb`
        of paragraph `cue_in`, whose subject is the speaker."""
        return Attribution(
            kind,
            start,
            end,
            at,
            "verb",
            cue=cue_bounds(cue_in, verb),
            speaker_span=speaker_of(cue_in, verb, self.in_quote),
            cue_lemma=verb.lemma_.lower(),
        )

    def cut_tail(self, found: Attribution) -> None:
        """'as a “disgrace” on Wednesday', '“…” — a charge that …': a mixed statement ends at
        a closing mark that the narrator's when, where or aside follows."""
        paragraph = self.paragraph_of(found.start)
        if paragraph is None:
            return
        for quoted in self.quoted:
            if not found.start <= quoted.start < quoted.outer_end < found.end:
                continue
            local = quoted.outer_end - paragraph.offset
            after = next((t for t in paragraph.doc if t.idx >= local and not t.is_space), None)
            if after is not None and narrator_aside(after):
                found.end = quoted.outer_end
                return

    def leftover_quotes(self, used: set[Quoted]) -> None:
        """Attribute each quotation no statement holds yet."""
        for quoted in self.quoted:
            if quoted in used or any(
                f.start <= quoted.start and quoted.end <= f.end for f in self.found
            ):
                continue
            paragraph = self.paragraph_of(quoted.start)
            if paragraph is None:
                continue
            found = self.cue_beside(paragraph, quoted) or self.continued(paragraph, quoted)
            words = quoted.words(self.text)
            if found is None:
                lead = self.text[paragraph.offset : quoted.outer_start].rstrip()
                embedded = bool(lead) and lead[-1] not in ".!?:”\"'"
                if quoted.single or words < (MIN_EMBEDDED_WORDS if embedded else MIN_UNCUED_WORDS):
                    continue
                found = self.carried_on(paragraph, quoted) or Attribution(
                    "direct", quoted.start, quoted.end, paragraph.index, "none"
                )
            elif quoted.single and words < 2:
                continue
            self.found.append(found)

    def paragraph_of(self, offset: int) -> Paragraph | None:
        return self.state.parsed.paragraph_at(offset)

    def cue_beside(self, paragraph: Paragraph, quoted: Quoted) -> Attribution | None:
        """A reporting verb (or a colon) right before or after the quotation."""
        doc = paragraph.doc
        local_start = quoted.outer_start - paragraph.offset
        local_end = quoted.outer_end - paragraph.offset
        # Found by bisection: walking the whole paragraph per quotation was a hot spot.
        first_after = _first_token(doc, lambda t: t.idx >= local_end)
        after = list(doc[first_after : first_after + 12])
        before = doc[: _first_token(doc, lambda t: t.idx + len(t.text) > local_start)]
        candidates: list[tuple[int, Token]] = []
        # "author of “The Quiet Charter,” put it": a short quotation a preposition governs is
        # a title; the verb after it is not its cue.
        titled = bool(before) and before[-1].pos_ == "ADP" and quoted.words(self.text) < 8
        for distance, token in enumerate([] if titled else after[:12]):
            if self.in_quote(token_start(paragraph, token)):
                break
            if token.is_sent_start and distance > 0 and token.text not in ALL_MARKS:
                break
            if opens_other_clause(token):
                break
            if is_speech_verb(token) and not (token.dep_ == "acl" and token.tag_ == "VBN"):
                candidates.append((distance, token))
                break
        for distance, token in enumerate(reversed(before[-15:])):
            if self.in_quote(token_start(paragraph, token)):
                break
            if is_speech_verb(token) or is_evaluation_verb(token):
                if self.says_quotation(paragraph, token, quoted):
                    candidates.append((distance, token))
                break
            if token.is_sent_start and token.text not in ALL_MARKS:
                break
        if candidates:
            # The nearer cue; on a tie, or when a comma or colon hands it the quotation, the
            # one before ("called himself “…” and admitted").
            verb = min(candidates, key=lambda c: (c[0], c[1].i > before[-1].i if before else 0))[1]
            if len(candidates) == 2 and self.introduces(paragraph, candidates[1][1], quoted):
                verb = candidates[1][1]
            found = self.said_by_verb(
                "direct", quoted.start, quoted.end, paragraph.index, paragraph, verb
            )
            if found.cue is not None and found.cue[1] <= quoted.outer_start:
                self.widen_to_clause(found, paragraph, verb, quoted)
            return found
        byline = self.byline_after(paragraph, quoted, after)
        if byline is not None:
            return byline
        introduced = self.introduced_before(paragraph, quoted)
        if introduced is not None:
            return introduced
        lead = self.text[paragraph.offset : quoted.outer_start].rstrip()
        if lead.endswith(":") and before:
            names = [t for t in before if t.pos_ == "PROPN" and t.ent_type_ not in WHEN_ENTS]
            sentence_start = before[-1].sent.start
            if names and len(before) - sentence_start <= 8:
                head = names[-1]
                colon = paragraph.offset + len(lead) - 1
                return Attribution(
                    "direct",
                    quoted.start,
                    quoted.end,
                    paragraph.index,
                    "colon",
                    cue=(colon, colon + 1),
                    speaker_span=speaker_span(paragraph, head),
                )
        return None

    def introduces(self, paragraph: Paragraph, verb: Token, quoted: Quoted) -> bool:
        """'Vela replied with, “Why now?” Mills then wrote': a cue that a comma or colon
        hands to a quotation ending its own sentence holds it, whatever verb comes after."""
        gap = self.text[token_end(paragraph, verb) : quoted.outer_start].strip()
        inner = self.text[quoted.start : quoted.end].rstrip()
        return gap[-1:] in (",", ":") and inner[-1:] in (".", "?", "!")

    def says_quotation(self, paragraph: Paragraph, verb: Token, quoted: Quoted) -> bool:
        """A cue before the quotation introduces it ("said: “…”", "called it “…”"), unless
        the quotation sits in a time or place adjunct ("said on Kestrel’s “Morning Show”")."""
        gap = self.text[token_end(paragraph, verb) : quoted.outer_start]
        if gap.strip()[-1:] in ("", ",", ":") or "\n" in gap:
            return True
        local = quoted.outer_start - paragraph.offset
        first = next((t for t in verb.doc if t.idx >= local and t.text not in ALL_MARKS), None)
        return first is not None and in_complement(verb, first)

    def widen_to_clause(
        self, found: Attribution, paragraph: Paragraph, verb: Token, quoted: Quoted
    ) -> None:
        """'is promising lower taxes and “jobs”': paraphrase and quotation are one statement."""
        assert found.cue is not None
        gap = self.text[found.cue[1] : quoted.outer_start].strip()
        if gap[-1:] in ("", ",", ":") or "\n" in gap:
            return  # "said things like, “…”" introduces the quotation whole
        doc = paragraph.doc
        first = next((t for t in doc if token_start(paragraph, t) >= found.cue[1]), None)
        if first is None or not in_complement(verb, first):
            return  # "said Thursday on Kestrel’s “Morning Show”": a title in an adjunct
        last = max(said_end(verb, cue=True), first.i)
        bounds = trim(doc[first.i : min(last + 1, verb.sent.end)])
        if bounds is None:
            return
        start = token_start(paragraph, doc[bounds[0]])
        end = max(token_end(paragraph, doc[bounds[1] - 1]), quoted.outer_end)
        if start < quoted.outer_start:
            found.kind, found.start, found.end = "mixed", start, end
            self.cut_tail(found)

    def introduced_before(self, paragraph: Paragraph, quoted: Quoted) -> Attribution | None:
        """'Vela continued:' closing the paragraph before one that opens with the quotation."""
        if quoted.outer_start != paragraph.offset or paragraph.index == 0:
            return None
        previous = self.state.parsed.paragraphs[paragraph.index - 1]
        if not previous.text.rstrip().endswith(":"):
            return None
        last = list(previous.doc.sents)[-1]
        verb = next((t for t in reversed(last) if is_speech_verb(t)), None)
        if verb is None:
            return None
        return self.said_by_verb(
            "direct", quoted.start, quoted.end, paragraph.index, previous, verb
        )

    def byline_after(
        self, paragraph: Paragraph, quoted: Quoted, after: list[Token]
    ) -> Attribution | None:
        """'“…” ― Ana Vela': a dash and a name after the quotation sign it."""
        tail = self.text[quoted.outer_end : paragraph.end]
        dash = _BYLINE.match(tail)
        if dash is None:
            return None
        names = [t for t in after[:5] if t.pos_ == "PROPN"]
        if not names:
            return None
        head = names[0]
        while head.head.pos_ == "PROPN" and head.head.i in [t.i for t in after[:6]]:
            if head.head.i == head.i:
                break
            head = head.head
        cue = quoted.outer_end + dash.start(1)
        return Attribution(
            "direct",
            quoted.start,
            quoted.end,
            paragraph.index,
            "byline",
            cue=(cue, cue + 1),
            speaker_span=speaker_span(paragraph, head),
        )

    def carried_on(self, paragraph: Paragraph, quoted: Quoted) -> Attribution | None:
        """'Tarn sent a message, expressing confidence that “…”. The Republic seeks to work with
        her “to deepen our partnership …”': a long uncued quotation in the sentence right after
        a speaker's quotation, same paragraph, carries on that speaker's words (no cue of its
        own)."""
        earlier = [
            f
            for f in self.found
            if f.end <= quoted.start and f.kind != "indirect" and f.paragraph == paragraph.index
        ]
        if not earlier:
            return None
        last = max(earlier, key=lambda f: f.end)
        sentences = [
            i
            for i, sent in enumerate(paragraph.doc.sents)
            for offset in (last.end - 1, quoted.outer_start)
            if sent.start_char <= offset - paragraph.offset < sent.end_char
        ]
        if last.speaker_span is None or len(sentences) != 2 or sentences[1] != sentences[0] + 1:
            return None
        if any(f.kind == "indirect" and last.end <= f.start < quoted.start for f in self.found):
            return None
        return _continuing(last, quoted, paragraph)  # no cue of its own

    def continued(self, paragraph: Paragraph, quoted: Quoted) -> Attribution | None:
        """A quotation that carries on the previous one: same speaker, same cue."""
        earlier = [f for f in self.found if f.end <= quoted.start and f.kind != "indirect"]
        if not earlier:
            return None
        last = max(earlier, key=lambda f: f.end)
        # "…," Vela said, noting that … "…": a clause the same speaker adds breaks nothing.
        later_cues = [
            f
            for f in self.found
            if f.kind == "indirect"
            and last.end <= f.start < quoted.start
            and not same_speaker(f.speaker_span, last.speaker_span)
        ]
        same = last.paragraph == paragraph.index
        starts_paragraph = quoted.outer_start == paragraph.offset
        # (a no-break space after "said." is as good as a space)
        lead = _LEAD_TAIL.sub("", self.text[paragraph.offset : quoted.outer_start])
        if lead and lead[-1] not in '.!?”"':
            return None  # a fragment inside the narrator's sentence carries on nothing
        if later_cues or not (same or (last.paragraph == paragraph.index - 1 and starts_paragraph)):
            return None
        return _continuing(last, quoted, paragraph, cued=True)


def _continuing(
    last: Attribution, quoted: Quoted, paragraph: Paragraph, *, cued: bool = False
) -> Attribution:
    """`quoted` as more of `last`'s words: its speaker, relays and sources, and with `cued` its
    cue too."""
    return Attribution(
        "direct",
        quoted.start,
        quoted.end,
        paragraph.index,
        "continued",
        cue=last.cue if cued else None,
        speaker_span=last.speaker_span,
        via_spans=list(last.via_spans),
        source_spans=list(last.source_spans),
        cue_lemma=last.cue_lemma if cued else "",
    )


def _first_token(doc: Doc, past: Callable[[Token], bool]) -> int:
    """Index of the first token for which `past` holds (it must hold for every later one)."""
    low, high = 0, len(doc)
    while low < high:
        middle = (low + high) // 2
        if past(doc[middle]):
            high = middle
        else:
            low = middle + 1
    return low


def same_speaker(one: SpeakerSpan | None, other: SpeakerSpan | None) -> bool:
    """True when two statements name their speaker with the very same words."""
    return one is not None and other is not None and one.head_start == other.head_start
