"""Places: `content/places.yml`, one id per venue with address and coordinates,
and the names of the cities and districts they are in (`cities:`, `districts:`),
so that an editor adds a town without touching code."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..config import SiteConfig
from .entries import Localized
from ..messages import Message, listing
from .fields import ID_RE, Invalid
from .problems import Problems
from .source import MAX_FILE_BYTES, Value, load_yaml_mapping

PLACE_FIELDS = ("name", "address", "city", "district", "geo")
NAME_SECTIONS = ("cities", "districts")  # reserved keys: names of areas, not places


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


@dataclass
class Places:
    places: dict[str, Place] = field(default_factory=dict)
    cities: dict[str, Localized[str]] = field(default_factory=dict)
    districts: dict[str, Localized[str]] = field(default_factory=dict)
    # ids written in the file but refused: entries using them get no second,
    # misleading "unknown place" error
    broken: set[str] = field(default_factory=set)


def _per_language(value, what: str, config: SiteConfig) -> dict[str, str]:
    if isinstance(value, str) and value.strip():
        return {config.default_language: value.strip()}
    if not isinstance(value, dict) or not value:
        raise Invalid(Message("`{what}` must be a map of language: text, e.g. {{kk: ..., ru: ...}}", what=what))
    unknown = [lang for lang in value if lang not in config.languages]
    if unknown:
        raise Invalid(Message("`{what}` has an unknown language {lang!r}; languages: {languages}", what=what,
                              lang=unknown[0], languages=listing(config.languages)))
    if not all(isinstance(text, str) and text.strip() for text in value.values()):
        raise Invalid(Message("`{what}` must give non-empty text for each language", what=what))
    return {lang: " ".join(text.split()) for lang, text in value.items()}


def _geo(value) -> tuple[float, float]:
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        raise Invalid(Message("`geo` must be [latitude, longitude], e.g. [49.948, 82.628]"))
    lat, lon = value
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also refuses .nan and .inf
        raise Invalid(Message("`geo` {value} is outside the globe: latitude -90..90, longitude -180..180", value=value))
    return float(lat), float(lon)


def _area_id(value, what: str) -> str | None:
    if value is not None and (not isinstance(value, str) or not ID_RE.match(value)):
        raise Invalid(Message("`{what}` {value!r} must be an id such as oskemen, or null", what=what, value=value))
    return value


def load_places(path: Path | None, config: SiteConfig, problems: Problems) -> Places:
    result = Places()
    if path is None:
        return result
    if path.stat().st_size > MAX_FILE_BYTES:
        problems.error(path, 1, Message("the file is larger than {limit} kB", limit=MAX_FILE_BYTES // 1000))
        return result
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        problems.error(path, 1, Message("the file is not UTF-8 text; save it as UTF-8"))
        return result
    entries = load_yaml_mapping(text, path, 1, problems) or {}
    for section in NAME_SECTIONS:
        if section in entries:
            names = _area_names(entries.pop(section), section, path, config, problems)
            setattr(result, section, names)
    for place_id, written in entries.items():
        place = _place(place_id, written, path, config, problems)
        if place is None:
            result.broken.add(place_id)
        else:
            result.places[place_id] = place
    for place in result.places.values():
        for kind, section in ((place.city, "cities"), (place.district, "districts")):
            if kind is not None and kind not in getattr(result, section):
                problems.warn(path, place.line, Message(
                    "place `{place}`: `{area}` has no name yet; pages show the address without it until "
                    "`{section}:` in places.yml names it, e.g. {area}: {{kk: ..., ru: ...}}",
                    place=place.id, area=kind, section=section))
    return result


def _area_names(written: Value, section: str, path: Path, config: SiteConfig,
                problems: Problems) -> dict[str, Localized[str]]:
    if not isinstance(written.value, dict):
        problems.error(path, written.line, Message("`{section}` must be a map of id: {{kk: name, ru: name}}", section=section))
        return {}
    names = {}
    for index, (area_id, value) in enumerate(written.value.items()):
        line = written.item_lines[index] if index < len(written.item_lines) else written.line
        try:
            _area_id(area_id, section)
            names[area_id] = Localized(_per_language(value, f"{section}: {area_id}", config), config)
        except Invalid as exc:
            problems.error(path, line, exc.message)
    return names


def _place(place_id, written: Value, path: Path, config: SiteConfig, problems: Problems) -> Place | None:
    where = (path, written.line)
    if not ID_RE.match(place_id):
        problems.error(*where, Message("place id {place!r} must be lower-case latin letters, digits and hyphens", place=place_id))
        return None
    value = written.value
    if not isinstance(value, dict):
        problems.error(*where, Message("place `{place}` must be a map with name, address, city, geo", place=place_id))
        return None
    unknown = sorted(set(value) - set(PLACE_FIELDS))
    if unknown:
        problems.error(*where, Message("place `{place}`: unknown field `{field}`; fields: {fields}", place=place_id,
                                       field=unknown[0], fields=listing(PLACE_FIELDS)))
        return None
    try:
        if "name" not in value:
            raise Invalid(Message("`name` is missing"))
        name = _per_language(value["name"], "name", config)
        address = _per_language(value["address"], "address", config) if value.get("address") else {}
        city = _area_id(value.get("city"), "city")
        district = _area_id(value.get("district"), "district")
        geo = _geo(value["geo"]) if value.get("geo") is not None else None
    except Invalid as exc:
        problems.error(*where, Message("place `{place}`: {problem}", place=place_id, problem=exc.message))
        return None
    return Place(place_id, Localized(name, config), Localized(address, config), city, district, geo,
                 problems.show(path), written.line)
