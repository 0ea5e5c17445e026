"""Gettext catalogues, compiled in memory by Babel when they are loaded: no .mo
files to commit or forget to rebuild. The theme has its catalogues
(theme/translations/), the editors' command and the checker theirs
(dostyq/locale/)."""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE = Path(__file__).resolve().parent / "locale"


def load_translations(folder: Path, lang: str, domain: str = "messages") -> NullTranslations:
    po = folder / lang / "LC_MESSAGES" / f"{domain}.po"
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return Translations(buffer)


@lru_cache(maxsize=None)
def editor_messages(lang: str | None) -> NullTranslations:
    """The command's and the checker's words in `lang` (English when None or unknown)."""
    return load_translations(LOCALE, lang, "dostyq") if lang else NullTranslations()
