"""Page metadata on Mozilla Readability's test pages: Dossier vs plain trafilatura.

    python bench/metadata.py [--data ../shared/data] [--repeat 1] [--show title]

Each test page carries the metadata Readability expects (title, byline, site name, published
time). Dossier's stored values come from its whole HTML path (`extract_article`); trafilatura's
from `extract_metadata` (title, author, sitename, date). Comparison is normalised: case,
spacing, quote and dash styles, a leading "By"; authors are compared as sets of names, from the
byline's first line (later lines hold dates and desks); dates by their calendar day. A field
scores on the pages where a value is expected; a value given where none is expected is counted
apart, and for dates split into those the page supports (the date is written in it somewhere)
and those it does not (invented). Readability's expectations are its own output, so some are
debatable (a related story's byline, a date line as the byline, a title kept with its site
tail); the scores are a comparison, not a truth. Nothing is written.
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from rich.console import Console
from rich.table import Table

from dossier.errors import InputError
from dossier.ingest import extract_article, html
from dossier.ingest.decode import decode_bytes
from dossier.records import Page
from dossier.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("title", "authors", "site", "date")
_SPACE = re.compile(r"\s+")
_BY = re.compile(r"^(?:written\s+)?(?:by|par|por|von)\b[:\s]*", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:[,;&()]|\b(?:and|with|avec|et|und|y)\b)\s*", re.IGNORECASE)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_STYLES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass
class Meta:
    """One system's answer (or the expected values) for one page, as plain strings."""

    title: str = ""
    authors: str = ""
    site: str = ""
    date: str = ""


@dataclass
class TestPage:
    name: str
    raw: bytes
    expected: Meta


def norm(text: str | None) -> str:
    """Case, spacing and quote/dash styles out of the way."""
    text = unicodedata.normalize("NFKC", text or "").translate(_STYLES)
    return _SPACE.sub(" ", text).strip().casefold()


def name_set(text: str) -> frozenset[str]:
    """A byline as a set of names: "By A, B and C (with D)" → {a, b, c, d}.

    Only the byline's first line counts (Readability keeps the whole byline element, whose
    later lines hold dates and desks), and links in it are not names.
    """
    text = norm(_BY.sub("", text.strip()).split("\n")[0])
    names = (n.strip(" .") for n in _NAME_SPLIT.split(text))
    return frozenset(n for n in names if n and "://" not in n)


def day(text: str) -> str:
    """The calendar part of a date (`2021-11-01T10:52` → `2021-11-01`); partial dates kept."""
    return norm(text)[:10]


def same(field: str, expected: str, got: str) -> bool:
    if field == "authors":
        return name_set(expected) == name_set(got)
    if field == "date":
        return day(expected) == day(got)
    return norm(expected) == norm(got)


def date_in_page(date: str, raw: bytes) -> bool:
    """Whether the page writes this date anywhere, in one of the common forms."""
    match = _DAY.match(date)
    if not match:
        return date[:4].encode() in raw
    y, m, d = match.groups()
    month, abbr, dd, mm = calendar.month_name[int(m)], calendar.month_abbr[int(m)], int(d), int(m)
    forms = (
        f"{y}-{m}-{d}", f"{y}/{m}/{d}", f"{d}.{m}.{y}", f"{d}/{m}/{y}", f"{m}/{d}/{y}",
        f"{y}{m}{d}", f"{month} {dd}, {y}", f"{dd} {month} {y}", f"{abbr} {dd}, {y}",
        f"{abbr}. {dd}, {y}", f"{dd} {abbr} {y}", f"{dd}. {month} {y}",
        f"{dd}/{mm:02d}/{y[2:]}", f"{mm}/{dd}/{y[2:]}", f"{mm}/{dd}/{y}", f"{dd}/{mm}/{y}",
        f"{y}.{m}.{d}",
    )  # fmt: skip
    page = raw.decode("utf-8", "replace").casefold()
    return any(form.casefold() in page for form in forms)


def load(data: Path) -> list[TestPage]:
    """Every test page with its expected metadata."""
    pages = []
    for folder in sorted((data / "readability-testpages" / "test-pages").iterdir()):
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        expected = Meta(
            title=meta.get("title") or "",
            authors=meta.get("byline") or "",
            site=meta.get("siteName") or "",
            date=meta.get("publishedTime") or "",
        )
        pages.append(TestPage(folder.name, (folder / "source.html").read_bytes(), expected))
    return pages


def dossier(settings: Settings) -> Callable[[TestPage], Meta]:
    """What Dossier stores for the page; a refused page stores nothing."""

    def run(page: TestPage) -> Meta:
        try:
            found = extract_article(Page(source=page.name, data=page.raw, kind="html"), settings)
        except InputError:
            return Meta()
        return Meta(
            title=found.title or "",
            authors=", ".join(found.authors),
            site=found.site or "",
            date=found.published or "",
        )

    return run


def dossier_metadata_only(page: TestPage) -> Meta:
    """Dossier's metadata step alone (decoding and metadata, no body): for the speed column."""
    found = html.extract_metadata(decode_bytes(page.raw, page.name, html=True)[0])
    return Meta(found.title or "", ", ".join(found.authors), found.site or "", found.date or "")


def trafilatura_metadata(page: TestPage) -> Meta:
    """Plain trafilatura `extract_metadata` with its defaults, on the page decoded as UTF-8."""
    found = trafilatura.extract_metadata(page.raw.decode("utf-8", "replace"))
    return Meta(
        title=found.title or "",
        authors=found.author or "",
        site=found.sitename or "",
        date=found.date or "",
    )


def timed(
    run: Callable[[TestPage], Meta], pages: list[TestPage], repeat: int
) -> tuple[dict[str, Meta], float]:
    """Outputs by page name and the best pages/s over `repeat` passes (after a warm-up)."""
    for page in pages[:5]:
        run(page)
    best = float("inf")
    outputs: dict[str, Meta] = {}
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        outputs = {page.name: run(page) for page in pages}
        best = min(best, time.perf_counter() - start)
    return outputs, len(pages) / best


def score(pages: list[TestPage], outputs: dict[str, Meta]) -> dict[str, tuple[int, int, int, int]]:
    """Per field: (right, expected, given where none expected, of those not in the page)."""
    result = {}
    for field in FIELDS:
        right = wanted = extra = unsupported = 0
        for page in pages:
            expected, got = getattr(page.expected, field), getattr(outputs[page.name], field)
            if expected.strip():
                wanted += 1
                right += bool(got) and same(field, expected, got)
            elif got:
                extra += 1
                unsupported += field == "date" and not date_in_page(got, page.raw)
        result[field] = (right, wanted, extra, unsupported)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes; the best counts")
    parser.add_argument("--show", choices=FIELDS, help="list the pages a system gets wrong")
    args = parser.parse_args()
    pages = load(args.data)
    systems = {"Dossier": dossier(Settings()), "trafilatura": trafilatura_metadata}
    outputs, speed = {}, {}
    for name, run in systems.items():
        outputs[name], speed[name] = timed(run, pages, args.repeat)
    if hasattr(html, "extract_metadata"):  # older checkouts have no metadata-only step
        speed["Dossier metadata step"] = timed(dossier_metadata_only, pages, args.repeat)[1]
    table = Table(
        title=f"Page metadata, {len(pages)} Readability test pages",
        caption=(
            "right / pages where a value is expected; 'extra' = given where none is expected; "
            "'invented' = an extra date the page does not write anywhere"
        ),
    )
    for column in ("system", *FIELDS, "extra dates", "invented", "pages/s"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name in systems:
        scores = score(pages, outputs[name])
        cells = [f"{r / w:.3f} ({r}/{w})" for r, w, _, _ in scores.values()]
        _, _, extra, unsupported = scores["date"]
        table.add_row(name, *cells, str(extra), str(unsupported), f"{speed[name]:.1f}")
    if "Dossier metadata step" in speed:
        table.add_row("Dossier metadata step", *[""] * 6, f"{speed['Dossier metadata step']:.1f}")
    Console(width=140).print(table)
    if args.show:
        for page in pages:
            expected = getattr(page.expected, args.show)
            got = {name: getattr(outputs[name][page.name], args.show) for name in systems}
            if any(bool(v) != bool(expected) or (v and not same(args.show, expected, v))
                   for v in got.values()):  # fmt: skip
                print(f"{page.name}\n  expected {expected!r}")
                for name, value in got.items():
                    ok = value and same(args.show, expected, value)
                    ok = ok or not (expected or value)
                    print(f"  {'ok ' if ok else 'XX '}{name}: {value!r}")


if __name__ == "__main__":
    main()
