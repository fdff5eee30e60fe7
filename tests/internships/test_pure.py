"""The pure parts: follow-up and outcome schedules, tables, median, exports and the chart."""

import csv
import io
from datetime import date

import pytest
from django.utils import translation
from openpyxl import load_workbook

from mentors.internships import schedule
from mentors.internships.tables import Table, bar_chart_svg, median, pivot, to_csv, to_xlsx


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_follow_up_schedule_for_a_three_month_internship():
    due = schedule.follow_up_schedule(date(2026, 2, 2), date(2026, 5, 1))
    assert due == {
        "start": date(2026, 2, 9),
        "midpoint": date(2026, 3, 18),
        "final": date(2026, 5, 1),
    }


def test_short_internship_keeps_the_order_and_stays_inside_the_period():
    due = schedule.follow_up_schedule(date(2026, 2, 2), date(2026, 2, 6))
    assert due["start"] == due["midpoint"] == date(2026, 2, 4)
    assert due["final"] == date(2026, 2, 6)
    one_day = schedule.follow_up_schedule(date(2026, 2, 2), date(2026, 2, 2))
    assert set(one_day.values()) == {date(2026, 2, 2)}


def test_schedule_refuses_an_end_before_the_start():
    with pytest.raises(ValueError):
        schedule.follow_up_schedule(date(2026, 2, 2), date(2026, 2, 1))


def test_outcome_schedule_counts_from_the_last_day():
    assert schedule.outcome_schedule(date(2026, 1, 31)) == {
        "end": date(2026, 1, 31),
        "day_90": date(2026, 5, 1),
        "day_180": date(2026, 7, 30),
    }


def test_reminder_three_days_before_once_and_overdue_notice_a_week_after():
    due = date(2026, 3, 10)
    assert not schedule.reminder_due(due, date(2026, 3, 6), reminded=False)
    assert schedule.reminder_due(due, date(2026, 3, 7), reminded=False)
    assert schedule.reminder_due(due, date(2026, 4, 1), reminded=False)  # late, still once
    assert not schedule.reminder_due(due, date(2026, 3, 7), reminded=True)
    assert not schedule.overdue_notice_due(due, date(2026, 3, 16), notified=False)
    assert schedule.overdue_notice_due(due, date(2026, 3, 17), notified=False)
    assert not schedule.overdue_notice_due(due, date(2026, 3, 17), notified=True)


def test_median_odd_even_and_empty():
    assert median([]) is None
    assert median([5]) == 5
    assert median([1, 3, 10]) == 3
    assert median([1, 3, 10, 20]) == 6.5


def _outcomes_table():
    return pivot(
        "by_sector",
        "Outcomes by sector",
        "Sector",
        [("Bygg", "job", 2), ("Bygg", "subsidised", 1), ("Handel", "job", 1), ("Handel", "x", 9)],
        [("job", "Job"), ("subsidised", "Subsidised job")],
    )


def test_pivot_fills_missing_cells_drops_unknown_columns_and_totals():
    table = _outcomes_table()
    assert table.rows == [("Bygg", [2, 1]), ("Handel", [1, 0])]
    assert table.totals == [3, 1]
    assert table.grand_total == 4
    assert table.value("Handel", "Subsidised job") == 0
    assert table.records()[-1] == ["Total", 3, 1, 4]


def test_pivot_keeps_a_given_row_order_with_empty_rows():
    table = pivot(
        "p",
        "P",
        "Month",
        [("2026-02", "n", 4)],
        [("n", "Started")],
        row_order=["2026-01", "2026-02"],
    )
    assert table.rows == [("2026-01", [0]), ("2026-02", [4])]


def test_csv_has_header_rows_total_and_neutralises_formulas():
    table = Table("t", "T", "Employer", ["Job"], [("=HYPERLINK(1)", [3])])
    text = to_csv(table).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Employer", "Job", "Total"]
    assert rows[1] == ["'=HYPERLINK(1)", "3", "3"]
    assert rows[2] == ["Total", "3", "3"]


def test_xlsx_has_a_summary_and_one_sheet_per_table():
    book = load_workbook(io.BytesIO(to_xlsx([_outcomes_table()], [("Into jobs", 3)])))
    assert book.sheetnames == ["Summary", "by_sector"]
    assert book["Summary"]["A1"].value == "Into jobs"
    assert book["Summary"]["B1"].value == 3
    sheet = book["by_sector"]
    assert [c.value for c in sheet[2]] == ["Sector", "Job", "Subsidised job", "Total"]
    assert [c.value for c in sheet[3]] == ["Bygg", 2, 1, 3]


def test_chart_draws_one_bar_per_cell_with_escaped_labels():
    table = Table(
        "t",
        "Outcomes <per> month",
        "Month",
        ["Job", "Subsidised"],
        [("2026-01", [4, 2]), ("2026-02", [0, 1])],
    )
    svg = bar_chart_svg(table)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('<rect x="') == 4 + 2  # four bars, two legend keys
    assert "Outcomes &lt;per&gt; month" in svg
    assert "2026-01: Job 4" in svg
    assert "<script" not in svg
