"""Small page trees for the orientation tests (the full demo only where needed)."""

import pytest
from wagtail.models import Locale


def publish(page):
    page.save_revision().publish()
    return page


def add_topic(parent, title, slug, body=None, intro="", **fields):
    from samverka.orientation.models import OrientationTopicPage

    page = OrientationTopicPage(title=title, slug=slug, intro=intro, body=body or [], **fields)
    parent.add_child(instance=page)
    return publish(page)


def translate(page, code, **fields):
    """A translation made by hand and recorded in wagtail-localize segment by segment."""
    from samverka.orientation.translation import adopt_translation

    translation = page.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(translation, name, value)
    publish(translation)
    adopt_translation(page, translation)
    return translation


@pytest.fixture
def orientation_index(home_page):
    from samverka.orientation.models import OrientationIndexPage

    index = OrientationIndexPage(
        title="Samhällsorientering", slug="samhallsorientering", show_in_menus=True
    )
    home_page.add_child(instance=index)
    publish(index)
    for code in ("en", "ar"):
        translate(index, code, title=f"Index {code}")
    return index


@pytest.fixture
def health_topic(orientation_index):
    """A Swedish topic with an Arabic translation (no Tigrinya one)."""
    page = add_topic(
        orientation_index,
        "Hälsa och vård",
        "halsa",
        intro="Om vårdcentralen och tolk i vården.",
        body=[
            {"type": "easy_read", "value": {"title": "Lättläst", "text": "<p>Ring 1177.</p>"}},
            {"type": "text", "value": "<p>Vårdcentralen är din första kontakt.</p>"},
        ],
    )
    translate(
        page,
        "ar",
        title="الصحة والرعاية",
        intro="عن المركز الصحي والمترجم.",
        body=[
            {
                "type": "easy_read",
                "value": {"title": "سهل القراءة", "text": "<p>اتصل بـ 1177.</p>"},
            },
            {"type": "text", "value": "<p>المركز الصحي هو أول اتصال لك بالرعاية.</p>"},
        ],
    )
    return page
