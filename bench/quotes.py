"""Quotes and who said them on PolNeAR: Dossier vs textacy's `direct_quotations`.

    python bench/quotes.py [--data ../shared/data] [--split both|dev|train] [--limit N]

Both splits by default, each in its own table from one run: dev is what the rules were tuned
on; train, not tuned on, checks that they generalise.

PolNeAR annotates each attribution as source, cue and content spans (brat standoff; a
quotation split around its cue is one content of several fragments). Every annotation file
counts as one article (dev: 84 texts in 94 files, train: 840 in 919; a few texts were
annotated by several people).

Both systems see the same parse: each text is parsed once, paragraph by paragraph, with
Dossier's pipeline; Dossier's quotes come from that run and textacy's
`direct_quotations` runs on the very same paragraph Docs.

Scoring, per subset ("quoted": gold contents holding a quotation mark, or two apostrophes
standing for one, against each system's quoted statements — Dossier's `direct` and `mixed`,
all of textacy's; "all": every gold attribution against every statement):
- contents are compared as sets of letter/digit offsets (quotation marks, spaces and
  punctuation at the edges do not count); a prediction matches a gold content when the shared
  characters are at least half of the longer of the two (each gold matched at most once,
  best pairs first) — `F1 ≥0.5`; `F1 exact` needs the two sets to be equal;
- Dossier's quotes split around one cue are one prediction (as PolNeAR's content is);
- speaker accuracy, over matched pairs whose gold has a source: the predicted speaker words
  overlap the gold source, or the predicted speaker resolves to an entity with a mention that
  overlaps it;
- cue accuracy, over matched pairs whose gold has a cue: the predicted cue overlaps it.
Nothing is written.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table
from textacy.extract.triples import direct_quotations

from dossier.extract.quotes.record import Attribution
from dossier.nlp.parse import ParsedDocument
from dossier.nlp.pipeline import Pipeline
from dossier.nlp.registry import DocumentState
from dossier.records import Article
from dossier.settings import DEFAULT_PIPELINE, Settings

ROOT = Path(__file__).resolve().parent.parent
QUOTE_MARKS = set('"“”„«»')
#: Some wires write a quotation mark as two apostrophes or backticks (''…'', ``…'').
DOUBLED_MARKS = ("''", "``")
_SPAN = re.compile(r"(\d+) (\d+)")


@dataclass
class Item:
    """One attribution, gold or predicted, as offset sets."""

    content: frozenset[int]
    quoted: bool
    source: set[int] = field(default_factory=set)
    cue: set[int] = field(default_factory=set)
    #: Offsets of every mention of the entity the speaker resolved to (predictions only).
    speaker_entity: set[int] = field(default_factory=set)


def letters(text: str, ranges: Iterable[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for s, e in ranges for i in range(s, e) if text[i].isalnum())


def span_set(ranges: Iterable[tuple[int, int]]) -> set[int]:
    return {i for s, e in ranges for i in range(s, e)}


def read_gold(ann: Path, text: str) -> list[Item]:
    """Attributions of one brat file: content, cue and source offsets."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            spans[parts[0]] = [(int(s), int(e)) for s, e in _SPAN.findall(parts[1])]
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(
                {k.rstrip("0123456789"): v for k, v in (a.split(":") for a in parts[1].split())}
            )
    gold: list[Item] = []
    for rel in relations:
        if "Content" not in rel:
            continue
        content = spans[rel["Content"]]
        raw = "".join(text[s:e] for s, e in content)
        gold.append(
            Item(
                content=letters(text, content),
                quoted=any(ch in QUOTE_MARKS for ch in raw) or any(m in raw for m in DOUBLED_MARKS),
                source=span_set(spans.get(rel.get("Source", ""), [])),
                cue=span_set(spans.get(rel.get("Cue", ""), [])),
            )
        )
    return [g for g in gold if g.content]


def dossier_items(state: DocumentState) -> list[Item]:
    """Dossier's statements; quotes sharing one cue (a split quotation) become one item."""
    found: list[Attribution] = state.extras.get("quote_attributions", [])  # type: ignore[assignment]
    text = state.article.text
    groups: dict[object, list[Attribution]] = {}
    for item in found:
        key: object = (item.cue, item.kind != "indirect") if item.cue else id(item)
        groups.setdefault(key, []).append(item)
    items: list[Item] = []
    for members in groups.values():
        first = members[0]
        source: set[int] = set()
        if first.speaker_span is not None:
            source = span_set([(first.speaker_span.start, first.speaker_span.end)])
        entity = state.entity(first.speaker)
        mentions = span_set((m.start, m.end) for m in entity.mentions) if entity else set()
        items.append(
            Item(
                content=letters(text, [(m.start, m.end) for m in members]),
                quoted=any(m.kind != "indirect" for m in members),
                source=source,
                cue=span_set([first.cue]) if first.cue else set(),
                speaker_entity=mentions,
            )
        )
    return [i for i in items if i.content]


def textacy_items(parsed: ParsedDocument, refused: list[int]) -> list[Item]:
    """textacy's direct quotations on the same paragraph Docs.

    textacy refuses a paragraph with an odd number of quotation marks (a quotation that
    runs on into the next paragraph); such a paragraph gives it no quotes and is counted.
    """
    items: list[Item] = []
    for paragraph in parsed.paragraphs:
        base = paragraph.offset
        try:
            triples = list(direct_quotations(paragraph.doc))
        except ValueError:
            refused[0] += 1
            continue
        for triple in triples:
            content = (base + triple.content.start_char, base + triple.content.end_char)
            items.append(
                Item(
                    content=letters(parsed.text, [content]),
                    quoted=True,
                    source=span_set((base + t.idx, base + t.idx + len(t)) for t in triple.speaker),
                    cue=span_set((base + t.idx, base + t.idx + len(t)) for t in triple.cue),
                )
            )
    return [i for i in items if i.content]


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    speaker_total: int = 0
    speaker_right: int = 0
    cue_total: int = 0
    cue_right: int = 0

    def add(self, gold: list[Item], predicted: list[Item]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        pairs = []
        for gi, g in enumerate(gold):
            for pi, p in enumerate(predicted):
                shared = len(g.content & p.content)
                if shared:
                    pairs.append((shared / max(len(g.content), len(p.content)), gi, pi))
        taken_g: set[int] = set()
        taken_p: set[int] = set()
        for overlap, gi, pi in sorted(pairs, reverse=True):
            if overlap < 0.5 or gi in taken_g or pi in taken_p:
                continue
            taken_g.add(gi)
            taken_p.add(pi)
            g, p = gold[gi], predicted[pi]
            self.matched += 1
            self.exact += g.content == p.content
            if g.source:
                self.speaker_total += 1
                self.speaker_right += bool(g.source & (p.source | p.speaker_entity))
            if g.cue:
                self.cue_total += 1
                self.cue_right += bool(g.cue & p.cue)

    def f1(self, hits: int) -> float:
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> list[str]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        speaker = self.speaker_right / self.speaker_total if self.speaker_total else 0.0
        cue = self.cue_right / self.cue_total if self.cue_total else 0.0
        return [
            str(self.gold),
            str(self.predicted),
            f"{p:.3f}",
            f"{r:.3f}",
            f"{self.f1(self.matched):.3f}",
            f"{self.f1(self.exact):.3f}",
            f"{speaker:.3f} ({self.speaker_total})",
            f"{cue:.3f} ({self.cue_total})",
        ]


def measure_split(
    data: Path, split_name: str, limit: int, pipeline: Pipeline, console: Console
) -> None:
    """Score Dossier and textacy on one PolNeAR split and print its table."""
    split = data / "polnear" / "data" / split_name
    if not split.is_dir():
        raise SystemExit(f"PolNeAR {split_name} not found under {data} (expected {split}).")
    anns = sorted((split / "attributions").glob("*.ann"))
    if limit:
        anns = anns[:limit]
    scores = {(s, k): Score() for s in ("Dossier", "textacy") for k in ("quoted", "all")}
    runs: dict[str, tuple[DocumentState, float]] = {}
    textacy_time = 0.0
    refused = [0]
    for ann in anns:
        name = ann.stem.rsplit("_", 1)[0]
        text = (split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        if name not in runs:
            article = Article(source=name, text=text)
            parsed = pipeline.parse(article)
            started = time.perf_counter()
            runs[name] = (pipeline.run(article, parsed), time.perf_counter() - started)
        state, _seconds = runs[name]
        gold = read_gold(ann, text)
        started = time.perf_counter()
        theirs = textacy_items(state.parsed, refused)
        textacy_time += time.perf_counter() - started
        ours = dossier_items(state)
        for system, predicted in (("Dossier", ours), ("textacy", theirs)):
            scores[(system, "all")].add(gold, predicted)
            scores[(system, "quoted")].add(
                [g for g in gold if g.quoted], [p for p in predicted if p.quoted]
            )
    title = f"PolNeAR {split_name} attributions ({len(anns)} articles, same spaCy parses)"
    table = Table(title=title)
    for column in (
        "subset",
        "system",
        "gold",
        "pred",
        "P ≥0.5",
        "R ≥0.5",
        "F1 ≥0.5",
        "F1 exact",
        "speaker acc (n)",
        "cue acc (n)",
    ):
        table.add_column(column)
    for subset in ("quoted", "all"):
        for system in ("Dossier", "textacy"):
            table.add_row(subset, system, *scores[(system, subset)].row())
    console.print(table)
    pipeline_seconds = sum(seconds for _, seconds in runs.values())
    console.print(
        f"Dossier quote components after parsing: {pipeline_seconds:.2f}s over "
        f"{len(runs)} texts; textacy direct_quotations: {textacy_time:.2f}s "
        f"(it refused {refused[0]} paragraphs with unbalanced quotation marks)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--split", choices=("both", "dev", "train"), default="both")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args()
    # The components up to and including "quotes"; later ones (claims, …) do not change quotes.
    names = DEFAULT_PIPELINE[: DEFAULT_PIPELINE.index("quotes") + 1]
    pipeline = Pipeline(Settings(pipeline=names))
    console = Console(width=150)
    console.print(f"Dossier components: {', '.join(names)}")
    splits = ("train", "dev") if args.split == "both" else (args.split,)
    for split_name in splits:
        measure_split(args.data, split_name, args.limit, pipeline, console)


if __name__ == "__main__":
    main()
