"""The survey results: filtered by period, kind, programme and gender, kinds kept apart,
small groups shown without figures, CSV and Excel, a fixed number of queries."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from events.models import EventPage, FeedbackResponse, Programme
from events.reports import SurveyFilters, protect, survey_results
from events.surveys import summarise, week_of

from .conftest import make_event

pytestmark = pytest.mark.django_db

THIS_WEEK = week_of(timezone.localdate())
LAST_MONTH = THIS_WEEK - timedelta(weeks=5)


def answers(event, n, satisfaction=5, *, programme=None, gender="", week=THIS_WEEK, job=None):
    FeedbackResponse.objects.bulk_create(
        FeedbackResponse(
            event=event,
            programme=programme,
            kind=event.category,
            week=week,
            groups={"gender": gender} if gender else {},
            satisfaction=satisfaction,
            job_knowledge=job,
        )
        for _n in range(n)
    )


@pytest.fixture
def course_and_fair(event_index):
    course = make_event(event_index, category=EventPage.Category.CIVIC_ORIENTATION, title="SO")
    fair = make_event(event_index, category=EventPage.Category.JOB_FAIR, title="Mässan i Ålunda")
    programme = Programme.objects.create(name="SO grupp 1", event=course, kind="civic_orientation")
    answers(course, 12, 5, programme=programme, gender="female", job=5)
    answers(course, 6, 4, programme=programme, gender="male", job=4)
    answers(course, 2, 2, programme=programme, job=2)  # gender not recorded
    answers(course, 7, 3, programme=programme, gender="female", week=LAST_MONTH)
    answers(fair, 9, 2)
    return course, fair, programme


def by_kind(results):
    return {r.kind: r for r in results}


def test_kinds_are_kept_apart(course_and_fair):
    results = by_kind(survey_results(SurveyFilters()))
    assert set(results) == {"civic_orientation", "job_fair"}
    assert results["civic_orientation"].total["count"] == 27
    assert results["job_fair"].total["count"] == 9
    assert results["job_fair"].total["very_satisfied_percent"] == 0


def test_filters_by_period_programme_and_gender(course_and_fair):
    course, fair, programme = course_and_fair
    recent = by_kind(survey_results(SurveyFilters(start=THIS_WEEK)))
    assert recent["civic_orientation"].total["count"] == 20
    women = by_kind(survey_results(SurveyFilters(groups={"gender": "female"})))
    assert set(women) == {"civic_orientation"}  # the fair's answers carry no gender
    assert women["civic_orientation"].total["count"] == 19
    assert women["civic_orientation"].total["very_satisfied_percent"] == 63  # 12 of 19
    only = by_kind(survey_results(SurveyFilters(programme=programme, end=LAST_MONTH)))
    assert only["civic_orientation"].total["count"] == 7
    job_fair = by_kind(survey_results(SurveyFilters(kind="job_fair")))
    assert set(job_fair) == {"job_fair"}


def test_split_by_gender_hides_small_groups_and_what_would_give_them_away(course_and_fair):
    result = by_kind(survey_results(SurveyFilters(start=THIS_WEEK)))["civic_orientation"]
    dimension, groups = result.splits[0]  # gender; the home municipality comes second
    cells = dict(groups)
    women, men, unknown = cells[_("Women")], cells[_("Men")], cells[_("Not recorded")]
    assert (women["count"], women["very_satisfied_percent"]) == (12, 100)
    # Two answers without a gender: hidden; men (6) are hidden too, or 20 - 12 - 6 gives them.
    assert unknown["suppressed"] and unknown["average"] is None
    assert men["suppressed"] and men["very_satisfied_percent"] is None


def test_protect_leaves_large_groups_alone():
    cells = [summarise(10, 4.0, 5, 8, 10, 7), summarise(7, 3.0, 1, 2, 7, 3)]
    assert not any(c["suppressed"] for c in protect(cells))
    small = [summarise(3, 5.0, 3, 3, 0, 0), summarise(3, 1.0, 0, 0, 0, 0)]
    assert all(c["suppressed"] for c in protect(small))
    assert summarise(4, 5.0, 4, 4, 4, 4)["very_satisfied_percent"] is None


@pytest.mark.parametrize("size", [1, 10])
def test_report_runs_a_fixed_number_of_queries(
    client, coordinator, event_index, size, django_assert_num_queries
):
    for n in range(size):
        event = make_event(event_index, category=EventPage.Category.MINGLE, title=f"Mingel {n}")
        answers(event, 5, 5, gender="female")
    # totals, rows, one split per dimension (gender, home municipality), the municipalities'
    # names
    with django_assert_num_queries(5):
        survey_results(SurveyFilters())
    client.force_login(coordinator)
    url = reverse("events_admin:feedback")
    client.get(url)  # sessions, permissions and menus cached
    with django_assert_num_queries(QUERIES_PER_PAGE):
        response = client.get(url)
    assert response.status_code == 200


# The admin page: session, user, groups' permissions, the programme choices, the report's
# five queries, the coordinator's municipalities (scoping the programmes), the labels of the
# home-municipality filter and Wagtail's admin chrome (the menu is kept:
# samverka.core.admin_sidebar). Pinned: the same for 1 and 10 events.
QUERIES_PER_PAGE = 14


def test_admin_page_and_downloads(client, coordinator, course_and_fair):
    client.force_login(coordinator)
    url = reverse("events_admin:feedback")
    html = client.get(url, {"group_gender": "female"}).content.decode()
    assert "SO grupp 1" in html and "<svg" in html and "Mässan i Ålunda" not in html
    csv = client.get(url, {"format": "csv"})
    text = csv.content.decode("utf-8-sig")
    assert csv["Content-Type"].startswith("text/csv") and "SO grupp 1" in text
    assert "Mässan i Ålunda" in text
    xlsx = client.get(url, {"format": "xlsx", "kind": "job_fair"})
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames[0] == "job_fair"
    rows = list(workbook["job_fair"].values)
    assert rows[2][:2] == ("Mässan i Ålunda", 9)
    bad = client.get(url, {"start": "2026-05-01", "end": "2026-01-01"})
    message = _("The end of the period comes before its start.")
    assert bad.status_code == 200 and message in bad.content.decode()


def test_report_needs_permission(client, editor, course_and_fair):
    client.force_login(editor)
    response = client.get(reverse("events_admin:feedback"))
    assert (response.status_code, response.url) == (302, "/admin/")
