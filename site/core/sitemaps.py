from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from wagtail.models import Page, Site


class AllLanguagesPageSitemap(Sitemap):
    """Every live public page of the site, in every language it exists in.

    Wagtail's own sitemap lists only the default-language tree; translations
    live under sibling root pages.
    """

    limit = 5000

    def __init__(self, request=None):
        self.request = request

    def items(self):
        # The site asked for (one Wagtail Site per municipality, docs/architecture.md), else
        # the default one.
        site = Site.find_for_request(self.request) if self.request is not None else None
        if site is None or site.root_page_id is None:
            site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        if site is None:
            return Page.objects.none()
        roots = site.root_page.get_translations(inclusive=True)
        in_any_tree = Q()
        for root in roots.only("path"):
            in_any_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_any_tree)
            .exclude(depth=1)
            .order_by("path")
            .select_related("locale")
            .defer_streamfields()
        )

    def location(self, page):
        return page.get_url(request=self.request)

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at


class LocalizedViewsSitemap(Sitemap):
    """Public Django views (not Wagtail pages), once per language.

    Apps list their public url names in `sitemaps.py` as PUBLIC_URL_NAMES.
    """

    def __init__(self, url_names):
        self.url_names = url_names

    def items(self):
        from django.conf import settings

        return [(name, code) for name in self.url_names for code, _label in settings.LANGUAGES]

    def location(self, item):
        from django.urls import reverse
        from django.utils import translation

        name, code = item
        with translation.override(code):
            return reverse(name)


# Core serves no public Django views of its own; its pages are Wagtail pages.
PUBLIC_URL_NAMES: list[str] = []
