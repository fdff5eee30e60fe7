"""The coaching report's figures from known data, its exports, and a query count that does
not grow with the number of cases."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook

from coaching.models import Case, CaseOutcome
from coaching.reports import DIMENSIONS, Dimension, Report, python_report
from samverka.people.outcomes import Outcome

from .conftest import make_case, make_person

pytestmark = pytest.mark.django_db
K = Outcome.Kind


def _job(case, kind, start):
    return CaseOutcome.objects.create(
        case=case, kind=kind, recorded_on=start, job_start_date=start, employer_name="X"
    )


@pytest.fixture
def known(eskilstuna):
    e = eskilstuna
    a = make_case(
        make_person(
            "A",
            gender="female",
            birth_year=1990,
            district="Årby",
            date_of_settlement=date(2020, 6, 1),
        ),
        e.sara,
        e.jobbcentrum,
        e.arby,
        started_on=date(2021, 1, 11),
    )
    b = make_case(
        make_person(
            "B",
            gender="male",
            birth_year=1970,
            district="Fröslunda",
            date_of_settlement=date(2016, 1, 1),
        ),
        e.omar,
        e.jobbcentrum,
        e.froslunda,
        started_on=date(2021, 2, 1),
        source=Case.Source.INCOME_SUPPORT,
    )
    c = make_case(make_person("C"), e.nils, e.jobbcentrum, e.arby, started_on=date(2021, 3, 1))
    _job(a, K.JOB_PERMANENT, date(2021, 4, 1))  # 80 days
    _job(a, K.JOB_HOURLY, date(2021, 9, 1))  # same person, same kind: counted once
    _job(b, K.EXTRATJANST, date(2021, 5, 3))  # 91 days
    _job(c, K.NYSTARTSJOBB, date(2022, 8, 1))  # after the period
    CaseOutcome.objects.create(case=c, kind=K.SFI, recorded_on=date(2021, 4, 1))
    return e


def _report():
    return Report(date(2021, 1, 1), date(2022, 5, 15)).run()


def test_headline_and_median(known):
    report = _report()
    assert (report.into_job, report.into_subsidised) == (1, 1)
    assert report.cases_with_job == 2 and report.median_days_to_job == (80 + 91) / 2
    longer = Report(date(2021, 1, 1), date(2022, 12, 31)).run()
    assert (longer.into_job, longer.into_subsidised) == (1, 2)


def test_breakdowns(known):
    report = _report()
    job, subsidised = gettext("Real job"), gettext("Subsidised job")
    places = report.table("by_meeting_place")
    assert places.value("Mötesplats Årby", job) == 1
    assert places.value("Mötesplats Fröslunda", subsidised) == 1
    assert report.table("by_counsellor").value("Omar Vägledare", subsidised) == 1
    assert report.table("by_district").value("Årby", job) == 1
    gender = report.table("by_gender")
    assert (
        gender.value(gettext("Woman"), job) == 1 and gender.value(gettext("Man"), subsidised) == 1
    )
    # A was 31 when her job started, B 51
    ages = report.table("by_age")
    assert ages.value("25–34", job) == 1 and ages.value("45–54", subsidised) == 1
    settled = report.table("by_settlement")
    assert settled.value(gettext("Under 1 year"), job) == 1
    assert settled.value(gettext("4 years or more"), subsidised) == 1
    source = report.table("by_source")
    assert source.value(gettext("Referred from income support"), subsidised) == 1
    assert source.value(gettext("Walk-in (medborgarservice)"), job) == 1


def test_unknown_values_are_one_row_last(eskilstuna):
    e = eskilstuna
    case = make_case(make_person("D"), e.sara, e.jobbcentrum, None, started_on=date(2021, 1, 4))
    _job(case, K.JOB_TEMPORARY, date(2021, 2, 1))
    report = _report()
    not_stated = gettext("Not stated")
    for slug in ("by_meeting_place", "by_age", "by_settlement", "by_district"):
        assert report.table(slug).rows[-1][0] == not_stated


def test_a_dimension_is_one_more_entry(known):
    """The breakdown is a list: a new entry (home municipality, say) is one more table."""
    extra = Dimension("by_city", "By city", "City", "case__meeting_place__city")
    report = Report(date(2021, 1, 1), date(2022, 5, 15), dimensions=[*DIMENSIONS, extra]).run()
    assert report.table("by_city").value("Eskilstuna", gettext("Real job")) == 1
    assert report.QUERIES == _report().QUERIES + 1


def test_python_loop_agrees(known):
    rows = CaseOutcome.objects.values_list("person_id", "group", "job_start_date")
    assert python_report(rows, date(2021, 1, 1), date(2022, 5, 15)) == (1, 1)


def _many(eskilstuna, count):
    e = eskilstuna
    for n in range(count):
        case = make_case(
            make_person(f"M{n}", gender="male" if n % 2 else "female", birth_year=1980 + n % 30),
            e.sara,
            e.jobbcentrum,
            e.arby,
            started_on=date(2021, 1, 4),
        )
        _job(case, K.JOB_PERMANENT if n % 3 else K.LONEBIDRAG, date(2021, 3, 1 + n % 20))


@pytest.mark.parametrize("count", [1, 40])
def test_query_count_is_pinned(eskilstuna, count, django_assert_num_queries):
    _many(eskilstuna, count)
    # the headline, eight breakdowns, the count for the median, the median's middle rows
    with django_assert_num_queries(11):
        report = _report()
    assert report.into_job + report.into_subsidised == count


def test_report_page_csv_excel_and_chart(client, known):
    client.force_login(known.sara)
    base = reverse("coaching_admin:report") + "?start=2021-01-01&end=2022-05-15"
    page = client.get(base)
    assert page.status_code == 200
    html = page.content.decode()
    assert (
        gettext("%(job)s into real jobs and %(subsidised)s into subsidised jobs.")
        % {"job": 1, "subsidised": 1}
        in html
    )
    svg = html.split("<svg")[1].split("</svg>")[0]
    assert "<script" not in svg
    csv = client.get(base + "&export=csv&table=by_meeting_place")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Mötesplats Årby" in csv.content.decode("utf-8-sig")
    xlsx = client.get(base + "&export=xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert len(book.sheetnames) >= len(DIMENSIONS)


def test_report_page_queries_do_not_grow(client, eskilstuna):
    client.force_login(eskilstuna.sara)
    url = reverse("coaching_admin:report") + "?start=2021-01-01&end=2022-05-15"
    _many(eskilstuna, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _many(eskilstuna, 25)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(one)


def test_bad_period_keeps_the_form(client, eskilstuna):
    client.force_login(eskilstuna.sara)
    response = client.get(reverse("coaching_admin:report") + "?start=2022-01-01&end=2021-01-01")
    assert response.status_code == 200
    assert gettext("The period cannot end before it starts.") in response.content.decode()
