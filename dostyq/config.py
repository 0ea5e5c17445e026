"""The site's settings that the content model and calendar need, as a plain object.

Built from Pelican's settings (a dict) or from defaults, so the model, the build,
the editors' command and the tests read the same values.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any, Mapping
from zoneinfo import ZoneInfo

CATEGORIES = ("festival", "holiday", "forum", "meeting", "round-table", "concert",
              "exhibition", "seminar", "competition", "charity", "mediation", "other")


SITE_URL_VARIABLE = "DOSTYQ_SITE_URL"  # a staging host overrides SITE_URL without editing the settings


class SettingsError(ValueError):
    """A setting that cannot be used, in words an editor can act on."""


def site_url(value: object) -> str:
    """`SITE_URL` checked: an absolute http(s) address of the site's root, without
    the final slash."""
    from urllib.parse import urlsplit

    text = str(value).strip() if isinstance(value, str) else ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or any(c.isspace() or c in "\"'<>" for c in text):
        raise SettingsError(f"SITE_URL (or {SITE_URL_VARIABLE}) must be the site's address, such as "
                            f"https://dostyq.kz, not {value!r}")
    return text.rstrip("/")


@dataclass(frozen=True)
class SiteConfig:
    languages: tuple[str, ...] = ("kk", "ru")
    default_language: str = "kk"
    timezone: str = "Asia/Almaty"
    categories: tuple[str, ...] = CATEGORIES
    default_duration: dt.timedelta = dt.timedelta(hours=2)
    feed_past_days: int = 180
    # Google Calendar is reported to stop reading subscriptions past about 1 MB
    feed_max_bytes: int = 900_000
    horizon_months: int = 18
    coming_up_days: int = 30
    domain: str = "dostyq.kz"
    # the published address: canonical links, OpenGraph, feeds, QR codes and posts
    # use it; the pages' own links stay root-relative, so any host serves them
    site_url: str = "https://dostyq.kz"
    today: dt.date | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> "SiteConfig":
        default = cls()
        languages = tuple(settings.get("LANGUAGES", default.languages))
        return cls(
            languages=languages,
            default_language=settings.get("DEFAULT_LANG", languages[0]),
            timezone=settings.get("TIMEZONE", default.timezone),
            categories=tuple(settings.get("EVENT_CATEGORIES", default.categories)),
            default_duration=dt.timedelta(minutes=settings.get("EVENT_DEFAULT_DURATION_MINUTES", 120)),
            feed_past_days=settings.get("FEED_PAST_DAYS", default.feed_past_days),
            feed_max_bytes=settings.get("FEED_MAX_BYTES", default.feed_max_bytes),
            horizon_months=settings.get("CALENDAR_HORIZON_MONTHS", default.horizon_months),
            coming_up_days=settings.get("COMING_UP_DAYS", default.coming_up_days),
            domain=settings.get("SITE_DOMAIN", default.domain),
            site_url=site_url(os.environ.get(SITE_URL_VARIABLE) or settings.get("SITE_URL", default.site_url)),
        )

    def build_today(self) -> dt.date:
        """The build's "today": SOURCE_DATE_EPOCH when set (reproducible builds), else now,
        as a date in the site's time zone."""
        if self.today is not None:
            return self.today
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
        return now.astimezone(self.zone).date()

    def ordered_languages(self, first: str) -> tuple[str, ...]:
        """Languages to fall back through when `first` is missing: it, the default, the rest."""
        rest = [lang for lang in (self.default_language, *self.languages) if lang != first]
        return tuple(dict.fromkeys([first, *rest]))
