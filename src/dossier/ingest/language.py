"""Which language a body is written in, by py3langid (a naive Bayes model of ~97 languages).

Dossier's NLP is English-only: a Spanish or German page must be flagged, not silently parsed
into nonsense. py3langid gives normalised probabilities; a language is named only when it
takes most of the probability. Text that no language claims (score tables, lists of names,
a sentence in two languages) is "und", undetermined: Dossier still reads it as English, since
skipping it would lose every name in it, and only text confidently in another language is
left to the language-independent steps. Names and numbers say nothing about a text's language
(and pull a table of club names towards whichever language spells its names alike), so the
model reads only the words not capitalised (scripts without capitals are read whole).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

#: Below this many words the check does not guess.
_MIN_WORDS = 20
#: Fewer words not capitalised than this (a score table, a list of names) is undetermined.
_MIN_COMMON_WORDS = 12
#: The share of the probability a language must take to be named.
_CONFIDENT = 0.5
#: How many of those words the model reads: far more than it needs to decide, and the time
#: stays the same for a long article as for a short one.
_MODEL_WORDS = 500
#: How much of the text is read: plenty to decide, and the time stays small.
_READ_CHARS = 20000

#: English names of the languages news pages are most often written in; others show their code.
LANGUAGE_NAMES = {
    "ar": "Arabic", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "es": "Spanish", "fi": "Finnish", "fr": "French", "he": "Hebrew",
    "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "ko": "Korean", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian",
    "zh": "Chinese",
}  # fmt: skip


@cache
def _identifier() -> LanguageIdentifier:
    """The py3langid model with normalised probabilities, loaded once (about half a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_scores(text: str) -> list[tuple[str, float]]:
    """Every language py3langid knows with its probability for `text`, most likely first."""
    return [(code, float(p)) for code, p in _identifier().rank(text)]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, "und" when undetermined, None when too short."""
    words = _WORD.findall(text[:_READ_CHARS])
    if len(words) < _MIN_WORDS:
        return None
    common = [word for word in words if not word[0].isupper()][:_MODEL_WORDS]
    if len(common) < _MIN_COMMON_WORDS:
        return "und"
    if _plainly_english(common):
        return "en"
    code, probability = language_scores(" ".join(common))[0]
    return code if probability >= _CONFIDENT else "und"


#: Words of English grammar that other languages written in Latin letters do not use as
#: words of their own ("a", "no", "in", "die" are left out for that reason).
_ENGLISH_GRAMMAR = frozenset([
    "the", "and", "of", "to", "is", "that", "with", "for", "was", "were", "have", "has", "this",
    "which", "from", "are", "be", "by", "it", "not", "but", "they", "he", "she", "his", "her",
    "said", "will", "would", "been", "their", "who",
])  # fmt: skip
#: The share of those words in running English prose is about a third (a sixth at the least
#: in 924 real political articles); in Spanish, French, German, Italian or Dutch it is near 0.
_ENGLISH_SHARE = 0.2
#: Fewer words than this and the share says too little: the model decides.
_ENGLISH_MIN_WORDS = 50


def _plainly_english(common: list[str]) -> bool:
    """A fast path for the usual case, English prose: grammar words take a fifth of the words,
    so the model (and its half-second load in each process) is not needed. Mixed or unusual
    text stays with the model."""
    if len(common) < _ENGLISH_MIN_WORDS:
        return False
    grammar = sum(word.lower() in _ENGLISH_GRAMMAR for word in common)
    return grammar >= _ENGLISH_SHARE * len(common)


def language_name(code: str) -> str:
    """The English name of a language code, or the code itself in quotes."""
    return LANGUAGE_NAMES.get(code, f"language {code!r}")
