"""PLOVER event coding: Dossier's claim triggers beside a first/last-entity baseline.

    python bench/events.py [--data ../shared/data]

The PLOVER gold standard records (`plover-gsr/PLOVER_GSR_CAMEO.json`, 322 edited news
sentences) each give an event type, source actors and target actors. For every sentence:

* Dossier parses it with the project's spaCy model and codes it with
  `dossier.extract.claims.events.main_event` (the trigger lexicon, argument rules and mood
  coding the "claims" component uses; stored claims carry the same type through
  `stored_plover`): type = the PLOVER type of the event nearest the root; source =
  the compact phrase of its subject; target = its most likely object. When the parse gives
  no source or target, the first / last named entity stands in.
* The baseline takes the sentence's first named entity as source, its last as target, and
  the majority event type of the gold set.

An actor counts as right when the predicted phrase and a gold `actorText` contain one
another (case- and article-insensitive): "Senior Hungarian and Romanian officials" matches
"Hungarian"; "officials" does not match "European Community". Type accuracy is over all
records; source accuracy over records with a source, target accuracy over records with a
target; "actors" pools both. Nothing is written anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from dossier.extract.claims.events import best_target, main_event
from dossier.extract.claims.syntax import actor_phrase
from dossier.nlp.model import load_model
from dossier.settings import MODEL_NAME

ROOT = Path(__file__).resolve().parent.parent
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@dataclass
class Record:
    text: str
    event: str
    sources: list[str]
    targets: list[str]


@dataclass
class Coded:
    event: str | None
    source: str | None
    target: str | None


def _actors(value: object) -> list[str]:
    """Actor texts of a source/target field (a few records hold a bare string instead)."""
    if not isinstance(value, list):
        return []
    return [a["actorText"] for a in value if isinstance(a, dict) and a.get("actorText")]


def load(data: Path) -> list[Record]:
    """The gold records, without the documentation entry."""
    path = data / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        sys.exit(f"{path} not found: pass --data pointing at the shared data folder.")
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        Record(
            text=row["text"].strip("{} "),
            event=row["event"],
            sources=_actors(row.get("source")),
            targets=_actors(row.get("target")),
        )
        for row in rows
        if row.get("event") != "DOCUMENT" and row.get("text")
    ]


def _norm(text: str) -> str:
    words = text.lower().replace("’", "'").replace("'s", "").split()
    return " ".join(w for w in words if w not in {"the", "a", "an"}).strip(" ,.")


def actor_match(predicted: str | None, gold: list[str]) -> bool:
    """True when the predicted phrase and one gold actor contain one another."""
    if not predicted:
        return False
    guess = _norm(predicted)
    if not guess:
        return False
    return any(g and (g in guess or guess in g) for g in (_norm(x) for x in gold))


def code_dossier(doc) -> Coded:  # type: ignore[no-untyped-def]
    """Dossier's reading: the main coded event of the (first) sentence."""
    ents = [e for e in doc.ents if e.label_ in _ACTOR_LABELS]
    best = None
    for sentence in doc.sents:
        best = main_event(sentence)
        if best is not None:
            break
    if best is None:
        return Coded(None, ents[0].text if ents else None, ents[-1].text if ents else None)
    source = actor_phrase(best.source).text if best.source is not None else None
    if best.source is not None and best.source.pos_ == "PRON" and ents:
        source = ents[0].text
    target_token = best_target(best)
    target = actor_phrase(target_token).text if target_token is not None else None
    if source is None and ents:
        source = ents[0].text
    if target is None and ents:
        target = ents[-1].text
    return Coded(best.plover, source, target)


def code_baseline(doc, majority: str) -> Coded:  # type: ignore[no-untyped-def]
    """First named entity → source, last → target, majority event type."""
    ents = [e for e in doc.ents if e.label_ in _ACTOR_LABELS]
    return Coded(majority, ents[0].text if ents else None, ents[-1].text if ents else None)


def score(records: list[Record], coded: list[Coded]) -> dict[str, float]:
    """Type, source, target and pooled actor accuracy."""
    types = sum(c.event == r.event for r, c in zip(records, coded, strict=True))
    with_source = [(r, c) for r, c in zip(records, coded, strict=True) if r.sources]
    with_target = [(r, c) for r, c in zip(records, coded, strict=True) if r.targets]
    src = sum(actor_match(c.source, r.sources) for r, c in with_source)
    tgt = sum(actor_match(c.target, r.targets) for r, c in with_target)
    return {
        "type": types / len(records),
        "source": src / len(with_source),
        "target": tgt / len(with_target),
        "actors": (src + tgt) / (len(with_source) + len(with_target)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong types")
    args = parser.parse_args()
    records = load(args.data)
    nlp = load_model(MODEL_NAME)
    majority = Counter(r.event for r in records).most_common(1)[0][0]
    texts = [r.text for r in records]
    list(nlp.pipe(texts[:8]))  # warm-up

    start = time.perf_counter()
    docs = list(nlp.pipe(texts))
    ours = [code_dossier(doc) for doc in docs]
    dossier_s = time.perf_counter() - start

    start = time.perf_counter()
    base_docs = list(nlp.pipe(texts))
    base = [code_baseline(doc, majority) for doc in base_docs]
    baseline_s = time.perf_counter() - start

    mine, theirs = score(records, ours), score(records, base)
    table = Table(title=f"PLOVER gold records ({len(records)} sentences)")
    table.add_column("metric")
    table.add_column("Dossier", justify="right")
    table.add_column(f"baseline (first/last entity, {majority})", justify="right")
    for key, label in [
        ("type", "event type accuracy"),
        ("source", "source actor accuracy"),
        ("target", "target actor accuracy"),
        ("actors", "actor accuracy (pooled)"),
    ]:
        table.add_row(label, f"{mine[key]:.3f}", f"{theirs[key]:.3f}")
    table.add_row(
        "sentences / second",
        f"{len(records) / dossier_s:.0f}",
        f"{len(records) / baseline_s:.0f}",
    )
    console = Console()
    console.print(table)
    if args.errors:
        shown = 0
        for record, coded in zip(records, ours, strict=True):
            if coded.event != record.event and shown < args.errors:
                shown += 1
                console.print(f"{record.event:>11} ≠ {coded.event}: {record.text}", markup=False)


if __name__ == "__main__":
    main()
