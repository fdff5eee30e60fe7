"""Districts now live in the one vocabulary (`samverka.people.vocabulary.districts()`); these
names stay for the code that imports them from here."""

from samverka.people.vocabulary import centroid, district_choices, districts

DISTRICTS = districts()
DISTRICT_CHOICES = district_choices()

__all__ = ["DISTRICTS", "DISTRICT_CHOICES", "centroid", "districts"]
