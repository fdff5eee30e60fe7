"""Who may see a person, and who may see their special-category data.

- `get_person_for(user, pk, write=False)`: the one load-and-authorise function for a Person.
  Coordinators see and change the residents of the municipalities they coordinate
  (`municipalities.municipalities_for`); a person sees (and may not change here) their own
  record; everyone else, a coordinator of another municipality included, gets 404.
- `people_for(user)`: the people a coordinator may list (the same scope).
- `may_see_special_category(user, person)`: the one place that decides who sees faith-community
  membership, income support and interests that reveal a religion (GDPR art. 9). Only staff
  granted "Can see special-category data" (and superusers) do; the person themself does too.
  Every page, export and admin column that shows such data asks this function.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from samverka.core.permissions import is_coordinator

from . import vocabulary
from .models import Person
from .municipalities import scope

PERSON_SCOPE = ("home_municipality",)


def people_for(user):
    if not is_coordinator(user):
        return Person.objects.none()
    return scope(Person.objects.all(), user, PERSON_SCOPE)


def get_person_for(user, pk: int, write: bool = False) -> Person:
    if not user.is_authenticated:
        raise Http404
    if is_coordinator(user):
        person = people_for(user).filter(pk=pk).first()
        if person is not None:
            return person
    person = Person.objects.filter(pk=pk, user_id=user.pk).first()
    if person is None:
        raise Http404
    if person.user_id == user.pk:
        if write:
            raise PermissionDenied
        return person
    raise Http404


def may_see_special_category(user, person: Person | None = None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if person is not None and person.user_id is not None and person.user_id == user.pk:
        return True
    return user.has_perm("people.view_special_category")


def visible_interests(user, person: Person | None, interests) -> list[str]:
    """Interests without those that reveal a special category, unless the user may see them."""
    interests = list(interests or [])
    if may_see_special_category(user, person):
        return interests
    return [i for i in interests if i not in vocabulary.SPECIAL_CATEGORY_INTERESTS]
