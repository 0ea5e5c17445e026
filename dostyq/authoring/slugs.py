"""Readable ASCII slugs from titles in Kazakh, Russian or any script."""
from __future__ import annotations

import re

from unidecode import unidecode

# Unidecode writes Kazakh letters as `@`, `k'`, `g'`...; the ASCII forms of the
# Kazakh Latin alphabet (2021) read better: ә→a, ғ→g, қ→q, ң→n, ө→o, ұ→u, ү→u, һ→h, і→i.
KAZAKH = str.maketrans({"ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
                        "Ә": "A", "Ғ": "G", "Қ": "Q", "Ң": "N", "Ө": "O", "Ұ": "U", "Ү": "U", "Һ": "H", "І": "I"})
MAX_LENGTH = 60


def slugify(text: str, fallback: str = "entry") -> str:
    """`Қазақ тілі клубы — 2026` -> `qazaq-tili-kluby-2026`: lower-case letters, digits
    and hyphens, cut at a word boundary."""
    ascii_text = unidecode(text.translate(KAZAKH)).lower().replace("'", "").replace('"', "")
    words = re.findall(r"[a-z0-9]+", ascii_text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_LENGTH:
            break
        slug = candidate
    return slug or (words[0][:MAX_LENGTH] if words else fallback)


def unique(slug: str, taken) -> str:
    """slug, or slug-2, slug-3 … the first one not taken."""
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
