"""Each report figure from known data, and a query count that does not grow."""

import io
from datetime import date

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from mentors.internships.models import Internship, Outcome
from mentors.internships.reports import Report, period_label, period_starts

from .conftest import make_employer, make_newcomer, make_place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _gender(code):
    field = apps.get_model("people", "Person")._meta.get_field("gender")
    return str(dict(field.flatchoices)[code])


def _internship(newcomer, place, start, end, status=None, ended_on=None):
    internship = Internship.objects.place(
        newcomer=newcomer, place=place, start_date=start, end_date=end
    )
    if status in Internship.ENDED:
        internship.finish(
            ended_on or end,
            early=status == Internship.Status.INTERRUPTED,
            reason="Flyttade" if status == Internship.Status.INTERRUPTED else "",
        )
    elif status == Internship.Status.CANCELLED:
        internship.cancel()
    return internship


def _outcome(internship, checkpoint, kind, recorded_on, job_start=None):
    return Outcome.objects.create(
        internship=internship,
        checkpoint=checkpoint,
        kind=kind,
        recorded_on=recorded_on,
        job_start_date=job_start,
    )


@pytest.fixture
def known(db):
    """Six internships whose figures are worked out by hand in the tests below."""
    bygg = make_place(make_employer("Ålunda Bygg AB"), number_of_places=50)
    livs = make_place(
        make_employer("Västerby Livs", district="Västerby"),
        title="Butik",
        occupation="Butikssäljare",
        sector="Handel",
        number_of_places=50,
    )
    C, V = "Ålunda centrum", "Västerby"
    n1 = make_newcomer("N1", gender="female", district=C, date_of_settlement=date(2024, 3, 1))
    n2 = make_newcomer("N2", gender="male", district=V, date_of_settlement=date(2025, 3, 2))
    n3 = make_newcomer("N3", gender="female", district=V, date_of_settlement=date(2024, 1, 1))
    n4 = make_newcomer("N4", gender="male", district=C, date_of_settlement=date(2023, 7, 1))
    n5 = make_newcomer("N5")
    n6 = make_newcomer("N6")
    done = Internship.Status.COMPLETED
    i1 = _internship(n1, bygg, date(2026, 1, 5), date(2026, 3, 31), done)
    i2 = _internship(n2, livs, date(2026, 1, 12), date(2026, 2, 27), done)
    i3 = _internship(
        n3,
        bygg,
        date(2026, 2, 2),
        date(2026, 4, 30),
        Internship.Status.INTERRUPTED,
        date(2026, 3, 10),
    )
    i4 = _internship(n4, livs, date(2026, 2, 16), date(2026, 4, 30), done)
    _internship(n5, bygg, date(2026, 5, 4), date(2026, 7, 31))
    _internship(n6, livs, date(2026, 3, 2), date(2026, 4, 30), Internship.Status.CANCELLED)
    K = Outcome.Kind
    _outcome(i1, "end", K.JOB, date(2026, 3, 31), date(2026, 4, 10))
    _outcome(i2, "end", K.NYSTARTSJOBB, date(2026, 2, 27), date(2026, 3, 2))
    _outcome(i3, "end", K.SFI, date(2026, 3, 10))
    _outcome(i4, "end", K.LOOKING, date(2026, 4, 30))
    _outcome(i4, "day_90", K.LONEBIDRAG, date(2026, 7, 29), date(2026, 7, 1))
    # the 90-day check of i1: still in the same job (counted once in the headline)
    _outcome(i1, "day_90", K.JOB, date(2026, 6, 29), date(2026, 4, 10))


def _report(start=date(2026, 1, 1), end=date(2026, 6, 30), **kwargs):
    return Report(start, end, **kwargs).run()


def test_started_and_completed_per_month(known):
    table = _report().table("started_completed")
    assert table.rows == [
        ("2026-01", [2, 0]),
        ("2026-02", [2, 1]),
        ("2026-03", [0, 1]),  # the cancelled one never started
        ("2026-04", [0, 1]),
        ("2026-05", [1, 0]),
        ("2026-06", [0, 0]),
    ]


def test_started_and_completed_per_quarter(known):
    table = _report(granularity="quarter").table("started_completed")
    assert table.rows == [("2026 Q1", [4, 2]), ("2026 Q2", [1, 1])]


def test_outcomes_at_the_end_per_period_and_dimension(known):
    report = _report()
    by_period = report.table("outcomes_by_period")
    assert by_period.value("2026-02", "Subsidised job") == 1
    assert by_period.value("2026-03", "Job") == 1
    assert by_period.value("2026-03", "Studies") == 1
    assert by_period.value("2026-04", "Looking for work") == 1
    assert by_period.grand_total == 4

    gender = report.table("outcomes_by_gender")
    assert gender.rows == sorted(
        [(_gender("female"), [1, 0, 1, 0, 0, 0]), (_gender("male"), [0, 1, 0, 0, 1, 0])]
    )
    district = report.table("outcomes_by_district")
    assert district.value("Ålunda centrum", "Job") == 1
    assert district.value("Ålunda centrum", "Looking for work") == 1
    assert district.value("Västerby", "Subsidised job") == 1
    assert district.value("Västerby", "Studies") == 1
    sector = report.table("outcomes_by_sector")
    assert sector.rows == [("Bygg", [1, 0, 1, 0, 0, 0]), ("Handel", [0, 1, 0, 0, 1, 0])]
    employer = report.table("outcomes_by_employer")
    assert employer.value("Västerby Livs", "Subsidised job") == 1
    assert employer.value("Ålunda Bygg AB", "Job") == 1


def test_outcomes_after_90_days(known):
    sector = _report(end=date(2026, 12, 31), checkpoint="day_90").table("outcomes_by_sector")
    assert sector.rows == [("Bygg", [1, 0, 0, 0, 0, 0]), ("Handel", [0, 1, 0, 0, 0, 0])]


def test_headline_people_into_jobs_and_subsidised_jobs(known):
    report = _report()
    # N1's job (twice recorded) counts once; N4's lönebidrag starts in July
    assert (report.into_job, report.into_subsidised) == (1, 1)
    year = _report(end=date(2026, 12, 31))
    assert (year.into_job, year.into_subsidised) == (1, 2)


def test_median_time_to_job(known):
    report = _report()
    # N1: 2024-03-01 → 2026-04-10 = 770 days; N2: 2025-03-02 → 2026-03-02 = 365 days
    assert report.people_with_job == 2
    assert report.median_days_to_job == (770 + 365) / 2
    year = _report(end=date(2026, 12, 31))
    # and N4: 2023-07-01 → 2026-07-01 = 1096 days
    assert year.people_with_job == 3
    assert year.median_days_to_job == 770
    assert year.median_years_to_job == 2.1
    assert _report(end=date(2026, 1, 31)).median_days_to_job is None


def test_period_helpers():
    assert period_label(date(2026, 5, 1), "quarter") == "2026 Q2"
    assert period_starts(date(2025, 11, 15), date(2026, 2, 1), "month") == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert period_starts(date(2025, 11, 15), date(2026, 2, 1), "quarter") == [
        date(2025, 10, 1),
        date(2026, 1, 1),
    ]


def _many(count):
    place = make_place(make_employer(f"Stora Bolaget {count}"), number_of_places=count + 1)
    for n in range(count):
        newcomer = make_newcomer(f"M{n}", gender="male" if n % 2 else "female")
        internship = _internship(
            newcomer, place, date(2026, 1, 5), date(2026, 3, 31), Internship.Status.COMPLETED
        )
        _outcome(internship, "end", Outcome.Kind.JOB, date(2026, 3, 31), date(2026, 4, 1 + n % 20))


@pytest.mark.parametrize("count", [1, 40])
def test_report_query_count_is_pinned(count, django_assert_num_queries):
    _many(count)
    # started, completed, outcomes per period, per gender, district, sector,
    # employer, headline, count for the median, the median's middle rows
    with django_assert_num_queries(Report.QUERIES):
        report = _report()
    assert report.into_job == count


def test_report_page_queries_do_not_grow(admin_client_en):
    client = admin_client_en
    url = (
        reverse("internships_admin:report")
        + "?start=2026-01-01&end=2026-06-30&granularity=month&checkpoint=end"
    )
    _many(1)
    client.get(url)  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _many(30)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(one)
    assert b"31 into real jobs and 0 into subsidised jobs" in response.content


def test_report_page_csv_and_excel(admin_client_en, known):
    client = admin_client_en
    base = (
        reverse("internships_admin:report")
        + "?start=2026-01-01&end=2026-06-30&granularity=month&checkpoint=end"
    )
    page = client.get(base)
    assert page.status_code == 200
    assert b"1 into real jobs and 1 into subsidised jobs" in page.content
    assert (
        b"<svg" in page.content
        and b"<script" not in page.content.split(b"<svg")[1].split(b"</svg>")[0]
    )
    csv_response = client.get(base + "&export=csv&table=outcomes_by_sector")
    assert csv_response["Content-Type"].startswith("text/csv")
    text = csv_response.content.decode("utf-8-sig").splitlines()
    assert (
        text[0]
        == "Sector;Job;Subsidised job;Studies;Continued internship;Looking for work;Other;Total"
    )
    assert text[1] == "Bygg;1;0;1;0;0;0;2"
    xlsx = client.get(base + "&export=xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert "outcomes_by_employer" in book.sheetnames
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows()}
    assert summary["Into a job without subsidy"] == 1
    assert summary["Into a subsidised job"] == 1


def test_report_refuses_an_end_before_the_start(admin_client_en):
    client = admin_client_en
    response = client.get(
        reverse("internships_admin:report")
        + "?start=2026-06-01&end=2026-01-01&granularity=month&checkpoint=end"
    )
    assert response.status_code == 200
    assert b"The period cannot end before it starts." in response.content


def test_report_needs_the_coordinator_role(client, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("internships_admin:report"))
    assert response.status_code in (302, 403)
