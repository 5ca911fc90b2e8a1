"""Cross-document entity resolution on MEANTIME English, Dossier beside exact name matching.

    python bench/crossdoc.py [--data ../shared/data]

MEANTIME (120 Wikinews articles) annotates entity mentions with corpus-wide chains. We
rebuild each article's text from `meantime.conll`, run Dossier's real pipeline and store on
it (resolution on), and score the chains Dossier builds against the gold chains with MUC,
B³ and CEAFe (CoNLL F1 = their average):

* over gold mentions: every gold name mention (proper-noun head; people, organisations,
  places) takes the entity of the Dossier mention on its head, or, when Dossier found none
  there, the entity Dossier knows under that name;
* over Dossier's own mentions: Dossier's name mentions, aligned to gold mentions by head;
  unaligned ones on either side count as misses, as the CoNLL scorer does. MEANTIME
  annotates only the entities taking part in its annotated events, so Dossier mentions that
  overlap the head of no scored gold mention are left out rather than counted as wrong.

The baseline, in the same run and on the same mentions, joins mentions whose normalised
names (case, accents, spacing) are equal. "Surname merges" counts pairs of different gold
people sharing a surname that a system put in one chain. Finally `dossier add` is timed on
the whole set written out as text files, and storing alone (resolution on) on the analyses
stored again and again into one file, to show whether linking slows as the store grows.
Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import patch

import numpy as np
from rich.console import Console
from rich.table import Table
from scipy.optimize import linear_sum_assignment

from dossier.nlp.pipeline import Pipeline
from dossier.records import Analysis, Article, Entity
from dossier.resolve.linker import entities_named
from dossier.resolve.names import name_key
from dossier.settings import Settings
from dossier.store import Database
from dossier.store import db as store_db

ROOT = Path(__file__).resolve().parent.parent
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'", "n't", "'re", "'ve"}
_NO_SPACE_AFTER = {"(", "[", "$", "``"}
_GOLD_TYPES = {"PER", "ORG", "LOC"}

Clusters = dict[Hashable, Hashable]  # mention id → cluster id


@dataclass
class Doc:
    key: str
    text: str
    #: (sentence, token) → (start, end) in text
    tokens: dict[tuple[int, int], tuple[int, int]]


@dataclass
class GoldMention:
    id: int
    doc: str
    start: int
    end: int
    head_start: int
    head_end: int
    text: str
    chain: str
    type: str
    name: str


def read_docs(conll: Path) -> dict[str, Doc]:
    """Articles rebuilt from the CoNLL tokens: title, date line, then the body paragraph."""
    sentences: dict[str, dict[int, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    for line in conll.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        sentences[cols[0]][int(cols[1])].append((int(cols[2]), cols[3]))
    docs = {}
    for key, sents in sentences.items():
        text = ""
        offsets: dict[tuple[int, int], tuple[int, int]] = {}
        for s in sorted(sents):
            if text:
                text += "\n\n" if s <= 2 else " "
            previous = None
            for t, token in sorted(sents[s]):
                if (
                    previous is not None
                    and token not in _NO_SPACE_BEFORE
                    and previous not in _NO_SPACE_AFTER
                ):
                    text += " "
                offsets[(s, t)] = (len(text), len(text) + len(token))
                text += token
                previous = token
        docs[key] = Doc(key, text, offsets)
    return docs


def read_gold(path: Path, docs: dict[str, Doc]) -> list[GoldMention]:
    """Gold name mentions of people, organisations and places, with their chain ids."""
    gold = []
    for m in json.loads(path.read_text(encoding="utf-8")):
        if m["mention_type"] not in _GOLD_TYPES or m["mention_head_pos"] != "PROPN":
            continue
        doc = docs[m["conll_doc_key"]]
        s = int(m["sent_id"])
        toks = [doc.tokens[(s, t)] for t in m["tokens_number"]]
        head_id = int(m["mention_head_id"])
        if head_id not in m["tokens_number"]:  # a few heads are numbered otherwise
            head_id = m["tokens_number"][-1]
        head = doc.tokens[(s, head_id)]
        # "cross_", "cross_intra_" and "intra_" chains share the corpus-wide instance id.
        chain_id = str(m["coref_chain"]).rsplit("_", 1)[-1]
        start, end = toks[0][0], toks[-1][1]
        gold.append(
            GoldMention(
                len(gold),
                doc.key,
                start,
                end,
                head[0],
                head[1],
                doc.text[start:end],
                chain_id,
                str(m["mention_type"]),
                str(m["description"]),
            )
        )
    return gold


# --- metrics -------------------------------------------------------------------------------


def _groups(clusters: Clusters) -> list[set[Hashable]]:
    by: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, cluster in clusters.items():
        by[cluster].add(mention)
    return list(by.values())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def side(a: Clusters, b: Clusters) -> float:
        num = den = 0
        for group in _groups(a):
            parts = {b.get(m, ("missing", m)) for m in group}
            num += len(group) - len(parts)
            den += len(group) - 1
        return num / den if den else 0.0

    r, p = side(key, response), side(response, key)
    return p, r, _f1(p, r)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def side(a: Clusters, b: Clusters) -> float:
        total = 0.0
        b_groups = {c: g for g in _groups(b) for c in [b[next(iter(g))]]}
        for group in _groups(a):
            counts: dict[Hashable, int] = defaultdict(int)
            for m in group:
                if m in b:
                    counts[b[m]] += 1
            total += sum(n * n for n in counts.values()) / len(group)
        del b_groups
        return total / len(a) if a else 0.0

    r, p = side(key, response), side(response, key)
    return p, r, _f1(p, r)


def ceafe(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    k_groups, r_groups = _groups(key), _groups(response)
    if not k_groups or not r_groups:
        return 0.0, 0.0, 0.0
    index: dict[Hashable, list[int]] = defaultdict(list)
    for j, group in enumerate(r_groups):
        for m in group:
            index[m].append(j)
    sim = np.zeros((len(k_groups), len(r_groups)))
    for i, group in enumerate(k_groups):
        for j in {j for m in group for j in index.get(m, [])}:
            sim[i, j] = 2 * len(group & r_groups[j]) / (len(group) + len(r_groups[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    p, r = total / len(r_groups), total / len(k_groups)
    return p, r, _f1(p, r)


def surname_merges(response: Clusters, gold_by_mention: dict[Hashable, GoldMention]) -> int:
    """Pairs of different gold people sharing a surname that one response chain holds."""
    people: dict[Hashable, set[tuple[str, str]]] = defaultdict(set)
    for mention, cluster in response.items():
        g = gold_by_mention.get(mention)
        if g is not None and g.type == "PER":
            people[cluster].add((g.chain, name_key(g.name).split()[-1]))
    bad = set()
    for chains in people.values():
        for a in chains:
            for b in chains:
                if a[0] < b[0] and a[1] == b[1]:
                    bad.add((a[0], b[0]))
    return len(bad)


# --- running Dossier -----------------------------------------------------------------------


def run_dossier(
    docs: dict[str, Doc], db_path: Path
) -> tuple[Database, list[tuple[Article, Analysis]]]:
    """Analyse and store every article (resolution on); returns the open database."""
    pipeline = Pipeline(Settings())
    db = Database(db_path)
    analysed = []
    for key in sorted(docs):
        article = Article(source=key, text=docs[key].text, site="en.wikinews.org")
        analysis = pipeline.analyse(article)
        db.add_article(article, analysis)
        analysed.append((article, analysis))
    return db, analysed


def exact_link(
    conn: sqlite3.Connection, entity: Entity, document_id: str, *_: object
) -> tuple[int, str]:
    """The baseline linker: same type and same normalised name, nothing else."""
    row = conn.execute(
        "SELECT id FROM entities WHERE type = ? AND name_key = ? ORDER BY id LIMIT 1",
        (entity.type, name_key(entity.name)),
    ).fetchone()
    if row is not None:
        return int(row[0]), "same name"
    cursor = conn.execute(
        "INSERT INTO entities (type, name, name_key, created_at) VALUES (?, ?, ?, '')",
        (entity.type, entity.name, name_key(entity.name)),
    )
    return int(cursor.lastrowid or 0), "new"


def store_with_exact_names(analysed: list[tuple[Article, Analysis]]) -> Database:
    """The same analyses stored with the baseline linker, to isolate cross-document resolution."""
    db = Database(":memory:")
    with patch.object(store_db, "link_entity", exact_link):
        for article, analysis in analysed:
            db.add_article(article, analysis)
    return db


def doc_ids(db: Database) -> dict[str, str]:
    return {r["source"]: r["id"] for r in db.conn.execute("SELECT id, source FROM documents")}


def system_mentions(db: Database) -> list[tuple[str, int, int, str, int]]:
    """(document source, start, end, text, entity id) for Dossier's name mentions."""
    return [
        (r[0], int(r[1]), int(r[2]), str(r[3]), int(r[4]))
        for r in db.conn.execute(
            'SELECT d.source, m.start, m."end", m.text, de.entity_id FROM mentions m'
            " JOIN doc_entities de ON de.id = m.doc_entity_id"
            " JOIN documents d ON d.id = m.document_id"
            " WHERE m.form != 'pronoun' AND de.type IN ('Person', 'Organization', 'Place',"
            " 'Country')"
        )
    ]


def in_annotated_regions(
    system: list[tuple[str, int, int, str, int]], gold: list[GoldMention]
) -> list[tuple[str, int, int, str, int]]:
    """Dossier mentions overlapping the head of a scored gold mention (MEANTIME annotates
    only some). A name inside a gold mention but off its head ("Apple" in "Apple CEO", a
    person) is another entity, one MEANTIME left unannotated there: it is left out too."""
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for g in gold:
        by_doc[g.doc].append(g)
    return [
        s
        for s in system
        if any(g.head_start < s[2] and s[1] < g.head_end for g in by_doc.get(s[0], []))
    ]


def align(gold: list[GoldMention], system: list[tuple[str, int, int, str, int]]) -> dict[int, int]:
    """System mention index → gold mention id: the smallest gold span holding it and its head."""
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for g in gold:
        by_doc[g.doc].append(g)
    taken: set[int] = set()
    aligned = {}
    for i, (doc, start, end, _text, _entity) in enumerate(system):
        fits = [
            g
            for g in by_doc.get(doc, [])
            if g.id not in taken
            and start < g.head_end
            and g.head_start < end
            and g.start <= start
            and end <= g.end
        ]
        if fits:
            best = min(fits, key=lambda g: g.end - g.start)
            taken.add(best.id)
            aligned[i] = best.id
    return aligned


_GOLD_TO_DOSSIER = {
    "PER": {"Person"},
    "ORG": {"Organization"},
    "LOC": {"Place", "Country"},
}


def on_gold_mentions(
    db: Database, gold: list[GoldMention], system: list[tuple[str, int, int, str, int]]
) -> Clusters:
    """Dossier's entity for each gold mention: the mention on its head, else a mention of the
    same type inside it, else the entity Dossier knows by that name, else a chain of its own."""
    types = {int(r[0]): str(r[1]) for r in db.conn.execute("SELECT id, type FROM entities")}
    by_doc: dict[str, list[tuple[str, int, int, str, int]]] = defaultdict(list)
    for s in system:
        by_doc[s[0]].append(s)
    response: Clusters = {}
    for g in gold:
        here = by_doc.get(g.doc, [])
        on_head = [s for s in here if s[1] < g.head_end and g.head_start < s[2]]
        inside = [
            s
            for s in here
            if g.start <= s[1] and s[2] <= g.end and types.get(s[4]) in _GOLD_TO_DOSSIER[g.type]
        ]
        if on_head or inside:
            response[g.id] = ("entity", (on_head or inside)[-1][4])
            continue
        found = entities_named(db.conn, g.text)
        response[g.id] = ("entity", found[0]) if found else ("alone", g.id)
    return response


def score(key: Clusters, response: Clusters) -> dict[str, float]:
    m, b, c = muc(key, response), b_cubed(key, response), ceafe(key, response)
    return {
        "MUC F1": m[2],
        "B³ P": b[0],
        "B³ R": b[1],
        "B³ F1": b[2],
        "CEAFe F1": c[2],
        "CoNLL F1": (m[2] + b[2] + c[2]) / 3,
    }


def time_add(docs: dict[str, Doc]) -> tuple[int, float, list[str]]:
    """Run `dossier add` (the library call behind it) on the set written out as text files."""
    from dossier import api

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i, key in enumerate(sorted(docs)):
            (folder / f"{i:03d}.txt").write_text(docs[key].text + "\n", encoding="utf-8")
        started = time.perf_counter()
        report = api.add([str(folder)], Path(tmp) / "timed.db")
        elapsed = time.perf_counter() - started
    others = [f"failed: {f}" for f in report.failed] + [
        f"already stored (same body as another): {Path(a).name}" for a in report.already_stored
    ]
    return len(report.added), elapsed, others


def time_store_growth(analysed: list[tuple[Article, Analysis]], rounds: int) -> list[float]:
    """Documents/s of storing each round of the analyses (bodies made distinct) into one file."""
    rates = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "growth.db")
        for n in range(rounds):
            started = time.perf_counter()
            for article, analysis in analysed:
                copy = Article(source=f"{article.source}#{n}", text=f"{article.text}\n\n{n}")
                db.add_article(copy, analysis)
            rates.append(len(analysed) / (time.perf_counter() - started))
        db.close()
    return rates


def read_gum(folder: Path) -> dict[str, tuple[str, dict[int, str]]]:
    """GUM news documents: text rebuilt from token offsets, and the Wikipedia identity of the
    innermost identified span at each character (held out: never used for tuning)."""
    docs = {}
    for path in sorted(folder.glob("*.tsv")):
        chars: list[str] = []
        spans: dict[str, tuple[str, int, int]] = {}
        sentence = None
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 7:
                continue
            start, end = (int(x) for x in cols[1].split("-"))
            while len(chars) < start:
                chars.append("\n" if sentence != cols[0].split("-")[0] and chars else " ")
            sentence = cols[0].split("-")[0]
            chars[start:end] = list(cols[2])
            for item in cols[6].split("|") if cols[6] not in {"_", ""} else []:
                name, _, number = item.partition("[")
                known = spans.get(number, (name, start, end))
                spans[number] = (name, min(known[1], start), max(known[2], end))
        identity: dict[int, str] = {}
        for name, start, end in sorted(spans.values(), key=lambda v: v[1] - v[2]):
            for i in range(start, end):
                identity[i] = name  # shorter spans are written last and win
        docs[path.stem] = ("".join(chars), identity)
    return docs


def heldout_gum(folder: Path, console: Console) -> None:
    """Mentions with a Wikipedia identity in GUM news: chains and wrong cross-document joins."""
    docs = read_gum(folder)
    pipeline = Pipeline(Settings())
    db = Database(":memory:")
    for key, (text, _) in docs.items():
        db.add_article(
            Article(source=key, text=text, site=key), pipeline.analyse(Article(key, text))
        )
    system = system_mentions(db)
    key_clusters: Clusters = {}
    dossier: Clusters = {}
    exact: Clusters = {}
    for i, (doc, _start, end, text, entity_id) in enumerate(system):
        identity = docs[doc][1].get(end - 1)
        if identity:
            key_clusters[i], dossier[i], exact[i] = identity, entity_id, name_key(text)
    table = Table(
        title=f"held out: GUM news, {len(docs)} articles, {len(key_clusters)} Dossier"
        " mentions with a Wikipedia identity"
    )
    for column in ["system", "B³ F1", "CoNLL F1", "chains joining two identities across documents"]:
        table.add_column(column)
    for name, response in [("exact name", exact), ("Dossier", dossier)]:
        s = score(key_clusters, response)
        wrong = 0
        for group in _groups(response):
            identities = {key_clusters[m] for m in group}
            documents = {system[int(str(m))][0] for m in group}
            wrong += int(len(identities) > 1 and len(documents) > 1)
        table.add_row(name, f"{100 * s['B³ F1']:.1f}", f"{100 * s['CoNLL F1']:.1f}", str(wrong))
    console.print(table)
    db.close()


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--no-timing", action="store_true", help="skip timing `dossier add`")
    parser.add_argument(
        "--rounds", type=int, default=6, help="copies of the set stored to time store growth"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    folder = args.data / "meantime-en"
    if not (folder / "meantime.conll").exists():
        print(f"MEANTIME not found under {folder}; pass --data.", file=sys.stderr)
        return 2
    docs = read_docs(folder / "meantime.conll")
    gold = read_gold(folder / "entities_mentions.json", docs)
    key: Clusters = {g.id: g.chain for g in gold}
    gold_by_id: dict[Hashable, GoldMention] = {g.id: g for g in gold}

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        db, analyses = run_dossier(docs, Path(tmp) / "bench.db")
        analysed = time.perf_counter() - started
        growth = time_store_growth(analyses, args.rounds) if not args.no_timing else []
        exact_db = store_with_exact_names(analyses)
        in_doc_gold = on_gold_mentions(
            exact_db, gold, in_annotated_regions(system_mentions(exact_db), gold)
        )
        exact_db.close()
        system = in_annotated_regions(system_mentions(db), gold)
        aligned = align(gold, system)
        dossier_gold = on_gold_mentions(db, gold, system)
        exact_gold: Clusters = {g.id: name_key(g.text) for g in gold}
        # Over Dossier's own mentions.
        sys_ids: list[Hashable] = [aligned.get(i, ("sys", i)) for i in range(len(system))]
        dossier_sys: Clusters = {sys_ids[i]: s[4] for i, s in enumerate(system)}
        exact_sys: Clusters = {sys_ids[i]: name_key(s[3]) for i, s in enumerate(system)}
        db.close()

    rows = [
        ("gold mentions", "exact name", exact_gold),
        ("gold mentions", "Dossier in-doc, exact across", in_doc_gold),
        ("gold mentions", "Dossier", dossier_gold),
        ("Dossier mentions", "exact name", exact_sys),
        ("Dossier mentions", "Dossier", dossier_sys),
    ]
    table = Table(
        title=f"MEANTIME-en cross-document entities: {len(docs)} articles, "
        f"{len(gold)} gold name mentions in {len(set(key.values()))} chains, "
        f"{len(system)} Dossier mentions ({len(aligned)} aligned)"
    )
    for column in ["mentions", "system", "MUC F1", "B³ P", "B³ R", "B³ F1", "CEAFe F1"]:
        table.add_column(column)
    table.add_column("CoNLL F1")
    table.add_column("surname merges")
    for mentions, system_name, response in rows:
        s = score(key, response)
        table.add_row(
            mentions,
            system_name,
            *(f"{100 * s[c]:.1f}" for c in ["MUC F1", "B³ P", "B³ R", "B³ F1", "CEAFe F1"]),
            f"{100 * s['CoNLL F1']:.1f}",
            str(surname_merges(response, gold_by_id)),
        )
    console = Console(width=150)
    console.print(table)
    everyone: Clusters = {g.id: "all" for g in gold}
    console.print(
        f"pairs of different gold people sharing a surname: {surname_merges(everyone, gold_by_id)}"
        " (the most any system could wrongly merge)"
    )
    console.print(f"analyse + store (resolution on): {len(docs) / analysed:.2f} documents/s")
    if growth:
        console.print(
            "store only, each copy of the set into one growing file: "
            + ", ".join(f"{rate:.0f}" for rate in growth)
            + f" documents/s (up to {len(docs) * len(growth)} documents)"
        )
    gum = args.data / "gum-news" / "coref" / "gum" / "tsv"
    if gum.exists():
        heldout_gum(gum, console)
    if not args.no_timing:
        added, elapsed, others = time_add(docs)
        console.print(
            f"`dossier add` of the whole set: {added} documents in {elapsed:.1f} s "
            f"= {added / elapsed:.2f} documents/s (model load included)"
        )
        for line in others:
            console.print(f"  {line}", highlight=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
