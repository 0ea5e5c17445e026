"""Soft hyphens for the month grid (dostyq/hyphenation.py): Kazakh by its syllable
rule, Russian by LibreOffice's patterns, other text as it is."""
from __future__ import annotations

import pytest

from dostyq.hyphenation import hyphenated

SHY = "\u00ad"


@pytest.mark.parametrize("word, syllables", [
    ("мемлекеттік", "мем-ле-кет-тік"),  # of two consonants the second begins the syllable
    ("бірлестіктердің", "бір-лес-тік-тер-дің"),
    ("Этномәдени", "Эт-но-мә-де-ни"),  # capitals, and ә as a vowel
    ("орталықтарының", "ор-та-лық-та-ры-ның"),  # one consonant begins the next syllable
    ("Наурызкөже", "Нау-рыз-кө-же"),  # two vowels side by side stay together
    ("Қазақстан", "Қа-зақс-тан"),  # of three consonants only the last begins the syllable
    ("ұйымдастыру", "ұйым-дас-ты-ру"),  # never a single letter at an edge
])
def test_kazakh_words_break_between_syllables(word, syllables):
    assert hyphenated(word, "kk") == syllables.replace("-", SHY)


def test_russian_words_follow_the_patterns_and_keep_soft_and_hard_signs():
    assert hyphenated("Этнокультурных объединений", "ru") == "Эт-но-куль-тур-ных объ-еди-не-ний".replace("-", SHY)
    assert hyphenated("подъезд", "ru") == "подъезд"  # seven letters: short enough


@pytest.mark.parametrize("text", [
    "Жастар форумы",  # no word of eight letters
    "https://example.kz/ethnocultural",  # Latin in a Kazakh text: no rule for it
    "2026-жылғы",  # digits stay; the word after them is short
    "",
])
def test_short_words_and_other_text_stay_as_written(text):
    assert hyphenated(text, "kk") == text


def test_only_letters_are_joined_and_the_text_reads_the_same_without_the_hyphens():
    text = "«Достастық» — мемлекеттік бағдарлама, 12 орталықтарының; «Дружба» орталығы!"
    made = hyphenated(text, "kk")
    assert made.replace(SHY, "") == text and made != text
    assert hyphenated(text, "en") == text  # a language without rules
