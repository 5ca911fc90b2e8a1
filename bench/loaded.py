"""Loaded-language detection on BABE (measure only): Dossier's lexicons against expert labels.

    python bench/loaded.py [--data ../shared/data] [--half held|tune|all] [--before DIR]

BABE (../shared/data/babe, AGPL-3.0: read here, nothing derived ships) holds 3,674 US news
sentences labelled biased or not by trained annotators, with the words they saw as loaded.
Each sentence is parsed as the pipeline parses it and Dossier's `find_loaded` runs on it, in
one run: the strong verdicts alone (`subjectivity.txt`, the words that make opinion claims);
`--before DIR`, an older `loaded_words.txt` and `subjectivity.txt` (say, main's, saved there
with `git show`) with the rules main had (lexicon words and scare quotes); and today's
`loaded_lexicon()` with today's rules (word forms, hyphenated compounds, scare quotes), its
words counted twice: every span, and only the spans in the writer's own voice
(`in_writer_voice`: not inside quotation marks, not a word that a named speaker says or
calls someone), as the annotators marked the writer's words.

BABE is split once, with a fixed seed (`SEED`), into a tuning half and a held-out half: the
tuning half is the only one looked at while writing rules; the held-out half (the default)
gives the figures. The lexicons themselves are written by hand, never from BABE.

Sentence level: a sentence is predicted loaded when any span is found in it, whoever holds
it (so both of today's columns share their sentence figures); precision, recall and F1
against `label_bias == Biased` ("No agreement" rows left out). Word level:
recall is the share of the annotators' loaded words that Dossier marks in their sentence;
precision is the share of the words Dossier marks that the annotators listed for that
sentence (over all sentences, and over the biased ones alone). A word is a whitespace word
("left-wing" is one word, as the annotators list it), whatever spaCy's tokens are.
"""

from __future__ import annotations

import argparse
import ast
import csv
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from spacy.tokens import Doc

from dossier.extract.opinion.extractor import find_loaded, in_writer_voice, scare_quoted
from dossier.extract.opinion.lexicon import loaded_lexicon, subjectivity_lexicon
from dossier.nlp.model import load_model
from dossier.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
BABE = "babe/final_labels_SG2.csv"
#: The seed of the one split of BABE into a tuning half and a held-out half.
SEED = 14
VERDICTS = ROOT / "src" / "dossier" / "lexicons" / "subjectivity.txt"


@dataclass
class Row:
    text: str
    biased: bool
    words: set[str]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, gold: bool) -> None:
        self.tp += predicted and gold
        self.fp += predicted and not gold
        self.fn += gold and not predicted

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _word_key(word: str) -> str:
    return re.sub(r"[^\w'-]", "", word.lower())


def read_babe(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for r in csv.DictReader(handle, delimiter=";"):
            if r["label_bias"] not in {"Biased", "Non-biased"}:
                continue
            words = {_word_key(w) for w in ast.literal_eval(r["biased_words"] or "[]")}
            rows.append(Row(r["text"], r["label_bias"] == "Biased", words - {""}))
    return rows


def _read_lexicon(path: Path) -> dict[str, str]:
    """A lexicon file as `lexicon.py` reads one: phrase, a tab, its class; # comments."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        phrase, _, label = line.split("#", 1)[0].strip().partition("\t")
        if phrase.strip():
            out[phrase.strip().lower()] = label.strip() or "loaded"
    return out


def split(rows: list[Row], half: str) -> list[Row]:
    """The tuning half, the held-out half (same seeded shuffle every run) or every row."""
    if half == "all":
        return rows
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    cut = len(rows) // 2
    chosen = order[:cut] if half == "tune" else order[cut:]
    return [rows[i] for i in sorted(chosen)]


Finder = Callable[[Doc], list[tuple[int, int, str]]]


def finder(lexicon: dict[str, str], how: str) -> Finder:
    """How a column marks words: `lexicon` alone, `main` (lexicon and scare quotes, as main's
    rules did) or `today` (today's rules)."""

    def run(doc: Doc) -> list[tuple[int, int, str]]:
        sentence = SimpleNamespace(span=doc[:])
        if how == "lexicon":
            return find_loaded(sentence, lexicon)  # type: ignore[arg-type]
        if how == "main":
            hits = find_loaded(sentence, lexicon)  # type: ignore[arg-type]
            taken = {n for a, b, _ in hits for n in range(a, b)}
            quoted = scare_quoted(sentence)  # type: ignore[arg-type]
            return sorted(hits + [h for h in quoted if not taken & set(range(h[0], h[1]))])
        return find_loaded(sentence, lexicon, rules=True)  # type: ignore[arg-type]

    return run


def measure(
    rows: list[Row], docs: list[Doc], find: Finder, *, writer: bool = False
) -> dict[str, float]:
    """Sentence and word figures of one column. A sentence is loaded when any span is found
    in it, whoever holds it; with `writer`, the words counted are only those in the writer's
    own voice (`in_writer_voice`), as the annotators marked the writer's words."""
    sentence = Counts()
    gold_words = found_words = marked = marked_right = marked_biased = right_biased = 0
    for row, doc in zip(rows, docs, strict=True):
        hits = find(doc)
        sentence.add(bool(hits), row.biased)
        if writer:
            hits = [h for h in hits if in_writer_voice(doc[:], h[0], h[1])]
        words = {_word_key(w) for a, b, _ in hits for w in doc[a:b].text.split()} - {""}
        gold_words += len(row.words)
        found_words += len(row.words & words)
        marked += len(words)
        marked_right += len(words & row.words)
        if row.biased:
            marked_biased += len(words)
            right_biased += len(words & row.words)
    p, r, f = sentence.prf()
    return {
        "sentence P": p,
        "sentence R": r,
        "sentence F1": f,
        "word R": found_words / gold_words if gold_words else 0.0,
        "word P": marked_right / marked if marked else 0.0,
        "word P (biased sentences)": right_biased / marked_biased if marked_biased else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--before", type=Path,
        help="a folder with older loaded_words.txt and subjectivity.txt (say, main's)",
    )  # fmt: skip
    parser.add_argument(
        "--half", choices=["held", "tune", "all"], default="held",
        help="the held-out half (default), the tuning half, or all of BABE",
    )  # fmt: skip
    args = parser.parse_args(argv)
    path = args.data / BABE
    if not path.exists():
        print(f"{path}: no BABE data; nothing to measure", file=sys.stderr)
        return 1
    rows = split(read_babe(path), args.half)
    nlp = load_model(Settings().model)
    docs = list(nlp.pipe((r.text for r in rows), disable=["ner"]))
    columns: dict[str, tuple[Finder, bool]] = {
        "verdicts: subjectivity.txt": (finder(subjectivity_lexicon(), "lexicon"), False)
    }
    if args.before is not None:
        old_verdicts = args.before / "subjectivity.txt"
        old = {
            **_read_lexicon(args.before / "loaded_words.txt"),
            **_read_lexicon(old_verdicts if old_verdicts.exists() else VERDICTS),
        }
        columns[f"before: {args.before.name}"] = (finder(old, "main"), False)
    columns["today: every voice"] = (finder(loaded_lexicon(), "today"), False)
    columns["today: writer's words"] = (finder(loaded_lexicon(), "today"), True)
    biased = sum(r.biased for r in rows)
    print(f"BABE SG2, {args.half} half (seed {SEED}): {len(rows)} sentences ({biased} biased), "
          f"{sum(len(r.words) for r in rows)} annotated loaded words")  # fmt: skip
    results = {
        name: measure(rows, docs, find, writer=writer) for name, (find, writer) in columns.items()
    }
    metrics = list(next(iter(results.values())))
    print(f"{'metric':28}" + "".join(f"{name[:27]:>28}" for name in results))
    for metric in metrics:
        print(f"{metric:28}" + "".join(f"{results[n][metric]:>28.3f}" for n in results))
    always = Counts(tp=biased, fp=len(rows) - biased)
    print(f"(every sentence called loaded: sentence F1 {always.prf()[2]:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
