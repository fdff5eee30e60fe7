import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from associations.models import Organisation, Volunteer
from samverka.core.models import OutboundEmail
from samverka.people.models import ConsentVersion

from .conftest import valid_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(representative_user):
    from associations.models import Representative

    organisation = Organisation.objects.create(
        name="Ny förening", organisation_number=valid_number(), status="pending"
    )
    Representative.objects.create(organisation=organisation, user=representative_user, role="admin")
    return organisation


@pytest.fixture
def coordinator_client(client, coordinator, home_page):
    from wagtail.users.models import UserProfile

    # The admin speaks the coordinator's chosen language; English, to match the msgids.
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)
    return client


def test_pending_queue_lists_only_pending(coordinator_client, pending, org_b):
    html = coordinator_client.get(reverse("pending_organisations:index")).content.decode()
    assert "Ny förening" in html
    assert org_b.name not in html


def test_approve_lists_and_emails(coordinator_client, pending, coordinator):
    response = coordinator_client.post(
        reverse("associations_admin:decide", args=[pending.pk]),
        {"decision": "approve", "message": "Välkomna!"},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.is_listed, pending.decided_by) == (
        "approved",
        True,
        coordinator,
    )
    email = OutboundEmail.objects.get(to=["forening@demo.samverka.se"])
    assert "Välkomna!" in email.body
    assert coordinator_client.get(pending.get_absolute_url()).status_code == 200


def test_reject_needs_a_message_and_emails_it(coordinator_client, pending):
    url = reverse("associations_admin:decide", args=[pending.pk])
    response = coordinator_client.post(url, {"decision": "reject", "message": " "})
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert not OutboundEmail.objects.exists()
    coordinator_client.post(url, {"decision": "reject", "message": "Inget organisationsnummer."})
    pending.refresh_from_db()
    assert (pending.status, pending.is_listed) == ("rejected", False)
    assert "Inget organisationsnummer." in OutboundEmail.objects.get().body


def test_representative_sees_rejection_message(client, pending, representative_user, coordinator):
    pending.reject(coordinator, "Komplettera med stadgar.")
    client.force_login(representative_user)
    html = client.get(reverse("associations:manage", args=[pending.slug])).content.decode()
    assert "Komplettera med stadgar." in html


def _csv(rows, delimiter=","):
    header = ["name", "organisation_number", "kind", "district", "languages", "activities"]
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    return SimpleUploadedFile("orgs.csv", ("\ufeff" + "\n".join(lines)).encode(), "text/csv")


def test_import_valid_file(coordinator_client):
    upload = _csv(
        [
            ["Schackklubben", valid_number(), "association", "Västerby", "sv|ar", "culture"],
            ["Kyrkan", valid_number(), "Faith community", "Västerby", "Swedish", "language_cafe"],
            ["Bolaget", "16" + valid_number().replace("-", ""), "företag", "", "", "internships"],
        ],
        delimiter=";",
    )
    response = coordinator_client.post(reverse("associations_admin:import"), {"file": upload})
    assert response.status_code == 302
    assert Organisation.objects.count() == 3
    church = Organisation.objects.get(name="Kyrkan")
    assert church.kind == "faith_community"
    assert church.languages == ["sv"]
    assert Organisation.objects.get(name="Bolaget").kind == "company"
    assert set(Organisation.objects.values_list("status", flat=True)) == {"approved"}


def test_import_with_any_error_saves_nothing_and_reports_each_row(coordinator_client, org_a):
    number = valid_number()
    upload = _csv(
        [
            ["Bra förening", valid_number(), "association", "", "", ""],
            ["Fel nummer", "802012-3456", "association", "", "", ""],
            ["Finns redan", org_a.organisation_number, "association", "", "", ""],
            ["Okänd typ", valid_number(), "klubb", "", "", ""],
            ["Dubblett 1", number, "association", "", "klingon", "flying"],
            ["Dubblett 2", number, "association", "", "", ""],
            ["", valid_number(), "association", "", "", ""],
        ]
    )
    response = coordinator_client.post(reverse("associations_admin:import"), {"file": upload})
    assert response.status_code == 200
    assert Organisation.objects.count() == 1  # only org_a, from before
    rows = {row.number: row.errors for row in response.context["rows"]}
    assert rows[2] == []
    assert "check digit" in " ".join(rows[3])
    assert "already registered" in " ".join(rows[4])
    assert "Unknown kind" in " ".join(rows[5])
    assert "Unknown languages: klingon" in " ".join(rows[6])
    assert "Unknown activities: flying" in " ".join(rows[6])
    assert "same organisation number as row 6" in " ".join(rows[7])
    assert "required" in " ".join(rows[8])
    html = response.content.decode()
    assert "6 rows have errors. Nothing has been imported." in html


def test_import_missing_columns_and_bad_encoding(coordinator_client):
    upload = SimpleUploadedFile("x.csv", b"namn,nummer\nA,1\n", "text/csv")
    response = coordinator_client.post(reverse("associations_admin:import"), {"file": upload})
    assert "Missing columns: name, organisation_number." in response.content.decode()
    upload = SimpleUploadedFile("x.csv", "name\nÅ".encode("latin-1"), "text/csv")
    response = coordinator_client.post(reverse("associations_admin:import"), {"file": upload})
    assert "not UTF-8" in response.content.decode()
    assert not Organisation.objects.exists()


def test_export_csv_and_excel(coordinator_client, org_a, org_b):
    response = coordinator_client.get(reverse("organisation:index"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert org_a.organisation_number in body and org_b.name in body
    response = coordinator_client.get(reverse("organisation:index"), {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert org_a.name in values
    response = coordinator_client.get(reverse("volunteer:index"), {"export": "xlsx"})
    assert response.status_code == 200


def test_filters_and_search(coordinator_client, org_a, org_b):
    html = coordinator_client.get(
        reverse("organisation:index"), {"kind": "faith_community"}
    ).content.decode()
    assert org_b.name in html and org_a.name not in html
    html = coordinator_client.get(reverse("organisation:index"), {"q": "Röda"}).content.decode()
    assert org_a.name in html and org_b.name not in html


def _volunteer_form(**overrides):
    data = {
        "first_name": "Hodan",
        "last_name": "Warsame",
        "email": "",
        "phone": "",
        "district": "Västerby",
        "postcode": "",
        "gender": "female",
        "birth_year": "",
        "roles": ["language_cafe_host"],
        # one level select per language and checkboxes: no JSON in the form
        "languages_so": "5",
        "languages_sv": "2",
        "interests": ["cooking"],
        "availability": ["wed_afternoon"],
        "capacity": "1",
        "profession": "",
        "sector": "",
        "about": "",
        "status": "vetted",
        "criminal_record_checked_on": "",
    }
    data.update(overrides)
    return data


def test_coordinator_registers_volunteer_without_email_with_paper_consent(
    coordinator_client, coordinator
):
    url = reverse("volunteer:add")
    response = coordinator_client.post(url, _volunteer_form())
    assert response.status_code == 200  # consent missing
    assert not Volunteer.objects.exists()
    response = coordinator_client.post(url, _volunteer_form(consent_on_paper="on"))
    assert response.status_code == 302, response.context["form"].errors
    volunteer = Volunteer.objects.get()
    assert volunteer.email == ""
    assert volunteer.consent.method == "paper"
    assert volunteer.consent.version == ConsentVersion.objects.current("volunteering")
    assert volunteer.consent.recorded_by == coordinator
    assert volunteer.consent.given_at is not None
    assert volunteer.interests == ["cooking"]
    assert volunteer.source == "coordinator"
    assert volunteer.languages == {"so": 5, "sv": 2}


def test_vetting_a_buddy_needs_the_record_check_date(coordinator_client):
    url = reverse("volunteer:add")
    data = _volunteer_form(roles=["buddy"], consent_on_paper="on")
    response = coordinator_client.post(url, data)
    assert response.status_code == 200
    assert "criminal_record_checked_on" in response.context["form"].errors
    response = coordinator_client.post(url, {**data, "criminal_record_checked_on": "2026-11-01"})
    assert response.status_code == 302
    assert str(Volunteer.objects.get().criminal_record_checked_on) == "2026-11-01"


def test_pending_volunteers_queue(coordinator_client):
    Volunteer.objects.create(first_name="Väntar", last_name="P", status="pending")
    Volunteer.objects.create(first_name="Klar", last_name="V", status="vetted")
    html = coordinator_client.get(reverse("pending_volunteers:index")).content.decode()
    assert "Väntar P" in html and "Klar V" not in html


def test_coordinator_cannot_delete_last_admin_in_admin(coordinator_client, org_a, contact_a):
    from associations.models import Representative

    admin = Representative.objects.get(organisation=org_a, role="admin")
    response = coordinator_client.post(reverse("representative:delete", args=[admin.pk]))
    assert response.status_code == 302
    assert Representative.objects.filter(pk=admin.pk).exists()
    contact = Representative.objects.get(organisation=org_a, user=contact_a)
    coordinator_client.post(reverse("representative:delete", args=[contact.pk]))
    assert not Representative.objects.filter(pk=contact.pk).exists()


def test_decision_emails_each_admin_in_their_language(coordinator_client, pending):
    from associations.models import Representative

    from .conftest import make_user

    english = make_user("english@example.com")
    Representative.objects.create(organisation=pending, user=english, role="admin", language="en")
    Representative.objects.filter(user__email="forening@demo.samverka.se").update(language="ar")
    coordinator_client.post(
        reverse("associations_admin:decide", args=[pending.pk]), {"decision": "approve"}
    )
    english_email = OutboundEmail.objects.get(to=["english@example.com"])
    assert english_email.subject == "Ny förening has been approved"
    assert OutboundEmail.objects.filter(to=["forening@demo.samverka.se"]).exists()
    assert OutboundEmail.objects.count() == 2


def test_registration_remembers_the_language(client, home_page):
    from associations.models import Representative

    from .conftest import make_user, valid_number

    client.force_login(make_user("amal@example.com"))
    client.post(
        "/ar/organisations/register/",
        {"name": "جمعية", "organisation_number": valid_number(), "kind": "association"},
    )
    assert Representative.objects.get().language == "ar"


def test_every_admin_page_opens(coordinator_client, org_a, contact_a, eva):
    from associations.models import Membership, Representative

    membership = Membership.objects.filter(organisation=org_a).first()
    representative = Representative.objects.filter(organisation=org_a).first()
    urls = [
        reverse("organisation:add"),
        reverse("organisation:edit", args=[org_a.pk]),
        reverse("organisation:inspect", args=[org_a.pk]),
        reverse("pending_organisations:index"),
        reverse("representative:index"),
        reverse("representative:edit", args=[representative.pk]),
        reverse("volunteer:edit", args=[eva.pk]),
        reverse("volunteer:inspect", args=[eva.pk]),
        reverse("pending_volunteers:index"),
        reverse("membership:index"),
        reverse("membership:edit", args=[membership.pk]),
        reverse("consent_versions:index"),
        reverse("persons:index"),
        reverse("representative:index") + "?export=csv",
        reverse("membership:index") + "?export=xlsx",
    ]
    for url in urls:
        assert coordinator_client.get(url).status_code == 200, url


def test_coordinator_edits_organisation_in_admin(coordinator_client, org_a):
    response = coordinator_client.get(reverse("organisation:edit", args=[org_a.pk]))
    form = response.context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"logo", "description_translations"}
    }
    data.update(
        {
            "name": "Röda Korset Ålunda krets",
            "organisation_number": org_a.organisation_number,
            "languages": ["sv", "ti"],
            "activities": ["language_cafe", "buddy"],
            "districts_served": ["Västerby"],
            "description_translations": "{}",
            "iop_signed_on": "2026-01-01",
            "iop_valid_until": "2025-01-01",
        }
    )
    data.pop("is_listed", None)
    response = coordinator_client.post(reverse("organisation:edit", args=[org_a.pk]), data)
    assert response.status_code == 200  # the agreement ends before it was signed
    assert "iop_valid_until" in response.context["form"].errors
    data["iop_valid_until"] = "2028-12-31"
    response = coordinator_client.post(reverse("organisation:edit", args=[org_a.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    org_a.refresh_from_db()
    assert org_a.name == "Röda Korset Ålunda krets"
    assert org_a.languages == ["sv", "ti"]
    assert org_a.iop_active
