"""A body parsed paragraph by paragraph, seen through body-wide character offsets.

spaCy parses each paragraph on its own (sentences never cross a paragraph break, and a huge
article never becomes one huge Doc). `ParsedDocument` keeps each paragraph's Doc with the
offset of the paragraph in the clean body, so every stage can speak in body offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@dataclass
class Paragraph:
    index: int
    offset: int
    doc: Doc

    @property
    def end(self) -> int:
        """Body offset just past the paragraph (without building `doc.text`, which joins
        every token anew each time it is read)."""
        last = self.doc[-1] if len(self.doc) else None
        return self.offset + (last.idx + len(last.text_with_ws) if last is not None else 0)


@dataclass
class SentenceView:
    """A sentence with its spaCy span and its position in the body."""

    index: int
    paragraph: Paragraph
    span: Span

    @property
    def start(self) -> int:
        return self.paragraph.offset + self.span.start_char

    @property
    def end(self) -> int:
        return self.paragraph.offset + self.span.end_char

    @property
    def text(self) -> str:
        return self.span.text


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each non-blank paragraph, stripped, offsets into `text`."""
    out: list[tuple[int, str]] = []
    pos = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            out.append((pos + chunk.index(stripped), stripped))
        if match:
            pos = match.end()
    return out


class ParsedDocument:
    """The body text plus one spaCy Doc per paragraph."""

    def __init__(self, text: str, paragraphs: list[Paragraph]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self._sentences: list[SentenceView] | None = None
        self._sentence_starts: list[int] | None = None

    @classmethod
    def parse(cls, text: str, nlp: Language, batch_size: int = 64) -> ParsedDocument:
        chunks = split_paragraphs(text)
        docs = nlp.pipe((chunk for _, chunk in chunks), batch_size=batch_size)
        pairs = zip(chunks, docs, strict=True)
        paragraphs = [Paragraph(i, offset, doc) for i, ((offset, _), doc) in enumerate(pairs)]
        return cls(text, paragraphs)

    @property
    def sentences(self) -> list[SentenceView]:
        if self._sentences is None:
            views: list[SentenceView] = []
            for paragraph in self.paragraphs:
                for span in paragraph.doc.sents:
                    if span.text.strip():
                        views.append(SentenceView(len(views), paragraph, span))
            self._sentences = views
        return self._sentences

    def tokens(self) -> Iterator[tuple[Paragraph, Token]]:
        for paragraph in self.paragraphs:
            for token in paragraph.doc:
                yield paragraph, token

    def token_start(self, paragraph: Paragraph, token: Token) -> int:
        return paragraph.offset + token.idx

    def span_offsets(self, paragraph: Paragraph, span: Span) -> tuple[int, int]:
        return paragraph.offset + span.start_char, paragraph.offset + span.end_char

    def sentence_at(self, offset: int) -> SentenceView | None:
        """The sentence holding body offset `offset`."""
        sentences = self.sentences
        if self._sentence_starts is None:
            self._sentence_starts = [s.start for s in sentences]
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and sentences[i].start <= offset < sentences[i].end:
            return sentences[i]
        return None

    def word_count(self) -> int:
        return sum(1 for _, token in self.tokens() if not token.is_punct and not token.is_space)
