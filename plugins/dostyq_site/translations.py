"""Theme catalogues (theme/translations/<lang>/LC_MESSAGES/messages.po), compiled
in memory by Babel at build time: no .mo files to commit or forget to rebuild."""
from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations


def load_translations(theme: Path, lang: str) -> NullTranslations:
    po = theme / "translations" / lang / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return Translations(buffer)
