"""Every web page answers on the sample corpus, and every evidence line is its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dossier.errors import InputError
from dossier.ingest import extract_article, iter_pages
from dossier.store import Database
from dossier.web import create_app

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def samples_db(pipeline, settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SAMPLES.is_dir():
        pytest.skip("samples/corpus is not in this checkout")
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    with Database(path) as db:
        for page in iter_pages([str(SAMPLES)], settings):
            assert not isinstance(page, InputError), page
            article = extract_article(page, settings)
            db.add_article(article, pipeline.analyse(article))
    return path


def test_every_entity_and_document_page_answers(samples_db: Path) -> None:
    with TestClient(create_app(samples_db)) as client:
        index = client.get("/index.json").json()
        assert index["counts"]["documents"] >= 4
        entity_ids = [e["id"] for e in index["top_entities"]]
        for entity_id in entity_ids:
            for suffix in ("", ".json", "/graph", "/timeline"):
                response = client.get(f"/entity/{entity_id}{suffix}")
                assert response.status_code == 200, (entity_id, suffix)
        for doc in index["recent_documents"]:
            assert client.get(f"/document/{doc['id']}").status_code == 200


def test_evidence_lines_are_the_sentences_they_link_to(samples_db: Path) -> None:
    with TestClient(create_app(samples_db)) as client:
        people = [
            e for e in client.get("/index.json").json()["top_entities"] if e["type"] == "Person"
        ]
        assert people
        documents: dict[str, dict] = {}
        checked = 0
        for person in people[:5]:
            dossier = client.get(f"/entity/{person['id']}.json").json()
            lines = [(c["evidence"]["link"], c["evidence"]["text"]) for c in dossier["claims"]]
            lines += [
                (d["first_mention"]["link"], d["first_mention"]["text"])
                for d in dossier["documents"]
                if d["first_mention"]
            ]
            for link, text in lines:
                path, _, anchor = link.partition("#")
                if path not in documents:
                    documents[path] = client.get(path + ".json").json()
                doc = documents[path]
                sentence = next(
                    s for p in doc["paragraphs"] for s in p["sentences"] if f"s{s['idx']}" == anchor
                )
                stated = doc["text"][sentence["start"] : sentence["end"]]
                # the evidence is the linked sentence (or lies within it)
                assert text.strip() in stated or stated.strip() in text, (link, text)
                checked += 1
        assert checked > 0
