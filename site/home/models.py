from django.db import models
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

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """A plain content page (about the platform, privacy, accessibility statement)."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    body = StreamField(base_stream_blocks(), blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
