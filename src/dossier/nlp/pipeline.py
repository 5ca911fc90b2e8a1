"""Article → Analysis: parse paragraph-wise, then run the registered components in order."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Analysis, Article, Sentence
from ..settings import Settings
from . import components as _components  # noqa: F401  (registers the built-in components)
from .model import load_model
from .parse import Paragraph, ParsedDocument, split_paragraphs
from .registry import Component, DocumentState, build


class Pipeline:
    """The model and the components, built once and reused for every article of a run."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_model(settings.model)
        self.components: list[tuple[str, Component]] = build(settings.pipeline, settings)

    def parse(self, article: Article) -> ParsedDocument:
        return ParsedDocument.parse(article.text, self.nlp, self.settings.batch_size)

    def parse_many(self, articles: Sequence[Article]) -> list[ParsedDocument]:
        """Parse several articles with one stream through spaCy, so that its batches are full
        (most articles have fewer paragraphs than a batch holds)."""
        chunks = [split_paragraphs(article.text) for article in articles]
        docs = iter(
            self.nlp.pipe(
                (text for parts in chunks for _, text in parts), batch_size=self.settings.batch_size
            )
        )
        parsed = []
        for article, parts in zip(articles, chunks, strict=True):
            paragraphs = [Paragraph(i, offset, next(docs)) for i, (offset, _) in enumerate(parts)]
            parsed.append(ParsedDocument(article.text, paragraphs))
        return parsed

    def analyse(self, article: Article) -> Analysis:
        return self.run(article, self.parse(article)).analysis

    def analyse_many(self, articles: Sequence[Article]) -> list[Analysis]:
        """Analyse several articles; the same as `analyse` on each, with fuller spaCy batches."""
        parsed = self.parse_many(articles)
        return [self.run(a, p).analysis for a, p in zip(articles, parsed, strict=True)]

    def run(self, article: Article, parsed: ParsedDocument) -> DocumentState:
        """Run every component over an already parsed article; returns the final state."""
        state = DocumentState(article=article, parsed=parsed, settings=self.settings)
        state.analysis.sentences = [
            Sentence(s.start, s.end, s.paragraph.index) for s in parsed.sentences
        ]
        state.analysis.warnings.extend(article.warnings)
        for _name, run in self.components:
            run(state)
        return state
