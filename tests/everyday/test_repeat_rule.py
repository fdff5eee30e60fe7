"""The repeat-rule picker writes and reads the rules editors need; other rules stay as text."""

from datetime import date, datetime

import pytest
from django.utils.datastructures import MultiValueDict

from events.recurrence import RepeatRule, next_dates, validate_rule
from events.widgets import RepeatRuleWidget

DEMO_RULES = [
    "FREQ=WEEKLY;BYDAY=TU",
    "FREQ=MONTHLY;BYDAY=1WE",
    "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=34",
    "FREQ=WEEKLY;BYDAY=TU,TH",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20270615T235959",
    "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6",
]


@pytest.mark.parametrize("rule", DEMO_RULES)
def test_rules_the_picker_shows_read_back_exactly(rule):
    picked = RepeatRule.from_rule(rule)
    assert picked is not None and picked.to_rule() == rule
    validate_rule(picked.to_rule())


@pytest.mark.parametrize(
    "rule", ["FREQ=DAILY", "FREQ=WEEKLY;BYHOUR=9", "FREQ=MONTHLY;BYMONTHDAY=15", "nonsense"]
)
def test_other_rules_are_not_forced_into_the_picker(rule):
    assert RepeatRule.from_rule(rule) is None
    context = RepeatRuleWidget().get_context("rule", rule, {"id": "id_rule"})["widget"]
    assert context["frequency"] == "custom" and context["text"] == rule


def _post(**fields):
    data = MultiValueDict()
    for key, value in fields.items():
        data.setlist(f"rule_{key}", value if isinstance(value, list) else [value])
    return RepeatRuleWidget().value_from_datadict(data, {}, "rule")


def test_the_picker_writes_the_rule():
    assert _post(frequency="") == ""
    assert _post(frequency="weekly", interval="1", weekdays=["TH", "TU"], end="never") == (
        "FREQ=WEEKLY;BYDAY=TU,TH"
    )
    assert (
        _post(frequency="weekly", interval="2", weekdays=["MO"], end="until", until="2027-06-15")
        == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20270615T235959"
    )
    assert (
        _post(frequency="monthly", ordinal="-1", weekday="FR", end="count", count="6")
        == "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"
    )
    assert _post(frequency="custom", text=" FREQ=DAILY;COUNT=3 ") == "FREQ=DAILY;COUNT=3"


def test_bad_numbers_give_a_rule_that_fails_validation_not_a_crash():
    from django.core.exceptions import ValidationError

    rule = _post(frequency="weekly", interval="x", weekdays=["MO"])
    with pytest.raises(ValidationError):
        validate_rule(rule)


def test_a_client_posting_the_rule_itself_still_works():
    data = MultiValueDict({"rule": ["FREQ=WEEKLY;BYDAY=TU"]})
    assert RepeatRuleWidget().value_from_datadict(data, {}, "rule") == "FREQ=WEEKLY;BYDAY=TU"


def test_preview_lists_the_next_dates():
    start = datetime(2026, 12, 1, 12)  # a Tuesday
    dates = next_dates("FREQ=MONTHLY;BYDAY=1WE", start, count=3)
    assert [value.date() for value in dates] == [
        date(2026, 12, 2),
        date(2027, 1, 6),
        date(2027, 2, 3),
    ]
    assert next_dates("not a rule", start) == []


def test_the_widget_renders_the_picked_rule_and_a_preview():
    html = RepeatRuleWidget().render("rule", "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=34", {"id": "id_rule"})
    assert 'name="rule_weekdays" value="MO" checked' in html
    assert 'name="rule_weekdays" value="WE" checked' in html
    assert 'name="rule_end" value="count" checked' in html and 'value="34"' in html
    assert html.count("<li>") == 5
