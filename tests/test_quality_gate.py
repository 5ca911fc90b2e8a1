"""The quality gate: the sample corpus through the real `api.add`, scored against the gold.

Floors live in `tests/quality_floors.json` ("min" per metric, "max" for counts that must stay
low); the scorer is `tests/quality.py`. The fast tests check the gold itself against the corpus
and the scorer on a hand-built export.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dossier import api
from dossier.export.contract import build_export
from dossier.ingest import extract_article, iter_pages
from dossier.settings import Settings
from dossier.store import Database
from quality import GOLD_PATH, format_table, load_gold, normalise, score

CORPUS = Path(__file__).resolve().parent.parent / "samples" / "corpus"
FLOORS = Path(__file__).resolve().parent / "quality_floors.json"


def _corpus_articles() -> dict[str, str]:
    settings = Settings()
    articles = {}
    for page in iter_pages([str(CORPUS)], settings):
        assert not isinstance(page, Exception), page
        article = extract_article(page, settings)
        articles[article.title or article.source] = article.text
    return articles


def _named(gold_doc: dict[str, Any]) -> set[str]:
    return {e["name"] for e in gold_doc["entities"]}


def test_gold_documents_are_the_corpus_articles() -> None:
    gold = load_gold()
    assert set(gold["documents"]) == set(_corpus_articles())


def test_gold_quotes_and_names_are_in_their_articles() -> None:
    gold = load_gold()
    articles = _corpus_articles()
    for title, gold_doc in gold["documents"].items():
        text = normalise(articles[title].replace("\n", " "))
        for quote in gold_doc["quotes"]:
            for part in quote["parts"]:
                assert normalise(part) in text, (title, part)
        for entity in gold_doc["entities"]:
            spellings = [entity["name"], *entity.get("aliases", [])]
            if not entity.get("optional"):
                assert any(normalise(n) in text for n in spellings), (title, entity["name"])
        names = _named(gold_doc)
        for role in gold_doc["roles"]:
            assert role["person"] in names, (title, role)
        for quote in gold_doc["quotes"]:
            for who in [quote["speaker"], *quote["via"]]:
                assert who is None or who in names, (title, who)


def test_gold_keep_apart_people_are_gold_people() -> None:
    gold = load_gold()
    people = {e["name"] for d in gold["documents"].values() for e in d["entities"]}
    apart = [n for group in gold["keep_apart"] for n in group]
    # Lena Brandt is named only in a photo credit, which is debris; she must not surface.
    assert set(apart) - people == {"Lena Brandt"}


def _tiny_export() -> dict[str, Any]:
    text = 'Mayor Ada Vorn met Ben Vorn. "We agreed," Vorn said, per the Kell Herald.'
    doc = {
        "id": "d1",
        "title": "T",
        "text": text,
        "published": "2030-01-02",
        "published_from": "html",
        "published_not_after": None,
    }

    def at(word: str, nth: int = 0) -> dict[str, Any]:
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        return {"document": "d1", "start": start, "end": start + len(word)}

    ada = {
        "id": 1,
        "type": "Person",
        "name": "Ada Vorn",
        "aliases": [],
        # The merge under test: Ben Vorn's mention was given to Ada's entity.
        "mentions": [at("Ada Vorn"), at("Ben Vorn"), at("Vorn", 2)],
        "roles": [{"title": "Mayor", "document": "d1", "current": True, "date": None}],
    }
    herald = {
        "id": 2,
        "type": "Person",
        "name": "Kell Herald",
        "aliases": [],
        "mentions": [at("Kell Herald")],
        "roles": [],
    }
    quote = {
        "text": "We agreed,",
        "kind": "direct",
        "speaker": 1,
        "via": [1, 2],
        "document": "d1",
    }
    return {"documents": [doc], "entities": [ada, herald], "quotes": [quote], "claims": []}


def _tiny_gold() -> dict[str, Any]:
    return {
        "documents": {
            "T": {
                "published": "2030-01-02",
                "published_from": "html",
                "entities": [
                    {"name": "Ada Vorn", "type": "Person"},
                    {"name": "Ben Vorn", "type": "Person"},
                    {"name": "Kell Herald", "type": "Organization"},
                ],
                "roles": [{"person": "Ada Vorn", "title": "Mayor", "current": True}],
                "quotes": [
                    {
                        "parts": ["We agreed"],
                        "kind": "direct",
                        "speaker": "Ada Vorn",
                        "via": ["Kell Herald"],
                    }
                ],
                "claims": [
                    {
                        "kind": "meeting",
                        "subject": "Ada Vorn",
                        "object": "Ben Vorn",
                        "status": "asserted",
                    }
                ],
                "opinions": [],
            }
        },
        "same_person": [],
        "keep_apart": [["Ada Vorn", "Ben Vorn"]],
    }


def test_scorer_counts_types_merges_and_channels() -> None:
    report = score(_tiny_export(), _tiny_gold())
    metrics = report.metrics()
    entities = report.counts["entities"]
    # Ada found; Ben's only entity is Ada's (taken); the Herald is typed Person.
    assert (entities.tp, entities.fp, entities.fn) == (1, 1, 2)
    assert metrics["roles.f1"] == 1.0
    assert metrics["quotes.f1"] == 1.0
    # `via` starts with the speaker; the channel after it is the Herald, as the gold says.
    assert metrics["quotes.speaker_accuracy"] == 1.0
    assert metrics["quotes.via_accuracy"] == 1.0
    # No claim predicted while one was expected: nothing to be precise about, so 0, not 1.
    assert metrics["claims.recall"] == 0.0
    assert metrics["claims.precision"] == 0.0
    assert metrics["crossdoc.wrong_merges"] == 1.0
    assert report.wrong_merges == ["ada vorn = ben vorn"]
    assert metrics["dates.published_accuracy"] == 1.0


def test_gold_file_is_valid_json_with_floors_for_every_area() -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert GOLD_PATH.exists()
    areas = {name.split(".")[0] for name in floors["min"]}
    assert {"entities", "roles", "quotes", "claims", "opinions", "dates", "crossdoc"} <= areas
    assert floors["max"]["crossdoc.wrong_merges"] >= 0
    assert all(0.0 <= value <= 1.0 for value in floors["min"].values())


@pytest.mark.slow
def test_sample_corpus_meets_the_quality_floors(tmp_path: Path) -> None:
    db_path = tmp_path / "samples.db"
    added = api.add([str(CORPUS)], db_path)
    assert added.ok, added.failed
    with Database(db_path, create=False) as db:
        export = build_export(db)
    report = score(export, load_gold())
    metrics = report.metrics()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    low = [
        f"{name} = {metrics.get(name, 0.0):.3f} < floor {floor}"
        for name, floor in floors["min"].items()
        if metrics.get(name, 0.0) < floor
    ]
    high = [
        f"{name} = {metrics.get(name, 0.0):.0f} > allowed {ceiling}"
        for name, ceiling in floors["max"].items()
        if metrics.get(name, 0.0) > ceiling
    ]
    assert not low and not high, "\n".join(
        [*low, *high, "", format_table(report, floors["min"]), "", *report.mistakes]
    )
