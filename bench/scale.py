"""Does storing stay as fast at 100,000 documents as at 1,000? And the pages on top of it?

Analyses `--seeds` real political articles (PolNeAR train, from `--data`) once with the real
pipeline, then grows a database to `--docs` documents through the real store and cross-document
resolution (`Database.add_article`): document i is seed article i mod seeds with every person
renamed from a pool of invented names (text, mentions, quotes, claims and all offsets follow
the new names) and a numbered closing line, so each is a new document. Names are drawn with a
long tail, so a few people are named in thousands of documents, as in a newsroom's archive.

Only `add_article` is timed. At each checkpoint (`--at`: 1k, 10k, 100k) it prints the storing
rate over the last `--window` documents, the database size per document, and for the busiest
entity's dossier page its first load and the p95 of 60 more, and the p95 of search (the web
app's query functions, in-process).

Storing rates are given in wall time and in this process's CPU time (the machine may be
shared). `--cache FILE` keeps the analysed seed articles (a pickle) for the next run.

    python bench/scale.py --data ../shared/data [--docs 100000] [--seeds 120] [--keep FILE]
"""

from __future__ import annotations

import argparse
import copy
import pickle
import random
import statistics
import sys
import tempfile
import time
from bisect import bisect_right
from pathlib import Path

from rich.console import Console
from rich.table import Table

from dossier.ingest import extract_article
from dossier.records import Analysis, Article, Page
from dossier.settings import Settings
from dossier.store import Database
from dossier.web import queries
from dossier.web.dossier import entity_dossier

FIRST = "Adela Bruno Celia Dario Elin Fabian Greta Hanno Iris Jaro Kaja Lorin Mada Nils Orla Pavo"
LAST = "Ambler Brisk Corvan Dunmore Elsby Farrow Gansey Holloway Ingram Jessup Kestrel Lomax"
SYLLABLES = "ka ri lo ven da mor sel tu nar bek is ol gra fen hu"


def name_pool(size: int) -> list[tuple[str, str]]:
    """`size` invented (first, last) names: the fixed lists, then surnames built of syllables."""
    firsts = FIRST.split()
    lasts = LAST.split()
    syllables = SYLLABLES.split()
    for a in syllables:
        for b in syllables:
            lasts.append((a + b + "ston").capitalize())
    return [(firsts[i % len(firsts)], lasts[(i // len(firsts)) % len(lasts)]) for i in range(size)]


def analyse_seeds(
    data: Path, count: int, console: Console, cache: Path | None = None
) -> list[tuple[Article, Analysis]]:
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            kept: list[tuple[Article, Analysis]] = pickle.load(handle)
        if len(kept) == count:
            console.print(f"{count} seed analyses read from {cache}")
            return kept
    from dossier.nlp.pipeline import Pipeline

    files = sorted((data / "polnear" / "data" / "train" / "text").glob("*.txt"))[:count]
    if not files:
        sys.exit(f"no PolNeAR texts under {data}; give --data the shared data folder")
    settings = Settings()
    pipeline = Pipeline(settings)
    articles = [extract_article(Page(str(f), f.read_bytes(), "text"), settings) for f in files]
    start = time.perf_counter()
    analyses = pipeline.analyse_many(articles)
    console.print(f"analysed {len(files)} seed articles in {time.perf_counter() - start:.0f} s")
    pairs = list(zip(articles, analyses, strict=True))
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(pairs, handle)
    return pairs


class Shift:
    """Old body offsets → new ones after replacing some spans of the text."""

    def __init__(self, edits: list[tuple[int, int, int]]) -> None:
        #: (old start, old end, new length), sorted, not overlapping.
        self.edits = edits
        self.ends = [e[1] for e in edits]
        self.deltas: list[int] = []
        total = 0
        for start, end, length in edits:
            total += length - (end - start)
            self.deltas.append(total)

    def __call__(self, offset: int) -> int:
        i = bisect_right(self.ends, offset)  # edits ending at or before offset
        before = self.deltas[i - 1] if i else 0
        if i < len(self.edits):
            start, end, length = self.edits[i]
            if start < offset < end:  # inside a replaced name: clamp into the new one
                return start + before + min(offset - start, length)
        return offset + before


def vary(
    article: Article, analysis: Analysis, number: int, names: dict[int, tuple[str, str]]
) -> tuple[Article, Analysis]:
    """A copy of the document with each person (by key) renamed, offsets moved to match."""
    analysis = copy.deepcopy(analysis)
    text = article.text
    edits: list[tuple[int, int, str]] = []
    for entity in analysis.entities:
        if entity.type != "Person" or entity.key not in names:
            continue
        first, last = names[entity.key]
        old_last = entity.name.split()[-1] if entity.name.split() else entity.name

        def renamed(
            surface: str, old: str = entity.name, old_last: str = old_last, new: str = last
        ) -> str:
            if surface == old:
                return f"{first} {new}"  # noqa: B023  (used within this iteration only)
            if surface == old_last:
                return new
            return surface

        for mention in entity.mentions:
            new = renamed(mention.text)
            if new != mention.text and text[mention.start : mention.end] == mention.text:
                edits.append((mention.start, mention.end, new))
            mention.text = new
        entity.aliases = [renamed(a) for a in entity.aliases]
        entity.name = f"{first} {last}"
    edits.sort()
    kept: list[tuple[int, int, str]] = []
    for edit in edits:
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    pieces, position = [], 0
    for start, end, new in kept:
        pieces += [text[position:start], new]
        position = end
    new_text = "".join([*pieces, text[position:]]) + f"\n\nFile {number}."
    shift = Shift([(s, e, len(n)) for s, e, n in kept])
    for s in analysis.sentences:
        s.start, s.end = shift(s.start), shift(s.end)
    for entity in analysis.entities:
        for m in entity.mentions:
            m.start, m.end = shift(m.start), shift(m.end)
        for r in entity.roles:
            r.start, r.end = shift(r.start), shift(r.end)
    for q in analysis.quotes:
        q.start, q.end = shift(q.start), shift(q.end)
        q.text = new_text[q.start : q.end]
        if q.cue_start is not None and q.cue_end is not None:
            q.cue_start, q.cue_end = shift(q.cue_start), shift(q.cue_end)
    for c in analysis.claims:
        c.evidence.start, c.evidence.end = shift(c.evidence.start), shift(c.evidence.end)
        c.evidence.text = new_text[c.evidence.start : c.evidence.end]
    for t in analysis.times:
        t.start, t.end = shift(t.start), shift(t.end)
    varied = copy.copy(article)
    varied.text = new_text
    varied.source = f"generated/{number:07d}.txt"
    return varied, analysis


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def probe(path: Path, docs: int) -> dict[str, float]:
    """Size per document; the busiest dossier page's first load, and p95 of it and of search
    in wall and in CPU time (a page's first load reads what later loads keep)."""
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    conn = queries.connect_readonly(path)
    try:
        top = queries.overview(conn, 5)["top_entities"]
        busiest = int(top[0]["id"])
        names = [str(e["name"]) for e in top]
        page_times, page_cpu, search_times, search_cpu = [], [], [], []
        for i in range(62):
            start, start_cpu = time.perf_counter(), time.process_time()
            page = entity_dossier(conn, busiest)
            if i != 1:  # the second load may still find the file just opened as changed
                page_times.append(time.perf_counter() - start)
                page_cpu.append(time.process_time() - start_cpu)
        for i in range(40):
            term = names[i % len(names)] if i % 2 else ["harbour", "budget", "election"][i % 3]
            start, start_cpu = time.perf_counter(), time.process_time()
            queries.search(conn, term)
            search_times.append(time.perf_counter() - start)
            search_cpu.append(time.process_time() - start_cpu)
        return {
            "bytes_per_doc": size / docs,
            "page_first_ms": page_times[0] * 1000,
            "page_p95_ms": p95(page_times[1:]) * 1000,
            "page_cpu_p95_ms": p95(page_cpu[1:]) * 1000,
            "search_p95_ms": p95(search_times) * 1000,
            "search_cpu_p95_ms": p95(search_cpu) * 1000,
            "busiest_docs": float(page["document_total"]),
        }
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seeds", type=int, default=120, help="real articles analysed once")
    parser.add_argument("--people", type=int, default=20_000, help="size of the name pool")
    parser.add_argument("--window", type=int, default=500, help="documents timed per rate")
    parser.add_argument("--keep", type=Path, help="keep the database at this path")
    parser.add_argument("--cache", type=Path, help="pickle of the analysed seeds, reused")
    parser.add_argument(
        "--at", default="1000,10000,100000", help="checkpoints (documents), comma-separated"
    )
    args = parser.parse_args()
    console = Console(stderr=True)
    seeds = analyse_seeds(args.data, args.seeds, console, args.cache)
    pool = name_pool(args.people)
    rng = random.Random(11)
    checkpoints = [c for c in map(int, args.at.split(",")) if c < args.docs]
    checkpoints.append(args.docs)
    folder = Path(tempfile.mkdtemp(prefix="dossier-scale-"))
    path = args.keep or folder / "scale.db"
    rows: list[tuple[int, float, float, dict[str, float]]] = []
    timings: list[float] = []
    cpu: list[float] = []
    with Database(path) as db:
        for number in range(args.docs):
            article, analysis = seeds[number % len(seeds)]
            people = [e.key for e in analysis.entities if e.type == "Person"]
            # A long tail: a few names in many documents, most in a handful.
            names = {
                k: pool[min(int(rng.paretovariate(1.1) * 5) - 5, len(pool) - 1)] for k in people
            }
            varied, varied_analysis = vary(article, analysis, number, names)
            start, start_cpu = time.perf_counter(), time.process_time()
            db.add_article(varied, varied_analysis)
            timings.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            done = number + 1
            if done in checkpoints:
                window = timings[-args.window :]
                rate = len(window) / sum(window)
                cpu_rate = len(window) / max(sum(cpu[-args.window :]), 1e-9)
                found = probe(Path(path), done)
                rows.append((done, rate, cpu_rate, found))
                console.print(
                    f"{done} documents: {rate:.1f} docs/s ({cpu_rate:.1f}/CPU s) over the last"
                    f" {len(window)}; {found['bytes_per_doc'] / 1024:.1f} KB/doc; busiest"
                    f" {found['busiest_docs']:.0f} docs, page first"
                    f" {found['page_first_ms']:.0f} ms,"
                    f" p95 {found['page_p95_ms']:.0f} ms (CPU {found['page_cpu_p95_ms']:.0f}),"
                    f" search p95 {found['search_p95_ms']:.1f} ms"
                    f" (CPU {found['search_cpu_p95_ms']:.1f})",
                    highlight=False,
                )
    table = Table(
        "documents",
        "stored/s (last window)",
        "× at 1k",
        "per CPU s",
        "× at 1k (CPU)",
        "DB KB/doc",
        "busiest entity: docs",
        "page first ms",
        "page p95 ms (CPU)",
        "search p95 ms (CPU)",
        title=f"Storing with resolution ({args.seeds} real articles varied, window {args.window})",
    )
    for done, rate, cpu_rate, found in rows:
        table.add_row(
            f"{done:,}",
            f"{rate:.0f}",
            f"{rate / rows[0][1]:.2f}",
            f"{cpu_rate:.0f}",
            f"{cpu_rate / rows[0][2]:.2f}",
            f"{found['bytes_per_doc'] / 1024:.1f}",
            f"{found['busiest_docs']:.0f}",
            f"{found['page_first_ms']:.0f}",
            f"{found['page_p95_ms']:.0f} ({found['page_cpu_p95_ms']:.0f})",
            f"{found['search_p95_ms']:.1f} ({found['search_cpu_p95_ms']:.1f})",
        )
    Console().print(table)


if __name__ == "__main__":
    main()
