"""extract_article: decoding, HTML body and metadata, dates by precedence, language, limits."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dossier.errors import DecodeError, NoArticle, TooLarge
from dossier.ingest import extract_article
from dossier.ingest.decode import clean_text, decode_bytes
from dossier.ingest.language import detect_language
from dossier.records import Page
from dossier.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
ARTICLE = (FIXTURES / "article.html").read_bytes()

TEXT_STORY = (
    "Valdoria opens inquiry into ferry deal\n\n"
    "The harbour minister of Valdoria, Corvin Aldemar, resigned on Sunday after auditors "
    "questioned a ferry contract.\n\n"
    "Prime Minister Edda Solvik said the audit would be published in full next week.\n"
)


def html_page(data: bytes = ARTICLE, **fields: str) -> Page:
    return Page(source="story.html", data=data, kind="html", **fields)  # type: ignore[arg-type]


def test_html_body_paragraphs_are_separated_by_blank_lines() -> None:
    article = extract_article(html_page(), Settings())
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("NORTHPORT — Valdoria's harbour minister")
    assert paragraphs[-1].startswith("The audit office said")
    assert len(paragraphs) == 5
    assert "\n" not in "".join(paragraphs)


def test_html_leaves_out_navigation_teasers_and_footer() -> None:
    text = extract_article(html_page(), Settings()).text
    for debris in ("Subscribe", "Most read", "Storm closes coastal road", "All rights reserved"):
        assert debris not in text


def test_hostile_html_never_reaches_the_body_as_markup() -> None:
    text = extract_article(html_page(), Settings()).text
    for markup in ("<", "onerror", "javascript:", "alert(", "tracked", "font-family"):
        assert markup not in text


def test_html_metadata() -> None:
    article = extract_article(html_page(), Settings())
    assert article.title == "Harbour minister resigns over ferry contract"
    assert article.site == "The Valdoria Courier"
    assert article.authors == ["Ilsa Marendt", "Tomas Brevik"]
    assert article.language == "en"
    assert article.warnings == []


def test_html_date_is_the_original_not_the_update() -> None:
    article = extract_article(html_page(), Settings())
    assert (article.published, article.published_from) == ("2024-03-03", "html")


def test_warc_capture_date_is_a_fallback() -> None:
    undated = ARTICLE.replace(b"2024-03-03", b"").replace(b"2024-05-20", b"")
    article = extract_article(html_page(undated, captured="2023-06-14"), Settings())
    assert (article.published, article.published_from) == ("2023-06-14", "warc")


def test_page_date_beats_warc_capture() -> None:
    article = extract_article(html_page(captured="2023-06-14"), Settings())
    assert (article.published, article.published_from) == ("2024-03-03", "html")


def test_user_date_overrides_everything() -> None:
    settings = Settings(published="2020-01-02")
    article = extract_article(html_page(captured="2023-06-14"), settings)
    assert (article.published, article.published_from) == ("2020-01-02", "user")


def test_page_without_article_is_no_article() -> None:
    markup = b"<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>"
    with pytest.raises(NoArticle, match=r"story\.html"):
        extract_article(html_page(markup), Settings())


def test_body_over_max_chars_is_too_large() -> None:
    with pytest.raises(TooLarge, match="characters"):
        extract_article(html_page(), Settings(max_chars=200))


def test_cp1252_html_is_read_with_a_warning() -> None:
    markup = ARTICLE.decode("utf-8").replace("Valdoria's", "Valdoria’s café")
    markup = markup.replace('<meta charset="utf-8">', "")
    article = extract_article(html_page(markup.encode("cp1252")), Settings())
    assert "Valdoria’s café" in article.text
    assert "not UTF-8: read as Windows-1252" in article.warnings


def test_declared_latin1_is_read_as_windows_1252() -> None:
    data = '<meta charset="iso-8859-1"><p>Señora Núñez said “yes”.</p>'.encode("cp1252")
    text, warnings = decode_bytes(data, "x", html=True)
    assert "Señora Núñez said “yes”." in text
    assert warnings and warnings[0].startswith("not UTF-8: read as Windows-1252")


def test_latin1_plain_text_is_read_with_a_warning() -> None:
    text, warnings = decode_bytes(
        "Le ministre a démissionné à Brévik.".encode("latin-1"), "x", False
    )
    assert text == "Le ministre a démissionné à Brévik."
    assert warnings == ["not UTF-8: read as Windows-1252"]


def test_byte_order_marks() -> None:
    assert decode_bytes("\ufeffAldemar".encode(), "x", False) == ("Aldemar", [])
    assert decode_bytes("Aldemar".encode("utf-16"), "x", False)[0] == "Aldemar"


def test_undecodable_bytes_raise_decode_error() -> None:
    noise = random.Random(7).randbytes(600)
    with pytest.raises(DecodeError, match="cannot be read with confidence"):
        decode_bytes(noise, "noise.txt", html=False)


def test_clean_text_fixes_mojibake_and_strips_controls() -> None:
    broken = "JosÃ© MarÃ­a met the minister\x00\x07 at the\r\nharbour."
    assert clean_text(broken) == "José María met the minister at the\nharbour."


def test_clean_text_keeps_curly_quotes() -> None:
    assert clean_text("“Yes,” said Holt’s aide.") == "“Yes,” said Holt’s aide."


def test_plain_text_article() -> None:
    page = Page(source="story.txt", data=TEXT_STORY.encode(), kind="text")
    article = extract_article(page, Settings())
    assert article.title == "Valdoria opens inquiry into ferry deal"
    assert article.text.startswith("The harbour minister of Valdoria")
    assert article.text.count("\n\n") == 1
    assert article.published is None and article.published_from is None


def test_non_english_is_flagged_and_left_untouched() -> None:
    spanish = (
        "El ministro del puerto de Valdoria renunció el domingo después de que los auditores "
        "cuestionaran un contrato de transbordadores. La primera ministra dijo que el informe "
        "se publicará en su totalidad la próxima semana y que no hay nadie por encima de las "
        "reglas."
    )
    page = Page(source="es.txt", data=f"Renuncia el ministro\n\n{spanish}\n".encode(), kind="text")
    article = extract_article(page, Settings())
    assert article.language == "es"
    assert article.text == spanish
    assert any(w.startswith("not English") for w in article.warnings)


def test_detect_language() -> None:
    english = "The minister said that the report would be published by the end of the week."
    assert detect_language(english * 2) == "en"
    assert detect_language("Der Minister sagte, dass der Bericht in der Woche kommt." * 3) == "de"
    assert detect_language("Zorblat kwee vrom taxle pindu moraq essel." * 5) == "und"
    assert detect_language("Too short.") is None


def test_plain_english_prose_is_named_without_the_model() -> None:
    from dossier.ingest import language

    prose = (
        "The governor of Estmark said on Monday that the budget would be cut, and that the "
        "council was told of it by the treasurer, who has kept the figures from the press. "
    ) * 3
    language._identifier.cache_clear()
    assert detect_language(prose) == "en"
    assert language._identifier.cache_info().currsize == 0  # the model was never loaded
    # Two languages in one text are left to the model, which is loaded for it.
    spanish = (
        "El gobernador dijo el lunes que el presupuesto se va a reducir y que el consejo lo "
        "supo por el tesorero, que guarda las cifras lejos de la prensa. "
    ) * 3
    detect_language(prose[:200] + spanish)
    assert language._identifier.cache_info().currsize == 1
    assert detect_language(spanish) == "es"


def test_a_scoreboard_is_not_called_a_foreign_language() -> None:
    table = "\n".join(
        f"{home} {a} {away} {b}"
        for home, a, away, b in [
            ("Estmark Rovers", 2, "Harbor City", 1), ("Valdoria United", 0, "Port Quill", 3),
            ("Northgate", 1, "Falk Athletic", 1), ("Okafor Town", 4, "Ridgemoor", 2),
            ("Saltmarsh", 0, "Kestrel Park", 0), ("Brackwater", 2, "Lowfield", 5),
            ("Greyhaven", 3, "Marrow Bay", 1), ("Tollbridge", 1, "Eastwick Albion", 2),
        ]
    )  # fmt: skip
    assert detect_language(table) in ("en", "und")


def test_a_page_read_much_shorter_than_the_default_reading_is_flagged() -> None:
    from dossier.ingest.html import _cut_warning

    article = "The minister resigned on Sunday after the audit. " * 10
    teasers = "\n".join(f"Another story number {i} about something else." for i in range(40))
    assert _cut_warning(article, article + "\n" + teasers) is not None
    assert _cut_warning(article, article + "\nShare this story.") is None


def test_http_equiv_charset_is_honoured() -> None:
    data = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><p>Müller’s ferry</p></body></html>"
    ).encode("cp1252")
    text, warnings = decode_bytes(data, "x", html=True)
    assert "Müller’s ferry" in text
    assert warnings and "Windows-1252" in warnings[0]


OG_ONLY = """<html><head>
<title>Storm closes coastal road - Eskberg Gazette</title>
<meta property="og:title" content="Storm closes coastal road for a third day">
<meta property="og:site_name" content="Eskberg Gazette">
</head><body>
<article>
<h1>Storm closes coastal road for a third day</h1>
<div class="story-byline">By <a href="/staff/rhee">Dana Rhee</a> | Updated 9 May 2023</div>
<p>The coastal road between Eskberg and Kellby stayed closed on Thursday as the storm
brought a third day of high winds and flooding to the region's villages.</p>
<p>Road crews said they would not reopen the route until the water had gone down and the
bridges had been inspected, which could take until the weekend.</p>
<p>Villagers in Solmar said shops were running low on bread and fuel, and the regional
council promised to send supplies by boat on Friday morning.</p>
</article></body></html>"""


def test_og_metadata_and_visible_byline() -> None:
    article = extract_article(html_page(OG_ONLY.encode()), Settings())
    assert article.title == "Storm closes coastal road for a third day"
    assert article.site == "Eskberg Gazette"
    assert article.authors == ["Dana Rhee"]


def test_headline_is_not_repeated_as_the_first_paragraph() -> None:
    article = extract_article(html_page(OG_ONLY.encode()), Settings())
    assert article.text.startswith("The coastal road between Eskberg and Kellby")
    assert "Storm closes coastal road" not in article.text


def test_public_interface() -> None:
    import dossier.ingest

    assert sorted(dossier.ingest.__all__) == ["extract_article", "iter_pages"]


def test_date_from_visible_text_when_markup_has_none() -> None:
    markup = OG_ONLY.replace("| Updated 9 May 2023", "").replace(
        "<article>", "<article><p class='date'>Published 2023-05-04</p>"
    )
    article = extract_article(html_page(markup.encode()), Settings())
    assert (article.published, article.published_from) == ("2023-05-04", "html")


HOSTILE = """<html><body><article>
<p>The harbour minister of Valdoria resigned on Sunday after auditors questioned a ferry
contract worth millions of crowns.<script>document.cookie="stolen"</script></p>
<p onclick="steal()">Prime Minister Edda Solvik accepted the resignation
<img src=x onerror="alert(1)"> within hours and promised a full audit of the ministry.</p>
<svg onload="alert(2)"><text>svgtext</text></svg>
<iframe src="javascript:alert(3)">iframe text</iframe>
<p>Opposition leader Maren Holt called for an inquiry
<a href="javascript:void(0)" onmouseover="x()">into the deal</a> and for new rules.</p>
<style>p{color:red}</style><object data="evil.swf">object text</object>
</article></body></html>"""


def test_scripts_handlers_and_embeds_inside_the_article_are_dropped() -> None:
    text = extract_article(html_page(HOSTILE.encode()), Settings()).text
    assert text.count("\n\n") == 2
    assert "called for an inquiry into the deal and for new rules." in text
    for bad in ("<", "stolen", "alert", "onerror", "javascript", "svgtext", "iframe", "color:"):
        assert bad not in text


def test_cyrillic_single_byte_text_is_not_misread_as_windows_1252() -> None:
    russian = (
        "Министр гавани Валдории подал в отставку в воскресенье после того, как аудиторы "
        "поставили под сомнение контракт на паромы."
    )
    text, warnings = decode_bytes(russian.encode("cp1251"), "x", html=False)
    assert text == russian
    assert warnings == ["not UTF-8: read as Windows-1251 (guessed)"]
