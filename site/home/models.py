from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
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
