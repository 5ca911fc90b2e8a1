"""`dossier load`: store the Parquet tables of `dossier spark` in a database.

Reads `documents` (with pyarrow, one file at a time, in storing order) and rebuilds each
document's `Article` and `Analysis` from their JSON columns, then stores them one transaction
each through `Database.add_article` — the same code as `dossier add`, so entities are resolved
across documents exactly as there. The job's `bad_inputs` are reported as failed inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import DossierError, NotFound
from ..records import Analysis, Article
from ..store import Database
from .tables import analysis_from_json, article_from_json


def _parquet_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.parquet") if not p.name.startswith((".", "_")))


def _in_order(folder: Path) -> Iterator[tuple[str, str]]:
    """(article JSON, analysis JSON) of every document, in storing order."""
    import pyarrow.parquet as pq

    files = _parquet_files(folder)
    keys = [pq.read_table(f, columns=["order_key", "input_index"]).to_pylist() for f in files]
    flat = [(k["order_key"], k["input_index"]) for part in keys for k in part]
    if flat == sorted(flat):  # as the job writes them: stream file by file
        for file in files:
            for batch in pq.ParquetFile(file).iter_batches(columns=["article", "analysis"]):
                for row in batch.to_pylist():
                    yield row["article"], row["analysis"]
        return
    table = pq.read_table(folder, columns=["order_key", "input_index", "article", "analysis"])
    table = table.sort_by([("order_key", "ascending"), ("input_index", "ascending")])
    for row in table.to_pylist():
        yield row["article"], row["analysis"]


def bad_inputs(out: Path) -> list[tuple[str, str]]:
    """(source, reason) of every input the job could not read."""
    import pyarrow.parquet as pq

    folder = out / "bad_inputs"
    if not _parquet_files(folder):
        return []
    rows = pq.read_table(folder).to_pylist()
    return sorted((str(r["source"]), str(r["reason"])) for r in rows)


def load_records(out: str | Path) -> Iterator[tuple[Article, Analysis]]:
    """Every analysed document of a `dossier spark` output folder, in storing order."""
    folder = Path(out) / "documents"
    if not folder.is_dir() or not _parquet_files(folder):
        raise NotFound(f"{out}: no documents table here; give the --out folder of `dossier spark`.")
    try:
        for article, analysis in _in_order(folder):
            yield article_from_json(article), analysis_from_json(analysis)
    except (KeyError, TypeError, ValueError) as exc:
        raise DossierError(
            f"{out}: the documents table is not one `dossier spark` wrote ({exc})."
        ) from exc


def store_records(
    out: str | Path, db: Database, stored: Callable[[Article, Analysis, bool], None]
) -> None:
    """Store every document of `out` in `db`, telling `stored` each (True: newly stored)."""
    for article, analysis in load_records(out):
        _, new = db.add_article(article, analysis)
        stored(article, analysis, new)
