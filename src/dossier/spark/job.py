"""`dossier spark`: analyse pages on an Apache Spark cluster (or `local[N]`) into Parquet.

Reads every file under the inputs (any path Spark reads: local, hdfs://, s3a://; folders
recursively) as bytes, spreads them over partitions, and analyses each partition with
`dossier.spark.partition.analyse_files` (the model loaded once per Python worker). Writes one
Parquet folder per table of `dossier.spark.tables.TABLES` under `--out`, plus `bad_inputs`
(source and reason of every input that is not a news page). `dossier load` stores the result
in a database, resolving entities across documents there.

Runnable by spark-submit (this file, with absolute imports):

    spark-submit --master yarn .../dossier/spark/job.py s3a://bucket/crawl/ --out s3a://bucket/out
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from functools import partial
from typing import Any

from dossier.errors import DossierError
from dossier.settings import Settings
from dossier.spark.partition import analyse_files
from dossier.spark.tables import TABLES


def _schema(columns: list[tuple[str, str]]) -> Any:
    from pyspark.sql import types as T

    kinds = {
        "string": T.StringType(),
        "long": T.LongType(),
        "double": T.DoubleType(),
        "strings": T.ArrayType(T.StringType()),
        "longs": T.ArrayType(T.LongType()),
    }
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in columns])


def session(master: str | None = None, app_name: str = "dossier") -> Any:
    """The active Spark session, started on `master` if none is running."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise DossierError(
            "dossier spark needs PySpark: install newsdossier[spark] (and Java 17)."
        ) from exc
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            # Local workers run this interpreter, so they find the model and Dossier.
            builder = builder.config("spark.pyspark.python", sys.executable)
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run_job(
    inputs: Sequence[str],
    out: str,
    settings: Settings | None = None,
    master: str | None = None,
    partitions: int | None = None,
) -> dict[str, int]:
    """Analyse every file under `inputs` into Parquet tables under `out`; returns row counts."""
    from pyspark import StorageLevel
    from pyspark.errors import AnalysisException

    settings = settings or Settings()
    spark = session(master)
    try:
        files = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .load(list(inputs))
            .select("path", "content")
        )
    except AnalysisException as exc:
        raise DossierError(f"Spark cannot read the inputs: {str(exc).splitlines()[0]}") from exc
    count = partitions or max(1, spark.sparkContext.defaultParallelism * 2)
    analysed = (
        files.repartition(count)
        .rdd.map(lambda row: (row.path, row.content))
        .mapPartitions(partial(analyse_files, settings=settings))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        for table, columns in TABLES.items():
            rows = analysed.filter(lambda entry, t=table: entry[0] == t).map(lambda e: e[1])
            frame = spark.createDataFrame(rows, _schema(columns))
            if table == "documents":
                # Range-partitioned in storing order, so `load` can stream the files in order.
                frame = frame.orderBy("order_key", "input_index")
            try:
                frame.write.parquet(f"{out.rstrip('/')}/{table}")
            except AnalysisException as exc:
                raise DossierError(
                    f"{out}: cannot write there ({str(exc).splitlines()[0]}); "
                    "choose a new --out folder."
                ) from exc
        counts = dict(analysed.map(lambda entry: entry[0]).countByValue())
    finally:
        analysed.unpersist()
    return {table: int(counts.get(table, 0)) for table in TABLES}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for spark-submit and `python -m dossier.spark.job`."""
    parser = argparse.ArgumentParser(prog="dossier-spark", description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", help="files or folders Spark can read")
    parser.add_argument("--out", required=True, help="folder for the Parquet tables (new)")
    parser.add_argument("--master", default=None, help="Spark master (spark-submit sets it)")
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--published", default=None, help="publication date for every page")
    args = parser.parse_args(argv)
    try:
        counts = run_job(
            args.inputs, args.out, Settings(published=args.published), args.master, args.partitions
        )
    except DossierError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{counts['documents']} documents, {counts['bad_inputs']} bad inputs → {args.out}")
    return 1 if counts["bad_inputs"] else 0


if __name__ == "__main__":
    sys.exit(main())
