"""Latency of the web UI on a generated database of ≥ 2,000 documents.

Builds the database in a temporary folder (nothing is written into the repository): a few
dozen fictional articles go through the real pipeline, then each analysed article is stored
again with a distinct closing line until there are `--docs` documents. `dossier serve` runs in
a subprocess on loopback; this process is the client and times the dossier page and search
over HTTP. Beside it, the same queries called in-process (no HTTP, no template) as the floor.

    python bench/serve.py [--docs 2000] [--requests 300] [--keep FILE]

With `--db FILE` it builds nothing and times the busiest person's dossier page (the person
named in the most documents) of a real database instead, opened read-only: the first request
after the server starts (nothing cached), then the median and p95 of repeated requests, as
HTML and JSON. `--baseline SRC` starts a second server from another checkout's `src` folder
(say, the code before a change) on the same file; the two are timed turn about, request by
request, so a busy machine slows both alike.

    python bench/serve.py --db real.db [--baseline ../main/src] [--requests 100]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from dossier.records import Analysis, Article, Sentence
from dossier.settings import Settings
from dossier.store import Database
from dossier.web import queries
from dossier.web.dossier import entity_dossier
from dossier.web.listing import DOSSIER_PER_PAGE, Filters

FIRST = ["Talia", "Osric", "Ilse", "Petr", "Mira", "Jonas", "Edda", "Corin", "Lisbet", "Arvo"]
LAST = ["Brenvik", "Malden", "Varga", "Anholm", "Quell", "Trell", "Rinn", "Solberg", "Kade"]
PLACES = ["Kerrow", "Lamport", "Osterby", "Valmere", "Dunholt", "Vostria", "Carrick"]
TITLES = ["Foreign Minister", "Senator", "Governor", "Mayor", "Finance Minister"]
OUTLETS = ["Bench Post", "Kerrow Ledger", "Valmere Wire", "Osterby Times"]
MONTHS = ["January", "March", "April", "June", "September", "November"]
TEMPLATES = [
    "{t1} {a} met {t2} {b} in {p} on Monday to discuss the disputed port.\n\n"
    '"We will not give up the harbour," {a_last} told reporters after the meeting.\n\n'
    "{b_last} said the province supports a shared customs office. According to the "
    "Evening Courier, the two agreed to meet again in {m}.",
    "{t1} {a} criticised {t2} {b} on Thursday over the budget for the new embassy in {p}.\n\n"
    '"The ministry has wasted 40 million crowns," {a_last} said in parliament.\n\n'
    "{b_last} denied the figure. A spokesman, {c}, said the accounts would be published in {m}.",
    "{a}, the {t1} of {p}, will travel to {q} in {m}, her office said.\n\n"
    "{b}, a {t2}, backed the visit and said trade with {q} had doubled since last year.\n\n"
    "Critics, including {c}, said the trip was premature.",
    "Voters in {p} elected {a} as {t1} with 54 percent of the vote on Sunday.\n\n"
    "{b}, who came second with 31 percent, conceded defeat and congratulated {a_last}.\n\n"
    '"This is a mandate for change," {a_last} said, thanking {c} for the campaign.',
]


def _person(rng: random.Random) -> tuple[str, str]:
    last = rng.choice(LAST)
    return f"{rng.choice(FIRST)} {last}", last


def base_articles(count: int, seed: int = 7) -> list[Article]:
    """Distinct fictional articles from the templates, with varied names, places and dates."""
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        (a, a_last), (b, b_last), (c, _) = _person(rng), _person(rng), _person(rng)
        p, q = rng.sample(PLACES, 2)
        text = TEMPLATES[i % len(TEMPLATES)].format(
            a=a,
            a_last=a_last,
            b=b,
            b_last=b_last,
            c=c,
            p=p,
            q=q,
            m=rng.choice(MONTHS),
            t1=rng.choice(TITLES),
            t2=rng.choice(TITLES),
        )
        day = f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        articles.append(
            Article(
                f"bench/{i}.txt",
                text,
                title=text.split(" on ")[0][:80],
                site=OUTLETS[i % len(OUTLETS)],
                published=day,
                published_from="html",
            )
        )
    return articles


def build_database(path: Path, docs: int, bases: int, console: Console) -> float:
    """Analyse `bases` articles with the real pipeline and store `docs` variants; seconds taken."""
    from dossier.nlp.pipeline import Pipeline

    started = time.perf_counter()
    pipeline = Pipeline(Settings())
    analysed = [(a, pipeline.analyse(a)) for a in base_articles(bases)]
    with Database(path) as db:
        for n in range(docs):
            article, analysis = analysed[n % len(analysed)]
            note = f"\n\nFile note {n:05d}."
            start = len(article.text) + 2
            variant = Article(
                article.source + f"#{n}",
                article.text + note,
                title=article.title,
                site=article.site,
                published=article.published,
                published_from=article.published_from,
            )
            copy = Analysis(
                sentences=[
                    *analysis.sentences,
                    Sentence(start, len(variant.text), analysis.sentences[-1].paragraph + 1),
                ],
                entities=analysis.entities,
                quotes=analysis.quotes,
                claims=analysis.claims,
            )
            db.add_article(variant, copy)
    seconds = time.perf_counter() - started
    console.print(f"built {docs} documents from {bases} analysed articles in {seconds:.1f} s")
    return seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(path: Path, port: int, src: Path | None = None) -> subprocess.Popen[bytes]:
    """`dossier serve` on loopback in a subprocess; from the `src` folder given, else from
    the code this process imports."""
    code = (
        "import sys; from pathlib import Path; from dossier.web import serve; "
        "serve(Path(sys.argv[1]), '127.0.0.1', int(sys.argv[2]))"
    )
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(src.resolve()), env.get("PYTHONPATH", "")])
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), str(port)], env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/openapi.json")  # ready; the front page reads the whole file
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the web server did not start")


def time_http(port: int, urls: list[str], requests: int) -> list[float]:
    """Milliseconds per GET over one keep-alive connection, cycling through `urls`."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for url in urls[:10]:  # warm-up
        conn.request("GET", url)
        conn.getresponse().read()
    times = []
    for i in range(requests):
        url = urls[i % len(urls)]
        started = time.perf_counter()
        conn.request("GET", url)
        response = conn.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
    conn.close()
    return times


def time_turn_about(ports: list[int], urls: list[str], requests: int) -> list[list[float]]:
    """Milliseconds per GET for each server, one request to each in turn (keep-alive)."""
    conns = [http.client.HTTPConnection("127.0.0.1", port, timeout=60) for port in ports]
    times: list[list[float]] = [[] for _ in ports]
    for i in range(requests):
        url = urls[i % len(urls)]
        for n, spent in enumerate(times):
            started = time.perf_counter()
            try:
                conns[n].request("GET", url)
                response = conns[n].getresponse()
            except (http.client.RemoteDisconnected, ConnectionError):
                # the server closed a kept-alive connection left idle while the other one
                # answered a slow request: open a new one, and time the request from there
                conns[n].close()
                conns[n] = http.client.HTTPConnection("127.0.0.1", ports[n], timeout=60)
                started = time.perf_counter()
                conns[n].request("GET", url)
                response = conns[n].getresponse()
            response.read()
            spent.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                raise SystemExit(f"{url} answered {response.status}")
    for conn in conns:
        conn.close()
    return times


def busiest_person(path: Path) -> tuple[int, str, int, int]:
    """The person named in the most documents: id, name, documents; and the database's size."""
    conn = queries.connect_readonly(path)
    try:
        row = conn.execute(
            "SELECT e.id, e.name, count(DISTINCT de.document_id) AS n FROM doc_entities de"
            " JOIN entities e ON e.id = de.entity_id WHERE e.type = 'Person'"
            " GROUP BY e.id ORDER BY n DESC, e.id LIMIT 1"
        ).fetchone()
        if row is None:
            raise SystemExit(f"{path}: no person in this database")
        total = int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        return int(row[0]), str(row[1]), int(row[2]), total
    finally:
        conn.close()


def real_database(args: argparse.Namespace, console: Console) -> None:
    """The busiest dossier page of a real database, against a baseline checkout if given."""
    path: Path = args.db
    if not path.is_file():
        raise SystemExit(f"{path}: no such database")
    entity, name, docs, total = busiest_person(path)
    console.print(f"{path}: {total} documents; the busiest person, {name} ({entity}), in {docs}")
    servers = [("this checkout", None)]
    if args.baseline:
        servers.append((f"baseline {args.baseline}", args.baseline))
    ports = [_free_port() for _ in servers]
    procs = []
    try:
        for (_, src), port in zip(servers, ports, strict=True):
            procs.append(start_server(path, port, src))
        page = f"/entity/{entity}"
        with path.open("rb") as whole:  # the file in the OS cache, so no side reads it cold
            while whole.read(1 << 20):
                pass
        first = time_turn_about(ports, [page], 1)  # nothing cached yet in either server
        rows = [
            ("busiest dossier (HTML)", [page]),
            ("busiest dossier (JSON)", [f"{page}.json"]),
            (
                "busiest dossier, page 2 and by outlet (HTML)",
                [f"{page}?page=2", f"{page}?sort=outlet"],
            ),
        ]
        table = Table(title=f"Busiest dossier page, {args.requests} requests a row (ms)")
        for col in ("endpoint", "code", "first request", "median", "p95", "goal p95"):
            table.add_column(col, justify="left" if col in ("endpoint", "code") else "right")
        results: dict[str, Any] = {}
        for label, urls in rows:
            timed = time_turn_about(ports, urls, args.requests)
            for (code, _), spent, cold in zip(servers, timed, first, strict=True):
                results.setdefault(code, {})[label] = {
                    "median": statistics.median(spent), "p95": p95(spent),
                }  # fmt: skip
                table.add_row(
                    label, code, f"{cold[0]:.0f}" if label == rows[0][0] else "",
                    f"{statistics.median(spent):.1f}", f"{p95(spent):.1f}", "< 100",
                )  # fmt: skip
        console.print(table)
        console.print(
            json.dumps(
                {"first": {c: f[0] for (c, _), f in zip(servers, first, strict=True)}, **results}
            )
        )
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)


def time_calls(calls: list[Callable[[], Any]], requests: int) -> list[float]:
    times = []
    for i in range(requests):
        started = time.perf_counter()
        calls[i % len(calls)]()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--bases", type=int, default=48, help="articles run through the pipeline")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per row")
    parser.add_argument(
        "--keep", type=Path, help="database file to build once and reuse (default: a temp file)"
    )
    parser.add_argument(
        "--db", type=Path, help="a real database: time its busiest dossier page, build nothing"
    )
    parser.add_argument(
        "--baseline", type=Path, help="with --db: another checkout's src folder, timed beside"
    )
    args = parser.parse_args()
    console = Console(width=120)
    if args.db:
        real_database(args, console)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        if path.exists():
            console.print(f"reusing {path}")
        else:
            build_database(path, args.docs, args.bases, console)
        conn = queries.connect_readonly(path)
        people = [e for e in queries.overview(conn, 40)["top_entities"] if e["type"] == "Person"]
        entity_ids = [e["id"] for e in people[:10]]
        terms = ["harbour", "Brenvik", "budget embassy", "Kerrow", "percent vote", "customs"]
        first = Filters(per_page=DOSSIER_PER_PAGE)  # what /entity/N shows
        sizes = [entity_dossier(conn, i, first)["document_total"] for i in entity_ids]
        biggest = entity_ids[sizes.index(max(sizes))]
        claims = entity_dossier(conn, biggest, first)["paging"]["claims"]
        last = max(1, claims["pages"])
        console.print(
            f"{len(entity_ids)} people timed, in {min(sizes)}–{max(sizes)} documents each; "
            f"{len(terms)} search terms; the biggest, entity {biggest}, has {claims['total']} "
            f"claims ({claims['pages']} pages of {DOSSIER_PER_PAGE})"
        )
        paged = [f"/entity/{biggest}", f"/entity/{biggest}?page={last}"]
        paged += [
            f"/entity/{biggest}?outlet=Kerrow+Ledger&kind=meeting",
            f"/entity/{biggest}?sort=outlet&page=2",
        ]
        port = _free_port()
        server = start_server(path, port)
        try:
            rows: list[tuple[str, list[str], list[Callable[[], Any]] | None]] = [
                (
                    "dossier page (HTML)",
                    [f"/entity/{i}" for i in entity_ids],
                    [partial(entity_dossier, conn, i, first) for i in entity_ids],
                ),
                (
                    "biggest dossier, paged and filtered (HTML)",
                    paged,
                    [
                        partial(entity_dossier, conn, biggest, first),
                        partial(entity_dossier, conn, biggest, replace(first, page=last)),
                    ],
                ),
                ("entity index (HTML)", ["/entities", "/entities?type=Person&sort=mentions"], None),
                ("stories (HTML)", ["/stories"], None),
                ("dossier (JSON)", [f"/entity/{i}.json" for i in entity_ids], None),
                (
                    "search (HTML)",
                    [f"/search?q={t.replace(' ', '+')}" for t in terms],
                    [partial(queries.search, conn, t) for t in terms],
                ),
                ("search (JSON)", [f"/search.json?q={t.replace(' ', '+')}" for t in terms], None),
            ]
            table = Table(
                title=f"Web UI latency, {args.docs} documents, {args.requests} requests a row (ms)"
            )
            for col in (
                "endpoint",
                "Dossier HTTP median",
                "Dossier HTTP p95",
                "in-process query median",
                "in-process query p95",
                "goal p95",
            ):
                table.add_column(col, justify="left" if col == "endpoint" else "right")
            results = {}
            for name, urls, calls in rows:
                http_ms = time_http(port, urls, args.requests)
                floor = time_calls(calls, args.requests) if calls else None
                results[name] = {"median": statistics.median(http_ms), "p95": p95(http_ms)}
                table.add_row(
                    name,
                    f"{statistics.median(http_ms):.1f}",
                    f"{p95(http_ms):.1f}",
                    f"{statistics.median(floor):.1f}" if floor else "–",
                    f"{p95(floor):.1f}" if floor else "–",
                    "< 100",
                )
            console.print(table)
            console.print(json.dumps(results))
        finally:
            server.terminate()
            server.wait(timeout=10)
            conn.close()


if __name__ == "__main__":
    main()
