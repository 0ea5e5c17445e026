"""/admin/: the editors' web form (Decap CMS) from the site's own files.

The form's configuration is made from the content model and the settings on
every build (cheap); Decap's script, installed from npm into admin/node_modules
by `make setup`, is copied beside it, so nothing is loaded from another host.
The form's default language is at /admin/, the others at /admin/<lang>/.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from dostyq.cms.config import content_folder, decap_config, dump, transliteration
from dostyq.cms.labels import WORDS
from dostyq.config import SiteConfig
from dostyq.model.centers import CENTER_FIELDS
from dostyq.model.events import EVENT_FIELDS
from dostyq.output import SiteOutput

from .vocabulary import CATEGORY_LABELS, KIND_NAMES, STATUS_LABELS

ADMIN = Path(__file__).resolve().parents[2] / "admin"  # our JS and its package.json
DECAP_DIST = ADMIN / "node_modules" / "decap-cms" / "dist"
JS_YAML = ADMIN / "node_modules" / "js-yaml" / "dist" / "js-yaml.min.js"
OUR_SCRIPT = ADMIN / "dostyq-cms.js"
MISSING = ("warning: the editors' web form (/admin/) is built without Decap CMS: its files are not installed; "
           "run `make setup` (npm ci in admin/)")


def admin_path(lang: str, config: SiteConfig) -> str:
    return "admin/" if lang == config.default_language else f"admin/{lang}/"


def decap_files() -> list[Path]:
    """Decap's script, the chunks it loads on demand, its WebAssembly and licence."""
    if not (DECAP_DIST / "decap-cms.js").is_file() or not JS_YAML.is_file():
        return []
    return sorted(p for p in DECAP_DIST.iterdir()
                  if p.name.endswith("decap-cms.js") or p.suffix == ".wasm" or p.name == "decap-cms.js.LICENSE.txt")


def write_cms(output: SiteOutput, config: SiteConfig, settings: dict, gettext_for) -> None:
    content = content_folder(Path(settings["PATH"]))
    backend = settings.get("CMS_BACKEND")
    files = decap_files()
    if not files:
        print(MISSING, file=sys.stderr)
    for path in files:
        output.write(f"admin/decap/{path.name}", path.read_bytes())
    if files:
        output.write("admin/js-yaml.min.js", JS_YAML.read_bytes())
    output.write("admin/dostyq-cms.js", OUR_SCRIPT.read_bytes())
    for ui in config.languages:
        gettext = gettext_for(ui)
        labels = {"category": {c: gettext(CATEGORY_LABELS.get(c, c)) for c in config.categories},
                  "status": {s: gettext(label) for s, label in STATUS_LABELS.items()},
                  "kind": {k: gettext(label) for k, label in KIND_NAMES.items()}}
        folder = admin_path(ui, config)
        output.write(f"{folder}config.yml", dump(decap_config(config, ui, content, labels, backend)))
        output.write(f"{folder}settings.js", settings_script(config, ui, labels))
        output.write(f"{folder}index.html", index_page(ui, folder, config, installed=bool(files)))


def fact_fields() -> list[str]:
    """Fields written once for all languages (in the default language's file)."""
    return sorted({name for fields in (EVENT_FIELDS, CENTER_FIELDS) for name, spec in fields.items()
                   if not spec.per_language})


def settings_script(config: SiteConfig, ui: str, labels: dict) -> bytes:
    """What the form's own script needs to know: languages, words, transliteration."""
    data = {"ui": ui, "languages": list(config.languages), "default_language": config.default_language,
            "words": {key: words[ui] for key, words in WORDS.items()}, "labels": labels,
            "transliteration": transliteration(), "year_fields": ["founded"], "facts": fact_fields()}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f"window.CMS_MANUAL_INIT = true;\nwindow.DOSTYQ_CMS = {text};\n".encode("utf-8")


def index_page(ui: str, folder: str, config: SiteConfig, installed: bool) -> bytes:
    others = "".join(f' <a href="/{admin_path(lang, config)}" lang="{lang}" hreflang="{lang}">{lang}</a>'
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
</head>
<body>
<noscript>{title}</noscript>
<nav class="dostyq-cms-languages" aria-label="{title}">{others}</nav>
{decap}</body>
</html>
""".encode("utf-8")
