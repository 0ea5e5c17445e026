"""Soft hyphens in long words, for the narrow cells of the month grid.

Browsers hyphenate with `hyphens: auto` only where they carry a dictionary for the
text's language: Debian's Chromium carries none, and no browser has one for Kazakh.
So the places are marked at build time, and every browser honours them:
Russian through LibreOffice's patterns (Pyphen), Kazakh by its syllable rule
(a word is carried by syllables; one consonant between vowels begins the next
syllable, of two or more only the last does: мем-ле-кет-тік, бір-лес-тік-тер-дің)."""
from __future__ import annotations

import re
from functools import lru_cache

import pyphen

SOFT_HYPHEN = "\u00ad"
SHORTEST = 8  # shorter words fit in a cell as they are
EDGE = 2  # never leave or carry a single letter
_WORD = re.compile(rf"[^\W\d_]{{{SHORTEST},}}")
_KAZAKH_VOWELS = frozenset("аәеёиоөуұүыіэюя")
_ATTACHED = frozenset("ьъ")  # never begin a syllable


def hyphenated(text: str, lang: str) -> str:
    """`text` with a soft hyphen at each place its long words may break."""
    if lang == "ru":
        return _WORD.sub(lambda m: _russian(m.group()), text)
    if lang == "kk":
        return _WORD.sub(lambda m: _kazakh(m.group()), text)
    return text


@lru_cache(maxsize=None)
def _russian_patterns() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="ru_RU", left=EDGE, right=EDGE)


@lru_cache(maxsize=4096)
def _russian(word: str) -> str:
    return _russian_patterns().inserted(word, hyphen=SOFT_HYPHEN)


@lru_cache(maxsize=4096)
def _kazakh(word: str) -> str:
    lower = word.lower()
    vowels = [i for i, letter in enumerate(lower) if letter in _KAZAKH_VOWELS]
    breaks = []
    for here, there in zip(vowels, vowels[1:]):
        consonants = there - here - 1
        if consonants == 0:
            continue  # two vowels side by side stay together
        at = there - 1  # the last consonant begins the next syllable
        while at < there and lower[at] in _ATTACHED:
            at += 1
        if EDGE <= at <= len(word) - EDGE:
            breaks.append(at)
    pieces, start = [], 0
    for at in breaks:
        pieces.append(word[start:at])
        start = at
    pieces.append(word[start:])
    return SOFT_HYPHEN.join(pieces)
