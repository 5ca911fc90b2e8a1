"""Quoted stretches of a body: paired quotation marks, straight or curly, across paragraphs.

Works on plain text, so it is exact to the character and needs no parse. A quotation that
runs over several paragraphs follows the newsroom convention: each paragraph opens with a
mark and only the last one closes; such a quotation is returned as one span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
OPEN_SINGLE = "‘"
CLOSE_SINGLE = "’"
STRAIGHT_SINGLE = "'"
ALL_MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + "'"


@dataclass(frozen=True)
class Quoted:
    """A quotation: `start`/`end` bound the words inside the marks (body offsets)."""

    start: int
    end: int
    #: Offset of the opening mark and just past the closing mark (equals `end` if unclosed).
    outer_start: int
    outer_end: int
    #: True for single marks ('…' or ‘…’), which headlines use for quotes and prose for irony.
    single: bool = False

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _double_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[Quoted]:
    """Pair double marks paragraph by paragraph, joining continued quotations."""
    spans: list[Quoted] = []
    carried: int | None = None  # outer_start of a quotation left open at a paragraph end
    for index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        nested = 0
        waiting: list[int] = []  # curly openers behind a nested one
        inner: list[Quoted] = []  # quotations closed inside one still open
        pos = p_start
        if carried is not None:
            first = text[p_start] if p_start < p_end else ""
            if first in OPEN_DOUBLE + STRAIGHT_DOUBLE:
                open_at = carried
                pos = p_start + 1
            carried = None
        while pos < p_end:
            ch = text[pos]
            after = text[pos + 1] if pos + 1 < p_end else " "
            before = text[pos - 1] if pos > p_start else " "
            closes = not _is_word_char(after) and not before.isspace()
            if open_at is None:
                # A closing mark typed where an opener belongs ("”We …” ― Vela") opens.
                typo = ch in CLOSE_DOUBLE and before.isspace() and _is_word_char(after)
                if ch in OPEN_DOUBLE or ch == STRAIGHT_DOUBLE or typo:
                    open_at, nested = pos, 0
            elif text[open_at] != STRAIGHT_DOUBLE:
                # Curly marks say their direction: an opener inside an open quotation starts a
                # nested one (“… what he calls “hell” …”), or, if the outer one never closes
                # in this paragraph, shows that it was left open and is dropped.
                if ch in OPEN_DOUBLE:
                    waiting.append(open_at)
                    open_at = pos
                elif (ch in CLOSE_DOUBLE or (ch == STRAIGHT_DOUBLE and closes)) and waiting:
                    inner.append(_make(text, open_at, pos))
                    open_at = waiting.pop()
                elif ch in CLOSE_DOUBLE or (ch == STRAIGHT_DOUBLE and closes):
                    spans.append(_make(text, open_at, pos))
                    open_at = None
                    inner = []
            elif ch in OPEN_DOUBLE:
                nested += 1  # "… “inner” …": curly quotation inside a straight one
            elif ch in CLOSE_DOUBLE and nested:
                nested -= 1
            elif ch in CLOSE_DOUBLE or ch == STRAIGHT_DOUBLE:
                spans.append(_make(text, open_at, pos))
                open_at = None
            pos += 1
        if inner:
            spans.extend(inner)  # the outer opener was never closed
        elif open_at is not None:
            following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if following is not None and text[following] in OPEN_DOUBLE + STRAIGHT_DOUBLE:
                carried = open_at
    return spans


def _single_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[Quoted]:
    """Pair single marks strictly: an opener starts a word, a closer ends one."""
    spans: list[Quoted] = []
    for p_start, p_end in paragraphs:
        open_at: int | None = None
        for pos in range(p_start, p_end):
            ch = text[pos]
            if ch not in OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_SINGLE:
                continue
            before = text[pos - 1] if pos > p_start else " "
            after = text[pos + 1] if pos + 1 < p_end else " "
            if open_at is None:
                if ch != CLOSE_SINGLE and not _is_word_char(before) and after.isalpha():
                    open_at = pos
            elif ch != OPEN_SINGLE and not before.isspace() and not _is_word_char(after):
                spans.append(_make(text, open_at, pos, single=True))
                open_at = None
    return spans


def _make(text: str, open_at: int, close_at: int, single: bool = False) -> Quoted:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quoted(start, end, open_at, close_at + 1, single)


_TWO_APOSTROPHES = re.compile(r"''|``")


def _as_double_mark(match: re.Match[str]) -> str:
    """Some wires write a quotation mark as two apostrophes (''…''); same length, one mark,
    put on the outer apostrophe so that both stay outside the quoted words."""
    after = match.string[match.end() : match.end() + 1]
    return '" ' if after.isalnum() else ' "'


_NICKNAME = re.compile(r"[A-Z][\w.]*\s$")


def _nickname(text: str, quoted: Quoted) -> bool:
    """'Marcia "Cia" Price': one quoted word between a given name and a surname."""
    if len(text[quoted.start : quoted.end].split()) != 1:
        return False
    before = text[max(0, quoted.outer_start - 30) : quoted.outer_start]
    after = text[quoted.outer_end : quoted.outer_end + 2]
    return bool(_NICKNAME.search(before)) and after[:1] == " " and after[1:2].isupper()


def _attribute_value(text: str, quoted: Quoted) -> bool:
    """'<post author="vela" date="2016-02-01">' left in a page: markup, not a quotation."""
    return text[max(0, quoted.outer_start - 1) : quoted.outer_start] == "="


def find_quoted(text: str, paragraphs: list[tuple[int, int]]) -> list[Quoted]:
    """Every quotation in `text`, given paragraph (start, end) offsets; in body order.

    >>> find_quoted('He said "no." Then', [(0, 18)])[0].start
    9
    """
    marked = _TWO_APOSTROPHES.sub(_as_double_mark, text)
    doubles = [
        q
        for q in _double_spans(marked, paragraphs)
        if q.end > q.start and not _nickname(text, q) and not _attribute_value(text, q)
    ]
    singles = [
        q
        for q in _single_spans(text, paragraphs)
        if q.end > q.start
        and not any(d.outer_start <= q.outer_start < d.outer_end for d in doubles)
    ]
    return sorted(doubles + singles, key=lambda q: q.start)
