"""Publication dates from plain text, only where the text gives evidence for them.

Three kinds of evidence, strongest first: a dateline or a date line above the body
("NORTHPORT, March 3, 2024 —", "Published March 3, 2024"); a weekday with day and month that
fits exactly one year in a plausible range ("Tuesday, November 30" → the year); a copyright
year, which only bounds the date from above. Nothing is invented: what the text leaves open
stays open, so a date without a year stays `--MM-DD`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
#: "March 3, 2024", "3 March 2024", "March 2024" (day optional), with an optional weekday.
_DATE = re.compile(
    rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}(?:\s+{_DAY})?(?:,?\s+{_YEAR})?|"
    + rf"{_DAY.replace('day>', 'day2>')}\s+{_MONTH.replace('month>', 'month2>')}"
    + rf"(?:,?\s+{_YEAR.replace('year>', 'year2>')})?)\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
#: A dateline opens the body: a place in capitals (maybe with an agency), a date, a dash.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Za-z .]{2,30})?\s*(?:\([A-Za-z .]{1,20}\))?\s*[,—–-]\s*"
    r"(?P<date>[^—–\n]{4,40}?)\s*(?:[—–]|--|-\s|:)",
)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:published|posted|first published|date)\s*(?:on|:)?\s*)?(?P<date>.{4,40}?)\s*$",
    re.IGNORECASE,
)
#: A byline that ends with the date ("Posted by A on May 4, 2024", "By A | 4 May 2023").
_BYLINE_DATE = re.compile(
    r"^\s*(?:posted |written |published )?by\b.*?(?:\s+on\s+|\s*[|•·–—]\s*)(?P<date>.{4,40}?)\s*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright|@)\s*(?:(?:19|20)\d\d\s*[-–]\s*)?(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
#: How many years back from the upper bound a weekday date may point to.
_YEARS_BACK = 10
#: The years a copyright line may plausibly name (fixed, so that no result depends on the clock).
_FIRST_YEAR, _LAST_YEAR = 1990, 2099


@dataclass
class TextDate:
    """A date found in a text and how sure it is."""

    #: Full or partial ISO date, or None.
    published: str | None = None
    #: Latest year the text can be from (a copyright line).
    not_after: str | None = None


def find_text_date(header: list[str], body: list[str], footer: list[str]) -> TextDate:
    """Date a plain-text article from its header lines, body paragraphs and footer lines.

    Nothing here reads the clock: a weekday with a day and month gives a year only when a
    copyright line bounds the search, since the day Dossier runs says nothing about the text.
    """
    not_after = _copyright_year(header + footer + body[-2:])
    upper = int(not_after) if not_after else None
    found: str | None = None
    if body:
        match = _DATELINE.match(body[0])
        if match:
            found = _resolve(match.group("date"), upper, whole=True)
    if found is None:
        for line in header:
            matches = (_DATE_LINE.match(line), _BYLINE_DATE.match(line))
            dates = [_resolve(m.group("date"), upper, whole=True) for m in matches if m]
            found = next((d for d in dates if d), None)
            if found:
                break
    if found is None:
        found = _year_from_weekdays(" ".join(body), upper)
    vague = found is None or found.startswith("--")
    return TextDate(published=found, not_after=not_after if vague else None)


def _resolve(text: str, upper: int | None, whole: bool) -> str | None:
    """Normalise a date phrase; with `whole`, the phrase must be nothing but the date."""
    iso = _ISO.fullmatch(text.strip()) if whole else _ISO.search(text)
    if iso:
        return _iso(int(iso["year"]), int(iso["month"]), int(iso["day"]))
    match = _DATE.fullmatch(text.strip(" ,.")) if whole else _DATE.search(text)
    if not match:
        return None
    month, day, year = _parts(match)
    if day is not None and not 1 <= day <= 31:
        return None
    if year is not None:
        return _iso(year, month, day) if day else f"{year:04d}-{month:02d}"
    if day is None:
        return None
    if match["weekday"] and upper is not None:
        years = _years_fitting(match["weekday"], month, day, upper)
        if len(years) == 1:
            return _iso(years[0], month, day)
    return f"--{month:02d}-{day:02d}"


def _parts(match: re.Match[str]) -> tuple[int, int | None, int | None]:
    """Month, day and year of a `_DATE` match, whichever order the text used."""
    month = match["month"] or match["month2"]
    day = match["day"] or match["day2"]
    year = match["year"] or match["year2"]
    return (
        _MONTHS[month.lower()[:3]],
        int(day) if day else None,
        int(year) if year else None,
    )


def _year_from_weekdays(text: str, upper: int | None) -> str | None:
    """The year that every "weekday, month day" in the body agrees on, if exactly one."""
    if upper is None:
        return None
    candidates: set[int] | None = None
    for match in _DATE.finditer(text):
        month, day, year = _parts(match)
        if not match["weekday"] or day is None or year is not None:
            continue
        years = set(_years_fitting(match["weekday"], month, day, upper))
        candidates = years if candidates is None else candidates & years
    if candidates and len(candidates) == 1:
        return f"{candidates.pop():04d}"
    return None


def _years_fitting(weekday: str, month: int, day: int, upper: int) -> list[int]:
    """Years in [upper - 10, upper] in which that day of that month falls on that weekday."""
    wanted = _WEEKDAYS.index(weekday.lower())
    years = []
    for year in range(upper - _YEARS_BACK, upper + 1):
        try:
            if dt.date(year, month, day).weekday() == wanted:
                years.append(year)
        except ValueError:
            continue
    return years


def _copyright_year(lines: list[str]) -> str | None:
    """The latest year a copyright line names."""
    years = [int(m["year"]) for line in lines for m in _COPYRIGHT.finditer(line)]
    plausible = [y for y in years if _FIRST_YEAR <= y <= _LAST_YEAR]
    return f"{max(plausible):04d}" if plausible else None


def _iso(year: int, month: int, day: int | None) -> str | None:
    """A valid ISO date, or None for impossible ones (February 30)."""
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def written_date(iso: str, text: str) -> str | None:
    """As much of an ISO date as the text actually writes: the day, else the month, else None.

    Guards dates a search assembled from scattered pieces (a copyright year, a time, a
    counter): a date is only kept as far as the page spells it out.
    """
    match = _ISO.match(iso)
    if not match:
        return None
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    for form in _day_forms(year, month, day):
        if form.search(text):
            return iso[:10]
    name = rf"{_MONTH_NAMES[month - 1]}[a-z]*\.?"
    month_forms = (rf"\b{name},?\s+{year}\b", rf"\b{year}[-/]{month:02d}\b")
    if any(re.search(form, text, re.IGNORECASE) for form in month_forms):
        return f"{year:04d}-{month:02d}"
    return None


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _day_forms(year: int, month: int, day: int) -> list[re.Pattern[str]]:
    """Ways a page writes one day: numeric in the three usual orders, or with a month name.

    Day-first and month-first forms must stand alone: inside a path or a query ("sid=03/01/24/…")
    they are identifiers, not dates.
    """
    y, yy = str(year), f"{year % 100:02d}"
    m, d = rf"0?{month}", rf"0?{day}"
    sep = r"[-/.]"
    name = rf"{_MONTH_NAMES[month - 1]}[a-z]*\.?"
    return [
        re.compile(rf"(?<!\d){y}{sep}{m}{sep}{d}(?!\d)"),
        re.compile(rf"(?<!\d){y}{month:02d}{day:02d}(?!\d)"),
        re.compile(rf"(?<![\d/=.-]){d}{sep}{m}{sep}(?:{y}|{yy})(?![\d/])"),
        re.compile(rf"(?<![\d/=.-]){m}{sep}{d}{sep}(?:{y}|{yy})(?![\d/])"),
        re.compile(rf"\b{name}\s+{d}(?:st|nd|rd|th)?,?\s+{y}\b", re.IGNORECASE),
        re.compile(rf"(?<!\d){d}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{name},?\s+{y}\b", re.IGNORECASE),
    ]
