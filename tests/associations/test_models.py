import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from associations.models import Organisation, Representative, Volunteer
from associations.validators import luhn_check_digit, normalise_organisation_number

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("802012-3456", None),
        ("5560360793", "556036-0793"),
        ("556036 0793", "556036-0793"),
        ("16556036-0793", "556036-0793"),
    ],
)
def test_organisation_number_normalised(typed, stored):
    if stored is None:
        with pytest.raises(ValidationError, match="check digit"):
            normalise_organisation_number(typed)
    else:
        assert normalise_organisation_number(typed) == stored


@pytest.mark.parametrize("typed", ["", "12345", "abcdefghij", "55603607931"])
def test_organisation_number_format_errors(typed):
    with pytest.raises(ValidationError, match="ten digits"):
        normalise_organisation_number(typed)


def test_check_digit_helper_produces_valid_numbers():
    number = "802012345" + luhn_check_digit("802012345")
    assert normalise_organisation_number(number) == f"{number[:6]}-{number[6:]}"


def test_full_clean_normalises_and_slug_is_unique():
    first = Organisation(name="Röda Korset", organisation_number="5560360793")
    first.full_clean()
    first.save()
    assert first.organisation_number == "556036-0793"
    assert first.slug == "roda-korset"
    second = Organisation.objects.create(name="Röda Korset", organisation_number="802012-3454")
    assert second.slug == "roda-korset-2"


def test_queryset_filters():
    listed = Organisation.objects.create(
        name="A",
        organisation_number="556036-0793",
        status=Organisation.Status.APPROVED,
        is_listed=True,
        languages=["sv", "ar"],
        activities=["language_cafe"],
    )
    Organisation.objects.create(name="B", organisation_number="802012-3454")
    assert list(Organisation.objects.listed()) == [listed]
    assert list(Organisation.objects.speaking("ar")) == [listed]
    assert list(Organisation.objects.speaking("a")) == []
    assert list(Organisation.objects.offering("language_cafe")) == [listed]


def test_coordinator_group_has_model_permissions():
    codenames = set(
        Group.objects.get(name="Coordinator")
        .permissions.filter(content_type__app_label="associations")
        .values_list("codename", flat=True)
    )
    assert {"change_organisation", "view_volunteer", "add_volunteer"} <= codenames


def test_volunteer_clean_rejects_unknown_values():
    volunteer = Volunteer(
        first_name="Eva",
        last_name="Holm",
        roles=["pilot"],
        availability=["mon_night"],
        languages={"sv": 7},
    )
    with pytest.raises(ValidationError) as error:
        volunteer.full_clean()
    assert set(error.value.message_dict) >= {"roles", "availability", "languages"}


def test_last_admin(representative_user, coordinator):
    organisation = Organisation.objects.create(name="A", organisation_number="556036-0793")
    admin = Representative.objects.create(
        organisation=organisation, user=representative_user, role=Representative.Role.ADMIN
    )
    assert admin.is_last_admin()
    Representative.objects.create(
        organisation=organisation, user=coordinator, role=Representative.Role.ADMIN
    )
    assert not admin.is_last_admin()


def test_slugs_never_shadow_the_directorys_own_addresses():
    organisation = Organisation.objects.create(name="Register", organisation_number="556036-0793")
    assert organisation.slug == "register-2"


def test_reserved_slug_refused_in_clean():
    organisation = Organisation(name="X", slug="manage", organisation_number="556036-0793")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "slug" in error.value.message_dict
