"""The web form's configuration is made from the content model (issue 15, point 1):
every field of the model is in the form and every field of the form is in the
model, with a label and a hint in each language, through the real build."""
from __future__ import annotations

import pytest
import yaml

from conftest import read
from dostyq.cms.config import FORM_ONLY
from dostyq.cms.labels import CENTER_LABELS, EVENT_LABELS
from dostyq.config import SiteConfig
from dostyq.model.centers import CENTER_FIELDS
from dostyq.model.events import EVENT_FIELDS

CONFIG = SiteConfig()


def form(site, ui: str) -> dict:
    return yaml.safe_load(read(site / "admin" / ("" if ui == CONFIG.default_language else ui) / "config.yml"))


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


@pytest.mark.parametrize("ui", CONFIG.languages)
@pytest.mark.parametrize("name, model", [("events", EVENT_FIELDS), ("centers", CENTER_FIELDS)])
def test_every_model_field_is_in_the_form_and_back(site, ui, name, model):
    fields = {f["name"]: f for f in collection(form(site, ui), name)["fields"]}
    assert set(fields) - FORM_ONLY == set(model)
    for field_name, spec in model.items():
        field = fields[field_name]
        assert field["required"] == spec.required, field_name
        # per-language fields are translated; facts are written once, in the default language's file
        assert field.get("i18n", False) is spec.per_language, field_name
    assert fields["body"]["i18n"] is True


@pytest.mark.parametrize("ui", CONFIG.languages)
def test_labels_hints_and_choices_come_from_the_settings(site, ui):
    config = form(site, ui)
    assert config["locale"] == ui
    assert config["i18n"] == {"structure": "multiple_files", "locales": list(CONFIG.languages),
                              "default_locale": CONFIG.default_language}
    events = collection(config, "events")
    assert events["folder"] == "tests/fixtures/site/events" and "{{start_year}}" in events["path"]
    fields = {f["name"]: f for f in events["fields"]}
    assert [o["value"] for o in fields["category"]["options"]] == list(CONFIG.categories)
    assert all(o["label"] != o["value"] for o in fields["category"]["options"])  # translated
    assert fields["centers"]["collection"] == "centers" and fields["place"]["collection"] == "places"
    assert fields["start"]["widget"] == "dostyq-moment" and fields["end"]["after"] == "start"
    assert events["media_folder"] == "" and events["public_folder"] == ""  # images beside the entry
    assert "FREQ=WEEKLY;BYDAY=SA" in fields["rrule"]["hint"]
    places = collection(config, "places")
    assert places["files"][0]["file"] == "tests/fixtures/site/places.yml"
    for labels in (EVENT_LABELS, CENTER_LABELS):
        for name, by_language in labels.items():
            assert set(by_language) == set(CONFIG.languages), name
            assert all(label for label, _ in by_language.values()), name
    for field in events["fields"] + collection(config, "centers")["fields"]:
        assert field["label"], field


def test_the_form_is_served_from_our_own_files(site):
    page = read(site / "admin" / "index.html")
    assert 'src="/admin/decap/decap-cms.js"' in page and "://" not in page.replace('rel="cms-config-url"', "")
    assert (site / "admin" / "decap" / "decap-cms.js").is_file()
    assert (site / "admin" / "ru" / "index.html").is_file()
    assert "local_backend" not in read(site / "admin" / "config.yml")


def test_without_the_installed_form_the_build_says_so_once_and_builds_the_rest(tmp_path, capfd):
    from conftest import FIXTURES, build_site

    out = build_site(FIXTURES / "site", tmp_path / "output", DOSTYQ_CMS_MODULES=str(tmp_path / "nothing"))
    warnings = [line for line in capfd.readouterr().err.splitlines() if "/admin/" in line]
    assert warnings == ["warning: the editors' web form (/admin/) is built without Decap CMS: its files are not "
                        "installed; run `make setup` (npm ci in admin/)"]
    assert (out / "kk" / "index.html").is_file() and (out / "admin" / "config.yml").is_file()
    assert not (out / "admin" / "decap").exists()
    assert "<script" not in read(out / "admin" / "index.html")  # no script that is not there
