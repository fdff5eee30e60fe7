"""Personas and a small world for the internship tests.

- `employer`: Ålunda Bygg AB (a company); `supervisor` (Sven) is its contact
  representative, `employer_admin` (Annika) its admin.
- `other_employer`: Västerby Livs, with its own admin `other_rep` (Olle).
- `mentor` (Maja): a vetted volunteer internship mentor, a carpenter near the
  workplace, with an account; `other_mentor` (Mats) another mentor with an account.
- `newcomer` (Amal): settled on 2024-03-01.
- `place`: two carpenter places at the employer, in Ålunda centrum.
"""

import itertools
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from associations.districts import districts
from associations.models import Organisation, Representative, Volunteer
from associations.validators import luhn_check_digit
from mentors.internships.models import Internship, InternshipPlace

_numbers = itertools.count(700)
CENTRUM = "Ålunda centrum"


def valid_number(prefix="556") -> str:
    first_nine = f"{prefix}{next(_numbers):06d}"
    digits = first_nine + luhn_check_digit(first_nine)
    return f"{digits[:6]}-{digits[6:]}"


def make_user(email, first_name="Test", last_name="Person"):
    return get_user_model().objects.create_user(
        username=email,
        email=email,
        password="a-long-password-1",
        first_name=first_name,
        last_name=last_name,
    )


def make_employer(name, kind=Organisation.Kind.COMPANY, **fields):
    return Organisation.objects.create(
        name=name,
        organisation_number=valid_number(
            "212" if kind == Organisation.Kind.PUBLIC_ACTOR else "556"
        ),
        kind=kind,
        status=Organisation.Status.APPROVED,
        district=fields.pop("district", CENTRUM),
        **fields,
    )


def make_newcomer(first_name="Amal", last_name="Yousef", **fields):
    Newcomer = apps.get_model("mentors", "Newcomer")
    values = {
        "first_name": first_name,
        "last_name": last_name,
        "date_of_settlement": date(2024, 3, 1),
        "gender": "female",
        "district": CENTRUM,
        "languages": {"ar": 5, "sv": 3},
        "profession": "Snickare",
    }
    values.update(fields)
    names = {f.name for f in Newcomer._meta.get_fields()} | Newcomer.PERSON_FIELDS
    return Newcomer.objects.register(**{k: v for k, v in values.items() if k in names})


def make_mentor(first_name, user=None, **fields):
    lat, lon = districts()[fields.get("district", CENTRUM)]
    values = {
        "first_name": first_name,
        "last_name": "Mentor",
        "email": f"{first_name.lower()}@example.com",
        "district": CENTRUM,
        "latitude": lat,
        "longitude": lon,
        "languages": {"sv": 5, "ar": 3},
        "roles": [Volunteer.Role.INTERNSHIP_MENTOR],
        "availability": ["mon_morning", "tue_afternoon"],
        "capacity": 2,
        "profession": "Snickare",
        "sector": "Bygg",
        "status": Volunteer.Status.VETTED,
        "user": user,
    }
    values.update(fields)
    return Volunteer.objects.create(**values)


def make_place(employer, **fields):
    values = {
        "title": "Snickare, praktik",
        "occupation": "Snickare",
        "sector": "Bygg",
        "competences": ["verktyg", "ritningar"],
        "languages": ["sv"],
        "district": CENTRUM,
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
        "hours_per_week": 30,
        "number_of_places": 2,
        "supervisor_name": "Sven Handledare",
        "supervisor_email": "sven@bygg.example",
    }
    values.update(fields)
    return InternshipPlace.objects.create(employer=employer, **values)


def place_newcomer(newcomer, place, start=date(2026, 2, 2), end=date(2026, 5, 1), **fields):
    return Internship.objects.place(
        newcomer=newcomer, place=place, start_date=start, end_date=end, **fields
    )


@pytest.fixture
def employer(db):
    return make_employer("Ålunda Bygg AB")


@pytest.fixture
def supervisor(employer):
    user = make_user("sven@bygg.example", "Sven", "Handledare")
    Representative.objects.create(
        organisation=employer, user=user, role=Representative.Role.CONTACT
    )
    return user


@pytest.fixture
def employer_admin(employer):
    user = make_user("annika@bygg.example", "Annika", "Admin")
    Representative.objects.create(organisation=employer, user=user, role=Representative.Role.ADMIN)
    return user


@pytest.fixture
def other_employer(db):
    return make_employer("Västerby Livs", district="Västerby")


@pytest.fixture
def other_rep(other_employer):
    user = make_user("olle@livs.example", "Olle", "Livs")
    Representative.objects.create(
        organisation=other_employer, user=user, role=Representative.Role.ADMIN
    )
    return user


@pytest.fixture
def mentor_user(db):
    return make_user("maja@example.com", "Maja", "Mentor")


@pytest.fixture
def mentor(mentor_user):
    return make_mentor("Maja", user=mentor_user)


@pytest.fixture
def other_mentor(db):
    return make_mentor("Mats", user=make_user("mats@example.com", "Mats", "Mentor"))


@pytest.fixture
def newcomer(db):
    return make_newcomer()


@pytest.fixture
def place(employer):
    return make_place(employer)


@pytest.fixture
def internship(newcomer, place, coordinator):
    return place_newcomer(newcomer, place, coordinator=coordinator)


@pytest.fixture
def admin_client_en(client, coordinator):
    """The coordinator logged in, with the Wagtail admin in English."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)
    return client
