"""Body extraction on the Zyte article-extraction benchmark: Dossier vs plain trafilatura.

Scores follow that benchmark's own method: each body is cut into `\\w+` tokens, then into
4-token shingles counted as a multiset; per page, true/false positives and false negatives
are normalised to sum to one, precision and recall are averaged over pages, and F1 is taken
from the two averages. Spreads are bootstrap standard deviations over pages.

    python bench/extract_body.py [--data ../shared/data] [--repeat 2]

Dossier runs its whole HTML path (`extract_article`: decoding, body, metadata, date,
language); trafilatura runs `trafilatura.extract(html, include_comments=False)`, as in the
benchmark's own runner. Nothing is written.

Silent truncation is counted too: "cut" is the number of pages where a system keeps under half
of the gold body's words while the gold body is not tiny; for Dossier, "under ½ trafilatura"
counts pages where it keeps under half of the words trafilatura's default keeps, and how many
of those it warned about (a warning in the article's `warnings`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura
from rich.console import Console
from rich.table import Table

from dossier.errors import InputError
from dossier.ingest import extract_article
from dossier.records import Page
from dossier.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
_TOKEN = re.compile(r"\w+")
Counts = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles (a text shorter than n is one short shingle)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def page_counts(true: str, pred: str) -> Counts:
    """Normalised (tp, fp, fn) of one page, so long pages do not weigh more."""
    gold, got = shingles(true), shingles(pred)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(rows: list[Counts]) -> dict[str, float]:
    """Mean precision and recall over pages, and F1 of those means."""
    precision = statistics.mean(_precision(*r) for r in rows if r[0] + r[1] > 0)
    recall = statistics.mean(_recall(*r) for r in rows if r[0] + r[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def bootstrap_std(rows: list[Counts], rounds: int = 1000, seed: int = 0) -> dict[str, float]:
    """Standard deviation of each metric over page resamples."""
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {"precision": [], "recall": [], "f1": []}
    for _ in range(rounds):
        picked = [rows[rng.randrange(len(rows))] for _ in rows]
        for key, value in metrics(picked).items():
            samples[key].append(value)
    return {key: statistics.stdev(values) for key, values in samples.items()}


def load(data: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    """Raw page bytes by id and the gold article bodies by id."""
    folder = data / "article-extraction-benchmark"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {
        path.name.split(".")[0]: gzip.decompress(path.read_bytes())
        for path in sorted((folder / "html").glob("*.html.gz"))
    }
    return pages, {key: value.get("articleBody", "") for key, value in truth.items()}


#: A page "keeps less than half" when it has under this share of the other's words.
CUT_SHARE = 0.5
#: Gold bodies shorter than this many words are left out of the "cut" count.
CUT_MIN_WORDS = 50


def words(text: str) -> int:
    return len(_TOKEN.findall(text or ""))


def dossier_body(settings: Settings, warned: set[str]) -> Callable[[str, bytes], str]:
    """Dossier's HTML path from raw bytes; a refused page counts as an empty body.

    Pages whose article carries a warning about the body's length are added to `warned`.
    """

    def run(key: str, raw: bytes) -> str:
        try:
            article = extract_article(Page(source=key, data=raw, kind="html"), settings)
        except InputError:
            return ""
        if any("body" in warning for warning in article.warnings):
            warned.add(key)
        return article.text

    return run


def cut_pages(truth: dict[str, str], output: dict[str, str]) -> list[str]:
    """Pages where `output` keeps under half of the gold body's words."""
    return [
        key
        for key, gold in truth.items()
        if words(gold) >= CUT_MIN_WORDS and words(output.get(key, "")) < CUT_SHARE * words(gold)
    ]


def trafilatura_body(key: str, raw: bytes) -> str:
    """Plain trafilatura with default settings, on the page decoded as UTF-8."""
    return trafilatura.extract(raw.decode("utf-8"), include_comments=False) or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=2, help="timed passes; the best counts")
    args = parser.parse_args()
    pages, truth = load(args.data)
    warned: set[str] = set()
    systems: dict[str, Callable[[str, bytes], str]] = {
        "Dossier": dossier_body(Settings(), warned),
        "trafilatura": trafilatura_body,
    }
    for run in systems.values():  # warm-up: imports and caches stay out of the timing
        for key in list(pages)[:10]:
            run(key, pages[key])
    outputs: dict[str, dict[str, str]] = {}
    best: dict[str, float] = {}
    for _ in range(max(1, args.repeat)):
        for name, run in systems.items():
            start = time.perf_counter()
            outputs[name] = {key: run(key, raw) for key, raw in pages.items()}
            elapsed = time.perf_counter() - start
            best[name] = min(best.get(name, elapsed), elapsed)
    table = Table(
        title=f"Article body extraction, {len(pages)} pages (Zyte benchmark)",
        caption="Dossier = extract_article (whole HTML path); trafilatura = extract(), defaults",
    )
    columns = ("system", "precision", "recall", "F1", "cut", "pages/s", "speed vs trafilatura")
    for column in columns:
        table.add_column(column, justify="left" if column == "system" else "right")
    base_speed = len(pages) / best["trafilatura"]
    for name in systems:
        rows = [page_counts(truth[key], outputs[name].get(key, "")) for key in truth]
        score, spread = metrics(rows), bootstrap_std(rows)
        speed = len(pages) / best[name]
        table.add_row(
            name,
            *(f"{score[k]:.4f} ± {spread[k]:.3f}" for k in ("precision", "recall", "f1")),
            str(len(cut_pages(truth, outputs[name]))),
            f"{speed:.1f}",
            f"{speed / base_speed:.2f}×",
        )
    Console(width=120).print(table)
    reference = outputs["trafilatura"]
    under = [
        key
        for key, text in outputs["Dossier"].items()
        if words(reference.get(key, "")) >= CUT_MIN_WORDS
        and words(text) < CUT_SHARE * words(reference.get(key, ""))
    ]
    silent = [key for key in under if key not in warned]
    print(
        f"Dossier keeps under half of trafilatura's words on {len(under)} pages "
        f"({len(under) - len(silent)} with a warning, {len(silent)} silent"
        + (f": {', '.join(sorted(silent))})" if silent else ")")
    )


if __name__ == "__main__":
    main()
