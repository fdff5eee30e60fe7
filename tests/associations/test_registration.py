import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from associations.models import AccessRequest, Organisation, Representative
from samverka.core.models import OutboundEmail

from .conftest import make_user, valid_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(client, home_page):
    user = make_user("nora@example.com", "Nora", "Nyregistrerad")
    client.force_login(user)
    return user


def _form(**overrides):
    data = {
        "name": "Västerby Kulturförening",
        "organisation_number": "802012 3454",
        "kind": "association",
        "description": "Kultur för alla.",
        "district": "Västerby",
        "languages": ["sv", "so"],
        "activities": ["culture", "homework_help"],
        "email": "info@kultur.example",
    }
    data.update(overrides)
    return data


def _png(size=(32, 32)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def test_register_creates_pending_unlisted_organisation_with_admin(client, applicant, coordinator):
    response = client.post(reverse("associations:register"), _form())
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("associations:manage", args=[organisation.slug])
    assert organisation.organisation_number == "802012-3454"  # normalised
    assert organisation.status == Organisation.Status.PENDING
    assert not organisation.is_listed
    assert organisation.languages == ["sv", "so"]
    assert Representative.objects.get(organisation=organisation).user == applicant
    assert Representative.objects.get(organisation=organisation).role == "admin"
    recipients = [email.to for email in OutboundEmail.objects.all()]
    assert ["nora@example.com"] in recipients
    assert [coordinator.email] in recipients
    # Not in the directory until approved.
    assert client.get(reverse("associations:detail", args=[organisation.slug])).status_code == 404


@pytest.mark.parametrize(
    ("number", "message"),
    [("802012-3456", "check digit"), ("12345", "ten digits"), ("", "required")],
)
def test_invalid_organisation_numbers(client, applicant, number, message):
    response = client.post(reverse("associations:register"), _form(organisation_number=number))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["organisation_number"])
    assert Organisation.objects.count() == 0
    assert Representative.objects.count() == 0


def test_duplicate_number_offers_to_ask_for_access(client, applicant, org_a):
    response = client.post(
        reverse("associations:register"), _form(organisation_number=org_a.organisation_number)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "already registered" in str(response.context["form"].errors["organisation_number"])
    access_url = reverse("associations:request_access", args=[org_a.organisation_number])
    assert access_url in html
    assert Organisation.objects.count() == 1
    # The form keeps what was typed.
    assert "Västerby Kulturförening" in html

    response = client.post(access_url, {"message": "Jag är ny kassör."})
    assert response.status_code == 302
    request = AccessRequest.objects.get()
    assert (request.organisation, request.user, request.message) == (
        org_a,
        applicant,
        "Jag är ny kassör.",
    )
    assert OutboundEmail.objects.filter(to=["forening@demo.samverka.se"]).exists()
    # Asking twice does not create a second request.
    client.post(access_url, {"message": "Igen"})
    assert AccessRequest.objects.count() == 1


def test_admin_grants_access(client, applicant, org_a, representative_user):
    request = AccessRequest.objects.create(organisation=org_a, user=applicant)
    client.force_login(representative_user)
    client.post(
        reverse("associations:decide_access_request", args=[org_a.slug, request.pk]),
        {"decision": "grant"},
    )
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.GRANTED
    assert Representative.objects.get(organisation=org_a, user=applicant).role == "contact"
    assert OutboundEmail.objects.filter(to=[applicant.email]).exists()


def test_logo_accepted(client, applicant, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    response = client.post(reverse("associations:register"), {**_form(), "logo": logo})
    assert response.status_code == 302
    assert Organisation.objects.get().logo.name.startswith("organisations/logos/logo")


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("logo.png", b"not an image at all", "valid image"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "valid image"),
        ("huge.png", None, "at most 2"),
        ("logo.bmp", "bmp", "PNG, JPEG, WebP or GIF"),
    ],
)
def test_bad_logos_are_rejected_and_nothing_saved(
    client, applicant, settings, tmp_path, filename, content, message
):
    settings.MEDIA_ROOT = tmp_path
    if content is None:
        content = _png() + b"\0" * (2 * 1024 * 1024 + 1)
    elif content == "bmp":
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8)).save(buffer, format="BMP")
        content = buffer.getvalue()
    logo = SimpleUploadedFile(filename, content)
    response = client.post(reverse("associations:register"), {**_form(), "logo": logo})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["logo"])
    assert Organisation.objects.count() == 0
    assert not list(tmp_path.rglob("*.*"))


def test_admin_edits_profile_contact_cannot(client, org_a, contact_a, representative_user):
    url = reverse("associations:edit", args=[org_a.slug])
    client.force_login(contact_a)
    assert client.post(url, {"name": "Kapad"}).status_code == 403
    client.force_login(representative_user)
    data = _form(name="Röda Korset Ålunda", is_listed="on", description_en="Language café.")
    data.pop("organisation_number")
    assert client.post(url, data).status_code == 302
    org_a.refresh_from_db()
    assert org_a.description_translations == {"en": "Language café."}
    assert org_a.organisation_number != "802012-3454"  # not editable by representatives


def test_register_needs_login(client, home_page):
    response = client.post(reverse("associations:register"), _form())
    assert response.status_code == 302
    assert Organisation.objects.count() == 0


def test_registration_number_unique_at_database_level(org_a):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="Kopia", organisation_number=org_a.organisation_number)


def test_valid_number_helper():
    assert valid_number(1).startswith("802000")
