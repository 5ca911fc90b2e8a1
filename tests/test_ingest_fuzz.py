"""Property tests: mutated HTML, text, gzip and WARC bytes never make ingest raise anything
but Dossier's own `InputError`, and every input gives at least one page or one error line.

No model is loaded; examples are few and small, so the whole file runs in seconds.
"""

from __future__ import annotations

import gzip
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dossier.errors import InputError
from dossier.ingest import extract_article, iter_pages
from dossier.records import Page
from dossier.settings import Settings

HTML = (
    b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Harbour vote</title></head>"
    b"<body><article><h1>Harbour vote</h1><p>The council of Valdoria voted on Tuesday to "
    b"close the old harbour, the mayor, Ina Brisk, told reporters.</p><p>\xe2\x80\x9cWe had "
    b"no choice,\xe2\x80\x9d she said.</p></article></body></html>"
)
TEXT = (
    b"Harbour vote\n\nBy Tom Vell\n\nThe council of Valdoria voted on Tuesday to close the old "
    b"harbour, the mayor said.\n\nShe said the vote was final.\n"
)
#: Few, small examples: these guard the error paths, the regression tests pin each probe.
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = Settings(max_bytes=256 * 1024, max_chars=20_000)


def warc(compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    for index, body in enumerate((HTML, TEXT, HTML.replace(b"Tuesday", b"Friday"))):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://news.example/{index}",
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
        )
        writer.write_record(record)
    return buffer.getvalue()


SEEDS = {
    "html": HTML,
    "text": TEXT,
    "gzip": gzip.compress(HTML),
    "warc": warc(compress=False),
    "warc.gz": warc(compress=True),
}


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A seed input with a few bytes flipped, a stretch cut out, inserted, or duplicated."""
    data = bytearray(SEEDS[draw(st.sampled_from(sorted(SEEDS)))])
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate"]))
        if action == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif action == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
        else:
            del data[at:]
    return bytes(data)


def ingest(data: bytes) -> list[Page | InputError]:
    """Every page and error for `data` read from a file, with each page's extraction tried."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input"
        path.write_bytes(data)
        found: list[Page | InputError] = []
        for item in iter_pages([str(path)], SMALL):
            found.append(item)
            if isinstance(item, Page):
                try:
                    extract_article(item, SMALL)
                except InputError as err:
                    found.append(err)
    return found


@FUZZ
@given(mutated())
def test_mutated_inputs_raise_only_input_errors(data: bytes) -> None:
    found = ingest(data)
    assert found, "an input vanished without a page or an error"
    for item in found:
        if isinstance(item, InputError):
            assert item.source and item.reason and "\n" not in str(item)


@FUZZ
@given(st.binary(max_size=2048))
def test_random_bytes_raise_only_input_errors(data: bytes) -> None:
    assert ingest(data)


@FUZZ
@given(st.binary(max_size=512))
def test_random_bytes_after_a_warc_header(data: bytes) -> None:
    assert ingest(b"WARC/1.0\r\n" + data)


@FUZZ
@given(st.binary(max_size=512))
def test_random_bytes_after_a_gzip_header(data: bytes) -> None:
    assert ingest(b"\x1f\x8b\x08" + data)


@settings(max_examples=20, deadline=None)
@given(st.text(max_size=1000))
def test_any_text_as_html_or_text(text: str) -> None:
    for markup in (f"<html><body><p>{text}</p></body></html>", text):
        assert ingest(markup.encode("utf-8", errors="surrogatepass"))
