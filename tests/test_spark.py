"""`dossier spark` on real PySpark (local mode) and `dossier load`: the same database as `add`."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES
from dbcompare import differences
from dossier import api
from dossier.errors import NotFound
from dossier.settings import Settings
from dossier.spark.tables import analysis_from_json, article_from_json, order_key, to_json

CORPUS = SAMPLES / "corpus"

needs_spark = pytest.mark.skipif(
    shutil.which("java") is None or importlib.util.find_spec("pyspark") is None,
    reason="Spark needs Java 17 on PATH and PySpark (pip install newsdossier[spark])",
)


@pytest.mark.slow
@needs_spark
def test_spark_then_load_stores_what_add_stores(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(CORPUS, inputs)
    (inputs / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    out = tmp_path / "parquet"
    counts = api.spark([str(inputs)], str(out), master="local[2]", partitions=3)
    assert counts["documents"] == 7 and counts["bad_inputs"] == 1
    import pyarrow.parquet as pq

    quotes = pq.read_table(out / "quotes").to_pylist()
    assert quotes and {"document_id", "speaker_key", "text", "start", "end"} <= set(quotes[0])
    bad = pq.read_table(out / "bad_inputs").to_pylist()
    assert bad == [{"source": str(inputs / "photo.html"), "reason": "a PNG image, not a news page"}]

    loaded = tmp_path / "loaded.db"
    report = api.load(out, loaded)
    assert len(report.added) == 7
    assert report.failed == [f"{inputs / 'photo.html'}: a PNG image, not a news page"]
    added = tmp_path / "added.db"
    api.add([str(inputs)], added, workers=1)
    assert differences(added, loaded) == []
    again = api.load(out, loaded)
    assert again.added == [] and len(again.already_stored) == 7


@pytest.mark.slow
def test_records_survive_json(settings: Settings) -> None:
    from dossier.records import Analysis, Page

    source = CORPUS / "estmark-observer-kovacs-wins-runoff.txt"
    article, analysis = api.analyse_page(Page(str(source), source.read_bytes(), "text"), settings)
    assert isinstance(analysis, Analysis)
    assert analysis.entities and analysis.claims and analysis.quotes
    assert article_from_json(to_json(article)) == article
    assert analysis_from_json(to_json(analysis)) == analysis


def test_load_of_a_folder_without_tables(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no documents table"):
        api.load(tmp_path, tmp_path / "d.db")


def test_order_key_sorts_like_a_folder_walk() -> None:
    paths = ["a/b/z.html", "a/b-c.html", "a/b/a.html"]
    assert sorted(paths, key=order_key) == ["a/b/a.html", "a/b/z.html", "a/b-c.html"]
    assert sorted(paths, key=lambda p: Path(p).parts) == sorted(paths, key=order_key)
