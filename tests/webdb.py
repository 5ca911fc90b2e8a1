"""Fictional articles and a builder for the web tests: the real pipeline, the real store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dossier.records import (
    Analysis,
    Article,
    Claim,
    Entity,
    Evidence,
    Mention,
    Quote,
    Role,
    Sentence,
)
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


OUTLETS = ["Kerrow Ledger", "Valmere Wire", "Osterby Times"]
DAYS = 60


def _day(n: int) -> str:
    return f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}"


def _article(
    n: int, site: str, day: str, meeting: bool = True, loaded: bool = False
) -> tuple[Article, Analysis]:
    met = "Governor Ilse Varga met Minister Petr Anholm in Kerrow."
    said = '"The port stays open," Varga said.'
    word = " The lunatic plan drew crowds." if loaded else ""
    text = f"{met} {said}{word} Report {n}."
    s1, s2 = len(met), len(met) + 1 + len(said)
    sentences = [Sentence(0, s1, 0), Sentence(s1 + 1, s2, 0), Sentence(s2 + 1, len(text), 0)]
    mentions = [Mention(9, 19, "Ilse Varga"), Mention(s2 - 9, s2 - 4, "Varga", "surname")]
    office = Role("Governor", 0, 8, date=day, date_basis="document", current=True)
    varga = Entity(0, "Person", "Ilse Varga", [], mentions, roles=[office])
    anholm = Entity(1, "Person", "Petr Anholm", [], [Mention(33, 44, "Petr Anholm")])
    claims = []
    if meeting:
        claims.append(Claim("meeting", 0, Evidence(0, s1, met), object=1, date=day))
    quote = Quote(0, "The port stays open,", "direct", s1 + 2, s1 + 22, cue="said")
    article = Article(
        f"fixture/{n}.html", text, title=f"Varga and Anholm meet, report {n}", site=site,
        published=day, published_from="html", url=f"https://{site.split()[0].lower()}.example/{n}",
    )  # fmt: skip
    analysis = Analysis(
        sentences=sentences, entities=[varga, anholm], quotes=[quote], claims=claims
    )
    return article, analysis


def build_newsroom(path: Path) -> tuple[dict[str, int], dict[int, str]]:
    """Fictional reports on Governor Ilse Varga by three outlets: 60 short articles over 60
    days, each stating a meeting with Minister Petr Anholm, her office and a quote; then, on
    2024-03-05, all three covering one summit, the third leaving out the meeting and the
    second calling the plan "lunatic". Returns ({entity name: id}, {article number: doc id})."""
    docs = {}
    with Database(path) as db:
        for n in range(DAYS):
            article, analysis = _article(n, OUTLETS[n % 3], _day(n))
            docs[n] = db.add_article(article, analysis)[0]
        for i, outlet in enumerate(OUTLETS):
            article, analysis = _article(100 + i, outlet, "2024-03-05", i != 2, loaded=i == 1)
            article.title = "Summit in Kerrow: governor and minister agree on the port"
            docs[100 + i] = db.add_article(article, analysis)[0]
        ids = {r["name"]: r["id"] for r in db.conn.execute("SELECT id, name FROM entities")}
    return ids, docs


@contextmanager
def serving(path: Path) -> Iterator[str]:
    """`dossier serve` on `path` in a subprocess on a free loopback port; yields its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    code = (
        "import sys; from pathlib import Path; from dossier.web import serve; "
        "serve(Path(sys.argv[1]), '127.0.0.1', int(sys.argv[2]))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path), str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/index.json", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                output = proc.stdout.read().decode() if proc.stdout else ""
                raise RuntimeError(f"dossier web server did not start:\n{output}") from None
            time.sleep(0.2)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
