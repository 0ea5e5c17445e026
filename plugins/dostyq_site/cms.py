"""/admin/: the editors' web form (Decap CMS) from the site's own files.

The form's configuration is made from the content model and the settings on
every build (cheap); Decap's script, installed from npm into admin/node_modules
by `make setup`, is copied beside it, so nothing is loaded from another host.
The form's default language is at /admin/, the others at /admin/<lang>/.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import sys
from pathlib import Path

from dostyq.cms.config import content_folder, decap_config, dump, transliteration, year_fields
from dostyq.cms.labels import WORDS
from dostyq.config import SiteConfig
from dostyq.dates import DateFormat
from dostyq.model import Content
from dostyq.model.centers import CENTER_FIELDS
from dostyq.model.events import EVENT_FIELDS
from dostyq.output import SiteOutput

from .vocabulary import CATEGORY_LABELS, KIND_NAMES, STATUS_LABELS

ADMIN = Path(__file__).resolve().parents[2] / "admin"  # our JS and its package.json
OUR_SCRIPT = ADMIN / "dostyq-cms.js"
OUR_STYLE = ADMIN / "dostyq-cms.css"
MISSING = ("warning: the editors' web form (/admin/) is built without Decap CMS: its files are not installed; "
           "run `make setup` (npm ci in admin/)")


def admin_path(lang: str, config: SiteConfig) -> str:
    return "admin/" if lang == config.default_language else f"admin/{lang}/"


def decap_files(modules: Path) -> list[Path]:
    """Decap's script, the chunks it loads on demand, its WebAssembly and licence,
    and js-yaml, from the npm packages in `modules` ([] when they are missing)."""
    dist, js_yaml = modules / "decap-cms" / "dist", modules / "js-yaml" / "dist" / "js-yaml.min.js"
    if not (dist / "decap-cms.js").is_file() or not js_yaml.is_file():
        return []
    return [js_yaml] + sorted(p for p in dist.iterdir() if p.name.endswith("decap-cms.js") or p.suffix == ".wasm"
                              or p.name == "decap-cms.js.LICENSE.txt")


def write_cms(output: SiteOutput, config: SiteConfig, settings: dict, gettext_for, content: Content) -> None:
    folder_in_repository = content_folder(Path(settings["PATH"]))
    backend = settings.get("CMS_BACKEND")
    # DOSTYQ_CMS_MODULES: where the npm packages are (tests point it elsewhere)
    files = decap_files(Path(settings.get("DOSTYQ_CMS_MODULES") or ADMIN / "node_modules"))
    if not files:
        print(MISSING, file=sys.stderr)
    for path in files:
        output.write("admin/js-yaml.min.js" if path.name == "js-yaml.min.js" else f"admin/decap/{path.name}",
                     path.read_bytes())
    output.write("admin/dostyq-cms.js", OUR_SCRIPT.read_bytes())
    for ui in config.languages:
        gettext = gettext_for(ui)
        labels = {"category": {c: gettext(CATEGORY_LABELS.get(c, c)) for c in config.categories},
                  "status": {s: gettext(label) for s, label in STATUS_LABELS.items()},
                  "kind": {k: gettext(label) for k, label in KIND_NAMES.items()}}
        folder = admin_path(ui, config)
        output.write(f"{folder}config.yml", dump(decap_config(config, ui, folder_in_repository, labels, backend)))
        output.write(f"{folder}settings.js", settings_script(config, ui, labels, names(content, ui)))
        output.write(f"{folder}index.html", index_page(ui, folder, config, settings.get("LANGUAGE_NAMES", {}),
                                                       installed=bool(files)))
    output.write("admin/dostyq-cms.css", OUR_STYLE.read_bytes())


def fact_fields() -> list[str]:
    """Fields written once for all languages (in the default language's file)."""
    return sorted({name for fields in (EVENT_FIELDS, CENTER_FIELDS) for name, spec in fields.items()
                   if not spec.per_language})


def date_patterns(config: SiteConfig) -> dict[str, list[str]]:
    """How the site writes a date in each language, per month, with `{d}` and `{y}`
    for the day and year: the previews write dates as the pages do (dostyq/dates.py)."""
    patterns = {}
    for lang in config.languages:
        words = DateFormat(lang, config.timezone)
        patterns[lang] = [words.date(dt.date(2000, month, 28)).replace("28", "{d}").replace("2000", "{y}")
                          for month in range(1, 13)]
    return patterns


def names(content: Content, ui: str) -> dict[str, dict[str, dict[str, str]]]:
    """Names of the centres and places by id and language, for the previews (which
    get only the ids from the form); rebuilt with the content by every build."""
    def by_language(values) -> dict[str, str]:
        return dict(values.values_by_language)

    return {"centers": {id: by_language(center.name) for id, center in content.centers.items()},
            "places": {id: by_language(place.name) for id, place in content.places.items()}}


def settings_script(config: SiteConfig, ui: str, labels: dict, names: dict) -> bytes:
    """What the form's own script needs to know: languages, words, transliteration,
    and the names the previews show."""
    data = {"names": names, "date_patterns": date_patterns(config), "ui": ui, "languages": list(config.languages), "default_language": config.default_language,
            "words": {key: words[ui] for key, words in WORDS.items()}, "labels": labels,
            "transliteration": transliteration(), "year_fields": year_fields(), "facts": fact_fields()}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f"window.CMS_MANUAL_INIT = true;\nwindow.DOSTYQ_CMS = {text};\n".encode("utf-8")


def index_page(ui: str, folder: str, config: SiteConfig, language_names: dict, installed: bool) -> bytes:
    others = "".join(f' <a href="/{admin_path(lang, config)}" lang="{lang}" hreflang="{lang}">'
                     f'{html.escape(language_names.get(lang, lang))}</a>'
                     for lang in config.languages if lang != ui)
    title = WORDS["admin_title"][ui]
    # settings.js first: it also tells Decap to wait for our script (CMS_MANUAL_INIT)
    decap = (f'<script src="/{folder}settings.js"></script>\n<script src="/admin/decap/decap-cms.js"></script>\n'
             '<script src="/admin/js-yaml.min.js"></script>\n<script src="/admin/dostyq-cms.js"></script>\n'
             if installed else "")
    return f"""<!doctype html>
<html lang="{ui}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="cms-config-url" type="text/yaml" href="/{folder}config.yml">
<link rel="stylesheet" href="/admin/dostyq-cms.css">
</head>
<body>
<noscript>{title}</noscript>
<nav class="dostyq-cms-languages" aria-label="{title}">{others}</nav>
{decap}</body>
</html>
""".encode("utf-8")
