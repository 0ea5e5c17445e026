"""Sorting names as each language's readers expect: the Kazakh alphabet puts
ә after а, ғ after г, қ after к, ң after н, ө after о, ұ and ү after у, һ after
х and і after ы, where code-point order sends them all to the end; Russian
puts ё with е. Latin letters and digits come before Cyrillic ones, as
dictionaries and phone books list them."""
from __future__ import annotations

ALPHABETS = {
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
}


def sort_key(text: str, lang: str) -> tuple:
    """A key that orders `text` by `lang`'s alphabet, ignoring case and quotes."""
    order = _ORDERS.get(lang)
    if order is None:
        return (text.casefold(),)
    letters = []
    for char in text.casefold():
        if char in order:
            letters.append((2, order[char]))
        elif char.isalnum():
            letters.append((1, ord(char)))  # digits and Latin letters first
        # punctuation and quotes («Туган тел») do not count
    return tuple(letters)


_ORDERS = {lang: {letter: rank for rank, letter in enumerate(letters)} for lang, letters in ALPHABETS.items()}
# Russian dictionaries file ё with е
_ORDERS["ru"]["ё"] = _ORDERS["ru"]["е"]
