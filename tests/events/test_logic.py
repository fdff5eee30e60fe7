"""The pure parts of events: recurrence, iCalendar, signed codes, the absence rule."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import ValidationError

from events import codes
from events.absence import Outcome, consecutive_absences, reaches_limit
from events.ical import DateData, SeriesData, series_calendar
from events.recurrence import expand, validate_rule

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(*args):
    return datetime(*args, tzinfo=STOCKHOLM)


class TestRecurrence:
    def test_weekly_keeps_local_time_across_daylight_saving(self):
        # 2026-10-25 is when Sweden leaves summer time.
        dates = expand(
            at(2026, 10, 13, 18),
            timedelta(hours=2),
            "FREQ=WEEKLY;BYDAY=TU",
            until=at(2026, 11, 10, 23),
        )
        assert [d.start.astimezone(STOCKHOLM).hour for d in dates] == [18] * 5
        assert dates[0].end - dates[0].start == timedelta(hours=2)

    def test_exceptions_cancel_and_move(self):
        moved_to = at(2026, 10, 22, 17)
        dates = expand(
            at(2026, 10, 6, 18),
            timedelta(hours=2),
            "RRULE:FREQ=WEEKLY;COUNT=4",
            until=at(2027, 1, 1),
            exceptions={date(2026, 10, 13): None, date(2026, 10, 20): moved_to},
        )
        assert len(dates) == 4
        assert [d.cancelled for d in dates] == [False, True, False, False]
        assert dates[2].original_start == at(2026, 10, 20, 18)
        assert dates[2].start == moved_to and dates[2].moved
        assert not dates[3].moved

    def test_horizon_bounds_an_endless_rule(self):
        dates = expand(at(2026, 1, 5, 10), timedelta(hours=1), "FREQ=DAILY", until=at(2026, 1, 14))
        assert len(dates) == 9

    def test_no_rule_is_one_date(self):
        dates = expand(at(2026, 3, 1, 10), timedelta(hours=1), "", until=at(2026, 1, 1))
        assert len(dates) == 1

    def test_expansion_is_deterministic(self):
        args = (at(2026, 1, 5, 10), timedelta(hours=1), "FREQ=WEEKLY;BYDAY=MO,TH")
        assert expand(*args, until=at(2026, 3, 1)) == expand(*args, until=at(2026, 3, 1))

    @pytest.mark.parametrize("rule", ["FREQ=SOMETIMES", "FREQ=WEEKLY;BYDAY=XX", "FREQ=MINUTELY"])
    def test_bad_rules_are_rejected(self, rule):
        with pytest.raises(ValidationError):
            validate_rule(rule)

    def test_good_rule_passes(self):
        validate_rule("RRULE:FREQ=MONTHLY;BYDAY=1WE")


class TestCalendar:
    def series(self):
        return SeriesData(
            uid="event-7@samverka",
            title="Språkcafé",
            first_start=at(2026, 10, 6, 18),
            duration=timedelta(hours=2),
            rule="FREQ=WEEKLY;UNTIL=20261231T000000",
            location="Biblioteket",
            categories=["Language café"],
            dates=[
                DateData(at(2026, 10, 6, 18), at(2026, 10, 6, 18), at(2026, 10, 6, 20)),
                DateData(at(2026, 10, 13, 18), at(2026, 10, 13, 18), at(2026, 10, 13, 20), True),
                DateData(at(2026, 10, 20, 18), at(2026, 10, 21, 17), at(2026, 10, 21, 19)),
            ],
        )

    def test_series_with_exceptions_parses(self):
        parsed = icalendar.Calendar.from_ical(series_calendar("Samverka", [self.series()]))
        events = parsed.walk("VEVENT")
        assert len(events) == 2
        master, moved = events
        assert master["uid"] == moved["uid"] == "event-7@samverka"
        assert master["rrule"]["FREQ"] == ["WEEKLY"]
        # UNTIL turned to UTC because DTSTART carries a time zone (RFC 5545 3.3.10).
        assert master["rrule"]["UNTIL"][0].utcoffset() == timedelta(0)
        exdates = [d.dt for exdate in [master["exdate"]] for d in exdate.dts]
        assert exdates == [at(2026, 10, 13, 18)]
        assert moved["recurrence-id"].dt == at(2026, 10, 20, 18)
        assert moved.start == at(2026, 10, 21, 17)
        assert parsed.walk("VTIMEZONE")[0]["tzid"] == "Europe/Stockholm"
        assert parsed["version"] == "2.0" and parsed["prodid"]

    def test_single_cancelled_date(self):
        single = SeriesData(
            uid="e@x", title="Mingel", first_start=at(2026, 5, 1, 17), duration=timedelta(hours=1)
        )
        single.dates = [DateData(single.first_start, single.first_start, at(2026, 5, 1, 18), True)]
        (event,) = icalendar.Calendar.from_ical(series_calendar("x", [single])).walk("VEVENT")
        assert event["status"] == "CANCELLED"
        assert "rrule" not in event


class TestCheckinCodes:
    def test_valid_in_own_and_previous_window(self):
        now = at(2026, 5, 1, 10)
        code = codes.checkin_code(5, now)
        assert len(code) == 6 and code.isdigit()
        assert codes.check_checkin_code(5, code, now) is codes.CodeCheck.VALID
        later = now + timedelta(seconds=codes.CHECKIN_WINDOW_SECONDS)
        assert codes.check_checkin_code(5, code, later) is codes.CodeCheck.VALID

    def test_old_code_is_expired(self):
        now = at(2026, 5, 1, 10)
        code = codes.checkin_code(5, now)
        later = now + timedelta(minutes=30)
        assert codes.check_checkin_code(5, code, later) is codes.CodeCheck.EXPIRED

    def test_code_of_another_date_or_made_up_is_invalid(self):
        now = at(2026, 5, 1, 10)
        assert codes.check_checkin_code(6, codes.checkin_code(5, now), now) in (
            codes.CodeCheck.INVALID,
            codes.CodeCheck.EXPIRED,  # a 1-in-10 000 collision with an old window
        )
        assert codes.check_checkin_code(5, "12ab", now) is codes.CodeCheck.INVALID
        forged = f"{(int(codes.checkin_code(5, now)) + 1) % 1_000_000:06d}"
        assert codes.check_checkin_code(5, forged, now) is not codes.CodeCheck.VALID

    def test_cancel_token_round_trip_and_tamper(self):
        token = codes.cancel_token(42)
        assert codes.read_cancel_token(token) == 42
        assert codes.read_cancel_token(token[:-2] + "xx") is None
        assert codes.read_cancel_token(codes.feedback_token("r", 42)) is None

    def test_feedback_token(self):
        assert codes.read_feedback_token(codes.feedback_token("o", 3)) == ("o", 3)
        assert codes.read_feedback_token("nonsense") is None


class TestAbsenceRule:
    A, X, E = Outcome.ATTENDED, Outcome.ABSENT, Outcome.EXCUSED

    def test_four_in_a_row(self):
        assert consecutive_absences([self.A, self.X, self.X, self.X, self.X]) == 4
        assert reaches_limit([self.X] * 4, 4)
        assert not reaches_limit([self.X] * 3, 4)

    def test_valid_reasons_neither_count_nor_break(self):
        outcomes = [self.X, self.E, self.X, self.E, self.X]
        assert consecutive_absences(outcomes) == 3

    def test_attendance_resets(self):
        assert consecutive_absences([self.X, self.X, self.X, self.A]) == 0
        assert consecutive_absences([self.X, self.X, self.X, self.A, self.X]) == 1

    def test_limit_zero_disables(self):
        assert not reaches_limit([self.X] * 10, 0)

    def test_run_start_identifies_the_run(self):
        from events.absence import current_run

        assert current_run([(1, self.X), (2, self.A), (3, self.X), (4, self.E), (5, self.X)]) == (
            2,
            3,
        )
        assert current_run([(1, self.A)]) == (0, None)
