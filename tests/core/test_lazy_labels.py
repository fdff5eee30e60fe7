"""Labels built once at import time must still follow the visitor's language,
and values passed to {% blocktranslate %} must reach the text."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "expected", "absent"),
    [("/en", "Monday morning", "måndag"), ("", "måndag", "Monday")],
)
def test_volunteer_form_availability_follows_the_language(
    client, home_page, prefix, expected, absent
):
    html = client.get(f"{prefix}/organisations/volunteer/").content.decode()
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
