"""Personas for the associations tests.

- `org_a`: Röda Korset, approved; Ali (`representative_user`) is its admin and
  `contact_a` (Sara) a contact person.
- `org_b`: another approved organisation with its own admin (`admin_b`).
- `eva`: the volunteer persona's Volunteer record, linked to both organisations.
"""

import itertools

import pytest
from django.contrib.auth import get_user_model

from associations.models import Membership, Organisation, Representative, Volunteer
from associations.validators import luhn_check_digit

_numbers = itertools.count(1)


def valid_number(index=None) -> str:
    index = next(_numbers) if index is None else index
    first_nine = f"802{index:06d}"
    digits = first_nine + luhn_check_digit(first_nine)
    return f"{digits[:6]}-{digits[6:]}"


def make_organisation(**fields) -> Organisation:
    fields.setdefault("name", f"Förening {next(_numbers)}")
    fields.setdefault("organisation_number", valid_number())
    fields.setdefault("status", Organisation.Status.APPROVED)
    fields.setdefault("is_listed", True)
    return Organisation.objects.create(**fields)


def make_user(email, first_name="Test", last_name="Person"):
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user(
        username=email,
        email=email,
        password="a-long-password-1",
        first_name=first_name,
        last_name=last_name,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def org_a(representative_user):
    organisation = make_organisation(
        name="Röda Korset Ålunda",
        kind=Organisation.Kind.ASSOCIATION,
        district="Ålunda centrum",
        languages=["sv", "ar"],
        activities=["language_cafe"],
        description="Språkcafé varje tisdag.",
        contact_name="Hemlig Kontakt",
        internal_notes="Endast för samordnare",
    )
    Representative.objects.create(
        organisation=organisation, user=representative_user, role=Representative.Role.ADMIN
    )
    return organisation


@pytest.fixture
def contact_a(org_a):
    user = make_user("sara@example.com", "Sara", "Kontakt")
    Representative.objects.create(organisation=org_a, user=user, role=Representative.Role.CONTACT)
    return user


@pytest.fixture
def admin_b(db):
    return make_user("bertil@example.com", "Bertil", "Admin")


@pytest.fixture
def org_b(admin_b):
    organisation = make_organisation(
        name="Västerby moské", kind=Organisation.Kind.FAITH_COMMUNITY, district="Västerby"
    )
    Representative.objects.create(
        organisation=organisation, user=admin_b, role=Representative.Role.ADMIN
    )
    return organisation


@pytest.fixture
def eva(volunteer_user, org_a, org_b):
    volunteer = Volunteer.objects.create(
        user=volunteer_user,
        first_name="Eva",
        last_name="Holm",
        email=volunteer_user.email,
        languages={"sv": 5},
        status=Volunteer.Status.VETTED,
    )
    Membership.objects.create(volunteer=volunteer, organisation=org_a, notes="A:s anteckning")
    Membership.objects.create(volunteer=volunteer, organisation=org_b, notes="B:s anteckning")
    return volunteer


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English, the language of the msgids, so that
    assertions read the messages as written in the code (reverse() then gives
    /en/ addresses). It also undoes a language left active by an earlier test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
