"""The editors' web form (Decap CMS, served at /admin/): its configuration, made
from the content model and the site's settings, so the form never drifts from
what `dostyq check` and the build accept.

Every field of `EVENT_FIELDS` and `CENTER_FIELDS` gets a widget here (a test
checks both ways). Per-language fields are translatable (`i18n: true`, written in
each `<slug>.<lang>.md`); facts are written once, in the default language's file
(`i18n: false`), as the content format allows. The form's only field that is not
in the model is `slug`, the file name of a new entry: `admin/dostyq-cms.js` makes
it from the title when left empty and never writes it into the file. A new event
goes into the folder of its start's year (`start_year`, set by the same script:
Decap's path templates cannot read a field through a filter).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

import yaml

from ..authoring.slugs import KAZAKH
from ..config import SiteConfig
from ..model import fields as f
from ..model.centers import CENTER_FIELDS, KINDS
from ..model.events import STATUSES
from ..model.places import NAME_SECTIONS
from .labels import CENTER_LABELS, EVENT_LABELS, PLACE_LABELS, WORDS

SLUG_FIELD = "slug"  # the form's file-name field; never written into an entry
FORM_ONLY = {SLUG_FIELD, "body"}  # fields of the form that are not front-matter fields of the model
ENTRY_FORMAT = "dostyq-md"  # front matter as the model reads it: admin/dostyq-cms.js
PLACES_FORMAT = "dostyq-places"  # places.yml as lists the form can edit, and back
DEFAULT_BACKEND = {"name": "git-gateway", "branch": "main"}
LOCAL_BACKEND_URL = "http://127.0.0.1:{port}/api/v1"
ID_PATTERN = f.ID_RE.pattern
MOMENT_WIDGET = "dostyq-moment"  # a date and an optional time (admin/dostyq-cms.js)


def repository_root(content: Path) -> Path:
    """The git repository the content folder is in (its nearest folder holding
    `.git`), else the content folder's parent: what the CMS's paths are relative to."""
    content = content.resolve()
    for folder in (content, *content.parents):
        if (folder / ".git").exists():
            return folder
    return content.parent


def content_folder(content: Path) -> str:
    return Path(os.path.relpath(content.resolve(), repository_root(content))).as_posix()


class FormBuilder:
    """The fields of one form language `ui` (labels and hints in it)."""

    def __init__(self, config: SiteConfig, ui: str, choice_labels: dict[str, dict[str, str]]):
        self.config, self.ui, self.choice_labels = config, ui, choice_labels

    def word(self, key: str) -> str:
        return WORDS[key][self.ui]

    def field(self, labels: dict, name: str, widget: str, *, i18n: bool | str = False, required: bool = False,
              **options: Any) -> dict:
        label, hint = labels[name][self.ui]
        result: dict[str, Any] = {"name": name.rsplit(".", 1)[-1], "label": label, "widget": widget,
                                  "required": required}
        if hint:
            result["hint"] = hint
        if i18n:
            result["i18n"] = i18n
        result.update(options)
        return result

    def options(self, group: str, values) -> list[dict]:
        return [{"label": self.choice_labels.get(group, {}).get(value, value), "value": value} for value in values]

    def pattern(self, regex: str, message: str) -> list[str]:
        return [regex, self.word(message)]

    # -- events ------------------------------------------------------------------------
    def event_fields(self) -> list[dict]:
        L, field = EVENT_LABELS, self.field
        return [
            field(L, SLUG_FIELD, "string", pattern=self.pattern(ID_PATTERN, "bad_id")),
            field(L, "title", "string", i18n=True, required=True),
            field(L, "start", MOMENT_WIDGET, required=True),
            field(L, "end", MOMENT_WIDGET, after="start"),
            field(L, "timezone", "select", options=sorted(available_timezones() - {"Factory", "localtime"})),
            field(L, "category", "select", required=True, options=self.options("category", self.config.categories)),
            field(L, "centers", "relation", collection="centers", value_field="{{slug}}",
                  search_fields=["name"], display_fields=["name"], multiple=True),
            field(L, "organizer", "string", i18n=True),
            self.place_relation(L),
            field(L, "location", "string", i18n=True),
            field(L, "image", "image", choose_url=False),
            field(L, "image_alt", "string", i18n=True),
            field(L, "summary", "text", i18n=True),
            field(L, "status", "select", options=self.options("status", STATUSES)),
            field(L, "status_note", "text", i18n=True),
            field(L, "previous_start", MOMENT_WIDGET),
            field(L, "rrule", "string", pattern=self.pattern(r"^(RRULE:)?\s*FREQ=[A-Z]+(;[A-Z]+=[^;\s]+)*;?$", "bad_rrule")),
            field(L, "dates", "list", field={"name": "date", "label": self.word("date"), "widget": MOMENT_WIDGET}),
            field(L, "except", "list", field={"name": "date", "label": self.word("date"), "widget": MOMENT_WIDGET,
                                              "time": False}),
            field(L, "tags", "list", i18n=True),
            field(L, "url", "string", pattern=self.pattern(f.URL_RE.pattern, "bad_url")),
            field(L, "free", "boolean"),
            field(L, "price", "string", i18n=True),
            field(L, "participants", "number", value_type="int", min=0),
            field(L, "gallery", "list", i18n=True, fields=[
                field(L, "gallery.image", "image", required=True, choose_url=False),
                field(L, "gallery.alt", "string", required=True)]),
            field(L, "id", "string", pattern=self.pattern(ID_PATTERN, "bad_id")),
            field(L, "aliases", "list"),
            field(L, "uid", "string"),
            field(L, "draft", "boolean"),
            field(L, "body", "markdown", i18n=True),
        ]

    def place_relation(self, labels: dict) -> dict:
        return self.field(labels, "place", "relation", collection="places", file="places",
                          value_field="places.*.id",
                          search_fields=[f"places.*.name_{lang}" for lang in self.config.languages] + ["places.*.id"],
                          display_fields=[f"places.*.name_{self.ui}"])

    # -- centres -----------------------------------------------------------------------
    def center_fields(self) -> list[dict]:
        L, field = CENTER_LABELS, self.field
        social = [{"name": network, "label": network.capitalize(), "widget": "string", "required": False,
                   "pattern": self.pattern(f.URL_RE.pattern, "bad_url")} for network in f.SOCIAL_NETWORKS]
        return [
            field(L, SLUG_FIELD, "string", pattern=self.pattern(ID_PATTERN, "bad_id")),
            field(L, "name", "string", i18n=True, required=True),
            field(L, "kind", "select", options=self.options("kind", KINDS)),
            field(L, "ethnos", "string", i18n=True),
            field(L, "parent", "relation", collection="centers", value_field="{{slug}}",
                  search_fields=["name"], display_fields=["name"]),
            field(L, "founded", "string", pattern=self.pattern(r"^\d{4}(-\d{2}-\d{2})?$", "bad_founded")),
            field(L, "leader", "string"),
            field(L, "phone", "string", pattern=self.pattern(f.PHONE_RE.pattern, "bad_phone")),
            field(L, "email", "string", pattern=self.pattern(f.EMAIL_RE.pattern, "bad_email")),
            field(L, "website", "string", pattern=self.pattern(f.URL_RE.pattern, "bad_url")),
            field(L, "social", "object", collapsed=True, fields=social),
            self.place_relation(L),
            field(L, "address", "string", i18n=True),
            field(L, "logo", "image", choose_url=False),
            field(L, "order", "number", value_type="float"),
            field(L, "aliases", "list"),
            field(L, "body", "markdown", i18n=True),
        ]

    # -- places.yml --------------------------------------------------------------------
    def places_fields(self) -> list[dict]:
        L, field = PLACE_LABELS, self.field
        per_language = lambda name: [  # noqa: E731
            {"name": f"{name}_{lang}", "label": f"{L[name][self.ui][0]} ({lang})", "widget": "string",
             "required": name == "name"} for lang in self.config.languages]
        ident = field(L, "id", "string", required=True, pattern=self.pattern(ID_PATTERN, "bad_id"))
        areas = [field(L, section, "list", summary="{{fields.id}}", fields=[ident, *per_language("name")])
                 for section in NAME_SECTIONS]
        places = field(L, "places", "list", summary=f"{{{{fields.name_{self.ui}}}}}", fields=[
            ident, *per_language("name"), *per_language("address"),
            field(L, "city", "string", pattern=self.pattern(ID_PATTERN, "bad_id")),
            field(L, "district", "string", pattern=self.pattern(ID_PATTERN, "bad_id")),
            field(L, "lat", "number", value_type="float", min=-90, max=90),
            field(L, "lon", "number", value_type="float", min=-180, max=180)])
        return [places, *areas]


def decap_config(config: SiteConfig, ui: str, content: str, choice_labels: dict[str, dict[str, str]],
                 backend: dict | None = None) -> dict:
    """Decap's configuration for the form in language `ui`; `content` is the content
    folder relative to the repository."""
    form = FormBuilder(config, ui, choice_labels)
    i18n = {"structure": "multiple_files", "locales": list(config.languages), "default_locale": config.default_language}
    entry_collection = {"create": True, "extension": "md", "format": ENTRY_FORMAT, "identifier_field": SLUG_FIELD,
                        "slug": "{{slug}}", "media_folder": "", "public_folder": "", "i18n": True,
                        "editor": {"preview": True}}
    return {
        "backend": dict(backend or DEFAULT_BACKEND),
        "locale": ui,
        "site_url": config.site_url,
        "display_url": config.site_url,
        "logo": {"src": "/theme/icon.svg"},
        "media_folder": f"{content}/images",
        "public_folder": "/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": i18n,
        "collections": [
            {"name": "events", "label": form.word("events"), "label_singular": form.word("event"),
             "folder": f"{content}/events", "path": "{{start_year}}/{{slug}}",
             "summary": "{{fields.start}} · {{title}}", "sortable_fields": ["start", "title"],
             **entry_collection, "fields": form.event_fields()},
            {"name": "centers", "label": form.word("centers"), "label_singular": form.word("center"),
             "folder": f"{content}/centers", "summary": "{{name}}", "sortable_fields": ["name"],
             **entry_collection, "fields": form.center_fields()},
            {"name": "places", "label": form.word("places"), "format": PLACES_FORMAT, "extension": "yml",
             "editor": {"preview": False},
             "files": [{"name": "places", "label": form.word("places_file"), "file": f"{content}/places.yml",
                        "fields": form.places_fields()}]},
        ],
    }


def with_local_backend(config_yaml: bytes, port: int) -> bytes:
    """The served configuration of `dostyq serve --cms`: the same, with Decap's local
    backend (decap-server on loopback) switched on."""
    data = yaml.safe_load(config_yaml)
    data["local_backend"] = {"url": LOCAL_BACKEND_URL.format(port=port)}
    return dump(data)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # Decap's loader would take them, but people read the file too
        return True


def dump(data: dict) -> bytes:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120).encode("utf-8")


def year_fields() -> list[str]:
    """Fields that take a year as a number (`founded: 1995`): the form's text is
    written as one."""
    return sorted(name for name, spec in CENTER_FIELDS.items() if spec.check is f.year_or_date)


def transliteration() -> dict[str, str]:
    """How the form makes a file name from a title: the letters of Cyrillic (and
    Kazakh's own) as `dostyq new` writes them (authoring/slugs.py)."""
    from unidecode import unidecode

    letters = {chr(code) for code in range(0x0400, 0x0500)} | {chr(code) for code in KAZAKH}
    table = {}
    for letter in sorted(letters):
        if not letter.isalpha():
            continue
        written = unidecode(letter.translate(KAZAKH)).lower().replace("'", "").replace('"', "")
        if written and written.isascii():
            table[letter] = written
    return table
