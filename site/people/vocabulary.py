"""The one vocabulary every app uses: languages, interests, availability slots and districts.

One list each. Forms, filters, the admin and matching read them from here, so a language or an
interest means the same thing on the public form, in the admin and in matching. Labels are lazy:
they are translated when shown, in the language of the request (Swedish by default).
"""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

# --------------------------------------------------------------------------------------
# Languages (ISO 639-1 where it has a code, ISO 639-3 otherwise)
# --------------------------------------------------------------------------------------

# Persian is "fa"; Dari, the variety spoken in Afghanistan, is "prs" (ISO 639-3). They are
# separate entries so that a newcomer who speaks Dari finds their language by its name, and
# matching may treat them as mutually intelligible (see RELATED_LANGUAGES) without merging them.
LANGUAGES = [
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("prs", _("Dari")),
    ("so", _("Somali")),
    ("ti", _("Tigrinya")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("ku", _("Kurdish")),
    ("tr", _("Turkish")),
    ("bs", _("Bosnian/Croatian/Serbian")),
    ("pl", _("Polish")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("de", _("German")),
    ("am", _("Amharic")),
]
LANGUAGE_NAMES = dict(LANGUAGES)

# Each language's name in itself, shown beside the translated name in the language picker so
# that a newcomer finds their language on a page in any language (and can search for it).
ENDONYMS = {
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "prs": "دری",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "uk": "Українська",
    "ru": "Русский",
    "ku": "Kurdî",
    "tr": "Türkçe",
    "bs": "Bosanski/Hrvatski/Српски",
    "pl": "Polski",
    "es": "Español",
    "fr": "Français",
    "de": "Deutsch",
    "am": "አማርኛ",
}
RIGHT_TO_LEFT = frozenset({"ar", "fa", "prs"})
LANGUAGE_CODES = frozenset(LANGUAGE_NAMES)

# The languages Samverka's own texts and messages are translated into, by their own names:
# what a person may choose for the emails and texts they get. Fixed here rather than read
# from a site's LANGUAGES, so the apps' models (and migrations) are the same on every site.
SITE_LANGUAGES = [
    ("sv", "Svenska"),
    ("en", "English"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("so", "Soomaali"),
    ("ti", "ትግርኛ"),
    ("uk", "Українська"),
]

# Languages a speaker of the key understands well enough to meet in.
RELATED_LANGUAGES = {"fa": {"prs"}, "prs": {"fa"}}

# The languages public forms ask about one by one (the others can be added by a coordinator).
FORM_LANGUAGES = ["sv", "en", "ar", "fa", "prs", "so", "ti", "uk", "ru", "ku", "tr"]

LEVELS = [
    (1, _("1 – a few words")),
    (2, _("2 – simple conversation")),
    (3, _("3 – everyday conversation")),
    (4, _("4 – fluent")),
    (5, _("5 – mother tongue")),
]


def language_choices(codes=None) -> list[tuple[str, str]]:
    """The language list, or the part of it with the given codes, in the list's order."""
    if codes is None:
        return list(LANGUAGES)
    wanted = set(codes)
    return [(code, label) for code, label in LANGUAGES if code in wanted]


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


# --------------------------------------------------------------------------------------
# Interests
# --------------------------------------------------------------------------------------

INTERESTS = [
    ("cooking", _("Cooking")),
    ("football", _("Football")),
    ("walking", _("Walks")),
    ("music", _("Music")),
    ("crafts", _("Crafts")),
    ("gardening", _("Gardening")),
    ("reading", _("Reading")),
    ("children_activities", _("Activities with children")),
    ("swimming", _("Swimming")),
    ("cycling", _("Cycling")),
    ("museums", _("Museums")),
    ("fika", _("Fika")),
    ("nature", _("Nature")),
    ("computers", _("Computers")),
    ("chess", _("Chess")),
    ("dance", _("Dance")),
    ("volunteering", _("Volunteering")),
    ("film", _("Film")),
    ("faith", _("Faith and community")),
    ("running", _("Running")),
    ("languages", _("Languages")),
]
INTEREST_CODES = frozenset(code for code, _label in INTERESTS)

# Interests that reveal a special category of personal data (religion, GDPR art. 9): shown
# only to those `samverka.people.access.may_see_special_category` allows.
SPECIAL_CATEGORY_INTERESTS = frozenset({"faith"})

# Words people typed before interests were a fixed list (often Swedish) and their codes.
INTEREST_ALIASES = {
    "fotboll": "football",
    "matlagning": "cooking",
    "laga mat": "cooking",
    "promenader": "walking",
    "promenera": "walking",
    "schack": "chess",
    "musik": "music",
    "körsång": "music",
    "läsning": "reading",
    "böcker": "reading",
    "cykling": "cycling",
    "trädgård": "gardening",
    "slöjd": "crafts",
    "handarbete": "crafts",
    "natur": "nature",
    "fiske": "nature",
    "simning": "swimming",
    "löpning": "running",
    "dans": "dance",
    "museer": "museums",
    "datorer": "computers",
    "språk": "languages",
}


def interest_codes(values) -> frozenset[str]:
    """Codes for stored interests, whether stored as codes or as the words typed earlier."""
    codes = set()
    for value in values or []:
        word = str(value).strip().casefold()
        if word:
            codes.add(INTEREST_ALIASES.get(word, word))
    return frozenset(codes)


# --------------------------------------------------------------------------------------
# Availability: a weekday and a part of the day
# --------------------------------------------------------------------------------------

WEEKDAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]
DAY_PARTS = [("morning", _("morning")), ("afternoon", _("afternoon")), ("evening", _("evening"))]
AVAILABILITY_SLOTS = [f"{day}_{part}" for day, _d in WEEKDAYS for part, _p in DAY_PARTS]


def availability_label(slot: str) -> str:
    day, _sep, part = slot.partition("_")
    return f"{dict(WEEKDAYS).get(day, day)} {dict(DAY_PARTS).get(part, part)}"


# Lazy labels: built at import time they would stay in whatever language was active then.
AVAILABILITY_CHOICES = [(slot, lazy(availability_label, str)(slot)) for slot in AVAILABILITY_SLOTS]


# --------------------------------------------------------------------------------------
# Districts
# --------------------------------------------------------------------------------------

# The districts with their approximate centres live in the database, on each
# `samverka.people.municipalities.Municipality`; they are read only through `districts()`,
# kept in the cache (emptied whenever a municipality or district changes). A person's
# position is stored as their district's centre, never their home: enough for "near" in
# matching, too coarse to find anyone's door.
# The districts the first release had in code: the data migration that created the
# municipality wrote them into its record (people.0006); nothing reads this list at run time.
INITIAL_DISTRICTS: dict[str, tuple[float, float]] = {
    "Ålunda centrum": (59.4321, 17.8312),
    "Västerby": (59.4476, 17.7985),
    "Norrängen": (59.4602, 17.8405),
    "Söderdal": (59.4155, 17.8570),
}


def _all_districts() -> dict:
    from .municipalities import _data

    data = _data()
    return {"default": data["default"], "rows": data["districts"]}


def districts(municipality_id: int | None = None) -> dict[str, tuple[float, float]]:
    """District name → approximate centre (latitude, longitude), of the given municipality
    (by id) or, by default, of the municipality that runs the installation."""
    data = _all_districts()
    wanted = municipality_id or data["default"]
    return {name: (lat, lon) for mid, name, lat, lon in data["rows"] if mid == wanted}


def all_districts() -> dict[str, tuple[float, float]]:
    """Every municipality's districts (the first of two with the same name wins)."""
    result: dict[str, tuple[float, float]] = {}
    for _mid, name, lat, lon in _all_districts()["rows"]:
        result.setdefault(name, (lat, lon))
    return result


def district_municipality(district: str) -> int | None:
    """The municipality (id) a district name belongs to; the default one's first."""
    data = _all_districts()
    found = None
    for mid, name, _lat, _lon in data["rows"]:
        if name == district:
            if mid == data["default"]:
                return mid
            found = found or mid
    return found


def district_choices(blank: bool = True, municipality_id: int | None = None):
    choices = [(name, name) for name in districts(municipality_id)]
    return [("", _("Choose a district")), *choices] if blank else choices


def all_district_choices(blank: bool = True):
    """Every municipality's districts, grouped by municipality when there are several."""
    from .municipalities import Municipality

    data = _all_districts()
    names = dict(Municipality.objects.values_list("pk", "name")) if data["rows"] else {}
    groups: dict[int, list] = {}
    for mid, name, _lat, _lon in data["rows"]:
        groups.setdefault(mid, []).append((name, name))
    if len(groups) <= 1:
        choices = [c for group in groups.values() for c in group]
    else:
        choices = [(names.get(mid, ""), group) for mid, group in groups.items()]
    return [("", _("Choose a district")), *choices] if blank else choices


def centroid(
    district: str, municipality_id: int | None = None
) -> tuple[float | None, float | None]:
    if municipality_id:
        return districts(municipality_id).get(district, (None, None))
    return districts().get(district) or all_districts().get(district, (None, None))
