"""Consent texts are immutable once published; a new version asks people again; the history
keeps every consent."""

import pytest
from django.urls import reverse
from django.utils import translation

from associations.models import Volunteer
from samverka.people.consent import PublishedConsentError
from samverka.people.models import ConsentRecord, ConsentVersion

from .conftest import make_person


def test_migrations_carry_the_volunteering_and_kompis_texts(db):
    assert ConsentVersion.objects.current("volunteering").version == 1
    kompis = ConsentVersion.objects.current("kompis")
    assert kompis.version == 1 and "kompis" in kompis.localized_text("en")


def test_a_published_text_cannot_be_changed_or_deleted(volunteering_v1):
    volunteering_v1.text = "Ändrad i efterhand"
    with pytest.raises(PublishedConsentError):
        volunteering_v1.save()
    with pytest.raises(PublishedConsentError):
        volunteering_v1.delete()
    assert ConsentVersion.objects.get(pk=volunteering_v1.pk).text != "Ändrad i efterhand"


def test_a_draft_can_be_edited_and_gets_the_next_version_number(db):
    draft = ConsentVersion.objects.create(purpose="volunteering", text="Utkast")
    assert draft.version == 2 and not draft.is_published
    draft.text = "Utkast, rättat"
    draft.save()
    assert ConsentVersion.objects.current("volunteering").version == 1  # drafts don't count


def test_admin_refuses_to_edit_a_published_text(coordinator_client, volunteering_v1):
    url = reverse("consent_versions:edit", args=[volunteering_v1.pk])
    response = coordinator_client.get(url)
    assert response.status_code == 302
    response = coordinator_client.post(
        url, {"purpose": "volunteering", "text": "Nya ord"}, follow=True
    )
    assert "cannot be changed" in response.content.decode()
    volunteering_v1.refresh_from_db()
    assert volunteering_v1.text != "Nya ord"


def test_admin_writes_a_draft_in_every_language_and_publishes_it(coordinator_client):
    response = coordinator_client.post(
        reverse("consent_versions:add"),
        {"purpose": "kompis", "text": "Ny text", "text_en": "New text", "text_ar": "نص"},
    )
    assert response.status_code == 302
    draft = ConsentVersion.objects.get(purpose="kompis", version=2)
    assert draft.text_translations == {"en": "New text", "ar": "نص"}
    assert (
        "{"
        not in coordinator_client.get(reverse("consent_versions:edit", args=[draft.pk]))
        .content.decode()
        .split("text_en")[1][:200]
    )  # a text box per language, not JSON
    coordinator_client.post(reverse("consent_versions:publish", args=[draft.pk]))
    assert ConsentVersion.objects.current("kompis") == draft


def test_records_are_never_overwritten(volunteering_v1):
    person = make_person()
    record = person.record_consent(volunteering_v1, ConsentRecord.Method.ORAL)
    record.method = ConsentRecord.Method.PAPER
    with translation.override("en"), pytest.raises(Exception, match="never changed"):
        record.save()


def test_publishing_v2_prompts_the_volunteer_at_their_next_visit_and_history_shows_both(
    volunteer_user, volunteering_v1, home_page, coordinator_client
):
    from django.test import Client

    client = Client()
    eva = Volunteer.objects.create(
        user=volunteer_user, first_name="Eva", last_name="Holm", languages={"sv": 5}
    )
    eva.record_consent(volunteering_v1, ConsentRecord.Method.ONLINE)
    client.force_login(volunteer_user)
    assert client.get(reverse("associations:volunteer_profile")).status_code == 200

    v2 = ConsentVersion.objects.create(
        purpose="volunteering", text="Version 2", text_translations={"en": "Version two"}
    )
    v2.publish()
    # The coordinator's list of who has not yet agreed to v2.
    listing = coordinator_client.get(reverse("consent_versions:not_consented", args=[v2.pk]))
    assert "Eva Holm" in listing.content.decode()

    client.force_login(volunteer_user)
    profile = reverse("associations:volunteer_profile")
    response = client.get(profile)
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("people:renew_consent", kwargs={"purpose": "volunteering"})
    )
    prompt = client.get(response["Location"])
    assert "Version 2" in prompt.content.decode()
    # Not agreeing keeps the prompt; agreeing records v2 and goes on to the page.
    assert client.post(response["Location"], {"next": profile}).status_code == 200
    response = client.post(response["Location"], {"consent": "on", "next": profile})
    assert response.status_code == 302 and response["Location"] == profile
    assert client.get(profile).status_code == 200

    history = eva.consent_history()
    assert [(r.version.version, r.method) for r in history] == [(2, "online"), (1, "online")]
    assert not Volunteer.objects.missing_current_consent("volunteering").exists()


def test_a_newcomer_asked_again_through_a_coordinator(volunteering_v1):
    kompis_v1 = ConsentVersion.objects.current("kompis")
    person = make_person()
    person.record_consent(kompis_v1, ConsentRecord.Method.PAPER)
    v2 = ConsentVersion.objects.create(purpose="kompis", text="v2")
    v2.publish()
    from samverka.people.models import Person

    assert list(Person.objects.missing_current_consent("kompis")) == [person]
    person.record_consent(v2, ConsentRecord.Method.ORAL)
    assert not Person.objects.missing_current_consent("kompis").exists()
    assert [r.method for r in person.consent_history()] == ["oral", "paper"]


def test_coordinator_records_a_newcomers_oral_consent_to_the_new_version(coordinator_client):
    from mentors.models import Newcomer

    newcomer = Newcomer.objects.register(first_name="Amal", phone="0701112233")
    person = newcomer.person
    person.record_consent(ConsentVersion.objects.current("kompis"), ConsentRecord.Method.PAPER)
    v2 = ConsentVersion.objects.create(purpose="kompis", text="v2")
    v2.publish()
    listing = coordinator_client.get(reverse("consent_versions:not_consented", args=[v2.pk]))
    assert reverse("persons:consent", args=[person.pk]) in listing.content.decode()
    response = coordinator_client.post(
        reverse("persons:consent", args=[person.pk]), {"version": v2.pk, "method": "oral"}
    )
    assert response.status_code == 302
    page = coordinator_client.get(reverse("persons:consent", args=[person.pk])).content.decode()
    assert "Kompis matching v2" in page and "Kompis matching v1" in page
    latest = person.latest_consent("kompis")
    assert (latest.version, latest.method, latest.recorded_by.email) == (
        v2,
        "oral",
        "samordnare@demo.samverka.se",
    )


def test_a_newcomer_with_an_account_is_asked_again_at_their_next_visit(
    django_user_model, home_page
):
    from django.test import Client

    kompis_v1 = ConsentVersion.objects.current("kompis")
    user = django_user_model.objects.create_user("amal@example.org", "amal@example.org", "pw")
    person = make_person(user=user)
    person.record_consent(kompis_v1, ConsentRecord.Method.PAPER)
    client = Client()
    client.force_login(user)
    assert client.get(reverse("core:my_pages")).status_code == 200

    v2 = ConsentVersion.objects.create(purpose="kompis", text="Kompis v2")
    v2.publish()
    response = client.get(reverse("core:my_pages"))
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("people:renew_consent", kwargs={"purpose": "kompis"})
    )
    assert "Kompis v2" in client.get(response["Location"]).content.decode()
    client.post(response["Location"], {"consent": "on", "next": reverse("core:my_pages")})
    assert client.get(reverse("core:my_pages")).status_code == 200
    assert [r.version.version for r in person.consent_history()] == [v2.version, 1]


def test_the_consent_checks_of_my_pages_ask_the_same_few_queries_for_any_history(
    volunteer_user, volunteering_v1
):
    """/my/ checks three purposes: the consents of whoever consents for them are read in
    one query, however many consents they gave."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from samverka.people.views import needs_new_consent

    eva = Volunteer.objects.create(
        user=volunteer_user, first_name="Eva", last_name="Holm", languages={"sv": 5}
    )
    counts = []
    for records in (1, 10):
        while eva.consent_records.count() < records:
            eva.record_consent(volunteering_v1, ConsentRecord.Method.ONLINE)
        user = get_user_model().objects.get(pk=volunteer_user.pk)  # as a new request has it
        with CaptureQueriesContext(connection) as context:
            answers = [needs_new_consent(user, p) for p in ("volunteering", "kompis", "programmes")]
        assert answers == [False, False, False]
        counts.append(len(context.captured_queries))
    # the volunteer, the (absent) person, the volunteer's consents with the current
    # version of each purpose beside them
    assert counts == [3, 3]

    v2 = ConsentVersion.objects.create(purpose="volunteering", text="Version 2")
    v2.publish()
    user = get_user_model().objects.get(pk=volunteer_user.pk)
    assert needs_new_consent(user, "volunteering")
