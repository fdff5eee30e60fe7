import pytest
from django.urls import reverse

from associations.models import Volunteer
from samverka.core.models import OutboundEmail
from samverka.people.models import ConsentVersion

pytestmark = pytest.mark.django_db

FORM = {
    "first_name": "Maria",
    "last_name": "Lindberg",
    "email": "Maria@Example.com",
    "district": "Ålunda centrum",
    "roles": ["internship_mentor"],
    "availability": ["mon_evening"],
    "capacity": "1",
    "gender": "female",
    "languages": ["sv", "ar"],
    "language_sv": "5",
    "language_ar": "2",
    "profession": "Ekonom",
}


def test_public_signup_is_pending_with_consent(client, home_page, coordinator):
    response = client.post(reverse("associations:become_volunteer"), {**FORM, "consent": "on"})
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.status == Volunteer.Status.PENDING
    assert volunteer.source == Volunteer.Source.PUBLIC_FORM
    assert volunteer.email == "maria@example.com"
    assert volunteer.languages == {"sv": 5, "ar": 2}
    assert volunteer.consent.version == ConsentVersion.objects.current("volunteering")
    assert volunteer.consent.method == "online"
    assert volunteer.user is None
    assert OutboundEmail.objects.filter(to=["maria@example.com"]).exists()
    assert OutboundEmail.objects.filter(to=[coordinator.email]).exists()


def test_public_signup_needs_consent_and_a_language(client, home_page):
    data = {**FORM}
    data.pop("languages")
    data.pop("language_sv")
    data.pop("language_ar")
    response = client.post(reverse("associations:become_volunteer"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "consent" in errors
    assert "at least one language" in str(errors)
    assert not Volunteer.objects.exists()
    # The form is in steps: it opens at the first step with an error (the languages), and
    # what was typed is kept for the steps before and after it.
    steps = response.context["steps"]
    assert steps.step.fields == ("languages",)
    assert steps.data["last_name"] == ["Lindberg"]


def test_public_signup_shows_the_current_consent_text(client, home_page):
    ConsentVersion.objects.create(purpose="volunteering", text="Version två av texten").publish()
    # The text is on the last step, beside the consent box.
    html = client.post(reverse("associations:become_volunteer"), FORM).content.decode()
    assert "Version två av texten" in html
    client.post(reverse("associations:become_volunteer"), {**FORM, "consent": "on"})
    assert Volunteer.objects.get().consent.version.version == 2


def test_duplicate_signup_is_refused(client, home_page):
    client.post(reverse("associations:become_volunteer"), {**FORM, "consent": "on"})
    response = client.post(reverse("associations:become_volunteer"), {**FORM, "consent": "on"})
    assert "already signed up" in response.content.decode()
    assert Volunteer.objects.count() == 1


def test_logged_in_signup_links_account(client, home_page, editor):
    client.force_login(editor)
    client.post(
        reverse("associations:become_volunteer"),
        {**FORM, "email": editor.email, "consent": "on"},
    )
    assert Volunteer.objects.get().user == editor


def test_volunteer_edits_own_profile_only(client, eva, volunteer_user, org_a, org_b):
    client.force_login(volunteer_user)
    response = client.get(reverse("associations:volunteer_profile"))
    html = response.content.decode()
    assert org_a.name in html and org_b.name in html
    assert "A:s anteckning" not in html  # organisations' notes stay with them
    data = {**FORM, "first_name": "Eva", "last_name": "Holm", "capacity": "3"}
    client.post(reverse("associations:volunteer_profile"), data)
    eva.refresh_from_db()
    assert eva.capacity == 3
    assert eva.roles == ["internship_mentor"]
    assert eva.email == volunteer_user.email  # not changeable here


def test_volunteer_downloads_own_data(client, eva, volunteer_user, org_a, org_b):
    client.force_login(volunteer_user)
    response = client.get(reverse("associations:volunteer_data"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = response.json()["sections"]
    assert data["volunteer"]["items"][0]["first_name"] == "Eva"
    assert {m["organisation"] for m in data["memberships"]["items"]} == {org_a.name, org_b.name}
    assert "A:s anteckning" not in response.content.decode()  # organisations' notes are theirs


def test_volunteer_erases_profile_keeping_statistics(client, eva, volunteer_user, org_a):
    from associations.models import Membership

    eva.roles = ["buddy"]
    eva.district = "Västerby"
    eva.phone = "070-1"
    eva.save()
    client.force_login(volunteer_user)
    assert client.get(reverse("associations:volunteer_erase")).status_code == 200
    response = client.post(reverse("associations:volunteer_erase"))
    assert response.status_code == 302
    eva.refresh_from_db()
    assert (eva.first_name, eva.email, eva.phone, eva.user) == ("–", "", "", None)
    assert eva.status == Volunteer.Status.INACTIVE
    assert eva.anonymised_at is not None
    assert (eva.district, eva.roles) == ("Västerby", ["buddy"])
    assert set(Membership.objects.filter(volunteer=eva).values_list("status", "notes")) == {
        ("ended", "")
    }
    # The organisation no longer sees the person.
    client.force_login(org_a.representatives.get().user)
    response = client.get(reverse("associations:manage", args=[org_a.slug]))
    assert list(response.context["memberships"]) == []


@pytest.mark.parametrize("name", ["volunteer_data", "volunteer_erase"])
def test_data_and_erase_need_a_volunteer_login(client, home_page, editor, name):
    assert client.get(reverse(f"associations:{name}")).status_code == 302
    client.force_login(editor)
    assert client.get(reverse(f"associations:{name}")).status_code == 404
