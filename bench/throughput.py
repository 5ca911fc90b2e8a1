"""Pages per second of `dossier add` beside the model alone (spaCy's nlp.pipe), same pages.

Copies `--pages` real political articles (PolNeAR train texts from `--data`) into a temporary
folder as text files, then runs each contender in its own process, in turn, on the same
files: the model alone (`nlp.pipe` over the texts, `n_process` = cores), `dossier add` at
`--workers` 1 and 2 into fresh databases, and with `--spark` the Spark job at local[1] and
local[2] followed by `dossier load`. Times include starting the process and loading the
model, for every contender. When `--pages` exceeds the articles there are, articles are
reused with a numbered closing line, so that every page is a new document.

    python bench/throughput.py --data ../shared/data [--pages 200] [--cores 1,2] [--spark]
    python bench/throughput.py --pages 10000 --cores 2 --modes add   # peak memory at scale
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table


def copy_pages(data: Path, count: int, folder: Path) -> int:
    """Write `count` page files into `folder`; returns the number of distinct articles used."""
    sources = sorted((data / "polnear" / "data" / "train" / "text").glob("*.txt"))
    if not sources:
        sys.exit(f"no PolNeAR texts under {data}; give --data the shared data folder")
    folder.mkdir(parents=True)
    for i in range(count):
        source = sources[i % len(sources)]
        text = source.read_text(encoding="utf-8")
        if i >= len(sources):
            text += f"\n\nThis is reprint number {i // len(sources)} of the article.\n"
        (folder / f"{i:06d}-{source.name}").write_text(text, encoding="utf-8")
    return min(count, len(sources))


def _usage() -> dict[str, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "rss_mb": me.ru_maxrss / 1024,
        "child_rss_mb": kids.ru_maxrss / 1024,
    }


def child(mode: str, cores: int, pages: Path, work: Path) -> dict[str, Any]:
    """One contender, run in this (fresh) process."""
    start = time.perf_counter()
    result: dict[str, Any] = {}
    if mode == "pipe":
        import spacy

        from dossier.settings import Settings

        nlp = spacy.load(Settings().model)
        texts = [p.read_text(encoding="utf-8") for p in sorted(pages.iterdir())]
        result["docs"] = sum(1 for _ in nlp.pipe(texts, n_process=cores))
    elif mode == "add":
        from dossier import api

        report = api.add([str(pages)], work / f"add{cores}.db", workers=cores)
        result["docs"] = len(report.added)
    elif mode == "spark":
        from dossier import api

        counts = api.spark([str(pages)], str(work / f"spark{cores}"), master=f"local[{cores}]")
        result["docs"] = counts["documents"]
        result["analysed_s"] = time.perf_counter() - start
        loaded = time.perf_counter()
        report = api.load(work / f"spark{cores}", work / f"spark{cores}.db")
        result["load_s"] = time.perf_counter() - loaded
        result["stored"] = len(report.added)
    result["seconds"] = time.perf_counter() - start
    return {**result, **_usage()}


def run_child(mode: str, cores: int, pages: Path, work: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", mode, "--cores", str(cores)]
    command += ["--pages-dir", str(pages), "--work", str(work)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{mode} at {cores} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--cores", default="1,2", help="comma-separated process counts")
    parser.add_argument("--spark", action="store_true", help="also Spark local[N] + load")
    parser.add_argument(
        "--modes", default="pipe,add", help="contenders to run: pipe, add (and spark with --spark)"
    )
    parser.add_argument("--child", choices=["pipe", "add", "spark"], help=argparse.SUPPRESS)
    parser.add_argument("--pages-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, int(args.cores), args.pages_dir, args.work)))
        return
    cores = [int(c) for c in args.cores.split(",")]
    work = Path(tempfile.mkdtemp(prefix="dossier-throughput-"))
    try:
        distinct = copy_pages(args.data, args.pages, work / "pages")
        results: dict[tuple[str, int], dict[str, Any]] = {}
        for n in cores:
            modes = [m for m in args.modes.split(",") if m in ("pipe", "add")]
            modes += ["spark"] if args.spark else []
            for mode in modes:
                results[(mode, n)] = run_child(mode, n, work / "pages", work)
                r = results[(mode, n)]
                print(f"{mode} at {n}: {r['seconds']:.1f} s", file=sys.stderr)
        report(results, args.pages, distinct, cores)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(
    results: dict[tuple[str, int], dict[str, Any]], pages: int, distinct: int, cores: list[int]
) -> None:
    names = {"pipe": "model alone (nlp.pipe)", "add": "dossier add", "spark": "Spark + load"}
    table = Table(
        "run",
        "cores",
        "pages/s",
        "× model",
        f"× at {cores[0]}",
        "wall s",
        "CPU s",
        "peak RSS MB (main / largest child)",
        title=f"Throughput on {pages} PolNeAR pages ({distinct} distinct articles)",
    )
    for (mode, n), r in results.items():
        rate = pages / r["seconds"]
        pipe = results.get(("pipe", n))
        model = pages / pipe["seconds"] if pipe else float("nan")
        first = pages / results[(mode, cores[0])]["seconds"]
        wall = f"{r['seconds']:.1f}"
        if mode == "spark":
            wall += f" ({r['analysed_s']:.1f} job + {r['load_s']:.1f} load)"
        table.add_row(
            names[mode],
            str(n),
            f"{rate:.2f}",
            f"{rate / model:.2f}",
            f"{rate / first:.2f}",
            wall,
            f"{r['cpu']:.1f}",
            f"{r['rss_mb']:.0f} / {r['child_rss_mb']:.0f}",
        )
    Console().print(table)


if __name__ == "__main__":
    main()
