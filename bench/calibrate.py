"""Measure how often each claim rule is right, from the hand-judged audit rounds.

    python bench/calibrate.py [--rounds c1-311 c2-523 c3-741] [--cache /tmp/calib.json]
    python bench/calibrate.py --rounds c1-311 … c5-959 --cache /tmp/calib.json \
        --judged-draw c5-959 /tmp/draw959.json --emit src/dossier/extract/claims/calibration.py

Re-runs today's pipeline over every article that has a judged claim in the given rounds
(bench/audit/<round>/claims-*.jsonl and opinions.jsonl), finds each judged claim among the
claims the pipeline makes now (same article, evidence offsets, kind, subject and object) and
records the rule that makes it now and the signs `basis` reads (a participant only referred
to in the sentence, an event carried by a noun). Judged claims the rules no longer make are
counted apart (fixed since). Prints precision per rule, per kind and per sign, each with
n and the 95% Wilson interval: the numbers `_RULE_PRECISION` in
src/dossier/extract/claims/basis.py comes from.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import textwrap
from collections import defaultdict
from pathlib import Path

from audit import (  # type: ignore[import-not-found]
    AUDIT_DIR,
    POLNEAR,
    ROOT,
    Store,
    article,
    claim_items,
    opinion_items,
    quote_items,
    read_items,
    text_hash,
    via_items,
    wilson,
)
from audit_claims import draw_documents  # type: ignore[import-not-found]
from dossier.extract.claims import basis
from dossier.nlp.pipeline import Pipeline
from dossier.nlp.registry import DocumentState
from dossier.records import Claim
from dossier.settings import Settings
from dossier.store import Database

ROUNDS = ["c1-311", "c2-523", "c3-741"]


def _key(item: dict) -> tuple:
    return (item["doc"], item["start"], item["end"], item["claim_kind"], item["subject"],
            item["object"])  # fmt: skip


def _valued(item: dict) -> tuple:
    """An item's key with its value: one sentence may hold two shares of one subject."""
    return (*_key(item), item["value"])


def judged(rounds: list[str]) -> list[dict]:
    items = []
    for name in rounds:
        for path in sorted((AUDIT_DIR / name).glob("*.jsonl")):
            if not (path.stem.startswith("claims-") or path.stem == "opinions"):
                continue
            for item in read_items(path):
                if item.get("judgement") in ("right", "wrong"):
                    items.append({**item, "round": name})
    return items


def current(data: Path, refs: list[str]) -> dict[tuple, dict]:
    """Today's claims of `refs`, keyed like judged items, with their rule and basis signs."""
    settings = Settings()
    pipeline = Pipeline(settings)
    found: dict[tuple, dict] = {}
    for n, ref in enumerate(refs):
        art = article(data, ref, settings)
        state = pipeline.run(art, pipeline.parse(art))

        for claim in state.analysis.claims:
            found[_state_key(ref, claim, state)] = {
                "rule": claim.rule,
                "confidence": claim.confidence,
                "signs": basis.claim_signs(claim, state),
            }
        if n % 50 == 0:
            print(f"{n}/{len(refs)}", file=sys.stderr)
    return found


def draw(data: Path, seed: int, docs: int, out: Path) -> None:
    """Every claim of a fresh fixed-seed draw of PolNeAR articles, as audit items with their
    rule and basis signs (json at `out`), so that what the default hides can be told apart
    after the table changes (`pick`)."""
    settings = Settings()
    pipeline = Pipeline(settings)
    hashes: dict[str, str] = {}
    signs: dict[tuple, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "draw.db")
        for n, ref in enumerate(draw_documents(data, seed, docs)):
            art = article(data, ref, settings)
            hashes[ref] = text_hash(art.text)
            state = pipeline.run(art, pipeline.parse(art))
            for claim in state.analysis.claims:
                signs[_state_key(ref, claim, state)] = basis.claim_signs(claim, state)
            db.add_article(art, state.analysis)
            if n % 50 == 0:
                print(f"{n}/{docs}", file=sys.stderr)
        store = Store(db.conn, hashes)
        every = [i for items in claim_items(store).values() for i in items]
        every += opinion_items(store)
        # Quotes and via chains of the same draw, for the same fresh round (`pick`).
        attributions = {**quote_items(store), "via": via_items(store)}
        db.close()
    for item in every:
        item["signs"] = signs.get(_key(item), [])
    out.write_text(json.dumps(every))
    _attributions(out).write_text(json.dumps(attributions))


def _attributions(cache: Path) -> Path:
    """Where `draw` keeps the draw's quotes and via chains, beside its claims."""
    return cache.with_name(cache.stem + "-quotes.json")


def _state_key(ref: str, claim: Claim, state: DocumentState) -> tuple:
    def name(key: int | None) -> str | None:
        entity = state.entity(key)
        return None if entity is None else f"{entity.name} ({entity.type})"

    return (ref, claim.evidence.start, claim.evidence.end, claim.kind, name(claim.subject),
            name(claim.object))  # fmt: skip


def emit(
    path: Path,
    rounds: list[str],
    rules: dict[str, list[bool]],
    kinds: dict[str, list[bool]],
    signs: dict[str, list[bool]],
) -> None:
    """Write the counts `basis` reads as a Python module (right, judged) per row."""

    def rows(name: str, counts: dict[str, list[bool]], doc: str) -> list[str]:
        lines = [f"#: {line}" for line in textwrap.wrap(doc, 94)]
        lines.append(f"{name}: dict[str, tuple[int, int]] = {{")
        lines += [f"    {k!r}: ({sum(v)}, {len(v)})," for k, v in sorted(counts.items())]
        return [*lines, "}", ""]

    pooled = {k.split(":", 1)[1]: v for k, v in signs.items() if k.startswith("all:")}
    rare: dict[str, list[bool]] = defaultdict(list)
    for rule, marks in rules.items():
        if len(marks) < basis.SELDOM:
            rare[rule.split(":", 1)[0] + ":*"] += marks
    head = (
        "How often each claim rule was right in the hand-judged audit rounds: the counts"
        " (right, judged) that `basis` turns into confidences. Written by bench/calibrate.py"
        f" from rounds {', '.join(rounds)} (bench/audit/), re-running the rules of the day"
        " over the judged articles; regenerate it after a new round is judged."
    )
    text = [
        *textwrap.wrap(f'"""{head}"""', 94),
        "",
        *rows(
            "RULES",
            # A rule seen fewer than SELDOM times speaks only through its kind's pool: its own
            # name may be an open word of the text (an amount's measured noun), which a table
            # in the code must not carry.
            {**{k: v for k, v in rules.items() if len(v) >= basis.SELDOM}, **rare},
            "Per rule judged at least basis.SELDOM times, claims with every participant"
            " named, a verb, asserted; '<kind>:*' pools the rules of a kind judged fewer"
            " than basis.SELDOM times.",
        ),
        *rows("KINDS", kinds, "Per kind, the same claims: the prior of a rule seldom seen."),
        *rows("SIGNS", pooled, "Per sign of a weaker basis, every kind together."),
    ]
    path.write_text("\n".join(text))


def pick(cache: Path, round_: str, seed: int, per_kind: int, least: float) -> None:
    """From a fresh draw (`draw`), sample up to `per_kind` claims of each kind that the
    default shows (confidence ≥ `least` under today's table), and the draw's quotes and via
    chains, into bench/audit/<round>-<seed>/, and say per kind how many the default hides."""
    every = json.loads(cache.read_text())
    kinds: dict[str, list[dict]] = defaultdict(list)
    hidden: dict[str, int] = defaultdict(int)
    for item in every:
        signs = [s for s in item.pop("signs", []) if s != "dateline"]
        item["confidence"] = basis.confidence_of(item["rule"], item["status"], signs)
        name = "opinions" if item["status"] == "opinion" else f"claims-{item['claim_kind']}"
        if item["confidence"] >= least:
            kinds[name].append(item)
        else:
            hidden[name] += 1
    folder = AUDIT_DIR / f"{round_}-{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    summary = {}
    for name in sorted(set(kinds) | set(hidden)):
        shown = kinds.get(name, [])
        picked = random.Random(f"{seed}:{name}").sample(shown, min(per_kind, len(shown)))
        with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as stream:
            for n, item in enumerate(picked):
                record = {"id": f"{name}-{n}", **item, "judgement": None, "why": ""}
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        summary[name] = {"shown": len(shown), "hidden": hidden.get(name, 0)}
        print(f"{name}: {len(picked)} of {len(shown)} shown; {hidden.get(name, 0)} hidden")
    if _attributions(cache).exists():
        # Quotes with a named speaker the default shows (their confidence ≥ `least`), quotes
        # without one, and every via chain.
        for name, items in json.loads(_attributions(cache).read_text()).items():
            shown = [i for i in items if name != "quotes" or (i["confidence"] or 1.0) >= least]
            picked = random.Random(f"{seed}:{name}").sample(shown, min(per_kind, len(shown)))
            with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as stream:
                for n, item in enumerate(picked):
                    record = {"id": f"{name}-{n}", **item, "judgement": None, "why": ""}
                    stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            summary[name] = {"shown": len(shown), "hidden": len(items) - len(shown)}
            print(f"{name}: {len(picked)} of {len(shown)} shown; {len(items) - len(shown)} hidden")
    (folder / "shown.json").write_text(json.dumps({"min_confidence": least, **summary}, indent=1))


def fresh(cache: Path, folder: Path, least: float) -> None:
    """Precision of a fresh round's judged items that today's table still shows, and how many
    claims of the draw (`draw`) it hides, per kind."""
    every = json.loads(cache.read_text())
    signs = {_valued(i): [s for s in i["signs"] if s != "dateline"] for i in every}
    print(f"\n{folder.name}: judged items shown at confidence ≥ {least}")
    print(f"{'':<24}{'n':>4}{'right':>6}{'prec':>7}  95% CI      shown hidden (draw) gone")
    for path in [*sorted(folder.glob("claims-*.jsonl")), folder / "opinions.jsonl"]:
        items = read_items(path) if path.exists() else []
        judged = [i for i in items if i["judgement"] in ("right", "wrong")]
        gone = sum(_valued(i) not in signs for i in judged)  # the rules no longer make it
        marks = [
            i["judgement"] == "right"
            for i in judged
            if _valued(i) in signs
            and basis.confidence_of(i["rule"], i["status"], signs[_valued(i)]) >= least
        ]
        kind = path.stem.removeprefix("claims-")
        drawn = [
            i for i in every
            if (i["claim_kind"] if i["status"] != "opinion" else "opinions") == kind
        ]  # fmt: skip
        hidden = sum(
            basis.confidence_of(i["rule"], i["status"], signs[_valued(i)]) < least for i in drawn
        )
        right = sum(marks)
        low, high = wilson(right, len(marks)) if marks else (0.0, 0.0)
        prec = right / len(marks) if marks else 0.0
        print(f"{kind:<24}{len(marks):>4}{right:>6}{prec:>7.2f}  {max(low, 0):.2f}–{high:.2f}"
              f"  {len(drawn) - hidden:>6} {hidden:>6}  {gone:>4}")  # fmt: skip


def _from_draw(items: list[dict], drawn: Path) -> list[dict]:
    """Judged items of a fresh round with the rule and signs its draw (`draw`) recorded."""
    found = {_valued(i): i for i in json.loads(drawn.read_text())}
    out = []
    for item in items:
        hit = found.get(_valued(item))
        now = None if hit is None else {"rule": hit["rule"], "signs": hit["signs"]}
        out.append({**item, "now": now})
    return out


def table(rows: dict[str, list[bool]], title: str) -> None:
    print(f"\n{title}\n{'':<34}{'n':>4}{'right':>6}{'prec':>7}  95% CI")
    for name, marks in sorted(rows.items(), key=lambda kv: (kv[0].split(":")[0], -len(kv[1]))):
        right = sum(marks)
        low, high = wilson(right, len(marks))
        print(f"{name:<34}{len(marks):>4}{right:>6}{right / len(marks):>7.2f}  "
              f"{max(low, 0):.2f}–{high:.2f}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--rounds", nargs="+", default=ROUNDS)
    parser.add_argument("--cache", type=Path, help="keep the matched items here (json)")
    parser.add_argument("--draw", type=int, metavar="SEED", help="a fresh draw instead")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--pick", nargs=2, metavar=("ROUND", "SEED"), help="sample a draw")
    parser.add_argument("--per-kind", type=int, default=40, help="with --pick: items per kind")
    parser.add_argument("--fresh", type=Path, help="score a judged fresh round (a folder)")
    parser.add_argument("--emit", type=Path, help="write the table module here")
    parser.add_argument(
        "--judged-draw", nargs=2, action="append", metavar=("ROUND", "DRAW"),
        help="with --cache: add a fresh round judged since, matched against its draw's json",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not (args.data / POLNEAR).exists():
        print(f"{args.data / POLNEAR}: no PolNeAR texts; nothing to calibrate", file=sys.stderr)
        return 1
    if args.fresh:
        fresh(args.cache, args.fresh, Settings().min_confidence)
        return 0
    if args.pick:
        pick(args.cache, args.pick[0], int(args.pick[1]), args.per_kind, Settings().min_confidence)
        return 0
    if args.draw is not None:
        draw(args.data, args.draw, args.docs, args.cache)
        return 0
    items = judged(args.rounds)
    if args.cache and args.cache.exists():
        matched = json.loads(args.cache.read_text())
        for round_, drawn in args.judged_draw or []:
            # A fresh round judged since the cache was made, matched against its own draw
            # (made by today's rules, so no article needs re-running).
            matched += _from_draw(judged([round_]), Path(drawn))
    else:
        now = current(args.data, sorted({i["doc"] for i in items}))
        matched = []
        for item in items:
            hit = now.get(_key(item))
            matched.append({**item, "now": hit})
        if args.cache:
            args.cache.write_text(json.dumps(matched))
    by_rule: dict[str, list[bool]] = defaultdict(list)
    by_kind: dict[str, list[bool]] = defaultdict(list)
    by_sign: dict[str, list[bool]] = defaultdict(list)
    gone: dict[str, list[bool]] = defaultdict(list)
    clean_rule: dict[str, list[bool]] = defaultdict(list)
    clean_kind: dict[str, list[bool]] = defaultdict(list)
    for item in matched:
        ok = item["judgement"] == "right"
        now = item["now"]
        kind = item["claim_kind"] + (":opinion" if item["status"] == "opinion" else "")
        if now is None:
            gone[kind].append(ok)
            continue
        by_rule[now["rule"]].append(ok)
        by_kind[kind].append(ok)
        signs = basis.status_signs(item["status"]) + [
            s
            for s in now.get("signs", [])
            if s != "dateline"  # now a rule of its own
        ]
        for sign in signs or ["clean"]:
            by_sign[f"{item['claim_kind']}:{sign}"].append(ok)
            by_sign[f"all:{sign}"].append(ok)
        if not signs:
            clean_rule[now["rule"]].append(ok)
            clean_kind[item["claim_kind"]].append(ok)
    table(by_kind, "judged claims the rules still make, per kind")
    table(by_rule, "per rule")
    table(by_sign, "per sign in the sentence")
    table(gone, "judged claims the rules no longer make (fixed since), per kind")
    table(clean_rule, "per rule, every participant named, a verb, asserted (the table's rows)")
    if args.emit:
        emit(args.emit, args.rounds, clean_rule, clean_kind, by_sign)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
