"""Labels of the format's fixed values. They are looked up in the theme's
catalogues; N_ only marks them for `pybabel extract`."""
from dostyq.i18n import N_

CATEGORY_LABELS = {
    "festival": N_("Festival"),
    "holiday": N_("Holiday"),
    "forum": N_("Forum"),
    "meeting": N_("Meeting"),
    "round-table": N_("Round table"),
    "concert": N_("Concert"),
    "exhibition": N_("Exhibition"),
    "seminar": N_("Seminar"),
    "competition": N_("Competition"),
    "charity": N_("Charity"),
    "mediation": N_("Mediation"),
    "other": N_("Other"),
}

STATUS_LABELS = {
    "scheduled": N_("Scheduled"),
    "cancelled": N_("Cancelled"),
    "postponed": N_("Postponed"),
    "rescheduled": N_("Rescheduled"),
}

KIND_LABELS = {
    "ethnocultural-center": N_("Ethnocultural centres"),
    "collective": N_("Creative collectives"),
    "council": N_("Councils"),
    "club": N_("Clubs"),
}

# one centre's kind, as its own page says it
KIND_NAMES = {
    "ethnocultural-center": N_("Ethnocultural centre"),
    "collective": N_("Creative collective"),
    "council": N_("Council"),
    "club": N_("Club"),
}

# said beside a text shown in another language than the page's
IN_LANGUAGE = {
    "kk": N_("in Kazakh"),
    "ru": N_("in Russian"),
}

SOCIAL_LABELS = {
    "instagram": "Instagram",
    "facebook": "Facebook",
    "telegram": "Telegram",
    "vk": N_("VKontakte"),
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "whatsapp": "WhatsApp",
    "ok": N_("Odnoklassniki"),
}
