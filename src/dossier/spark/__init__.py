"""Dossier on Apache Spark: `dossier spark` analyses pages into Parquet, `dossier load` stores
them. Needs the `spark` extra (PySpark, pyarrow) and Java 17; nothing else imports this."""
