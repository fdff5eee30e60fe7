"""Labels built once at import time must still follow the visitor's language,
and values passed to {% blocktranslate %} must reach the text."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from associations.forms import BecomeVolunteerForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "expected", "absent"),
    [("/en", "Monday morning", "måndag"), ("", "måndag", "Monday")],
)
def test_volunteer_form_availability_follows_the_language(
    client, home_page, prefix, expected, absent
):
    # The form is in steps (samverka.core.steps): go back from the step after the
    # availability grid to reach it without filling in the earlier steps.
    url = f"{prefix}/organisations/volunteer/"
    steps = client.get(url).context["steps"]
    after = 1 + next(
        index
        for index, step in enumerate(BecomeVolunteerForm.STEPS)
        if "availability" in step.fields
    )
    response = client.post(url, {"_step": after, "_carry": steps.carry, "_back": "1"})
    assert response.context["steps"].step.fields == ("availability",)
    html = response.content.decode()
    assert expected in html
    assert absent not in html


def test_outcome_reminder_names_the_checkpoint():
    context = {
        "checkpoint_label": "After 90 days",
        "due_on": None,
        "internship": SimpleNamespace(
            newcomer="Amina Yusuf", place=SimpleNamespace(title="Snickare")
        ),
    }
    with translation.override("en"):
        subject = render_to_string("internships/email/outcome_reminder_subject.txt", context)
        body = render_to_string("internships/email/outcome_reminder_body.txt", context)
    assert "Record the outcome after 90 days for Amina Yusuf" in subject
    assert "outcome after 90 days" in body
