import pytest

from associations.demo import seed_organisations, seed_volunteers
from associations.models import Membership, Organisation, Representative, Volunteer

pytestmark = pytest.mark.django_db


def test_demo_seed_is_complete_and_idempotent():
    messages = []
    seed_organisations(messages.append)
    seed_volunteers(messages.append)
    counts = (
        Organisation.objects.count(),
        Representative.objects.count(),
        Volunteer.objects.count(),
        Membership.objects.count(),
    )
    assert Organisation.objects.listed().count() >= 37
    assert set(Organisation.objects.values_list("kind", flat=True)) == set(Organisation.Kind.values)
    assert set(Organisation.objects.values_list("district", flat=True)) >= {
        "Ålunda centrum",
        "Västerby",
    }
    assert Organisation.objects.pending().exists()
    assert 115 <= Volunteer.objects.count() <= 130
    languages = {code for v in Volunteer.objects.all() for code in v.languages}
    assert {"ar", "fa", "prs", "ti", "so", "uk", "en", "sv"} <= languages
    assert {role for v in Volunteer.objects.all() for role in v.roles} == set(Volunteer.Role.values)
    assert {v.capacity for v in Volunteer.objects.all()} == {0, 1, 2, 3}
    assert Volunteer.objects.filter(consent_records__method="paper", email="").exists()
    for volunteer in Volunteer.objects.all()[:40]:
        volunteer.full_clean()
    # The demo personas.
    ali = Representative.objects.get(user__email="forening@demo.samverka.se")
    assert ali.role == "admin"
    eva = Volunteer.objects.get(user__email="volontar@demo.samverka.se")
    assert eva.memberships.count() == 2
    # Someone volunteers through two organisations.
    assert (
        Volunteer.objects.filter(memberships__isnull=False).distinct().count()
        < Membership.objects.count()
    )
    assert messages and all(isinstance(m, str) for m in messages)

    seed_organisations(messages.append)
    seed_volunteers(messages.append)
    assert counts == (
        Organisation.objects.count(),
        Representative.objects.count(),
        Volunteer.objects.count(),
        Membership.objects.count(),
    )
