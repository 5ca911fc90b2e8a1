"""A body parsed paragraph by paragraph, seen through body-wide character offsets.

spaCy parses each paragraph on its own (sentences never cross a paragraph break, and a huge
article never becomes one huge Doc). A paragraph longer than `MAX_PIECE` characters (no real
one comes near: the longest in a corpus of 900 articles has 2,629) is cut into pieces below
that bound, at the end of a sentence where there is one, else at a space, else anywhere; each
piece is then a `Paragraph` of its own. So no text is too long for the model, and parsing time
and memory grow in step with the length of the body. `ParsedDocument` keeps each piece's Doc
with its offset in the clean body, so every stage can speak in body offsets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
#: Most characters spaCy is given at once; longer paragraphs are cut into pieces.
MAX_PIECE = 5000
#: Most characters of text parsed in one batch (a news article's 64 paragraphs hold ~30,000).
BATCH_CHARS = 100_000
#: A sentence end: a stop, with any closing quotes or brackets, and the space after it.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")
_WORD_END = re.compile(r"(?<=\S)(?=\s)")
_NOT_SPACE = re.compile(r"\S")


@dataclass
class Paragraph:
    index: int
    offset: int
    doc: Doc

    @cached_property
    def text(self) -> str:
        """The paragraph's text: spaCy rebuilds `doc.text` from its tokens on every read, so
        rules read it here, built once."""
        return self.doc.text

    @cached_property
    def end(self) -> int:
        """Body offset just past the paragraph."""
        return self.offset + len(self.text)


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


def split_pieces(text: str, limit: int = MAX_PIECE) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph, with paragraphs over `limit` characters cut in pieces.

    Every piece is stripped, shorter than or as long as `limit`, and `text[offset:offset +
    len(piece)] == piece`.
    """
    out: list[tuple[int, str]] = []
    for offset, paragraph in split_paragraphs(text):
        start = 0
        while len(paragraph) - start > limit:
            cut, resume = _cut(paragraph, start, limit)
            out.append((offset + start, paragraph[start:cut].rstrip()))
            start = resume
        out.append((offset + start, paragraph[start:]))
    return out


def _cut(paragraph: str, start: int, limit: int) -> tuple[int, int]:
    """Where the piece from `start` ends, and where the next one begins.

    The last sentence end in the second half of the window, else its last word end, else the
    window's end.
    """
    low, high = start + limit // 2, start + limit
    for pattern in (_SENTENCE_END, _WORD_END):
        ends = [match.end() for match in pattern.finditer(paragraph, low, high + 1)]
        if ends:
            cut = ends[-1]
            break
    else:
        cut = high
    following = _NOT_SPACE.search(paragraph, cut)
    return cut, following.start() if following else len(paragraph)


def _batches(texts: list[str], size: int) -> Iterator[list[str]]:
    """`size` texts at a time, fewer when they hold over `BATCH_CHARS` characters together:
    the model's working memory grows with the text of a batch, not with its count."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) == size or chars + len(text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


class ParsedDocument:
    """The body text plus one spaCy Doc per paragraph."""

    def __init__(self, text: str, paragraphs: list[Paragraph]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self._sentences: list[SentenceView] | None = None
        self._starts: list[int] | None = None
        self._offsets: list[int] | None = None

    @classmethod
    def parse(cls, text: str, nlp: Language, batch_size: int = 64) -> ParsedDocument:
        return cls.parse_many([text], nlp, batch_size)[0]

    @classmethod
    def parse_many(
        cls, texts: list[str], nlp: Language, batch_size: int = 64
    ) -> list[ParsedDocument]:
        """Parse several bodies in one stream through spaCy, so that its batches are full
        (most articles have fewer paragraphs than a batch holds); each in bounded pieces."""
        chunks = [split_pieces(text) for text in texts]
        flat = [piece for parts in chunks for _, piece in parts]
        batches = _batches(flat, batch_size)
        docs = (doc for batch in batches for doc in nlp.pipe(batch, batch_size=len(batch)))
        parsed = []
        for text, parts in zip(texts, chunks, strict=True):
            paragraphs = [Paragraph(i, offset, next(docs)) for i, (offset, _) in enumerate(parts)]
            parsed.append(cls(text, paragraphs))
        return parsed

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

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph (or piece) holding body offset `offset`, by binary search."""
        if self._offsets is None:
            self._offsets = [paragraph.offset for paragraph in self.paragraphs]
        index = bisect.bisect_right(self._offsets, offset) - 1
        if index >= 0 and offset < self.paragraphs[index].end:
            return self.paragraphs[index]
        return None

    def sentence_at(self, offset: int) -> SentenceView | None:
        """The sentence holding body offset `offset` (a binary search: sentences are in order)."""
        if self._starts is None:
            self._starts = [sentence.start for sentence in self.sentences]
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def word_count(self) -> int:
        return sum(1 for _, token in self.tokens() if not token.is_punct and not token.is_space)
