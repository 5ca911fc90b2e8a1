"""The sample corpus scored against its gold: Dossier vs a plain spaCy baseline, one table.

    python bench/samples_report.py [--mistakes]

Dossier runs the real `dossier.api.add` over `samples/corpus` into a temporary database and is
scored from `build_export`, exactly as the quality gate (`tests/test_quality_gate.py`) does,
but with every metric shown and no floors. The baseline reads the same extracted articles
with the same spaCy model and keeps only what the model gives by itself: its named entities
(PERSON, ORG, GPE, LOC/FAC), one entity per identical name and type across documents, and
every stretch between quotation marks as a direct quote with no speaker; it has no roles,
claims or opinions, and shares Dossier's ingest (so the dates rows are equal by design).
`--data` is accepted for `make bench` and unused: this corpus ships with the project.
Nothing is written outside a temporary directory.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from dossier import api
from dossier.export.contract import build_export
from dossier.ingest import extract_article, iter_pages
from dossier.nlp.model import load_model
from dossier.records import Article
from dossier.settings import Settings
from dossier.store import Database

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "samples" / "corpus"
sys.path.insert(0, str(ROOT / "tests"))

from quality import Report, load_gold, score  # noqa: E402

_LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Country", "LOC": "Place"}
_LABELS["FAC"] = "Place"
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{8,}?)[\"\u201d]", re.S)


def _articles(settings: Settings) -> list[Article]:
    articles = []
    for page in iter_pages([str(CORPUS)], settings):
        if isinstance(page, Exception):
            raise page
        articles.append(extract_article(page, settings))
    return articles


def dossier_export() -> dict[str, Any]:
    """The corpus through `api.add` in a temporary database, exported."""
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "samples.db"
        report = api.add([str(CORPUS)], db_path)
        if report.failed:
            raise SystemExit("\n".join(report.failed))
        with Database(db_path, create=False) as db:
            return build_export(db)


def baseline_export(settings: Settings) -> dict[str, Any]:
    """spaCy's own entities and quotation marks, in the export contract's shape."""
    articles = _articles(settings)
    nlp = load_model(settings.model)
    documents: list[dict[str, Any]] = []
    entities: dict[tuple[str, str], dict[str, Any]] = {}
    quotes: list[dict[str, Any]] = []
    for number, article in enumerate(articles):
        documents.append(
            {
                "id": number,
                "title": article.title,
                "text": article.text,
                "published": article.published,
                "published_from": article.published_from,
                "published_not_after": article.published_not_after,
            }
        )
        for ent in nlp(article.text).ents:
            kind = _LABELS.get(ent.label_)
            if kind is None:
                continue
            entity = entities.setdefault(
                (ent.text, kind),
                {"id": len(entities) + 1, "type": kind, "name": ent.text, "aliases": []},
            )
            entity.setdefault("mentions", []).append(
                {"document": number, "start": ent.start_char, "end": ent.end_char}
            )
            entity["roles"] = []
        for match in _QUOTED.finditer(article.text):
            quotes.append(
                {
                    "text": match.group(1),
                    "kind": "direct",
                    "speaker": None,
                    "via": [],
                    "document": number,
                    "start": match.start(1),
                    "end": match.end(1),
                }
            )
    return {
        "documents": documents,
        "entities": list(entities.values()),
        "quotes": quotes,
        "claims": [],
    }


def _counts(report: Report, name: str) -> str:
    area = name.split(".")[0]
    if name in report.accuracies:
        a = report.accuracies[name]
        return f"{a.right}/{a.total}"
    if name == "crossdoc.wrong_merges":
        return "; ".join(report.wrong_merges) or "-"
    c = report.counts.get(area)
    if c is None or not name.endswith((".precision", ".recall", ".f1")):
        return ""
    return f"tp {c.tp} fp {c.fp} fn {c.fn}"


_AREAS = ("entities", "roles", "quotes", "claims", "opinions")


def _by_document(ours: dict[str, Any], base: dict[str, Any], gold: dict[str, Any]) -> Table:
    """F1 per article and area, Dossier / baseline, to see where a score comes from."""
    table = Table(title="F1 per article (Dossier / spaCy baseline)")
    table.add_column("article")
    for area in _AREAS:
        table.add_column(area, justify="right")
    for title, gold_doc in gold["documents"].items():
        one = {"documents": {title: gold_doc}, "same_person": [], "keep_apart": []}
        mine, theirs = score(ours, one).metrics(), score(base, one).metrics()
        cells = [f"{mine[f'{a}.f1']:.2f} / {theirs[f'{a}.f1']:.2f}" for a in _AREAS]
        table.add_row(gold_doc.get("file", title), *cells)
    return table


def _judged(report: Report, name: str) -> bool:
    return name not in report.accuracies or report.accuracies[name].total > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--mistakes", action="store_true", help="list Dossier's mistakes too")
    parser.add_argument("--by-doc", action="store_true", help="F1 per article too")
    args = parser.parse_args()
    settings = Settings()
    gold = load_gold()
    ours = dossier_export()
    base = baseline_export(settings)
    mine, theirs = score(ours, gold), score(base, gold)
    ours_m, base_m = mine.metrics(), theirs.metrics()
    table = Table(
        title=f"samples/corpus vs tests/gold/samples.json ({len(gold['documents'])} docs)"
    )
    for column in ("metric", "Dossier", "spaCy baseline", "Dossier counts", "baseline counts"):
        table.add_column(column, justify="left" if "metric" in column else "right")
    for name in sorted(set(ours_m) | set(base_m)):
        shape = "{:.0f}" if name == "crossdoc.wrong_merges" else "{:.3f}"
        # An accuracy over nothing (no quote found, so no speaker to judge) shows as "-".
        cells = tuple(
            shape.format(m[name]) if name in m and _judged(r, name) else "-"
            for m, r in ((ours_m, mine), (base_m, theirs))
        )
        table.add_row(name, *cells, _counts(mine, name), _counts(theirs, name))
    console = Console(width=max(120, Console().width))
    console.print(table)
    if args.by_doc:
        console.print(_by_document(ours, base, gold))
    if args.mistakes:
        for line in mine.mistakes:
            console.print(line, markup=False, highlight=False)


if __name__ == "__main__":
    main()
