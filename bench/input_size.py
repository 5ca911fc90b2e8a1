"""Time and peak memory of `dossier add` (ingest, analysis, store) as inputs grow.

    python bench/input_size.py [--data ../shared/data] [--cases html-10k,html-100k,...]

Inputs are generated from PolNeAR articles (paragraphs of real news text, cycled in a seeded
shuffled order until the wanted length): HTML pages of 10 KB to 1.9 MB of text, the same text
as one single paragraph, a 5 MB page and a 45 MB page (refused by the size bounds). Each case
runs in a fresh process that loads the model on a small article first, so the numbers are the
input's own: wall and CPU seconds (CPU time is what to compare on a busy machine; of it, the
analysis and the store's share), and peak resident memory above the loaded model. The peer,
in the same process and on the same body, is the model alone: spaCy's `nlp.pipe` over the
body's paragraphs, as a plain script on top of spaCy would run it (CPU seconds, or the error
it stops with). A line per case; the CPU seconds per MB of text show whether time stays
linear. Nothing is kept.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.nlp.parse import split_paragraphs

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
#: name → (kind, characters of text); "para" is one paragraph, "html" a page of paragraphs.
CASES: dict[str, tuple[str, int]] = {
    "html-10k": ("html", 10_000),
    "html-100k": ("html", 100_000),
    "html-1m": ("html", 1_000_000),
    "html-1.9m": ("html", 1_900_000),
    "para-100k": ("para", 100_000),
    "para-1.3m": ("para", 1_300_000),
    "html-5m": ("html", 5_000_000),
    "html-45m": ("html", 45_000_000),
}
_WARM_UP = (
    "<html><head><title>Warm-up</title></head><body><article><p>The mayor of Valdoria said on "
    "Monday that the ferry would run again. “We are ready,” she told reporters.</p></article>"
    "</body></html>"
)


def news_paragraphs(data: Path) -> list[str]:
    """Body paragraphs of the PolNeAR training articles (titles and short lines left out)."""
    folder = data / "polnear" / "data" / "train" / "text"
    if not folder.is_dir():
        raise SystemExit(f"PolNeAR not found under {data} (expected {folder}).")
    found: list[str] = []
    for file in sorted(folder.iterdir()):
        lines = file.read_text(encoding="utf-8").split("\n")[1:]
        found += [line.strip() for line in lines if len(line.strip()) > 120]
    return found


def generate(paragraphs: list[str], kind: str, chars: int) -> bytes:
    """A page of about `chars` characters of news text, as HTML or as one long paragraph."""
    order = random.Random(chars).sample(paragraphs, len(paragraphs))
    picked: list[str] = []
    total = 0
    index = 0
    while total < chars:
        text = order[index % len(order)]
        picked.append(text)
        total += len(text) + 1
        index += 1
    title = f"<title>Generated page of {chars:,} characters</title>"
    if kind == "para":
        return " ".join(picked).encode("utf-8")
    body = "\n".join(f"<p>{html.escape(text)}</p>" for text in picked)
    page = f"<!DOCTYPE html><html><head>{title}</head><body><article>{body}</article></body></html>"
    return page.encode("utf-8")


def run_case(path: Path) -> dict[str, object]:
    """In this process: load the model, then ingest, analyse and store `path`; what it cost."""
    from dossier.errors import InputError
    from dossier.ingest import extract_article, iter_pages
    from dossier.nlp.pipeline import Pipeline
    from dossier.records import Page
    from dossier.settings import Settings
    from dossier.store import Database

    settings = Settings()
    pipeline = Pipeline(settings)
    warm = extract_article(Page("warm-up", _WARM_UP.encode(), "html"), settings)
    pipeline.analyse(warm)
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome, chars, text = "stored", 0, ""
    analyse_cpu = store_cpu = 0.0
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, Database(Path(tmp) / "bench.db") as db:
        for item in iter_pages([str(path)], settings):
            try:
                if isinstance(item, InputError):
                    raise item
                article = extract_article(item, settings)
            except InputError as err:
                outcome = f"refused: {err.reason}"
                continue
            chars, text = len(article.text), article.text
            before = _cpu_seconds()
            analysis = pipeline.analyse(article)
            analyse_cpu = _cpu_seconds() - before
            db.add_article(article, analysis)
            store_cpu = _cpu_seconds() - before - analyse_cpu
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peer = _spacy_alone(pipeline.nlp, text) if chars else None
    return {
        "seconds": seconds,
        "cpu": cpu,
        "analyse_cpu": analyse_cpu,
        "store_cpu": store_cpu,
        "peer": peer,
        "chars": chars,
        "outcome": outcome,
        "model_mb": base_kb / 1024,
        "extra_mb": (peak_kb - base_kb) / 1024,
    }


def _spacy_alone(nlp: Language, text: str) -> str:
    """The peer: the same model run on the same body's paragraphs with no more than `nlp.pipe`,
    as a script on top of spaCy would; its CPU seconds, or the error it stops with."""
    paragraphs = [chunk for _, chunk in split_paragraphs(text)]
    before = _cpu_seconds()
    try:
        for _ in nlp.pipe(paragraphs, batch_size=64):
            pass
    except ValueError as err:
        return f"fails: {str(err).split(']')[0].strip('[')}"
    return f"{_cpu_seconds() - before:.1f}"


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_case(args.child)))
        return 0
    names = [name.strip() for name in args.cases.split(",") if name.strip()]
    unknown = [name for name in names if name not in CASES]
    if unknown:
        raise SystemExit(f"unknown case {unknown[0]!r}; choose from {', '.join(CASES)}")
    paragraphs = news_paragraphs(args.data)
    header = (
        f"{'case':<11} {'input MB':>8} {'text chars':>11} {'seconds':>8} {'CPU s':>7} "
        f"{'CPU s/MB':>8} {'analyse':>7} {'store':>6} {'extra MB':>8} {'model MB':>8} "
        f"{'spaCy alone':>11}  outcome"
    )
    print(header)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            kind, chars = CASES[name]
            path = Path(tmp) / f"{name}.{'txt' if kind == 'para' else 'html'}"
            path.write_bytes(generate(paragraphs, kind, chars))
            size_mb = path.stat().st_size / 1e6
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode != 0:
                print(f"{name:<11} failed:\n{child.stderr[-2000:]}")
                continue
            row = json.loads(child.stdout.strip().splitlines()[-1])
            text_mb = int(row["chars"]) / 1e6
            per_mb = f"{row['cpu'] / text_mb:8.1f}" if text_mb else "       -"
            print(
                f"{name:<11} {size_mb:8.2f} {row['chars']:>11,} {row['seconds']:8.1f} "
                f"{row['cpu']:7.1f} {per_mb} {row['analyse_cpu']:7.1f} {row['store_cpu']:6.1f} "
                f"{row['extra_mb']:8.0f} {row['model_mb']:8.0f} "
                f"{row['peer'] or '-':>11}  {row['outcome']}",
                flush=True,
            )
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
