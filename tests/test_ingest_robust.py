"""Regressions from probes of issue 10: no input ends a batch, and none vanishes silently.

Each bad WARC record, gzip member, folder or file is one `InputError` naming the file, where
in it, and why; the good records around a bad one still come through.
"""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dossier.cli import app
from dossier.errors import InputError, NoArticle, TooLarge, TruncatedInput
from dossier.ingest import extract_article, iter_pages
from dossier.records import Page
from dossier.settings import Settings

HTML = (
    b"<!DOCTYPE html><html><head><title>Ferry</title></head><body><article><p>The ferry "
    b"minister of Valdoria resigned on Sunday after the strike.</p></article></body></html>"
)
GARBAGE = bytes(range(32)) * 4


def pages(paths: list[str | Path]) -> list[Page | InputError]:
    return list(iter_pages([str(p) for p in paths], Settings()))


def response(url: str | None, body: bytes, http: bool = True, compress: bool = False) -> bytes:
    """One WARC response record (optionally without its Target-URI or its HTTP headers)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url or "https://news.example/none",
        "response",
        payload=io.BytesIO(body),
        http_headers=headers if http else None,
        warc_headers_dict={"WARC-Date": "2023-06-14T09:30:00Z"},
    )
    writer.write_record(record)
    data = buffer.getvalue()
    if url is None:
        assert not compress
        data = data.replace(b"WARC-Target-URI: https://news.example/none\r\n", b"")
    return data


def raw_record(warc_type: str, block: bytes, extra: bytes = b"") -> bytes:
    head = f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nContent-Length: {len(block)}\r\n".encode()
    return head + extra + b"\r\n" + block + b"\r\n\r\n"


def split(found: list[Page | InputError]) -> tuple[list[Page], list[InputError]]:
    good = [p for p in found if isinstance(p, Page)]
    bad = [p for p in found if isinstance(p, InputError)]
    return good, bad


def test_record_without_target_uri_is_a_page_without_url(tmp_path: Path) -> None:
    path = tmp_path / "nouri.warc"
    path.write_bytes(response(None, HTML))
    (page,) = pages([path])
    assert isinstance(page, Page) and page.url is None and page.data == HTML
    assert page.captured == "2023-06-14"


def test_html_response_without_http_headers_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bare.warc"
    path.write_bytes(raw_record("response", HTML, b"WARC-Target-URI: https://news.example/b\r\n"))
    (page,) = pages([path])
    assert isinstance(page, Page) and page.url == "https://news.example/b" and page.data == HTML


def test_garbage_record_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "garbage.warc"
    path.write_bytes(raw_record("response", GARBAGE))
    (error,) = pages([path])
    assert isinstance(error, InputError)
    assert "garbage.warc" in str(error) and "record 1 at byte 0" in error.reason
    assert "not a news page" in error.reason


def test_garbage_among_good_records(tmp_path: Path) -> None:
    first = response("https://news.example/1", HTML)
    bad = raw_record("response", GARBAGE)
    path = tmp_path / "mixed.warc"
    path.write_bytes(first + bad + response("https://news.example/2", HTML))
    good, errors = split(pages([path]))
    assert [p.url for p in good] == ["https://news.example/1", "https://news.example/2"]
    (error,) = errors
    assert f"record 2 at byte {len(first)}" in error.reason


def test_stray_bytes_between_records(tmp_path: Path) -> None:
    first = response("https://news.example/1", HTML)
    path = tmp_path / "stray.warc"
    path.write_bytes(first + b"this is not a record\n" + response("https://news.example/2", HTML))
    good, errors = split(pages([path]))
    assert len(good) == 2
    (error,) = errors
    assert f"at byte {len(first)}, bytes that are not a WARC record" in error.reason


def test_warcinfo_only_is_one_line(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    path = tmp_path / "info.warc"
    path.write_bytes(buffer.getvalue())
    (error,) = pages([path])
    assert isinstance(error, NoArticle)
    assert error.reason == "a web archive with no HTML page in it (it holds 1 warcinfo record)"


def test_archive_of_images_is_one_line(tmp_path: Path) -> None:
    block = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n"
    path = tmp_path / "images.warc"
    path.write_bytes(raw_record("response", block) * 2)
    (error,) = pages([path])
    assert isinstance(error, NoArticle) and "2 image/png responses" in error.reason


def test_record_without_content_length(tmp_path: Path) -> None:
    broken = b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + HTML + b"\r\n\r\n"
    path = tmp_path / "nolength.warc"
    path.write_bytes(broken + response("https://news.example/2", HTML))
    good, errors = split(pages([path]))
    assert [p.url for p in good] == ["https://news.example/2"]
    assert "has no valid Content-Length" in errors[0].reason


def test_chunked_and_gzip_encoded_response(tmp_path: Path) -> None:
    packed = gzip.compress(HTML)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(packed), packed)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
    block = head + b"Content-Encoding: gzip\r\n\r\n" + chunked
    path = tmp_path / "encoded.warc"
    path.write_bytes(raw_record("response", block))
    (page,) = pages([path])
    assert isinstance(page, Page) and page.data == HTML


def test_damaged_gzip_member_in_the_middle(tmp_path: Path) -> None:
    members = [response(f"https://news.example/{i}", HTML, compress=True) for i in range(3)]
    middle = bytearray(members[1])
    middle[len(middle) // 2] ^= 0xFF
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(members[0] + bytes(middle) + members[2])
    good, errors = split(pages([path]))
    assert [p.url for p in good] == ["https://news.example/0", "https://news.example/2"]
    (error,) = errors
    assert "crawl.warc.gz" in str(error)
    assert f"at byte {len(members[0])}, damaged gzip data" in error.reason
    third = len(members[0]) + len(middle)
    assert [p.source for p in good] == [f"{path}#0", f"{path}#{third}"]


def test_warc_gzipped_whole_is_one_member_with_many_records(tmp_path: Path) -> None:
    records = [response(f"https://news.example/{i}", HTML) for i in range(2)]
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(b"".join(records)))
    good, errors = split(pages([path]))
    assert not errors
    assert [p.source for p in good] == [f"{path}#0", f"{path}#0+{len(records[0])}"]


def test_damaged_gzip_header_in_the_middle(tmp_path: Path) -> None:
    members = [response(f"https://news.example/{i}", HTML, compress=True) for i in range(3)]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(members[0] + b"\x1f\x8b\x08" + b"\x00" * 40 + members[2])
    good, errors = split(pages([path]))
    assert [p.url for p in good] == ["https://news.example/0", "https://news.example/2"]
    assert len(errors) == 1


def test_damaged_member_of_plain_gzip_is_one_line(tmp_path: Path) -> None:
    packed = bytearray(gzip.compress(HTML * 50))
    packed[len(packed) // 2] ^= 0xFF
    path = tmp_path / "page.html.gz"
    path.write_bytes(bytes(packed))
    (error,) = pages([path])
    assert isinstance(error, InputError) and "damaged gzip data" in error.reason


def test_cut_gzip_is_truncated(tmp_path: Path) -> None:
    members = [response(f"https://news.example/{i}", HTML * 30, compress=True) for i in range(2)]
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(members[0] + members[1][:-40])
    good, errors = split(pages([path]))
    assert [p.url for p in good] == ["https://news.example/0"]
    (error,) = errors
    assert isinstance(error, TruncatedInput) and "cut off" in error.reason


def test_unlistable_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.html").write_bytes(HTML)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.html").write_bytes(HTML)
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:  # as root, chmod 000 still lists
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    good, errors = split(pages([tmp_path]))
    assert [Path(p.source).name for p in good] == ["good.html"]
    (error,) = errors
    assert error.source == str(locked)
    assert error.reason.startswith("a folder that cannot be read (Permission denied)")


def test_pipe_and_dangling_link_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "good.html").write_bytes(HTML)
    os.mkfifo(tmp_path / "pipe.html")
    (tmp_path / "gone.html").symlink_to(tmp_path / "nowhere.html")
    good, errors = split(pages([tmp_path]))
    assert len(good) == 1
    reasons = {Path(e.source).name: e.reason for e in errors}
    assert reasons == {
        "gone.html": "a link to a file that does not exist",
        "pipe.html": "not a regular file (a pipe, socket or device); not read",
    }


def test_pipe_named_directly_is_refused_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (error,) = pages([tmp_path / "pipe"])  # opening it would wait for a writer forever
    assert "not a regular file" in error.reason


def test_page_with_too_many_elements_is_refused_before_parsing() -> None:
    markup = b"<html><body>" + b"<div><a href='/x'>Story</a></div>" * 30_000 + b"</body></html>"
    with pytest.raises(TooLarge, match="60,002 HTML elements, over the 50,000 limit"):
        extract_article(Page("listing.html", markup, "html"), Settings())


def test_page_with_too_much_text_is_refused_before_parsing() -> None:
    settings = Settings(max_chars=10_000)
    text = b"<p>" + b"The council met again. " * 1000 + b"</p>"
    script = b"<script>" + b"var x = 1;" * 5000 + b"</script>"
    page = b"<html><head>" + script + b"</head><body>" + text + b"</body></html>"
    with pytest.raises(TooLarge, match="about 23,000 characters, over the 10,000 limit"):
        extract_article(Page("long.html", page, "html"), settings)


def test_cli_add_one_line_per_bad_input_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "nouri.warc").write_bytes(response(None, b"<html><body><nav>Home</nav></body></html>"))
    (bad / "garbage.warc").write_bytes(raw_record("response", GARBAGE))
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    (bad / "info.warc").write_bytes(buffer.getvalue())
    os.mkfifo(bad / "pipe.html")
    (bad / "gone.html").symlink_to(bad / "nowhere")
    result = CliRunner().invoke(app, ["add", str(bad), "--db", str(tmp_path / "d.db"), "-q"])
    assert result.exit_code == 1
    names = ("nouri.warc", "garbage.warc", "info.warc", "pipe.html", "gone.html")
    for name in names:
        lines = [line for line in result.output.splitlines() if name in line]
        assert len(lines) == 1, (name, result.output)
    assert len(result.output.strip().splitlines()) == 5, result.output
    assert "Traceback" not in result.output


def test_unreachable_path_named_directly(tmp_path: Path) -> None:
    (tmp_path / "gone.html").symlink_to(tmp_path / "nowhere.html")
    too_long = tmp_path / ("x" * 300)
    dangling, unreachable = pages([tmp_path / "gone.html", too_long])
    assert isinstance(dangling, InputError)
    assert dangling.reason == "a link to a file that does not exist"
    assert isinstance(unreachable, InputError)
    assert unreachable.reason == "cannot be read (File name too long)"
