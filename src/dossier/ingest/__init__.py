"""Ingest: files, folders, stdin, gzip and WARC in; clean, dated `Article`s out.

iter_pages(paths, settings)    → Page | InputError, one per input (per record for WARC)
extract_article(page, settings) → Article, or raises an InputError subclass
"""

from __future__ import annotations

from dossier.ingest.article import extract_article
from dossier.ingest.sources import iter_pages

__all__ = ["extract_article", "iter_pages"]
