"""Dates normalised against the document's date (no model needed)."""

from __future__ import annotations

import pytest

from dossier.nlp.temporal import find_times, normalise

#: Dates must come out the same whatever day the suite runs on.
pytestmark = pytest.mark.clock


@pytest.mark.parametrize(
    ("text", "published", "value", "kind"),
    [
        ("Dec. 14", "2025-12-17", "2025-12-14", "date"),
        ("Dec. 14", None, "--12-14", "date"),
        ("Dec. 30", "2026-01-02", "2025-12-30", "date"),
        ("Tuesday, November 30", "2021", "2021-11-30", "date"),
        ("Tuesday, November 30", "2021-12-03", "2021-11-30", "date"),
        ("on 14 March 2020", None, "2020-03-14", "date"),
        ("in 2021", None, "2021", "year"),
        ("in 1947", "2025-12-17", "1947", "year"),
        ("last month", "2025-12-17", "2025-11", "relative"),
        ("last month", "2025-01-10", "2024-12", "relative"),
        ("last month", None, None, "relative"),
        ("yesterday", "2025-03-01", "2025-02-28", "relative"),
        ("two years ago", "2025-06-01", "2023", "relative"),
        ("December 2021", None, "2021-12", "month"),
        ("2024-02-29", None, "2024-02-29", "date"),
    ],
)
def test_normalise(text: str, published: str | None, value: str | None, kind: str) -> None:
    assert normalise(text, published) == (value, kind)


def test_weekday_picks_the_year_where_it_fits() -> None:
    # November 30 was a Tuesday in 2021 and a Wednesday in 2022.
    assert normalise("Tuesday, November 30", "2022-06-01")[0] == "2021-11-30"


def test_numbers_are_not_years() -> None:
    times = find_times("They won 58.30% and deported 300,000 people, paying $2,021.", "2025")
    assert times == []


def test_offsets_point_into_the_text() -> None:
    text = "On Dec. 16, he will fly south; in 2021 he ran and lost."
    times = find_times(text, "2025-12-17")
    assert [(t.text, t.value) for t in times] == [("Dec. 16", "2025-12-16"), ("2021", "2021")]
    assert all(text[t.start : t.end] == t.text for t in times)


def test_weekday_alone_follows_the_tense() -> None:
    past = find_times("The talks ended on Friday.", "2025-12-17")  # a Wednesday
    future = find_times("The talks will resume on Friday.", "2025-12-17")
    assert past[0].value == "2025-12-12"
    assert future[0].value == "2025-12-19"


def test_impossible_dates_get_no_value() -> None:
    assert normalise("February 30", "2025-03-01") == (None, "date")


def test_the_past_year_is_a_stretch_not_last_year() -> None:
    assert normalise("the past year", "2021-12-03") == (None, "relative")
