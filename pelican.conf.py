"""Pelican settings for the Dostyq site.

Build:  .venv/bin/pelican content -s pelican.conf.py -o output
All languages are rendered in this one run by the `dostyq_site` plugin (plugins/dostyq_site).
"""
SITENAME = "Dostyq"
SITEURL = ""  # links are root-relative: the output works on any host at its root
# The published address, for what leaves the site: canonical links, OpenGraph,
# feeds, QR codes, posts. A staging build sets DOSTYQ_SITE_URL, or passes
# `-e SITE_URL='"https://staging.example"'` to pelican.
SITE_URL = "https://dostyq.kz"
SITE_DOMAIN = "dostyq.kz"  # the domain in calendar UIDs; never change it once published

PATH = "content"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["dostyq_site"]

# Languages: the first is the default. Adding one = a code here, its name in
# LANGUAGE_NAMES and a catalogue in theme/translations/<code>/ (see README).
LANGUAGES = ["kk", "ru"]
DEFAULT_LANG = "kk"
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский"}
TIMEZONE = "Asia/Almaty"

EVENT_CATEGORIES = ["festival", "holiday", "forum", "meeting", "round-table", "concert",
                    "exhibition", "seminar", "competition", "charity", "mediation", "other"]
EVENT_DEFAULT_DURATION_MINUTES = 120
FEED_PAST_DAYS = 180  # the big calendar feeds leave out events that ended earlier than this
FEED_MAX_BYTES = 900_000  # and stay under this size (Google Calendar stops reading at about 1 MB)
CALENDAR_HORIZON_MONTHS = 18  # repetition without an end is shown this far ahead
COMING_UP_DAYS = 30
# The editors' web form (/admin/) saves through this backend; by default Decap's
# git-gateway. For GitHub (README, "Editing in the browser"):
# CMS_BACKEND = {"name": "github", "repo": "OWNER/REPO", "branch": "main", "base_url": "https://auth.example.org"}

# Pelican's own article, page and feed machinery is not used: the plugin reads
# the content through the Dostyq model and writes every page and feed.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
THEME_STATIC_PATHS = []  # the plugin publishes theme/static itself, into the same fresh folder
DIRECT_TEMPLATES = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DELETE_OUTPUT_DIRECTORY = False
# Pelican's reStructuredText reader, unused here, warns on every build that
# docutils has no Kazakh.
import logging  # noqa: E402

LOG_FILTER = [(logging.WARNING, "Docutils has no localization for '%s'. Using 'en' instead.")]
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,  # each build makes its own environment; checking every template's date per page is waste
}
