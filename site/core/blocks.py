"""StreamField blocks shared by every page type, in one place.

Each block declares its icon, template, description and a preview value so
editors see what it does before they pick it.
"""

import re

from bs4 import NavigableString, Tag
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
SHORT_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]

# --- Sanitising: an allow-list for HTML that reaches visitors -------------------

# Elements removed together with everything inside them.
DROP_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "template",
    "noscript",
    "svg",
    "math",
    "form",
    "input",
    "button",
    "textarea",
    "select",
}


def _safe_href(value):
    value = check_url(value)
    if value is None or value.strip().lower().startswith("data:"):
        return None
    return value


class VisitorHTMLWhitelister(Whitelister):
    element_rules = {
        "[document]": allow_without_attributes,
        "a": attribute_rule({"href": _safe_href}),
        "b": allow_without_attributes,
        "br": allow_without_attributes,
        "em": allow_without_attributes,
        "h2": allow_without_attributes,
        "h3": allow_without_attributes,
        "h4": allow_without_attributes,
        "i": allow_without_attributes,
        "li": allow_without_attributes,
        "ol": allow_without_attributes,
        "p": allow_without_attributes,
        "strong": allow_without_attributes,
        "ul": allow_without_attributes,
    }

    def clean_node(self, doc, node):
        if isinstance(node, Tag) and node.name in DROP_WITH_CONTENT:
            node.decompose()
            return
        super().clean_node(doc, node)

    def clean_string_node(self, doc, node):
        if isinstance(node, NavigableString) and type(node) is not NavigableString:
            # Comments, CDATA, processing instructions, doctypes: never shown.
            node.extract()
            return
        super().clean_string_node(doc, node)


_whitelister = VisitorHTMLWhitelister()


def sanitise_html(html: str) -> str:
    """Keep only paragraphs, headings, lists, emphasis and safe links."""
    if not html:
        return ""
    return _whitelister.clean(str(html))


# --- Blocks -------------------------------------------------------------------


class SanitisedRichText(RichText):
    """Rich text whose HTML passes an allow-list on the way out.

    The Draftail editor already drops what it does not know, but content can
    also arrive through imports, the API or a copied revision; whatever is
    stored, a visitor only ever receives the allowed tags and safe links.
    """

    def __html__(self):
        return mark_safe(sanitise_html(super().__html__()))  # noqa: S308 - allow-listed above

    def __str__(self):
        return self.__html__()


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
        search_index=False,
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

    def to_python(self, value):
        return SanitisedRichText(value)

    def normalize(self, value):
        if isinstance(value, SanitisedRichText):
            return value
        return SanitisedRichText(value.source if isinstance(value, RichText) else value)

    def value_from_form(self, value):
        return SanitisedRichText(value)

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


class EasyReadBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, default=_("Easy to read"))
    text = TextBlock(label=_("Text"), features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "openquote"
        template = "blocks/easy_read.html"
        label = _("Easy-to-read summary")
        description = _(
            "The page in a few short, simple sentences. Always shown first, wherever you put it."
        )
        preview_value = {
            "title": "Lättläst",
            "text": "<p>Du har rätt till vård. Ring 1177 om du blir sjuk.</p>",
        }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=160)
    text = TextBlock(label=_("Details"), features=SHORT_TEXT_FEATURES, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/steps.html"
        label = _("Numbered steps")
        description = _("What to do, in order: one short step per row.")
        preview_value = {
            "heading": "Så skriver du in dig",
            "steps": [
                {"title": "Boka en tid", "text": "<p>Ring eller boka på webben.</p>"},
                {"title": "Ta med din legitimation", "text": ""},
            ],
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = TextBlock(label=_("Answer"), features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class QuestionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    items = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        template = "blocks/questions.html"
        label = _("Questions and answers")
        description = _(
            "Common questions. Visitors open each answer, with the mouse or the keyboard."
        )
        preview_value = {
            "heading": "Vanliga frågor",
            "items": [
                {
                    "question": "Kostar det något?",
                    "answer": "<p>Nej, det är gratis.</p>",
                }
            ],
        }


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Authority or service"), max_length=120)
    phone = blocks.CharBlock(label=_("Phone"), max_length=40, required=False)
    email = blocks.EmailBlock(label=_("Email"), required=False)
    website = blocks.URLBlock(label=_("Website"), required=False)
    address = blocks.CharBlock(label=_("Visiting address"), max_length=200, required=False)
    opening_hours = blocks.TextBlock(label=_("Opening hours"), max_length=400, required=False)
    note = blocks.TextBlock(label=_("Note"), max_length=400, required=False)

    class Meta:
        icon = "user"
        template = "blocks/contact_card.html"
        label = _("Contact card")
        description = _("How to reach an authority or service: phone, web, opening hours.")
        preview_value = {
            "name": "Försäkringskassan",
            "phone": "0771-524 524",
            "website": "https://www.forsakringskassan.se",
            "opening_hours": "Måndag–fredag 8–16",
        }


class AuthorityLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Name"), max_length=120)
    url = blocks.URLBlock(label=_("Address"))
    description = blocks.CharBlock(label=_("What you find there"), max_length=200, required=False)

    class Meta:
        icon = "link-external"
        label = _("Link")


class AuthorityLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, default=_("Authorities")
    )
    links = blocks.ListBlock(AuthorityLinkBlock(), label=_("Links"), min_num=1)

    class Meta:
        icon = "link-external"
        template = "blocks/authority_links.html"
        label = _("Links to authorities")
        description = _("Links to authorities' own websites, each with a line about what is there.")
        preview_value = {
            "heading": "Myndigheter",
            "links": [
                {
                    "title": "Migrationsverket",
                    "url": "https://www.migrationsverket.se",
                    "description": "Uppehållstillstånd och medborgarskap",
                }
            ],
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        description = _("A picture with a required description for screen readers.")
        # No image in the preview: the library may be empty; the alt text shows the idea.
        preview_value = {
            "image": None,
            "alt": "Två personer vid ett bord på mötesplatsen",
            "caption": "Medborgarservice på Mötesplats Ekby",
        }

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"alt": ValidationError(_("Describe the image."))}
            )
        return value


VIDEO_PATTERNS = [
    (
        re.compile(
            r"^https?://(?:www\.|m\.)?(?:youtube\.com/watch\?(?:.*&)?v=|youtu\.be/|"
            r"youtube\.com/embed/)([A-Za-z0-9_-]{11})"
        ),
        "https://www.youtube-nocookie.com/embed/{}",
        "YouTube",
    ),
    (
        re.compile(r"^https?://(?:www\.)?vimeo\.com/(\d{1,12})"),
        "https://player.vimeo.com/video/{}?dnt=1",
        "Vimeo",
    ),
]


def video_embed(url: str):
    """(embed address, provider name) for a YouTube or Vimeo link, else (None, None)."""
    for pattern, template, provider in VIDEO_PATTERNS:
        match = pattern.match(url or "")
        if match:
            return template.format(match.group(1)), provider
    return None, None


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Video address"), help_text=_("A link to the video on YouTube or Vimeo.")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    transcript = TextBlock(
        label=_("Transcript or summary"), features=SHORT_TEXT_FEATURES, required=False
    )

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        label = _("Video")
        description = _(
            "A YouTube or Vimeo video. It loads only when the visitor chooses to play it."
        )
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "title": "Så fungerar vården i Sverige",
        }

    def clean(self, value):
        value = super().clean(value)
        if video_embed(value.get("url"))[0] is None:
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Use a link to YouTube or Vimeo."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_url"], context["provider"] = video_embed(value.get("url"))
        return context


def base_stream_blocks():
    """The blocks every content page offers; page types add their own."""
    return [
        ("heading", HeadingBlock()),
        ("text", TextBlock()),
        ("callout", CalloutBlock()),
        ("entry_points", EntryPointsBlock()),
    ]


def orientation_stream_blocks():
    """Blocks for civic orientation and meeting place pages."""
    return [
        ("easy_read", EasyReadBlock()),
        ("heading", HeadingBlock()),
        ("text", TextBlock()),
        ("callout", CalloutBlock()),
        ("steps", StepsBlock()),
        ("questions", QuestionsBlock()),
        ("contact", ContactCardBlock()),
        ("authority_links", AuthorityLinksBlock()),
        ("image", ImageBlock()),
        ("video", VideoBlock()),
    ]
