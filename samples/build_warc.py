"""Build the packed sample inputs (a WARC and a gzipped HTML page) from the HTML in `src/`.

Run from anywhere with the project's virtualenv: `.venv/bin/python samples/build_warc.py`.
The output is deterministic (fixed dates, record ids and gzip mtime), so re-running it
leaves the committed files unchanged.
"""

from __future__ import annotations

import gzip
import hashlib
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
CORPUS = HERE / "corpus"

WARC_NAME = "crawl-2025-12-estmark.warc.gz"
GZ_SOURCE = "la-tribuna-solyom-concedes.html"

# (source file, target URI, capture date) for each HTTP response record.
RESPONSES = [
    (
        "harbor-ledger-kovacs-pell-morvania.html",
        "https://www.harborledger.example/world/2025/12/17/kovacs-pell-northern-bloc",
        "2025-12-17T09:02:11Z",
    ),
    (
        "valdoria-times-marwood-inauguration.html",
        "https://www.valdoriatimes.example/national/2025/12/18/marwood-kovacs-inauguration",
        "2025-12-18T13:47:30Z",
    ),
]


def record_id(*parts: str) -> str:
    """A stable WARC-Record-ID so the file is reproducible byte for byte."""
    digest = hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()
    return f"<urn:uuid:{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}>"


def build_warc() -> bytes:
    """One warcinfo record, then a request and a response record per page."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    info = {
        "software": "dossier samples/build_warc.py (warcio)",
        "format": "WARC File Format 1.0",
        "description": "Fictional sample pages for Dossier; every person and place is invented.",
    }
    record = writer.create_warcinfo_record(WARC_NAME, info)
    record.rec_headers.replace_header("WARC-Date", "2025-12-17T09:00:00Z")
    record.rec_headers.replace_header("WARC-Record-ID", record_id("warcinfo", WARC_NAME))
    writer.write_record(record)
    for name, uri, date in RESPONSES:
        body = (SRC / name).read_bytes()
        host = uri.split("/")[2]
        path = "/" + uri.split("/", 3)[3]
        request_headers = StatusAndHeaders(
            f"GET {path} HTTP/1.1",
            [
                ("Host", host),
                ("User-Agent", "Mozilla/5.0 (sample crawler)"),
                ("Accept", "text/html"),
            ],
            is_http_request=True,
        )
        writer.write_record(
            writer.create_warc_record(
                uri,
                "request",
                http_headers=request_headers,
                warc_headers_dict={
                    "WARC-Date": date,
                    "WARC-Record-ID": record_id("request", uri),
                },
            )
        )
        response_headers = StatusAndHeaders(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Server", "nginx"),
            ],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=response_headers,
                warc_headers_dict={
                    "WARC-Date": date,
                    "WARC-Record-ID": record_id("response", uri),
                },
            )
        )
    return out.getvalue()


def build_gz() -> bytes:
    """The La Tribuna page, gzipped with a zero mtime so the bytes never change."""
    return gzip.compress((SRC / GZ_SOURCE).read_bytes(), compresslevel=9, mtime=0)


def main() -> None:
    """Write both packed files into `corpus/`."""
    CORPUS.mkdir(exist_ok=True)
    (CORPUS / WARC_NAME).write_bytes(build_warc())
    (CORPUS / (GZ_SOURCE + ".gz")).write_bytes(build_gz())
    print(f"wrote {CORPUS / WARC_NAME} and {CORPUS / (GZ_SOURCE + '.gz')}")


if __name__ == "__main__":
    main()
