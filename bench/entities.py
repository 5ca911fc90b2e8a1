"""Entity mentions on GUM news and MEANTIME: Dossier's entities vs raw en_core_web_sm, one run.

    python bench/entities.py [--data ../shared/data] [--repeat 3]

Gold: the GUM news articles (`gum-news/dep/*.conllu`), whose `Entity=` annotation marks every
mention with a type. Only *named* mentions are scored, the same way for both systems: a
mention counts when it holds a proper noun (NNP/NNPS in GUM's own tagging), and it is matched
on the last word of its name: the run of proper nouns that holds the span's syntactic head
(the token whose gold head lies outside the span), else the run that is the head's flat
name or apposition ("team member Ida Holt" → Holt; not "Acme's coach" or "a lawyer for
Acme", which are not named mentions of a person). A predicted span is reduced to a token
with the same rule and the same gold parse, so both systems are judged on the same keys
and types:

    GUM person -> Person     PERSON -> Person      (Dossier: Person)
    GUM organization -> Org  ORG -> Org            (Dossier: Organization)
    GUM place -> Place       GPE, LOC, FAC -> Place (Dossier: Country and Place)

Pronoun and title mentions ("he", "the senator") are left out of Dossier's predictions since
the gold set scored here is named mentions only. Speed is words per second over the 24
articles, including parsing, for raw spaCy (`nlp(text)` per article) and for Dossier (its
paragraph-wise parse plus the entities, roles, temporal and amounts components); the best
of `--repeat` runs is reported. Nothing is written anywhere.

MEANTIME (`meantime-en/`, 120 Wikinews articles rebuilt from `meantime.conll` as
bench/crossdoc.py does) is scored in the same run: its gold name mentions (proper-noun head;
PER → Person, ORG → Organization, LOC → Place) are matched by head token and type. MEANTIME
annotates only the entities taking part in its annotated events, so a predicted span that
covers no gold name head is left out for both systems rather than counted wrong: precision
there says how often a name found on an annotated mention has the right type and extent.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("Person", "Organization", "Place")
GUM_TYPES = {"person": "Person", "organization": "Organization", "place": "Place"}
SPACY_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place"}
SPACY_TYPES["FAC"] = "Place"
DOSSIER_TYPES = {"Person": "Person", "Organization": "Organization", "Country": "Place"}
DOSSIER_TYPES["Place"] = "Place"
PROPER = {"NNP", "NNPS"}
_NAME_RELATIONS = {"flat", "appos"}
_ENTITY = re.compile(r"\((\d+)-([a-z]+)[^()]*?(\))?(?=\(|$|\d+\))|(\d+)\)")


@dataclass
class Token:
    start: int
    end: int
    xpos: str
    head: int  # index into the document's tokens, -1 for the root
    deprel: str = ""


@dataclass
class GoldDoc:
    name: str
    text: str
    published: str | None
    tokens: list[Token] = field(default_factory=list)
    #: (head token index, type, entity id, number of tokens)
    mentions: list[tuple[int, str, str, int]] = field(default_factory=list)


def _head(doc: GoldDoc, indices: list[int]) -> int | None:
    """The token of the span whose head lies outside it (the first, if several)."""
    inside = set(indices)
    for i in indices:
        if doc.tokens[i].head not in inside:
            return i
    return indices[0] if indices else None


def name_key(doc: GoldDoc, indices: list[int]) -> int | None:
    """The token a named mention is matched on: the last word of the run of proper nouns
    holding the span's head ("Acme President Ida Holt" → Holt), else of a run that is the
    head's flat name or apposition ("team member Ida Holt" → Holt)."""
    head = _head(doc, indices)
    if head is None:
        return None
    runs: list[list[int]] = []
    for i in indices:
        if doc.tokens[i].xpos in PROPER:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    for run in runs:
        if head in run:
            return run[-1]
    # Else a name that is the head's own name (flat "member Ida Holt", apposition "the
    # coach, Ida Holt"), not one that modifies it: "Acme's coach", "an Acme lawyer" and
    # "a lawyer for Acme" are not named mentions of a person.
    for run in runs:
        key = _head(doc, run)
        token = doc.tokens[key] if key is not None else None
        if token is not None and token.head == head and token.deprel in _NAME_RELATIONS:
            return run[-1]
    return None


def read_conllu(path: Path) -> GoldDoc:
    """Text (paragraphs separated by blank lines), tokens with offsets, typed gold mentions."""
    parts: list[str] = []
    doc = GoldDoc(path.stem, "", None)
    open_spans: dict[str, list[tuple[str, int]]] = {}
    spans: list[tuple[str, str, int, int]] = []
    sent_base = 0
    mwt_first = mwt_last = -1
    mwt_space = True
    pending_space = ""
    pos = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::dateCreated"):
            doc.published = line.split("=", 1)[1].strip()
        if line.startswith("# newpar") and not line.startswith("# newpar_block"):
            if parts:
                pending_space = "\n\n"
            continue
        if not line.strip():
            sent_base = len(doc.tokens)
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0]:
            # A multi-word token ("Holt's"): no space inside it; its own SpaceAfter at the end.
            first, last = (int(x) for x in cols[0].split("-"))
            mwt_last, mwt_space = sent_base + last - 1, "SpaceAfter=No" not in cols[9]
            mwt_first = sent_base + first - 1
            continue
        if "." in cols[0]:
            continue
        if parts:
            parts.append(pending_space or " ")
            pos += len(pending_space or " ")
        pending_space = ""
        form = cols[1]
        parts.append(form)
        start, pos = pos, pos + len(form)
        head = int(cols[6])
        doc.tokens.append(Token(start, pos, cols[4], sent_base + head - 1 if head else -1, cols[7]))
        index = len(doc.tokens) - 1
        misc = cols[9]
        if "SpaceAfter=No" in misc:
            pending_space = "\x00"
        if mwt_first <= index < mwt_last or (index == mwt_last and not mwt_space):
            pending_space = "\x00"
        for field_ in misc.split("|"):
            if field_.startswith("Entity="):
                for match in _ENTITY.finditer(field_[len("Entity=") :]):
                    ident, etype, single, closing = match.groups()
                    if ident:
                        if single:
                            spans.append((ident, etype, index, index))
                        else:
                            open_spans.setdefault(ident, []).append((etype, index))
                    elif closing and open_spans.get(closing):
                        etype, begin = open_spans[closing].pop()
                        spans.append((closing, etype, begin, index))
    text = "".join(parts)
    # "\x00" marked SpaceAfter=No: remove it and shift offsets.
    shift = 0
    fixed: list[str] = []
    marks = [i for i, ch in enumerate(text) if ch == "\x00"]
    mark_iter = iter(marks)
    next_mark = next(mark_iter, None)
    for token in doc.tokens:
        while next_mark is not None and next_mark < token.start:
            shift += 1
            next_mark = next(mark_iter, None)
        token.start -= shift
        token.end -= shift
    fixed.append(text.replace("\x00", ""))
    doc.text = fixed[0]
    for ident, etype, begin, end in spans:
        mapped = GUM_TYPES.get(etype)
        if mapped is None:
            continue
        key = name_key(doc, list(range(begin, end + 1)))
        if key is not None:
            doc.mentions.append((key, mapped, ident, end - begin + 1))
    return doc


def heads_of(doc: GoldDoc, spans: list[tuple[int, int, str]]) -> set[tuple[int, str]]:
    """Predicted (start, end, type) spans → (gold head token, type), named heads only."""
    starts = [t.start for t in doc.tokens]
    out: set[tuple[int, str]] = set()
    from bisect import bisect_right

    for start, end, etype in spans:
        first = max(0, bisect_right(starts, start) - 1)
        indices: list[int] = []
        for i in range(first, len(doc.tokens)):
            if doc.tokens[i].start >= end:
                break
            if start < doc.tokens[i].end:
                indices.append(i)
        key = name_key(doc, indices)
        if key is not None:
            out.add((key, etype))
    return out


def spacy_spans(nlp, doc: GoldDoc) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    parsed = nlp(doc.text)
    return [
        (e.start_char, e.end_char, SPACY_TYPES[e.label_])
        for e in parsed.ents
        if e.label_ in SPACY_TYPES
    ]


def dossier_spans(pipeline, doc: GoldDoc) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    from dossier.records import Article

    article = Article(source=doc.name, text=doc.text, published=doc.published, language="en")
    state = pipeline.run(article, pipeline.parse(article))
    return [
        (m.start, m.end, DOSSIER_TYPES[e.type])
        for e in state.analysis.entities
        if e.type in DOSSIER_TYPES
        for m in e.mentions
        if m.form not in {"pronoun", "title"}
    ]


def score(gold: set[tuple[int, str]], pred: set[tuple[int, str]]) -> dict[str, tuple[float, ...]]:
    out: dict[str, tuple[float, ...]] = {}
    for etype in TYPES:
        g = {h for h, t in gold if t == etype}
        p = {h for h, t in pred if t == etype}
        tp = len(g & p)
        precision = tp / len(p) if p else 0.0
        recall = tp / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[etype] = (precision, recall, f1, tp, len(p), len(g))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--errors", action="store_true", help="list missed and wrong mentions")
    args = parser.parse_args(argv)
    folder = args.data / "gum-news" / "dep"
    files = sorted(folder.glob("*.conllu"))
    if not files:
        print(f"No GUM news files under {folder}; pass --data.", file=sys.stderr)
        return 2

    import spacy  # noqa: F401

    from dossier.nlp.model import load_model
    from dossier.nlp.pipeline import Pipeline
    from dossier.settings import MODEL_NAME, Settings

    docs = [read_conllu(path) for path in files]
    words = sum(sum(1 for t in d.tokens if t.xpos not in {".", ",", ":", "``", "''"}) for d in docs)
    nlp = load_model(MODEL_NAME)
    pipeline = Pipeline(Settings(pipeline=("entities", "roles", "temporal", "amounts")))

    systems = {
        "raw en_core_web_sm": lambda d: spacy_spans(nlp, d),
        "Dossier": lambda d: dossier_spans(pipeline, d),
    }
    results: dict[str, dict[str, tuple[float, ...]]] = {}
    speeds: dict[str, float] = {}
    surname: dict[str, tuple[int, int]] = {}
    gold_all: set[tuple[int, int, str]] = set()
    for di, d in enumerate(docs):
        gold_all |= {(di, h, t) for h, t, _, _ in d.mentions}
    # Surname-only gold person mentions: one token, where the same entity is named longer.
    longest: dict[tuple[int, str], int] = Counter()
    for di, d in enumerate(docs):
        for _, t, ident, n in d.mentions:
            if t == "Person":
                longest[(di, ident)] = max(longest[(di, ident)], n)
    surnames = {
        (di, h)
        for di, d in enumerate(docs)
        for h, t, ident, n in d.mentions
        if t == "Person" and n == 1 and longest[(di, ident)] > 1
    }
    for name, run in systems.items():
        run(docs[0])  # warm up
        best = float("inf")
        predicted: set[tuple[int, int, str]] = set()
        for _ in range(max(1, args.repeat)):
            began = time.perf_counter()
            outputs = [run(d) for d in docs]
            best = min(best, time.perf_counter() - began)
        predicted = {(di, h, t) for di, d in enumerate(docs) for h, t in heads_of(d, outputs[di])}
        if args.errors:
            _errors(name, docs, gold_all, predicted)
        speeds[name] = words / best
        gold_pairs = {((di, h), t) for di, h, t in gold_all}
        pred_pairs = {((di, h), t) for di, h, t in predicted}
        results[name] = score(gold_pairs, pred_pairs)  # type: ignore[arg-type]
        typed = {(di, h) for di, h, t in predicted if t == "Person"}
        surname[name] = (len(surnames & typed), len(surnames))

    _print(results, speeds, surname, len(docs), words)
    meantime_folder = args.data / "meantime-en"
    if (meantime_folder / "meantime.conll").exists():
        _print_meantime(meantime(meantime_folder, systems_by_text(nlp, pipeline)))
    else:
        print(f"No MEANTIME under {meantime_folder}; that table is left out.", file=sys.stderr)
    return 0


MEANTIME_TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}


Spans = list[tuple[int, int, str]]


def systems_by_text(nlp: Any, pipeline: Any) -> dict[str, Callable[[str], Spans]]:
    """Both systems as functions from an article's text to (start, end, type) spans."""

    def raw(text: str) -> list[tuple[int, int, str]]:
        return [
            (e.start_char, e.end_char, SPACY_TYPES[e.label_])
            for e in nlp(text).ents
            if e.label_ in SPACY_TYPES
        ]

    def dossier(text: str) -> list[tuple[int, int, str]]:
        doc = GoldDoc("meantime", text, None)
        return dossier_spans(pipeline, doc)

    return {"raw en_core_web_sm": raw, "Dossier": dossier}


def meantime(
    folder: Path, systems: dict[str, Callable[[str], Spans]]
) -> dict[str, dict[str, tuple[float, ...]]]:
    """Per-type precision, recall and F1 of each system on MEANTIME's gold name heads."""
    sys.path.insert(0, str(ROOT / "bench"))
    from crossdoc import read_docs, read_gold

    docs = read_docs(folder / "meantime.conll")
    gold_mentions = read_gold(folder / "entities_mentions.json", docs)
    heads: dict[str, list[tuple[int, int, str]]] = {}
    for m in gold_mentions:
        heads.setdefault(m.doc, []).append((m.head_start, m.head_end, MEANTIME_TYPES[m.type]))
    gold = {(d, s, t) for d, items in heads.items() for s, _, t in set(items)}
    results: dict[str, dict[str, tuple[float, ...]]] = {}
    for name, run in systems.items():
        predicted: set[tuple[str, int, str]] = set()
        for key in sorted(docs):
            doc_heads = heads.get(key, [])
            for start, end, etype in run(docs[key].text):
                for h_start, h_end, _ in doc_heads:
                    if start <= h_start and h_end <= end:
                        predicted.add((key, h_start, etype))
        results[name] = score(
            {((d, s), t) for d, s, t in gold},  # type: ignore[misc]
            {((d, s), t) for d, s, t in predicted},  # type: ignore[misc]
        )
    return results


def _print_meantime(results: dict[str, dict[str, tuple[float, ...]]]) -> None:
    names = list(results)
    print()
    print("MEANTIME: 120 articles; gold name heads, matched by head and type")
    print(f"{'':<14}" + "".join(f"{n:>34}" for n in names))
    print(f"{'':<14}" + "".join(f"{'P     R     F1  (tp/pred/gold)':>34}" for _ in names))
    for etype in TYPES:
        row = f"{etype:<14}"
        for n in names:
            p, r, f, tp, np_, ng = results[n][etype]
            row += f"{f'{p:.3f} {r:.3f} {f:.3f} ({tp}/{np_}/{ng})':>34}"
        print(row)
    base, ours = names
    gains = ", ".join(
        f"{etype} {results[ours][etype][2] - results[base][etype][2]:+.3f}" for etype in TYPES
    )
    print(f"Dossier vs raw on MEANTIME: F1 {gains}")


def _errors(
    name: str,
    docs: list[GoldDoc],
    gold: set[tuple[int, int, str]],
    predicted: set[tuple[int, int, str]],
) -> None:
    """Print false positives and misses with a little context, for error analysis."""
    for label, items in (("FP", predicted - gold), ("FN", gold - predicted)):
        for di, h, t in sorted(items):
            d = docs[di]
            tok = d.tokens[h]
            context = d.text[max(0, tok.start - 40) : tok.end + 25].replace("\n", " ")
            print(f"{name}\t{label}\t{t}\t{d.text[tok.start : tok.end]}\t{context}")


def _print(
    results: dict[str, dict[str, tuple[float, ...]]],
    speeds: dict[str, float],
    surname: dict[str, tuple[int, int]],
    n_docs: int,
    words: int,
) -> None:
    names = list(results)
    print(f"GUM news: {n_docs} articles, {words} words; named mentions, matched by head and type")
    header = f"{'':<14}" + "".join(f"{n:>34}" for n in names)
    print(header)
    print(f"{'':<14}" + "".join(f"{'P     R     F1  (tp/pred/gold)':>34}" for _ in names))
    for etype in TYPES:
        row = f"{etype:<14}"
        for n in names:
            p, r, f, tp, np_, ng = results[n][etype]
            row += f"{f'{p:.3f} {r:.3f} {f:.3f} ({tp}/{np_}/{ng})':>34}"
        print(row)
    row = f"{'surname only':<14}"
    for n in names:
        ok, total = surname[n]
        row += f"{f'{ok}/{total} typed Person ({ok / max(total, 1):.1%})':>34}"
    print(row)
    row = f"{'words/second':<14}" + "".join(f"{speeds[n]:>34,.0f}" for n in names)
    print(row)
    base, ours = names
    gains = ", ".join(
        f"{etype} {results[ours][etype][2] - results[base][etype][2]:+.3f}" for etype in TYPES
    )
    print(f"Dossier vs raw: F1 {gains}; speed {speeds[ours] / speeds[base]:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
