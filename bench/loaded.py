"""Loaded-language detection on BABE (measure only): Dossier's lexicons against expert labels.

    python bench/loaded.py [--data ../shared/data]

BABE (../shared/data/babe, AGPL-3.0: read here, nothing derived ships) holds 3,674 US news
sentences labelled biased or not by trained annotators, with the words they saw as loaded.
Dossier's `find_loaded` runs on each sentence (tokenised as the pipeline tokenises), twice in
one run: with yesterday's lexicon (`subjectivity.txt`, the strong verdicts that make opinion
claims) and with today's (`loaded_lexicon()`: those plus `loaded_words.txt`).

Sentence level: a sentence is predicted loaded when any word of the lexicon is in it;
precision, recall and F1 against `label_bias == Biased` ("No agreement" rows left out).
Word level: recall is the share of the annotators' loaded words that Dossier marks in their
sentence; precision is the share of the words Dossier marks that the annotators listed for
that sentence (over all sentences, and over the biased ones alone).
"""

from __future__ import annotations

import argparse
import ast
import csv
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from spacy.tokens import Doc

from dossier.extract.opinion.extractor import find_loaded
from dossier.extract.opinion.lexicon import loaded_lexicon, subjectivity_lexicon
from dossier.nlp.model import load_model
from dossier.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
BABE = "babe/final_labels_SG2.csv"


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


def measure(rows: list[Row], docs: list[Doc], lexicon: dict[str, str]) -> dict[str, float]:
    sentence = Counts()
    gold_words = found_words = marked = marked_right = marked_biased = right_biased = 0
    for row, doc in zip(rows, docs, strict=True):
        hits = find_loaded(SimpleNamespace(span=doc[:]), lexicon)  # type: ignore[arg-type]
        tokens = {_word_key(t.text) for a, b, _ in hits for t in doc[a:b]} - {""}
        sentence.add(bool(hits), row.biased)
        gold_words += len(row.words)
        found_words += len(row.words & tokens)
        marked += len(tokens)
        marked_right += len(tokens & row.words)
        if row.biased:
            marked_biased += len(tokens)
            right_biased += len(tokens & row.words)
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
    args = parser.parse_args(argv)
    path = args.data / BABE
    if not path.exists():
        print(f"{path}: no BABE data; nothing to measure", file=sys.stderr)
        return 1
    rows = read_babe(path)
    nlp = load_model(Settings().model)
    docs = list(nlp.pipe((r.text for r in rows), disable=list(nlp.pipe_names)))
    lexicons: dict[str, Callable[[], dict[str, str]]] = {
        "before: subjectivity.txt": subjectivity_lexicon,
        "today: + loaded_words.txt": loaded_lexicon,
    }
    biased = sum(r.biased for r in rows)
    print(f"BABE SG2: {len(rows)} sentences ({biased} biased), {sum(len(r.words) for r in rows)}"
          " annotated loaded words")  # fmt: skip
    results = {name: measure(rows, docs, get()) for name, get in lexicons.items()}
    metrics = list(next(iter(results.values())))
    print(f"{'metric':28}" + "".join(f"{name:>28}" for name in results))
    for metric in metrics:
        print(f"{metric:28}" + "".join(f"{results[n][metric]:>28.3f}" for n in results))
    always = Counts(tp=biased, fp=len(rows) - biased)
    print(f"(every sentence called loaded: sentence F1 {always.prf()[2]:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
