"""Shared fixtures: an in-memory database, a temp database path, and the loaded pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.settings import Settings
from dossier.store import Database

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT / "samples"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def fresh_db() -> Iterator[Database]:
    db = Database(":memory:")
    yield db
    db.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def pipeline(settings: Settings):  # type: ignore[no-untyped-def]
    """The real pipeline with the real model, loaded once per test session."""
    from dossier.nlp.pipeline import Pipeline

    return Pipeline(settings)


@pytest.fixture(scope="session")
def nlp(pipeline):  # type: ignore[no-untyped-def]
    return pipeline.nlp


@pytest.fixture(scope="session")
def analyse(pipeline):  # type: ignore[no-untyped-def]
    """`analyse(text, **article_fields)` runs the whole pipeline; returns the DocumentState."""
    from dossier.records import Article

    def run(text: str, **article_fields):  # type: ignore[no-untyped-def]
        article = Article(source="test", text=text, **article_fields)
        return pipeline.run(article, pipeline.parse(article))

    return run


@pytest.fixture(scope="session")
def run_quotes():  # type: ignore[no-untyped-def]
    """`run_quotes(text)`: the pipeline up to and including "quotes" (later components do
    not change quotes); returns the DocumentState."""
    from dossier.nlp.pipeline import Pipeline
    from dossier.records import Article
    from dossier.settings import DEFAULT_PIPELINE

    names = DEFAULT_PIPELINE[: DEFAULT_PIPELINE.index("quotes") + 1]
    pipeline = Pipeline(Settings(pipeline=names))

    def run(text: str):  # type: ignore[no-untyped-def]
        article = Article(source="test", text=text)
        return pipeline.run(article, pipeline.parse(article))

    return run
