"""A small language check: which common-word list covers most of the body's words.

Dossier's NLP is English-only; a Spanish or German page must be flagged, not silently parsed
into nonsense. Function words are the most reliable cheap signal, so each language gets its
forty or so most frequent ones and the language with the largest share of tokens wins.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

#: The most frequent function words of each language, space-separated.
_WORD_LISTS: dict[str, str] = {
    "en": (
        "the of and to a in is that for it was on with he as be by at this his from have "
        "are but not they an which has had were been their who or we said will would its "
        "she her there more about after also than"
    ),
    "es": (
        "el la de que y en los se del las un por con no una su para es al lo como más "
        "pero sus le ya o fue este ha sí porque esta entre cuando muy sin sobre también "
        "me hasta hay donde quien desde todo nos durante"
    ),
    "pt": (
        "o a de que e do da em um para é com não uma os no se na por mais as dos como mas "
        "foi ao ele das tem à seu sua ou ser quando muito há nos já está também só pelo "
        "pela até isso ela entre"
    ),
    "fr": (
        "le la de et les des en un une du est que pas pour qui dans sur au par plus il "
        "elle ne se ce sont avec aux son sa mais ont été cette ou nous vous leur été "
        "comme tout lui fait aussi"
    ),
    "de": (
        "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als "
        "auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie "
        "einem über einen so zum war"
    ),
    "it": (
        "il di che e la per un in è non una sono da le del della si con i gli al dei alla "
        "ha più nel lo anche ma come questo ci delle essere era sua suo stato dalla degli "
        "dopo"
    ),
    "nl": (
        "de het een en van in is dat op te zijn voor met die niet aan er om ook als bij "
        "door maar uit dan nog wel naar worden werd deze heeft wordt hij zij over tot "
        "haar hun"
    ),
}
_STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split()) for code, words in _WORD_LISTS.items()
}
#: Share of tokens that must be English function words to call a text English.
_EN_FLOOR = 0.18
#: Below this many words the check does not guess.
_MIN_WORDS = 20


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, "und" when none fits, None when too short."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < _MIN_WORDS:
        return None
    shares = {
        code: sum(1 for w in words if w in stop) / len(words) for code, stop in _STOPWORDS.items()
    }
    best = max(shares, key=lambda code: shares[code])
    if best == "en" and shares["en"] >= _EN_FLOOR * 0.6:
        return "en"
    if shares[best] >= _EN_FLOOR * 0.8:
        return best
    return "en" if shares["en"] >= _EN_FLOOR else "und"
