"""Every admin listing that offers an export delivers a complete file in both
formats, also for rows whose optional relations are empty (issue 10, finding 8),
and each export leaves an entry in the site history (finding 11)."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import ModelLogEntry

from associations.models import Membership, Organisation, Representative, Volunteer
from coaching.models import Case, Referral
from events.models import AbsenceFlag, Enrolment, FeedbackResponse, Programme, Registration
from samverka.core.models import OutboundEmail
from tests.coaching.conftest import make_person
from tests.events.conftest import make_event, make_participant
from tests.internships.conftest import (
    make_employer,
    make_newcomer,
    make_place,
    make_user,
    place_newcomer,
)

pytestmark = pytest.mark.django_db


def exporting_viewsets():
    reverse("wagtailadmin_home")  # the admin's URLs (and with them the viewsets) are loaded
    return [
        viewset
        for viewset in viewsets.viewsets
        if isinstance(viewset, ModelViewSet)
        and isinstance(viewset.list_export, (list, tuple))
        and viewset.list_export
    ]


def listing_queryset(viewset, request):
    """The rows the listing itself shows (a pending-only listing shows fewer)."""
    cls = viewset.index_view_class
    kwargs = {**viewset.get_common_view_kwargs(), **viewset.get_index_view_kwargs()}
    view = cls(
        **{k: v for k, v in kwargs.items() if hasattr(cls, k) and v is not viewset.UNDEFINED}
    )
    view.setup(request)
    return view.get_base_queryset()


@pytest.fixture
def sparse_rows(home_page):
    """At least one row for every exporting listing, each with every optional
    relation empty."""
    from events.models import EventIndexPage

    pending = Organisation.objects.create(
        name="Väntande förening", organisation_number="802000-0001"
    )
    employer = make_employer("Ålunda Bygg AB")
    rep_user = make_user("rep@example.org")
    Representative.objects.create(organisation=employer, user=rep_user)
    # No account, no consent text recorded, waiting to be vetted.
    volunteer = Volunteer.objects.create(first_name="Eva", last_name="Ek", email="eva@example.org")
    assert not volunteer.consent_records.exists() and volunteer.status == Volunteer.Status.PENDING
    Membership.objects.create(volunteer=volunteer, organisation=pending)

    index = EventIndexPage(title="Evenemang", slug="evenemang")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    event = make_event(index)
    occurrence = event.occurrences.get()
    # Registered without an organisation.
    Registration.objects.create(occurrence=occurrence, name="Amina", email="amina@example.org")
    # Feedback on an event outside any programme.
    FeedbackResponse.objects.create(event=event, satisfaction=4)
    # An absence flag not yet decided, with no first absence recorded.
    programme = Programme.objects.create(name="Jobbhörnet", event=event)
    enrolment = Enrolment.objects.create(
        programme=programme, participant=make_participant("Reza", phone="+46700000001")
    )
    AbsenceFlag.objects.create(
        enrolment=enrolment, run_start=None, streak=3, flagged_at=timezone.now()
    )

    place = make_place(employer, supervisor_name="", supervisor_email="")
    internship = place_newcomer(
        make_newcomer(), place, start=date(2026, 2, 2), end=date(2026, 5, 1)
    )
    assert internship.mentor is None
    OutboundEmail.objects.create(to=["a@example.org"], subject="Hej", body="Hej")

    # A coaching case at no meeting place, never closed, with no job yet.
    person = make_person("Samir")
    case = Case.objects.create(person=person, counsellor=rep_user, actor=employer)
    assert case.meeting_place is None and case.closed_on is None and case.days_to_job is None
    # A referral from no case, to an actor elsewhere, sent by nobody recorded, not completed.
    Referral.objects.create(
        person=person, from_actor=employer, to_actor=pending, reason="Söker jobb", sent_by=None
    )


def test_every_export_is_complete_in_both_formats(client, django_user_model, sparse_rows):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-12345678")
    client.force_login(admin)
    listings = exporting_viewsets()
    names = {viewset.name for viewset in listings}
    # The listings the finding named are among them.
    assert {"volunteer", "registration", "feedbackresponse", "outbox"} <= names, names

    for viewset in listings:
        url = reverse(viewset.get_url_name("index"))
        count = listing_queryset(viewset, client.get(url).wsgi_request).count()
        assert count, f"{viewset.name}: add a row to sparse_rows so its export is tested"

        response = client.get(url, {"export": "csv"})
        assert response.status_code == 200, viewset.name
        text = b"".join(response.streaming_content).decode()
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) == count + 1, (viewset.name, rows)
        assert all(len(row) == len(viewset.list_export) for row in rows), viewset.name

        response = client.get(url, {"export": "xlsx"})
        assert response.status_code == 200, viewset.name
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        assert sheet.max_row == count + 1, viewset.name
        assert sheet.max_column == len(viewset.list_export), viewset.name

    # Every download is in the site history: who, which listing, which filter.
    assert ModelLogEntry.objects.filter(action="samverka.export").count() == 2 * len(listings)


def test_an_export_is_logged_with_who_and_the_filter(client, coordinator, sparse_rows):
    client.force_login(coordinator)
    response = client.get(
        reverse("volunteer:index"),
        {"status": "pending", "export": "csv"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    b"".join(response.streaming_content)
    entry = ModelLogEntry.objects.get(action="samverka.export")
    assert entry.user == coordinator
    assert entry.content_type.model_class() is Volunteer
    assert entry.data["filter"] == "status=pending"
    assert entry.data["count"] == 1
    assert entry.data["format"] == "csv"

    # The site history report shows it to the coordinator, with its message.
    response = client.get(
        reverse("wagtailadmin_reports:site_history"), {"action": "samverka.export"}
    )
    assert response.status_code == 200
    assert "status=pending" in response.content.decode()
