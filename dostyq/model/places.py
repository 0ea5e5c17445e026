"""Places: `content/places.yml`, one id per venue with address and coordinates."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import SiteConfig
from .entries import Localized
from .fields import ID_RE
from .problems import Problems
from .source import MAX_FILE_BYTES, load_yaml_mapping

PLACE_FIELDS = ("name", "address", "city", "district", "geo")


@dataclass(frozen=True)
class Place:
    id: str
    name: Localized[str]
    address: Localized[str]
    city: str | None
    district: str | None
    geo: tuple[float, float] | None
    path: str
    line: int


def _per_language(value, what: str, config: SiteConfig) -> dict[str, str]:
    if isinstance(value, str) and value.strip():
        return {config.default_language: value.strip()}
    if not isinstance(value, dict) or not value:
        raise ValueError(f"`{what}` must be a map of language: text, e.g. {{kk: ..., ru: ...}}")
    unknown = [lang for lang in value if lang not in config.languages]
    if unknown:
        raise ValueError(f"`{what}` has an unknown language {unknown[0]!r}; languages: {', '.join(config.languages)}")
    if not all(isinstance(text, str) and text.strip() for text in value.values()):
        raise ValueError(f"`{what}` must give non-empty text for each language")
    return {lang: text.strip() for lang, text in value.items()}


def _geo(value) -> tuple[float, float]:
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        raise ValueError("`geo` must be [latitude, longitude], e.g. [49.948, 82.628]")
    lat, lon = value
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"`geo` {value} is outside the globe: latitude -90..90, longitude -180..180")
    return float(lat), float(lon)


def load_places(path: Path, config: SiteConfig, problems: Problems) -> dict[str, Place]:
    if not path.exists():
        return {}
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        problems.error(path, 1, "the file is too large")
        return {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        problems.error(path, 1, "the file is not UTF-8 text")
        return {}
    entries = load_yaml_mapping(text, path, 1, problems)
    places: dict[str, Place] = {}
    for place_id, written in (entries or {}).items():
        where = (path, written.line)
        if not ID_RE.match(place_id):
            problems.error(*where, f"place id {place_id!r} must be lower-case latin letters, digits and hyphens")
            continue
        value = written.value
        if not isinstance(value, dict):
            problems.error(*where, f"place `{place_id}` must be a map with name, address, city, geo")
            continue
        unknown = sorted(set(value) - set(PLACE_FIELDS))
        if unknown:
            problems.error(*where, f"place `{place_id}`: unknown field `{unknown[0]}`; fields: {', '.join(PLACE_FIELDS)}")
            continue
        try:
            if "name" not in value:
                raise ValueError("`name` is missing")
            name = _per_language(value["name"], "name", config)
            address = _per_language(value["address"], "address", config) if value.get("address") else {}
            city = value.get("city")
            if city is not None and (not isinstance(city, str) or not ID_RE.match(city)):
                raise ValueError(f"`city` {city!r} must be an id such as oskemen")
            if city is not None and config.cities and city not in config.cities:
                raise ValueError(f"unknown city {city!r}; known: {', '.join(sorted(config.cities))}")
            district = value.get("district")
            if district is not None and (not isinstance(district, str) or not ID_RE.match(district)):
                raise ValueError(f"`district` {district!r} must be an id or null")
            geo = _geo(value["geo"]) if value.get("geo") is not None else None
        except ValueError as exc:
            problems.error(*where, f"place `{place_id}`: {exc}")
            continue
        places[place_id] = Place(place_id, Localized(name, config), Localized(address, config), city,
                                 district, geo, problems.show(path), written.line)
    return places
