"""URLs of a host with some of Samverka's apps (tests/plugin/test_combinations.py)."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from samverka import plugin

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include(plugin.urlpatterns)),
    path("", include(wagtail_urls)),
]
