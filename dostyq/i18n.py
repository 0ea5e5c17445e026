"""Gettext catalogues, compiled by Babel when they are loaded: no .mo files to
commit or forget to rebuild (a build keeps the compiled ones in its cache). The
theme has its catalogues (theme/translations/), the editors' command and the
checker theirs (dostyq/locale/)."""
from __future__ import annotations

import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations, Translations

LOCALE = Path(__file__).resolve().parent / "locale"


def N_(message: str) -> str:
    """Marks words for `make translations` (the theme's catalogue, keyword `N_`);
    they are looked up in a language's catalogue where they are shown."""
    return message


def load_translations(folder: Path, lang: str, domain: str = "messages",
                      compiled: Path | None = None) -> NullTranslations:
    """The catalogue `folder/lang/LC_MESSAGES/domain.po`. With `compiled` (a cache
    folder), the compiled catalogue is kept there by the hash of the .po file:
    Babel's .po reader costs a build more than the rest of starting up."""
    po = folder / lang / "LC_MESSAGES" / f"{domain}.po"
    try:
        source = po.read_bytes()
    except FileNotFoundError:
        return NullTranslations()
    return _translations(source, lang, compiled)


@lru_cache(maxsize=None)
def _translations(source: bytes, lang: str, compiled: Path | None) -> Translations:
    kept = compiled / f"{hashlib.blake2b(source, digest_size=16).hexdigest()}.mo" if compiled else None
    if kept is not None and kept.is_file():
        return Translations(io.BytesIO(kept.read_bytes()))
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(source), locale=lang))  # fuzzy entries are left out, as msgfmt does
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        temporary = kept.with_suffix(f".{os.getpid()}")
        temporary.write_bytes(buffer.getvalue())
        os.replace(temporary, kept)
    buffer.seek(0)
    return Translations(buffer)


@lru_cache(maxsize=None)
def editor_messages(lang: str | None) -> NullTranslations:
    """The command's and the checker's words in `lang` (English when None or unknown)."""
    return load_translations(LOCALE, lang, "dostyq") if lang else NullTranslations()
