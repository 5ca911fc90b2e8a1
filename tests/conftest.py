"""Shared fixtures: an in-memory database, a temp database path, and the loaded pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine

from dossier.settings import Settings
from dossier.store import Database

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT / "samples"
SHARED_DATA = ROOT.parent / "shared" / "data"


#: Instants the tests marked `clock` run at, besides the real one: a leap day, the last minute
#: of a year, a day that is not the 1st, and a date years past every fixture. No result may
#: depend on which day Dossier runs.
CLOCKS = (
    "2024-02-29T12:00:00+00:00",
    "2026-12-07T22:00:00+00:00",
    "2027-12-31T23:59:00+00:00",
    "2031-07-15T08:30:00+00:00",
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test marked `clock` once per instant in `CLOCKS`, with the clock frozen there."""
    if metafunc.definition.get_closest_marker("clock"):
        metafunc.fixturenames.append("frozen_clock")
        metafunc.parametrize("frozen_clock", CLOCKS, indirect=True)


@pytest.fixture
def frozen_clock(request: pytest.FixtureRequest) -> Iterator[str]:
    """The system clock (datetime, time, date.today) stopped at `request.param`."""
    with time_machine.travel(request.param, tick=False):
        yield request.param


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
