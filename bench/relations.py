"""Relations on CoNLL04: Dossier's claims mapped to Work_For, Live_In, Located_In, OrgBased_In.

    python bench/relations.py [--data ../shared/data] [--split dev|train]

The rules were tuned on dev; `--split train` (never looked at) shows how they hold up.

Each CoNLL04 sentence comes with its gold entity spans (people, organisations, locations,
other). Both systems get those spans, so this measures relation extraction, not NER:

* Dossier parses the sentence with the project's spaCy model, takes the gold spans as the
  document's entities, and runs the "claims" extractor (`RuleClaimExtractor`). Claims map to
  CoNLL04 labels: `employment` / `membership` (person → organisation) → Work_For,
  `residence` (person → place) → Live_In, `location` with a place subject → Located_In and
  with an organisation subject → OrgBased_In.
* The baseline pairs the sentence's first and last entity and labels the pair by their
  types (person–organisation → Work_For, person–place → Live_In, place–place → Located_In,
  organisation–place → OrgBased_In).

A predicted relation is right when its type, head span and tail span equal a gold one.
Micro precision / recall / F1 over the four types, F1 per type, and sentences per second
(parse + extraction) are printed side by side. Nothing is written anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from dossier.extract.claims.extractor import RuleClaimExtractor, claims_for_document
from dossier.nlp.model import load_model
from dossier.nlp.parse import ParsedDocument
from dossier.nlp.registry import DocumentState
from dossier.records import Analysis, Article, Entity, EntityType, Mention
from dossier.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("Work_For", "Live_In", "Located_In", "OrgBased_In")
_TYPES: dict[str, EntityType] = {
    "Peop": "Person",
    "Org": "Organization",
    "Loc": "Place",
    "Other": "Other",
}
_BY_TYPES: dict[tuple[str, str], str] = {
    ("Person", "Organization"): "Work_For",
    ("Person", "Place"): "Live_In",
    ("Place", "Place"): "Located_In",
    ("Organization", "Place"): "OrgBased_In",
}

Relation = tuple[str, int, int]  # (label, head entity index, tail entity index)


@dataclass
class Example:
    text: str
    entities: list[Entity]
    gold: set[Relation]


def load(data: Path, split: str = "dev") -> list[Example]:
    """Sentences of a split with gold entity spans (as Dossier entities) and gold relations."""
    path = data / "conll04" / f"conll04_{split}.json"
    if not path.exists():
        sys.exit(f"{path} not found: pass --data pointing at the shared data folder.")
    out: list[Example] = []
    for row in json.loads(path.read_text(encoding="utf-8")):
        tokens: list[str] = row["tokens"]
        starts, pos = [], 0
        for token in tokens:
            starts.append(pos)
            pos += len(token) + 1
        text = " ".join(tokens)
        entities: list[Entity] = []
        first = 0
        for i, tag in enumerate(row["tags"]):
            prefix, _, label = tag.partition("-")
            if prefix in {"B", "U"}:
                first = i
            if prefix in {"L", "U"}:
                start, end = starts[first], starts[i] + len(tokens[i])
                name = text[start:end]
                key = len(entities) + 1
                entities.append(
                    Entity(key, _TYPES[label], name, mentions=[Mention(start, end, name)])
                )
        gold = {
            (r["type"], r["head"] + 1, r["tail"] + 1)
            for r in row["relations"]
            if r["type"] in LABELS
        }
        out.append(Example(text, entities, gold))
    return out


def _label(kind: str, subject: Entity | None, obj: Entity | None) -> str | None:
    if subject is None or obj is None:
        return None
    if kind in {"employment", "membership"} and subject.type == "Person":
        return "Work_For" if obj.type == "Organization" else None
    if kind == "residence" and subject.type == "Person":
        return "Live_In" if obj.type == "Place" else None
    if kind == "location" and obj.type == "Place":
        return {"Place": "Located_In", "Organization": "OrgBased_In"}.get(subject.type)
    return None


def dossier(example: Example, nlp, settings: Settings) -> set[Relation]:  # type: ignore[no-untyped-def]
    """Dossier's claims on one sentence, as CoNLL04 relations."""
    article = Article(source="conll04", text=example.text)
    parsed = ParsedDocument.parse(example.text, nlp)
    state = DocumentState(article, parsed, settings, analysis=Analysis(entities=example.entities))
    out: set[Relation] = set()
    for claim in claims_for_document(state, RuleClaimExtractor()):
        subject, obj = state.entity(claim.subject), state.entity(claim.object)
        label = _label(claim.kind, subject, obj)
        if label is not None and subject is not None and obj is not None:
            out.add((label, subject.key, obj.key))
    return out


def baseline(example: Example) -> set[Relation]:
    """First and last entity, labelled by their types."""
    named = [e for e in example.entities if e.type != "Other"]
    if len(named) < 2:
        return set()
    head, tail = named[0], named[-1]
    label = _BY_TYPES.get((head.type, tail.type))
    return {(label, head.key, tail.key)} if label else set()


def prf(gold: list[set[Relation]], pred: list[set[Relation]], label: str | None = None):  # type: ignore[no-untyped-def]
    """Micro precision, recall and F1 (over one label when given)."""
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        if label is not None:
            g = {r for r in g if r[0] == label}
            p = {r for r in p if r[0] == label}
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong sentences")
    parser.add_argument(
        "--split", default="dev", choices=["dev", "train"], help="dev (tuned on) or train"
    )
    args = parser.parse_args()
    examples = load(args.data, args.split)
    settings = Settings()
    nlp = load_model(settings.model)
    dossier(examples[0], nlp, settings)  # warm-up

    start = time.perf_counter()
    ours = [dossier(example, nlp, settings) for example in examples]
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    for example in examples:
        nlp(example.text)  # the baseline reads the same parse
    theirs = [baseline(example) for example in examples]
    theirs_s = time.perf_counter() - start
    gold = [example.gold for example in examples]

    table = Table(title=f"CoNLL04 {args.split} ({len(examples)} sentences, gold entity spans)")
    table.add_column("metric")
    table.add_column("Dossier", justify="right")
    table.add_column("baseline (first/last entity by type)", justify="right")
    mine, base = prf(gold, ours), prf(gold, theirs)
    for i, name in enumerate(("micro precision", "micro recall", "micro F1")):
        table.add_row(name, f"{mine[i]:.3f}", f"{base[i]:.3f}")
    for label in LABELS:
        table.add_row(
            f"F1 {label}", f"{prf(gold, ours, label)[2]:.3f}", f"{prf(gold, theirs, label)[2]:.3f}"
        )
    table.add_row(
        "sentences / second", f"{len(examples) / ours_s:.0f}", f"{len(examples) / theirs_s:.0f}"
    )
    console = Console()
    console.print(table)
    shown = 0
    for example, mine_rel in zip(examples, ours, strict=True):
        if mine_rel != example.gold and shown < args.errors:
            shown += 1
            names = {e.key: e.name for e in example.entities}
            gold_rel = sorted((r[0], names[r[1]], names[r[2]]) for r in example.gold)
            ours_rel = sorted((r[0], names[r[1]], names[r[2]]) for r in mine_rel)
            console.print(example.text, markup=False)
            console.print(f"  gold {gold_rel}\n  ours {ours_rel}", markup=False)


if __name__ == "__main__":
    main()
