"""Body repairs on trafilatura's output: split bodies joined, dropped inner paragraphs refilled."""

from __future__ import annotations

import trafilatura

from dossier.ingest.body_repair import continued_body, filled_body, without_link_tail
from dossier.ingest.html import extract_html

FIRST = [
    "The harbour minister of Valdoria resigned on Sunday after auditors questioned a contract.",
    "Auditors said the ferry contract had been signed in haste and without a second bid.",
    "The contract covered six ferries and the harbour's two largest piers for ten years.",
]
SECOND = [
    "The prime minister said the full report would be published by the end of next week.",
    "Opposition leader Ada Quill called for a vote of no confidence in the whole cabinet.",
    "Her party said it would table the motion when parliament returns in the spring.",
]


def split_page(box_class: str) -> str:
    """An article whose body the page splits into two boxes of one class, an ad between."""
    paragraphs = [f"<p>{text}</p>" for text in [*FIRST, *SECOND]]
    return (
        "<html><body><header><a href='/'>Home</a></header><main>"
        f"<div class='{box_class}'>{''.join(paragraphs[:3])}</div>"
        "<div class='ad'><span>Advertisement</span></div>"
        f"<div class='{box_class}'>{''.join(paragraphs[3:])}</div>"
        "</main><footer><p>Copyright The Estmark Herald</p></footer></body></html>"
    )


def test_the_boxes_of_a_split_body_are_joined_in_page_order() -> None:
    tree = trafilatura.load_html(split_page("story-body"))
    assert continued_body(tree, FIRST) == [*FIRST, *SECOND]
    tree = trafilatura.load_html(split_page("story-body"))
    assert continued_body(tree, SECOND) == [*FIRST, *SECOND]


def test_boxes_of_a_layout_class_are_not_joined() -> None:
    tree = trafilatura.load_html(split_page("widget-container"))
    assert continued_body(tree, FIRST) == FIRST


def test_a_split_page_keeps_both_halves() -> None:
    found = extract_html(split_page("article__body"))
    assert found.paragraphs == [*FIRST, *SECOND]
    assert found.warnings == []


def test_inner_paragraphs_of_the_fuller_reading_fill_the_precise_body() -> None:
    middle = "The minister's office said he would answer the auditors' questions in writing."
    teaser = "READ MORE: Valdoria ferry strike enters its second week"
    page = trafilatura.load_html(
        f"<html><body><p>{FIRST[0]}</p><p>{middle}</p><p><a href='/x'>{teaser}</a></p>"
        f"<p>{FIRST[1]}</p></body></html>"
    )
    fuller = ["Menu", FIRST[0], middle, teaser, FIRST[1], FIRST[2], "Most read"]
    assert filled_body(page, FIRST, fuller) == [FIRST[0], middle, *FIRST[1:]]


def test_a_fill_larger_than_the_body_is_refused() -> None:
    page = trafilatura.load_html("<html><body><p>x</p></body></html>")
    others = [f"Another story number {i} about the harbour and its many ferries." for i in range(9)]
    fuller = [FIRST[0], *others, *FIRST[1:]]
    assert filled_body(page, FIRST, fuller) == FIRST


def test_a_closing_list_of_links_is_left_out_but_a_linked_lede_stays() -> None:
    lede = "Ada Quill won the harbour vote on Tuesday."
    related = ["Ferry strike enters second week", "Tags: harbour, ferries, Valdoria"]
    page = trafilatura.load_html(
        f"<html><body><p><a href='/vote'>{lede}</a></p><p>{FIRST[0]}</p><p>{FIRST[1]}</p>"
        + "".join(f"<p><a href='/r'>{text}</a></p>" for text in related)
        + "</body></html>"
    )
    body = [lede, FIRST[0], FIRST[1], *related]
    assert without_link_tail(page, body) == [lede, FIRST[0], FIRST[1]]
