"""The model and its bad input: a kommunkod that is not four digits, a district of another
municipality, a participant whose municipality the course does not accept, and removing a
municipality that still has people. Clear messages, nothing half-saved, never a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from samverka.people.municipalities import Municipality

pytestmark = pytest.mark.django_db


def test_the_migrated_installation_has_its_municipality_with_four_districts(alunda):
    from samverka.people import vocabulary

    assert alunda.name == "Ålunda kommun"
    assert alunda.code == ""  # not yet entered: the setting SAMVERKA_MUNICIPALITY_CODE is empty
    assert list(vocabulary.districts()) == ["Ålunda centrum", "Västerby", "Norrängen", "Söderdal"]


def test_districts_come_from_the_record_not_from_code(alunda, norrvik):
    from associations.districts import all_district_choices, districts
    from samverka.people.municipalities import District

    District.objects.create(municipality=alunda, name="Hamnen", latitude=59.44, longitude=17.85)
    assert "Hamnen" in districts()  # seen at once: the row change empties the cache
    assert "Norrvik centrum" in districts(norrvik.pk)
    assert "Norrvik centrum" not in districts()
    groups = dict(all_district_choices(blank=False))
    assert set(groups) == {"Ålunda kommun", "Norrvik kommun"}


def test_a_kommunkod_is_four_digits(alunda):
    alunda.code = "12a"
    with pytest.raises(ValidationError) as error:
        alunda.full_clean()
    assert "code" in error.value.message_dict


def test_a_district_of_another_municipality_is_refused_with_the_typed_values_kept(client, world):
    client.force_login(world.karin)
    person = world.amal.person
    url = reverse("persons:edit", args=[person.pk])
    response = client.post(
        url,
        {
            "first_name": "Amal",
            "last_name": "Ändrad",
            "preferred_language": "sv",
            "gender": "unstated",
            "home_municipality": world.alunda.pk,
            "district": "Norrvik centrum",
        },
    )
    assert response.status_code == 200
    message = gettext("%(district)s is not a district of %(municipality)s.") % {
        "district": "Norrvik centrum",
        "municipality": world.alunda.name,
    }
    assert message in response.content.decode()
    assert "Ändrad" in response.content.decode()  # what was typed is kept
    person.refresh_from_db()
    assert person.last_name == "Yousef"  # nothing saved


def test_a_participant_from_a_municipality_the_course_does_not_accept(client, world):
    from events.models import Enrolment, Participant
    from samverka.people.models import Person

    other = Municipality.objects.create(name="Söderby kommun", code="0998")
    outsider = Person.objects.create(first_name="Omar", home_municipality=other)
    participant = Participant.objects.for_person(outsider)
    enrolment = Enrolment(programme=world.course, participant=participant)
    with pytest.raises(ValidationError) as error:
        enrolment.full_clean()
    assert "participant" in error.value.message_dict
    assert "Söderby kommun" in error.value.message_dict["participant"][0]
    # Norrvik is accepted: Reza's enrolment was valid
    world.enrolments["Reza"].full_clean()


def test_removing_a_municipality_that_still_has_people_is_refused(client, world):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw-x-long-1")
    client.force_login(admin)
    url = reverse("municipalities:delete", args=[world.norrvik.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Norrvik kommun" in page.content.decode()
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert Municipality.objects.filter(pk=world.norrvik.pk).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("Norrvik kommun" in m for m in messages), messages


def test_an_empty_municipality_can_be_removed(client, db):
    from django.contrib.auth import get_user_model

    empty = Municipality.objects.create(name="Tomby kommun", code="0997")
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw-x-long-1")
    client.force_login(admin)
    client.post(reverse("municipalities:delete", args=[empty.pk]))
    assert not Municipality.objects.filter(pk=empty.pk).exists()


def test_the_admin_shows_the_municipality_that_runs_the_installation(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Ålunda kommun" in page


def test_enrolling_many_refuses_a_municipality_the_course_does_not_accept(world):
    """Bulk enrolment and import go through Programme.enrol_many, not Enrolment.clean: it
    checks the home municipality too, names the person, and saves nothing."""
    from events.models import Enrolment
    from samverka.people.models import Person

    other = Municipality.objects.create(name="Söderby kommun", code="0998")
    outsider = Person.objects.create(first_name="Omar", last_name="Ali", home_municipality=other)
    neighbour = Person.objects.create(first_name="Nadia", home_municipality=world.norrvik)
    before = Enrolment.objects.count()
    with pytest.raises(ValidationError) as error:
        world.course.enrol_many([(neighbour, [], None), (outsider, [], None)])
    message = gettext(
        "%(name)s lives in %(home)s, which %(programme)s does not accept. Add "
        "%(home)s to the course's accepted municipalities first."
    ) % {"name": "Omar Ali", "home": "Söderby kommun", "programme": world.course}
    assert error.value.messages == [message]
    assert Enrolment.objects.count() == before  # Nadia (accepted) is not saved either
    assert len(world.course.enrol_many([(neighbour, [], None)])) == 1


def test_an_import_row_from_a_municipality_the_course_does_not_accept(client, world):
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile

    from samverka.core.permissions import REGIONAL_COORDINATOR
    from samverka.people.models import Person
    from tests.municipalities.conftest import make_coordinator

    other = Municipality.objects.create(name="Söderby kommun", code="0998")
    Person.objects.create(first_name="Omar", email="omar@example.org", home_municipality=other)
    regional = make_coordinator("region@example.org")
    regional.groups.add(Group.objects.get(name=REGIONAL_COORDINATOR))
    client.force_login(regional)
    count = world.course.enrolments.count()
    url = reverse("events_admin:import_enrolments", args=[world.course.pk])
    upload = SimpleUploadedFile("enrol.csv", b"person;slots\nomar@example.org;\n", "text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "Söderby kommun" in response.content.decode()
    assert world.course.enrolments.count() == count
    # Nils cannot even name him: another municipality's person is unknown to him
    client.force_login(world.nils)
    upload = SimpleUploadedFile("enrol.csv", b"person;slots\nomar@example.org;\n", "text/csv")
    body = client.post(url, {"file": upload}).content.decode()
    assert "omar@example.org" in body and "Söderby" not in body
