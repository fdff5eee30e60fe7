"""The coordinators' actions reach Wagtail's history (issue 10, finding 11): each
is a registered log action with a translated label, shows in the object's
history and in the site history report."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from associations.models import Organisation, Volunteer
from samverka.core import audit
from tests.associations.conftest import valid_number
from tests.internships.conftest import make_employer, make_newcomer, make_place, place_newcomer

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    from wagtail.users.models import UserProfile

    # The admin speaks the coordinator's chosen language; English, to match the msgids.
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)
    return client


def site_history(client, action):
    response = client.get(reverse("wagtailadmin_reports:site_history"), {"action": action})
    assert response.status_code == 200
    return response.content.decode()


def in_object_history(client, viewset_name, instance, text):
    response = client.get(reverse(f"{viewset_name}:history", args=[instance.pk]))
    assert response.status_code == 200
    return text in response.content.decode()


def test_every_action_is_registered_with_a_translated_label():
    for action in audit.FORMATTERS:
        assert registry.action_exists(action), action
    # The erase and view actions that other parts of Samverka call are among them.
    assert {"samverka.erase", "samverka.view_person"} <= set(audit.FORMATTERS)
    with translation.override("en"):
        english = str(registry.get_action_label("samverka.erase"))
    assert english == "Erase personal data"
    # A lazy translation, rendered in each reader's language.
    assert isinstance(registry.get_action_label("samverka.erase"), Promise)


def test_approving_an_organisation_is_in_its_history_and_the_site_history(
    coordinator_client, coordinator
):
    pending = Organisation.objects.create(name="Schackklubben", organisation_number=valid_number())
    response = coordinator_client.post(
        reverse("associations_admin:decide", args=[pending.pk]),
        {"decision": "approve", "message": ""},
    )
    assert response.status_code == 302
    entry = ModelLogEntry.objects.get(action=audit.ORGANISATION_DECISION)
    assert (entry.user, entry.object_id) == (coordinator, str(pending.pk))
    assert in_object_history(coordinator_client, "organisation", pending, "Decision recorded")
    assert "Schackklubben" in site_history(coordinator_client, audit.ORGANISATION_DECISION)


def _volunteer_form(volunteer, **overrides):
    data = {
        "first_name": volunteer.first_name,
        "last_name": volunteer.last_name,
        "email": volunteer.email,
        "phone": "",
        "district": "Västerby",
        "postcode": "",
        "gender": "female",
        "birth_year": "",
        "roles": ["language_cafe_host"],
        # one level select per language and checkboxes (samverka.people.fields)
        "languages_so": "5",
        "languages_sv": "2",
        "interests": [],
        "availability": ["wed_afternoon"],
        "capacity": "1",
        "profession": "",
        "sector": "",
        "about": "",
        "status": volunteer.status,
        "criminal_record_checked_on": "",
        "consent_on_paper": "on",
    }
    data.update(overrides)
    return data


def test_vetting_and_viewing_a_volunteer_are_logged(coordinator_client, coordinator):
    hodan = Volunteer.objects.create(
        first_name="Hodan", last_name="Warsame", email="hodan@example.org"
    )
    # Opening the record (details, then the form) is logged as a view.
    assert coordinator_client.get(reverse("volunteer:inspect", args=[hodan.pk])).status_code == 200
    assert coordinator_client.get(reverse("volunteer:edit", args=[hodan.pk])).status_code == 200
    views = ModelLogEntry.objects.filter(action=audit.VIEW_PERSON, object_id=str(hodan.pk))
    assert views.count() == 2
    assert set(views.values_list("user", flat=True)) == {coordinator.pk}

    response = coordinator_client.post(
        reverse("volunteer:edit", args=[hodan.pk]), _volunteer_form(hodan, status="vetted")
    )
    assert response.status_code == 302, response.context["form"].errors
    entry = ModelLogEntry.objects.get(action=audit.VOLUNTEER_VETTING)
    assert entry.user == coordinator
    assert entry.data == {"old": "pending", "new": "vetted"}
    assert in_object_history(
        coordinator_client, "volunteer", hodan, "Vetting changed from Waiting for vetting to Vetted"
    )
    assert "Hodan" in site_history(coordinator_client, audit.VIEW_PERSON)

    # Saving without a status change logs no vetting.
    coordinator_client.post(
        reverse("volunteer:edit", args=[hodan.pk]), _volunteer_form(hodan, status="vetted")
    )
    assert ModelLogEntry.objects.filter(action=audit.VOLUNTEER_VETTING).count() == 1


def test_internship_status_and_outcome_are_logged(coordinator_client, coordinator):
    internship = place_newcomer(
        make_newcomer(),
        make_place(make_employer("Ålunda Bygg AB")),
        start=date(2026, 2, 2),
        end=date(2026, 5, 1),
    )
    coordinator_client.post(
        reverse("internships_admin:status", args=[internship.pk]), {"action": "start"}
    )
    coordinator_client.post(
        reverse("internships_admin:status", args=[internship.pk]),
        {"action": "complete", "on": "2026-05-01"},
    )
    response = coordinator_client.post(
        reverse("internships_admin:outcome", args=[internship.pk]),
        {
            "checkpoint": "end",
            "kind": "job",
            "recorded_on": "2026-05-01",
            "job_start_date": "2026-05-04",
            "employer_name": "Ålunda Bygg AB",
        },
    )
    assert response.status_code == 302, response.context["outcome_form"].errors
    statuses = ModelLogEntry.objects.filter(action=audit.INTERNSHIP_STATUS).order_by("pk")
    assert [(e.data["old"], e.data["new"]) for e in statuses] == [
        ("planned", "active"),
        ("active", "completed"),
    ]
    outcome = ModelLogEntry.objects.get(action=audit.INTERNSHIP_OUTCOME)
    assert (outcome.user, outcome.object_id) == (coordinator, str(internship.pk))
    assert "Status changed from Planned to Ongoing" in site_history(
        coordinator_client, audit.INTERNSHIP_STATUS
    )
    assert "Outcome recorded" in site_history(coordinator_client, audit.INTERNSHIP_OUTCOME)


def test_an_import_is_logged_on_every_imported_organisation(coordinator_client, coordinator):
    lines = [
        "name,organisation_number,kind",
        f"Schackklubben,{valid_number()},association",
        f"Kören,{valid_number()},association",
    ]
    upload = SimpleUploadedFile("register.csv", "\n".join(lines).encode(), "text/csv")
    response = coordinator_client.post(reverse("associations_admin:import"), {"file": upload})
    assert response.status_code == 302
    entries = ModelLogEntry.objects.filter(action=audit.IMPORT)
    assert {e.object_id for e in entries} == {
        str(pk) for pk in Organisation.objects.values_list("pk", flat=True)
    }
    assert all(e.user == coordinator and e.data["source"] == "register.csv" for e in entries)
    choir = Organisation.objects.get(name="Kören")
    assert in_object_history(coordinator_client, "organisation", choir, "register.csv")


def test_erasure_and_views_from_elsewhere_use_the_provided_actions(coordinator_client, coordinator):
    volunteer = Volunteer.objects.create(first_name="Borttagen", last_name="X")
    audit.log_erase(volunteer, coordinator, what="volunteer profile")
    audit.log_view_person(volunteer, coordinator, where="my pages")
    assert in_object_history(coordinator_client, "volunteer", volunteer, "volunteer profile")
    assert "Erased personal data" in site_history(coordinator_client, audit.ERASE)
    assert "my pages" in site_history(coordinator_client, audit.VIEW_PERSON)


def test_the_internship_report_export_is_logged(coordinator_client, coordinator):
    response = coordinator_client.get(
        reverse("internships_admin:report"),
        {"start": "2026-01-01", "end": "2026-12-31", "granularity": "month", "export": "xlsx"},
    )
    assert response.status_code == 200
    entry = ModelLogEntry.objects.get(action=audit.EXPORT)
    assert entry.user == coordinator
    assert "start=2026-01-01" in entry.data["filter"]
