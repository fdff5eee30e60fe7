"""Districts come from the municipalities' own records (`samverka.people.municipalities`),
read through the one vocabulary; nothing here is a list in code any more.

- `districts(municipality_id=None)`: name → centre, of one municipality (the default one).
- `district_choices` / `all_district_choices`: callables for form fields, evaluated when the
  form is built, so a district added in the admin shows without a restart.
- `centroid(name)`: a district's approximate centre."""

from functools import partial

from samverka.people.vocabulary import (
    all_district_choices,
    all_districts,
    centroid,
    district_choices,
    district_municipality,
    districts,
)

district_options = partial(all_district_choices, blank=False)

__all__ = [
    "all_district_choices",
    "all_districts",
    "centroid",
    "district_choices",
    "district_municipality",
    "district_options",
    "districts",
]
