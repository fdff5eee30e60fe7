"""The repeat-rule picker: editors choose "every Tuesday", "every other week on Monday and
Wednesday" or "the first Wednesday of the month", until a date or a number of times, and see
the next dates; the field still stores an RFC 5545 rule (events/recurrence.py). A rule the
picker cannot show (written by hand or imported) is kept and offered as text."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .recurrence import ORDINALS, WEEKDAY_CODES, WEEKDAY_NAMES, RepeatRule, next_dates

FREQUENCIES = [
    ("", _("Does not repeat")),
    ("weekly", _("Every week or every few weeks")),
    ("monthly", _("Every month on a weekday")),
    ("custom", _("Rule written as text")),
]
ENDS = [("never", _("No end")), ("until", _("Until a date")), ("count", _("A number of times"))]


class RepeatRuleWidget(forms.Widget):
    template_name = "events/widgets/repeat_rule.html"

    def value_from_datadict(self, data, files, name):
        get = data.get
        frequency = get(f"{name}_frequency", None)
        if frequency is None:  # a client posting the rule itself
            return get(name, "")
        if frequency == "custom":
            return (get(f"{name}_text") or "").strip()
        if frequency not in {"weekly", "monthly"}:
            return ""
        getlist = getattr(data, "getlist", lambda key: data.get(key) or [])
        picked = RepeatRule(frequency=frequency)
        try:
            picked.interval = max(1, int(get(f"{name}_interval") or 1))
            picked.ordinal = int(get(f"{name}_ordinal") or 1)
        except ValueError:
            return f"FREQ={frequency.upper()};INTERVAL={get(f'{name}_interval')}"
        picked.weekdays = tuple(day for day in getlist(f"{name}_weekdays") if day in WEEKDAY_CODES)
        weekday = get(f"{name}_weekday") or "MO"
        picked.weekday = weekday if weekday in WEEKDAY_CODES else "MO"
        end = get(f"{name}_end") or "never"
        if end == "count":
            try:
                picked.count = max(1, int(get(f"{name}_count") or 0))
            except ValueError:
                return f"FREQ={frequency.upper()};COUNT={get(f'{name}_count')}"
        elif end == "until" and get(f"{name}_until"):
            try:
                picked.until = datetime.strptime(get(f"{name}_until"), "%Y-%m-%d").date()
            except ValueError:
                return f"FREQ={frequency.upper()};UNTIL={get(f'{name}_until')}"
        return picked.to_rule()

    def value_omitted_from_data(self, data, files, name):
        return f"{name}_frequency" not in data and name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = value or ""
        picked = RepeatRule.from_rule(value)
        frequency = "custom" if picked is None else picked.frequency
        picked = picked or RepeatRule()
        end = "count" if picked.count else "until" if picked.until else "never"
        today = timezone.localdate()
        preview = next_dates(value, datetime.combine(today, time(12))) if value else []
        context["widget"].update(
            {
                "frequencies": FREQUENCIES,
                "frequency": frequency,
                "picked": picked,
                "text": value if frequency == "custom" else "",
                "weekdays": [
                    (code, label, code in picked.weekdays)
                    for code, label in zip(WEEKDAY_CODES, WEEKDAY_NAMES, strict=True)
                ],
                "weekday_choices": list(zip(WEEKDAY_CODES, WEEKDAY_NAMES, strict=True)),
                "ordinals": ORDINALS,
                "ends": ENDS,
                "end": end,
                "until": picked.until.isoformat() if picked.until else "",
                "preview": preview,
            }
        )
        return context
