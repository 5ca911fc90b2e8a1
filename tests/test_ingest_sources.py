"""iter_pages: paths, folders, stdin, content sniffing, gzip, WARC and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dossier.errors import (
    EmptyInput,
    InputError,
    TooLarge,
    TruncatedInput,
    UnsupportedInput,
)
from dossier.ingest import iter_pages
from dossier.records import Page
from dossier.settings import Settings

HTML = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello.</p></body></html>"
TEXT = b"Ferry minister resigns\n\nThe minister of Valdoria resigned on Sunday.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"


def pages(paths: list[str], settings: Settings | None = None) -> list[Page | InputError]:
    return list(iter_pages(paths, settings or Settings()))


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def make_warc(records: list[tuple[str, str, bytes]], compress: bool = False) -> bytes:
    """A WARC with one response record per (url, content type, body)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, ctype, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2023-06-14T09:30:00Z"},
        )
        writer.write_record(record)
    return buffer.getvalue()


def test_kind_comes_from_content_not_name(tmp_path: Path) -> None:
    html_named_txt = write(tmp_path / "page.txt", HTML)
    text_named_html = write(tmp_path / "page.html", TEXT)
    first, second = pages([html_named_txt, text_named_html])
    assert isinstance(first, Page) and first.kind == "html"
    assert isinstance(second, Page) and second.kind == "text"


def test_html_without_doctype_is_html(tmp_path: Path) -> None:
    body = b"<div class='story'><p>One.</p><p>Two.</p><a href='/x'>x</a></div>"
    (page,) = pages([write(tmp_path / "frag", body)])
    assert isinstance(page, Page) and page.kind == "html"


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    write(tmp_path / "b" / "2.txt", TEXT)
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / ".hidden.txt", TEXT)
    write(tmp_path / ".git" / "inside.txt", TEXT)
    found = pages([str(tmp_path)])
    assert [Path(p.source).relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b/2.txt"]


def test_many_files_keep_going_past_a_bad_one(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", TEXT)
    found = pages([str(tmp_path / "missing.html"), good])
    assert isinstance(found[0], InputError)
    assert "no such file or folder" in str(found[0])
    assert "missing.html" in str(found[0])
    assert isinstance(found[1], Page)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HTML)))
    (page,) = pages(["-"])
    assert isinstance(page, Page) and page.kind == "html" and page.data == HTML


def test_empty_file(tmp_path: Path) -> None:
    (error,) = pages([write(tmp_path / "empty.html", b"")])
    assert isinstance(error, EmptyInput)
    assert "empty.html" in str(error)


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    (error,) = pages([write(tmp_path / "blank.txt", b"  \n\n\t ")])
    assert isinstance(error, EmptyInput)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (PNG, "a PNG image, not a news page"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_files_are_unsupported(tmp_path: Path, data: bytes, words: str) -> None:
    (error,) = pages([write(tmp_path / "story.html", data)])
    assert isinstance(error, UnsupportedInput)
    assert words in error.reason
    assert "story.html" in str(error)


def test_gzip_is_unpacked_and_sniffed_again(tmp_path: Path) -> None:
    (page,) = pages([write(tmp_path / "noext", gzip.compress(HTML))])
    assert isinstance(page, Page) and page.kind == "html" and page.data == HTML


def test_gzip_of_png_is_unsupported(tmp_path: Path) -> None:
    (error,) = pages([write(tmp_path / "x.gz", gzip.compress(PNG))])
    assert isinstance(error, UnsupportedInput)


def test_truncated_gzip(tmp_path: Path) -> None:
    packed = gzip.compress(HTML * 200)
    (error,) = pages([write(tmp_path / "cut.html.gz", packed[: len(packed) // 2])])
    assert isinstance(error, TruncatedInput)
    assert "cut.html.gz" in str(error)


def test_large_file_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    (error,) = pages([str(big)])
    assert isinstance(error, TooLarge)
    assert "huge.html" in str(error) and "200.0 MB" in str(error)


def test_gzip_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * (3 * 1024 * 1024))
    settings = Settings(max_bytes=1024 * 1024)
    (error,) = pages([write(tmp_path / "bomb.gz", bomb)], settings)
    assert isinstance(error, TooLarge)
    assert "unpacks to more than" in error.reason


def test_warc_html_responses_become_pages(tmp_path: Path) -> None:
    warc = make_warc(
        [
            ("https://news.example/a", "text/html; charset=utf-8", HTML),
            ("https://news.example/logo.png", "image/png", PNG),
            ("https://news.example/b", "text/html", HTML.replace(b"Hello", b"Bye")),
        ]
    )
    found = pages([write(tmp_path / "crawl.warc", warc)])
    assert [p.url for p in found if isinstance(p, Page)] == [
        "https://news.example/a",
        "https://news.example/b",
    ]
    assert all(isinstance(p, Page) and p.captured == "2023-06-14" for p in found)
    assert all(isinstance(p, Page) and p.kind == "html" for p in found)
    assert len({p.source for p in found}) == 2


def test_warc_gz(tmp_path: Path) -> None:
    warc = make_warc([("https://news.example/a", "text/html", HTML)], compress=True)
    (page,) = pages([write(tmp_path / "crawl.warc.gz", warc)])
    assert isinstance(page, Page) and page.data == HTML


def test_warc_corrupt_record_keeps_the_good_ones(tmp_path: Path) -> None:
    records = [(f"https://news.example/{i}", "text/html", HTML) for i in range(3)]
    warc = make_warc(records)
    second = warc.index(b"WARC/1", 10)
    damaged = warc[:second] + b"WARX/9.9 garbage\r\n" + warc[second + 9 :]
    found = pages([write(tmp_path / "bad.warc", damaged)])
    errors = [p for p in found if isinstance(p, InputError)]
    good = [p.url for p in found if isinstance(p, Page)]
    assert len(errors) == 1
    assert "bad.warc" in str(errors[0]) and f"byte {second}" in str(errors[0])
    assert good == ["https://news.example/0", "https://news.example/2"]


def test_truncated_warc_gz_keeps_the_complete_records(tmp_path: Path) -> None:
    records = [(f"https://news.example/{i}", "text/html", HTML * 40) for i in range(3)]
    warc = make_warc(records, compress=True)
    found = pages([write(tmp_path / "cut.warc.gz", warc[: len(warc) - 200])])
    good = [p.url for p in found if isinstance(p, Page)]
    errors = [p for p in found if isinstance(p, InputError)]
    assert good == ["https://news.example/0", "https://news.example/1"]
    assert errors and all(isinstance(e, TruncatedInput) for e in errors)
    assert all("cut.warc.gz" in str(e) for e in errors)


def test_truncated_plain_warc_drops_the_partial_record(tmp_path: Path) -> None:
    records = [(f"https://news.example/{i}", "text/html", HTML * 40) for i in range(2)]
    warc = make_warc(records)
    found = pages([write(tmp_path / "cut.warc", warc[: len(warc) - 300])])
    assert [p.url for p in found if isinstance(p, Page)] == ["https://news.example/0"]
    assert isinstance(found[-1], TruncatedInput)
    assert "cut off" in found[-1].reason
