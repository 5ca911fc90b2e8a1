"""Claim-side precision audits on real articles: claims, quotes, via, opinions, contradictions.

    python bench/audit_claims.py sample --round c1 --seed 311 [--docs 300] [--per-kind 40]
    python bench/audit_claims.py sample --round c5 --seed 959 --docs 840 --kinds via
    python bench/audit_claims.py show bench/audit/c1-311 claims-meeting
    python bench/audit_claims.py judge bench/audit/c1-311 claims-meeting < verdicts.tsv
    python bench/audit_claims.py score bench/audit/c1-311 [--min-confidence 0.8]
    python bench/audit_claims.py score bench/audit/c6-1061 --unseen-by bench/audit/c[1-5]-*

Rounds of claims a reader sees by default are drawn with bench/calibrate.py (`--draw SEED`,
then `--pick ROUND SEED`): it keeps each claim's rule and basis signs, samples up to 40 shown
claims per kind and the draw's quotes and via chains, and says how many the default hides.

The same files and conventions as `bench/audit.py` (whose `show`, `judge` and `score` this
reuses): items under `bench/audit/<round>-<seed>/<kind>.jsonl` hold the document's path under
the data folder, a hash of its text and character offsets, never the publisher's sentence;
each judged item carries `judgement` (right/wrong) and `why`; `score` gives precision with a
95% Wilson interval.

The draw here is only the 840 PolNeAR train articles (US political news, 2016), and every
item also records the rule that made it and how sure the rule is (`rule`, `confidence`), so
a judge sees which class of text a wrong item belongs to. Kinds: `claims-<kind>` (facts,
opinions apart), `quotes` (a quote and its named speaker), `quotes-unnamed` (a quote stored
without a speaker: right when the text names none either), `via` (the chain and the parallel
sources a statement came through), `opinions`, `loaded` (each stored loaded span with its
holder and target) and `contradictions`. The listers are bench/audit_items.py's, shared
with bench/audit.py. Two draws of 300 of the 840 articles share about a third of their
articles, so `--unseen-by` scores only the items no earlier round judged.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

# The item listers are bench/audit.py's (one copy for both audits).
from audit import (  # type: ignore[import-not-found]
    AUDIT_DIR,
    POLNEAR,
    ROOT,
    Item,
    Store,
    analyse_and_list,
    claim_items,
    contradiction_items,
    judge,
    loaded_items,
    opinion_items,
    quote_items,
    read_items,
    score,
    show,
    via_items,
    wilson,
    write_sample,
)


def draw_documents(data: Path, seed: int, total: int) -> list[str]:
    """A fixed-seed draw of `total` PolNeAR train articles (paths under `data`)."""
    refs = sorted(f"{POLNEAR}/{p.name}" for p in (data / POLNEAR).glob("*.txt"))
    return random.Random(seed).sample(refs, min(total, len(refs)))


def _score_table(
    folder: Path, title: str, left_out: str, counted: Callable[[Item], bool], console: Console
) -> None:
    """Precision per kind over a round's judged items that `counted` keeps; the last column
    says how many judged items it left out, under the name `left_out`."""
    table = Table(title=title)
    for col in ("kind", "n", "right", "precision", "95% CI", left_out):
        table.add_column(col, justify="left" if col == "kind" else "right")
    for path in sorted(folder.glob("*.jsonl")):
        judged = [i for i in read_items(path) if i["judgement"] is not None]
        kept = [i for i in judged if counted(i)]
        if not kept:
            continue
        right = sum(i["judgement"] == "right" for i in kept)
        low, high = wilson(right, len(kept))
        table.add_row(
            path.stem, str(len(kept)), str(right), f"{right / len(kept):.3f}",
            f"{max(low, 0.0):.3f}–{high:.3f}", str(len(judged) - len(kept)),
        )  # fmt: skip
    console.print(table)


def score_shown(folders: list[Path], min_confidence: float, console: Console) -> None:
    """Precision over the judged items a reader sees by default: those whose rule is at least
    `min_confidence` sure (items without a recorded confidence count as shown)."""
    for folder in folders:
        _score_table(
            folder,
            f"precision on {folder.name}, confidence ≥ {min_confidence}",
            "hidden",
            lambda i: (i.get("confidence") or 1.0) >= min_confidence,
            console,
        )


def _item_key(item: Item) -> tuple:
    """What makes two judged items the same output: place, kind and participants."""
    who = item.get("subject") or item.get("speaker") or item.get("who")
    kind = item.get("claim_kind") or item.get("of")
    return (item["doc"], item["start"], item["end"], kind, who, item.get("object"))


def score_unseen(folder: Path, earlier: list[Path], console: Console) -> None:
    """Precision on a round's judged items that no earlier round judged: two draws of 300 of
    the 840 articles share about a third of them, and an item judged before (and calibrated
    on) is not a fresh test."""
    seen = {
        _item_key(i)
        for other in earlier
        for path in other.glob("*.jsonl")
        for i in read_items(path)
        if i.get("judgement") is not None
    }
    _score_table(
        folder,
        f"precision on {folder.name}, items no earlier round judged",
        "judged before",
        lambda i: _item_key(i) not in seen,
        console,
    )


KINDS: dict[str, Callable[[Store], list[Item] | dict[str, list[Item]]]] = {
    "claims": claim_items,
    "quotes": quote_items,
    "via": via_items,
    "opinions": opinion_items,
    "loaded": loaded_items,
    "contradictions": contradiction_items,
}


def sample(
    data: Path, round_: str, seed: int, docs: int, per_kind: int, out: Path,
    kinds: list[str] | None = None,
) -> Path:  # fmt: skip
    """Analyse a fixed-seed draw of PolNeAR train articles and sample every claim-side kind
    (or only `kinds`: `via` chains are rare enough to need every train article)."""
    listers = {k: v for k, v in KINDS.items() if kinds is None or k in kinds}
    every = analyse_and_list(data, draw_documents(data, seed, docs), listers)
    return write_sample(every, out / f"{round_}-{seed}", seed, per_kind)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    # With no command (as `make bench` runs every script), the judged rounds are scored.
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("sample")
    p.add_argument("--round", required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--docs", type=int, default=300)
    p.add_argument("--per-kind", type=int, default=40)
    p.add_argument("--out", type=Path, default=AUDIT_DIR)
    p.add_argument("--kinds", help="only these listers, comma-separated (e.g. via)")
    p = sub.add_parser("show")
    p.add_argument("folder", type=Path)
    p.add_argument("kind")
    p.add_argument("--all", action="store_true", help="judged items too")
    p = sub.add_parser("judge")
    p.add_argument("folder", type=Path)
    p.add_argument("kind")
    p = sub.add_parser("score")
    p.add_argument("folders", type=Path, nargs="+")
    p.add_argument(
        "--min-confidence", type=float, default=None, help="also: only what a reader sees"
    )
    p.add_argument(
        "--unseen-by", type=Path, nargs="+", help="also: only items these rounds never judged"
    )
    args = parser.parse_args(argv)
    if not (args.data / POLNEAR).exists():
        print(f"{args.data / POLNEAR}: no PolNeAR texts; nothing to audit", file=sys.stderr)
        return 1
    if args.command == "sample":
        kinds = args.kinds.split(",") if args.kinds else None
        sample(args.data, args.round, args.seed, args.docs, args.per_kind, args.out, kinds)
    elif args.command == "show":
        show(args.folder, args.kind, args.data, args.all)
    elif args.command == "judge":
        print(f"{judge(args.folder, args.kind, iter(sys.stdin))} verdicts recorded")
    else:
        folders = getattr(args, "folders", None) or sorted(AUDIT_DIR.glob("c*-*"))
        score(folders, Console())
        threshold = getattr(args, "min_confidence", None)
        if threshold is not None:
            score_shown(folders, threshold, Console())
        for folder in folders if getattr(args, "unseen_by", None) else []:
            score_unseen(folder, args.unseen_by, Console())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
