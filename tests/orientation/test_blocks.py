"""Blocks: templates, previews, sanitising, alt text, videos."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from wagtail import blocks as wagtail_blocks

from samverka.blocks import (
    ImageBlock,
    SanitisedRichText,
    VideoBlock,
    base_stream_blocks,
    orientation_stream_blocks,
    sanitise_html,
    video_embed,
)

from .conftest import add_topic

ATTACK = (
    '<p>Hej<script>alert("x")</script></p>'
    '<p onclick="alert(1)">klick</p>'
    '<a href="javascript:alert(1)">länk</a>'
    '<a href="https://example.org" onmouseover="alert(1)">ok</a>'
    '<img src=x onerror="alert(1)">'
    '<iframe src="https://evil.example"></iframe>'
    "<style>body{display:none}</style><!-- kommentar -->"
)


def test_every_block_has_template_icon_description_and_preview():
    for name, block in [*orientation_stream_blocks(), *base_stream_blocks()]:
        meta = block.meta
        assert meta.icon, name
        assert meta.description, name
        if name in ("text",):
            assert isinstance(block, wagtail_blocks.RichTextBlock)
        assert meta.template, name
        get_template(meta.template)  # exists
        assert meta.preview_value, name


@pytest.mark.parametrize(
    "name",
    [
        "easy_read",
        "heading",
        "text",
        "callout",
        "steps",
        "questions",
        "contact",
        "authority_links",
        "video",
    ],
)
def test_each_block_renders_its_preview(name):
    block = dict(orientation_stream_blocks())[name]
    value = block.normalize(block.meta.preview_value)
    html = block.render(value)
    assert html.strip()


def test_sanitiser_keeps_text_and_safe_markup_only():
    html = sanitise_html(ATTACK)
    assert "<script" not in html and "alert(" not in html
    assert "onclick" not in html and "onmouseover" not in html and "onerror" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html and "<style" not in html and "kommentar" not in html
    assert "<img" not in html
    assert '<a href="https://example.org">ok</a>' in html
    assert "Hej" in html and "klick" in html


def test_rich_text_value_is_sanitised_when_rendered():
    assert "<script" not in str(SanitisedRichText(ATTACK))


@pytest.mark.django_db
def test_script_pasted_by_an_editor_never_reaches_visitors(client, orientation_index):
    add_topic(
        orientation_index,
        "Test",
        "test",
        body=[
            {"type": "text", "value": ATTACK},
            {"type": "callout", "value": {"title": "<script>alert(2)</script>", "text": ATTACK}},
            {"type": "easy_read", "value": {"title": "Lättläst", "text": ATTACK}},
            {
                "type": "questions",
                "value": {"heading": "", "items": [{"question": "Q?", "answer": ATTACK}]},
            },
            {
                "type": "steps",
                "value": {"heading": "", "steps": [{"title": "Steg", "text": ATTACK}]},
            },
        ],
    )
    html = client.get("/samhallsorientering/test/").content.decode()
    assert "Hej" in html
    assert "<script>alert" not in html
    assert "javascript:alert" not in html
    assert "onerror=" not in html and "onclick=" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html  # a title is plain text, escaped


@pytest.mark.django_db
def test_meeting_place_accessibility_text_is_sanitised(client, home_page):
    from samverka.orientation.models import MeetingPlaceIndexPage, MeetingPlacePage

    index = MeetingPlaceIndexPage(title="Mötesplatser", slug="motesplatser")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    place = MeetingPlacePage(
        title="Mötesplats Test",
        slug="test",
        street_address="Gatan 1",
        city="Ålunda",
        district="Ekby",
        accessibility=ATTACK,
    )
    index.add_child(instance=place)
    place.save_revision().publish()
    html = client.get("/motesplatser/test/").content.decode()
    assert "klick" in html and "<script>alert" not in html and "onclick=" not in html


@pytest.mark.django_db
def test_an_image_without_alt_text_cannot_be_saved():
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Bild", file=get_test_image_file())
    block = ImageBlock()
    for alt in ("", "   "):
        with pytest.raises(ValidationError):
            block.clean(block.to_python({"image": image.pk, "alt": alt, "caption": ""}))
    value = block.clean(block.to_python({"image": image.pk, "alt": "En karta", "caption": ""}))
    html = block.render(value)
    assert 'alt="En karta"' in html


@pytest.mark.django_db
def test_an_image_block_without_alt_fails_page_validation(orientation_index):
    """The StreamField form refuses it, so the page cannot be published."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from samverka.orientation.models import OrientationTopicPage

    image = Image.objects.create(title="Bild", file=get_test_image_file())
    stream_block = OrientationTopicPage._meta.get_field("body").stream_block
    value = stream_block.to_python(
        [{"type": "image", "value": {"image": image.pk, "alt": "", "caption": ""}}]
    )
    with pytest.raises(ValidationError):
        stream_block.clean(value)


def test_video_block_accepts_only_known_providers_and_loads_nothing_before_play():
    assert video_embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")[0] == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert (
        video_embed("https://vimeo.com/123456")[0] == "https://player.vimeo.com/video/123456?dnt=1"
    )
    assert video_embed('https://evil.example/"><script>')[0] is None
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"url": "https://evil.example/v", "title": "x", "transcript": ""})
        )
    value = block.to_python(
        {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Vården", "transcript": ""}
    )
    html = block.render(value)
    assert "<iframe" not in html  # nothing from YouTube until the visitor presses play
    assert 'data-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
