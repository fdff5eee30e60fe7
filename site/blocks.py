"""StreamField blocks shared by every page type, in one place.

Each block declares its icon, template, description and a preview value so
editors see what it does before they pick it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Heading")
        description = _("A section heading that also appears in the page outline.")
        preview_value = {"text": "Att bo i Sverige", "level": "h2"}


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/text.html"
        label = _("Text")
        description = _("Paragraphs with headings, lists and links. Keep sentences short.")
        preview_value = (
            "<p>Här hittar du information om hur samhället fungerar och vart du vänder dig.</p>"
        )


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, default=_("Good to know"))
    text = TextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        label = _("Good to know")
        description = _("A highlighted box for one important piece of advice.")
        preview_value = {
            "title": "Bra att veta",
            "text": "<p>Ta med ditt LMA-kort eller uppehållstillståndskort.</p>",
        }


class EntryPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Short text"), max_length=240)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Or an address on this site"),
        required=False,
        help_text=_("For example /evenemang/. Used when no page is chosen."),
    )

    class Meta:
        icon = "link"
        label = _("Entry point")


class EntryPointsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    items = blocks.ListBlock(EntryPointBlock(), label=_("Entry points"), min_num=1, max_num=6)

    class Meta:
        icon = "grip"
        template = "blocks/entry_points.html"
        label = _("Entry points")
        description = _("Large cards that lead visitors to where they want to go.")
        preview_value = {
            "heading": "Var vill du börja?",
            "items": [
                {"title": "Jag är ny här", "text": "Grundläggande information.", "url": "/"},
                {"title": "Jag vill hjälpa till", "text": "Bli kompis eller mentor.", "url": "/"},
            ],
        }


def base_stream_blocks():
    """The blocks every content page offers; page types add their own."""
    return [
        ("heading", HeadingBlock()),
        ("text", TextBlock()),
        ("callout", CalloutBlock()),
        ("entry_points", EntryPointsBlock()),
    ]
