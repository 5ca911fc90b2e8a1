"""Precision audits on real articles nobody here wrote: sample Dossier's output, judge, score.

    python bench/audit.py sample --round 1 --seed 101 [--data ../shared/data] [--docs 150]
    python bench/audit.py show bench/audit/1-101 entities [--all]
    python bench/audit.py judge bench/audit/1-101 entities < verdicts.tsv
    python bench/audit.py score [bench/audit/1-101 ...]

`sample` runs Dossier's real pipeline and store (resolution on) over a fixed-seed draw of
real articles from ../shared/data (PolNeAR train texts, the article-extraction-benchmark
pages, MEANTIME) and draws, with the same seed, up to `--per-kind` items of each kind of
output into `bench/audit/<round>-<seed>/<kind>.jsonl`.

An item holds only references: the document (its path under the data folder), a hash of
the article text, character offsets of the span and of its sentence, and Dossier's output
(names, types, titles). No publisher's text is stored in the repository; `show` reads the
sentences back from the data folder and prints each item for a judge. A judge writes one
line per item to `judge` — `ID<TAB>right|wrong<TAB>why` — which sets the item's `judgement`
and `why` in the committed file. `score` prints precision per kind with a 95% Wilson
interval over the judged items.

Kinds: `entities` (a span and type: right only if the span is exactly a name and the type
right), `joins` (two document entities in different documents stored as one entity),
`roles` (an office or title given to an entity), `quotes` (a quote and its named speaker),
`quotes-unnamed` (a quote stored without one), `via` (a quote or claim reported through
someone, with its parallel sources), `claims-<kind>` (each claim kind), `opinions`
(who holds which characterisation of whom), `loaded` (the loaded phrase itself) and
`contradictions` (two claims found to disagree). Other audits add their kinds to `KINDS`.

Contradictions are rare, so a whole corpus is read instead of a draw: `pages` writes every
PolNeAR article (train and dev) as an HTML page with its outlet and date from metadata.tsv
(as bench/screenshots.py does), `dossier add` stores them, and `corpus` lists every item:

    python bench/audit.py pages /tmp/polnear-pages
    dossier add /tmp/polnear-pages --db /tmp/polnear.db --quiet
    python bench/audit.py corpus --db /tmp/polnear.db --round contradictions-2026-12-07
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import math
import random
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from rich.console import Console
from rich.table import Table

from dossier.ingest import extract_article
from dossier.nlp.pipeline import Pipeline
from dossier.records import Article, Page
from dossier.settings import Settings
from dossier.store import Database

sys.path.insert(0, str(Path(__file__).resolve().parent))
from audit_items import (  # type: ignore[import-not-found]
    KINDS,
    Item,
    Store,
    claim_items,
    contradiction_items,
    loaded_items,
    opinion_items,
    quote_items,
    via_items,
)

__all__ = [
    "KINDS", "Item", "Store", "claim_items", "contradiction_items", "loaded_items",
    "opinion_items", "quote_items", "via_items",
]  # fmt: skip

ROOT = Path(__file__).resolve().parent.parent
AUDIT_DIR = ROOT / "bench" / "audit"

POLNEAR = "polnear/data/train/text"
ZYTE = "article-extraction-benchmark/html"
MEANTIME = "meantime-en/meantime.conll"


# --- the articles ---------------------------------------------------------------------


def sources(data: Path) -> dict[str, list[str]]:
    """Every article reference per corpus, sorted (references are paths under `data`)."""
    found: dict[str, list[str]] = {}
    found["polnear"] = sorted(f"{POLNEAR}/{p.name}" for p in (data / POLNEAR).glob("*.txt"))
    found["zyte"] = sorted(f"{ZYTE}/{p.name}" for p in (data / ZYTE).glob("*.html.gz"))
    if (data / MEANTIME).exists():
        found["meantime"] = sorted(f"{MEANTIME}#{k}" for k in _meantime(data))
    return found


_MEANTIME_CACHE: dict[Path, dict[str, str]] = {}


def _meantime(data: Path) -> dict[str, str]:
    """MEANTIME articles rebuilt from their tokens, as bench/crossdoc.py does."""
    if data not in _MEANTIME_CACHE:
        sys.path.insert(0, str(ROOT / "bench"))
        from crossdoc import read_docs

        _MEANTIME_CACHE[data] = {k: d.text for k, d in read_docs(data / MEANTIME).items()}
    return _MEANTIME_CACHE[data]


#: A PolNeAR text read as a page carrying its outlet and date (bench/screenshots.py's
#: wrapping of metadata.tsv), as `corpus` rounds analyse it: "<path>.txt#page".
PAGE = "#page"


def polnear_page(data: Path, ref: str) -> Page:
    """The HTML page bench/screenshots.py wraps a PolNeAR text in, with its metadata."""
    sys.path.insert(0, str(ROOT / "bench"))
    from screenshots import page

    path = data / ref.removesuffix(PAGE)
    with (path.parent.parent.parent / "metadata.tsv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f, delimiter="\t") if r["filename"] == path.stem)
    html = page(row, path.read_text(encoding="utf-8"))
    return Page(source=f"{path.stem}.html", data=html.encode("utf-8"), kind="html")


def article(data: Path, ref: str, settings: Settings) -> Article:
    """The article as Dossier reads it; offsets in audit items point into its `text`."""
    if ref.endswith(PAGE):
        return extract_article(polnear_page(data, ref), settings)
    if ref.startswith(MEANTIME + "#"):
        key = ref.split("#", 1)[1]
        return Article(source=ref, text=_meantime(data)[key], site="en.wikinews.org")
    path = data / ref
    if ref.endswith(".gz"):
        page = Page(source=ref, data=gzip.decompress(path.read_bytes()), kind="html")
    else:
        page = Page(source=ref, data=path.read_bytes(), kind="text")
    return extract_article(page, settings)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def draw_documents(data: Path, seed: int, total: int) -> list[str]:
    """A fixed-seed draw: two thirds PolNeAR, one sixth each of the pages and MEANTIME."""
    rng = random.Random(seed)
    pools = sources(data)
    shares = {"polnear": 4, "zyte": 1, "meantime": 1}
    weight = sum(shares[k] for k in pools)
    chosen: list[str] = []
    for name, refs in pools.items():
        want = min(len(refs), round(total * shares[name] / weight))
        chosen += rng.sample(refs, want)
    return chosen


# --- the items: listed by bench/audit_items.py -----------------------------------------


def sample(data: Path, round_: str, seed: int, docs: int, per_kind: int, out: Path) -> Path:
    """Analyse a fixed-seed draw of articles and write a fixed-seed sample of every kind."""
    refs = draw_documents(data, seed, docs)
    every = analyse_and_list(data, refs, KINDS, skip_unreadable=True)
    return write_sample(every, out / f"{round_}-{seed}", seed, per_kind)


Lister = Callable[[Store], "list[Item] | dict[str, list[Item]]"]


def analyse_and_list(
    data: Path, refs: list[str], kinds: dict[str, Lister], skip_unreadable: bool = False
) -> dict[str, list[Item]]:
    """Run the real pipeline and store over `refs` in a scratch database; every item of each
    kind its lister finds there."""
    settings = Settings()
    pipeline = Pipeline(settings)
    hashes: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "audit.db")
        for ref in refs:
            try:
                art = article(data, ref, settings)
            except Exception as exc:  # a page without an article is skipped, and said so
                if not skip_unreadable:
                    raise
                print(f"{ref}: skipped ({exc})", file=sys.stderr)
                continue
            hashes[ref] = text_hash(art.text)
            db.add_article(art, pipeline.analyse(art))
        store = Store(db.conn, hashes)
        every: dict[str, list[Item]] = {}
        for name, lister in kinds.items():
            found = lister(store)
            every.update(found if isinstance(found, dict) else {name: found})
        db.close()
    return every


def write_sample(every: dict[str, list[Item]], folder: Path, seed: int, per_kind: int) -> Path:
    """A fixed-seed sample of `per_kind` items of each kind, one JSONL file a kind, unjudged."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind, items in sorted(every.items()):
        rng = random.Random(f"{seed}:{kind}")
        picked = rng.sample(items, min(per_kind, len(items)))
        with (folder / f"{kind}.jsonl").open("w", encoding="utf-8") as stream:
            for n, item in enumerate(picked):
                record = {"id": f"{kind}-{n}", **item, "judgement": None, "why": ""}
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{kind}: {len(picked)} of {len(items)}")
    return folder


def write_pages(data: Path, out: Path) -> int:
    """Every PolNeAR article (train and dev) as the page `corpus` rounds analyse."""
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for part in ("train", "dev"):
        for path in sorted((data / "polnear" / "data" / part / "text").glob("*.txt")):
            ref = f"polnear/data/{part}/text/{path.name}{PAGE}"
            page = polnear_page(data, ref)
            (out / page.source).write_bytes(page.data)
            written += 1
    return written


def corpus(data: Path, db_path: Path, folder: Path, kinds: list[str]) -> None:
    """Every item of `kinds` in a database `dossier add` built from `write_pages`' pages.

    Unlike `sample`, nothing is drawn: a whole corpus, every item (contradictions are rare).
    """
    refs = {}
    for part in ("train", "dev"):
        for path in (data / "polnear" / "data" / part / "text").glob("*.txt"):
            refs[f"{path.stem}.html"] = f"polnear/data/{part}/text/{path.name}{PAGE}"
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    hashes: dict[str, str] = {}
    for row in conn.execute("SELECT id, source, text FROM documents"):
        ref = refs[Path(row["source"]).name]
        hashes[ref] = text_hash(row["text"])
    store = Store(conn, hashes)
    store.ref = {k: refs[Path(v).name] for k, v in store.ref.items()}
    folder.mkdir(parents=True, exist_ok=True)
    for kind in kinds:
        found = KINDS[kind](store)
        items = found[kind] if isinstance(found, dict) else found
        with (folder / f"{kind}.jsonl").open("w", encoding="utf-8") as stream:
            for n, item in enumerate(items):
                record = {"id": f"{kind}-{n}", **item, "judgement": None, "why": ""}
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{kind}: {len(items)}")
    conn.close()


# --- judging and scoring --------------------------------------------------------------


def read_items(path: Path) -> list[Item]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def write_items(path: Path, items: list[Item]) -> None:
    lines = (json.dumps(item, ensure_ascii=False) for item in items)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


class Texts:
    """Article texts read back from the data folder, checked against the stored hash."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.settings = Settings()
        self.cache: dict[str, str] = {}

    def get(self, item: Item) -> str | None:
        ref = item["doc"]
        if ref not in self.cache:
            self.cache[ref] = article(self.data, ref, self.settings).text
        text = self.cache[ref]
        return text if text_hash(text) == item["text_sha"] else None

    def shown(self, item: Item) -> str:
        text = self.get(item)
        if text is None:
            return "(the article reads differently now; offsets no longer apply)"
        s, e = item["sentence"]
        a, b = item["start"], item["end"]
        return (text[s:a] + "[[" + text[a:b] + "]]" + text[b:e]).replace("\n", " ")


_SHOWN_APART = {"id", "doc", "text_sha", "start", "end", "sentence", "judgement", "why", "other"}


def show(folder: Path, kind: str, data: Path, every: bool) -> None:
    texts = Texts(data)
    for item in read_items(folder / f"{kind}.jsonl"):
        if item["judgement"] is not None and not every:
            continue
        fields = {k: v for k, v in item.items() if k not in _SHOWN_APART and v is not None}
        print(f"== {item['id']}  {json.dumps(fields, ensure_ascii=False)}")
        print(f"   {item['doc']}")
        print(f"   {texts.shown(item)}")
        if "other" in item:
            other = item["other"]
            rest = {k: v for k, v in other.items() if k not in _SHOWN_APART and v is not None}
            print(f"   OTHER {json.dumps(rest, ensure_ascii=False)}  {other['doc']}")
            print(f"   {texts.shown(other)}")
        if item["judgement"] is not None:
            print(f"   -> {item['judgement']}: {item['why']}")


def judge(folder: Path, kind: str, lines: Iterator[str]) -> int:
    """Set judgement and why from `ID<TAB>right|wrong<TAB>why` lines; returns how many."""
    path = folder / f"{kind}.jsonl"
    items = read_items(path)
    by_id = {item["id"]: item for item in items}
    done = 0
    for line in lines:
        if not line.strip():
            continue
        ident, verdict, *why = line.rstrip("\n").split("\t")
        if ident not in by_id or verdict not in {"right", "wrong"}:
            raise SystemExit(f"{path}: cannot read verdict line {line!r}")
        by_id[ident]["judgement"] = verdict
        by_id[ident]["why"] = why[0] if why else ""
        done += 1
    write_items(path, items)
    return done


def wilson(right: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion."""
    if n == 0:
        return (0.0, 1.0)
    p = right / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    denom = 1 + z * z / n
    return ((centre - spread) / denom, (centre + spread) / denom)


def score(folders: list[Path], console: Console) -> None:
    for folder in folders:
        table = Table(title=f"precision on {folder.name} (judged items)")
        for col in ("kind", "n", "right", "precision", "95% CI"):
            table.add_column(col, justify="left" if col == "kind" else "right")
        for path in sorted(folder.glob("*.jsonl")):
            judged = [i for i in read_items(path) if i["judgement"] is not None]
            if not judged:
                continue
            right = sum(i["judgement"] == "right" for i in judged)
            low, high = wilson(right, len(judged))
            table.add_row(
                path.stem,
                str(len(judged)),
                str(right),
                f"{right / len(judged):.3f}",
                f"{low:.3f}–{high:.3f}",
            )
        console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    # With no command (as `make bench` runs every script), score the judged rounds.
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("sample")
    p.add_argument("--round", required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--docs", type=int, default=150)
    p.add_argument("--per-kind", type=int, default=40)
    p.add_argument("--out", type=Path, default=AUDIT_DIR)
    p = sub.add_parser("pages")
    p.add_argument("out", type=Path)
    p = sub.add_parser("corpus")
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--round", required=True)
    p.add_argument("--kinds", default="contradictions")
    p.add_argument("--out", type=Path, default=AUDIT_DIR)
    p = sub.add_parser("show")
    p.add_argument("folder", type=Path)
    p.add_argument("kind")
    p.add_argument("--all", action="store_true", help="judged items too")
    p = sub.add_parser("judge")
    p.add_argument("folder", type=Path)
    p.add_argument("kind")
    p = sub.add_parser("score")
    p.add_argument("folders", type=Path, nargs="*")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data}: no data folder; nothing to audit", file=sys.stderr)
        return 1
    if args.command == "sample":
        sample(args.data, args.round, args.seed, args.docs, args.per_kind, args.out)
    elif args.command == "pages":
        print(f"{write_pages(args.data, args.out)} pages written to {args.out}")
    elif args.command == "corpus":
        corpus(args.data, args.db, args.out / args.round, args.kinds.split(","))
    elif args.command == "show":
        show(args.folder, args.kind, args.data, args.all)
    elif args.command == "judge":
        print(f"{judge(args.folder, args.kind, iter(sys.stdin))} verdicts recorded")
    else:
        folders = getattr(args, "folders", None) or sorted(
            p for p in AUDIT_DIR.iterdir() if p.is_dir()
        )
        score(folders, Console())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
