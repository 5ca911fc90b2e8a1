"""The SQLite store: schema, migrations and atomic writes."""

from .db import Database, body_sha256, document_id

__all__ = ["Database", "body_sha256", "document_id"]
