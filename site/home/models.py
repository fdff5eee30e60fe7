from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from samverka.blocks import base_stream_blocks


class HomePage(Page):
    """The municipality's front page: a short introduction and sections."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    body = StreamField(base_stream_blocks(), blank=True, verbose_name=_("sections"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    page_cache = True

    class Meta:
        verbose_name = _("home page")

    @property
    def localized(self):
        """The live translation in the active language, from the layout cache: Wagtail
        asks for it on every request it routes (`site.root_page.localized`)."""
        from samverka.core.layout import localized_home

        return localized_home(self)

    def route(self, request, path_components):
        """Find the page in this language's tree, else the Swedish page at the same path.

        Translations keep the Swedish slugs, so "/ti/samhallsorientering/halsa/"
        shows the Swedish page (with a notice in Tigrinya) until it is translated,
        never a 404.
        """
        from samverka.core.layout import cached_route

        try:
            if not path_components:
                return super().route(request, path_components)
            return cached_route(
                request,
                self,
                path_components,
                lambda: super(HomePage, self).route(request, path_components),
            )
        except Http404:
            if not path_components or self.locale.language_code == settings.LANGUAGE_CODE:
                raise
            source = (
                HomePage.objects.filter(
                    translation_key=self.translation_key,
                    locale__language_code=settings.LANGUAGE_CODE,
                )
                .live()
                .first()
            )
            if source is None:
                raise
            return source.route(request, path_components)


class StandardPage(Page):
    """A plain content page (about the platform, privacy, accessibility statement)."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    body = StreamField(base_stream_blocks(), blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    page_cache = True

    class Meta:
        verbose_name = _("standard page")


class AccessibilityStatementPage(Page):
    """Tillgänglighetsredogörelse: the accessibility statement the DOS law requires of
    public-sector websites, in the structure Digg (the supervisory authority) prescribes:
    who stands behind the site, how accessible it is, what is not accessible and why, how
    to report a problem, the enforcement procedure, how the site was tested, and when the
    statement was made and last reviewed."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    intro = models.TextField(
        _("who stands behind the site"),
        max_length=600,
        help_text=_(
            "For example: Ålunda kommun is responsible for this website. We want as "
            "many people as possible to be able to use it."
        ),
    )
    compliance = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_(
            "How the website complies with the law on accessibility of digital public "
            "services (DOS law), measured against WCAG 2.1 level AA."
        ),
    )
    non_accessible_content = RichTextField(
        _("content that is not accessible"),
        features=["h3", "bold", "italic", "ul", "ol", "link"],
        blank=True,
        help_text=_(
            "What does not meet the requirements and why: lack of compliance with "
            "the law, disproportionate burden, or content outside the law's scope. "
            "Name the WCAG success criterion where you can."
        ),
    )
    feedback = RichTextField(
        _("how to report a problem or ask for content in another format"),
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("Who to contact (email, phone) and how soon they answer."),
    )
    enforcement = RichTextField(
        _("enforcement procedure"),
        features=["bold", "italic", "link"],
        help_text=_(
            "Digg (the Agency for Digital Government) supervises the law. Say that "
            "anyone unhappy with how we handle a report can notify Digg, with a link "
            "to Digg's form."
        ),
    )
    testing = RichTextField(
        _("how we tested the website"),
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_(
            "Self-assessment, automated tests, tests with users, an external audit; "
            "what was tested and when."
        ),
    )
    published_on = models.DateField(_("website published"), null=True, blank=True)
    statement_made_on = models.DateField(_("statement first made"))
    statement_updated_on = models.DateField(
        _("statement last reviewed"), help_text=_("Review the statement at least once a year.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("compliance"),
        FieldPanel("non_accessible_content"),
        FieldPanel("feedback"),
        FieldPanel("enforcement"),
        FieldPanel("testing"),
        FieldRowPanel(
            [
                FieldPanel("published_on"),
                FieldPanel("statement_made_on"),
                FieldPanel("statement_updated_on"),
            ]
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    page_cache = True

    class Meta:
        verbose_name = _("accessibility statement")


@register_setting(icon="list-ul")
class FooterSettings(ClusterableModel, BaseSiteSetting):
    """The links in every page's footer, in the visitor's language where translated.

    The accessibility statement is always linked (the DOS law asks for it on every page);
    editors add other pages (privacy, about, contact) below it."""

    accessibility_statement = models.ForeignKey(
        "home.AccessibilityStatementPage",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Linked from every footer in every language. Without one, the first "
            "published accessibility statement is linked."
        ),
    )

    panels = [
        FieldPanel("accessibility_statement"),
        InlinePanel("links", label=_("Footer link"), heading=_("Other footer links")),
    ]

    class Meta:
        verbose_name = _("footer links")


class FooterLink(Orderable):
    settings = ParentalKey(FooterSettings, on_delete=models.CASCADE, related_name="links")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("footer link")
        verbose_name_plural = _("footer links")
