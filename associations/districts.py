"""The districts of the (fictional) municipality, with approximate centres.

A volunteer's position is stored as their district's centre, never their
home: enough for "near" in matching, too coarse to find anyone's door.
"""

from django.utils.translation import gettext_lazy as _

DISTRICTS: dict[str, tuple[float, float]] = {
    "Ålunda centrum": (59.4321, 17.8312),
    "Västerby": (59.4476, 17.7985),
    "Norrängen": (59.4602, 17.8405),
    "Söderdal": (59.4155, 17.8570),
}

DISTRICT_CHOICES = [("", _("Choose a district"))] + [(name, name) for name in DISTRICTS]


def centroid(district: str) -> tuple[float | None, float | None]:
    return DISTRICTS.get(district, (None, None))
