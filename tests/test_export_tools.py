"""The exports opened by the tools they are for: followthemoney (`ftm validate`, `ftm
aggregate`), networkx, a GEXF 1.2 structural check, and Datasette serving the database."""

from __future__ import annotations

import asyncio
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from followthemoney import model

from dossier.errors import InputError
from dossier.export import export_to
from dossier.ingest import extract_article, iter_pages
from dossier.records import Analysis, Article, Claim, Entity, Evidence, Mention, Quote, Sentence
from dossier.store import Database
from gexf_check import check_gexf_structure

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"


def _ftm_cli() -> str:
    found = Path(sys.executable).with_name("ftm")
    path = str(found) if found.exists() else shutil.which("ftm")
    if not path:
        pytest.skip("the ftm command of followthemoney is not installed")
    return path


def _build(path: Path, files: list[Path], pipeline: Any, settings: Any) -> None:
    with Database(path) as db:
        for page in iter_pages([str(f) for f in files], settings):
            assert not isinstance(page, InputError), page
            article = extract_article(page, settings)
            db.add_article(article, pipeline.analyse(article))


@pytest.fixture(scope="module")
def two_orders(
    pipeline: Any, settings: Any, tmp_path_factory: pytest.TempPathFactory
) -> list[Path]:
    """The sample corpus stored twice: files in name order, and in reverse."""
    if not SAMPLES.is_dir():
        pytest.skip("samples/corpus is not in this checkout")
    files = sorted(SAMPLES.iterdir())
    folder = tmp_path_factory.mktemp("orders")
    paths = [folder / "forward.db", folder / "backward.db"]
    _build(paths[0], files, pipeline, settings)
    _build(paths[1], files[::-1], pipeline, settings)
    return paths


@pytest.mark.slow
def test_ftm_exports_of_one_corpus_in_two_orders_aggregate_to_the_same_entities(
    two_orders: list[Path], tmp_path: Path
) -> None:
    ftm = _ftm_cli()
    exports = []
    for n, path in enumerate(two_orders):
        with Database(path) as db:
            export_to(db, "ftm", tmp_path / f"{n}.ftm")
        lines = (tmp_path / f"{n}.ftm").read_text(encoding="utf-8").splitlines()
        for line in lines:  # strict: values re-cleaned, then checked against the schema
            data = json.loads(line)
            model.get_proxy(data, cleaned=False).schema.validate(data)
        exports.append({json.loads(line)["id"]: json.loads(line) for line in lines})
        checked = subprocess.run(
            [ftm, "validate", "-i", str(tmp_path / f"{n}.ftm")], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stderr[-2000:]
    assert set(exports[0]) == set(exports[1])
    both = tmp_path / "both.ftm"
    both.write_text(
        (tmp_path / "0.ftm").read_text(encoding="utf-8")
        + (tmp_path / "1.ftm").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    merged = subprocess.run(
        [ftm, "aggregate", "-i", str(both), "-o", str(tmp_path / "merged.ftm")],
        capture_output=True,
        text=True,
    )
    assert merged.returncode == 0, merged.stderr[-2000:]
    aggregated = {
        json.loads(line)["id"]: json.loads(line)
        for line in (tmp_path / "merged.ftm").read_text(encoding="utf-8").splitlines()
    }
    assert set(aggregated) == set(exports[0])
    for entity_id, data in aggregated.items():
        assert data["schema"] == exports[0][entity_id]["schema"] == exports[1][entity_id]["schema"]
        if data["schema"] in {"Person", "Organization", "PublicBody", "Territory"}:
            # one thing in both exports: its name is the same, never a second person's
            assert data["properties"]["name"] == exports[0][entity_id]["properties"]["name"]
    first = exports[0].values()
    names = [n for e in first if e["schema"] == "Mention" for n in e["properties"].get("name", [])]
    assert names and not [n for n in names if n.casefold() in {"he", "his", "she", "her", "him"}]
    for article in (e for e in first if e["schema"] == "Article"):
        assert "/" not in "".join(article["properties"].get("fileName", []))
        assert len(article["properties"]["contentHash"][0]) == 40
    events = [e for e in first if e["schema"] == "Event"]
    unrealised = [e for e in events if "status: stated as fact" not in str(e["properties"])]
    assert unrealised, "the sample corpus has planned, hedged and reported events"
    for event in unrealised:
        assert event["properties"]["description"][0].startswith("status: ")
        assert event["properties"]["name"][0].split()[0] in {
            "planned",
            "hedged",
            "reported",
            "denied",
        }


@pytest.mark.slow
def test_graph_exports_of_the_sample_corpus_open_in_networkx_and_pass_the_gexf_check(
    two_orders: list[Path],
) -> None:
    with Database(two_orders[0]) as db:
        out = io.StringIO()
        export_to(db, "graphml", out)
        graphml = nx.read_graphml(io.StringIO(out.getvalue()))
        out = io.StringIO()
        export_to(db, "gexf", out)
    check_gexf_structure(out.getvalue())
    pairs = [(u, v, d.get("label"), d["kind"]) for u, v, d in graphml.edges(data=True)]
    offices = [p for p in pairs if p[3] == "office"]
    assert offices and len(offices) == len(set(offices))  # each office once
    assert not [p for p in pairs if p[3] == "position" and (p[0], p[1], p[2], "office") in offices]
    assert any(p[3] == "quote" for p in pairs)


TEXT = "Ada Quill met Oren Falk in Port Tamsin.\n\nQuill said the talks were useful."


def small_database(path: Path) -> None:
    quill = Entity(1, "Person", "Ada Quill", [], [Mention(0, 9, "Ada Quill")])
    quill.mentions.append(Mention(41, 46, "Quill", form="surname"))
    falk = Entity(2, "Person", "Oren Falk", [], [Mention(14, 23, "Oren Falk")])
    with Database(path) as db:
        db.add_article(
            Article(source="talks.txt", text=TEXT, title="Quill and Falk meet"),
            Analysis(
                sentences=[Sentence(0, 39, 0), Sentence(41, 74, 1)],
                entities=[quill, falk],
                quotes=[Quote(1, "the talks were useful", "indirect", 52, 73, cue="said")],
                claims=[Claim("meeting", 1, Evidence(0, 39, TEXT[0:39]), object=2)],
            ),
        )


def test_datasette_serves_the_database_with_labels_and_a_search_box(tmp_path: Path) -> None:
    from datasette.app import Datasette

    path = tmp_path / "talks.db"
    small_database(path)
    with Database(path) as db:
        export_to(db, "datasette", tmp_path / "metadata.json")
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert "talks" in metadata["databases"]

    async def visit() -> None:
        datasette = Datasette([str(path)], metadata=metadata)
        page = await datasette.client.get("/talks/search_items")
        assert page.status_code == 200
        assert 'name="_search"' in page.text  # the table has a search box
        assert "What full-text search finds" in page.text  # its description from metadata
        found = await datasette.client.get("/talks/search_items.json?_search=useful&_shape=array")
        assert found.status_code == 200
        rows = found.json()
        assert {(r["kind"], r["sentence_idx"], r["quote_id"] is not None) for r in rows} == {
            ("sentence", 1, False),
            ("quote", None, True),
        }
        sentences = await datasette.client.get("/talks/sentences.json?_shape=array")
        assert [r["text"] for r in sentences.json()] == [TEXT[0:39], TEXT[41:74]]
        claims = await datasette.client.get("/talks/claims")
        assert "The sentence that states the claim" in claims.text  # column description
        tables = await datasette.client.get("/talks.json")
        shown = {t["name"] for t in tables.json()["tables"] if not t["hidden"]}
        assert "search_items" in shown and "search_fts" not in shown

    asyncio.run(visit())
