"""Fictional articles and a builder for the web tests: the real pipeline, the real store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dossier.records import Article
from dossier.store import Database

#: Short articles about invented people in the invented republic of Vostria.
ARTICLES: list[dict[str, Any]] = [
    {
        "source": "fixture/talks.txt",
        "title": "Vostrian minister meets northern governor over port dispute",
        "site": "Harbour Ledger",
        "published": "2024-03-12",
        "published_from": "html",
        "url": "https://ledger.example/vostria-port",
        "text": (
            "Foreign Minister Talia Brenvik met Governor Osric Malden in Kerrow on Monday "
            "to discuss the disputed northern port.\n\n"
            '"We will not give up the harbour," Brenvik told reporters after the meeting.\n\n'
            "Malden said the province supports a shared customs office. According to the "
            "Harbour Ledger, the two officials agreed to meet again in April.\n\n"
            "Brenvik, 52, has served as foreign minister of Vostria since 2021."
        ),
    },
    {
        "source": "fixture/budget.txt",
        "title": "Senator Ilse Varga criticises Brenvik budget plan",
        "site": "Vostria Daily",
        "published": "2024-05-02",
        "published_from": "text",
        "text": (
            "Senator Ilse Varga criticised Foreign Minister Talia Brenvik on Thursday over "
            "the budget for the new embassy.\n\n"
            '"The ministry has wasted 40 million crowns," Varga said in parliament.\n\n'
            "Brenvik denied the figure. Her spokesman, Petr Anholm, said the minister "
            "would publish the accounts next week."
        ),
    },
    {
        "source": "fixture/hostile.txt",
        "title": "<script>alert('title')</script> Council notes",
        "site": "<b>Bold Site</b>",
        "published": None,
        "published_from": None,
        "url": "javascript:alert('url')",
        "text": (
            "Mayor Jonas Trell opened the council meeting in Kerrow on Tuesday. "
            "A resident pasted <script>alert('xss')</script> into the minutes.\n\n"
            "Another wrote <img src=x onerror=alert('img')> beside a link "
            "javascript:alert('link') that nobody clicked."
        ),
    },
]


def build(pipeline: Any, path: Path) -> dict[str, str]:
    """Analyse every fixture article and store it at `path`; returns {source: document id}."""
    ids = {}
    with Database(path) as db:
        for fields in ARTICLES:
            article = Article(**fields)
            doc_id, _ = db.add_article(article, pipeline.analyse(article))
            ids[fields["source"]] = doc_id
    return ids
