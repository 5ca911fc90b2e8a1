"""The FastAPI app: server-rendered pages, each with a JSON twin built from the same dict.

`/x` answers HTML and `/x.json` (or `Accept: application/json`) answers the same data as JSON.
Errors have one JSON shape, `{"error": {"status", "title", "detail"}}`, and an HTML page that
never shows a traceback. The database is opened read-only for every request.
"""

from __future__ import annotations

import json
import logging
import socket
import sqlite3
import sys
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import BadQuery, DossierError, NotFound
from . import browse, downloads, network, queries, stories
from .dossier import entity_dossier, timeline
from .guard import COOKIE, LOOPBACK_NAMES, WILDCARD, Guard, bearer, read_token_file, without_token
from .listing import DOSSIER_PER_PAGE, MAX_PER_PAGE, SORTS, Filters, read_filters

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
#: Where `npm ci` in web/js copies the graph library.
GRAPH_LIBRARY = STATIC / "cytoscape.min.js"

log = logging.getLogger(__name__)

#: Tight by default: scripts only from this server; article text can never run as code.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

_TITLES = {
    400: "Bad request",
    401: "Access token needed",
    404: "Not found",
    405: "Method not allowed",
    500: "Server error",
}


def entity_link(entity: dict[str, Any] | None) -> Markup:
    """A link to an entity's dossier; every value is escaped by `Markup.format`."""
    if not entity:
        return Markup('<span class="muted">—</span>')
    return Markup(
        f'<a class="ent ent-{escape(entity["type"])}" href="/entity/{int(entity["id"])}">'
        f"{escape(entity['name'])}</a>"
    )


def status_badge(claim: dict[str, Any]) -> Markup:
    """The claim's status, naming the chain it was reported through or whose opinion it is."""
    status = claim["status"]
    label = queries.STATUS_LABELS.get(status, status)
    if status == "reported" and claim.get("via"):
        label = "reported via " + " → ".join(v["name"] for v in claim["via"])
    elif status == "opinion" and claim.get("holder"):
        label = f"opinion of {claim['holder']}"
    return Markup(f'<span class="badge status-{escape(status)}">{escape(label)}</span>')


def show_value(value: object) -> str:
    """Numbers as a reader writes them (2,500,000,000 rather than 2500000000.0)."""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int | float):
        return f"{value:,}"
    return str(value)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, auto_reload=False)
    env.globals["status_labels"] = queries.STATUS_LABELS
    env.globals["entity_link"] = entity_link
    env.globals["status_badge"] = status_badge
    env.filters["value"] = show_value
    return env


def wants_json(request: Request) -> bool:
    """True for `/x.json` URLs and for clients that ask for JSON rather than HTML."""
    if request.url.path.endswith(".json"):
        return True
    if _format_of(request) != "html":  # a download that failed answers its error as JSON
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _split_ref(ref: str) -> tuple[str, str]:
    """`"12.json"` → `("12", "json")`: the id part of a path segment and the format asked
    for (html, json, csv or ftm)."""
    stem, dot, suffix = ref.rpartition(".")
    if dot and suffix in downloads.FORMATS:
        return stem, suffix
    return ref, "html"


def _format_of(request: Request) -> str:
    """The download format a URL asks for by its suffix (`/search.csv`), else html."""
    return _split_ref(request.url.path.rsplit("/", 1)[-1])[1]


def _everything(filters: Filters) -> Filters:
    """The same filters over every line, for a download: no page is left out."""
    return replace(filters, page=1, per_page=10**9)


def _entity_id(ref: str) -> int:
    if not ref.isdigit() or len(ref) > 18:
        raise NotFound(f"No entity with id {ref!r}.")
    return int(ref)


def create_app(db_path: Path, guard: Guard | None = None) -> FastAPI:
    """Build the web app over one Dossier database file, opened read-only.

    `guard` holds the Host and token rules (see `web.guard`); the default answers only
    requests addressed to this computer, and asks for no token.
    """
    db_path = Path(db_path)
    guard = guard or Guard()
    queries.connect_readonly(db_path).close()  # fail now, with a clear message, if unusable
    local = threading.local()
    opened: list[sqlite3.Connection] = []
    opened_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        # Closing every connection lets the last one remove the -wal and -shm files.
        with opened_lock:
            for conn in opened:
                conn.close()
            opened.clear()

    app = FastAPI(
        title="Dossier",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    templates = Jinja2Templates(env=_environment())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @contextmanager
    def database() -> Iterator[sqlite3.Connection]:
        # One read-only connection per worker thread, kept warm: its page cache and parsed
        # schema survive between requests. Each request reads inside one transaction, so a
        # page never mixes data from before and after an `add` committed meanwhile.
        conn: sqlite3.Connection | None = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = queries.connect_readonly(db_path)
            with opened_lock:
                opened.append(conn)
        try:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")
        except sqlite3.DatabaseError:
            local.conn = None
            with opened_lock:
                if conn in opened:
                    opened.remove(conn)
            conn.close()
            raise

    def page(
        request: Request,
        template: str,
        build: Callable[[sqlite3.Connection], dict[str, Any]],
        filters: Filters | None = None,
    ) -> Response:
        with database() as conn:
            data = build(conn)
        if wants_json(request):
            return JSONResponse(data, headers=SECURITY_HEADERS)
        context = {
            **data,
            "data": data,
            "graph_library": GRAPH_LIBRARY.is_file(),
            "f": filters or Filters(),
            "path": request.url.path,
        }
        return templates.TemplateResponse(request, template, context, headers=SECURITY_HEADERS)

    def download(
        name: str,
        fmt: str,
        build: Callable[[sqlite3.Connection], dict[str, Any]],
        csv: Callable[[dict[str, Any]], str],
        ftm: Callable[[sqlite3.Connection, dict[str, Any]], str],
    ) -> Response:
        with database() as conn:
            data = build(conn)
            if fmt == "ftm":
                body = ftm(conn, data)
            elif fmt == "csv":
                body = csv(data)
            else:
                body = json.dumps(data, ensure_ascii=False, indent=1)
        disposition = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
        return Response(
            body, media_type=downloads.FORMATS[fmt], headers={**SECURITY_HEADERS, **disposition}
        )

    def error(request: Request, status: int, detail: str) -> Response:
        title = _TITLES.get(status, "Error")
        if wants_json(request):
            body = {"error": {"status": status, "title": title, "detail": detail}}
            return JSONResponse(body, status_code=status, headers=SECURITY_HEADERS)
        # a refused search keeps its words in the search box, to be corrected there
        query = request.query_params.get("q", "") if request.url.path == "/search" else ""
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "title": title, "detail": detail, "query": query},
            status_code=status,
            headers=SECURITY_HEADERS,
        )

    @app.middleware("http")
    async def admit(request: Request, call_next: Callable[[Request], Any]) -> Response:
        server = request.scope.get("server")
        problem = guard.host_problem(request.headers.get("host"), server[0] if server else None)
        if problem:
            return error(request, 400, problem)
        if guard.token is None:
            return cast(Response, await call_next(request))
        given = request.query_params.get("token")
        if given is not None and guard.token_ok([given]) and request.method in {"GET", "HEAD"}:
            # Swap the token in the address for a cookie, and show the address without it.
            target = without_token(request.url.path, list(request.query_params.multi_items()))
            response = RedirectResponse(target, status_code=303, headers=SECURITY_HEADERS)
            response.set_cookie(COOKIE, guard.token, httponly=True, samesite="strict")
            return response
        presented = [bearer(request.headers.get("authorization")), request.cookies.get(COOKIE)]
        if not guard.token_ok(presented):
            return error(
                request,
                401,
                "This Dossier server needs its access token: open the address it printed when "
                "it started (…/?token=…), or send the header Authorization: Bearer TOKEN.",
            )
        return cast(Response, await call_next(request))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(BadQuery)
    async def bad_query(request: Request, exc: BadQuery) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(DossierError)
    async def dossier_error(request: Request, exc: DossierError) -> Response:
        return error(request, 500, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return error(request, 400, f"Invalid request: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = "No such page." if exc.status_code == 404 else str(exc.detail)
        return error(request, exc.status_code, detail)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("error while answering %s", request.url.path)
        return error(request, 500, "Something went wrong while reading the database.")

    @app.get("/", include_in_schema=False)
    @app.get("/index.json")
    def index(request: Request) -> Response:
        return page(request, "index.html", queries.overview)

    @app.get("/search")
    @app.get("/search.json")
    @app.get("/search.csv")
    @app.get("/search.ftm")
    def search(request: Request, q: str = "", limit: int = queries.SEARCH_LIMIT) -> Response:
        if not q.strip() and not wants_json(request) and _format_of(request) == "html":
            empty = {"query": "", "entities": [], "results": [], "outlets": []}
            return page(request, "search.html", lambda _c: empty)
        params = dict(request.query_params)
        if "per_page" not in params and "limit" in params:
            params["per_page"] = params["limit"]
        if not 1 <= limit <= MAX_PER_PAGE:
            raise BadQuery(f"limit must be between 1 and {MAX_PER_PAGE}.")
        filters = read_filters(params, ("relevance", *SORTS), queries.SEARCH_KINDS)
        fmt = _format_of(request)
        if fmt in ("csv", "ftm") or (fmt == "json" and "download" in request.query_params):
            whole = _everything(filters)
            return download(
                "search", fmt, lambda c: queries.search(c, q, MAX_PER_PAGE, whole),
                downloads.search_csv, downloads.search_ftm,
            )  # fmt: skip
        return page(
            request, "search.html", lambda c: queries.search(c, q, filters.per_page, filters),
            filters,
        )  # fmt: skip

    @app.get("/entities")
    @app.get("/entities.json")
    def entities(request: Request, type: str = "", name: str = "") -> Response:
        filters = read_filters(request.query_params, browse.ENTITY_SORTS)
        return page(
            request, "entities.html", lambda c: browse.entity_index(c, filters, type, name),
            filters,
        )  # fmt: skip

    @app.get("/documents")
    @app.get("/documents.json")
    def documents(request: Request) -> Response:
        filters = read_filters(request.query_params, browse.DOCUMENT_SORTS)
        return page(request, "documents.html", lambda c: browse.document_index(c, filters), filters)

    @app.get("/stories")
    @app.get("/stories.json")
    def story_list(request: Request, entity: str = "") -> Response:
        filters = read_filters(request.query_params)
        if entity and (not entity.isdigit() or len(entity) > 18):
            raise BadQuery(f"entity must be an entity's id (a whole number), not {entity[:40]!r}.")
        about = int(entity) if entity else None
        return page(request, "stories.html", lambda c: stories.stories(c, filters, about), filters)

    @app.get("/story/{ref}")
    def story(request: Request, ref: str) -> Response:
        doc_id, _ = _split_ref(ref)
        if len(doc_id) > 64:
            raise NotFound(f"No document with id {doc_id[:64]!r}….")
        return page(request, "story.html", lambda c: stories.story(c, doc_id))

    @app.get("/entity/{ref}")
    def entity(request: Request, ref: str) -> Response:
        ident, fmt = _split_ref(ref)
        entity_id = _entity_id(ident)
        filters = read_filters(request.query_params, per_page=DOSSIER_PER_PAGE)
        if fmt in ("csv", "ftm") or (fmt == "json" and "download" in request.query_params):
            whole = _everything(filters)
            return download(
                f"entity-{entity_id}", fmt, lambda c: entity_dossier(c, entity_id, whole, None),
                downloads.dossier_csv, downloads.dossier_ftm,
            )  # fmt: skip
        return page(
            request,
            "entity.html",
            lambda c: {
                **entity_dossier(c, entity_id, filters),
                "by_outlet": browse.outlet_breakdown(c, entity_id),
            },
            filters,
        )

    @app.get("/entity/{ref}/graph")
    @app.get("/entity/{ref}/graph.json")
    def entity_graph(request: Request, ref: str) -> Response:
        entity_id = _entity_id(ref)
        return page(request, "graph.html", lambda c: network.graph(c, entity_id))

    @app.get("/entity/{ref}/timeline")
    @app.get("/entity/{ref}/timeline.json")
    def entity_timeline(request: Request, ref: str) -> Response:
        entity_id = _entity_id(ref)
        filters = read_filters(request.query_params, ("oldest",))
        return page(request, "timeline.html", lambda c: timeline(c, entity_id, filters), filters)

    @app.get("/timeline")
    @app.get("/timeline.json")
    def all_timeline(request: Request) -> Response:
        filters = read_filters(request.query_params, ("oldest",))
        return page(request, "timeline.html", lambda c: timeline(c, None, filters), filters)

    @app.get("/document/{ref}")
    def document(request: Request, ref: str) -> Response:
        doc_id, _ = _split_ref(ref)
        if len(doc_id) > 64:
            raise NotFound(f"No document with id {doc_id[:64]!r}….")
        return page(
            request,
            "document.html",
            lambda c: {
                **queries.document_view(c, doc_id),
                "story": stories.story_of(c, doc_id),
                "loaded": stories.loaded_sentences(c, [doc_id]),
            },
        )

    return app


def serve(
    db_path: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token_file: Path | None = None,
    allow_hosts: tuple[str, ...] = (),
) -> None:
    """Run the web UI until interrupted. It listens on this computer only unless told
    otherwise, and then only with a token (kept in `token_file`, made there if missing)."""
    import uvicorn

    remote = host.strip("[]").lower() not in LOOPBACK_NAMES
    if remote and token_file is None:
        raise DossierError(
            f"listening on {host} would let anyone who reaches this computer on port {port} read "
            "this database; add --token-file FILE (a secret every browser must present; made "
            "there if the file does not exist), or leave out --host to serve this computer only."
        )
    token, made = read_token_file(token_file) if token_file else (None, False)
    names = {h.strip("[]").lower() for h in allow_hosts}
    if host.strip("[]") in WILDCARD:
        # on every interface: this computer's own names are as much its address as its IPs
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    guard = Guard(host=host.strip("[]"), port=port, token=token, extra_hosts=frozenset(names))
    app = create_app(db_path, guard)
    shown = "localhost" if host.strip("[]") in WILDCARD else host
    address = f"http://{shown}:{port}/"
    if token:
        if made:
            print(f"A new access token was written to {token_file}.", file=sys.stderr)
        print(
            f"Dossier: {address}?token={token}  (the token is needed from every browser; "
            "Ctrl+C to stop)",
            file=sys.stderr,
        )
    else:
        print(f"Dossier: {address}  (Ctrl+C to stop)", file=sys.stderr)
    uvicorn.run(app, host=host.strip("[]"), port=port, log_level="warning")
