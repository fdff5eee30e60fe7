"""The civic-orientation course: topics and hours per session, organisations taking part,
both goals on My pages and the certificate, the course report; and Trelleborg's course
end to end."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from events import codes
from events.course import LEGAL_MINIMUM_HOURS, Topic, course_progress, progress_of
from events.models import Attendance, Enrolment, EventPage, FeedbackResponse, Programme
from events.notifications import survey_url
from events.reports import SurveyFilters, course_report, survey_results

from .conftest import make_event, make_organisation, make_participant

pytestmark = pytest.mark.django_db


def make_course(index, sessions, hours=5, goal=200):
    event = make_event(
        index,
        title="Samhällsorientering Trelleborg",
        category=EventPage.Category.CIVIC_ORIENTATION,
        starts_at=timezone.now().replace(microsecond=0) - timedelta(days=sessions + 1),
        duration_minutes=hours * 60,
        recurrence_rule=f"FREQ=DAILY;COUNT={sessions}",
        registration_required=False,
        capacity=None,
    )
    return Programme.objects.create(
        name="SO Trelleborg ht",
        kind=Programme.Kind.CIVIC_ORIENTATION,
        event=event,
        hours_goal=goal,
    )


def enrol(programme, name, **fields):
    participant = make_participant(name=name, **fields)
    return Enrolment.objects.create(
        programme=programme,
        participant=participant,
        enrolled_on=timezone.localdate() - timedelta(days=400),
    )


def attend(enrolment, sessions):
    Attendance.objects.bulk_create(
        Attendance(occurrence=s, participant=enrolment.participant, method="staff")
        for s in sessions
    )


def test_hours_are_shared_between_a_sessions_topics_and_employers_counted(event_index):
    programme = make_course(event_index, sessions=2, hours=3)
    first, second = programme.event.occurrences.order_by("start")
    first.topics = [Topic.SUPPORTING_YOURSELF]
    first.save()
    second.topics = [Topic.SUPPORTING_YOURSELF, Topic.RIGHTS_AND_OBLIGATIONS]
    second.save()
    bygg = make_organisation("Trelleborgs Bygg AB")
    bygg.kind = "company"
    bygg.save()
    forening = make_organisation("Kvinnoföreningen")
    first.organisations.add(bygg, forening)
    second.organisations.add(bygg)
    enrolment = enrol(programme, "Hodan Ali")
    attend(enrolment, [first, second])
    progress = progress_of(enrolment)
    assert progress.hours == 6.0
    topics = {code: hours for code, _label, hours in progress.topics}
    assert topics[Topic.SUPPORTING_YOURSELF] == 4.5 and topics[Topic.RIGHTS_AND_OBLIGATIONS] == 1.5
    assert progress.employers == {"Trelleborgs Bygg AB"} and progress.employer_contacts == 2
    assert progress.organisations == {"Trelleborgs Bygg AB", "Kvinnoföreningen"}
    assert (progress.legal_minimum, progress.goal) == (LEGAL_MINIMUM_HOURS, 200)
    assert (progress.legal_percent, progress.goal_percent) == (6, 3)


def test_other_programmes_have_no_legal_minimum(event):
    programme = Programme.objects.create(name="Jobbhörnet", event=event, kind="drop_in")
    enrolment = enrol(programme, "Reza Karimi")
    progress = progress_of(enrolment)
    assert (progress.legal_minimum, progress.goal, progress.legal_percent) == (None, None, None)


@pytest.mark.parametrize("size", [3, 30])
def test_course_report_runs_a_fixed_number_of_queries(event_index, size, django_assert_num_queries):
    programme = make_course(event_index, sessions=4)
    sessions = list(programme.event.occurrences.all())
    for session in sessions:
        session.topics = [Topic.HEALTH]
        session.save()
    for n in range(size):
        attend(enrol(programme, f"Deltagare {n}", gender="female"), sessions)
    programme = Programme.objects.select_related("event").get(pk=programme.pk)
    # enrolments, attendance, session organisations, sessions held, the municipalities'
    # names, and the survey's four (totals, rows, by gender, by home municipality)
    with django_assert_num_queries(9):
        report = course_report(programme)
    assert report.total.participants == size and report.total.average_hours == 20.0
    with django_assert_num_queries(2):
        course_progress(programme, [e for e, _p in report.rows])


def test_trelleborg_course_end_to_end(client, event_index, coordinator, django_user_model):
    """A 200-hour course with employers in the sessions, a certificate with both goals,
    and anonymous survey results by gender, kept apart from a job fair's."""
    programme = make_course(event_index, sessions=42, hours=5)  # 210 hours held
    sessions = list(programme.event.occurrences.order_by("start"))
    topics = list(Topic.values)
    for n, session in enumerate(sessions):
        session.topics = [topics[n % 8]] + ([topics[(n + 1) % 8]] if n % 5 == 0 else [])
        session.save(update_fields=["topics"])
    employers = []
    for name in ("Trelleborgs Hamn AB", "Skåne Vård AB", "Maxi Trelleborg AB"):
        employer = make_organisation(name)
        employer.kind = "company"
        employer.save()
        employers.append(employer)
    for n, session in enumerate(sessions[::6]):  # an employer in every sixth session
        session.organisations.add(employers[n % 3])

    account = django_user_model.objects.create_user("amina", "amina@example.org", "pw-12345678")
    amina = enrol(programme, "Amina Yusuf", gender="female", user=account, preferred_language="ar")
    women = [amina] + [enrol(programme, f"Kvinna {n}", gender="female") for n in range(5)]
    men = [enrol(programme, f"Man {n}", gender="male") for n in range(5)]
    attend(amina, sessions)  # all 210 hours
    for n, enrolment in enumerate(women[1:] + men):
        attend(enrolment, sessions[: 20 + 2 * n])  # 100 hours and more for most

    # Amina's page and certificate show both goals and the topics with their hours.
    client.force_login(account)
    with translation.override("en"):
        my_pages = client.get(reverse("core:my_pages")).content.decode()
        assert "100 % of the law's minimum of 100 hours" in my_pages
        assert "100 % of the course's goal of 200 hours" in my_pages
        certificate = client.get(reverse("events:certificate", args=[amina.pk])).content.decode()
        assert "The law's minimum: 100 hours" in certificate
        assert "The course's goal: 200 hours" in certificate
        assert "210.0 hours in 42 sessions" in certificate
        assert gettext("Looking after your health in Sweden") in certificate
        assert "Trelleborgs Hamn AB" in certificate and "Save as PDF" in certificate
        assert "data-print" in certificate

    # Everyone answers the survey through their link; a job fair's visitors answer too.
    answers = {women[0].pk: 5, women[1].pk: 5, women[2].pk: 5, women[3].pk: 5, women[4].pk: 4}
    for enrolment in women:
        url = reverse("events:feedback", args=[codes.feedback_token("e", enrolment.pk)])
        satisfaction = answers.get(enrolment.pk, 5)
        response = client.post(url, {"satisfaction": str(satisfaction), "job_knowledge": "5"})
        assert response.status_code == 200
    # (The men answer the same way; the public-form limit allows ten posts per address.)
    for enrolment in men:
        FeedbackResponse.objects.answer(enrolment=enrolment, satisfaction=3, job_knowledge=5)
    fair = make_event(event_index, category=EventPage.Category.JOB_FAIR, title="Jobbmässan")
    for _n in range(6):
        FeedbackResponse.objects.answer(occurrence=fair.occurrences.get(), satisfaction=1)
    assert not FeedbackResponse.objects.filter(programme=programme, groups={}).exists()

    results = {r.kind: r for r in survey_results(SurveyFilters(programme=programme))}
    assert set(results) == {"civic_orientation"}  # the fair is not mixed in
    splits = {d.key: groups for d, groups in results["civic_orientation"].splits}
    assert set(splits) == {"gender", "municipality"}  # events.surveys.DIMENSIONS
    by_gender = dict(splits["gender"])
    assert by_gender[gettext("Women")]["count"] == 6
    assert by_gender[gettext("Women")]["very_satisfied_percent"] == 83  # 5 of 6
    assert by_gender[gettext("Men")]["very_satisfied_percent"] == 0
    assert results["civic_orientation"].total["job_agree_percent"] == 100

    # The coordinator's course report: hours, employers met, by gender, downloadable.
    client.force_login(coordinator)
    url = reverse("events_admin:course_report", args=[programme.pk])
    html = client.get(url).content.decode()
    assert "Amina Yusuf" in html and "Trelleborgs Hamn AB" in html and "<svg" in html
    report = course_report(Programme.objects.select_related("event").get(pk=programme.pk))
    women_stats = dict(report.splits[0][1])[gettext("Women")]
    assert women_stats.participants == 6 and women_stats.reached_legal == 6
    assert women_stats.reached_goal == 1  # only Amina has 200 hours
    row = {e.pk: p for e, p in report.rows}[amina.pk]
    assert row.employer_contacts == 7 and len(row.employers) == 3
    workbook = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    participants = list(workbook["participants"].values)
    assert ("Amina Yusuf", 210.0, 100, 100, 3, 7) == participants[2][:6]
    csv = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert "Amina Yusuf;210.0;100;100;3;7" in csv


def test_survey_goes_to_those_who_have_not_answered_in_their_language(
    client, event_index, coordinator
):
    from samverka.core.models import OutboundEmail

    programme = make_course(event_index, sessions=2)
    arabic = enrol(programme, "Amal Haddad", email="amal@example.org", preferred_language="ar")
    answered = enrol(programme, "Sara Ek", email="sara@example.org")
    FeedbackResponse.objects.answer(enrolment=answered, satisfaction=5)
    enrol(programme, "Reza Karimi")  # no email: gets the link in class or on My pages
    client.force_login(coordinator)
    url = reverse("events_admin:course_report", args=[programme.pk])
    assert client.post(url, {"action": "send_survey"}).status_code == 302
    (message,) = OutboundEmail.objects.all()
    assert message.to == ["amal@example.org"]
    # The signed token carries a timestamp: compare up to it.
    link = survey_url(arabic).split(":")[:2]
    assert "/ar/events/feedback/" in link[1] and ":".join(link) in message.body
