"""Dates and periods stated in the body, normalised against the article's own date.

"Dec. 14" becomes 2025-12-14 when the article is dated 2025-12-17 and `--12-14` when its
date is unknown; "Tuesday, November 30" takes the year in which November 30 is a Tuesday,
near the article's date; "in 2021" and "1947" are years; "last month" and "yesterday" count
back from the article's date. Values are ISO 8601, full or partial; a period that cannot be
pinned down keeps its text with a None value.

    >>> normalise("Dec. 14", "2025-12-17")
    ('2025-12-14', 'date')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..records import TimeExpression
from ..settings import Settings
from .registry import Component, DocumentState, component

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUMBERS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 0, "few": 0}

_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?"
    r"|Nov\.?|Dec\.?)"
)
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_NOT_NUMBER_AFTER = r"(?![\d,.]\d)(?!\s*(?:%|percent|per cent))"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mo>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("numeric", re.compile(r"\b(?P<mo>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)/(?P<year>\d{4})\b")),
    ("mdy", re.compile(rf"(?:{_WD},?\s+)?\b{_MON}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")),
    ("dmy", re.compile(rf"(?:{_WD},?\s+)?\b{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR}\b)?")),
    ("month_year", re.compile(rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b")),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>last|next|this|past|coming|previous|earlier this|later this)\s+"
            r"(?P<unit>week|month|year|weekend|Monday|Tuesday|Wednesday|Thursday|Friday"
            r"|Saturday|Sunday|January|February|March|April|May|June|July|August|September"
            r"|October|November|December)\b",
            re.IGNORECASE,
        ),
    ),
    ("deictic", re.compile(r"\b(?P<deixis>yesterday|today|tomorrow)\b", re.IGNORECASE)),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago\b",
            re.IGNORECASE,
        ),
    ),
    ("month", re.compile(rf"\b(?:in|since|until|by|during|early|late|mid-)\s*{_MON}(?!\s+\d)\b")),
    ("weekday", re.compile(rf"\b{_WD}\b")),
    ("year", re.compile(rf"(?<![\d$£€.,/-]){_YEAR}\b{_NOT_NUMBER_AFTER}(?!-\d)")),
]
_FUTURE = re.compile(
    r"\b(?:will|'ll|’ll|shall|(?:is|are) due to|scheduled|upcoming|(?:is|are) set to"
    r"|(?:is|are) expected to|plans? to|intends? to|(?:is|are) going to)\b"
)
#: "said she would meet him on Wednesday": a future seen from the time of the report. Only
#: before the date, so that "said on Tuesday that he would" stays in the past.
_WOULD = re.compile(r"\b(?:would|was to|were to)\b")
_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+(?=[A-Z“\"])")


@dataclass(frozen=True)
class _Anchor:
    """The document's date, as far as it is known."""

    year: int | None
    month: int | None
    day: int | None

    @classmethod
    def parse(cls, published: str | None) -> _Anchor:
        if not published:
            return cls(None, None, None)
        full = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published)
        if full:
            y, m, d = full.groups()
            return cls(int(y), int(m) if m else None, int(d) if d else None)
        partial = re.fullmatch(r"--(\d{2})-(\d{2})", published)
        if partial:
            return cls(None, int(partial.group(1)), int(partial.group(2)))
        return cls(None, None, None)

    @property
    def date(self) -> date | None:
        if self.year and self.month and self.day:
            try:
                return date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _year_for(month: int, day: int, weekday: int | None, anchor: _Anchor) -> int | None:
    """The year a month-day without one most likely means: near the document's date."""
    if anchor.year is None:
        return None
    reference = anchor.date or date(anchor.year, anchor.month or 7, 1)
    options: list[tuple[int, int]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        mismatch = weekday is not None and candidate.weekday() != weekday
        options.append((int(mismatch) * 1000 + abs((candidate - reference).days), year))
    return min(options)[1] if options else None


def _iso(year: int | None, month: int, day: int) -> str | None:
    try:
        date(year or 2000, month, day)  # a leap year checks Feb 29 when the year is unknown
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _value(kind: str, match: re.Match[str], anchor: _Anchor, future: bool) -> str | None:
    """The ISO value of one matched expression."""
    groups = match.groupdict()
    if kind in {"iso", "numeric"}:
        return _iso(int(groups["year"]), int(groups["mo"]), int(groups["day"]))
    if kind in {"mdy", "dmy"}:
        month, day = _month(groups["mon"]), int(groups["day"])
        weekday = _WEEKDAYS[groups["wd"].lower()] if groups.get("wd") else None
        year = int(groups["year"]) if groups.get("year") else _year_for(month, day, weekday, anchor)
        return _iso(year, month, day)
    if kind == "month_year":
        return f"{int(groups['year']):04d}-{_month(groups['mon']):02d}"
    if kind == "year":
        return groups["year"]
    if kind == "month":
        month = _month(groups["mon"])
        if anchor.year is None:
            return f"--{month:02d}"
        year = anchor.year
        if anchor.month and not future and month > anchor.month + 1:
            year -= 1
        if anchor.month and future and month < anchor.month and not _since(match.group(0)):
            year += 1  # "will fly there in March", written in December: next March
        return f"{year:04d}-{month:02d}"
    return _relative(kind, groups, anchor, future)


def _relative(kind: str, groups: dict[str, str], anchor: _Anchor, future: bool) -> str | None:
    """Values of expressions counted from the document's date."""
    today = anchor.date
    if kind == "deictic":
        if today is None:
            return None
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[groups["deixis"].lower()]
        return (today + timedelta(days=shift)).isoformat()
    if kind == "weekday":
        if today is None:
            return None
        target = _WEEKDAYS[groups["wd"].lower()]
        if future:
            delta = (target - today.weekday()) % 7 or 7
            return (today + timedelta(days=delta)).isoformat()
        delta = (today.weekday() - target) % 7
        return (today - timedelta(days=delta)).isoformat()
    if kind == "ago":
        n = groups["n"].lower()
        count = int(n) if n.isdigit() else _NUMBERS.get(n, 0)
        unit = groups["unit"].lower()
        if unit == "year" and anchor.year:
            return f"{anchor.year - count:04d}"
        if unit == "month" and anchor.year and anchor.month:
            y, m = _shift_month(anchor.year, anchor.month, -count)
            return f"{y:04d}-{m:02d}"
        if unit in {"day", "week"} and today is not None:
            days = count * (7 if unit == "week" else 1)
            return (today - timedelta(days=days)).isoformat() if unit == "day" else None
        return None
    rel, unit = groups["rel"].lower(), groups["unit"].lower()
    if rel in {"past", "coming"} and unit in {"week", "month", "year", "weekend"}:
        return None  # "the past year": a stretch of time ending now, not a calendar year
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "year" and anchor.year:
        return f"{anchor.year + step:04d}"
    if unit == "month" and anchor.year and anchor.month:
        y, m = _shift_month(anchor.year, anchor.month, step)
        return f"{y:04d}-{m:02d}"
    if unit in _WEEKDAYS and today is not None:
        target = _WEEKDAYS[unit]
        if step < 0:
            delta = (today.weekday() - target) % 7 or 7
            return (today - timedelta(days=delta)).isoformat()
        if step > 0:
            delta = (target - today.weekday()) % 7 or 7
            return (today + timedelta(days=delta)).isoformat()
        return None
    if unit in _MONTHS and anchor.year:
        month = _MONTHS[unit]
        year = anchor.year + step
        if step < 0 and anchor.month and month < anchor.month:
            year = anchor.year
        return f"{year:04d}-{month:02d}"
    return None


def _since(text: str) -> bool:
    """ "since March" looks back, whatever the tense around it."""
    return text.lower().startswith("since")


def _future(text: str, start: int, end: int) -> bool:
    """True when the sentence around [start, end) speaks of what is still to come."""
    before = text[max(0, start - 90) : start]
    cut = list(_SENTENCE_END.finditer(before))
    if cut:
        before = before[cut[-1].end() :]
    after = text[end : end + 25]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[: stop.start()]
    return bool(_FUTURE.search(before + text[start:end] + after) or _WOULD.search(before))


def not_before_document(time: TimeExpression, published: str | None) -> str | None:
    """The value of a month stated without a year, moved to come after the document's month.

    For what is planned ("would sign once he takes office in March") the next such month is
    meant, whatever tense the nearby words have. A weekday is left alone: "reported on
    Wednesday that he intends to" dates the report, not the plan.
    """
    anchor = _Anchor.parse(published)
    value = time.value
    if value is None or anchor.year is None or anchor.month is None or _since(time.text):
        return value
    if (
        time.kind == "month"
        and re.fullmatch(r"\d{4}-\d{2}", value)
        and not re.search(r"\d{4}", time.text)
    ):
        year, month = int(value[:4]), int(value[5:])
        if (year, month) < (anchor.year, anchor.month):
            return f"{year + 1:04d}-{month:02d}"
    return value


_KINDS = {
    "iso": "date",
    "numeric": "date",
    "mdy": "date",
    "dmy": "date",
    "month_year": "month",
    "year": "year",
    "month": "month",
    "relative": "relative",
    "deictic": "relative",
    "ago": "relative",
    "weekday": "relative",
}


def find_times(text: str, published: str | None) -> list[TimeExpression]:
    """Every date or period in `text`, longest match first, with its normalised value."""
    anchor = _Anchor.parse(published)
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            value = _value(kind, match, anchor, _future(text, start, end))
            taken.append((start, end))
            found.append(TimeExpression(start, end, match.group(0), value, _KINDS[kind]))
    found.sort(key=lambda t: t.start)
    return found


def normalise(text: str, published: str | None) -> tuple[str | None, str]:
    """(ISO value, kind) of one temporal expression against the document's date."""
    times = find_times(text, published)
    if not times:
        return None, "unknown"
    best = max(times, key=lambda t: t.end - t.start)
    return best.value, best.kind


def document_times(state: DocumentState) -> list[TimeExpression]:
    """The body's time expressions, computed once per document and shared by components."""
    cached = state.extras.get("times")
    if isinstance(cached, list):
        return cached
    times = find_times(state.article.text, state.article.published)
    state.extras["times"] = times
    return times


def sentence_date(
    state: DocumentState, start: int, end: int, *, planned: bool = False
) -> str | None:
    """The first dated expression (date, month or year) the span [start, end) states.

    With `planned`, a month or weekday without a year is the next one after the document.
    """
    inside = [t for t in document_times(state) if start <= t.start and t.end <= end and t.value]
    return first_date(inside, state, planned=planned)


def first_date(
    inside: list[TimeExpression], state: DocumentState, *, planned: bool = False
) -> str | None:
    """The date the first of `inside` states, calendar dates before relative ones ("last
    week"); with `planned`, a month or weekday without a year is the next after the document."""
    ordered = [t for t in inside if t.kind != "relative"] + [
        t for t in inside if t.kind == "relative"
    ]
    if not ordered:
        return None
    if planned:
        return not_before_document(ordered[0], state.article.published)
    return ordered[0].value


@component("temporal")
def make_temporal(settings: Settings) -> Component:
    def run(state: DocumentState) -> None:
        if state.article.language not in (None, "en", "und"):
            return
        state.analysis.times = list(document_times(state))

    return run
