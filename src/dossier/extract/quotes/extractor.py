"""Who said what, through whom: direct, indirect and mixed quotes with speakers and chains.

Three passes over the paragraph-wise parse, then one over the quotation marks:

1. reporting verbs (`say`, `tell`, `claim`, … in `lexicons/speech_verbs.txt`) with a clausal
   complement give a statement, its cue and its speaker (the verb's subject);
2. "according to X, …" and ", per X" give a statement attributed to X (an outlet as a rule);
3. "reportedly" marks a statement whose source the paragraph names elsewhere;
4. every quotation left over is matched to the reporting verb beside it, a colon ("Vela:
   “…”"), or the quotation it continues (`leftovers`); only then is it stored without
   a speaker.

A statement whose words lie inside quotation marks is `direct` (its span is the words inside
the marks, exactly); one that mixes paraphrase and quoted words is `mixed`. `via` lists the
speaker and then every outlet or person the statement reached this page through.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...nlp.parse import Paragraph, SentenceView
from ...nlp.registry import Component, DocumentState, component
from ...records import Quote
from ...settings import Settings
from .leftovers import LeftoverQuotes
from .marks import ALL_MARKS, Quoted, find_quoted
from .record import Attribution
from .speakers import SpeakerSpan, lexicon, resolve_speaker
from .syntax import (
    OBJECT_CONTENT_LEMMAS,
    SUBJECT_DEPS,
    claim_noun,
    is_speech_verb,
    opens_quotation,
    quoted_as,
    said_end,
    source_after,
    source_stop,
    speaker_span,
    token_end,
    token_start,
    trim,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

#: "VELA: We will …", also inside a transcript quoted whole ('"VELA: …').
_TRANSCRIPT = re.compile(r"[\"“]?([A-Z][A-Z.'\- ]{1,40}[A-Z]):\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?][”\"]|[!?]")


__all__ = ["Attribution", "find_attributions", "make_quotes"]


class _Finder(LeftoverQuotes):
    """Holds one document's parse and quotations while the passes run."""

    def __init__(self, state: DocumentState) -> None:
        self.state = state
        self.text = state.article.text
        parsed = state.parsed
        bounds = [(p.offset, p.end) for p in parsed.paragraphs]
        self.quoted = find_quoted(self.text, bounds)
        self.index_quotes()
        self.found: list[Attribution] = []
        #: "B and C also reported": (paragraph, offset, speaker spans) of parallel reports.
        self.parallel: list[tuple[int, int, list[SpeakerSpan]]] = []

    # -- pass 0: interview transcripts ("VELA: We will …") -------------------------------
    def transcript_turns(self) -> None:
        for paragraph in self.state.parsed.paragraphs:
            label = _TRANSCRIPT.match(self.text[paragraph.offset : paragraph.end])
            if label is None or label.group(1).lower() in lexicon("transcript_labels.txt"):
                continue
            start = paragraph.offset + label.end()
            end = paragraph.offset + len(
                self.text[paragraph.offset : paragraph.end].rstrip().rstrip('"”')
            )
            name_start, name_end = (
                paragraph.offset + label.start(1),
                paragraph.offset + label.end(1),
            )
            last_word = label.group(1).split()[-1]
            speaker = SpeakerSpan(
                start=name_start,
                end=name_end,
                head_start=name_end - len(last_word),
                head_end=name_end,
                head_lemma=last_word,
                head_pos="PROPN",
            )
            colon = name_end
            self.found.append(
                Attribution(
                    "direct",
                    start,
                    end,
                    paragraph.index,
                    "colon",
                    cue=(colon, colon + 1),
                    speaker_span=speaker,
                    turn=True,
                )
            )

    # -- pass 1 and 2: reporting verbs, "according to", "per" ---------------------------
    def sentence_attributions(self, sentence: SentenceView) -> None:
        paragraph = sentence.paragraph
        verbs: list[Attribution] = []
        phrases: list[tuple[Token, Token, Token]] = []  # (cue, last cue word, source)
        for token in sentence.span:
            if self.in_quote(token_start(paragraph, token)):
                continue
            if is_speech_verb(token):
                found = self.from_verb(paragraph, token)
                relayed = quoted_as(token)
                if found is not None and relayed is not None and relayed[1] is not None:
                    # "X quoted Y as saying …": Y said it, X passed it on.
                    found.via_spans.append(speaker_span(paragraph, relayed[1]))
                if found is not None:
                    found.parallel = any(
                        c.dep_ == "advmod" and c.lower_ in _ALSO for c in token.children
                    )
                    verbs.append(found)
                elif (subjects := _parallel_reporters(token)) is not None:
                    spans = [speaker_span(paragraph, t) for t in subjects]
                    self.parallel.append((paragraph.index, token_start(paragraph, token), spans))
            elif (owned := claim_noun(token)) is not None:
                verbs.extend(self.from_noun(paragraph, token, *owned))
            elif token.lower_ == "according":
                to = next((c for c in token.children if c.lower_ == "to"), None)
                if to is None and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
                    to = token.nbor()
                source = source_after(to) if to is not None else None
                if to is not None and source is not None:
                    phrases.append((token, to, source))
            elif token.lower_ == "per" and token.pos_ == "ADP":
                source = source_after(token)
                previous = token.doc[token.i - 1] if token.i > sentence.span.start else None
                named = source is not None and source.pos_ == "PROPN"
                if named and source is not None and (previous is None or previous.text == ","):
                    phrases.append((token, token, source))
        for cue, last, source in phrases:
            span = speaker_span(paragraph, source)
            if verbs:
                verbs[0].via_spans.append(span)
                verbs[0].source_spans.extend(span.conjuncts)
                continue
            found = self.from_phrase(sentence, cue, last, source, span)
            if found is not None:
                verbs.append(found)
                break
        if not verbs:
            adverb = next((t for t in sentence.span if t.lower_ == "reportedly"), None)
            if adverb is not None and not self.in_quote(token_start(paragraph, adverb)):
                bounds = trim(sentence.span)
                if bounds is not None:
                    verbs.append(
                        Attribution(
                            kind="indirect",
                            start=token_start(paragraph, sentence.span.doc[bounds[0]]),
                            end=token_end(paragraph, sentence.span.doc[bounds[1] - 1]),
                            paragraph=paragraph.index,
                            cue_type="reportedly",
                            cue=(token_start(paragraph, adverb), token_end(paragraph, adverb)),
                            cue_lemma="reportedly",
                        )
                    )
        self.found.extend(verbs)

    def from_verb(self, paragraph: Paragraph, verb: Token) -> Attribution | None:
        doc = verb.doc
        complement = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if complement is None:
            # "expressed confidence that …", "made the claim that …"
            # … but "disputed Vela's claim that …" is Vela's statement, found at the noun.
            for obj in (c for c in verb.children if c.dep_ == "dobj" and not claim_noun(c)):
                complement = next(
                    (
                        c
                        for c in obj.children
                        if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children)
                    ),
                    None,
                )
        bounds: tuple[int, int] | None = None
        if complement is not None:
            # "said X has … and his remark was …": a parse may hang both halves on the verb.
            # Not when the later one opens a quotation the first introduces ("things like, “…”").
            side = [
                c
                for c in verb.children
                if c.dep_ == "ccomp"
                and (c.i > verb.i) == (complement.i > verb.i)
                and doc[c.left_edge.i - 1].text not in (*ALL_MARKS, "“", ",", ":")
            ]
            last = side[-1] if side and side[0] == complement else complement
            bounds = trim(doc[complement.left_edge.i : said_end(last, cue=False) + 1])
        elif verb.dep_ == "parataxis" and verb.head.i < verb.left_edge.i:
            bounds = trim(doc[verb.head.left_edge.i : verb.left_edge.i])
        elif verb.dep_ == "parataxis":
            # "Farmers, she said, can “outlast any drought”": the clause around the aside.
            head = verb.head
            start = (
                head.left_edge.i if head.left_edge.i < verb.left_edge.i else verb.right_edge.i + 1
            )
            bounds = trim(doc[start : said_end(head, cue=False) + 1])
        if complement is None and verb.lemma_.lower() in OBJECT_CONTENT_LEMMAS:
            thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if thing is not None and thing.pos_ != "PRON":
                bounds = trim(doc[thing.left_edge.i : thing.right_edge.i + 1])
        if bounds is None or opens_quotation(doc[bounds[1] - 1]):
            return None
        start = token_start(paragraph, doc[bounds[0]])
        end = token_end(paragraph, doc[bounds[1] - 1])
        return self.said_by_verb("indirect", start, end, paragraph.index, paragraph, verb)

    def from_noun(
        self, paragraph: Paragraph, noun: Token, owner: Token, clause: Token
    ) -> list[Attribution]:
        """'Vela's claim that the port will close': the owner said the clause."""
        doc = noun.doc
        bounds = trim(doc[clause.left_edge.i : said_end(clause, cue=False) + 1])
        if bounds is None:
            return []
        return [
            Attribution(
                kind="indirect",
                start=token_start(paragraph, doc[bounds[0]]),
                end=token_end(paragraph, doc[bounds[1] - 1]),
                paragraph=paragraph.index,
                cue_type="verb",
                cue=(token_start(paragraph, noun), token_end(paragraph, noun)),
                speaker_span=speaker_span(paragraph, owner),
                cue_lemma=noun.lemma_.lower(),
            )
        ]

    def from_phrase(
        self, sentence: SentenceView, cue: Token, last: Token, source: Token, span: SpeakerSpan
    ) -> Attribution | None:
        """'According to X, …' / '…, per X': the statement is the rest of the sentence."""
        paragraph = sentence.paragraph
        doc = sentence.span.doc
        phrase_start = cue.i
        phrase_end = source_stop(last)
        before = doc[sentence.span.start : phrase_start]
        after = doc[phrase_end : sentence.span.end]
        part = after if len(after) >= len(before) else before
        bounds = trim(part)
        if bounds is None:
            return None
        return Attribution(
            kind="indirect",
            start=token_start(paragraph, doc[bounds[0]]),
            end=token_end(paragraph, doc[bounds[1] - 1]),
            paragraph=paragraph.index,
            cue_type="according" if cue.lower_ == "according" else "per",
            cue=(token_start(paragraph, cue), token_end(paragraph, last)),
            speaker_span=span,
            source_spans=list(span.conjuncts),
            cue_lemma=cue.lower_,
        )

    # -- quotation marks ------------------------------------------------------------------
    def snap_to_quotes(self) -> set[Quoted]:
        """Make statements made of quoted words direct; returns the quotations used."""
        used: set[Quoted] = set()
        for found in self.found:
            inside = [q for q in self.quoted if q.start < found.end and found.start < q.end]
            if not inside or found.turn:
                continue
            beside = self.quote_at_cue(found, inside)
            if beside is not None:
                self.make_direct(found, beside, used)
                continue
            words = len(self.text[found.start : found.end].split()) or 1
            for quoted in inside:
                covers = quoted.outer_start <= found.start + 1 and found.end - 1 <= quoted.outer_end
                shared = self.text[max(quoted.start, found.start) : min(quoted.end, found.end)]
                outside = words - len(shared.split())
                if covers or (outside <= 1 and words > 2 and not quoted.single):
                    self.make_direct(found, quoted, used)
                    break
            else:
                found.kind = "mixed"
                for quoted in inside:
                    # Never cut a quotation: a content edge inside one moves to its mark.
                    if quoted.start <= found.start < quoted.end:
                        found.start = quoted.outer_start
                    if quoted.start < found.end < quoted.end or (
                        quoted.end >= found.end and quoted.outer_end - found.end <= 2
                    ):
                        found.end = quoted.outer_end
                    used.add(quoted)
                self.cut_tail(found)
        return used

    @staticmethod
    def make_direct(found: Attribution, quoted: Quoted, used: set[Quoted]) -> None:
        found.kind = "direct"
        found.start, found.end = quoted.start, quoted.end
        used.add(quoted)

    def quote_at_cue(self, found: Attribution, quotes: list[Quoted]) -> Quoted | None:
        """The quotation the cue stands right beside ("“…,” she said", "said: “…”"), unless
        the statement goes on past it ("A clerk who “steals $20” is jailed, she said", "said
        “zero” voters would follow") or began before it ("Not paying taxes “makes me smart,”
        he said")."""
        cue = found.cue
        if cue is None:
            return None
        for quoted in quotes:
            if quoted.single:
                continue
            if quoted.outer_end <= cue[0]:
                lead = self.text[found.start : quoted.outer_start]
                tail = self.text[quoted.outer_end : found.end]
                if any(c.isalnum() for c in lead + tail):
                    continue
                gap = self.text[quoted.outer_end : cue[0]]
                if len(gap.split()) <= 10 and "\n" not in gap and not _SENTENCE_END.search(gap):
                    return quoted
            elif quoted.outer_start >= cue[1]:
                gap = self.text[cue[1] : quoted.outer_start].strip()
                # … unless the statement goes on ('said “zero” voters would follow him')
                tail = self.text[quoted.outer_end : found.end]
                if gap in ("", ",", ":") and not any(c.isalnum() for c in tail):
                    return quoted
        return None

    # -- clean-up, speakers, chains ---------------------------------------------------------
    def deduplicate(self) -> list[Attribution]:
        """One statement per stretch of text: the first found wins an overlap."""
        kept: list[Attribution] = []
        for found in self.found:
            clash = next((k for k in kept if k.start < found.end and found.start < k.end), None)
            if clash is None:
                kept.append(found)
            elif (
                found.kind != "indirect"
                and clash.kind == "indirect"
                and (clash.start >= found.start and clash.end <= found.end)
            ):
                kept[kept.index(clash)] = found
        return sorted(kept, key=lambda f: f.start)

    def subjects(self) -> frozenset[int]:
        return frozenset(
            token_start(p, t)
            for p in self.state.parsed.paragraphs
            for t in p.doc
            if t.dep_ in SUBJECT_DEPS
        )

    def resolve(self, found: list[Attribution]) -> None:
        """Speakers to entity keys, then `via` chains (speaker first, nearest first)."""
        previous: list[tuple[int, int | None]] = []
        subjects = self.subjects()
        for item in found:
            if item.cue_type == "reportedly":
                continue
            result = resolve_speaker(
                self.state,
                item.speaker_span,
                reporting=item.reporting,
                previous=previous,
                subjects=subjects,
            )
            item.speaker, item.speaker_reason = result.key, result.reason
            for span in item.via_spans:
                key = resolve_speaker(
                    self.state, span, reporting=True, previous=previous, subjects=subjects
                ).key
                if key is not None and key not in item.via:
                    item.via.append(key)
            for span in item.source_spans:
                key = resolve_speaker(
                    self.state, span, reporting=True, previous=previous, subjects=subjects
                ).key
                if key is not None and key not in item.sources:
                    item.sources.append(key)
            if item.speaker is not None:
                item.via = [item.speaker, *(k for k in item.via if k != item.speaker)]
                previous.append((item.start, item.speaker))
        self.chain_reports(found)
        self.parallel_reports(found, previous, subjects)

    def parallel_reports(
        self,
        found: list[Attribution],
        previous: list[tuple[int, int | None]],
        subjects: frozenset[int],
    ) -> None:
        """ "According to A, … B and C also reported": B and C are sources beside A, each
        reporting on its own, for the last report before them in that paragraph or the one
        before — not links of A's chain."""
        for paragraph, offset, spans in self.parallel:
            before = [
                f
                for f in found
                if f.reporting and f.start < offset and paragraph - 1 <= f.paragraph <= paragraph
            ]
            if not before:
                continue
            target = before[-1]
            for span in spans:
                key = resolve_speaker(
                    self.state, span, reporting=True, previous=previous, subjects=subjects
                ).key
                if key is not None and key != target.speaker and key not in target.sources:
                    target.sources.append(key)

    @staticmethod
    def chain_reports(found: list[Attribution]) -> None:
        """Within a paragraph, a report is passed on by the reports cited after it, and a
        "per B" after "according to A" reached the page through A ("A, per B and C")."""
        for index, item in enumerate(found):
            if not item.reporting:
                continue
            opened = [
                f
                for f in found[:index]
                if f.paragraph == item.paragraph and f.cue_type == "according" and f.speaker
            ]
            if item.cue_type == "per" and opened and opened[0].speaker not in item.via:
                item.speaker = opened[0].speaker
                item.via.insert(0, opened[0].speaker)  # type: ignore[arg-type]
            if item.cue_type == "reportedly":
                earlier = [
                    f for f in found[:index] if f.paragraph == item.paragraph and f.reporting
                ]
                if earlier and earlier[-1].speaker is not None:
                    item.speaker = earlier[-1].speaker
                    item.via = list(earlier[-1].via)
            for later in found[index + 1 :]:
                if later.paragraph != item.paragraph or not later.reporting:
                    continue
                if item.speaker is None and later.speaker is not None:
                    item.speaker = later.speaker
                if later.parallel:
                    # "According to A, … B and C also reported": each states it on its own.
                    for key in later.via:
                        if key not in item.sources and key != item.speaker:
                            item.sources.append(key)
                    continue
                if not (later.start <= item.start and item.end <= later.end):
                    continue  # a later report of something else passes nothing on
                # "X said Y, according to B": B's report holds X's, so it came through B.
                for key in later.via:
                    if key not in item.via:
                        item.via.append(key)
                item.sources.extend(k for k in later.sources if k not in item.sources)
            if item.cue_type == "reportedly" and item.speaker is None:
                item.speaker_reason = "reported, but the text does not say by whom"
            elif item.cue_type == "reportedly" and item.speaker not in item.via:
                item.via.insert(0, item.speaker)  # type: ignore[arg-type]


#: Adverbs that make a report one more source beside another ("B also reported").
_ALSO = frozenset({"also", "too", "likewise", "similarly"})


def _parallel_reporters(verb: Token) -> list[Token] | None:
    """The reporters of "B and C also reported (it)": a report with no content of its own that
    repeats an earlier one, side by side with it; None when `verb` is not such a report."""
    if verb.lemma_.lower() not in {"report", "confirm", "publish", "say"}:
        return None
    if not any(c.dep_ == "advmod" and c.lower_ in _ALSO for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PROPN":
        return None
    return [subject, *subject.conjuncts]


def find_attributions(state: DocumentState) -> list[Attribution]:
    """Every statement the article attributes, in body order, with speakers resolved."""
    finder = _Finder(state)
    finder.transcript_turns()
    for sentence in state.parsed.sentences:
        finder.sentence_attributions(sentence)
    used = finder.snap_to_quotes()
    finder.found = finder.deduplicate()
    finder.leftover_quotes(used)
    found = finder.deduplicate()
    finder.resolve(found)
    text = state.article.text
    for item in found:
        cue = item.cue
        item.record = Quote(
            speaker=item.speaker,
            text=text[item.start : item.end],
            kind=item.kind,
            start=item.start,
            end=item.end,
            cue=text[cue[0] : cue[1]] if cue else None,
            cue_start=cue[0] if cue else None,
            cue_end=cue[1] if cue else None,
            # `via` is who it passed through: never the speaker, who said it.
            via=[k for k in item.via if k != item.speaker],
            sources=[k for k in item.sources if k != item.speaker and k not in item.via],
            speaker_reason=None if item.speaker is not None else item.speaker_reason,
        )
    return found


@component("quotes")
def make_quotes(settings: Settings) -> Component:
    """Adds `Quote` records; the attributions with their speaker spans go to `extras`."""

    def run(state: DocumentState) -> None:
        found = find_attributions(state)
        state.analysis.quotes.extend(f.record for f in found if f.record is not None)
        state.extras["quote_attributions"] = found

    return run
